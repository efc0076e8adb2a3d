"""Another product as the caller: who made the failed call, when it is no ABAP system.

systemrole.py reads whether a named SAP system is the caller or the called one; nothing read
that for the products outside the ABAP stack, so a report that names the product that failed
("Cloud Integration cannot reach the endpoint", "in SAP PO we get a handshake failure", "our
Java app calls the API and fails") but prints no runtime error text of its own had only the
product's name as evidence — a weak lean, which names alone may not turn into a verdict
(scopenames.py). The label rules (tests/eval/real/README.md) say who failed: the program
that made the call. So a non-ABAP product **in the caller's role** — the subject of a verb of
calling ("X connects / cannot reach / sends"), "calls from X", "from X … to", "an error in X"
— together with a failed call the text reports (failedcall.py) is
indicative evidence for `other_client`. The same product as the called one ("we call the
Cloud Integration endpoint", "connect to HANA"), or only named, is none: it says where, not
who. SAP's own non-ABAP runtimes count as other clients: PI/PO's Java adapter engine, Cloud
Integration and its iFlows, the Cloud Connector, the Cloud SDK and AI SDK, Workflow, Business
Application Studio and Web IDE, the app router, HANA's clients and drivers.

The role is read by systemrole.py's reading of a sentence (the same forms for an SAP system
and for another product), plus one form a product's report uses: "an error in X" (the product where the reporter saw
the failure; not "in the X console", where it was printed). "In X I get …" was read too, but
its dev sources were one tracker's (sap-tutorials) and it was dropped (guide: two sources). The dev reports behind
the rule are listed in docs/research/fresh_failures.md ("Another client as the caller").
"""

from __future__ import annotations

import re

from assistant.intent.failedcall import read_in_english, reports_a_failed_call
from assistant.intent.scopecues import CueAt, Hit, cues_at, find_cues
from assistant.intent.scopetally import Tally
from assistant.intent.scopevocab_types import INDICATIVE, OTHER, SAP, WEAK
from assistant.intent.systemrole import Role, mentions_of, role_at
from assistant.intent.weights import Weights
from assistant.lazyre import LazyPattern

FAMILY = "other_caller"
REASON = "another product made the call that failed, as the text tells it: {name}"

# Products and programs outside the ABAP stack, lower-cased, as a report names them.
OTHER_PRODUCTS = LazyPattern(
    r"\b(?:sap (?:pi/po|pi|po|process integration|process orchestration)|pi/po|(?:pi|po) (?:systems?|servers?|adapters?)"
    r"|adapter engine|(?:sap )?cloud integration|cpi|i-?flows?|integration flows?|(?:sap )?cloud connector"
    r"|(?:sap )?(?:cloud|ai) sdk|(?:sap )?(?:btp )?workflow(?: service)?|business application studio|web ?ide"
    r"|hana (?:client|driver)s?|hdbsql|hdbuserstore|jdbc|odbc|app ?router|postman|curl|browsers?|power bi|dbeaver"
    r"|(?:java|node|python|\.net|go|cap|ui5|spring(?: boot)?|btp|cf|cloud foundry|kyma|mobile|ios|android)"
    r" (?:apps?|applications?|services?|scripts?|clients?|programs?|backends?))\b",
    re.IGNORECASE,
    literals=("pi", "po", "adapter engine", "integration", "cpi", "flow", "connector", "sdk", "studio", "ide",
              "hana ", "hdb", "jdbc", "odbc", "router", "postman", "curl", "browser", "power bi", "dbeaver",
              "app", "service", "script", "client", "program", "backend"),
)
# "the following handshake error in the SAP PO system": the product where a failure showed.
_FAILURE_IN_BEFORE = LazyPattern(
    r"(?<!\bany )(?<!\bno )\b(?:errors?|failures?|exceptions?)\s+(?:[^\s.,;:!?]+\s+){0,2}?(?:in|inside|within)\s+(?:(?:the|our|my|an?)\s+)?$"
)
# … but not "errors in the browser console": a console or log is where a message was printed,
# not who made the call (html5samples-22: a 502 of the far server, its console's errors beside).
_PRINTED_IN_AFTER = LazyPattern(r"^[\s/-]*(?:consoles?|logs?|traces?|output|windows?|tabs?|dev ?tools)\b")
def _is_caller(before: str, after: str) -> bool:
    return bool(_FAILURE_IN_BEFORE.search(before) and not _PRINTED_IN_AFTER.search(after))


def product_callers(text: str) -> list[str]:
    """The non-ABAP products the text names in the caller's role (module docstring)."""
    lowered = text.lower()
    if not OTHER_PRODUCTS.may_match(lowered):
        return []
    return [m.name for m in mentions_of(OTHER_PRODUCTS, lowered, extra_caller=_is_caller) if m.role is Role.CALLER]


def other_product_as_caller(text: str, tally: Tally, w: Weights, *, shows_a_status: bool = False) -> str | None:
    """Indicative evidence for `other_client` when a non-ABAP product is the caller and the
    text reports a failed call (read only in English: failedcall.py's words are English).
    Not when the text shows a status, decided or not ("our integration flow calls the S/4
    OData service and gets error 409"): the failure is then the called server's answer, which
    the status stages read — the caller only says who received it."""
    if shows_a_status or not read_in_english(text):
        return None
    callers = product_callers(text)
    if not callers or not reports_a_failed_call(text):
        return None
    tally.add(OTHER, FAMILY, w.scope_indicative, REASON.format(name=callers[0]), None, INDICATIVE)
    return callers[0]


def families_only_called(text: str, families: frozenset[str]) -> frozenset[str]:
    """Those of `families` (weak names of another client) every occurrence of which the text
    names as the server called: the target of a call ("calls the Salesforce API", "the
    request goes to CPI", "→ BTP", "zum Kyma-Endpunkt"), the owner of the API or endpoint
    named ("the Cloud Integration endpoint"), the source read from, a host name. A far
    server's name says where the call went, whoever made it (systemrole.role_at)."""
    found = find_cues(text)
    lowered = found.text.lower()
    roles: dict[str, set[Role]] = {}
    for family, start, end in _whole_names(cues_at(found, families), lowered):
        roles.setdefault(family, set()).add(role_at(lowered, start, end))
    return frozenset(family for family, seen in roles.items() if seen == {Role.CALLED})


def _whole_names(cues: list[CueAt], lowered: str) -> list[tuple[str, int, int]]:
    """The cues' spans, those of one family that overlap or touch (a blank or a hyphen
    between) joined: "BTP destination service" is one name, read as a whole — its tail
    alone ("destination service") stands after a word no role reading expects there."""
    names: list[tuple[str, int, int]] = []
    for cue in sorted(cues, key=lambda c: (c.family, c.start)):
        if names and names[-1][0] == cue.family and not lowered[names[-1][2]:cue.start].strip(" -"):
            family, start, end = names[-1]
            names[-1] = (family, start, max(end, cue.end))
        else:
            names.append((cue.family, cue.start, cue.end))
    return names


def products_only_called(hits: list[Hit], text: str) -> list[Hit]:
    """`hits` without another client's weak name families when the text shows the SAP
    client's side (an ABAP caller, an ICM text) and names no other product as the caller or
    the setting: "our ABAP report calls the Cloud Integration endpoint through SM59", "we call
    the BTP destination service API from ABAP". A server's name says where the call went,
    not who made it — the mirror of systemrole.py, where a called SAP system places no call
    in ABAP either. A family every occurrence of which is the server called drops even
    without the SAP side (`families_only_called`: "certificate not trusted when we call the
    Cloud Integration API"); the others drop only with it, as "a service in X" may name the
    client's place ("consuming OData in Power BI"). A product's own error text (an
    indicative or decisive cue) always counts."""
    weak = frozenset(h.family for h in hits if h.scope == OTHER and h.strength == WEAK)
    if not weak:
        return hits
    called = families_only_called(text, weak)
    hits = [h for h in hits if h.family not in called]
    if len(called) == len(weak) or not any(h.scope == SAP for h in hits):
        return hits
    roles = {m.role for m in mentions_of(OTHER_PRODUCTS, text.lower(), extra_caller=_is_caller)}
    if roles - {Role.CALLED}:
        return hits
    return [h for h in hits if not (h.scope == OTHER and h.strength == WEAK)]
