"""The `sapassist` command line.

Only argparse is imported here; each subcommand lives in `assistant.commands.<name>` and
is imported when chosen, so `sapassist ask` never pays for Textual or the TLS stack.
Exit codes: 0 answered/found/ok, 1 nothing matched / check found an error, 2 usage or
knowledge-base error.
"""

from __future__ import annotations

import argparse
import atexit
import errno
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from assistant import __version__


def _terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`, without importing shutil (see `_Formatter`):
    $COLUMNS when it is a positive number, else the width of the terminal on standard
    output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout. argparse builds a formatter for every `add_argument` (to
    check its metavar) and the stock one asks shutil for the terminal width each time;
    importing shutil (with bz2, lzma and fnmatch) cost ~5 ms of each `sapassist ask`."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _terminal_columns() - 2 if width is None else width)


def _add_kb(p: argparse.ArgumentParser, dest: str = "kb") -> None:
    # Sub-commands write their own dest so `sapassist --kb A ask --kb B` keeps both A and B.
    p.add_argument(
        "--kb",
        dest=dest,
        action="append",
        default=[],
        metavar="DIR",
        help="extra knowledge directory, layered over the bundled base (repeatable)",
    )


class _Parser(argparse.ArgumentParser):
    """argparse's parser, except that with `--json` on the command line a usage error is
    also one JSON object on standard output (commands.jsonerror): a `--json` caller gets
    something to read. The usage and exit code 2 stay as argparse gives them."""

    def __init__(self, *args: Any, json_errors: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.json_errors = json_errors

    def error(self, message: str) -> NoReturn:
        # argparse quotes what was typed ("unrecognized arguments: --proxy-password …"): said
        # back with its passwords masked and its control characters shown, never sent raw.
        from assistant.redact import mask_said
        from assistant.textsafe import escape_control

        message = escape_control(mask_said(message))
        if self.json_errors:
            from assistant.commands.jsonerror import print_json_error

            print_json_error(f"{self.prog}: {message}")
        super().error(message)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `argv`, only the sub-commands named in it get their
    arguments (every one when it names none, e.g. `sapassist --help`).

    Every sub-command is always registered, so the help and "invalid choice" list them
    all; filling in the arguments of all twelve parsers cost ~10 ms of each
    `sapassist ask --json` start, which only needs its own.
    """
    parser = _Parser(
        prog="sapassist",
        json_errors="--json" in (argv or ()),
        formatter_class=_Formatter,
        description=(
            "Chat assistant for SAP HTTP-client errors (message class SCLNT_HTTP). "
            "Without a command it opens the chat."
        ),
    )
    parser.add_argument("--version", action="version", version=f"sapassist {__version__}")
    _add_kb(parser, dest="kb_global")
    _add_resume(parser, dest="resume_global")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = set(argv or ()) & _SUBCOMMANDS.keys()
    for name, (help_text, fill) in _SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text, formatter_class=_Formatter, json_errors=parser.json_errors)
        if not named or name in named:
            fill(p)
    return parser


def _fill_ask(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="*", help="the question; '-' or nothing reads standard input")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    _add_kb(p)


def _fill_lookup(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help="e.g. SCLNT_HTTP407, 421, SSSLERR_PEER_CERT_UNTRUSTED, STRUST")
    p.add_argument("--json", action="store_true", help="print the full entry as JSON")
    _add_kb(p)


def _fill_list(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--class", dest="message_class", default=None, help="only this message class")
    _add_kb(p)


def _fill_kb(kb: argparse.ArgumentParser) -> None:
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND")
    p = kb_sub.add_parser("validate", help="check knowledge directories; exit 2 on problems", formatter_class=_Formatter)
    p.add_argument("dirs", nargs="*", metavar="DIR", help="directories (default: the bundled base)")
    _add_kb(p)
    p = kb_sub.add_parser("import-t100", help="import an SE16 download of table T100", formatter_class=_Formatter)
    p.add_argument("file", help="tab, ';' or ',' separated text with a header line")
    p.add_argument("--output", required=True, metavar="DIR", help="knowledge pack to write")
    p.add_argument("--language", default="E", help="SPRSL language key to import (default E)")
    p.add_argument(
        "--class", dest="message_class", default=None, metavar="PATTERN",
        help="only message classes matching this pattern (wildcards * and ?)",
    )
    p = kb_sub.add_parser("path", help="print the knowledge directories in use", formatter_class=_Formatter)
    _add_kb(p)


def _fill_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", nargs="?", help="https://host[:port][/path]; no scheme means https")
    p.add_argument("--file", metavar="YAML", help="check many endpoints listed in a YAML file")
    p.add_argument(
        "--ca-file", metavar="FILE",
        help="trust list (PEM, DER, PKCS#7 .p7b or PKCS#12; password from SAPASSIST_PKCS12_PASSWORD or a prompt), e.g. exported from STRUST",
    )
    p.add_argument("--proxy", metavar="URL", help="HTTP proxy, e.g. http://proxy:8080")
    p.add_argument("--proxy-user", metavar="USER[:PASSWORD]",
                   help="proxy credentials (never printed); with USER alone the password comes from "
                        "SAPASSIST_PROXY_PASSWORD or a prompt, so it is not visible in ps")
    p.add_argument("--client-cert", metavar="PEM", help="client certificate")
    p.add_argument(
        "--client-key", metavar="PEM",
        help="client private key (if encrypted: password from SAPASSIST_PKCS12_PASSWORD or a prompt)",
    )
    p.add_argument("--pkcs12", metavar="FILE", help="client certificate and key as PKCS#12")
    p.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS",
                   help="one budget for the whole check, each step gets what is left (default 5)")
    p.add_argument("--no-sni", action="store_true", help="do not send SNI (like client_sni_enabled=FALSE)")
    p.add_argument("--json", action="store_true", help="print JSON (JSON lines with --file)")
    p.add_argument("--concurrency", type=int, default=32, help="parallel checks with --file")
    _add_kb(p)


def _fill_cert(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--issuer-of", metavar="URL", help="does a file hold the issuer of this server's chain?")
    p.add_argument("--proxy", metavar="URL", help="proxy for --issuer-of")
    p.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS")
    p.add_argument("--json", action="store_true", help="print JSON")
    _add_kb(p)


def _add_resume(p: argparse.ArgumentParser, dest: str = "resume") -> None:
    p.add_argument(
        "--resume", dest=dest, nargs="?", const="latest", default=None, metavar="ID",
        help="continue a saved conversation: the latest, or the one with this id (or its start)",
    )


def _fill_chat(p: argparse.ArgumentParser) -> None:
    _add_resume(p)
    p.add_argument(
        "--json", action="store_true",
        help="standard input not a terminal: one JSON object per input line (the shape of ask --json)",
    )
    _add_kb(p)


def _fill_trace(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="dev_icm, dev_icm.old, … (several servers at once)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--extract", metavar="DIR", help="write each dumped certificate as a PEM file")
    p.add_argument(
        "--ca-file", metavar="PSE-EXPORT",
        help="the SSL client PSE's exported certificate list (PEM, DER, PKCS#7 or PKCS#12)",
    )
    p.add_argument("--host", metavar="PATTERN", help="only handshakes with these hosts (wildcards * and ?)")
    _add_kb(p)


_SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "chat": ("open the chat (the default)", _fill_chat),
    "ask": ("answer one question or pasted error text", _fill_ask),
    "lookup": ("show one knowledge-base entry (message, code, cause …)", _fill_lookup),
    "list": ("list the known messages", _fill_list),
    "kb": ("knowledge-base tools", _fill_kb),
    "check": ("run live checks against an endpoint", _fill_check),
    "cert": ("inspect certificate files (PEM, DER, PKCS#7, PKCS#12)", _fill_cert),
    "trace": ("read the ICM trace (dev_icm): failed TLS handshakes, certificates to import", _fill_trace),
}

# Bounded one-shot commands: the objects they allocate (modules, classes, the unpickled
# base, the router's tables, cryptography's) live until exit, so the cyclic collector's
# passes over them are wasted work (10-20 ms of a fresh `ask --json`, ~5 ms of a fresh
# `check`). Reference counting still frees all that is not a cycle, and the router
# reads a bounded part of any paste. See `_bounded`.
_NO_COLLECTOR = frozenset({"ask", "lookup", "list"})



def _bounded(args: argparse.Namespace) -> bool:
    """A one-shot command whose work is bounded runs without the collector: `ask`,
    `lookup`, `list`, and `check` of one endpoint (a few connections and one chain; a
    `--file` may list 10,000 endpoints and keeps the collector)."""
    if args.command == "check":
        return not getattr(args, "file", None)
    return args.command in _NO_COLLECTOR


_COMMANDS = {
    None: "chat",
    "chat": "chat",
    "ask": "ask",
    "lookup": "lookup",
    "list": "listing",
    "kb": "kb",
    "check": "check",
    "cert": "cert",
    "trace": "trace",
}


def _freeze_at_exit() -> None:
    """Let the interpreter's teardown skip the cyclic collector's passes.

    Tearing the interpreter down runs full collections over every object still alive —
    modules, classes, cryptography's tables, the unpickled base — which cost 30–40 ms of
    each fresh `sapassist check` and most of what a fresh `ask` spends after answering.
    `gc.freeze()` at exit moves them all to the permanent generation, which those
    passes leave alone; reference counting still frees what it can and the operating
    system the rest. Registered with atexit, so it acts only when the process ends
    (also a test run's, after its last test) and after every file the program wrote was
    closed by its `with` block."""
    global _FREEZE_REGISTERED
    if not _FREEZE_REGISTERED:
        atexit.register(gc.freeze)
        _FREEZE_REGISTERED = True


_FREEZE_REGISTERED = False


def main(argv: Sequence[str] | None = None) -> int:
    _freeze_at_exit()
    collecting = gc.isenabled()
    gc.disable()  # while parsing; kept off for _NO_COLLECTOR commands, restored on return
    try:
        return _main(argv, collecting)
    finally:
        if collecting:
            gc.enable()


def _main(argv: Sequence[str] | None, collecting: bool) -> int:
    from assistant.console import clean_text, safe_streams

    safe_streams()  # PYTHONIOENCODING=ascii degrades, it does not raise
    if not sys.warnoptions:  # a library warning is no message for the user (see certwarnings)
        import warnings

        warnings.simplefilter("ignore")
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    args.kb = [*args.kb_global, *getattr(args, "kb", [])]
    args.resume = getattr(args, "resume", None) or args.resume_global
    for name in ("text", "id"):  # words, not file names: bytes that are not UTF-8 become U+FFFD
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, clean_text(value))
        elif isinstance(value, list):
            setattr(args, name, [clean_text(v) for v in value])
    if collecting and not _bounded(args):
        gc.enable()
    module = importlib.import_module(f"assistant.commands.{_COMMANDS[args.command]}")
    try:
        return int(module.run(args, parser))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.errno not in (errno.EMFILE, errno.ENFILE, errno.ENOMEM):
            raise
        print(f"sapassist: {exc.strerror} — a local resource problem (too many open files "
              "or too little memory on this machine)", file=sys.stderr)
        return 2
