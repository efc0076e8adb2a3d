"""`sapassist` / `sapassist chat`: the Textual chat on a terminal, a line chat otherwise.

On a terminal this opens the Textual app (imported only here, so no other command pays
for Textual). When standard input is not a terminal (a pipe, a script) it answers one
question per line with the dialogue state (`linechat.py`); `--json` prints one JSON object
per line, the shape of `sapassist ask --json`. With a terminal for input but not for
output, it reads questions interactively the same way. Neither reads saved conversations:
`--resume` there is refused with a message (exit 2), never silently ignored.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from assistant.services.knowledge import load_or_report

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase

PROMPT = "you> "


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    as_json = bool(getattr(args, "json", False))
    if sys.stdin.isatty() and sys.stdout.isatty() and not as_json:
        from assistant.tui.launch import run as run_chat

        return run_chat(list(getattr(args, "kb", [])), resume=getattr(args, "resume", None))
    if getattr(args, "resume", None) is not None:
        return _cannot_resume(as_json=as_json)
    kb = load_or_report(getattr(args, "kb", []), sys.stderr)
    if kb is None:
        return 2
    from assistant.commands.linechat import run_piped

    if not sys.stdin.isatty():
        return run_piped(kb, as_json=as_json)
    return _interactive(kb, as_json=as_json)


def _cannot_resume(*, as_json: bool) -> int:
    """`--resume` without the chat on a terminal: the line chat keeps no saved conversations,
    so answering would look like a continued conversation that is not one. Said, exit 2."""
    message = ("--resume continues a saved conversation in the chat on a terminal; with standard input or "
               "output not a terminal (a pipe, a script, --json) sapassist chat starts a new conversation "
               "and reads no saved ones: leave out --resume")
    print(f"sapassist chat: {message}", file=sys.stderr)
    if as_json:
        from assistant.commands.jsonerror import print_json_error

        return print_json_error(message)
    return 2


def _interactive(kb: KnowledgeBase, *, as_json: bool) -> int:
    """Input from a terminal, output elsewhere: prompt, then answer each line."""
    from assistant.commands.linechat import Line, LineChat

    if not as_json:
        print("sapassist — paste an SAP HTTP-client error or ask a question; /quit to leave.")
    chat = LineChat(kb, sys.stdout, as_json=as_json)
    while True:
        try:
            line = input(PROMPT)
        except EOFError:
            return 0
        if not chat.turn(Line(line, False)):
            return 0

