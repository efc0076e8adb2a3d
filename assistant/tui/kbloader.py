"""Loading the knowledge base for the chat, after the first paint.

The screen is painted with the prompt focused first; the base, its suggestion index and
the router and answer builders load in a thread worker right after. Questions typed
meanwhile wait in the question queue; `KnowledgeReady` tells the app to start it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import log

from assistant.tui.messages import KnowledgeReady, KnowledgeUnavailable
from assistant.tui.suggest import SuggestionIndex

if TYPE_CHECKING:
    from assistant.kb.load import LoadResult
    from assistant.tui.host import ChatHost

    LoadKnowledge = Callable[[Sequence[str | Path]], LoadResult]

# Imported in the loading thread too, so the first answer does not pay for them.
PRELOADED = ("assistant.intent.router", "assistant.answers.questions")


class KnowledgeLoader:
    """Fills `session.kb` (or `session.kb_error`) and the status shown in the topic bar.

    `load` is `services.knowledge.load_knowledge` unless a caller (a test holding the
    loading state) passes its own.
    """

    def __init__(self, host: ChatHost, kb_dirs: Sequence[str | Path], load: LoadKnowledge | None = None) -> None:
        self.host = host
        self.kb_dirs = list(kb_dirs)
        self.load = load

    def start(self) -> None:
        self.host.run_in_thread(self._load, name="_load_kb", group="kb")

    def _load(self) -> None:
        """In the worker thread: every outcome goes back to the UI thread."""
        try:
            from assistant.services.knowledge import load_knowledge

            result = (self.load or load_knowledge)(self.kb_dirs)  # also primes the search indexes
            index = SuggestionIndex.from_kb(result.kb)
        except Exception as exc:
            self.host.deliver(self._failed, f"{type(exc).__name__}: {exc}")
            return
        for module in PRELOADED:
            try:
                importlib.import_module(module)
            except Exception as exc:  # shows up (as a notice) when the module is used
                log.warning(f"cannot preload {module}: {exc!r}")
        self.host.deliver(self._ready, result, index)

    def _ready(self, result: LoadResult, index: SuggestionIndex) -> None:
        session = self.host.session
        session.kb = result.kb
        for problem in result.problems[:20]:
            self.host.say_notice(f"Knowledge base problem: {problem}", severity="error")
        for warning in result.warnings[:20]:
            self.host.say_notice(f"Knowledge base: {warning}", severity="warning")
        self._set_status(f"{len(result.kb.messages)} messages known")
        self.host.post_message(KnowledgeReady(index))

    def _failed(self, error: str) -> None:
        self.host.session.kb_error = error
        self._set_status("knowledge base not available")
        self.host.say_notice(
            f"The knowledge base could not be loaded ({error}). Checks (/check, /cert) still work.",
            severity="error",
        )
        self.host.post_message(KnowledgeUnavailable())

    def _set_status(self, status: str) -> None:
        self.host.session.kb_status = status
        self.host.set_status(None)
