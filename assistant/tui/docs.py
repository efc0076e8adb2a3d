"""Answers as `AnswerDoc`s for the chat.

The builders return docs (questions, checks); Markdown pages that are read whole
(`/help`, `/list`, `/lookup`, `/cert`, the welcome) become a doc with no sections
(`page_doc`). Pure Python (no Textual).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answers.document import AnswerDoc

if TYPE_CHECKING:
    from assistant.services.answering import Answered


def page_doc(markdown: str) -> AnswerDoc:
    """A page read as a whole: everything shown, nothing to open."""
    return AnswerDoc(headline="", verdict=markdown)


def question_doc(answered: Answered, shown: frozenset[str] = frozenset()) -> AnswerDoc:
    """The answer to a question without the sections this conversation has shown already
    (a follow-up shows only what is new)."""
    return without(answered.doc, shown)


def without(doc: AnswerDoc, keys: frozenset[str]) -> AnswerDoc:
    if not keys & doc.keys:
        return doc
    return AnswerDoc(doc.headline, doc.verdict, tuple(s for s in doc.sections if s.key not in keys))
