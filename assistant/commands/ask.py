"""`sapassist ask TEXT`: answer one question or pasted error text.

`--json` prints one object and never imports markdown-it (nor PyYAML on a warm cache);
plain output renders the Markdown answer for a terminal or a pipe.
Exit codes: 0 answered, 1 not understood, 2 empty input or knowledge-base error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from assistant.services.answering import answer_question, answer_to_json
from assistant.services.knowledge import load_or_report
from assistant.textsafe import looks_binary

MAX_INPUT_BYTES = 8 * 1024 * 1024  # more than any paste; the router reads a bounded part
NOT_TEXT = (
    "sapassist ask: the input is binary data, not text — paste the error message itself "
    "(from SM59, dev_icm or the ABAP program), not a file such as a PSE or a trace archive"
)


def read_text(parts: Sequence[str]) -> str | None:
    """The question from the arguments, or standard input for none or '-'."""
    if parts and list(parts) != ["-"]:
        return " ".join(parts)
    if sys.stdin is None or sys.stdin.isatty():
        return None
    from assistant.textsafe import decode_text

    return decode_text(sys.stdin.buffer.read(MAX_INPUT_BYTES))[0]


EMPTY = "sapassist ask: the question is empty; give a question or error text, or pipe it in"
NO_KNOWLEDGE = "sapassist ask: the knowledge base could not be loaded (its problems are on standard error)"


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    text = read_text(args.text)
    if text is None:
        return _fail(args, "sapassist ask: give a question or error text, or pipe it in")
    if not text.strip():  # nothing to route: said like a missing question, not answered
        return _fail(args, EMPTY)
    if looks_binary(text):
        return _fail(args, NOT_TEXT)
    kb = load_or_report(args.kb, sys.stderr)
    if kb is None:
        return _fail(args, NO_KNOWLEDGE, said=True)
    answered = answer_question(text, kb)
    routed = answered.routed
    if args.json:
        print(json.dumps(answer_to_json(answered, kb), ensure_ascii=False, indent=2))
    else:
        from assistant.services.rendering import render_for

        sys.stdout.write(render_for(answered.markdown, sys.stdout))
    if routed.empty:
        return 2
    return 1 if routed.intent == "not_understood" else 0


def _fail(args: argparse.Namespace, message: str, *, said: bool = False) -> int:
    """The message on standard error (unless `said` there already) and, for `--json`, as
    one JSON object on standard output; exit code 2."""
    if not said:
        print(message, file=sys.stderr)
    if args.json:
        from assistant.commands.jsonerror import print_json_error

        return print_json_error(message)
    return 2
