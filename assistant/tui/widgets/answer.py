"""One answer as one widget: the verdict at once, the details in sections that open and
close (click a section's title, or Enter on it when the answer has focus).

The answer is parsed once (`tui/mdblocks.py`) and laid out once per width
(`tui/wrap.py`, through `LineView`); painting a line turns it into a Strip with the
theme's colours of the moment. So a finished answer costs the layout of one widget,
whatever its length, and a theme switch or a resize re-paints (a resize also re-wraps)
without parsing again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from assistant.tui.answermodel import AnswerModel
from assistant.tui.widgets.lines import LineView

if TYPE_CHECKING:
    from assistant.answers.document import AnswerDoc

CURSOR_STYLE = "reverse"
REVEAL_WAITS = 5  # refreshes an answer waits for its layout before it is shown from its start


class Answer(LineView, can_focus=True):
    """An answer: headline and verdict always shown, sections collapsible."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "toggle_section", "Open/close", show=False),
        Binding("up", "cursor(-1)", "Previous section", show=False),
        Binding("down", "cursor(1)", "Next section", show=False),
        Binding("escape", "app.focus('prompt')", "Back to the prompt", show=False),
    ]

    class Reveal(Message):
        """Laid out: show the answer from its start (or from `start`), not its end."""

        def __init__(self, answer: Answer, start: Widget) -> None:
            super().__init__()
            self.answer, self.start = answer, start

    class ShowLines(Message):
        """A section was opened or reached: bring lines `top`..`bottom` into view."""

        def __init__(self, answer: Answer, top: int, bottom: int) -> None:
            super().__init__()
            self.answer, self.top, self.bottom = answer, top, bottom

    def __init__(
        self,
        doc: AnswerDoc,
        *,
        classes: str = "",
        reveal: bool = False,
        reveal_from: Widget | None = None,
        open_sections: bool = False,
        open_keys: frozenset[str] = frozenset(),
        id: str | None = None,
    ) -> None:
        """`reveal`: once laid out, a long answer is shown from its start (`reveal_from`:
        from that widget, e.g. the check's step list). `open_sections`: all details shown;
        `open_keys`: the sections with these keys shown (the cursor on the first)."""
        super().__init__(classes=f"turn answer {classes}".strip(), id=id)
        self.reveal = reveal
        self.reveal_from = reveal_from
        self._set_doc(doc, open_sections, open_keys)

    def _set_doc(self, doc: AnswerDoc, open_sections: bool = False, open_keys: frozenset[str] = frozenset()) -> None:
        self.model = AnswerModel.of(doc, open_sections=open_sections, open_keys=open_keys)
        self.cursor = min(self.model.opened, default=0)

    def update(self, doc: AnswerDoc) -> None:
        """Show another doc in this widget (the side panel's entry)."""
        self._set_doc(doc)
        self.invalidate()

    @property
    def doc(self) -> AnswerDoc:
        return self.model.doc

    @property
    def opened(self) -> set[int]:
        return self.model.opened

    @property
    def markdown_source(self) -> str:
        """The whole answer as Markdown (every section, open or not)."""
        return self.doc.markdown()

    @property
    def section_titles(self) -> list[str]:
        return self.model.titles

    @property
    def _toggles(self) -> dict[int, int]:
        return self.model.toggles

    # -- layout ---------------------------------------------------------------------------

    def make_lines(self, width: int) -> Sequence[Content]:
        return self.model.lines(width)

    def decorate(self, y: int, line: Content) -> Content:
        if self.has_focus and self._toggles.get(y, -1) == self.cursor:
            return line.stylize(CURSOR_STYLE)
        return line

    def section_at(self, y: int) -> int | None:
        self.lines()
        return self._toggles.get(y)

    def title_line(self, index: int) -> int:
        self.lines()
        return next((y for y, i in self._toggles.items() if i == index), 0)

    # -- sections ---------------------------------------------------------------------------

    def toggle(self, index: int) -> None:
        """Open or close one section."""
        if self.model.toggle(index):
            self._changed(index)

    def set_all(self, opened: bool) -> None:
        self.model.opened = set(range(len(self.model.sections))) if opened else set()
        self._changed(0 if opened and self.model.sections else None)

    @property
    def all_open(self) -> bool:
        return self.model.all_open

    def _changed(self, shown: int | None) -> None:
        self.invalidate()
        if shown is not None and shown in self.opened:
            self.call_after_refresh(self._show_section, shown)

    def _show_section(self, index: int) -> None:
        """Bring a section into view from its title (the pane would follow the end)."""
        top = self.title_line(index)
        bottom = self.title_line(index + 1) if index + 1 < len(self.model.sections) else len(self.lines())
        self.post_message(self.ShowLines(self, top, bottom))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        index = self.section_at(offset.y) if offset is not None else None
        if index is not None:
            event.stop()
            self.cursor = index
            self.toggle(index)

    def action_toggle_section(self) -> None:
        self.toggle(self.cursor)

    def action_cursor(self, step: int) -> None:
        target = self.cursor + step
        if self.model.sections and 0 <= target < len(self.model.sections):
            self.cursor = target
            self.refresh()
            self._show_section(target)
        elif step < 0:
            self.screen.focus_previous()
        else:
            self.screen.focus_next()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- reveal -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        # One refresh later the height is known and a long answer can be shown from its
        # first line.
        if self.reveal:
            self.call_after_refresh(self._reveal)

    def _reveal(self, waited: int = 0) -> None:
        # Mounted from a key binding (F1), the refresh can come before the layout: a widget
        # of width 0 has no place yet to scroll to, so wait a few more refreshes for it.
        if self.size.width == 0 and waited < REVEAL_WAITS:
            self.call_after_refresh(self._reveal, waited + 1)
            return
        start = self.reveal_from if self.reveal_from is not None and self.reveal_from.is_attached else self
        self.post_message(self.Reveal(self, start))
