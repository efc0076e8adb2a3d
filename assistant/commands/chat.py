"""`sapassist` / `sapassist chat`: the Textual chat on a terminal, a line loop otherwise.

On a terminal this opens the Textual app (imported only here, so no other command pays
for Textual). When standard input or output is not a terminal (a pipe, a script), it
reads questions line by line until end of file or `/quit`, keeping the dialogue state,
so the chat stays scriptable.
"""

from __future__ import annotations

import argparse
import sys

from assistant.services.answering import answer_question
from assistant.services.knowledge import load_or_report
from assistant.services.rendering import render_for
from assistant.textsafe import looks_binary

PROMPT = "you> "
QUIT = {"/quit", "/exit", "/q", "quit", "exit"}


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if sys.stdin.isatty() and sys.stdout.isatty():
        from assistant.tui.launch import run as run_chat

        return run_chat(list(getattr(args, "kb", [])))
    return run_lines(args)


def run_lines(args: argparse.Namespace) -> int:
    """The scriptable chat: one question per input line, answers as plain text."""
    kb = load_or_report(getattr(args, "kb", []), sys.stderr)
    if kb is None:
        return 2
    from assistant.intent import DialogueState

    interactive = sys.stdin.isatty()
    if interactive:
        print("sapassist — paste an SAP HTTP-client error or ask a question; /quit to leave.")
    state = DialogueState()
    while True:
        try:
            line = input(PROMPT if interactive else "")
        except EOFError:
            break
        if line.strip().lower() in QUIT:
            break
        if not line.strip():
            continue
        if looks_binary(line):
            print("(that line is binary data, not text — paste the error message itself)")
            continue
        answered = answer_question(line, kb, state)
        state = answered.routed.state
        sys.stdout.write(render_for(answered.markdown, sys.stdout) + "\n")
        sys.stdout.flush()
    return 0
