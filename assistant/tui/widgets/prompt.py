"""The prompt: an Input with inline suggestions, ↑/↓ history recall and multi-line pastes.

Textual's Input is one line and keeps only the first line of a paste, but the errors an
admin pastes (dev_icm, SM59, abapGit) span several lines and the telling line is rarely
the first. So a paste keeps every line, each break shown as ↵, and the submitted text
gets its line breaks back (`Prompt.text`). A very long paste (a whole trace file) stands
in the prompt as one short placeholder: Input re-renders its whole value on every key,
and 300 KB of it would make each keystroke take a tenth of a second.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from assistant.tui.history import InputHistory
from assistant.tui.suggest import KBSuggester

LINE_BREAK = "↵"
# Longest first: the one shown is the longest that fits, so "/help" is never cut off.
PLACEHOLDERS = (
    "Ask about an SCLNT_HTTP error, paste one, or type /help",
    "Ask about an SCLNT_HTTP error or paste one; /help",
    "Paste an error or type /help",
    "/help",
)
INLINE_PASTE_LIMIT = 4_000  # characters; a longer paste is held aside as a placeholder


def join_lines(text: str) -> str:
    """Multi-line text as one prompt line; blank lines around it are dropped."""
    lines = text.expandtabs(4).splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return LINE_BREAK.join(lines)


def split_lines(value: str) -> str:
    """The prompt line as the user meant it: ↵ back to line breaks."""
    return value.replace(LINE_BREAK, "\n")


class Prompt(Input):
    BINDINGS = [
        Binding("up", "history_previous", "Earlier input", show=False),
        Binding("down", "history_next", "Later input", show=False),
        Binding("tab", "accept_suggestion", "Accept suggestion", show=False),
    ]

    def __init__(self, history: InputHistory, suggester: KBSuggester) -> None:
        super().__init__(
            placeholder=PLACEHOLDERS[0],
            suggester=suggester,
            id="prompt",
            select_on_focus=False,  # coming back to a draft must not make the next key replace it
        )
        self.history = history
        self._held_pastes: dict[str, str] = {}  # placeholder -> the long text it stands for

    @property
    def text(self) -> str:
        """What to send: line breaks restored, long pastes in place of their placeholders."""
        text = split_lines(self.value)
        for placeholder, pasted in self._held_pastes.items():
            text = text.replace(placeholder, pasted)
        return text

    def on_resize(self, event: events.Resize) -> None:
        room = self.content_size.width - 1  # the cursor's cell
        self.placeholder = next((text for text in PLACEHOLDERS if len(text) <= room), PLACEHOLDERS[-1])

    def watch_value(self, value: str) -> None:
        if not value and isinstance(self.suggester, KBSuggester):
            self.suggester.line_cleared()

    def clear_draft(self) -> None:
        """After sending: an empty prompt, and the long pastes it held are let go."""
        self.value = ""
        self._held_pastes.clear()

    def _on_paste(self, event: events.Paste) -> None:
        # Runs before Input's own handler (Textual dispatches along the MRO), which then
        # inserts the joined text instead of only the first line.
        line = join_lines(event.text)
        if len(line) > INLINE_PASTE_LIMIT:
            pasted = split_lines(line)
            lines = pasted.count("\n") + 1
            placeholder = (
                f"[pasted text {len(self._held_pastes) + 1}: {lines:,} lines, {len(pasted):,} characters]"
            )
            self._held_pastes[placeholder] = pasted
            line = placeholder
        event.text = line

    def action_history_previous(self) -> None:
        # The draft is kept as shown (a long paste stays a placeholder), so ↓ brings it back
        # as it was instead of putting 300 KB into the line.
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

    def insert_typed(self, character: str) -> None:
        """A key typed while the conversation had focus lands here instead of being lost."""
        self.focus()
        self.insert_text_at_cursor(character)

    def _show(self, text: str) -> None:
        self.value = join_lines(text)
        self.cursor_position = len(self.value)
