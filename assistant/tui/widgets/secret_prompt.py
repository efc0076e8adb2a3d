"""A modal that asks for a password: typed into a masked field, never into the prompt.

What is typed here never reaches the prompt, its history, the conversation or the
transcript; the screen hands it to the waiting flow and is gone. Enter gives the
password, Esc cancels (the flow then gets None).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class SecretPrompt(ModalScreen[str | None]):
    DEFAULT_CSS = """
    SecretPrompt { align: center middle; }
    SecretPrompt > Vertical {
        width: 64; height: auto; padding: 1 2;
        border: round $accent; background: $surface;
    }
    SecretPrompt Static { margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            yield Input(password=True, id="secret")
            yield Static("Enter: use it · Esc: cancel", markup=False)

    def on_mount(self) -> None:
        self.query_one("#secret", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
