"""Fit the router's weights (assistant/intent/weights.py) on the dev split and the authored
set, calibrate its confidence the same way, and cross-validate the whole procedure by
source. Deterministic; the test split never steers the fit (`--test` prints its aggregate).

    .venv/bin/python benchmarks/fit_router.py --cv --from-defaults --jobs 2
        # cross-validate the fit, then fit on all of dev: writes weights.py and router_cv.json
    .venv/bin/python benchmarks/fit_router.py --cv --from-defaults --dry-run   # figures only
    .venv/bin/python benchmarks/fit_router.py --calibrate-only                 # the confidence alone

How it works:

1. Ranking weights: coordinate ascent. Each weight in turn is tried at a few multiples of
   its value (x0.5 … x2); the best objective wins if it gains more than one report's worth
   (smaller gains are noise on a set this size), else the current value stays (so the
   result does not wander). Two passes. The objective adds, on the dev reports: scope
   recognised, SAP-client top-1 and top-3, a right cause in the top three; on the
   authored set: its accuracy; and the expert set's share (its answers must keep every
   key fact) with a weight so heavy that one expert question outweighs every dev figure
   together — in effect a constraint: no fit can buy dev points with an expert fact, and a
   start that breaks some (the defaults) climbs back to them first.
   `--only scope` fits the scope weights alone (the cue classes, the base's own evidence,
   the decay and the threshold) and leaves the ranking weights as they are.
2. Confidence: the logistic coefficients of confidence.py's few features are fitted by
   projected gradient ascent on the log-likelihood of "the answer is right" over dev +
   authored: L2-regularised, and each coefficient kept to its sign (confidence.SIGNS —
   stronger evidence never lowers confidence). Then the bias is lowered by the least step
   that makes, at once, the dev reports, the authored set and each fold of a five-fold
   cross-validation of dev grouped by source (each fold's model fitted on the other
   sources + authored, its bias lowered by the same step, measured on the sources it did
   not see) reach 95 % right among the answers with confidence >= 0.8 — so the figure is
   meant to hold on reports from sources the fit has not seen. Each fold on its own, not
   their pool: a pool let one fold's over-confident model through (out of fold 33/37).
3. `--cv`: the honest estimate. Dev is cut into five folds by source (a source's reports
   all in one fold; abapGit, the largest, is a fold of its own); for each fold, steps 1–2
   run from the same start on the other four and the authored set, and the fold is routed
   with the weights they give. The pooled out-of-fold figures are what the procedure
   reaches on sources it was not fitted on (the vocabulary is not refitted: where dev
   reports shaped it, they are still optimistic). Written to benchmarks/router_cv.json
   with a fingerprint of the router, which bench_router.py prints beside dev and test.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from assistant.intent import DialogueState, Routed, route  # noqa: E402
from assistant.intent.confidence import COEFFICIENTS, SIGNS, Features, confidence  # noqa: E402
from assistant.intent.weights import WEIGHTS, Weights  # noqa: E402
from assistant.kb.knowledge_base import KnowledgeBase  # noqa: E402
from assistant.kb.load import load_kb  # noqa: E402
from tests.support.real_eval import (  # noqa: E402
    HIGH_CONFIDENCE,
    Ratio,
    Score,
    load_real,
    score_item,
    score_items,
)
from tests.support.router_eval import load_eval, misses  # noqa: E402

WEIGHTS_FILE = ROOT / "assistant" / "intent" / "weights.py"
CV_FILE = ROOT / "benchmarks" / "router_cv.json"
MULTIPLIERS = (0.5, 0.75, 1.5, 2.0)
PASSES = 2
MIN_GAIN_REPORTS = 1.5  # a move must buy the objective worth of more than one report (see fit_ranking)
TARGET_PRECISION = 0.95
# What the fit may change: every ranking and scope weight (the confidence is step 2).
FITTED = tuple(f for f in Weights._fields if not f.startswith("conf_"))
SCOPE_ONLY = tuple(f for f in FITTED if f.startswith("scope_"))
L2 = 0.02  # ridge on the confidence coefficients: few reports, keep them small
FOLDS = 5
Sample = tuple[list[float], bool]
OBJECTIVE = {"scope": 1.0, "top1": 1.0, "top3": 0.5, "cause3": 0.7, "authored": 1.0, "expert": 400.0}


def authored_outcomes(kb: KnowledgeBase, w: Weights) -> list[tuple[Routed, bool]]:
    data = load_eval()
    out = [(r, not misses(item, r)) for item in data["items"] for r in [route(item["text"], kb, weights=w)]]
    for dialogue in data["dialogues"]:
        state = DialogueState()
        for turn in dialogue:
            routed = route(turn["text"], kb, state, weights=w)
            state = routed.state
            out.append((routed, not misses(turn, routed)))
    return out


def expert_share(kb: KnowledgeBase, w: Weights) -> float:
    from assistant.answers.questions import build_answer
    from tests.unit.test_expert_eval import fact_present, load_questions

    questions = load_questions()
    right = 0
    for q in questions:
        text = build_answer(route(q["q"], kb, weights=w), kb)
        right += all(fact_present(f, text) for f in q["must_contain"])
    return right / len(questions)


def router_with(w: Weights) -> Callable[[str, KnowledgeBase], Routed]:
    return lambda text, kb: route(text, kb, weights=w)


Marks = tuple[bool, bool | None, bool | None, bool | None]  # scope, top-1, top-3, cause in top 3
_MARKS: dict[Weights, tuple[dict[str, Marks], float, float]] = {}


def _marks(kb: KnowledgeBase, dev: list[dict[str, Any]], w: Weights) -> tuple[dict[str, Marks], float, float]:
    """Per dev report its marks, the authored accuracy and the expert share under `w` —
    computed once per weight vector, so the folds of the cross-validation share them."""
    if w not in _MARKS:
        per_item: dict[str, Marks] = {}
        for item in dev:
            score = Score()
            score_item(item, route(item["text"], kb, weights=w), score, keep_failures=False)
            per_item[item["id"]] = (
                bool(score.scope.right), _mark(score.top1), _mark(score.top3), _mark(score.cause3_all)
            )
        authored = authored_outcomes(kb, w)
        _MARKS[w] = (per_item, sum(ok for _, ok in authored) / len(authored), expert_share(kb, w))
    return _MARKS[w]


def _mark(ratio: Ratio) -> bool | None:
    return bool(ratio.right) if ratio.total else None


def objective(kb: KnowledgeBase, dev: list[dict[str, Any]], w: Weights, only: frozenset[str] | None = None) -> float:
    """The fit's objective on the dev reports (only those in `only`, when given: a fold's
    training side) plus the authored and expert sets."""
    per_item, authored, expert = _marks(kb, dev, w)
    rows = [m for i, m in per_item.items() if only is None or i in only]

    def share(k: int) -> float:
        marks = [m[k] for m in rows if m[k] is not None]
        return sum(bool(x) for x in marks) / len(marks) if marks else 0.0

    parts = {"scope": share(0), "top1": share(1), "top3": share(2), "cause3": share(3),
             "authored": authored, "expert": expert}
    return sum(OBJECTIVE[k] * v for k, v in parts.items())


def fit_ranking(
    kb: KnowledgeBase, dev: list[dict[str, Any]], start: Weights, fitted: tuple[str, ...] = FITTED,
    only: frozenset[str] | None = None, *, verbose: bool = True,
) -> Weights:
    best = start
    best_value = objective(kb, dev, best, only)
    # A move must buy more than one report: with ~100 dev reports a single report's
    # flip is noise, and weights moved for it did not carry to new reports.
    n_reports = len(only) if only is not None else len(dev)
    min_gain = MIN_GAIN_REPORTS / max(1, n_reports)
    if verbose:
        print(f"objective at start: {best_value:.4f}")
    for n in range(PASSES):
        changed = False
        for name in fitted:
            current = getattr(best, name)
            for m in MULTIPLIERS:
                trial = best._replace(**{name: round(current * m, 4)})
                value = objective(kb, dev, trial, only)
                if value > best_value + min_gain:
                    best, best_value, changed = trial, value, True
            if verbose and getattr(best, name) != current:
                print(f"  pass {n + 1}: {name} {current} -> {getattr(best, name)}  objective {best_value:.4f}")
        if not changed:
            break
    return best


def samples(kb: KnowledgeBase, dev: list[dict[str, Any]], w: Weights) -> tuple[list[Sample], list[Sample], list[str]]:
    """(features, right) per dev report and per authored question/turn with a fitted
    confidence, and the source of each dev sample (its group in the cross-validation)."""
    from assistant.intent.router import confidence_features

    dev_samples: list[Sample] = []
    sources: list[str] = []
    score = Score()
    for item in dev:
        routed = route(item["text"], kb, weights=w)
        score_item(item, routed, score, keep_failures=False)
        feats = confidence_features(routed)
        if feats is not None:
            dev_samples.append((feats, score.confidences[-1][1]))
            sources.append(item["source"])
    authored = [(f, ok) for r, ok in authored_outcomes(kb, w) for f in [confidence_features(r)] if f is not None]
    return dev_samples, authored, sources


def source_folds(sources: list[str], k: int = FOLDS) -> list[int]:
    """A fold per item, grouped by source: a source's reports all land in one fold, so a
    fold is scored by a model that never saw its source (the largest sources first, each
    to the fold with the fewest reports; ties by fold number — deterministic)."""
    sizes: dict[str, int] = {}
    for source in sources:
        sizes[source] = sizes.get(source, 0) + 1
    load = [0] * k
    fold_of: dict[str, int] = {}
    for source, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        fold = min(range(k), key=lambda f: (load[f], f))
        fold_of[source] = fold
        load[fold] += size
    return [fold_of[s] for s in sources]


def logistic_fit(data: list[Sample]) -> list[float]:
    """Bias and coefficients maximising the L2-penalised log-likelihood, each coefficient
    projected back onto its sign after every step. Deterministic (fixed start, fixed steps)."""
    coef = [0.0] * (len(COEFFICIENTS) + 1)
    rate = 0.5
    for _ in range(3000):
        grad = [0.0] * len(coef)
        for x, y in data:
            z = coef[0] + sum(c * v for c, v in zip(coef[1:], x, strict=True))
            err = (1.0 if y else 0.0) - 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            grad[0] += err
            for i, v in enumerate(x):
                grad[i + 1] += err * v
        coef = [c + rate * (g / len(data) - (L2 * c if i else 0.0)) for i, (c, g) in enumerate(zip(coef, grad, strict=True))]
        coef = [coef[0]] + [max(0.0, c) if sign > 0 else min(0.0, c) for c, sign in zip(coef[1:], SIGNS, strict=True)]
    return coef


def with_coefficients(w: Weights, coef: list[float]) -> Weights:
    return w._replace(conf_bias=round(coef[0], 4), **{c: round(v, 4) for c, v in zip(COEFFICIENTS, coef[1:], strict=True)})


def calibrate(kb: KnowledgeBase, dev: list[dict[str, Any]], w: Weights, *, verbose: bool = True) -> Weights:
    """Logistic regression of rightness on the confidence features (dev + authored), then
    the bias lowered by the least step that makes, at once, the dev reports, the authored
    set and every fold of a five-fold cross-validation of dev grouped by source reach
    TARGET_PRECISION among answers with confidence >= 0.8 (the cross-validation lowers each
    fold model's own bias by the same step and measures it on the fold — sources — it was
    not fitted on)."""
    dev_samples, authored, sources = samples(kb, dev, w)
    full = with_coefficients(w, logistic_fit(dev_samples + authored))
    folds = []
    fold_of = source_folds(sources)
    for fold in range(FOLDS):
        train = [s for s, f in zip(dev_samples, fold_of, strict=True) if f != fold]
        held = [s for s, f in zip(dev_samples, fold_of, strict=True) if f == fold]
        folds.append((with_coefficients(w, logistic_fit(train + authored)), held))
    step = 0.0
    while True:
        fitted = full._replace(conf_bias=round(full.conf_bias + step, 4))
        shifted = [(m._replace(conf_bias=round(m.conf_bias + step, 4)), held) for m, held in folds]
        cv = _pooled(shifted)
        # The guard: every fold on its own, not only the pool — one fold's model that is
        # over-confident on sources unlike the others is what the held-out sources meet.
        worst = min(_precision(held, m) for m, held in shifted)
        if min(_precision(dev_samples, fitted), _precision(authored, fitted), worst) >= TARGET_PRECISION or step <= -10:
            break
        step = round(step - 0.05, 4)
    if verbose:
        print(f"bias lowered by {abs(step):.2f}; cross-validated (5 folds of dev by source): "
              f"confidence >= {HIGH_CONFIDENCE} right {cv}")
    return fitted


def _pooled(models: list[tuple[Weights, list[Sample]]]) -> Ratio:
    """Rightness of the confident answers of each held-out fold under its own model."""
    out = Ratio()
    for model, held in models:
        for x, ok in held:
            if _conf(x, model) >= HIGH_CONFIDENCE:
                out.add(ok)
    return out


def _precision(samples: list[Sample], w: Weights) -> float:
    high = [ok for x, ok in samples if _conf(x, w) >= HIGH_CONFIDENCE]
    return sum(high) / len(high) if high else 1.0


def _conf(x: list[float], w: Weights) -> float:
    return confidence(Features(*x), w)


def report(kb: KnowledgeBase, w: Weights, label: str, splits: tuple[str, ...] = ("dev",)) -> None:
    print(f"== {label}")
    for split in splits:
        score = score_items(load_real(split), kb, router_with(w))
        for line in score.lines():
            print(f"    {split:4} {line}")
    authored = authored_outcomes(kb, w)
    print(f"    authored accuracy {sum(ok for _, ok in authored) / len(authored):.1%}  expert {expert_share(kb, w):.1%}")


def cross_validate(kb: KnowledgeBase, dev: list[dict[str, Any]], start: Weights, names: tuple[str, ...],
                   *, refit: bool = True, jobs: int = 1) -> Score:
    """Grouped k-fold cross-validation of the whole fit, by source: each fold's reports are
    routed with weights fitted (ranking from `start`, then the confidence) on the other
    folds + the authored and expert sets only — the figures a model gets on sources it was
    not fitted on. The scope vocabulary is not refitted (it is data, written from sources):
    where it was shaped by dev reports, these figures are still optimistic."""
    fold_of = source_folds([item["source"] for item in dev])
    work = [(kb, dev, start, names, refit, fold_of, fold) for fold in range(FOLDS)]
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            fold_weights = pool.map(_fit_fold, work)
    else:
        fold_weights = [_fit_fold(job) for job in work]
    pooled = Score()
    for fold, w in enumerate(fold_weights):
        held = [item for item, f in zip(dev, fold_of, strict=True) if f == fold]
        for item in held:
            score_item(item, route(item["text"], kb, weights=w), pooled, keep_failures=True)
        print(f"  fold {fold + 1}/{FOLDS}: {len(held)} reports from {len({i['source'] for i in held})} sources")
    return pooled


def _fit_fold(job: tuple[Any, ...]) -> Weights:
    """The weights one fold's model is fitted to, on every report outside the fold."""
    kb, dev, start, names, refit, fold_of, fold = job
    train = [item for item, f in zip(dev, fold_of, strict=True) if f != fold]
    w = fit_ranking(kb, dev, start, names, frozenset(i["id"] for i in train), verbose=False) if refit else start
    return calibrate(kb, train, w, verbose=False)


def router_digest(w: Weights) -> str:
    """A short fingerprint of the weights and of the router's code and vocabulary
    (assistant/intent/*.py, knowledge/*.yaml): bench_router shows whether the stored
    cross-validation was made for the router in use."""
    import hashlib

    digest = hashlib.sha256(repr(tuple(w)).encode())
    for path in sorted([*(ROOT / "assistant" / "intent").glob("*.py"), *(ROOT / "knowledge").glob("*.yaml")]):
        if path.name != "weights.py":
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def write_cv(score: Score, w: Weights, refit: bool) -> None:
    figures = {k: [getattr(score, k).right, getattr(score, k).total]
               for k in ("scope", "other_scope", "top1", "top3", "cause3_sap", "cause3_all", "right")}
    high = score.high_confidence()
    figures["high_confidence"] = [high.right, high.total]
    CV_FILE.write_text(json.dumps({"router": router_digest(w), "folds": FOLDS, "grouped_by": "source", "refit": refit,
                                   "figures": figures}, indent=1) + "\n", encoding="utf-8")
    print(f"written: {CV_FILE.relative_to(ROOT)}")


def write_weights(w: Weights) -> None:
    text = WEIGHTS_FILE.read_text(encoding="utf-8")
    fields = ",\n".join(f"    {name}={getattr(w, name)!r}" for name in Weights._fields)
    block = f"# --- fitted: begin (benchmarks/fit_router.py rewrites this block) ---\nWEIGHTS = Weights(\n{fields},\n)\n# --- fitted: end ---"
    text = re.sub(r"# --- fitted: begin.*?# --- fitted: end ---", lambda _: block, text, flags=re.S)
    WEIGHTS_FILE.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="do not write weights.py")
    parser.add_argument("--from-defaults", action="store_true", help="start from Weights() instead of WEIGHTS")
    parser.add_argument("--calibrate-only", action="store_true", help="only refit the confidence")
    parser.add_argument("--only", choices=("scope",), help="fit only these weights (scope: the scope stage's)")
    parser.add_argument("--cv", action="store_true",
                        help="cross-validate the procedure first (5 folds of dev grouped by source); without "
                             "--dry-run, then apply it to all of dev, write weights.py and router_cv.json")
    parser.add_argument("--cv-no-refit", action="store_true", help="with --cv: keep the start ranking weights, refit only the confidence")
    parser.add_argument("--jobs", type=int, default=1, help="with --cv: folds fitted in this many processes")
    parser.add_argument("--test", action="store_true", help="also print the test split's aggregate (look rarely)")
    args = parser.parse_args()
    kb = load_kb(use_cache=False).kb
    dev = load_real("dev")
    start = Weights() if args.from_defaults else WEIGHTS
    names = SCOPE_ONLY if args.only == "scope" else FITTED
    splits = ("dev", "test") if args.test else ("dev",)
    pooled = None
    if args.cv:
        print(f"== cross-validation: {FOLDS} folds of dev grouped by source (refit: {not args.cv_no_refit})")
        pooled = cross_validate(kb, dev, start, names, refit=not args.cv_no_refit, jobs=args.jobs)
        for line in pooled.lines() + pooled.failures:
            print("    " + line)
        if args.dry_run:
            return 0
    report(kb, start, "before", splits)
    refit = not (args.calibrate_only or args.cv_no_refit)
    fitted = fit_ranking(kb, dev, start, names) if refit else start
    fitted = calibrate(kb, dev, fitted)
    report(kb, fitted, "after", splits)
    print("changed:", {k: (getattr(start, k), getattr(fitted, k)) for k in Weights._fields if getattr(start, k) != getattr(fitted, k)})
    if not args.dry_run:
        write_weights(fitted)
        print(f"written: {WEIGHTS_FILE.relative_to(ROOT)}")
        if pooled is not None:
            write_cv(pooled, fitted, refit)  # the procedure just applied to all of dev, cross-validated
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
