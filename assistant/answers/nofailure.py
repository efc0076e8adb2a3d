"""The answer to a longer question that reports no failure (intent/nofailure.py): a how-to,
a choice of setting or role, or whether something is supported — with no error, status,
refusal or dump in it.

There is nothing to diagnose, so the answer says that plainly and what sapassist can do
instead: it asks no error text (nothing failed), names no client that "made the call" and
lists no causes — those are causes of failures the text never reported, met only by its
words. The entries the text names (SM59, STRUST, the Cloud Connector's trust store) stay as
sections to open: they are the reference a how-to about them needs."""

from __future__ import annotations

from assistant.answers.document import AnswerDoc, Section
from assistant.answers.replies import glossary_sections
from assistant.intent.nofailure import NO_FAILURE_REASON
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

NO_FAILURE_HEADLINE = "No failed call in your text — nothing to diagnose"
# With entries of the base it names, the question is a how-to about them: the headline says
# what follows instead of only what is missing.
NAMED_ENTRIES_HEADLINE = "A how-to question, no failed call — the entries it names"
WHAT_IT_CAN_DO = (
    "**What sapassist can help with:** a call that fails — an SAP HTTP-client error (SCLNT_HTTP) from the SM59 "
    "connection test, `get_last_error` or `dev_icm`, a status a server answered, another client's connection, "
    "TLS or certificate error: paste its error text and the answer says what it is and where its fix lives. "
    "A how-to about STRUST, SM59, proxies or TLS settings asked in one line (*how to enable TLS 1.2 for outbound "
    "calls*) gets the entry or the steps that cover it."
)
NAMED_ENTRIES = 3  # the entries the text names, at most, as sections


def reports_no_failure(routed: Routed) -> bool:
    """The scope stage found a question that states no failure (its reason says so)."""
    return routed.scope.kind == "unknown" and routed.scope.reason == NO_FAILURE_REASON and not routed.follow_up


def no_failure_doc(routed: Routed, kb: KnowledgeBase) -> AnswerDoc:
    """What the text is (no failed call), what sapassist can do, the entries it names."""
    reason = routed.scope.reason
    verdict = f"**What it is:** {reason[0].upper()}{reason[1:]}.\n\n{WHAT_IT_CAN_DO}"
    named = glossary_sections(routed, kb, routed.glossary[:NAMED_ENTRIES])
    sections = tuple(Section(s.key, f"Entry your text names: {s.title}", s.markdown)
                     if s.key.startswith("glossary:") else s for s in named)
    headline = NAMED_ENTRIES_HEADLINE if named else NO_FAILURE_HEADLINE
    return AnswerDoc(headline, verdict, sections)
