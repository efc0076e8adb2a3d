"""The older part of the conversation, painted by one widget.

A conversation keeps its newest turns as widgets (an answer you can focus, a check that
is still running); older turns move here, into one `LineView` that paints them exactly
as their widgets did (the same bars, margins, box and colours, so nothing jumps when a
turn moves in). However long the conversation gets, Textual lays out, styles and walks
a fixed number of widgets: a keystroke, a theme switch and a resize cost the same after
a hundred answers as after one. An archived answer's sections still open on a click
(Ctrl+O opens all of the one on screen).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from textual import events
from textual.content import Content

from assistant.tui.answermodel import AnswerModel
from assistant.tui.widgets.lines import LineView
from assistant.tui.wrap import wrap, wrap_hanging

if TYPE_CHECKING:
    from assistant.tui.widgets.check_progress import CheckProgress

BAR = "▌"
# Geometry of the live turns (app.tcss), so an archived turn takes the same lines.
USER_INDENT, ANSWER_RIGHT, BOX_RIGHT = 8, 4, 4
NOTICE_STYLES = {"information": "italic $foreground 60%", "warning": "italic $text-warning",
                 "error": "italic $text-error"}


class Item(Protocol):
    def render(self, width: int) -> list[Content]:
        """The turn's lines at `width` (its margin above not included)."""
        ...


@dataclass
class UserItem:
    shown: Content  # as the widget showed it (literal, a huge paste shortened)

    def render(self, width: int) -> list[Content]:
        inner = max(8, width - USER_INDENT - 3)
        body = wrap_hanging(self.shown, inner)
        out = []
        for line in body or [Content("")]:
            fill = (Content(" ") + line.pad_right(max(0, inner - line.cell_length)) + Content(" "))
            out.append(Content(" " * USER_INDENT) + Content.styled(BAR, "$primary")
                       + fill.stylize_before("on $primary 15%"))
        return out


@dataclass
class AnswerItem:
    model: AnswerModel
    bar: str = "$success"  # the welcome's is $accent
    toggles: dict[int, int] | None = None  # line (in this item) -> section, after render

    def render(self, width: int) -> list[Content]:
        inner = max(8, width - ANSWER_RIGHT - 3)
        lines = self.model.lines(inner)
        self.toggles = dict(self.model.toggles)
        prefix = Content.styled(BAR, self.bar) + Content(" ")
        return [prefix + line for line in lines]


@dataclass
class NoticeItem:
    shown: Content
    severity: str = "information"

    def render(self, width: int) -> list[Content]:
        bar = self.severity == "error"
        inner = max(8, width - (3 if bar else 2))
        style = NOTICE_STYLES.get(self.severity, NOTICE_STYLES["information"])
        prefix = Content.styled(BAR, "$error") + Content(" ") if bar else Content(" ")
        return [prefix + line.stylize_before(style) for line in wrap(self.shown, inner) or [Content("")]]


@dataclass
class BoxItem:
    """A finished check's step box (its widget's own lines, in the same round border)."""

    box: CheckProgress

    def render(self, width: int) -> list[Content]:
        inner = max(12, width - BOX_RIGHT - 4)
        edge = "$accent"
        out = [Content.styled("╭" + "─" * (inner + 2) + "╮", edge)]
        for line in self.box.make_lines(inner):
            padded = line.pad_right(max(0, inner - line.cell_length))
            out.append(Content.styled("│", edge) + Content(" ") + padded + Content(" ") + Content.styled("│", edge))
        out.append(Content.styled("╰" + "─" * (inner + 2) + "╯", edge))
        return out


class Archive(LineView):
    """The turns that scrolled far up, one after another, each with the margin above it
    that its widget had."""

    DEFAULT_CSS = """
    Archive {
        height: auto;
        margin: 0;
        padding: 0;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="archive")
        self.items: list[Item] = []
        self._toggles: dict[int, tuple[AnswerItem, int]] = {}  # line -> (answer, section)
        self._starts: list[int] = []  # the first line of each item (last layout)

    @property
    def answer_count(self) -> int:
        return sum(1 for i in self.items if isinstance(i, AnswerItem) and i.bar == "$success")

    def extend(self, items: Sequence[Item]) -> None:
        self.items.extend(items)
        self.invalidate()

    def clear(self) -> None:
        self.items.clear()
        self.invalidate()

    def make_lines(self, width: int) -> Sequence[Content]:
        lines: list[Content] = []
        toggles: dict[int, tuple[AnswerItem, int]] = {}
        starts: list[int] = []
        for item in self.items:
            lines.append(Content(""))  # the turn's margin
            starts.append(len(lines))
            rendered = item.render(width)
            if isinstance(item, AnswerItem) and item.toggles:
                toggles.update({len(lines) + y: (item, index) for y, index in item.toggles.items()})
            lines.extend(rendered)
        self._toggles, self._starts = toggles, starts
        return lines

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        hit = self._toggles.get(offset.y) if offset is not None else None
        if hit is not None:
            event.stop()
            item, index = hit
            item.model.toggle(index)
            self.invalidate()

    def answer_at(self, top: int, bottom: int) -> AnswerItem | None:
        """The last archived answer with sections whose lines reach into `top`..`bottom`."""
        total = len(self.lines())
        ends = [start - 1 for start in self._starts[1:]] + [total]
        found = None
        for start, end, item in zip(self._starts, ends, self.items, strict=True):
            if start < bottom and end > top and isinstance(item, AnswerItem) and item.model.sections:
                found = item
        return found

    def item_at(self, y: int) -> int | None:
        """The item whose lines (or margin above) hold line `y`."""
        self.lines()
        found = None
        for index, start in enumerate(self._starts):
            if start - 1 > y:
                break
            found = index
        return found

    def item_start(self, index: int) -> int:
        """The margin line above item `index` (at the current width)."""
        self.lines()
        return self._starts[index] - 1 if 0 <= index < len(self._starts) else 0

    def toggle_all(self, item: AnswerItem) -> None:
        model = item.model
        model.opened = set() if model.all_open else set(range(len(model.sections)))
        self.invalidate()
