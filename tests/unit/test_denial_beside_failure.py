"""A denial of a cause's subject stays a denial when a failure stands in the same comma part.

"The call fails, the firewall is not blocking" dropped the denial: `_fails_beside` read the
failure beside it as the statement's own. What it protects is a claim that something works
("from my browser, which I used successfully for days, I get the same 502": the browser
fails too — tests/unit/test_comparisons.py); a subject's state negated in the statement's
own words ("is not blocking", "no firewall is blocking", "is not involved") denies it
whatever else the part reports.
"""

from __future__ import annotations

import pytest

from assistant.intent.statedfacts import stated_facts


@pytest.mark.parametrize(("text", "subject"), [
    ("the call fails, the firewall is not blocking", "firewall"),
    ("the SM59 test still fails, no firewall is blocking the port", "firewall"),
    ("we get connection refused, the firewall is not blocking", "firewall"),
])
def test_a_denial_beside_a_failure_is_still_a_denial(text: str, subject: str) -> None:
    assert (subject, False) in [(f.subject, f.affirmed) for f in stated_facts(text)]


@pytest.mark.parametrize("text", [
    "From my local browser (which I used successfully for days) I get the same 502 error.",
    "In Postman it fails too, the same 401",
])
def test_a_claim_that_something_works_beside_its_failure_is_none(text: str) -> None:
    assert not [f for f in stated_facts(text) if not f.affirmed]
