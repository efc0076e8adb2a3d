"""Lay out answer blocks (`tui/mdblocks.py`) for a width: lines of styled Content.

Line breaking is our own rather than Textual's, for three rules an answer needs:

- lines break at spaces only, so a URL, an id or a path that fits on a line is never
  split; one longer than a whole line breaks after a `/`, `?`, `&`, `=`, `.`, `-` or `_`
  where it can (a character fold only as the last resort);
- a number and its unit stay together ("2 ms", "29 days"), and so do a word and the
  closing punctuation after it ("/export …);"), and a short code span
  (`ssl/client_sni_enabled = TRUE`: a parameter never parted from its value);
- wrapped list items and quotes hang under their text (the block's `rest` prefix);
- a heading, a section title or a table cell that needs two or more lines breaks where
  its clauses meet (after ":", ";" or " —") when that costs no extra line, and never
  leaves one short word alone on its last line (`heading_offsets`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from rich.cells import cell_len, get_character_cell_size
from textual.content import Content

from assistant.tui.mdblocks import STYLES, Block

NO_BREAK = "\u00a0"  # stands for a space no line may break at (same length, one cell)

MIN_TEXT = 12  # columns a text keeps however deep it is indented
TABLE_GAP = 2
MIN_COLUMN = 8

_WORD = re.compile(r"[^ ]+ *| +")
_NUMBER = re.compile(r"\(?[-+]?\d[\d.,:]*")
_UNIT = re.compile(r"(?:ms|s|sec|min|h|days?|KB|MB|GB|bytes?|bits?|%)\b")
_URL_BREAK_AFTER = frozenset("/?&=.-_,:;#+")
_CLOSING = re.compile(r"[…)\]}.,;:!?]+")  # "…);" after a space belongs to the word before it
# Where a heading's clauses meet: the space after ":", ";" or a spaced dash.
_CLAUSE_BREAK = re.compile(r"(?<=[:;]) +|(?<= —) +")
_A_WORD = re.compile(r"[^\s]*[^\W_][^\s]*")
STUB_FRACTION = 3  # a heading line shorter than a third of the width reads as a stray stub


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets at which to break one line of `text` so no line is wider than `width`."""
    width = max(1, width)
    if cell_len(text) <= width:
        return []
    offsets: list[int] = []
    col = 0  # cells used on the current line
    line_start = 0
    prev: tuple[int, str] | None = None  # the previous word on this line (start, text)
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        bare = word.rstrip(" ")
        size = cell_len(bare)
        if col + size <= width or not bare:
            col += cell_len(word)
            prev = (start, word) if bare else prev
            continue
        if col > 0 and start > line_start:
            # The number moves down with its unit, unless the two do not fit on one line.
            glued = (prev is not None and _glued(prev[1], bare) and prev[0] > line_start
                     and cell_len(text[prev[0]:start]) + size <= width)
            cut = prev[0] if glued and prev is not None else start
            offsets.append(cut)
            line_start = cut
            col = cell_len(text[cut:start]) if glued else 0
        if col + size <= width:
            col += cell_len(word)
            prev = (start, word)
            continue
        # A word longer than a whole line: break inside it where a URL or path allows.
        for inner in _split_long(bare, width):
            offsets.append(start + inner)
            line_start = start + inner
        col = cell_len(word[offsets[-1] - start :]) if offsets and offsets[-1] > start else cell_len(word)
        prev = None
    return [o for o in offsets if 0 < o < len(text)]


def _glued(previous: str, word: str) -> bool:
    """A number followed by its unit ("2 ms", "(29 days)") is one unit for breaking, and
    so is a word followed by closing punctuation alone ("/export …);"): a line never
    starts with it."""
    if _CLOSING.fullmatch(word):
        return True
    return bool(_NUMBER.fullmatch(previous.strip())) and bool(_UNIT.match(word))


def _split_long(word: str, width: int) -> list[int]:
    """Offsets inside `word` (longer than `width`): after a URL separator when one falls
    in the second half of the line, else after `width` cells."""
    offsets: list[int] = []
    start = 0
    while cell_len(word[start:]) > width:
        cells, end, best = 0, start, -1
        while end < len(word):
            size = get_character_cell_size(word[end])
            if cells + size > width:
                break
            cells += size
            end += 1
            if word[end - 1] in _URL_BREAK_AFTER and cells >= width // 2:
                best = end
        cut = best if best > start else max(end, start + 1)
        offsets.append(cut)
        start = cut
    return offsets


def heading_offsets(text: str, width: int) -> list[int]:
    """Break offsets for a heading: as few lines as `break_offsets` needs, laid out so
    each line reads as a phrase.

    A headline such as "Not an SAP HTTP-client error: another client's own connection,
    TLS or trust" filled greedily left "trust" alone on the second line at 80 columns.
    So: first the clause breaks (after ":", ";", " —") when they need no more lines and
    no line is one word alone ("How to fix it — if:" / the cause's title, but never
    "SCLNT_HTTP421 —" alone); else the greedy breaks when no line is a stub (shorter than
    a third of the width); else the lines balanced within the same line count (as CSS
    `text-wrap: balance`)."""
    greedy = break_offsets(text, width)
    if not greedy:
        return greedy
    stub = max(1, width // STUB_FRACTION)
    clauses = _clause_offsets(text, width)
    if clauses is not None and len(clauses) == len(greedy) and _fewest_words(text, clauses) > 1:
        return clauses
    if _shortest_line(text, greedy) >= stub:
        return greedy
    # The narrowest width that still needs no more lines than greedy: n lines hold the
    # text less the n - 1 spaces at their breaks, so none is narrower than its n-th part.
    low, high = max(1, (cell_len(text) - len(greedy)) // (len(greedy) + 1)), width
    while low < high:
        middle = (low + high) // 2
        if len(break_offsets(text, middle)) <= len(greedy):
            high = middle
        else:
            low = middle + 1
    if len(greedy) == 1:  # two lines at the narrowest width are as even as two can be
        return break_offsets(text, high)
    # Of the layouts with that many lines, the one whose shortest line is longest (as
    # close to balanced as filling line by line can get).
    layouts = (break_offsets(text, w) for w in range(width, high - 1, -1))
    return max(layouts, key=lambda offsets: _shortest_line(text, offsets) if len(offsets) == len(greedy) else -1)


def _clause_offsets(text: str, width: int) -> list[int] | None:
    """Breaks at clause ends only, as many clauses on a line as fit; None when a clause
    alone is wider than `width` (or the text has no clause break)."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    if not starts:
        return None
    if max(_line_lengths(text, starts)) > width:
        return None
    offsets: list[int] = []
    line_start = 0
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        if cell_len(text[line_start:end].strip()) > width:
            offsets.append(start)
            line_start = start
    return offsets


def _line_lengths(text: str, offsets: Sequence[int]) -> list[int]:
    """The cells of each line `text` broken at `offsets` has, without the spaces at a break."""
    return [cell_len(text[a:b].strip()) for a, b in pairwise([0, *offsets, len(text)])]


def _fewest_words(text: str, offsets: Sequence[int]) -> int:
    """The words (with a letter or digit; "—" is none) of the line that has fewest."""
    bounds = [0, *offsets, len(text)]
    return min(len(_A_WORD.findall(text[a:b])) for a, b in pairwise(bounds))


def _shortest_line(text: str, offsets: Sequence[int]) -> int:
    return min(_line_lengths(text, offsets))


def wrap(content: Content, width: int, *, phrases: bool = False) -> list[Content]:
    """`content` as lines of at most `width` cells (its "\\n" are hard breaks). `phrases`:
    a heading, a section title or a table cell — a short text broken by
    `heading_offsets` (at its clauses, no word alone); a paragraph fills its lines."""
    breaker = heading_offsets if phrases else break_offsets
    lines: list[Content] = []
    for line in content.split("\n", allow_blank=True) if "\n" in content.plain else [content]:
        offsets = breaker(_kept_whole(line, width), width)
        if not offsets:
            lines.append(line.rstrip(" ") if line.plain.endswith(" ") else line)
            continue
        lines.extend(piece.rstrip(" ") for piece in line.divide(offsets))
    return lines


def _kept_whole(line: Content, width: int) -> str:
    """`line`'s text with the spaces inside short code spans made unbreakable: a code span
    is one thing to type ("icm/HTTPS/client_sni_enabled = TRUE", "SSSLRC_CONN_CLOSED (-10)")
    and a line that ends in its name leaves "= TRUE." alone on the next. A span wider than
    two thirds of the line breaks as text does (whole, it would leave too ragged a line)."""
    plain = line.plain
    spans = [span for span in line.spans if span.style == STYLES["code"] and " " in plain[span.start:span.end]
             and cell_len(plain[span.start:span.end]) <= width * 2 // 3]
    if not spans:
        return plain
    chars = list(plain)
    for span in spans:
        for index in range(span.start, min(span.end, len(chars))):
            if chars[index] == " ":
                chars[index] = NO_BREAK
    return "".join(chars)


def wrap_hanging(content: Content, width: int) -> list[Content]:
    """Like `wrap`, but a wrapped line continues under its own first character: in a pasted
    screen (an ST22 dump, a trace, a framed SM59 table) the indentation is the structure,
    and a continuation at the left margin reads as a new line of the paste."""
    lines: list[Content] = []
    for line in content.split("\n", allow_blank=True) if "\n" in content.plain else [content]:
        pieces = wrap(line, width)
        if len(pieces) < 2:
            lines.extend(pieces or [line])
            continue
        plain = line.plain
        indent = min(len(plain) - len(plain.lstrip(" ")), width // 2)
        lines.append(pieces[0])
        hang = Content(" " * indent)
        lines.extend(hang + piece for piece in wrap(_after(line, pieces[0]), max(1, width - indent)))
    return lines


def _after(line: Content, first: Content) -> Content:
    """What of `line` is left after its first wrapped piece `first`, without the spaces
    at the break."""
    rest = line[len(first.plain):]
    return rest[len(rest.plain) - len(rest.plain.lstrip(" ")):]


def fold(content: Content, width: int) -> list[Content]:
    """Code: every line kept as it is, cut into pieces of `width` cells when longer."""
    out: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        out.extend(line.fold(width) if line.cell_length > width else [line])
    return out


def _prefixed(block: Block, lines: Iterable[Content]) -> list[Content]:
    out = []
    for i, line in enumerate(lines):
        prefix = block.first if i == 0 else block.rest
        out.append(prefix + line if prefix else line)
    return out


def layout(blocks: Sequence[Block], width: int) -> list[Content]:
    """All blocks as lines for `width` columns."""
    out: list[Content] = []
    for block in blocks:
        if block.kind == "space":
            out.append(Content(""))
            continue
        inner = max(MIN_TEXT, width - max(block.first.cell_length, block.rest.cell_length))
        if block.kind == "text":
            lines = wrap(block.body, inner, phrases=block.heading)
        elif block.kind == "code":
            lines = fold(block.body, inner)
        elif block.kind == "rule":
            lines = [Content("─" * inner).stylize(STYLES["rule"])]
        else:
            lines = table_lines(block.rows, block.header_rows, inner)
        out.extend(_prefixed(block, lines))
    return out


# -- tables ---------------------------------------------------------------------------------


def column_widths(rows: Sequence[Sequence[Content]], width: int) -> list[int]:
    """Natural widths, the widest narrowed first until the table fits `width`."""
    count = max(len(r) for r in rows)
    natural = [max((r[i].cell_length for r in rows if i < len(r)), default=1) or 1 for i in range(count)]
    budget = max(count * MIN_COLUMN, width - TABLE_GAP * (count - 1))
    widths = list(natural)
    while sum(widths) > budget:
        widest = max(range(count), key=widths.__getitem__)
        if widths[widest] <= MIN_COLUMN:
            break
        widths[widest] -= max(1, (sum(widths) - budget) // 4)
        widths[widest] = max(MIN_COLUMN, widths[widest])
    return widths


def table_lines(rows: Sequence[Sequence[Content]], header_rows: int, width: int) -> list[Content]:
    """A table without rules: columns apart by a gap, cells wrapped in their column, the
    header in the heading colour."""
    if not rows:
        return []
    widths = column_widths(rows, width)
    gap = Content(" " * TABLE_GAP)
    out: list[Content] = []
    for index, row in enumerate(rows):
        cells = [wrap(row[i] if i < len(row) else Content(""), w, phrases=True) for i, w in enumerate(widths)]
        for k in range(max(len(c) for c in cells)):
            parts = []
            for cell, w in zip(cells, widths, strict=True):
                piece = cell[k] if k < len(cell) else Content("")
                parts.append(piece.pad_right(max(0, w - piece.cell_length)))
            line = gap.join(parts).rstrip(" ")
            out.append(line.stylize(STYLES["th"]) if index < header_rows else line)
    return out
