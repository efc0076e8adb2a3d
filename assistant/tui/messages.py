"""Textual messages between the chat's flows and the app that composes them.

A flow that needs another flow to act posts one of these to the app (thread-safe, so a
worker may post too); the app's handler passes it on. This keeps the flows from
reaching into each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from assistant.tui.checkargs import CheckRequest
    from assistant.tui.conversations import ConversationInfo, SavedConversation
    from assistant.tui.suggest import SuggestionIndex


class KnowledgeReady(Message):
    """The knowledge base is in `session.kb`: suggestions and queued questions can go."""

    def __init__(self, suggestions: SuggestionIndex) -> None:
        super().__init__()
        self.suggestions = suggestions


class KnowledgeUnavailable(Message):
    """The knowledge base could not be loaded (`session.kb_error` says why)."""


class CheckRequested(Message):
    """Run a live check (from a "yes" to an offer, a "check it" or `/check`)."""

    def __init__(self, request: CheckRequest) -> None:
        super().__init__()
        self.request = request


class ConversationLoaded(Message):
    """A saved conversation was read: put it in place of the current one (the current
    one stays saved)."""

    def __init__(self, saved: SavedConversation, info: ConversationInfo) -> None:
        super().__init__()
        self.saved = saved
        self.info = info
