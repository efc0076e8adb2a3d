"""Beside another kind of failure, the verdict's "Not SCLNT_HTTPnnn" line says what the
number is when the wording shows it as an HTTP status: the status the called SAP system
(or a server, or a proxy for 407) answered with — not only "not the ICM's code here",
which leaves an admin asking what it is then."""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


def _not_line(text: str, kb: KnowledgeBase) -> tuple[str, str]:
    answered = answer_question(text, kb)
    lines = [p for p in answered.doc.verdict.split("\n\n") if p.startswith("**Not SCLNT_HTTP")]
    assert len(lines) == 1, answered.doc.verdict
    return answered.routed.scope.kind, lines[0]


@pytest.mark.parametrize(("text", "kind", "status", "who"), [
    ("Partners calling our S/4HANA OData service through the Cloud Connector get HTTP 401 Unauthorized "
     "from the SAP system; the user is maintained in SU01", "sap_server_inbound", "HTTP 401 Unauthorized",
     "the called SAP system"),
])
def test_a_status_the_called_side_sent_is_named_as_one(
        text: str, kind: str, status: str, who: str, kb: KnowledgeBase) -> None:
    routed_kind, line = _not_line(text, kb)
    assert routed_kind == kind
    assert f"here {status} is the status {who}" in line
    assert "the number is not the ICM's code here" not in line
