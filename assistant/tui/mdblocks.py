"""Answer Markdown as a flat list of styled blocks, parsed once per answer.

Why not Textual's `Markdown` widget: it turns every paragraph, list item and table cell
into a widget of its own, and a conversation of a hundred answers became thousands of
widgets that every keystroke, theme switch and resize had to walk (issue 11). Here an
answer is parsed once into `Block`s whose text is Textual `Content` with theme-variable
styles; `tui/wrap.py` lays them out for a width and the answer widget paints them as one
widget. Colours are resolved when painting, so a theme switch needs no re-parse.

Text reaches the screen only as `Content` built from plain strings (never markup), with
control characters escaped, so nothing in an answer can become markup or an escape
sequence. The Markdown subset is what the answer builders write: headings, paragraphs,
lists, quotes, tables, code, rules, emphasis, code spans and links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from textual.content import Content, Span

from assistant.textsafe import escape_control

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Theme variables, resolved when painting (a theme switch re-paints, never re-parses).
STYLES = {
    "h1": "bold $text-primary",
    "h2": "bold $text-primary",
    "h3": "bold",
    "h4": "bold italic",
    "strong": "bold",
    "em": "italic",
    "code": "$text-accent",
    "link": "underline $text-primary",
    "quote": "$foreground 55%",
    "rule": "$foreground 30%",
    "fence": "$foreground 80%",
    "th": "bold $text-primary",
}

BlockKind = Literal["text", "space", "rule", "table", "code"]
EMPTY = Content("")  # immutable: one shared instance is a safe default


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-level piece: its text, and what goes in front of its lines.

    `first` prefixes the first line (a list marker, a quote bar), `rest` every further
    line, so wrapped list items hang under their text. A table keeps its cells in `rows`
    (laid out for the width when painted); `header_rows` of them are the header. A
    `heading` wraps by phrases (`wrap.heading_offsets`), never leaving a word alone.
    """

    kind: BlockKind
    body: Content = EMPTY
    first: Content = EMPTY
    rest: Content = EMPTY
    rows: tuple[tuple[Content, ...], ...] = ()
    header_rows: int = 0
    heading: bool = False


SPACE = Block("space")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def parse_blocks(markdown: str) -> list[Block]:
    """The blocks of `markdown`, with single `SPACE`s between paragraphs (none at the ends)."""
    walker = _Walker()
    for token in _parser().parse(markdown):
        walker.token(token)
    return tidy(walker.blocks)


def tidy(blocks: Sequence[Block]) -> list[Block]:
    """No space at either end and never two in a row."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "space" and (not out or out[-1].kind == "space"):
            continue
        out.append(block)
    while out and out[-1].kind == "space":
        out.pop()
    return out


def plain_text(text: str) -> Content:
    """Untrusted or literal text as Content: control characters made visible."""
    return Content(escape_control(text, keep_newlines=True))


# -- inline ---------------------------------------------------------------------------------

_INLINE_STYLES = {"strong_open": "strong", "em_open": "em", "s_open": "em"}


def inline_content(children: Sequence[Token] | None) -> Content:
    """markdown-it inline tokens as one Content ("\\n" for a hard break)."""
    text: list[str] = []
    spans: list[Span] = []
    open_at: list[tuple[str, int]] = []
    links: list[tuple[str, int]] = []
    length = 0

    def add(piece: str, style: str = "") -> None:
        nonlocal length
        piece = escape_control(piece, keep_newlines=True)
        if style and piece:
            spans.append(Span(length, length + len(piece), STYLES[style]))
        text.append(piece)
        length += len(piece)

    for t in children or ():
        kind = t.type
        if kind == "text":
            add(t.content)
        elif kind == "code_inline":
            add(t.content, "code")
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind in _INLINE_STYLES:
            open_at.append((_INLINE_STYLES[kind], length))
        elif kind in ("strong_close", "em_close", "s_close"):
            if open_at:
                style, start = open_at.pop()
                if length > start:
                    spans.append(Span(start, length, STYLES[style]))
        elif kind == "link_open":
            links.append((str(t.attrGet("href") or ""), length))
        elif kind == "link_close":
            href, start = links.pop() if links else ("", length)
            label = "".join(text)[start:] if length > start else ""
            if length > start:
                spans.append(Span(start, length, STYLES["link"]))
            # An autolink's text is its URL; another link shows its URL after the text.
            if href and href not in (label, "mailto:" + label):
                add(f" ({href})")
        elif kind == "image":
            add(t.content or str(t.attrGet("src") or ""))
        elif t.content:
            add(t.content)
    return Content("".join(text), spans)


# -- blocks ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _List:
    ordered: bool
    number: int


class _Walker:
    """One pass over markdown-it's block tokens (`on_<type>` per token type)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.prefixes: list[list[Content]] = []  # [first, rest] per open list item / quote
        self.lists: list[_List] = []
        self.heading: str | None = None
        self.table: list[list[Content]] | None = None
        self.header_rows = 0
        self.in_head = False

    def token(self, t: Token) -> None:
        handler = getattr(self, "on_" + t.type, None)
        if handler is not None:
            handler(t)

    def _prefix(self) -> tuple[Content, Content]:
        """The prefix of the next line: the markers of the open items, each used once."""
        first = Content("").join(p[0] for p in self.prefixes)
        rest = Content("").join(p[1] for p in self.prefixes)
        for p in self.prefixes:
            p[0] = p[1]  # a marker appears on its item's first line only
        return first, rest

    def _add(self, kind: BlockKind, body: Content, heading: bool = False) -> None:
        first, rest = self._prefix()
        self.blocks.append(Block(kind, body, first, rest, heading=heading))

    # headings and paragraphs
    def on_heading_open(self, t: Token) -> None:
        self.heading = t.tag if t.tag in STYLES else "h4"
        self.blocks.append(SPACE)

    def on_heading_close(self, t: Token) -> None:
        self.heading = None
        self.blocks.append(SPACE)

    def on_paragraph_close(self, t: Token) -> None:
        if not t.hidden:  # markdown-it hides the paragraphs of a tight list's items
            self.blocks.append(SPACE)

    def on_inline(self, t: Token) -> None:
        body = inline_content(t.children)
        if self.table is not None:
            self.table[-1].append(body)
            return
        if self.heading is not None:
            body = body.stylize(STYLES[self.heading])
        self._add("text", body, heading=self.heading is not None)

    def on_fence(self, t: Token) -> None:
        self._add("code", plain_text(t.content.rstrip("\n")).stylize(STYLES["fence"]))
        self.blocks.append(SPACE)

    on_code_block = on_fence

    def on_hr(self, t: Token) -> None:
        self._add("rule", Content(""))
        self.blocks.append(SPACE)

    # lists and quotes
    def on_bullet_list_open(self, t: Token) -> None:
        ordered = t.type == "ordered_list_open"
        start = int(t.attrGet("start") or 1) if ordered else 0
        self.lists.append(_List(ordered, start))

    on_ordered_list_open = on_bullet_list_open

    def on_bullet_list_close(self, t: Token) -> None:
        if self.lists:
            self.lists.pop()
        if not self.lists:
            self.blocks.append(SPACE)

    on_ordered_list_close = on_bullet_list_close

    def on_list_item_open(self, t: Token) -> None:
        current = self.lists[-1] if self.lists else _List(False, 0)
        if current.ordered:
            marker = f"{current.number}. "
            current.number += 1
        else:
            marker = "• " if len(self.lists) <= 1 else "◦ "
        self.prefixes.append([Content(marker), Content(" " * len(marker))])

    def on_list_item_close(self, t: Token) -> None:
        if self.prefixes:
            self.prefixes.pop()

    def on_blockquote_open(self, t: Token) -> None:
        bar = Content("▌ ").stylize(STYLES["quote"])
        self.prefixes.append([bar, bar])

    def on_blockquote_close(self, t: Token) -> None:
        if self.prefixes:
            self.prefixes.pop()
        self.blocks.append(SPACE)

    # tables
    def on_table_open(self, t: Token) -> None:
        self.table, self.header_rows = [], 0

    def on_thead_open(self, t: Token) -> None:
        self.in_head = True

    def on_thead_close(self, t: Token) -> None:
        self.in_head = False

    def on_tr_open(self, t: Token) -> None:
        if self.table is not None:
            self.table.append([])
            self.header_rows += self.in_head

    def on_table_close(self, t: Token) -> None:
        if self.table:
            rows = tuple(tuple(row) for row in self.table)
            first, rest = self._prefix()
            self.blocks.append(Block("table", first=first, rest=rest, rows=rows, header_rows=self.header_rows))
            self.blocks.append(SPACE)
        self.table = None

