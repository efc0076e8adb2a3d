"""A widget that paints its own lines: laid out once per width, coloured when painted.

The conversation's turns (answers, a check's step box) each draw themselves through
this base instead of being a tree of child widgets, so a long conversation stays a few
hundred widgets for Textual to lay out and style. A subclass says what its lines are for
a width (`make_lines`, cached until `invalidate`); styles in them are theme variables
(`$text-primary`) resolved at paint time, so a theme switch only re-paints. Mouse text
selection works as in Textual's own text widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual.selection import Selection

SELECTION = ".screen--selection"


class LineView(Widget):
    """Base of the widgets that paint pre-laid-out lines of Content."""

    DEFAULT_CSS = """
    LineView {
        height: auto;
    }
    """

    def __init__(self, *, classes: str = "", id: str | None = None) -> None:
        super().__init__(classes=classes, id=id)
        self._laid_out: tuple[int, Sequence[Content]] | None = None

    def make_lines(self, width: int) -> Sequence[Content]:
        """The lines for `width` columns (called once per width until `invalidate`)."""
        raise NotImplementedError

    def decorate(self, y: int, line: Content) -> Content:
        """A last touch at paint time (a cursor); the default changes nothing."""
        return line

    @property
    def text_width(self) -> int:
        return self.content_region.width or self.size.width

    def lines(self, width: int | None = None) -> Sequence[Content]:
        width = self.text_width if width is None else width
        if self._laid_out is None or self._laid_out[0] != width:
            self._laid_out = (width, self.make_lines(width))
        return self._laid_out[1]

    def invalidate(self) -> None:
        """The lines changed: lay out again, and the pane too if the height changed."""
        before = len(self._laid_out[1]) if self._laid_out is not None else None
        self._laid_out = None
        if before is None or not self.size.width:
            self.refresh(layout=True)
        else:
            self.refresh(layout=len(self.lines()) != before)

    def plain_text(self, width: int = 100) -> str:
        """What the widget shows at `width` columns, as plain text (tests, copies)."""
        return "\n".join(line.plain for line in self.lines(width))

    # -- Textual ------------------------------------------------------------------------

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.text_width
        lines = self.lines(width)
        base = self.visual_style
        if y >= len(lines):
            return Strip.blank(width, base.rich_style)
        content = self.decorate(y, lines[y])
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(y)) is not None:
            start, end = span
            content = content.stylize(SELECTION, start, len(content) if end == -1 else end)
        segments = [
            Segment(text, (base + style).rich_style)
            for text, style in content.render(base, end="", parse_style=self._get_style)
        ]
        return Strip(segments, content.cell_length).extend_cell_length(width, base.rich_style).apply_offsets(0, y)

    def _get_style(self, style: VisualStyle | str) -> VisualStyle:
        if style == SELECTION:  # the screen's component, not one of this widget's
            return VisualStyle.from_styles(self.screen.get_component_styles("screen--selection"))
        return super()._get_style(style)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract("\n".join(line.plain for line in self.lines())), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()  # colours are resolved when painting
