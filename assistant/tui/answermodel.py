"""An answer's content apart from any widget: parsed once, laid out per width, with the
open/closed state of its sections.

The `Answer` widget shows one; the conversation's archive (`widgets/archive.py`) keeps the
older answers as these, painted together by one widget. Textual `Content` only (no
widgets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.content import Content

from assistant.tui.mdblocks import Block, parse_blocks
from assistant.tui.wrap import layout, wrap

if TYPE_CHECKING:
    from assistant.answers.document import AnswerDoc

OPEN_MARK, CLOSED_MARK = "▾ ", "▸ "
SECTION_INDENT = 2
HEADER_STYLE = "bold $text-secondary"


def title_lines(title: str, is_open: bool, width: int) -> list[Content]:
    """A section's title with its open/closed mark, wrapped under itself: a title cut at
    the edge ("How to fix it — if: Proxy rejected the proxy logon (407 Proxy Authenti…")
    hides the very words that tell one fix from the other. Wrapped as a heading: by
    phrases, no word alone on its last line."""
    mark = OPEN_MARK if is_open else CLOSED_MARK
    text = wrap(Content(title), max(1, width - len(mark)), phrases=True)
    hang = Content(" " * len(mark))
    return [((Content(mark) if i == 0 else hang) + line).stylize(HEADER_STYLE) for i, line in enumerate(text)]


@dataclass
class AnswerModel:
    """`opened`: the sections shown; `toggles` (after `lines`): line -> its section."""

    doc: AnswerDoc
    opened: set[int] = field(default_factory=set)
    toggles: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        doc = self.doc
        verdict = f"## {doc.headline}\n\n{doc.verdict}" if doc.headline.strip() else doc.verdict
        self.head: list[Block] = parse_blocks(verdict)
        kept = [s for s in doc.sections if s.markdown.strip()]
        self.sections: list[tuple[str, list[Block]]] = [(s.title, parse_blocks(s.markdown)) for s in kept]
        self.keys: list[str] = [s.key for s in kept]

    @classmethod
    def of(
        cls, doc: AnswerDoc, *, open_sections: bool = False, open_keys: frozenset[str] = frozenset()
    ) -> AnswerModel:
        """`open_sections`: every section shown; `open_keys`: those sections shown."""
        model = cls(doc)
        if open_sections:
            model.opened = set(range(len(model.sections)))
        else:
            model.opened = {i for i, key in enumerate(model.keys) if key in open_keys}
        return model

    @property
    def titles(self) -> list[str]:
        return [title for title, _ in self.sections]

    @property
    def all_open(self) -> bool:
        return len(self.opened) == len(self.sections)

    def toggle(self, index: int) -> bool:
        """Open or close a section; False when there is no such section."""
        if not 0 <= index < len(self.sections):
            return False
        self.opened ^= {index}
        return True

    def lines(self, width: int) -> list[Content]:
        """The verdict, a blank line, then one title line per section; an open section's
        body follows its title, with a blank line after it. Opening a section never moves
        its own title (the one just clicked)."""
        lines = layout(self.head, width)
        toggles: dict[int, int] = {}
        pad = Content(" " * SECTION_INDENT)
        if lines and self.sections:
            lines.append(Content(""))
        for index, (title, blocks) in enumerate(self.sections):
            is_open = index in self.opened
            heading = title_lines(title, is_open, width)
            toggles.update(dict.fromkeys(range(len(lines), len(lines) + len(heading)), index))
            lines.extend(heading)
            if is_open:
                lines.extend(pad + c for c in layout(blocks, max(1, width - SECTION_INDENT)))
                lines.append(Content(""))
        while lines and not lines[-1].plain:
            lines.pop()
        self.toggles = toggles
        return lines
