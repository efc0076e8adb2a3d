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
    http_cause: float = 2.0  # the cause a real HTTP status leads to
    proxy_mention: float = 0.8  # "through a proxy": the proxy causes
    off_topic: float = 0.35  # loose evidence for causes the named message does not list
    prior: float = 1.2  # the named message's own cause order
    # --- dialogue ---------------------------------------------------------------------------
    state: float = 2.5  # the current topic, for follow-ups
    confirmed: float = 4.0  # the cause a live check found
    follow_up_focus: float = 2.5
    # --- scope (sums of cue weights per kind; see scope.py) ---------------------------------
    scope_sap_id: float = 3.0  # an SCLNT_HTTP id, ICM constant or ICM-worded number
    scope_sap_code: float = 1.5  # a SapSSL / NI code (client side), an ICM trace line
    scope_sap_words: float = 1.2  # ABAP-side words: SM59, STRUST, abapGit, cl_http_client …
    scope_sap_causes: float = 1.2  # causes in evidence, with nothing pointing elsewhere
    scope_http_status: float = 2.2  # a status the far server sent
    scope_http_words: float = 1.0  # an application answer's words (CSRF token, invalid_client …)
    scope_inbound: float = 2.5  # the SAP system as TLS/HTTP server
    scope_rfc: float = 2.5  # RFC / gateway / NI without the HTTP client
    scope_other: float = 2.5  # a non-ABAP client's own runtime or tool
    scope_other_words: float = 1.0  # a non-ABAP tool named (VS Code, Eclipse, BTP …)
    scope_min: float = 0.9  # below this, the scope is unknown
    # --- confidence (logistic; see confidence.py) -------------------------------------------
    conf_bias: float = -1.0
    conf_margin: float = 1.2  # top evidence minus the runner-up's
    conf_explicit: float = 1.5  # the text names the message (id, constant, ICM-worded number)
    conf_scope: float = 1.0  # the scope's margin over the next kind
    conf_unclear: float = -1.5  # a number with two readings the wording does not decide
    conf_thin: float = -1.0  # little evidence of any kind
    conf_unknown: float = -1.0  # the scope is unknown
    conf_weak_scope: float = -1.0  # the scope rests on weak cues only


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
    http_cause=4.5,
    proxy_mention=0.8,
    off_topic=0.35,
    prior=2.4,
    state=2.5,
    confirmed=4.0,
    follow_up_focus=2.5,
    scope_sap_id=1.5,
    scope_sap_code=2.25,
    scope_sap_words=0.9,
    scope_sap_causes=1.8,
    scope_http_status=3.3,
    scope_http_words=1.0,
    scope_inbound=3.75,
    scope_rfc=2.5,
    scope_other=2.5,
    scope_other_words=0.5,
    scope_min=0.9,
    conf_bias=1.2791,
    conf_margin=1.2076,
    conf_explicit=-0.298,
    conf_scope=0.3091,
    conf_unclear=1.0615,
    conf_thin=0.6095,
    conf_unknown=-1.7956,
    conf_weak_scope=-0.588,
)
# --- fitted: end ---
