"""What the conversation knows, shared by the chat's flows: plain data, no widgets.

The app owns one `Session`; the flows read it and update it (the knowledge base once it
is loaded, the dialogue state after each answer) and then tell the app what to show
through `ChatHost`. Pure Python (no Textual).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.tui.transcript import Transcript

if TYPE_CHECKING:
    from assistant.intent import DialogueState, Routed
    from assistant.kb.knowledge_base import KnowledgeBase

LOADING = "loading the knowledge base…"


@dataclass
class Session:
    kb: KnowledgeBase | None = None
    kb_error: str | None = None  # why the base could not be loaded (then kb stays None)
    kb_status: str = LOADING  # shown at the right of the topic bar
    state: DialogueState | None = None  # what follow-up questions refer to
    transcript: Transcript = field(default_factory=Transcript)
    # The messages the user reported in their own words (a check compares with these
    # only, never with an earlier check's result) and the answer sections already shown
    # (a follow-up leaves them out).
    reported: tuple[str, ...] = ()
    shown: set[str] = field(default_factory=set)
    # The glossary entry the last answer was about (a term's what-is or how-to), with the
    # state that answer left: the topic bar names the term while that state is the topic.
    term: tuple[str, DialogueState] | None = None
    conversation_id: str = ""  # the file it is saved in (tui/conversations.py)
    started: float = field(default_factory=time.time)

    def note_question(self, routed: Routed) -> None:
        """After a question: a message named in the text itself is what the user reports."""
        from assistant.services.answering import reported_after

        self.reported = reported_after(routed, self.reported)

    def forget(self, new_id: str = "") -> None:
        """A new conversation (`/clear`, or before a resumed one is put in)."""
        self.state, self.reported, self.term = None, (), None
        self.shown.clear()
        self.transcript.clear()
        self.conversation_id, self.started = new_id, time.time()
