"""Resuming a saved conversation: `sapassist --resume [ID]`, `/resume [ID]` and the
palette's picker.

Listing and reading the files happen in a worker thread; the conversation read is handed
to the app with a `ConversationLoaded` message (the app rebuilds the view: that is not
a flow's business). What goes wrong — no saved conversation, an id that names none or
several, a damaged file — is said in the conversation, never raised.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from assistant.tui.messages import ConversationLoaded

if TYPE_CHECKING:
    from assistant.tui.conversations import ConversationInfo, ConversationStore
    from assistant.tui.host import ChatHost


class ResumeFlow:
    def __init__(self, host: ChatHost, store: ConversationStore) -> None:
        self.host = host
        self.store = store

    def resume(self, wanted: str = "latest") -> None:
        """Put the saved conversation `wanted` (an id, its start, or "latest") back."""
        self.host.run_in_thread(partial(self._load, wanted), name="_resume_worker", group="resume")

    def _load(self, wanted: str) -> None:
        """In the worker thread."""
        from assistant.tui.conversations import ConversationError

        try:
            info = self.store.find(wanted)
            saved = self.store.load(info)
        except ConversationError as exc:
            self.host.deliver(partial(self.host.say_notice, severity="warning"), f"Cannot resume: {exc}")
            return
        self.host.post_message(ConversationLoaded(saved, info))

    def open_picker(self) -> None:
        """The list of saved conversations, newest first, to choose one from."""
        self.host.run_in_thread(self._list, name="_list_conversations", group="resume")

    def _list(self) -> None:
        """In the worker thread."""
        infos = [i for i in self.store.list() if i.id != self.host.session.conversation_id]
        self.host.deliver(self._show_picker, infos)

    def _show_picker(self, infos: list[ConversationInfo]) -> None:
        if not infos:
            self.host.say_notice(f"No saved conversations yet (they are kept in {self.store.directory}).")
            return
        from assistant.tui.widgets.resume_picker import ResumePicker

        self.host.push_screen(ResumePicker(infos), self._picked)

    def _picked(self, conversation_id: str | None) -> None:
        if conversation_id:
            self.resume(conversation_id)
