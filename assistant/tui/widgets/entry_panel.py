"""Side panel with the full knowledge-base entry of the current topic (toggled with F2)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

PLACEHOLDER = "_No topic yet._ Ask about a message (e.g. SCLNT_HTTP407) and its full entry appears here."


class EntryPanel(VerticalScroll):
    def __init__(self) -> None:
        super().__init__(id="entry-panel")
        self.entry_markdown = PLACEHOLDER

    def compose(self) -> ComposeResult:
        yield Markdown(self.entry_markdown, id="entry-markdown", open_links=False)

    def show(self, markdown: str | None) -> None:
        self.entry_markdown = markdown or PLACEHOLDER
        self.query_one("#entry-markdown", Markdown).update(self.entry_markdown)
        self.scroll_home(animate=False)
