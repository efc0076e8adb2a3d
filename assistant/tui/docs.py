"""Answers as `AnswerDoc`s for the chat.

The builders return docs (questions, checks); Markdown pages that are read whole
(`/help`, `/list`, `/lookup`, `/cert`, the welcome) become a doc with no sections
(`page_doc`). Pure Python (no Textual).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answers.document import AnswerDoc

if TYPE_CHECKING:
    from assistant.intent import Routed
    from assistant.kb.knowledge_base import KnowledgeBase
    from assistant.services.answering import Answered


def page_doc(markdown: str) -> AnswerDoc:
    """A page read as a whole: everything shown, nothing to open."""
    return AnswerDoc(headline="", verdict=markdown)


def question_doc(answered: Answered, shown: frozenset[str] = frozenset()) -> AnswerDoc:
    """The answer to a question as the conversation shows it (services.answering.follow_up_doc,
    as in the piped chat): only what is new, and "how do I fix it?" with the lead cause's fix."""
    from assistant.services.answering import follow_up_doc

    return follow_up_doc(answered.doc, answered.routed, shown)


def term_answered(doc: AnswerDoc, routed: Routed, kb: KnowledgeBase) -> str | None:
    """The glossary entry an answer was about: a question about a term that reports no
    failure ("how do I import a certificate in STRUST?") is answered by the term's entry,
    headed by its title, whatever causes its words also met — the topic is the term."""
    term = routed.glossary[0] if routed.glossary and not routed.messages else None
    if term is None or term not in kb.glossary:
        return None
    return term if doc.headline.startswith(kb.glossary[term].title) else None


def _first_fix(doc: AnswerDoc) -> str | None:
    return next((s.key for s in doc.sections if s.key.startswith("fix:") and s.markdown.strip()), None)


def _first_term(doc: AnswerDoc) -> str | None:
    return next((s.key for s in doc.sections if s.key.startswith("glossary:") and s.markdown.strip()), None)


def asked_for(doc: AnswerDoc, routed: Routed) -> frozenset[str]:
    """The sections the question asked to see: "how do I fix it?" is answered by the first
    fix, shown open — not by a verdict over closed titles, the fix one keypress away; "how
    do I import a certificate in STRUST?" by the term's own steps."""
    if routed.intent != "fix":
        return frozenset()
    first = _first_fix(doc) or _first_term(doc)
    return frozenset({first}) if first else frozenset()


def with_check_offer(doc: AnswerDoc, routed: Routed) -> AnswerDoc:
    """The live-check offer is the last line of the verdict whenever the turn named an
    endpoint: the question builder writes it; for another answer (a pasted trace, whose
    partner is the target) it is added here, in the same words."""
    from assistant.answers.verdict import check_offer_line

    offer = check_offer_line(routed, for_chat=True)
    if not offer or offer in doc.verdict:
        return doc
    return replace(doc, verdict=f"{doc.verdict.rstrip()}\n\n{offer}")
