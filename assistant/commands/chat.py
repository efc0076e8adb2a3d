"""`sapassist chat` (interim): a line-by-line `ask` loop that keeps the dialogue state.

Reads questions from standard input until end of file or `/quit`; the Textual chat
replaces this loop when it is installed.
"""

from __future__ import annotations

import argparse
import sys

from assistant.commands.ask import load_knowledge, render

PROMPT = "you> "
QUIT = {"/quit", "/exit", "/q", "quit", "exit"}


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    kb, code = load_knowledge(getattr(args, "kb", []))
    if kb is None:
        return code
    from assistant.answers.markdown import build_answer
    from assistant.intent import DialogueState, route

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
        routed = route(line, kb, state)
        state = routed.state
        sys.stdout.write(render(build_answer(routed, kb)) + "\n")
        sys.stdout.flush()
    return 0
