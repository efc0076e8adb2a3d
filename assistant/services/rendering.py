"""Answer Markdown as text for where it goes: light styling on a terminal, plain otherwise."""

from __future__ import annotations

from typing import TextIO


def render_for(markdown: str, stream: TextIO) -> str:
    """`markdown` rendered for `stream`: ANSI-styled when it is a terminal, else plain text
    (a pipe or a file gets no escape sequences at all). Imports markdown-it."""
    from assistant.answers.render import render_plain, render_terminal

    return render_terminal(markdown) if stream.isatty() else render_plain(markdown)
