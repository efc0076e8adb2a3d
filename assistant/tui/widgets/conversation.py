"""The conversation pane: user turns, answers and notices, newest at the bottom.

The pane is anchored to the bottom, so it follows new output until the user scrolls up,
and follows again once they scroll back down (Textual's `anchor()` semantics). Every
turn is one widget (an answer too: `widgets/answer.py`), and a long conversation costs
layout and styling a fixed number of widgets: the newest turns, and the archive that
paints the older ones (`widgets/archive.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget

from assistant.textsafe import escape_control
from assistant.tui.widgets.answer import Answer
from assistant.tui.widgets.archive import AnswerItem, Archive, BoxItem, Item, NoticeItem, UserItem
from assistant.tui.widgets.check_progress import CheckProgress
from assistant.tui.widgets.lines import LineView
from assistant.tui.wrap import wrap, wrap_hanging

__all__ = ["Answer", "Conversation", "Notice", "UserTurn"]

KEEP_LIVE = 8  # turns kept as widgets; older ones are painted by the archive
MAX_SHOWN = 4000  # a huge paste is answered in full but shown shortened


def user_text(text: str) -> Content:
    """What the user typed as shown: literal (never markup), a huge paste shortened."""
    shown = escape_control(text[:MAX_SHOWN], keep_newlines=True)
    if len(text) > MAX_SHOWN:
        shown += f" … ({len(text) - MAX_SHOWN:,} more characters not shown)"
    return Content(shown)


class UserTurn(LineView):
    """What the user typed, wrapped like the answers (a URL that fits is never split)."""

    def __init__(self, text: str) -> None:
        super().__init__(classes="turn user")
        self.text = text
        self.shown = user_text(text)

    def make_lines(self, width: int) -> Sequence[Content]:
        return wrap_hanging(self.shown, width) or [Content("")]


class Notice(LineView):
    """A short line from the app itself: errors, 'cancelled', where a file was written."""

    def __init__(self, text: str, *, severity: str = "information") -> None:
        super().__init__(classes=f"turn notice {severity}")
        self.text = text
        self.severity = severity
        self.shown = Content(escape_control(text, keep_newlines=True))

    def make_lines(self, width: int) -> Sequence[Content]:
        return wrap(self.shown, width) or [Content("")]


def archive_item(widget: Widget) -> Item | None:
    """What the archive keeps of a turn's widget (None: it stays a widget)."""
    if isinstance(widget, Answer):
        return AnswerItem(widget.model, "$accent" if widget.has_class("welcome") else "$success")
    if isinstance(widget, UserTurn):
        return UserItem(widget.shown)
    if isinstance(widget, Notice):
        return NoticeItem(widget.shown, widget.severity)
    if isinstance(widget, CheckProgress) and widget.state != "running":
        return BoxItem(widget)
    return None


class Conversation(VerticalScroll):
    """Scrollable list of turns: the archive (older turns, one widget), then the newest
    `KEEP_LIVE` turns as widgets."""

    can_focus = True

    def __init__(self, *turns: Widget, id: str | None = None) -> None:
        self.archive = Archive()
        self._leaving: set[Widget] = set()  # archived, their removal under way
        super().__init__(self.archive, *turns, id=id)
        # the turn to keep in view across a width change (in the archive: which item)
        self._reading: Widget | None = None
        self._reading_item: int | None = None

    def on_mount(self) -> None:
        self.anchor()

    @property
    def turns(self) -> list[Widget]:
        """The turns that are widgets (newest last)."""
        return [c for c in self.children if c is not self.archive and c not in self._leaving]

    @property
    def answer_count(self) -> int:
        """Answers in the conversation (not the welcome), archived ones included."""
        live = sum(1 for c in self.turns if isinstance(c, Answer) and not c.has_class("welcome"))
        return live + self.archive.answer_count

    def add(self, widget: Widget) -> Widget:
        self.mount(widget)
        self._archive_old()
        return widget

    def reset(self, widgets: list[Widget]) -> None:
        """Only these turns (a new or a resumed conversation); the older ones go straight
        to the archive, never mounted."""
        self.archive.clear()
        old = self.turns
        self._leaving.update(old)
        self.remove_children(old)
        older = widgets[:-KEEP_LIVE] if len(widgets) > KEEP_LIVE else []
        self.archive.extend([item for w in older if (item := archive_item(w)) is not None])
        self.mount_all(widgets[len(older):])

    def _archive_old(self) -> None:
        self._leaving = {w for w in self._leaving if w.parent is self}
        turns = self.turns
        moved: list[Widget] = []
        for widget in turns[: max(0, len(turns) - KEEP_LIVE)]:
            item = archive_item(widget) if not widget.has_focus else None
            if item is None:
                break  # a running check (or the focused answer) stays, and so do the newer
            self.archive.items.append(item)
            moved.append(widget)
        if moved:
            self.archive.invalidate()
            self._leaving.update(moved)  # removal completes later: never archive them twice
            self.remove_children(moved)

    def follow(self) -> None:
        """Stick to the bottom again (the user just sent something)."""
        self.anchor()

    @property
    def is_following(self) -> bool:
        """At the bottom and staying there as output arrives (not scrolled up)."""
        return self.is_anchored and not self._anchor_released

    def first_visible_turn(self) -> Widget | None:
        top = self.scroll_y
        for child in self.children:
            if child.virtual_region_with_margin.bottom > top:
                return child
        return None

    def answer_in_view(self) -> Answer | AnswerItem | None:
        """The newest answer with sections that is at least partly on screen (a widget,
        or one the archive paints)."""
        top, bottom = self.scroll_y, self.scroll_y + self.scrollable_content_region.height
        for child in reversed(self.children):
            if not isinstance(child, Answer) or not child.section_titles:
                continue
            region = child.virtual_region
            if region.y < bottom and region.bottom > top:
                return child
        region = self.archive.virtual_region
        if region.y < bottom and region.bottom > top:
            return self.archive.answer_at(int(top) - region.y, int(bottom) - region.y)
        return None

    def keep_reading_position(self) -> None:
        """Call before a width change (side panel, terminal resize): every turn re-wraps,
        so the same scroll offset would show other text. The turn being read is scrolled
        back into view once the new layout is known (on the resize: before it, the
        heights are still the old ones)."""
        if not self.is_following:
            self._reading = self.first_visible_turn()
            if self._reading is self.archive:
                self._reading_item = self.archive.item_at(int(self.scroll_y) - self.archive.virtual_region.y)

    def on_resize(self, event: events.Resize) -> None:
        reading, self._reading = self._reading, None
        item, self._reading_item = self._reading_item, None
        if reading is not None:
            self.call_after_refresh(self._show_turn, reading, item)

    def _show_turn(self, turn: Widget, item: int | None = None) -> None:
        if not turn.is_attached:
            return
        if turn is self.archive and item is not None:  # the archived turn that was at the top
            self.scroll_to(y=self.archive.virtual_region.y + self.archive.item_start(item),
                           animate=False, immediate=True)
        else:
            self.scroll_to_widget(turn, top=True, animate=False, immediate=True)

    def reveal_start(self, start: Widget, end: Widget) -> None:
        """Show a long answer from its first line instead of its last (the user reads down;
        scrolling back to the bottom re-attaches the pane to new output)."""
        children = list(self.children)
        index = children.index(start) if start in children else -1
        if index > 0 and isinstance(children[index - 1], UserTurn):
            question = children[index - 1]
            if question.outer_size.height <= 4:  # keep a short question in view above it
                start = question
        height = self.scrollable_content_region.height
        if end.virtual_region_with_margin.y - start.virtual_region_with_margin.y > height // 2:
            start = end  # what comes before (a check's step box) would push the verdict out of view
        span = end.virtual_region_with_margin.bottom - start.virtual_region_with_margin.y
        if span >= height:
            self.release_anchor()
            self.scroll_to_widget(start, top=True, animate=False, immediate=True)

    def on_answer_reveal(self, event: Answer.Reveal) -> None:
        event.stop()
        if event.answer.is_attached:
            self.reveal_start(event.start, event.answer)

    def on_answer_show_lines(self, event: Answer.ShowLines) -> None:
        event.stop()
        if event.answer.is_attached:
            self.show_lines(event.answer, event.top, event.bottom)

    def show_lines(self, turn: Widget, top: int, bottom: int) -> None:
        """Bring lines `top`..`bottom` of `turn` into view, from `top` when they do not
        all fit (an opened section is read from its title down)."""
        origin = turn.virtual_region.y + turn.styles.gutter.top  # the turn's first content line
        start, end = origin + top, origin + bottom
        view_top, height = self.scroll_y, self.scrollable_content_region.height
        if start >= view_top and end <= view_top + height:
            return
        self.release_anchor()
        target = start if end - start >= height or start < view_top else end - height
        self.scroll_to(y=max(0, target), animate=False, immediate=True)
