"""How sure the router is, and the one question that would decide when it is not.

`confidence` is a logistic function of a few generic features of the decision (how far
the first answer is ahead of the second, whether the text names it, how clear the scope
is, whether a number was left with two readings, how much evidence there was at all).
Its coefficients are in weights.py and are fitted by benchmarks/fit_router.py on the dev
reports and the authored set, so that the figure is calibrated: among answers with
confidence 0.8 or more, at least 95 % are right on that data.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from assistant.intent.weights import Weights

LOW = 0.5  # below this the answer says it is not sure and asks one question


class Features(NamedTuple):
    margin: float  # 0..1: the lead of the first message (or scope, or cause) over the next
    explicit: float  # 1 when the text names what the answer leads with
    scope: float  # 0..1: the scope's lead over the next kind
    unclear: float  # 1 when a number has two readings the wording does not decide
    thin: float  # 1 when there is hardly any evidence
    unknown: float  # 1 when the scope is unknown
    weak_scope: float  # 1 when the scope rests on weak cues only

    def as_list(self) -> list[float]:
        return [self.margin, self.explicit, self.scope, self.unclear, self.thin, self.unknown, self.weak_scope]


COEFFICIENTS = (
    "conf_margin", "conf_explicit", "conf_scope", "conf_unclear", "conf_thin", "conf_unknown", "conf_weak_scope",
)


def lead(first: float, second: float) -> float:
    """How far ahead the first is, 0..1 (relative, so raw units do not matter)."""
    if first <= 0:
        return 0.0
    return max(0.0, min(1.0, (first - second) / first))


def confidence(features: Features, w: Weights) -> float:
    z = w.conf_bias + sum(getattr(w, name) * x for name, x in zip(COEFFICIENTS, features.as_list(), strict=True))
    return round(1.0 / (1.0 + math.exp(-z)), 3)


# --- the one question -----------------------------------------------------------------------

QUESTIONS: dict[str, str] = {
    "reading": (
        "Where does the number come from: an SAP error text (SM59 connection test, "
        "`get_last_error`, abapGit's \"HTTP error … occured\") or the status the server answered with?"
    ),
    "exact_text": (
        "What is the exact error text — from the SM59 connection test, `get_last_error` in "
        "your program, or the `dev_icm` trace (SMICM → Goto → Trace File)?"
    ),
    "proxy": "Does the call go through a proxy (SM59 → Technical Settings → HTTP Proxy Options)?",
    "client": (
        "Which program makes the call: the SAP system itself (SM59, abapGit, an ABAP "
        "program), or another client (Java, Node.js, .NET, a browser, BTP, Cloud Connector)?"
    ),
    "same_topic": "Is this about the same call as before, or a new problem?",
}


def question_kind(
    *, unclear_number: bool, scope_kind: str, has_message: bool, proxy_vs_direct: bool, shifted: bool
) -> str:
    """Which single question decides best, from what is still open."""
    if shifted:
        return "same_topic"
    if unclear_number:
        return "reading"
    if scope_kind == "unknown":
        return "client"
    if proxy_vs_direct:
        return "proxy"
    if scope_kind == "sap_http_client" or not has_message:
        return "exact_text"
    return "client"
