"""Word models of a report's scope, in pure Python (numpy and scikit-learn are no dependency
of this project): the tokeniser, feature selection, multinomial naive Bayes and L2-regularised
logistic regression, and the gates that combine a model with the router's rule tally.

Used by benchmarks/fit_scope_words.py, which measures them by cross-validation grouped by
source. Nothing here is imported at run time: the experiment did not earn a place in the
router (docs/ARCHITECTURE.md, "A word model of the scope").
"""

from __future__ import annotations

import itertools
import math
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from assistant.intent.hosts import without_url_paths
from assistant.intent.scopecues import windowed

KINDS = ("sap_http_client", "http_status_from_server", "sap_server_inbound", "rfc_or_network", "other_client",
         "unknown")
Probs = dict[str, float]

# Ids and numbers are classes, not words: a project's own numbers (its ports, its issue
# numbers) must not become features, while "a three-digit number" (a status, a message
# number) may. The SAP client's named ids stay a class of their own — the rules decide them.
_CLASSES = (
    (re.compile(r"\bsclnt_http\s*\d+"), " zsclntid "),
    (re.compile(r"\bicm_[a-z0-9_]+"), " zicmconst "),
    (re.compile(r"\bsssl(?:err|rc)_[a-z0-9_]+"), " zsapsslcode "),
    (re.compile(r"\bnie[a-z]+_[a-z0-9_]+"), " znicode "),
    (re.compile(r"\b0x[0-9a-f]+\b"), " zhex "),
    (re.compile(r"(?<![\w.])[1-5]\d\d(?![\w.])"), " zthreedigits "),
    (re.compile(r"\d+"), " znum "),
)
_WORD = re.compile(r"[^\W\d_]+(?:_[^\W\d_]+)*")


def tokens(text: str, *, bigrams: bool = False) -> list[str]:
    """Lower-cased word tokens of the text the scope stage reads (a long paste's head and
    tail, URL paths blanked as scopecues does), ids and numbers as their classes; with
    `bigrams`, each pair of neighbouring tokens as well."""
    lowered = without_url_paths(windowed(text)).lower()
    for pattern, name in _CLASSES:
        lowered = pattern.sub(name, lowered)
    words = _WORD.findall(lowered)
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)] if bigrams else words


def select_features(docs: list[list[str]], labels: list[str], groups: list[str], top_n: int,
                    min_sources: int = 2) -> list[str]:
    """The `top_n` features with the most mutual information with the label, among those
    seen in at least `min_sources` sources: a word only one project uses is that project's
    fingerprint, not a sign of the kind of failure."""
    sources: defaultdict[str, set[str]] = defaultdict(set)
    for doc, group in zip(docs, groups, strict=True):
        for word in set(doc):
            sources[word].add(group)
    candidates = {w for w, s in sources.items() if len(s) >= min_sources}
    per_class: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for doc, label in zip(docs, labels, strict=True):
        for word in set(doc) & candidates:
            per_class[word][label] += 1
    class_sizes = Counter(labels)
    scored = {w: _mutual_information(per_class[w], class_sizes, len(docs)) for w in candidates}
    return sorted(scored, key=lambda w: (-scored[w], w))[:top_n]


def _mutual_information(present: Counter[str], class_sizes: Counter[str], n: int) -> float:
    with_word = sum(present.values())
    total = 0.0
    for label, size in class_sizes.items():
        for n_xc, n_x in ((present[label], with_word), (size - present[label], n - with_word)):
            if n_xc:
                total += n_xc / n * math.log(n_xc * n / (n_x * size))
    return total


def _softmax(scores: dict[str, float]) -> Probs:
    top = max(scores.values())
    exp = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


@dataclass(slots=True)
class NaiveBayes:
    """Multinomial naive Bayes over the presence of the selected features (a word counts
    once per report: a pasted log repeats its lines), Laplace-smoothed by `alpha`."""

    alpha: float = 1.0
    top_n: int = 1000
    bigrams: bool = False
    prior: dict[str, float] = field(default_factory=dict)
    loglik: dict[str, dict[str, float]] = field(default_factory=dict)

    def fit(self, docs: list[list[str]], labels: list[str], groups: list[str]) -> NaiveBayes:
        features = set(select_features(docs, labels, groups, self.top_n))
        counts = {k: Counter[str]() for k in KINDS}
        for doc, label in zip(docs, labels, strict=True):
            counts[label].update(set(doc) & features)
        sizes = Counter(labels)
        self.prior = {k: math.log((sizes[k] + 1) / (len(labels) + len(KINDS))) for k in KINDS}
        for k in KINDS:
            denominator = sum(counts[k].values()) + self.alpha * len(features)
            self.loglik[k] = {w: math.log((counts[k][w] + self.alpha) / denominator) for w in features}
        return self

    def probabilities(self, doc: list[str]) -> Probs:
        words = set(doc) & self.loglik[KINDS[0]].keys()
        return _softmax({k: self.prior[k] + sum(self.loglik[k][w] for w in words) for k in KINDS})


@dataclass(slots=True)
class Logistic:
    """Multinomial logistic regression over the presence of the selected features, L2
    penalty `l2`, classes weighted to balance (the small kinds are the ones the rules
    miss), fitted by AdaGrad over shuffled reports with a fixed seed."""

    l2: float = 10.0
    top_n: int = 1000
    epochs: int = 30
    rate: float = 0.5
    seed: int = 7
    weights: dict[str, list[float]] = field(default_factory=dict)
    bias: list[float] = field(default_factory=lambda: [0.0] * len(KINDS))

    def fit(self, docs: list[list[str]], labels: list[str], groups: list[str]) -> Logistic:
        features = select_features(docs, labels, groups, self.top_n)
        self.weights = {w: [0.0] * len(KINDS) for w in features}
        rows = [[w for w in set(doc) if w in self.weights] for doc in docs]
        targets = [KINDS.index(label) for label in labels]
        sizes = Counter(labels)
        balance = [len(labels) / (len(KINDS) * max(1, sizes[k])) for k in KINDS]
        squares = {w: [1e-8] * len(KINDS) for w in features}
        bias_squares = [1e-8] * len(KINDS)
        order = list(range(len(rows)))
        shuffle = random.Random(self.seed)
        for _ in range(self.epochs):
            shuffle.shuffle(order)
            for i in order:
                grad = self._gradient(rows[i], targets[i], balance[targets[i]])
                self._step(rows[i], grad, squares, bias_squares, len(rows))
        return self

    def _gradient(self, row: list[str], target: int, weight: float) -> list[float]:
        probs = self._probs(row)
        return [weight * (probs[c] - (c == target)) for c in range(len(KINDS))]

    def _step(self, row: list[str], grad: list[float], squares: dict[str, list[float]],
              bias_squares: list[float], n: int) -> None:
        for c, g in enumerate(grad):
            bias_squares[c] += g * g
            self.bias[c] -= self.rate * g / math.sqrt(bias_squares[c])
        for word in row:
            w, sq = self.weights[word], squares[word]
            for c, g in enumerate(grad):
                step = g + self.l2 * w[c] / n
                sq[c] += step * step
                w[c] -= self.rate * step / math.sqrt(sq[c])

    def _probs(self, row: list[str]) -> list[float]:
        scores = {str(c): self.bias[c] + sum(self.weights[w][c] for w in row) for c in range(len(KINDS))}
        probs = _softmax(scores)
        return [probs[str(c)] for c in range(len(KINDS))]

    def probabilities(self, doc: list[str]) -> Probs:
        row = [w for w in set(doc) if w in self.weights]
        return dict(zip(KINDS, self._probs(row), strict=True))


@dataclass(frozen=True, slots=True)
class RuleView:
    """What the gate may see of the rules' decision: the kind, the class of its strongest
    evidence (1 decisive, 0.5 indicative, 0 weak or by situation) and every kind's sum."""

    kind: str
    strength: float
    scores: dict[str, float]
    minimum: float  # below this sum the rules say `unknown`


GATES = ("unknown", "weak", "not_decisive", "log_odds")


@dataclass(frozen=True, slots=True)
class Gate:
    """Where the model may overrule the rules. Never over decisive evidence: a named
    SCLNT_HTTP id, ICM constant or SapSSL code decides as it does without the model.

    - unknown: the rules say `unknown`; the model's kind when its probability >= `param`;
    - weak: the rules' winner has weak evidence only (or none): the same;
    - not_decisive: the winner's evidence is indicative or weaker: the same;
    - log_odds: below decisive, each kind's rule sum plus `param` x log p(kind), `unknown`
      scored at the rules' threshold; the largest wins.
    """

    name: str
    param: float

    def decide(self, rules: RuleView, probs: Probs) -> str:
        if rules.strength >= 1.0:
            return rules.kind
        if self.name == "log_odds":
            sums = {**rules.scores, "unknown": rules.minimum}
            combined = {k: sums.get(k, 0.0) + self.param * math.log(max(probs[k], 1e-9)) for k in KINDS}
            return max(KINDS, key=lambda k: (combined[k], k == rules.kind))
        allowed = {"unknown": rules.kind == "unknown", "weak": rules.strength < 0.5, "not_decisive": True}[self.name]
        best = max(KINDS, key=lambda k: probs[k])
        return best if allowed and probs[best] >= self.param else rules.kind


GATE_PARAMS = {
    "unknown": (0.5, 0.6, 0.7, 0.8, 0.9, 0.95),
    "weak": (0.5, 0.6, 0.7, 0.8, 0.9, 0.95),
    "not_decisive": (0.5, 0.6, 0.7, 0.8, 0.9, 0.95),
    "log_odds": (0.05, 0.1, 0.25, 0.5, 1.0),
}
