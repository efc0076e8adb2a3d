"""`sapassist` / `sapassist chat`: the Textual chat on a terminal, a line chat otherwise.

On a terminal this opens the Textual app (imported only here, so no other command pays
for Textual). When standard input is not a terminal (a pipe, a script) it answers one
question per line with the dialogue state (`linechat.py`); `--json` prints one JSON object
per line, the shape of `sapassist ask --json`. With a terminal for input but not for
output, it reads questions interactively the same way.
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
    kb = load_or_report(getattr(args, "kb", []), sys.stderr)
    if kb is None:
        return 2
    from assistant.commands.linechat import run_piped

    if not sys.stdin.isatty():
        return run_piped(kb, as_json=as_json)
    return _interactive(kb, as_json=as_json)


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

