"""How sure the router is, and the one question that would decide when it is not.

`confidence` is a logistic function of a few generic features of the decision: how strong
the scope's evidence is (a decisive cue, an indicative one, or only weak words and the
situation), how far the scope is ahead of the next kind, how strong the runner-up's evidence is, and — for the SAP client, where
the answer also names a message — whether the text names that message and how far it is
ahead of the next; a number left with two readings and an unknown scope count against.
Its coefficients are in weights.py and are fitted by benchmarks/fit_router.py on the dev
reports and the authored set (signs constrained, L2-regularised), so that among answers
with confidence 0.8 or more at least 95 % are right on that data.

A scope that rests on weak evidence only is never confident, whatever the fit says: its
confidence is capped at WEAK_CAP. And 0.8 or more is kept for answers that lead with what
the text itself names — the message's id, constant or "HTTP error nnn" for the SAP client,
a decisive cue (a stack frame, an error code only that client prints) for another scope.
An answer inferred from symptoms stays below (NAMED_CAP): the fit sees dev reports whose
wording shaped the vocabulary, so its confidence in inferred answers is optimistic on new
reports (the cross-validation by source showed it, and so did the first look at reports
collected later).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from assistant.intent.weights import Weights

LOW = 0.5  # below this the answer says it is not sure and asks one question
WEAK_CAP = 0.65  # the most a scope decided by weak cues (or by situation) may claim
NAMED_CAP = 0.79  # the most an answer may claim when the text does not name what it leads with


class Features(NamedTuple):
    evidence: float  # the scope's strongest evidence: 1 decisive, 0.5 indicative, 0 weak/situation
    scope_lead: float  # 0..1: the scope's lead over the next kind
    rival: float  # the runner-up kind's strongest evidence, same scale (a contested report)
    named: float  # 1 when the text names what the answer leads with: the SAP client's message, another scope's decisive cue
    message_lead: float  # 0..1: the first message's lead over the second (SAP client only)
    unclear: float  # 1 when a number has two readings the wording does not decide
    unknown: float  # 1 when the scope is unknown

    def as_list(self) -> list[float]:
        return [self.evidence, self.scope_lead, self.rival, self.named, self.message_lead, self.unclear, self.unknown]


COEFFICIENTS = (
    "conf_evidence", "conf_scope_lead", "conf_rival", "conf_named", "conf_message_lead", "conf_unclear", "conf_unknown",
)
# The sign each coefficient must have (the fit keeps it): more evidence never lowers confidence.
SIGNS = (1, 1, -1, 1, 1, -1, -1)


def lead(first: float, second: float) -> float:
    """How far ahead the first is, 0..1 (relative, so raw units do not matter)."""
    if first <= 0:
        return 0.0
    return max(0.0, min(1.0, (first - second) / first))


def confidence(features: Features, w: Weights) -> float:
    z = w.conf_bias + sum(getattr(w, name) * x for name, x in zip(COEFFICIENTS, features.as_list(), strict=True))
    value = 1.0 / (1.0 + math.exp(-z))
    if features.evidence <= 0.0:
        value = min(value, WEAK_CAP)
    elif features.named < 1.0:
        value = min(value, NAMED_CAP)
    return round(value, 3)


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
    # The same question in the words of the failure's own kind: an RFC or SAP GUI connection
    # has no SM59 HTTP test or get_last_error, another client no dev_icm, a far server's
    # status is read in its answer.
    "exact_text_rfc": (
        "What is the exact error text — the whole block the RFC client or SAP GUI shows "
        "(ERROR, COMPONENT, RC and DETAIL lines), or the connection test of the RFC destination in SM59?"
    ),
    "exact_text_client": (
        "What is the exact error text your client shows — the exception with its message, or the line from its log?"
    ),
    "exact_text_status": (
        "What exactly did the server answer — the status line (code and reason) and the first lines of the "
        "response body?"
    ),
    "exact_text_inbound": (
        "What exactly does the caller get back from the SAP system — the status, its reason and the first lines "
        "of the response body?"
    ),
    "proxy": "Does the call go through a proxy (SM59 → Technical Settings → HTTP Proxy Options)?",
    "client": (
        "Which program makes the call: the SAP system (SM59, abapGit, ABAP) or another "
        "client (Java, Node.js, .NET, browser, BTP, Cloud Connector)?"
    ),
    # Nothing in the text reports a failed call (failedcall.reports_a_failed_call): a binding
    # that offers no plan, a monitoring rule "Not supported". "Which program makes the call?"
    # would ask about a call the report never made; what its situation can answer is whether
    # the step calls another system at all — and, if so, who calls and what error it got.
    "no_call": (
        "Does the step that fails call another system over the network (a connection, an HTTP request, a "
        "logon)? If it does: which program makes that call — the SAP system (SM59, abapGit, ABAP) or another "
        "client — and what exact error does it get?"
    ),
    # The text names the program (curl, the cf CLI, a Java application): who calls is known,
    # how the call fails is not — or whether a call failed at all.
    "named_client": (
        "Your text names the program; which of its calls fails, and how — the exact error it shows for that "
        "call (a connection, TLS or certificate error) or the status and reason the server answered with?"
    ),
    "same_topic": "Is this about the same call as before, or a new problem?",
    "off_topic": (
        "This does not read like an SAP HTTP-client error. If it is one: what is the exact text "
        "from the SM59 connection test, `get_last_error` or the `dev_icm` trace?"
    ),
}


def question_kind(
    *, unclear_number: bool, scope_kind: str, has_message: bool, proxy_vs_direct: bool, shifted: bool,
    off_topic: bool = False, names_client: bool = False, reports_call: bool = True,
) -> str:
    """Which single question decides best, from what is still open. `names_client`: the text
    names a program other than the ABAP system that makes the call — not to be asked again;
    `reports_call`: the text reports a failed call at all (else who makes it is no question)."""
    if shifted:
        return "same_topic"
    if unclear_number:
        return "reading"
    if scope_kind == "unknown":
        return "off_topic" if off_topic else "named_client" if names_client else "client" if reports_call else "no_call"
    if proxy_vs_direct and scope_kind == "sap_http_client":
        # The question names SM59's HTTP proxy options: an RFC or SAP GUI connection, or
        # another client, has none ("SAP Logon … connection refused" is no proxy's).
        return "proxy"
    if scope_kind == "sap_http_client" or not has_message:
        return exact_text_kind(scope_kind)
    return "client"


_EXACT_TEXT_BY_SCOPE = {
    "rfc_or_network": "exact_text_rfc",
    "other_client": "exact_text_client",
    "http_status_from_server": "exact_text_status",
    "sap_server_inbound": "exact_text_inbound",
}


def exact_text_kind(scope_kind: str) -> str:
    """The "what is the exact error text?" question worded for the kind of failure: where
    that kind shows its text (the SAP HTTP client's in SM59, get_last_error, dev_icm)."""
    return _EXACT_TEXT_BY_SCOPE.get(scope_kind, "exact_text")
