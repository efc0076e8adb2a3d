"""Where the confidence is high out of fold, and whether it is earned — dev only.

fit_router.py's calibration (logistic fit, then the bias lowered until dev, the authored
set and each of five source folds reach 95 % right at 0.8 or more) reproduced with its
fold models kept, so the answers each fold's model is sure of can be read one by one:

    .venv/bin/python benchmarks/confidence_oof.py            # figures and the list above 0.6
    .venv/bin/python benchmarks/confidence_oof.py --above 0.7

Per fold and pooled: the answers at 0.8 or more out of fold and how many are right; the same
in-sample on dev and the authored set; then every out-of-fold answer above `--above` with its
features, its right/wrong and its labelled and said kind. Confidences are the calibrated model's
(what fit_router's guard measures); an answer a later rule of the router sends below 0.5
(a guessed message, an unsure follow-up …) is marked `asked`. Never reads the test split.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from assistant.intent import route  # noqa: E402
from assistant.intent.confidence import COEFFICIENTS, Features, confidence  # noqa: E402
from assistant.intent.router import confidence_features  # noqa: E402
from assistant.intent.weights import WEIGHTS, Weights  # noqa: E402
from assistant.kb.load import load_kb  # noqa: E402
from benchmarks.fit_router import (  # noqa: E402
    FOLDS,
    TARGET_PRECISION,
    Sample,
    authored_outcomes,
    logistic_fit,
    source_folds,
    with_coefficients,
)
from tests.support.real_eval import HIGH_CONFIDENCE, Score, load_real, score_item  # noqa: E402

Row = dict[str, Any]


def dev_rows(kb: Any, w: Weights) -> list[Row]:
    """Every dev report with a fitted confidence: its features, right/wrong and kinds."""
    rows: list[Row] = []
    score = Score()
    for item in load_real("dev"):
        routed = route(item["text"], kb, weights=w)
        score_item(item, routed, score, keep_failures=False)
        feats = confidence_features(routed)
        if feats is None:
            continue
        modelled = confidence(Features(*feats), w)
        rows.append({"id": item["id"], "source": item["source"], "x": feats, "ok": score.confidences[-1][1],
                     "label": item["scope"], "said": routed.scope.kind, "asked": routed.confidence < modelled - 1e-9})
    return rows


def shifted(w: Weights, step: float) -> Weights:
    return w._replace(conf_bias=round(w.conf_bias + step, 4))


def conf(x: list[float], w: Weights) -> float:
    return confidence(Features(*x), w)


def high(samples: list[Sample], w: Weights) -> tuple[int, int]:
    """(right, total) among the samples at HIGH_CONFIDENCE or more under `w`."""
    sure = [ok for x, ok in samples if conf(x, w) >= HIGH_CONFIDENCE]
    return sum(sure), len(sure)


def calibrated(rows: list[Row], authored: list[Sample], w: Weights) -> tuple[Weights, list[Weights], float]:
    """fit_router.calibrate, keeping the fold models: (full model, fold models, step)."""
    dev = [(r["x"], r["ok"]) for r in rows]
    fold_of = source_folds([r["source"] for r in rows])
    full = with_coefficients(w, logistic_fit(dev + authored))
    models = [with_coefficients(w, logistic_fit([s for s, f in zip(dev, fold_of, strict=True) if f != k] + authored))
              for k in range(FOLDS)]
    step = 0.0
    while step > -10:
        worst = min(_share(high([s for s, f in zip(dev, fold_of, strict=True) if f == k], shifted(m, step)))
                    for k, m in enumerate(models))
        if min(_share(high(dev, shifted(full, step))), _share(high(authored, shifted(full, step))), worst) >= TARGET_PRECISION:
            break
        step = round(step - 0.05, 4)
    return shifted(full, step), [shifted(m, step) for m in models], step


def _share(rt: tuple[int, int]) -> float:
    return rt[0] / rt[1] if rt[1] else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--above", type=float, default=0.6, help="list out-of-fold answers above this confidence")
    args = parser.parse_args()
    kb = load_kb(use_cache=False).kb
    rows = dev_rows(kb, WEIGHTS)
    authored = [(list(f), ok) for r, ok in authored_outcomes(kb, WEIGHTS) for f in [confidence_features(r)] if f is not None]
    full, models, step = calibrated(rows, authored, WEIGHTS)
    fold_of = source_folds([r["source"] for r in rows])
    print(f"bias lowered by {abs(step):.2f}; coefficients: bias {full.conf_bias} "
          + " ".join(f"{c[5:]} {getattr(full, c)}" for c in COEFFICIENTS))
    pooled = [0, 0]
    for k, m in enumerate(models):
        held = [(r["x"], r["ok"]) for r, f in zip(rows, fold_of, strict=True) if f == k]
        right, total = high(held, m)
        pooled[0] += right
        pooled[1] += total
        print(f"  fold {k + 1}: >= {HIGH_CONFIDENCE} out of fold {right}/{total}  ({len(held)} reports)")
    print(f"  pooled out of fold: {pooled[0]}/{pooled[1]}")
    print(f"  in-sample dev: {'/'.join(map(str, high([(r['x'], r['ok']) for r in rows], full)))}"
          f"   authored: {'/'.join(map(str, high(authored, full)))}")
    print(f"== out of fold above {args.above} (features: {' '.join(c[5:] for c in COEFFICIENTS)})")
    listed = [(conf(r["x"], models[f]), r, f) for r, f in zip(rows, fold_of, strict=True)]
    for c, r, f in sorted(listed, key=lambda t: -t[0]):
        if c > args.above:
            feats = " ".join(f"{v:.2f}" for v in r["x"])
            mark = "right" if r["ok"] else "WRONG"
            print(f"  {c:.3f} {mark} fold{f + 1} [{feats}] {r['label']}->{r['said']}{' asked' if r['asked'] else ''} {r['id']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
