"""Loading the knowledge base for the chat, after the first paint.

The screen is painted with the prompt focused first; the base, its suggestion index and
the router and answer builders load in a thread worker right after. Questions typed
meanwhile wait in the question queue, which this loader starts once the base is there.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from assistant.tui.suggest import SuggestionIndex
from assistant.tui.widgets.topic import TopicBar

if TYPE_CHECKING:
    from assistant.kb.load import LoadResult
    from assistant.tui.app import ChatApp

# Imported in the loading thread too, so the first answer does not pay for them.
PRELOADED = ("assistant.intent", "assistant.answers.questions")


class KnowledgeLoader:
    """Fills `chat.kb` (or `chat.kb_error`) and the status shown in the topic bar."""

    def __init__(self, chat: ChatApp) -> None:
        self.chat = chat

    def start(self) -> None:
        self.chat.run_worker(self._load, name="_load_kb", group="kb", thread=True, exit_on_error=False)

    def _load(self) -> None:
        """In the worker thread: every outcome goes back to the UI thread."""
        try:
            from assistant.services.knowledge import load_knowledge

            result = load_knowledge(self.chat.kb_dirs)  # also primes the cached search indexes
            index = SuggestionIndex.from_kb(result.kb)
        except Exception as exc:
            self.chat.from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        # A failure here shows up (as a notice) when the module is used.
        for module in PRELOADED:
            try:
                importlib.import_module(module)
            except Exception as exc:
                self.chat.log.warning(f"cannot preload {module}: {exc!r}")
        self.chat.from_thread(self._ready, result, index)

    def _ready(self, result: LoadResult, index: SuggestionIndex) -> None:
        chat = self.chat
        chat.kb = result.kb
        chat.suggester.set_index(index)
        for problem in result.problems[:20]:
            chat.say_notice(f"Knowledge base problem: {problem}", severity="error")
        for warning in result.warnings[:20]:
            chat.say_notice(f"Knowledge base: {warning}", severity="warning")
        self._set_status(f"{len(chat.kb.messages)} messages known")
        chat.questions.next()

    def _failed(self, error: str) -> None:
        self.chat.kb_error = error
        self._set_status("knowledge base not available")
        self.chat.say_notice(
            f"The knowledge base could not be loaded ({error}). Checks (/check, /cert) still work.",
            severity="error",
        )
        self.chat.questions.drop_waiting()

    def _set_status(self, status: str) -> None:
        self.chat.kb_status = status
        self.chat.query_one(TopicBar).set_status(status)
