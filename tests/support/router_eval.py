"""Scoring the router on the authored evaluation set (tests/eval/router_eval.yaml): used by
its test (tests/unit/test_router_eval.py) and by benchmarks/bench_router.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assistant.intent import DialogueState, Routed, route
from assistant.kb.knowledge_base import KnowledgeBase

EVAL_FILE = Path(__file__).resolve().parents[1] / "eval" / "router_eval.yaml"
def load_eval() -> dict[str, Any]:
    with open(EVAL_FILE, encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def misses(item: dict[str, Any], routed: Routed) -> list[str]:
    """What the routed result got wrong for one evaluation item (empty when right)."""
    wrong = []
    if "intent" in item and routed.intent != item["intent"]:
        wrong.append(f"intent {routed.intent}")
    if "message" in item and (not routed.messages or routed.messages[0].id != item["message"]):
        wrong.append(f"message {[m.id for m in routed.messages[:3]]}")
    if "cause" in item and (not routed.causes or routed.causes[0].id != item["cause"]):
        wrong.append(f"cause {[c.id for c in routed.causes[:3]]}")
    if "ambiguous" in item and item["ambiguous"] not in {a.code for a in routed.ambiguity}:
        wrong.append("no ambiguity given")
    if "unknown" in item and item["unknown"] not in {u.id for u in routed.unknown_ids}:
        wrong.append("unknown id not reported")
    if "also" in item and not set(item["also"]) <= {m.id for m in routed.messages[:3]}:
        wrong.append(f"top three {[m.id for m in routed.messages[:3]]}")
    return wrong


def run_eval(kb: KnowledgeBase) -> tuple[int, int, list[str]]:
    data = load_eval()
    total = right = 0
    report: list[str] = []
    for item in data["items"]:
        wrong = misses(item, route(item["text"], kb))
        total += 1
        right += not wrong
        if wrong:
            report.append(f"{item['text'][:70]!r}: {', '.join(wrong)}")
    for dialogue in data["dialogues"]:
        state = DialogueState()
        for turn in dialogue:
            routed = route(turn["text"], kb, state)
            state = routed.state
            wrong = misses(turn, routed)
            total += 1
            right += not wrong
            if wrong:
                report.append(f"(dialogue) {turn['text'][:60]!r}: {', '.join(wrong)}")
    return right, total, report
