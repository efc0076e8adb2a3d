"""Keeping the conversation saved while it goes on, and putting a saved one back.

Every turn marks the conversation changed; half a second later (one write for a burst of
turns) a snapshot taken on the UI thread is written in a worker thread, so a long
conversation never makes typing wait for the disk. Snapshots are numbered: a slow write
never lands over a newer one. Quitting writes what is pending at once. Nothing is saved
before the user has said something. Pure Python (no Textual): the app passes in how to
schedule and where to run work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.tui.conversations import ConversationStore, SavedConversation, SavedTurn

if TYPE_CHECKING:
    from assistant.tui.session import Session

SAVE_DELAY = 0.5


class ConversationSaver:
    def __init__(
        self,
        session: Session,
        store: ConversationStore,
        *,
        schedule: Callable[[float, Callable[[], None]], object],
        in_thread: Callable[[Callable[[], None]], None],
        on_error: Callable[[str], None],
    ) -> None:
        self.session = session
        self.store = store
        self._schedule = schedule
        self._in_thread = in_thread
        self._on_error = on_error
        self._pending = False
        self._taken = 0  # snapshots taken
        self._written = 0  # the newest snapshot written
        self._lock = threading.Lock()
        self.last_error: str | None = None

    def changed(self) -> None:
        if not self._pending:
            self._pending = True
            self._schedule(SAVE_DELAY, self._save_soon)

    def _save_soon(self) -> None:
        snapshot = self._snapshot()
        if snapshot is not None:
            self._in_thread(lambda: self._write(*snapshot))

    def flush(self) -> None:
        """Now, on this thread (quitting)."""
        snapshot = self._snapshot()
        if snapshot is not None:
            self._write(*snapshot)

    def _snapshot(self) -> tuple[int, SavedConversation] | None:
        self._pending = False
        session = self.session
        turns = session.transcript.turns
        if not session.conversation_id or not any(t.role == "user" for t in turns):
            return None
        from assistant.tui.conversations import state_to_json

        self._taken += 1
        return self._taken, SavedConversation(
            id=session.conversation_id,
            turns=[SavedTurn(t.role, t.text, t.doc) for t in turns],
            state=state_to_json(session.state),
            reported=session.reported,
            shown=frozenset(session.shown),
            started=session.started,
        )

    def _write(self, number: int, snapshot: SavedConversation) -> None:
        with self._lock:
            if number <= self._written:
                return
            try:
                self.store.save(snapshot)
            except OSError as exc:
                error = f"cannot save the conversation to {self.store.directory}: {exc.strerror or exc}"
                if error != self.last_error:
                    self.last_error = error
                    self._on_error(error)
                return
            self._written = number
            self.last_error = None
