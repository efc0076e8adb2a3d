"""What the slash commands do in the chat (the table of commands is `slash.py`).

Every command answers in the conversation: a bad argument gets a sentence saying what
is wrong, never a crash. `/cert` reads its file in a thread worker (a certificate file
can be large, and cryptography loads on first use), so the prompt never stalls.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.tui import bridge
from assistant.tui.checkargs import CheckArgsError, parse_check_args
from assistant.tui.slash import SlashCommand, parse_slash
from assistant.tui.transcript import default_export_path, write_export
from assistant.tui.widgets.prompt import Prompt
from assistant.tui.widgets.topic import TopicBar

if TYPE_CHECKING:
    from assistant.tui.app import ChatApp


class SlashFlow:
    def __init__(self, chat: ChatApp) -> None:
        self.chat = chat
        self._handlers: dict[str, Callable[[list[str]], None]] = {
            "help": lambda _args: chat.action_help(echo=False),
            "list": self._list,
            "lookup": self._lookup,
            "check": self._check,
            "cert": self._cert,
            "export": self._export,
            "clear": lambda _args: chat.action_clear(),
            "quit": lambda _args: chat.exit(0),
        }

    def from_palette(self, command: SlashCommand) -> None:
        """From the command palette: run it, or put it in the prompt when it needs an argument."""
        if command.needs_argument:
            prompt = self.chat.query_one(Prompt)
            prompt.value = f"/{command.name} "
            prompt.cursor_position = len(prompt.value)
            prompt.focus()
        else:
            self.chat.handle_text(f"/{command.name}")

    def run(self, text: str) -> None:
        parsed = parse_slash(text)
        if parsed.command is None:
            self.chat.say_notice(f"Unknown command /{parsed.name} — /help lists the commands.", severity="error")
            return
        if parsed.error:
            self.chat.say_notice(f"{parsed.command.usage}: {parsed.error}", severity="error")
            return
        self._handlers[parsed.command.name](parsed.args)

    def _need_kb(self) -> bool:
        if self.chat.kb is None:
            message = (
                "No knowledge base."
                if self.chat.kb_error
                else "The knowledge base is still loading — try again in a moment."
            )
            self.chat.say_notice(message, severity="warning")
            return False
        return True

    def _list(self, args: list[str]) -> None:
        if self._need_kb():
            assert self.chat.kb is not None
            self.chat.say_answer(bridge.list_markdown(self.chat.kb))

    def _lookup(self, args: list[str]) -> None:
        chat = self.chat
        if not args:
            chat.say_notice("Usage: /lookup ID (e.g. 407, SCLNT_HTTP407, STRUST)", severity="error")
            return
        if not self._need_kb():
            return
        assert chat.kb is not None
        from assistant.services.answering import entry_page, look_up, state_after_lookup

        ident = " ".join(args)
        found = look_up(chat.kb, ident)
        if found.entry is None:
            hint = f" Nearest known ids: {', '.join(found.nearest)}." if found.nearest else " Try /list."
            chat.say_notice(f"Nothing in the knowledge base is called {ident!r}.{hint}", severity="warning")
            return
        chat.say_answer(entry_page(chat.kb, found.entry))
        chat.state = state_after_lookup(chat.kb, found.entry, chat.state)
        chat.update_topic()

    def _check(self, args: list[str]) -> None:
        try:
            request = parse_check_args(args)
        except CheckArgsError as exc:
            self.chat.say_notice(f"/check: {exc}", severity="error")
            return
        self.chat.checks.start(request)

    def _export(self, args: list[str]) -> None:
        chat = self.chat
        if len(args) > 1:
            chat.say_notice("Usage: /export [FILE]", severity="error")
            return
        path = Path(args[0]) if args else default_export_path()
        try:
            written = write_export(chat.transcript.to_markdown(), path)
        except OSError as exc:
            chat.say_notice(f"Could not write {path}: {exc.strerror or exc}", severity="error")
            return
        chat.last_export = written
        chat.say_notice(f"Conversation saved as Markdown to {written}")

    # -- /cert ----------------------------------------------------------------------------

    def _cert(self, args: list[str]) -> None:
        if len(args) != 1:
            self.chat.say_notice("Usage: /cert FILE (quote a path with spaces)", severity="error")
            return
        self.chat.query_one(TopicBar).set_status("reading the certificate file…")
        self.chat.run_worker(
            partial(self._read_cert, args[0]), name="_cert_worker", group="cert", thread=True, exit_on_error=False
        )

    def _read_cert(self, path: str) -> None:
        """In the worker thread."""
        try:
            markdown = bridge.cert_file_markdown(path)
        except Exception as exc:  # CertFileError, OSError, …: say it, in words
            self.chat.from_thread(self._cert_read, None, f"/cert: {exc}")
            return
        self.chat.from_thread(self._cert_read, markdown, None)

    def _cert_read(self, markdown: str | None, error: str | None) -> None:
        self.chat.query_one(TopicBar).set_status(self.chat.kb_status)
        if error:
            self.chat.say_notice(error, severity="error")
        elif markdown:
            self.chat.say_answer(markdown)
