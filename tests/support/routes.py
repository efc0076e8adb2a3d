"""Small readings of a route that several noise tests compare before and after a change."""

from __future__ import annotations

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase


def top_cause(text: str, kb: KnowledgeBase) -> str | None:
    """The id of the cause `text` is answered with first, or None when it names none."""
    causes = route(text, kb).causes
    return causes[0].id if causes else None
