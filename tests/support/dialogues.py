"""A conversation routed (or answered) turn by turn, each turn with the state the one before left."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from assistant.intent import DialogueState, Routed, route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.services.answering import Answered, answer_question


def talk(kb: KnowledgeBase, *turns: str) -> list[Routed]:
    state, routed = DialogueState(), []
    for text in turns:
        routed.append(route(text, kb, state))
        state = routed[-1].state
    return routed


def answers_to(kb: KnowledgeBase, *turns: str) -> list[Answered]:
    """The chat's answers (`for_chat`) to a conversation, turn by turn."""
    state, out = DialogueState(), []
    for text in turns:
        out.append(answer_question(text, kb, state, for_chat=True))
        state = out[-1].routed.state
    return out


def piped_chat(*turns: str) -> list[dict[str, Any]]:
    """`sapassist chat --json` run as a process, one turn a line: one JSON object per turn."""
    stdin = "".join(f"{t}\n" for t in turns).encode()
    proc = subprocess.run([sys.executable, "-m", "assistant", "chat", "--json"], input=stdin,
                          capture_output=True, timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    answers = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(answers) == len(turns)
    return answers


def verdict_of(answer: dict[str, Any]) -> str:
    """A piped answer's verdict: its lines before the first section title."""
    return str(answer["answer"]).split("\n\n### ")[0]


def next_step_of(answer: dict[str, Any]) -> str:
    """A piped answer's "Next step" paragraph (the test fails when there is none)."""
    lines = [p for p in verdict_of(answer).split("\n\n") if p.startswith("**Next step:**")]
    assert lines, verdict_of(answer)
    return lines[0]
