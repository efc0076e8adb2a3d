"""The answer to a how-to or where-to question that names no term and reports no failure
("how to enable TLS 1.2 for outbound calls", "where do I set the proxy for HTTP calls?").

Such a question asks for steps: it is answered by the steps of the cause its words meet
best (or, when they meet no cause, by the glossary entries they meet — the HTTP test
reports for "how can I test an HTTPS endpoint from SAP?"). No SCLNT_HTTP message is guessed
for the headline and no error text is asked for: nothing failed yet. The other causes the
words meet are named in one line, not given step by step (their steps are for their own
failures).

A how-to that names none of the domain's terms (intent.howtoterms: "how do I create a
transport request?") is outside what the base covers: the answer says so, what sapassist
covers, and example questions made from the base's own messages and transactions — never the
steps of an entry its generic words ("create", "install", "password") happened to meet."""

from __future__ import annotations

import re

from assistant.answers.answer_sections import check_section, sources_section
from assistant.answers.clientside import fix_steps
from assistant.answers.document import AnswerDoc, Section, assemble
from assistant.answers.otherclient_howto import other_client_doc
from assistant.answers.pieces import cause_title, glossary_heading, numbered
from assistant.answers.replies import glossary_sections
from assistant.answers.terms import lead_sentence
from assistant.intent.howtoterms import is_outside
from assistant.intent.intents import POPULAR
from assistant.intent.otherclientsetup import is_other_client_setup
from assistant.intent.placequestion import passage_naming
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

OTHERS_NAMED = 3  # other causes the words meet, named in one line
# A runner-up named beside the lead only when the words meet it nearly as well.
OTHERS_SHARE = 0.6
HOW_TO_NOTE = "A how-to question, no failure reported"
OUTSIDE_HEADLINE = "Not an SAP HTTP-client question"
TRANSACTIONS_NAMED = 3  # the transactions named in what sapassist covers
_FIRST_STEP = re.compile(r"^[ \t]*1\.[ \t]+(.+?)(?=\n[ \t]*\n|\n[ \t]*2\.[ \t]|\Z)", re.MULTILINE | re.DOTALL)


def how_to_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    """Steps for a how-to question: the lead cause's fix, else the glossary entries met;
    outside the domain, what sapassist covers instead."""
    if is_outside(routed.scope):
        return outside_doc(routed, kb)
    if is_other_client_setup(routed.scope):
        return other_client_doc(routed, kb)
    causes = [(kb.causes[c.id], c.score) for c in routed.causes if c.id in kb.causes]
    with_steps = [(c, s, fix_steps(c, routed, kb)) for c, s in causes]
    with_steps = [(c, s, steps) for c, s, steps in with_steps if steps]
    if not with_steps:
        return _entries_doc(routed, kb)
    lead, lead_score, steps = with_steps[0]
    title = cause_title(lead, routed.scope.kind)
    others = [c for c, s, _ in with_steps[1:] if s >= OTHERS_SHARE * lead_score][:OTHERS_NAMED]
    verdict = [
        f"**{HOW_TO_NOTE}** — the steps are those of the entry that covers it: {title} (`{lead.id}`).",
        f"**First step:** {steps[0]}",
    ]
    also = "\n".join(f"- {cause_title(c, routed.scope.kind)} (`{c.id}`)" for c in others)
    sections = [
        Section(f"fix:{lead.id}", f"How to do it — {title}", numbered(steps)),
        Section("howto:others:" + ",".join(c.id for c in others), "Other entries your question meets", also),
        check_section(routed, kb, for_chat=for_chat),
        sources_section(routed, kb, None, n_causes=1),
    ]
    return assemble(f"Steps from the entry: {title}", verdict, sections)


def _entries_doc(routed: Routed, kb: KnowledgeBase) -> AnswerDoc:
    """No cause met: the glossary entries the words meet (Routed.suggestions), first one first."""
    ids = [key[2:] for key in routed.suggestions if key.startswith("g:") and key[2:] in kb.glossary]
    if not ids:
        return AnswerDoc(f"{HOW_TO_NOTE} — none of its words is in the knowledge base",
                         "Ask it with the transaction, parameter or error it is about (`/list` shows every message).")
    first = kb.glossary[ids[0]]
    passage = passage_naming(first.text, routed.place_word) if routed.place_word else None
    if passage is not None:  # a where-question: the passage that names what it asks for
        verdict = [f"**{HOW_TO_NOTE}** — the entry {glossary_heading(first)} names it: {passage}",
                   "Where it is stored beyond that is not in the knowledge base."]
        return assemble(f"Where to look: {glossary_heading(first)}", verdict, glossary_sections(routed, kb, ids))
    step = first_step(first.text)
    if step is not None:  # an entry of numbered steps (the set-up path) leads with its first
        verdict = [f"**{HOW_TO_NOTE}** — the steps are those of the entry that covers it: {first.title}.",
                   f"**First step:** {step}"]
        return assemble(f"Steps from the entry: {first.title}", verdict, glossary_sections(routed, kb, ids))
    verdict = [
        f"**{HOW_TO_NOTE}** — the entries that cover it are below, {glossary_heading(first)} first.",
        lead_sentence(first.text),
    ]
    return assemble(f"Where to look: {glossary_heading(first)}", verdict, glossary_sections(routed, kb, ids))


def first_step(text: str) -> str | None:
    """The first of an entry's numbered steps ("1. …" up to the second or a blank line), one line."""
    m = _FIRST_STEP.search(text)
    return " ".join(m.group(1).split()) if m else None


def outside_doc(routed: Routed, kb: KnowledgeBase) -> AnswerDoc:
    """A how-to naming none of the domain's terms: what it is (the scope's reason, with the
    adjacent layer the scope stage saw, if any), what sapassist covers and how to ask it."""
    reason = routed.scope.reason
    transactions = [g for g in kb.glossary.values() if g.kind == "transaction"][:TRANSACTIONS_NAMED]
    covered = (
        f"**What sapassist covers:** SAP HTTP-client errors — the {sum(m.startswith('SCLNT_HTTP') for m in kb.messages)} SCLNT_HTTP messages "
        "it knows, the ICM, SapSSL and NI codes behind them, their causes and fixes — "
        "and the TLS, certificate and proxy settings those fixes use"
    )
    if transactions:
        covered += " (" + ", ".join(f"`{g.id}`" for g in transactions) + " …)"
    verdict = [f"**What it is:** {reason[0].upper()}{reason[1:]}.", covered + ".", _examples(kb)]
    return AnswerDoc(OUTSIDE_HEADLINE, "\n\n".join(line for line in verdict if line))


def _examples(kb: KnowledgeBase) -> str:
    """Two or three questions sapassist answers, made from the base: a popular message, how to
    fix another, a transaction's entry."""
    popular = [mid for mid in POPULAR if mid in kb.messages][:2]
    asks = [f"*what does {popular[0]} mean?*"] if popular else []
    if len(popular) > 1:
        asks.append(f"*how do I fix {popular[1]}?*")
    transaction = next((g for g in kb.glossary.values() if g.kind == "transaction"), None)
    if transaction is not None:
        asks.append(f"*what is {transaction.id}?*")
    return ("**Ask for example:** " + ", ".join(asks) + " — or paste the error text.") if asks else ""
