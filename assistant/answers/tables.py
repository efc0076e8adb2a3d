"""Tables as plain text: columns padded, a long cell wrapped inside its column.

Used by the Markdown renderer (`answers.render`) for every table it meets, and directly
by the message list (`answers.listing`), whose plain form must not pay for markdown-it.
No markdown-it here.
"""

from __future__ import annotations

BOLD, BOLD_OFF = "\x1b[1m", "\x1b[22m"
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


def _wrap(cell: str, width: int) -> list[str]:
    """The cell's lines in a column `width` wide (a short one-line cell as it is: a list of
    100,000 messages must not pay for textwrap on every cell)."""
    if len(cell) <= width and cell.isprintable() and cell == cell.strip():
        return [cell]
    import textwrap

    return textwrap.wrap(cell, width, break_on_hyphens=False) or [""]


def plain_table(rows: list[list[str]], header_rows: int, style: bool = False) -> str:
    """A plain-text table; `style` makes the header rows bold (ANSI)."""
    if not rows:
        return ""
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    widths = _column_widths(rows, n)
    lines = []
    for index, row in enumerate(rows):
        wrapped = [_wrap(cell, widths[i]) for i, cell in enumerate(row)]
        for k in range(max(len(w) for w in wrapped)):
            cells = [(w[k] if k < len(w) else "").ljust(widths[i]) for i, w in enumerate(wrapped)]
            line = " | ".join(cells).rstrip()
            if index < header_rows and style:
                line = f"{BOLD}{line}{BOLD_OFF}"
            lines.append(line)
        if index == header_rows - 1:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)
