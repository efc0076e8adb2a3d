"""Fit the router's weights (assistant/intent/weights.py) on the dev split and the authored
set, and calibrate its confidence the same way. Deterministic; the test split is only
scored, in aggregate, before and after — it never steers the fit.

    .venv/bin/python benchmarks/fit_router.py            # fit, print, write weights.py
    .venv/bin/python benchmarks/fit_router.py --dry-run  # fit and print only

How it works:

1. Ranking weights: coordinate ascent. Each weight in turn is tried at a few multiples of
   its value (x0.5 … x2); the best objective wins, ties keep the current value (so the
   result does not wander). Two passes. The objective adds, on the dev reports: scope
   recognised, SAP-client top-1 and top-3, a right cause in the top three; on the
   authored set: its accuracy; and the expert set's share (its answers must keep every
   key fact) with a heavy weight, so no fit can buy dev points with expert facts.
2. Confidence: the logistic coefficients are fitted by gradient ascent on the
   log-likelihood of "the answer is right" over dev + authored (L2-regularised), then the
   bias is lowered until, on that data, at least 95 % of the answers with confidence
   >= 0.8 are right.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from assistant.intent import DialogueState, Routed, route  # noqa: E402
from assistant.intent.confidence import COEFFICIENTS  # noqa: E402
from assistant.intent.weights import WEIGHTS, Weights  # noqa: E402
from assistant.kb.knowledge_base import KnowledgeBase  # noqa: E402
from assistant.kb.load import load_kb  # noqa: E402
from tests.support.real_eval import HIGH_CONFIDENCE, Score, load_real, score_items  # noqa: E402
from tests.support.router_eval import load_eval, misses  # noqa: E402

WEIGHTS_FILE = ROOT / "assistant" / "intent" / "weights.py"
MULTIPLIERS = (0.5, 0.75, 1.5, 2.0)
PASSES = 2
TARGET_PRECISION = 0.95
# What the fit may change: every ranking and scope weight (the confidence is step 2).
FITTED = tuple(f for f in Weights._fields if not f.startswith("conf_"))
OBJECTIVE = {"scope": 1.0, "top1": 1.0, "top3": 0.5, "cause3": 0.7, "authored": 1.0, "expert": 3.0}


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


def objective(kb: KnowledgeBase, dev: list[dict[str, Any]], w: Weights) -> float:
    score = score_items(dev, kb, router_with(w))
    authored = authored_outcomes(kb, w)
    parts = {
        "scope": score.scope.share,
        "top1": score.top1.share,
        "top3": score.top3.share,
        "cause3": score.cause3_all.share,
        "authored": sum(ok for _, ok in authored) / len(authored),
        "expert": expert_share(kb, w),
    }
    return sum(OBJECTIVE[k] * v for k, v in parts.items())


def fit_ranking(kb: KnowledgeBase, dev: list[dict[str, Any]], start: Weights) -> Weights:
    best = start
    best_value = objective(kb, dev, best)
    print(f"objective at start: {best_value:.4f}")
    for n in range(PASSES):
        changed = False
        for name in FITTED:
            current = getattr(best, name)
            for m in MULTIPLIERS:
                trial = best._replace(**{name: round(current * m, 4)})
                value = objective(kb, dev, trial)
                if value > best_value + 1e-9:
                    best, best_value, changed = trial, value, True
            if getattr(best, name) != current:
                print(f"  pass {n + 1}: {name} {current} -> {getattr(best, name)}  objective {best_value:.4f}")
        if not changed:
            break
    return best


def calibrate(kb: KnowledgeBase, dev: list[dict[str, Any]], w: Weights) -> Weights:
    """Logistic regression of rightness on the confidence features (dev + authored), then
    the bias is lowered until, on the dev reports and on the authored set each, at least
    TARGET_PRECISION of the answers with confidence >= 0.8 are right."""
    from assistant.intent.router import confidence_features
    from tests.support.real_eval import score_item

    dev_samples: list[tuple[list[float], bool]] = []
    score = Score()
    for item in dev:
        routed = route(item["text"], kb, weights=w)
        score_item(item, routed, score, keep_failures=False)
        feats = confidence_features(routed)
        if feats is not None:
            dev_samples.append((feats, score.confidences[-1][1]))
    authored = [(f, ok) for r, ok in authored_outcomes(kb, w) for f in [confidence_features(r)] if f is not None]
    samples = dev_samples + authored
    coef = [0.0] * (len(COEFFICIENTS) + 1)
    rate, l2 = 0.5, 0.002
    for _ in range(3000):
        grad = [0.0] * len(coef)
        for x, y in samples:
            z = coef[0] + sum(c * v for c, v in zip(coef[1:], x, strict=True))
            err = (1.0 if y else 0.0) - 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            grad[0] += err
            for i, v in enumerate(x):
                grad[i + 1] += err * v
        coef = [c + rate * (g / len(samples) - (l2 * c if i else 0.0)) for i, (c, g) in enumerate(zip(coef, grad, strict=True))]
    fitted = w._replace(conf_bias=round(coef[0], 4), **{c: round(v, 4) for c, v in zip(COEFFICIENTS, coef[1:], strict=True)})
    while min(_precision(dev_samples, fitted), _precision(authored, fitted)) < TARGET_PRECISION and fitted.conf_bias > -10:
        fitted = fitted._replace(conf_bias=round(fitted.conf_bias - 0.05, 4))
    return fitted


def _precision(samples: list[tuple[list[float], bool]], w: Weights) -> float:
    high = [ok for x, ok in samples if _conf(x, w) >= HIGH_CONFIDENCE]
    return sum(high) / len(high) if high else 1.0


def _conf(x: list[float], w: Weights) -> float:
    z = w.conf_bias + sum(getattr(w, c) * v for c, v in zip(COEFFICIENTS, x, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def report(kb: KnowledgeBase, w: Weights, label: str) -> None:
    print(f"== {label}")
    for split in ("dev", "test"):
        score = score_items(load_real(split), kb, router_with(w))
        for line in score.lines():
            print(f"    {split:4} {line}")
    authored = authored_outcomes(kb, w)
    print(f"    authored accuracy {sum(ok for _, ok in authored) / len(authored):.1%}  expert {expert_share(kb, w):.1%}")


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
    args = parser.parse_args()
    kb = load_kb(use_cache=False).kb
    dev = load_real("dev")
    start = Weights() if args.from_defaults else WEIGHTS
    report(kb, start, "before")
    fitted = start if args.calibrate_only else fit_ranking(kb, dev, start)
    fitted = calibrate(kb, dev, fitted)
    report(kb, fitted, "after")
    print("changed:", {k: (getattr(start, k), getattr(fitted, k)) for k in Weights._fields if getattr(start, k) != getattr(fitted, k)})
    if not args.dry_run:
        write_weights(fitted)
        print(f"written: {WEIGHTS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
