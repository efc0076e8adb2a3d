"""The picker of saved conversations (`/resume`, the palette's "Resume a conversation").

A modal list, newest first: when, how many turns, the first question. Enter resumes the
highlighted one (the screen is dismissed with its id), Esc closes it. Titles are what
the user typed (masked when saved): shown as plain `Content`, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.textsafe import escape_control
from assistant.wording import plural

if TYPE_CHECKING:
    from assistant.tui.conversations import ConversationInfo


def option_text(info: ConversationInfo) -> Content:
    return Content.assemble((info.when, "bold"), "  ", (plural(info.turns, "turn").ljust(9), "dim"), "  ",
                            escape_control(info.title or "(no question)"))


class ResumePicker(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ResumePicker {
        align: center middle;
    }
    ResumePicker > Vertical {
        width: 90%;
        max-width: 110;
        height: auto;
        max-height: 80%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    ResumePicker OptionList {
        height: auto;
        max-height: 20;
    }
    ResumePicker .hint {
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, conversations: list[ConversationInfo]) -> None:
        super().__init__()
        self.conversations = conversations

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.styled("Resume a conversation", "bold"))
            yield OptionList(*(Option(option_text(i), id=i.id) for i in self.conversations), id="conversations")
            yield Static(Content("Enter resumes the highlighted one · Esc closes"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
