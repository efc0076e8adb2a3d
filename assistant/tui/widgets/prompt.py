"""The prompt: an Input with inline suggestions and ↑/↓ history recall."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from assistant.tui.history import InputHistory
from assistant.tui.suggest import KBSuggester


class Prompt(Input):
    BINDINGS = [
        Binding("up", "history_previous", "Earlier input", show=False),
        Binding("down", "history_next", "Later input", show=False),
        Binding("tab", "accept_suggestion", "Accept suggestion", show=False),
    ]

    def __init__(self, history: InputHistory, suggester: KBSuggester, **kwargs: object) -> None:
        super().__init__(
            placeholder="Ask about an SCLNT_HTTP error, paste one, or type /help",
            suggester=suggester,
            id="prompt",
            **kwargs,  # type: ignore[arg-type]
        )
        self.history = history

    def action_history_previous(self) -> None:
        text = self.history.previous(self.value)
        if text is not None:
            self._show(text)

    def action_history_next(self) -> None:
        text = self.history.next()
        if text is not None:
            self._show(text)

    def action_accept_suggestion(self) -> None:
        """Tab takes the grey suggestion (like a shell); without one it moves focus on."""
        suggestion = self._suggestion
        if suggestion and len(suggestion) > len(self.value) and self.cursor_at_end:
            self.value = suggestion
            self.cursor_position = len(suggestion)
        else:
            self.screen.focus_next()

    def _show(self, text: str) -> None:
        self.value = text
        self.cursor_position = len(text)
