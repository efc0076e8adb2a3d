"""When the SAP system is the server and answered a caller with a status (401, 403, 500 …
from an ICF service), the answer's next step says where the SAP side shows why: the
Security Audit Log for a refused logon, the service's node in SICF for a 403, ST22 for a
short dump, the ICF Recorder for any other status. Before, such an answer said what it
was and where the fix lives, and then had no step at all."""

from __future__ import annotations

import pytest

from assistant.answers.inbound import SERVER_LOGS, status_bullets
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question

CALLERS = "Partners calling our S/4HANA OData service through the Cloud Connector get"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


@pytest.mark.parametrize(("text", "where"), [
    (f"{CALLERS} HTTP 401 Unauthorized from the SAP system; the user is maintained in SU01", "Security Audit Log"),
    (f"{CALLERS} HTTP 403 Forbidden from the SAP system", "`SICF`"),
    ("Calling our custom ICF service returns 500 SAP Internal Server Error (termination: RABAX_STATE)", "`ST22`"),
    ("Calling our S/4 API from the partner's side returns 404 Not Found", "ICF Recorder"),
])
def test_a_status_the_sap_system_answered_gets_where_its_side_shows_why(
        text: str, where: str, kb: KnowledgeBase) -> None:
    answered = answer_question(text, kb)
    assert answered.routed.scope.kind == "sap_server_inbound"
    steps = [p for p in answered.doc.verdict.split("\n\n") if p.startswith("**Next step:**")]
    assert len(steps) == 1, answered.doc.verdict
    assert where in steps[0]
    assert not steps[0].endswith("…")  # a whole step, not one cut short
    assert f"glossary:{SERVER_LOGS}" in answered.doc.keys  # every place, with its sources


def test_every_status_has_a_bullet_or_the_one_for_any_status(kb: KnowledgeBase) -> None:
    bullets = status_bullets(kb.glossary[SERVER_LOGS].text)
    assert [b for b in bullets if not b.statuses], "one bullet for any status"
    assert {s for b in bullets for s in b.statuses} >= {401, 403, 500}


@pytest.mark.parametrize("text", [
    "Deploying the MTA project to our HANA express VM fails:\n[ERROR] HTTP 500 Internal Server Error\n(Builder) Build failed",
    "SAP B1iP shows 403 - Forbidden: HTTP access is not allowed from remote clients while it runs in local mode",
])
def test_a_status_from_an_sap_server_that_is_no_abap_system_gets_no_abap_logs(text: str, kb: KnowledgeBase) -> None:
    """XS advanced's services and a product's local-only mode are the SAP side as server, but
    not an ABAP system: SICF, ST22 and the Security Audit Log are no place to look there."""
    answered = answer_question(text, kb)
    assert answered.routed.scope.kind == "sap_server_inbound"
    assert f"glossary:{SERVER_LOGS}" not in answered.doc.keys
    assert not any(word in answered.doc.verdict for word in ("ST22", "SICF", "Security Audit Log", "ICF Recorder"))
