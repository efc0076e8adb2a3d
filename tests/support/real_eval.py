"""Scoring the router on the real user reports (tests/eval/real/dev.yaml and test.yaml).

Used by tests/unit/test_real_eval.py, benchmarks/bench_router.py and
benchmarks/fit_router.py. The metrics are the ones issue 8 sets goals for:

- scope recognised (every report; and the reports of the other scopes alone);
- SAP-client top-1 / top-3: reports of scope `sap_http_client` with a `message`, right
  when the router's first (first three) messages hold `message` or one of `also_ok`;
- a right cause in the top three: reports with labelled causes (SAP-client ones, and all);
- calibration: how often the answers are right per band of `confidence`.

A report is *right* (for calibration) when its scope is recognised and, for a labelled
message, the first message is an acceptable one. `test.yaml` is scored only in aggregate:
`Score.failures` is filled for the dev side alone (`keep_failures`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.intent import Routed, route
from assistant.kb.knowledge_base import KnowledgeBase

REAL_DIR = Path(__file__).resolve().parents[1] / "eval" / "real"
SAP_CLIENT = "sap_http_client"
BANDS = (0.0, 0.3, 0.5, 0.65, 0.8, 0.9, 1.01)
HIGH_CONFIDENCE = 0.8

Router = Callable[[str, KnowledgeBase], Routed]


def load_real(split: str) -> list[dict[str, Any]]:
    """The items of one side of the split ('dev' or 'test')."""
    with open(REAL_DIR / f"{split}.yaml", encoding="utf-8") as f:
        items: list[dict[str, Any]] = yaml.safe_load(f)["items"]
    return items


def predicted_scope(routed: Routed) -> str:
    scope = getattr(routed, "scope", None)
    if scope is not None:
        return str(scope.kind)
    return SAP_CLIENT if routed.messages else "unknown"  # a router without a scope stage


def confidence_of(routed: Routed) -> float:
    return float(getattr(routed, "confidence", 0.0))


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += ok

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.share:6.1%} ({self.right}/{self.total})"


@dataclass
class Score:
    scope: Ratio = field(default_factory=Ratio)
    other_scope: Ratio = field(default_factory=Ratio)
    top1: Ratio = field(default_factory=Ratio)
    top3: Ratio = field(default_factory=Ratio)
    cause3_sap: Ratio = field(default_factory=Ratio)
    cause3_all: Ratio = field(default_factory=Ratio)
    right: Ratio = field(default_factory=Ratio)
    # (confidence, right) per report, for the calibration table
    confidences: list[tuple[float, bool]] = field(default_factory=list)
    # (labelled scope, predicted scope) -> reports: an aggregate, safe to show for test
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def high_confidence(self, threshold: float = HIGH_CONFIDENCE) -> Ratio:
        out = Ratio()
        for conf, ok in self.confidences:
            if conf >= threshold:
                out.add(ok)
        return out

    def bands(self) -> list[tuple[float, float, Ratio]]:
        rows = []
        for lo, hi in itertools.pairwise(BANDS):
            ratio = Ratio()
            for conf, ok in self.confidences:
                if lo <= conf < hi:
                    ratio.add(ok)
            rows.append((lo, min(hi, 1.0), ratio))
        return rows

    def lines(self) -> list[str]:
        return [
            f"scope recognised          {self.scope}",
            f"  other scopes            {self.other_scope}",
            f"SAP-client top-1          {self.top1}",
            f"SAP-client top-3          {self.top3}",
            f"right cause in top 3      {self.cause3_sap} SAP-client; {self.cause3_all} all scopes",
            f"right overall             {self.right}",
            f"confidence >= {HIGH_CONFIDENCE}: right   {self.high_confidence()}",
        ]


def acceptable(item: dict[str, Any]) -> set[str]:
    ok = {item["message"]} if item.get("message") else set()
    return ok | set(item.get("also_ok") or ())


def score_item(item: dict[str, Any], routed: Routed, score: Score, *, keep_failures: bool) -> None:
    scope = predicted_scope(routed)
    scope_ok = scope == item["scope"]
    score.scope.add(scope_ok)
    score.confusion[(item["scope"], scope)] = score.confusion.get((item["scope"], scope), 0) + 1
    if item["scope"] != SAP_CLIENT:
        score.other_scope.add(scope_ok)
    messages = [m.id for m in routed.messages]
    causes = [c.id for c in routed.causes[:3]]
    ok_messages = acceptable(item)
    top1_ok = True
    wrong: list[str] = [] if scope_ok else [f"scope {scope}"]
    if item["scope"] == SAP_CLIENT and item.get("message"):
        top1_ok = bool(messages) and messages[0] in ok_messages
        score.top1.add(top1_ok)
        score.top3.add(bool(ok_messages & set(messages[:3])))
        if not top1_ok:
            wrong.append(f"top {messages[:3]}")
    if item.get("causes"):
        cause_ok = bool(set(item["causes"]) & set(causes))
        score.cause3_all.add(cause_ok)
        if item["scope"] == SAP_CLIENT:
            score.cause3_sap.add(cause_ok)
        if not cause_ok:
            wrong.append(f"causes {causes}")
    right = scope_ok and top1_ok
    score.right.add(right)
    score.confidences.append((confidence_of(routed), right))
    if keep_failures and wrong:
        conf = confidence_of(routed)
        score.failures.append(f"{item['id']} [{item['scope']}, conf {conf:.2f}]: {'; '.join(wrong)}")


def score_items(
    items: Iterable[dict[str, Any]], kb: KnowledgeBase, router: Router | None = None, *, keep_failures: bool = False
) -> Score:
    run = router or (lambda text, base: route(text, base))
    score = Score()
    for item in items:
        score_item(item, run(item["text"], kb), score, keep_failures=keep_failures)
    return score


def score_split(split: str, kb: KnowledgeBase, router: Router | None = None) -> Score:
    """One side scored; failures are kept for the dev side only (test is looked at in
    aggregate, never item by item)."""
    return score_items(load_real(split), kb, router, keep_failures=split == "dev")


SHORT = {
    "sap_http_client": "sap", "http_status_from_server": "status", "sap_server_inbound": "inbound",
    "rfc_or_network": "rfc", "other_client": "other", "unknown": "unknown",
}


def confusion_table(score: Score) -> list[str]:
    """Labelled scope (rows) against the scope the router said (columns): counts only."""
    kinds = list(SHORT)
    rows = ["labelled \\ said " + " ".join(f"{SHORT[k]:>8}" for k in kinds)]
    for label in kinds:
        counts = [score.confusion.get((label, said), 0) for said in kinds]
        if any(counts):
            rows.append(f"{SHORT[label]:>16} " + " ".join(f"{c:>8}" for c in counts))
    return rows


def calibration_table(score: Score) -> list[str]:
    rows = ["confidence   right"]
    for lo, hi, ratio in score.bands():
        if ratio.total:
            rows.append(f"{lo:.2f}-{hi:.2f}    {ratio}")
    return rows
