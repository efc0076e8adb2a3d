"""Which of a cause's fix steps leads, by the situation the text reports.

A fix step of the base may say the situation it is for in its first words ("In an SM59
connection test: …", "In a program's call: …"). When the text reports that situation, its
steps come first; the others keep their order after them. Nothing is dropped or reworded:
a program that calls through a destination still has the destination's settings.

A call built from a URL (abapGit, its SSL test report, the HTTP test report: they create
the client with `cl_http_client=>create_by_url`) has no SM59 destination: a step done only
there ("Check host and port: `SM59` → destination → …") goes after the others when the text
shows such a call and names no SM59 — "check host and port in SM59" for
`Direct connect to github.com:443 failed` sends the admin to a destination that is not used.
"""

from __future__ import annotations

import re

from assistant.intent.result import Routed

SM59_TEST = "In an SM59 connection test"
PROGRAM_CALL = "In a program's call"
# Signs in `Routed` that a program made the call: its error read by get_last_error, or a
# sy-subrc of an ABAP method.
PROGRAM_GLOSSARY = ("GET_LAST_ERROR",)
# Reports of the glossary that build their call from a URL, not from an SM59 destination:
# ZABAPGIT_TEST_SSL (create_by_url with SSL id ANONYM) and RSWF_TEST_HTTP (fetches a URL).
URL_CALLERS = ("ZABAPGIT_TEST_SSL", "RSWF_TEST_HTTP")
_SM59 = re.compile(r"\bSM59\b")
# Where else a step may say a call takes its settings from: then it is no destination's only.
_OTHER_PLACES = re.compile(r"\bSICF\b|abapGit|create_by_url|\bURL\b|\bprogram|\bOS\b|curl", re.IGNORECASE)
# A step written for one SAP product, said first ("SAP Business ByDesign: check … the
# communication arrangement"): no step of a report's call by URL either.
_PRODUCT_LED = re.compile(r"^SAP [A-Z][\w/ -]{0,40}:")


def situation(routed: Routed) -> str | None:
    """The situation the text reports: an SM59 connection test, a program's call, or None."""
    e = routed.entities
    program = bool(e.return_codes) or any(g in PROGRAM_GLOSSARY for g in (*e.glossary, *routed.glossary))
    sm59 = "SM59" in e.transactions
    if sm59 and not program:
        return SM59_TEST
    if program and not sm59:
        return PROGRAM_CALL
    return None


def calls_by_url(routed: Routed) -> bool:
    """The text shows a call built from a URL (a report of `URL_CALLERS`) and names no SM59."""
    e = routed.entities
    return "SM59" not in e.transactions and any(g in URL_CALLERS for g in (*e.glossary, *routed.glossary))


def destination_only(step: str) -> bool:
    """A step done in an SM59 destination and nowhere else a call could take its setting from."""
    return _SM59.search(step) is not None and _OTHER_PLACES.search(step) is None


def _not_for_a_call_by_url(step: str) -> bool:
    return destination_only(step) or _PRODUCT_LED.match(step.strip()) is not None


def in_situation_order(steps: tuple[str, ...], routed: Routed) -> tuple[str, ...]:
    """The steps written for the reported situation first, the rest in their order; for a
    call by URL, the steps done only in a destination last."""
    lead = situation(routed)
    if lead is not None and any(step.startswith(lead) for step in steps):
        steps = (*(s for s in steps if s.startswith(lead)), *(s for s in steps if not s.startswith(lead)))
    if calls_by_url(routed):
        steps = tuple(sorted(steps, key=_not_for_a_call_by_url))  # stable: the base's order otherwise
    return steps
