"""Command palette provider: every slash command plus the app's own actions, with help."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from assistant.tui.slash import SLASH_COMMANDS, SlashCommand

if TYPE_CHECKING:
    from assistant.tui.app import ChatApp

APP_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Copy last answer", "Copy the last answer's Markdown to the clipboard", "copy_answer"),
    ("Toggle topic panel", "Show or hide the full entry of the current topic", "toggle_panel"),
    ("Toggle light/dark theme", "Switch between Textual's light and dark theme", "toggle_theme"),
    ("Resume a conversation…", "Pick a saved conversation and continue it", "resume_picker"),
    ("Open or close the details", "The sections of the answer on screen", "toggle_details"),
)


class ChatCommands(Provider):
    """Slash commands and chat actions in the palette (Ctrl+P)."""

    @property
    def chat(self) -> ChatApp:
        return cast("ChatApp", self.app)

    def _entries(self) -> list[tuple[str, str, Callable[[], object]]]:
        entries: list[tuple[str, str, Callable[[], object]]] = [
            (command.usage, command.help, partial(self._slash, command))
            for command in SLASH_COMMANDS
        ]
        for title, help_text, action in APP_ACTIONS:
            entries.append((title, help_text, partial(self.chat.run_action, action)))
        return entries

    def _slash(self, command: SlashCommand) -> None:
        self.chat.run_palette_command(command)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = max(matcher.match(title), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
