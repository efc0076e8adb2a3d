"""Does a word model of the scope, fitted on the dev reports, generalise better than more
hand-made cues? Measured by cross-validation grouped by source, pure Python, deterministic.

    .venv/bin/python benchmarks/fit_scope_words.py            # prints the table, writes the JSON
    .venv/bin/python benchmarks/fit_scope_words.py --dry-run  # the table only

The label is each dev report's `scope` (tests/eval/real/dev.yaml only; the test split is
never read). Features: lower-cased word tokens of the text the scope stage reads, URL paths
blanked, ids and numbers as classes, kept when seen in two sources or more and ranked by
mutual information with the label (benchmarks/_scope_words.py). Two models: multinomial
naive Bayes and L2-regularised logistic regression. Four gates combine a model with the
rules — never over decisive evidence, so a named SCLNT_HTTP id, ICM constant or SapSSL code
decides as it does today (see `Gate`).

How it is measured: dev is cut into five folds by source (`fit_router.source_folds`, the
folds of benchmarks/router_cv.json: one project's words never sit in both the training side
and the held-out fold). For each fold, each model's hyper-parameters and each gate's
threshold or weight are chosen by an inner grouped cross-validation on the other four
folds alone (objective: scope recognised), the model is fitted on those four folds with
them, and the held-out reports are routed through the real router with the gate in place
of its scope decision (so SAP-client top-1 is measured, not guessed). The pooled
out-of-fold figures — scope recognised, other scopes recognised, SAP-client top-1 — are
printed per model and gate beside the rules alone and written to
benchmarks/scope_words_cv.json with a fingerprint of dev.yaml and of the router.

The rules are not refitted per fold: their cues were written from these very reports, so
"rules alone" is an in-sample figure and the comparison favours them. A gate lands only
with a clear out-of-fold gain (LAND_GAIN points on other scopes, no SAP-client top-1 lost).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from _scope_words import (  # noqa: E402
    GATE_PARAMS,
    GATES,
    KINDS,
    Gate,
    Logistic,
    NaiveBayes,
    Probs,
    RuleView,
    tokens,
)
from fit_router import source_folds  # noqa: E402

import assistant.intent.router as router_module  # noqa: E402
import assistant.intent.scope as scope_module  # noqa: E402
from assistant.intent import route  # noqa: E402
from assistant.intent.result import Scope  # noqa: E402
from assistant.intent.weights import WEIGHTS  # noqa: E402
from assistant.kb.knowledge_base import KnowledgeBase  # noqa: E402
from assistant.kb.load import load_kb  # noqa: E402
from tests.support.real_eval import REAL_DIR, Score, load_real, score_item  # noqa: E402

CV_FILE = ROOT / "benchmarks" / "scope_words_cv.json"
FOLDS = 5
INNER_FOLDS = 4
LAND_GAIN = 3.0  # percentage points of "other scopes recognised", out of fold
Model = NaiveBayes | Logistic
# The hyper-parameters each model may take; the inner cross-validation picks one per fold.
GRID: dict[str, list[dict[str, Any]]] = {
    "naive_bayes": [{"alpha": a, "top_n": n, "bigrams": b} for a in (0.5, 1.0) for n in (500, 2000) for b in (False, True)],
    "logistic": [{"l2": c, "top_n": n} for c in (3.0, 10.0) for n in (500, 2000)],
}


def make_model(family: str, params: dict[str, Any]) -> Model:
    return NaiveBayes(**params) if family == "naive_bayes" else Logistic(**params)


@dataclass(frozen=True, slots=True)
class Report:
    """One dev report as the experiment sees it: its label, source, the rules' view, and
    its tokens with and without bigrams."""

    item: dict[str, Any]
    rules: RuleView
    words: list[str]
    pairs: list[str]

    def doc(self, params: dict[str, Any]) -> list[str]:
        return self.pairs if params.get("bigrams") else self.words


@contextlib.contextmanager
def _recording_tally() -> Iterator[list[Any]]:
    """Every Tally the scope stage makes, kept (each kind's sum is what the log-odds gate
    adds to). Measurement only: restored on exit."""
    made: list[Any] = []
    original = scope_module.Tally

    class Recording(original):  # type: ignore[misc, valid-type]
        def __init__(self, decay: float) -> None:
            super().__init__(decay)
            made.append(self)

    scope_module.Tally = Recording
    try:
        yield made
    finally:
        scope_module.Tally = original


def read_reports(kb: KnowledgeBase, dev: list[dict[str, Any]]) -> list[Report]:
    reports = []
    with _recording_tally() as made:
        for item in dev:
            scope = route(item["text"], kb).scope
            tally = made[-1]
            sums = {k: tally.score(k) for k in KINDS[:-1]}
            view = RuleView(scope.kind, scope.strength, sums, WEIGHTS.scope_min)
            words = tokens(item["text"])
            reports.append(Report(item, view, words, tokens(item["text"], bigrams=True)))
    return reports


_OUT_OF_FOLD: dict[tuple[str, str, tuple[int, ...]], dict[int, Probs]] = {}


def out_of_fold(family: str, params: dict[str, Any], reports: list[Report], folds: list[int],
                only: set[int]) -> dict[int, Probs]:
    """Each report in `only`, scored by a model fitted on the reports of `only` in the other
    folds (computed once per model, hyper-parameters and set: the gates share them)."""
    key = (family, json.dumps(params, sort_keys=True), tuple(sorted(only)))
    if key not in _OUT_OF_FOLD:
        _OUT_OF_FOLD[key] = _out_of_fold(family, params, reports, folds, only)
    return _OUT_OF_FOLD[key]


def _out_of_fold(family: str, params: dict[str, Any], reports: list[Report], folds: list[int],
                 only: set[int]) -> dict[int, Probs]:
    probs: dict[int, Probs] = {}
    for fold in sorted({folds[i] for i in only}):
        train = [i for i in only if folds[i] != fold]
        model = make_model(family, params).fit(
            [reports[i].doc(params) for i in train], [reports[i].item["scope"] for i in train],
            [reports[i].item["source"] for i in train])
        for i in only:
            if folds[i] == fold:
                probs[i] = model.probabilities(reports[i].doc(params))
    return probs


Choice = tuple[dict[str, Any], Gate | None]  # hyper-parameters, gate (None: the model alone)


def _right(reports: list[Report], probs: dict[int, Probs], gate: Gate | None) -> int:
    def kind(i: int) -> str:
        return gate.decide(reports[i].rules, probs[i]) if gate else max(KINDS, key=lambda k: probs[i][k])
    return sum(kind(i) == reports[i].item["scope"] for i in probs)


def choose(family: str, gate_name: str | None, reports: list[Report], train: list[int]) -> Choice:
    """The hyper-parameters and gate parameter with the most scope recognised in an inner
    cross-validation of `train` grouped by source (ties: the earlier in the grid, which
    lists the more conservative gate parameters first for thresholds)."""
    inner = source_folds([reports[i].item["source"] for i in train], INNER_FOLDS)
    fold_of = dict(zip(train, inner, strict=True))
    folds = [fold_of.get(i, -1) for i in range(len(reports))]
    best: tuple[int, Choice] | None = None
    for params in GRID[family]:
        probs = out_of_fold(family, params, reports, folds, set(train))
        gates: list[Gate | None] = [None] if gate_name is None else [
            Gate(gate_name, p) for p in sorted(GATE_PARAMS[gate_name], reverse=gate_name != "log_odds")]
        for gate in gates:
            right = _right(reports, probs, gate)
            if best is None or right > best[0]:
                best = (right, (params, gate))
    assert best is not None
    return best[1]


@dataclass(slots=True)
class Arm:
    """One way of deciding the scope, cross-validated: per report its out-of-fold model
    probabilities and gate, and per fold what the inner cross-validation chose."""

    family: str
    gate_name: str | None
    probs: dict[int, Probs]
    gates: dict[int, Gate | None]
    chosen: list[dict[str, Any]]

    @property
    def label(self) -> str:
        return f"{self.family} + {self.gate_name or 'alone (every report)'}"


def cross_validate(family: str, gate_name: str | None, reports: list[Report], folds: list[int]) -> Arm:
    arm = Arm(family, gate_name, {}, {}, [])
    for fold in range(FOLDS):
        train = [i for i in range(len(reports)) if folds[i] != fold]
        params, gate = choose(family, gate_name, reports, train)
        held = {i for i in range(len(reports)) if folds[i] == fold}
        arm.probs.update(_fit_and_score(family, params, reports, train, held))
        arm.gates.update({i: gate for i in held})
        arm.chosen.append({"fold": fold, "params": params, "gate": gate.param if gate else None})
    return arm


def _fit_and_score(family: str, params: dict[str, Any], reports: list[Report], train: list[int],
                   held: set[int]) -> dict[int, Probs]:
    model = make_model(family, params).fit([reports[i].doc(params) for i in train],
                                           [reports[i].item["scope"] for i in train],
                                           [reports[i].item["source"] for i in train])
    return {i: model.probabilities(reports[i].doc(params)) for i in held}


class _GatedScope:
    """The router's scope stage with a gate after it: the rules decide, then the gate may
    give the kind the model names. `probs` is set per report before it is routed."""

    def __init__(self, gate: Gate | None) -> None:
        self.gate = gate
        self.probs: Probs = {}
        self.original = router_module.decide_scope

    def __call__(self, *args: Any, **kwargs: Any) -> Scope:
        with _recording_tally() as made:
            scope = self.original(*args, **kwargs)
        sums = {k: made[-1].score(k) for k in KINDS[:-1]}
        rules = RuleView(scope.kind, scope.strength, sums, WEIGHTS.scope_min)
        kind = self.gate.decide(rules, self.probs) if self.gate else max(KINDS, key=lambda k: self.probs[k])
        if kind == scope.kind:
            return scope
        return scope._replace(kind=kind, reason="the word model", pointer=None, not_message=None)


def score_arm(kb: KnowledgeBase, reports: list[Report], arm: Arm | None) -> Score:
    """The pooled out-of-fold Score: every report routed by the real router, its scope
    stage gated by the fold's model (`arm` None: the rules alone)."""
    score = Score()
    for i, report in enumerate(reports):
        if arm is None:
            score_item(report.item, route(report.item["text"], kb), score, keep_failures=False)
            continue
        gated = _GatedScope(arm.gates[i])
        gated.probs = arm.probs[i]
        router_module.decide_scope = gated
        try:
            score_item(report.item, route(report.item["text"], kb), score, keep_failures=False)
        finally:
            router_module.decide_scope = gated.original
    return score


def changes(reports: list[Report], arm: Arm) -> dict[str, int]:
    """Where the arm overrules the rules: how often, how many of those it makes right that
    the rules had wrong (fixed), and how many the other way (broken)."""
    counts = {"changed": 0, "fixed": 0, "broken": 0}
    for i, report in enumerate(reports):
        gate = arm.gates[i]
        kind = gate.decide(report.rules, arm.probs[i]) if gate else max(KINDS, key=lambda k: arm.probs[i][k])
        if kind != report.rules.kind:
            label = report.item["scope"]
            counts["changed"] += 1
            counts["fixed"] += kind == label
            counts["broken"] += report.rules.kind == label
    return counts


def figures(score: Score) -> dict[str, list[int]]:
    return {k: [getattr(score, k).right, getattr(score, k).total] for k in ("scope", "other_scope", "top1")}


def _share(pair: list[int]) -> float:
    return 100.0 * pair[0] / pair[1] if pair[1] else 0.0


def verdict(rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The best gated arm by out-of-fold other scopes, and whether it clears the bar."""
    rules = rows["rules alone"]["figures"]
    gated = {k: v for k, v in rows.items() if v.get("gate")}
    best = max(gated, key=lambda k: (gated[k]["figures"]["other_scope"][0], gated[k]["figures"]["scope"][0]))
    best_figures = gated[best]["figures"]
    gain = _share(best_figures["other_scope"]) - _share(rules["other_scope"])
    kept_top1 = best_figures["top1"][0] >= rules["top1"][0]
    return {"best": best, "other_scope_gain_points": round(gain, 1), "top1_kept": kept_top1,
            "land": gain >= LAND_GAIN and kept_top1}


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def print_table(rows: dict[str, dict[str, Any]], result: dict[str, Any]) -> None:
    print(f"{'out of fold (5 folds of dev by source)':40} {'scope':>9} {'other scopes':>13} {'SAP top-1':>9}"
          "  overrules the rules: changed fixed broken")
    for label, row in rows.items():
        f, o = row["figures"], row.get("overrules")
        moved = f"{o['changed']:>9} {o['fixed']:>5} {o['broken']:>6}" if o else ""
        print(f"{label:40} {f['scope'][0]:>5}/{f['scope'][1]:<4} {f['other_scope'][0]:>7}/{f['other_scope'][1]:<5}"
              f" {f['top1'][0]:>5}/{f['top1'][1]:<3}                     {moved}")
    print(f"best gate: {result['best']}: {result['other_scope_gain_points']:+.1f} points on other scopes, "
          f"SAP top-1 {'kept' if result['top1_kept'] else 'lost'} -> {'land' if result['land'] else 'do not land'}")


def run(kb: KnowledgeBase, arms: list[tuple[str, str | None]]) -> dict[str, dict[str, Any]]:
    dev = load_real("dev")
    reports = read_reports(kb, dev)
    folds = source_folds([r.item["source"] for r in reports], FOLDS)
    rows: dict[str, dict[str, Any]] = {"rules alone": {"figures": figures(score_arm(kb, reports, None))}}
    for family, gate_name in arms:
        arm = cross_validate(family, gate_name, reports, folds)
        rows[arm.label] = {"figures": figures(score_arm(kb, reports, arm)), "gate": gate_name,
                           "overrules": changes(reports, arm), "chosen": arm.chosen}
        print(f"  {arm.label}: {rows[arm.label]['figures']} {rows[arm.label]['overrules']}", flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the table, do not write the JSON")
    parser.add_argument("--models", nargs="+", choices=tuple(GRID), default=list(GRID))
    args = parser.parse_args()
    kb = load_kb(use_cache=False).kb
    arms = [(family, gate) for family in args.models for gate in (None, *GATES)]
    rows = run(kb, arms)
    result = verdict(rows)
    print_table(rows, result)
    if not args.dry_run:
        from fit_router import router_digest

        CV_FILE.write_text(json.dumps({
            "dev": fingerprint(REAL_DIR / "dev.yaml"), "router": router_digest(WEIGHTS), "folds": FOLDS,
            "inner_folds": INNER_FOLDS, "grouped_by": "source", "label": "scope", "land_gain_points": LAND_GAIN,
            "verdict": result, "rows": rows,
        }, indent=1) + "\n", encoding="utf-8")
        print(f"written: {CV_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
