"""Every weight of the router, in one place.

The values between the `fitted` markers are written by `benchmarks/fit_router.py`, which
fits them on the real reports of the dev split (tests/eval/real/dev.yaml) and the
authored set (tests/eval/router_eval.yaml) — never on the test split — and calibrates
the confidence the same way. Nothing here knows a particular message or sentence: each
weight says how much one *kind* of evidence counts.

A NamedTuple, not a dataclass: `ask --json` imports it on every run.
"""

from __future__ import annotations

from typing import NamedTuple


class Weights(NamedTuple):
    # --- messages: explicit evidence (raw units) ---------------------------------------
    explicit: float = 3.0  # message id, RC=, get_last_error, "HTTP error nnn occured", ICM constant
    bare: float = 2.4  # "407", "HTTP 407": probably the message, maybe an HTTP status
    http_reading: float = 0.8  # the wording says HTTP status; the message reading stays an option
    related: float = 2.4  # the message SAP reports for a real HTTP status (HTTP 407 -> 416)
    code_link: float = 1.0  # a low-level code the message lists
    title_message: float = 1.0  # a message's title found in the text
    keyword_message: float = 1.2  # keyword overlap with a message's names
    from_causes: float = 1.6  # the causes in evidence, through the base's cause -> message links
    link_decay: float = 0.7  # how fast a cause's pull fades down a message's cause list
    # --- causes ---------------------------------------------------------------------------
    cause_code: float = 1.5  # a code the cause lists
    cause_literal: float = 3.0  # the cause id written out
    sign: float = 2.0  # a sign of the cause found verbatim
    sign_all_words: float = 1.6  # every word of a sign found, in another order or form
    sign_loose: float = 1.0  # most words of a sign found
    title: float = 1.6  # every telling word of a cause title found
    keyword_cause: float = 1.5
    family: float = 0.3  # a common word naming a family of causes ("SSL"): each of them
    http_cause: float = 2.0  # the cause a real HTTP status leads to
    proxy_mention: float = 0.8  # "through a proxy": the proxy causes
    off_topic: float = 0.35  # loose evidence for causes the named message does not list
    prior: float = 1.2  # the named message's own cause order
    # --- dialogue ---------------------------------------------------------------------------
    state: float = 2.5  # the current topic, for follow-ups
    confirmed: float = 4.0  # the cause a live check found
    resolution: float = 4.0  # the cause the report's own resolution names (intent.resolvedcauses)
    # The cause a statement of the admin affirms ("the firewall blocks port 443"; intent.statedcauses),
    # shared among a row's causes. Starts at `sign`'s weight: a statement in plain words is read as
    # telling as a sign of the cause, until benchmarks/fit_router.py fits it.
    stated: float = 2.0
    follow_up_focus: float = 2.5
    # --- scope (families of evidence per kind; see scope.py, scopevocab.py) -----------------
    scope_sap_id: float = 3.0  # an SCLNT_HTTP id, ICM constant or ICM-worded number
    scope_sap_code: float = 2.0  # a SapSSL / NI code of the base, on a client layer
    scope_sap_causes: float = 1.2  # causes in evidence, with nothing pointing elsewhere
    scope_http_status: float = 2.5  # a status the wording reads as the far server's
    scope_decisive: float = 3.0  # a vocabulary cue only this kind of failure prints
    scope_indicative: float = 1.5  # … the product, layer or setting where it lives
    scope_weak: float = 0.5  # … words that only lean
    scope_decay: float = 0.5  # how much each further family of a kind adds
    scope_min: float = 0.9  # below this, the scope is unknown
    scope_report_words: float = 20.0  # from this length a text is a report with its own setting (rule 7)
    # --- confidence (logistic; see confidence.py) -------------------------------------------
    conf_bias: float = -1.0
    conf_evidence: float = 1.5  # the scope's strongest evidence: decisive 1, indicative 0.5, weak 0
    conf_scope_lead: float = 1.0  # the scope's relative lead over the next kind
    conf_rival: float = -1.0  # the runner-up kind's strongest evidence (a contested report)
    conf_named: float = 1.5  # SAP client: the text names the message it leads with
    conf_message_lead: float = 1.0  # SAP client: the first message's lead over the second
    conf_unclear: float = -1.5  # a number with two readings the wording does not decide
    conf_unknown: float = -1.0  # the scope is unknown


# --- fitted: begin (benchmarks/fit_router.py rewrites this block) ---
WEIGHTS = Weights(
    explicit=3.0,
    bare=2.4,
    http_reading=0.8,
    related=2.4,
    code_link=1.0,
    title_message=2.0,
    keyword_message=1.2,
    from_causes=3.2,
    link_decay=0.35,
    cause_code=2.25,
    cause_literal=3.0,
    sign=2.0,
    sign_all_words=0.8,
    sign_loose=1.0,
    title=1.6,
    keyword_cause=3.0,
    family=0.3,
    http_cause=4.5,
    proxy_mention=0.8,
    off_topic=0.35,
    prior=2.4,
    state=2.5,
    confirmed=4.0,
    resolution=4.0,
    stated=2.0,
    follow_up_focus=2.5,
    scope_sap_id=3.0,
    scope_sap_code=2.0,
    scope_sap_causes=2.4,
    scope_http_status=2.5,
    scope_decisive=3.0,
    scope_indicative=3.0,
    scope_weak=1.0,
    scope_decay=0.5,
    scope_min=0.9,
    scope_report_words=20.0,
    conf_bias=0.4722,
    conf_evidence=0.3682,
    conf_scope_lead=0.2449,
    conf_rival=0.0,
    conf_named=0.2312,
    conf_message_lead=0.3037,
    conf_unclear=0.0,
    conf_unknown=-0.3053,
)
# --- fitted: end ---
