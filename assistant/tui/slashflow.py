"""What the slash commands do in the chat (the table of commands is `slash.py`).

Every command answers in the conversation: a bad argument gets a sentence saying what
is wrong, never a crash. `/cert` reads its file in a thread worker (a certificate file
can be large, and cryptography loads on first use), so the prompt never stalls. The
commands that are the app's own actions (`/help`, `/clear`, `/quit`) are handed in by
the app; `/check` asks the app for a check with a `CheckRequested` message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.tui import bridge
from assistant.tui.checkargs import CheckArgsError, parse_check_args
from assistant.tui.messages import CheckRequested
from assistant.tui.slash import parse_slash
from assistant.tui.transcript import default_export_path, write_export

if TYPE_CHECKING:
    from assistant.tui.host import ChatHost

Handler = Callable[[list[str]], None]


def _without_args(action: Callable[[], object]) -> Handler:
    def handler(_args: list[str]) -> None:
        action()

    return handler


class SlashFlow:
    def __init__(
        self,
        host: ChatHost,
        app_commands: Mapping[str, Callable[[], object]],
        *,
        resume: Callable[[str | None], object],
    ) -> None:
        """`app_commands`: the commands that are the app's own actions, by name;
        `resume`: put a saved conversation back (None: let the user pick one)."""
        self.host = host
        self._resume = resume
        self._handlers: dict[str, Handler] = {
            "list": self._list,
            "lookup": self._lookup,
            "check": self._check,
            "cert": self._cert,
            "export": self._export,
            "resume": self._resume_command,
        }
        self._handlers.update({name: _without_args(action) for name, action in app_commands.items()})

    def run(self, text: str) -> None:
        parsed = parse_slash(text)
        if parsed.command is None:
            self.host.say_notice(f"Unknown command /{parsed.name} — /help lists the commands.", severity="error")
            return
        if parsed.error:
            self.host.say_notice(f"{parsed.command.usage}: {parsed.error}", severity="error")
            return
        self._handlers[parsed.command.name](parsed.args)

    def _need_kb(self) -> bool:
        session = self.host.session
        if session.kb is None:
            message = (
                "No knowledge base."
                if session.kb_error
                else "The knowledge base is still loading — try again in a moment."
            )
            self.host.say_notice(message, severity="warning")
            return False
        return True

    def _list(self, args: list[str]) -> None:
        if self._need_kb():
            assert self.host.session.kb is not None
            self.host.say_answer(bridge.list_markdown(self.host.session.kb))

    def _lookup(self, args: list[str]) -> None:
        host, session = self.host, self.host.session
        if not args:
            host.say_notice("Usage: /lookup ID (e.g. 407, SCLNT_HTTP407, STRUST)", severity="error")
            return
        if not self._need_kb():
            return
        assert session.kb is not None
        from assistant.services.answering import entry_page, look_up, state_after_lookup

        ident = " ".join(args)
        found = look_up(session.kb, ident)
        if found.entry is None:
            hint = f" Nearest known ids: {', '.join(found.nearest)}." if found.nearest else " Try /list."
            host.say_notice(f"Nothing in the knowledge base is called {ident!r}.{hint}", severity="warning")
            return
        host.say_answer(entry_page(session.kb, found.entry))
        session.state = state_after_lookup(session.kb, found.entry, session.state)
        host.topic_changed()

    def _check(self, args: list[str]) -> None:
        try:
            request = parse_check_args(args)
        except CheckArgsError as exc:
            self.host.say_notice(f"/check: {exc}", severity="error")
            return
        self.host.post_message(CheckRequested(request))

    def _resume_command(self, args: list[str]) -> None:
        if len(args) > 1:
            self.host.say_notice("Usage: /resume [ID] (without an ID: pick one)", severity="error")
            return
        self._resume(args[0] if args else None)

    def _export(self, args: list[str]) -> None:
        if len(args) > 1:
            self.host.say_notice("Usage: /export [FILE]", severity="error")
            return
        path = Path(args[0]) if args else default_export_path()
        try:
            written = write_export(self.host.session.transcript.to_markdown(), path)
        except OSError as exc:
            self.host.say_notice(f"Could not write {path}: {exc.strerror or exc}", severity="error")
            return
        self.host.say_notice(f"Conversation saved as Markdown to {written}")

    # -- /cert ----------------------------------------------------------------------------

    def _cert(self, args: list[str]) -> None:
        if len(args) != 1:
            self.host.say_notice("Usage: /cert FILE (quote a path with spaces)", severity="error")
            return
        self.host.set_status("reading the certificate file…")
        self.host.run_in_thread(partial(self._read_cert, args[0]), name="_cert_worker", group="cert")

    def _read_cert(self, path: str) -> None:
        """In the worker thread."""
        try:
            markdown = bridge.cert_file_markdown(path)
        except Exception as exc:  # CertFileError, OSError, …: say it, in words
            self.host.deliver(self._cert_read, None, f"/cert: {exc}")
            return
        self.host.deliver(self._cert_read, markdown, None)

    def _cert_read(self, markdown: str | None, error: str | None) -> None:
        self.host.set_status(None)
        if error:
            self.host.say_notice(error, severity="error")
        elif markdown:
            self.host.say_answer(markdown)
