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
from typing import TYPE_CHECKING, Any

from assistant.textsafe import escape_control, looks_binary

if TYPE_CHECKING:
    from assistant.intent.result import Routed
    from assistant.kb.knowledge_base import KnowledgeBase

MAX_INPUT_BYTES = 8 * 1024 * 1024  # more than any paste; the router reads a bounded part
NOT_TEXT = (
    "sapassist ask: the input is binary data, not text — paste the error message itself "
    "(from SM59, dev_icm or the ABAP program), not a file such as a PSE or a trace archive"
)


def load_knowledge(kb_dirs: Sequence[str]) -> tuple[KnowledgeBase | None, int]:
    """The layered base with the router's index primed; (None, 2) after printing problems."""
    from assistant.intent.kbindex import prime_indexes
    from assistant.kb.load import load_kb

    result = load_kb(list(kb_dirs))
    for warning in result.warnings:
        print(f"warning: {escape_control(warning)}", file=sys.stderr)
    if result.problems:
        for problem in result.problems:
            print(escape_control(str(problem)), file=sys.stderr)
        print(
            f"the knowledge base has {len(result.problems)} problem(s); "
            "run `sapassist kb validate` for details",
            file=sys.stderr,
        )
        return None, 2
    prime_indexes(result)
    return result.kb, 0


def read_text(parts: Sequence[str]) -> str | None:
    """The question from the arguments, or standard input for none or '-'."""
    if parts and list(parts) != ["-"]:
        return " ".join(parts)
    if sys.stdin is None or sys.stdin.isatty():
        return None
    from assistant.textsafe import decode_text

    return decode_text(sys.stdin.buffer.read(MAX_INPUT_BYTES))[0]


def routed_to_json(routed: Routed, kb: KnowledgeBase, answer: str) -> dict[str, Any]:
    out = routed.to_json()
    messages = []
    for scored in routed.messages:
        m = kb.messages[scored.id]
        messages.append(
            {
                "id": m.id,
                "number": m.number,
                "message_class": m.message_class,
                "short_text": m.short_text if m.short_text else None,
                "title": m.title,
                "status": m.status,
                "score": scored.score,
            }
        )
    out["messages"] = messages
    out["causes"] = [
        {"id": c.id, "title": kb.causes[c.id].title, "score": c.score}
        for c in routed.causes
        if c.id in kb.causes
    ]
    out["check_target"] = routed.check_target
    out["answer"] = answer
    return out


def render(markdown: str) -> str:
    from assistant.answers.render import render_plain, render_terminal

    return render_terminal(markdown) if sys.stdout.isatty() else render_plain(markdown)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    text = read_text(args.text)
    if text is None:
        print("sapassist ask: give a question or error text, or pipe it in", file=sys.stderr)
        return 2
    if looks_binary(text):
        print(NOT_TEXT, file=sys.stderr)
        return 2
    kb, code = load_knowledge(args.kb)
    if kb is None:
        return code

    from assistant.answers.markdown import build_answer
    from assistant.intent import route

    routed = route(text, kb)
    answer = build_answer(routed, kb)
    if args.json:
        print(json.dumps(routed_to_json(routed, kb, answer), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render(answer))
    if routed.empty:
        return 2
    return 1 if routed.intent == "not_understood" else 0
