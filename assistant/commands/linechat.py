"""The scriptable chat: `sapassist chat` with standard input not a terminal.

One question per input line, answered with the dialogue state of the conversation, so a
follow-up ("how do I fix it?"), a reply to the answer's question and a "yes" to an
offered live check mean what they mean in the Textual chat. Text mode echoes each
question before its answer; `--json` prints one JSON object per input line, the shape of
`sapassist ask --json`. `/check URL [options]` runs a live check; `/quit` ends.

Everything is bounded, whatever is piped in: a line is read up to MAX_LINE_BYTES (the
rest of it is skipped, with a note), the whole input up to MAX_INPUT_BYTES, and the
output up to MAX_OUTPUT_BYTES; reaching a limit is said, never silent.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, NamedTuple, NoReturn, TextIO

from assistant.services.answering import answer_question, answer_to_json, reported_after
from assistant.textsafe import decode_text, looks_binary

if TYPE_CHECKING:
    from assistant.intent import DialogueState, Routed
    from assistant.kb.knowledge_base import KnowledgeBase

MAX_LINE_BYTES = 64 * 1024  # more than the router reads of one paste
MAX_INPUT_BYTES = 8 * 1024 * 1024
MAX_OUTPUT_BYTES = 4 * 1024 * 1024
MAX_TURNS = 300
QUIT = {"/quit", "/exit", "/q", "quit", "exit"}
BINARY = "(that line is binary data, not text — paste the error message itself)"


class Line(NamedTuple):
    text: str
    cut: bool  # the line was longer than MAX_LINE_BYTES; only its start is kept


def read_lines(stream: IO[bytes]) -> Iterator[Line | str]:
    """Input lines, each bounded; a str is a note about a limit reached (then it ends).

    The start of an over-long line is still answered; the rest of it is skipped (and
    counted, so a 10 MB paste costs reading 8 MB, not holding it)."""
    total = 0
    while total <= MAX_INPUT_BYTES:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        total += len(raw)
        cut = len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n")
        while cut and total <= MAX_INPUT_BYTES:  # skip the rest of an over-long line
            more = stream.readline(MAX_LINE_BYTES)
            total += len(more)
            if not more or more.endswith(b"\n"):
                break
        yield Line(decode_text(raw[:MAX_LINE_BYTES])[0].rstrip("\r\n"), cut)
    yield f"(input limit reached: only the first {MAX_INPUT_BYTES // (1024 * 1024)} MB are read)"


class LineChat:
    """One conversation over lines: state, the last offered check, the output budget."""

    def __init__(self, kb: KnowledgeBase, out: TextIO, *, as_json: bool) -> None:
        from assistant.intent import DialogueState

        self.kb = kb
        self.out = out
        self.as_json = as_json
        self.state: DialogueState = DialogueState()
        self.shown: frozenset[str] = frozenset()
        self.reported: tuple[str, ...] = ()  # what the user said they get (a check compares with it)
        self.offered: str | None = None
        self.written = 0
        self.turns = 0

    # -- output ------------------------------------------------------------------------

    def emit(self, text: str) -> bool:
        """Write within the output budget; False once it is spent (the note says so)."""
        size = len(text.encode("utf-8", "replace"))
        if self.written + size > MAX_OUTPUT_BYTES:
            note = f"(output limit reached: {MAX_OUTPUT_BYTES // (1024 * 1024)} MB; the rest is not answered)"
            self.out.write((json.dumps({"note": note}) if self.as_json else note) + "\n")
            self.out.flush()
            self.written = MAX_OUTPUT_BYTES + 1
            return False
        self.out.write(text)
        self.out.flush()
        self.written += size
        return True

    def note(self, text: str) -> bool:
        """A one-line note; it may quote what was typed (argparse's "unrecognized arguments:
        …"), so it is said back as a typed line is: passwords masked, control characters shown."""
        from assistant.redact import mask_said
        from assistant.textsafe import escape_control

        text = escape_control(mask_said(text))
        return self.emit((json.dumps({"note": text}) if self.as_json else text) + "\n")

    def render(self, markdown: str) -> str:
        from assistant.services.rendering import render_for

        return render_for(markdown, self.out)

    # -- turns -------------------------------------------------------------------------

    def turn(self, line: Line) -> bool:
        """Answer one input line; False to stop (quit, or a limit reached)."""
        text = line.text
        if text.strip().lower() in QUIT:
            return False
        if not text.strip():
            return True
        self.turns += 1
        if self.turns > MAX_TURNS:
            self.note(f"(stopped after {MAX_TURNS} questions: split the input into smaller conversations)")
            return False
        if not self.as_json and not self.emit(f"you> {_one_line(text)}\n"):
            return False
        if line.cut and not self.note(f"(that line was longer than {MAX_LINE_BYTES // 1024} KB: only its start is read)"):
            return False
        if looks_binary(text):
            return self.note(BINARY)
        if text.lstrip().startswith("/"):
            return self.command(text.strip())
        if self.offered and _is_yes(text):
            target, self.offered = self.offered, None
            return self.check(target, None)
        return self.question(text)

    def question(self, text: str) -> bool:
        answered = answer_question(text, self.kb, self.state, for_chat=True, shown=self.shown)
        routed = answered.routed
        self.state = routed.state
        self.shown = self.shown | answered.doc.keys
        self.reported = reported_after(routed, self.reported)
        if routed.intent == "check" and (routed.check_target or self.offered):
            target = routed.check_target or self.offered
            self.offered = None
            return self.check(target or "", routed.state.proxy_url)
        self.offered = _named_target(routed)
        if self.as_json:
            return self.emit(json.dumps(answer_to_json(answered, self.kb), ensure_ascii=False) + "\n")
        return self.emit(self.render(answered.markdown) + "\n")

    def command(self, text: str) -> bool:
        name, _, rest = text.partition(" ")
        if name.lower() in QUIT:
            return False
        if name.lower() == "/check":
            return self.check_command(rest)
        if name.lower() == "/clear":
            from assistant.intent import DialogueState

            self.state, self.shown, self.offered, self.reported = DialogueState(), frozenset(), None, ()
            return self.note("(new conversation)")
        return self.note(f"{name}: not available in the piped chat (it knows /check, /clear and /quit)")

    def check_command(self, rest: str) -> bool:
        try:
            args = _check_parser().parse_args(shlex.split(rest))
        except (ValueError, SystemExit) as exc:
            return self.note(f"/check: {exc if isinstance(exc, ValueError) else 'usage: /check URL [--proxy URL] [--proxy-user USER:PASSWORD] [--ca-file FILE] [--client-cert PEM --client-key PEM | --pkcs12 FILE] [--timeout S] [--no-sni]'}")
        return self.check(args.url, args.proxy, args)

    def check(self, url: str, proxy: str | None, args: argparse.Namespace | None = None) -> bool:
        from assistant.commands.check import OPTION_FLAGS
        from assistant.diagnostics.model import CheckSetupError
        from assistant.diagnostics.options import build_check_options
        from assistant.diagnostics.prepare import prepare
        from assistant.diagnostics.runner import run_prepared
        from assistant.services.answering import answer_check
        from assistant.services.chatcheck import chat_check_timeout

        proxy_user = getattr(args, "proxy_user", None)
        try:
            timeout = chat_check_timeout(getattr(args, "timeout", None))
        except ValueError as exc:
            return self.note(f"/check: {exc}")
        try:
            options = build_check_options(
                url, ca_file=getattr(args, "ca_file", None), proxy=proxy or getattr(args, "proxy", None),
                proxy_user=proxy_user, client_cert=getattr(args, "client_cert", None),
                client_key=getattr(args, "client_key", None), pkcs12=getattr(args, "pkcs12", None),
                timeout=timeout, sni=not getattr(args, "no_sni", False),
            )
            prepared = prepare(options)
        except CheckSetupError as exc:
            # Setup messages never quote a password (the one parser masks what was typed).
            return self.note(f"/check: {exc.describe(OPTION_FLAGS)}")
        # What the server sends is scrubbed of this check's secrets where it enters.
        report = run_prepared(prepared)
        answered = answer_check(report, self.kb, self.state, reported=self.reported,
                                via_proxy=options.proxy is not None)
        self.state = answered.state or self.state
        if self.as_json:
            payload: dict[str, Any] = {"check": report.to_json(), "answer": answered.markdown}
            return self.emit(json.dumps(payload, ensure_ascii=False) + "\n")
        return self.emit(self.render(answered.markdown) + "\n")


def _one_line(text: str) -> str:
    """The echo of a question: one line, control characters shown, passwords masked."""
    from assistant.redact import mask_said
    from assistant.textsafe import escape_control

    text = mask_said(text)
    short = text if len(text) <= 200 else text[:200] + " …"
    return escape_control(short)


def _is_yes(text: str) -> bool:
    from assistant.intent.cues import is_affirmative

    return is_affirmative(text)


def _named_target(routed: Routed) -> str | None:
    """The host or URL this very question names, when a check can reach it: only then is
    a check offered (Routed.offered_target)."""
    return routed.offered_target


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="/check", add_help=False, exit_on_error=False)
    parser.add_argument("url")
    parser.add_argument("--ca-file")
    parser.add_argument("--proxy")
    parser.add_argument("--proxy-user")
    parser.add_argument("--client-cert")
    parser.add_argument("--client-key")
    parser.add_argument("--pkcs12")
    parser.add_argument("--timeout")  # seconds: services.chatcheck reads them, as the TUI does
    parser.add_argument("--no-sni", action="store_true")

    def fail(message: str) -> NoReturn:
        raise ValueError(message)

    parser.error = fail  # type: ignore[method-assign]
    return parser


def run_piped(kb: KnowledgeBase, *, as_json: bool, stdin: IO[bytes] | None = None, out: TextIO | None = None) -> int:
    chat = LineChat(kb, out or sys.stdout, as_json=as_json)
    for item in read_lines(stdin or sys.stdin.buffer):
        if isinstance(item, str):
            chat.note(item)
            break
        if not chat.turn(item):
            break
    return 0
