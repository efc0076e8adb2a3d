"""Do the SAP-client answers hold when a report is worded differently?

For every dev report labelled `sap_http_client` (tests/eval/real/dev.yaml only; the test split
is never read) this routes the report and its three hand-written rewordings
(benchmarks/_sap_client_rewordings_data.py: the error lines only, the prose only with the
code written another way, an unrelated detail added) and prints, per report, whether the
scope, the first message and a right cause in the top three hold:

    .venv/bin/python benchmarks/sap_client_rewordings.py              # table and totals
    .venv/bin/python benchmarks/sap_client_rewordings.py --failures   # what each broken one got
    .venv/bin/python benchmarks/sap_client_rewordings.py --details    # each harmless line added to all

Each cell is three marks, scope / first message / cause: `+` right, `-` wrong, `.` not
labelled (a report without a message counts for scope and cause only). The totals count
the rewordings right, and those that broke where the report itself was right. A robustness
measure, not a test set: fix the classes of failure it shows with invented sentences in
the unit tests, never these rewordings.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from _sap_client_rewordings_data import DETAILS, REWORDINGS  # noqa: E402

from assistant.intent import Routed, route  # noqa: E402
from assistant.kb.knowledge_base import KnowledgeBase  # noqa: E402
from assistant.kb.load import load_kb  # noqa: E402
from tests.support.real_eval import SAP_CLIENT, acceptable, load_real  # noqa: E402

VARIANTS = ("orig", "lines", "prose", "added")
CHECKS = ("scope", "message", "cause")


@dataclass(frozen=True)
class Outcome:
    """Per check: True right, False wrong, None not labelled."""

    scope: bool
    message: bool | None
    cause: bool | None
    got: str

    def marks(self) -> str:
        return "".join("." if v is None else "+" if v else "-" for v in (self.scope, self.message, self.cause))


def judge(item: dict[str, Any], routed: Routed) -> Outcome:
    """The three checks of tests/support/real_eval.py for one text."""
    messages = [m.id for m in routed.messages]
    causes = [c.id for c in routed.causes[:3]]
    message = bool(messages) and messages[0] in acceptable(item) if item.get("message") else None
    cause = bool(set(item["causes"]) & set(causes)) if item.get("causes") else None
    got = f"{routed.scope.kind} {messages[:3]} {causes}"
    return Outcome(routed.scope.kind == SAP_CLIENT, message, cause, got)


def texts_of(item: dict[str, Any]) -> dict[str, str]:
    words = REWORDINGS[item["id"]]
    return {
        "orig": item["text"],
        "lines": words["lines"],
        "prose": words["prose"],
        "added": words["added"].replace("{orig}", item["text"].rstrip("\n")),
    }


@dataclass
class Tally:
    """Right / labelled per variant and check, and rewordings broken where the report held."""

    right: dict[tuple[str, str], int] = field(default_factory=dict)
    total: dict[tuple[str, str], int] = field(default_factory=dict)
    broke: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, variant: str, outcome: Outcome, orig: Outcome) -> None:
        for check in CHECKS:
            value, before = getattr(outcome, check), getattr(orig, check)
            if value is None:
                continue
            key = (variant, check)
            self.total[key] = self.total.get(key, 0) + 1
            self.right[key] = self.right.get(key, 0) + bool(value)
            self.broke[key] = self.broke.get(key, 0) + (bool(before) and not value)

    def lines(self) -> list[str]:
        rows = [f"{'':8}" + "".join(f"{c:>16}" for c in CHECKS)]
        for variant in VARIANTS:
            cells = []
            for check in CHECKS:
                key = (variant, check)
                cell = f"{self.right.get(key, 0)}/{self.total.get(key, 0)}"
                if variant != "orig":
                    cell += f" (-{self.broke.get(key, 0)})"
                cells.append(f"{cell:>16}")
            rows.append(f"{variant:8}" + "".join(cells))
        return rows


def run(kb: KnowledgeBase, *, failures: bool) -> Tally:
    items = [i for i in load_real("dev") if i["scope"] == SAP_CLIENT]
    missing = [i["id"] for i in items if i["id"] not in REWORDINGS]
    if missing:
        raise SystemExit(f"no rewordings for: {', '.join(missing)}")
    tally = Tally()
    print(f"{'report':58} " + " ".join(f"{v:>5}" for v in VARIANTS))
    for item in items:
        outcomes = {v: judge(item, route(t, kb)) for v, t in texts_of(item).items()}
        for variant, outcome in outcomes.items():
            tally.add(variant, outcome, outcomes["orig"])
        print(f"{item['id'][:58]:58} " + " ".join(f"{outcomes[v].marks():>5}" for v in VARIANTS))
        if failures:
            for variant in VARIANTS[1:]:
                if "-" in outcomes[variant].marks():
                    print(f"    {variant:6} {outcomes[variant].got}")
    return tally


def details_sweep(kb: KnowledgeBase) -> list[str]:
    """Per harmless line of DETAILS: the checks it breaks, added to each report that held them."""
    items = [i for i in load_real("dev") if i["scope"] == SAP_CLIENT]
    before = {i["id"]: judge(i, route(i["text"], kb)) for i in items}
    rows = []
    for detail in DETAILS:
        broken = []
        for item in items:
            after = judge(item, route(item["text"].rstrip("\n") + "\n" + detail, kb))
            broken += [f"{item['id']} {check}" for check in CHECKS
                       if getattr(before[item["id"]], check) and not getattr(after, check)]
        rows.append(f"{len(broken):3} broken  {detail}")
        rows += [f"      {b}" for b in broken]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="show what each broken rewording got")
    parser.add_argument("--details", action="store_true", help="add each harmless line of DETAILS to every report")
    args = parser.parse_args()
    kb = load_kb().kb
    if args.details:
        print("\n".join(details_sweep(kb)))
        return 0
    tally = run(kb, failures=args.failures)
    print("\nright/labelled (and in brackets: broken where the report itself held)")
    print("\n".join(tally.lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
