"""Answers about a transaction or term that a report names: the term's entry as what to
check, and — when the report names no error ("SM59 test connection fails") — no "Best
guess" that names no guess, but the plain fact, the one question and that entry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.answers.document import AnswerDoc, Section, assemble
from assistant.answers.pieces import CAUSE_EVIDENCE_FLOOR
from assistant.answers.replies import glossary_sections
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase


def lead_sentence(text: str) -> str:
    """A glossary text's first paragraph as a line of its own: a list's lead-in ("Maintains
    destinations, including HTTP connections:") ends as a sentence, the list is below."""
    first = text.strip().split("\n\n", 1)[0].strip()
    return first[:-1].rstrip() + "." if first.endswith(":") else first


NO_ERROR_HEADLINE = "No error named yet — one question decides"


def no_error_yet_doc(routed: Routed, kb: KnowledgeBase) -> AnswerDoc:
    """A report that something failed in a transaction or with a term, without its error
    ("SM59 test connection fails", "STRUST import does not work"): there is no guess to
    name, so the answer says so, asks its one question, and gives what is worth checking
    there meanwhile: the term's own entry."""
    ids = [g for g in routed.glossary[:2] if g in kb.glossary]
    named = " and ".join(ids) or "a term"
    verdict = [
        f"**Your text names {named} but no error yet** — the error text decides which failure it is.",
        f"**{routed.question}**",
        _meanwhile_line(ids, kb),
    ]
    sources = [s for s in glossary_sections(routed, kb, ids) if s.key.startswith("sources:")]
    return assemble(NO_ERROR_HEADLINE, verdict, [*_term_check_sections(routed, kb), *sources])


def has_guess(routed: Routed) -> bool:
    """The router ranks a message, or a cause with evidence of its own (not only words it
    shares with the text): something an answer can name as its best guess."""
    return bool(routed.messages) or any(c.score >= CAUSE_EVIDENCE_FLOOR for c in routed.causes)


def _term_check_sections(routed: Routed, kb: KnowledgeBase) -> list[Section]:
    ids = [g for g in routed.glossary[:2] if g in kb.glossary]
    return [Section(s.key, f"What to check meanwhile: {s.title}", s.markdown)
            for s in glossary_sections(routed, kb, ids) if not s.key.startswith("sources:")]


def with_term_checks(routed: Routed, kb: KnowledgeBase, doc: AnswerDoc) -> AnswerDoc:
    """A guess about a report that names a transaction: the transaction's entry follows
    the verdict, since the exact error is still to come."""
    return replace(doc, sections=(*_term_check_sections(routed, kb), *doc.sections))


def _meanwhile_line(ids: Sequence[str], kb: KnowledgeBase) -> str:
    if not ids:
        return ""
    where = "in" if kb.glossary[ids[0]].kind == "transaction" else "about"
    return f"Meanwhile, what to check {where} {ids[0]} is below."
