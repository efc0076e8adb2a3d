"""Render answer Markdown for a pipe/file (plain text) or a terminal (light ANSI styling).

markdown-it parses; a small walker over its tokens writes text. Every piece of text is
passed through `escape_control` before it is written, so an escape sequence hidden in a
knowledge pack or a pasted error can never reach the terminal raw: the only escape
sequences in the output are the ones this module adds itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.answers.tables import BOLD, BOLD_OFF, plain_table
from assistant.textsafe import escape_control

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

ITALIC, ITALIC_OFF = "\x1b[3m", "\x1b[23m"
UNDERLINE, UNDERLINE_OFF = "\x1b[4m", "\x1b[24m"
CYAN, COLOR_OFF = "\x1b[36m", "\x1b[39m"
DIM, DIM_OFF = "\x1b[2m", "\x1b[22m"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


@dataclass(slots=True)
class _Level:
    first: str
    rest: str
    used: bool = False


@dataclass(slots=True)
class _Writer:
    lines: list[str] = field(default_factory=list)
    levels: list[_Level] = field(default_factory=list)

    def _prefix(self) -> str:
        parts = []
        for level in self.levels:
            parts.append(level.rest if level.used else level.first)
            level.used = True
        return "".join(parts)

    def text(self, text: str) -> None:
        for line in text.split("\n"):
            self.lines.append((self._prefix() + line).rstrip())

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")


def _safe(text: str) -> str:
    return escape_control(text, keep_newlines=True)


def _inline(children: Sequence[Token] | None, style: bool) -> str:
    out: list[str] = []
    links: list[tuple[str, int]] = []  # (href, where its text starts in out)
    for t in children or ():
        kind = t.type
        if kind == "text":
            out.append(_safe(t.content))
        elif kind == "code_inline":
            out.append(f"{CYAN}{_safe(t.content)}{COLOR_OFF}" if style else _safe(t.content))
        elif kind in ("softbreak",):
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "strong_open":
            out.append(BOLD if style else "")
        elif kind == "strong_close":
            out.append(BOLD_OFF if style else "")
        elif kind == "em_open":
            out.append(ITALIC if style else "")
        elif kind == "em_close":
            out.append(ITALIC_OFF if style else "")
        elif kind == "link_open":
            links.append((str(t.attrGet("href") or ""), len(out)))
            out.append(UNDERLINE if style else "")
        elif kind == "link_close":
            href, start = links.pop() if links else ("", len(out))
            label = "".join(out[start + 1 :])
            out.append(UNDERLINE_OFF if style else "")
            # An autolink's text is the URL itself; other links show their URL after the text.
            if href and _safe(href) not in (label, "mailto:" + label):
                out.append(f" ({_safe(href)})")
        elif kind == "image":
            out.append(_safe(t.content or str(t.attrGet("src") or "")))
        elif kind in ("html_inline", "html_block"):
            out.append(_safe(t.content))
        elif t.content:
            out.append(_safe(t.content))
    return "".join(out)


class _Walk:
    """One pass over markdown-it's tokens: `on_<token type>` writes what the token means."""

    def __init__(self, style: bool) -> None:
        self.style = style
        self.out = _Writer()
        self.lists: list[list[int | bool]] = []  # [ordered, next number]
        self.table: list[list[str]] | None = None
        self.header_rows = 0
        self.in_head = False
        self.heading_level = 0
        self.paragraph_hidden: list[bool] = []

    def token(self, t: Token) -> None:
        handler = getattr(self, "on_" + t.type, None)
        if handler is not None:
            handler(t)

    def text(self) -> str:
        return "\n".join(self.out.lines).strip("\n") + "\n"

    # -- blocks ---------------------------------------------------------------------------

    def on_heading_open(self, t: Token) -> None:
        self.heading_level = int(t.tag[1:]) if t.tag[1:].isdigit() else 1
        self.out.blank()

    def on_heading_close(self, t: Token) -> None:
        self.out.blank()

    def on_paragraph_open(self, t: Token) -> None:
        self.paragraph_hidden.append(t.hidden)

    def on_paragraph_close(self, t: Token) -> None:
        if not (self.paragraph_hidden.pop() if self.paragraph_hidden else False):
            self.out.blank()

    def on_inline(self, t: Token) -> None:
        if self.table is not None:
            self.table[-1].append(_inline(t.children, False))
            return
        text = _inline(t.children, self.style)
        if not self.heading_level:
            self.out.text(text)
        elif self.style:
            self.out.text(f"{BOLD}{text}{BOLD_OFF}")
        else:
            self.out.text(text)
            if self.heading_level <= 2:
                self.out.text("=" * min(72, len(text)))
            elif self.heading_level == 3:
                self.out.text("-" * min(72, len(text)))
        self.heading_level = 0

    def on_fence(self, t: Token) -> None:
        code = _safe(t.content.rstrip("\n"))
        body = "\n".join("    " + line for line in code.split("\n"))
        self.out.text(f"{DIM}{body}{DIM_OFF}" if self.style else body)
        self.out.blank()

    on_code_block = on_fence

    def on_hr(self, t: Token) -> None:
        self.out.text("-" * 40)
        self.out.blank()

    def on_html_block(self, t: Token) -> None:
        self.out.text(_safe(t.content.rstrip("\n")))
        self.out.blank()

    # -- lists and quotes -------------------------------------------------------------------

    def on_bullet_list_open(self, t: Token) -> None:
        start = int(t.attrGet("start") or 1) if t.type == "ordered_list_open" else 0
        self.lists.append([t.type == "ordered_list_open", start])

    on_ordered_list_open = on_bullet_list_open

    def on_bullet_list_close(self, t: Token) -> None:
        if self.lists:
            self.lists.pop()
        if not self.lists:
            self.out.blank()

    on_ordered_list_close = on_bullet_list_close

    def on_list_item_open(self, t: Token) -> None:
        ordered, number = self.lists[-1] if self.lists else [False, 0]
        marker = f"{number}. " if ordered else "- "
        if ordered and self.lists:
            self.lists[-1][1] = int(number) + 1
        self.out.levels.append(_Level(marker, " " * len(marker)))

    def on_list_item_close(self, t: Token) -> None:
        if self.out.levels:
            self.out.levels.pop()

    def on_blockquote_open(self, t: Token) -> None:
        self.out.levels.append(_Level("| ", "| "))

    def on_blockquote_close(self, t: Token) -> None:
        if self.out.levels:
            self.out.levels.pop()
        self.out.blank()

    # -- tables -------------------------------------------------------------------------------

    def on_table_open(self, t: Token) -> None:
        self.table, self.header_rows = [], 0

    def on_thead_open(self, t: Token) -> None:
        self.in_head = True

    def on_thead_close(self, t: Token) -> None:
        self.in_head = False

    def on_tr_open(self, t: Token) -> None:
        if self.table is None:
            return
        self.table.append([])
        if self.in_head:
            self.header_rows += 1

    def on_table_close(self, t: Token) -> None:
        if self.table is None:
            return
        self.out.text(plain_table(self.table, self.header_rows, self.style))
        self.out.blank()
        self.table = None


def _render(md: str, style: bool) -> str:
    walk = _Walk(style)
    for t in _parser().parse(md):
        walk.token(t)
    return walk.text()


def render_plain(md: str) -> str:
    """Markdown as plain text: no escape sequences at all (for pipes and files)."""
    return _render(md, style=False)


def render_terminal(md: str) -> str:
    """Markdown with light ANSI styling (bold headings, cyan code) for a terminal."""
    return _render(md, style=True)
