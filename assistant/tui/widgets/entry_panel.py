"""Side panel with the full knowledge-base entry of the current topic (toggled with F2).

The entry is painted by the same one-widget renderer as the answers, so a long
identifier (ICM_HTTP_SSL_PEER_CERT_UNTRUSTED) moves to the next line whole instead of
being cut at the panel's edge.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from assistant.tui.docs import page_doc
from assistant.tui.widgets.answer import Answer

PLACEHOLDER = "_No topic yet._ Ask about a message (e.g. SCLNT_HTTP407) and its full entry appears here."


class EntryPanel(VerticalScroll):
    def __init__(self) -> None:
        super().__init__(id="entry-panel")
        self.entry_markdown = PLACEHOLDER

    def compose(self) -> ComposeResult:
        entry = Answer(page_doc(self.entry_markdown), id="entry-markdown")
        entry.can_focus = False
        yield entry

    def show(self, markdown: str | None) -> None:
        self.entry_markdown = markdown or PLACEHOLDER
        self.query_one("#entry-markdown", Answer).update(page_doc(self.entry_markdown))
        self.scroll_home(animate=False)
