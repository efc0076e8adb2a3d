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

from assistant.textsafe import escape_control

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

BOLD, BOLD_OFF = "\x1b[1m", "\x1b[22m"
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


TABLE_WIDTH = 100  # a table wider than this wraps its widest cells
MIN_COLUMN = 12


def _column_widths(rows: list[list[str]], n: int) -> list[int]:
    """Natural widths, narrowed widest-first until the table fits TABLE_WIDTH."""
    widths = [max(1, *(len(r[i]) for r in rows)) for i in range(n)]
    budget = TABLE_WIDTH - 3 * (n - 1)
    while sum(widths) > budget:
        widest = max(range(n), key=widths.__getitem__)
        if widths[widest] <= MIN_COLUMN:
            break
        widths[widest] -= 1
    return widths


def _table(rows: list[list[str]], header_rows: int, style: bool) -> str:
    """A plain-text table; a long cell wraps inside its column instead of pushing the
    columns to its right out of line."""
    if not rows:
        return ""
    import textwrap

    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    widths = _column_widths(rows, n)
    lines = []
    for index, row in enumerate(rows):
        wrapped = [textwrap.wrap(cell, widths[i], break_on_hyphens=False) or [""] for i, cell in enumerate(row)]
        for k in range(max(len(w) for w in wrapped)):
            cells = [(w[k] if k < len(w) else "").ljust(widths[i]) for i, w in enumerate(wrapped)]
            line = " | ".join(cells).rstrip()
            if index < header_rows and style:
                line = f"{BOLD}{line}{BOLD_OFF}"
            lines.append(line)
        if index == header_rows - 1:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def _render(md: str, style: bool) -> str:
    tokens = _parser().parse(md)
    w = _Writer()
    lists: list[list[int | bool]] = []  # [ordered, next number]
    table: list[list[str]] | None = None
    header_rows = 0
    in_head = False
    heading_level = 0
    paragraph_hidden: list[bool] = []
    for t in tokens:
        kind = t.type
        if kind == "heading_open":
            heading_level = int(t.tag[1:]) if t.tag[1:].isdigit() else 1
            w.blank()
        elif kind == "heading_close":
            w.blank()
        elif kind == "paragraph_open":
            paragraph_hidden.append(t.hidden)
        elif kind == "paragraph_close":
            if not (paragraph_hidden.pop() if paragraph_hidden else False):
                w.blank()
        elif kind == "inline" and table is not None:
            table[-1].append(_inline(t.children, False))
        elif kind == "inline":
            text = _inline(t.children, style)
            if heading_level:
                if style:
                    text = f"{BOLD}{text}{BOLD_OFF}"
                    w.text(text)
                else:
                    w.text(text)
                    if heading_level <= 2:
                        w.text("=" * min(72, len(text)))
                    elif heading_level == 3:
                        w.text("-" * min(72, len(text)))
                heading_level = 0
            else:
                w.text(text)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(t.attrGet("start") or 1) if kind == "ordered_list_open" else 0
            lists.append([kind == "ordered_list_open", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if lists:
                lists.pop()
            if not lists:
                w.blank()
        elif kind == "list_item_open":
            ordered, number = lists[-1] if lists else [False, 0]
            marker = f"{number}. " if ordered else "- "
            if ordered and lists:
                lists[-1][1] = int(number) + 1
            w.levels.append(_Level(marker, " " * len(marker)))
        elif kind == "list_item_close":
            if w.levels:
                w.levels.pop()
        elif kind == "blockquote_open":
            w.levels.append(_Level("| ", "| "))
        elif kind == "blockquote_close":
            if w.levels:
                w.levels.pop()
            w.blank()
        elif kind in ("fence", "code_block"):
            code = _safe(t.content.rstrip("\n"))
            body = "\n".join("    " + line for line in code.split("\n"))
            w.text(f"{DIM}{body}{DIM_OFF}" if style else body)
            w.blank()
        elif kind == "hr":
            w.text("-" * 40)
            w.blank()
        elif kind == "table_open":
            table, header_rows = [], 0
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open" and table is not None:
            table.append([])
            if in_head:
                header_rows += 1
        elif kind == "table_close" and table is not None:
            w.text(_table(table, header_rows, style))
            w.blank()
            table = None
        elif kind == "html_block":
            w.text(_safe(t.content.rstrip("\n")))
            w.blank()
    return "\n".join(w.lines).strip("\n") + "\n"


def render_plain(md: str) -> str:
    """Markdown as plain text: no escape sequences at all (for pipes and files)."""
    return _render(md, style=False)


def render_terminal(md: str) -> str:
    """Markdown with light ANSI styling (bold headings, cyan code) for a terminal."""
    return _render(md, style=True)
