"""The app as the chat's flows see it: a narrow, typed surface instead of the whole app.

A flow (questions, checks, slash commands, knowledge loading) gets a `ChatHost` and
nothing else: it reads and updates the shared `Session`, says things in the
conversation, runs work off the UI thread and hands results back to it. Requests for
*another* flow are not calls but Textual messages posted to the app (`tui/messages.py`),
which composes the flows; so no flow imports the app or another flow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.message import Message
    from textual.widget import Widget

    from assistant.answers.document import AnswerDoc
    from assistant.tui.session import Session


class ChatHost(Protocol):
    @property
    def session(self) -> Session:
        """The shared conversation data (knowledge base, dialogue state, transcript)."""
        ...

    def say_answer(
        self, answer: str | AnswerDoc, *, reveal_from: Widget | None = None, hide: frozenset[str] = frozenset(),
        open_keys: frozenset[str] = frozenset(),
    ) -> object:
        """Show an answer: a doc (verdict, sections to open) or Markdown read as a whole
        page. The transcript keeps all of it; sections in `hide` are not shown (what the
        screen shows elsewhere, e.g. a check's steps)."""
        ...

    def say_notice(self, text: str, *, severity: str = "information") -> None:
        """Show a one-line notice (and keep it in the transcript)."""
        ...

    def show(self, widget: Widget, *, note: str) -> None:
        """Add a live widget (a check's progress) to the conversation; `note` goes to the
        transcript in its place."""
        ...

    def set_status(self, status: str | None) -> None:
        """The status at the right of the topic bar; None: the knowledge base's status."""
        ...

    def topic_changed(self) -> None:
        """`session.state` changed: show the new topic."""
        ...

    def refresh_bindings(self) -> None:
        """A key's availability changed (Esc while a check runs)."""
        ...

    def run_in_thread(self, work: Callable[[], None], *, name: str, group: str) -> None:
        """Run `work` in a thread worker; it reports back with `deliver` or a message."""
        ...

    def deliver(self, func: Callable[..., object], *args: object) -> None:
        """From a worker thread: call `func(*args)` on the UI thread (errors become notices)."""
        ...

    def ask_secret(self, prompt: str, then: Callable[[str | None], None]) -> None:
        """Ask for a password in a masked field (never echoed, saved or in the transcript);
        `then` gets it, or None when the user cancels."""
        ...

    def post_message(self, message: Message) -> bool:
        """Ask the app for something another flow does (see `tui/messages.py`)."""
        ...

    def push_screen(self, screen: Any, callback: Any = None) -> Any:
        """Show a modal screen (a picker); `callback` gets what it is dismissed with."""
        ...
