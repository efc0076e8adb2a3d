"""Leftovers of the trace, evidence and check helpers (answers round 7), on the bundled
base: what `ask --json` says about the caller and a trace's cause, which step leads for
another client, how a trace of the SAP system as server and a fault shared by several
hosts are told, and the short answer of an unknown kind. The texts are written for the
class, not copied from reports."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question, answer_to_json
from tests.support import dev_icm


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def test_ask_json_says_whether_another_client_made_the_call(kb: KnowledgeBase) -> None:
    other = answer_to_json(answer_question("Our Node.js app gets statusCode: 401 from the SAP OData service", kb), kb)
    assert other["another_client"] is True
    own = answer_to_json(answer_question("SM59 connection test: HTTP 401 Unauthorized", kb), kb)
    assert own["another_client"] is False
    assert {"scope", "causes", "messages", "confidence"} <= own.keys()  # nothing renamed


def test_a_cause_the_trace_found_is_confirmed_evidence(kb: KnowledgeBase) -> None:
    text = "\n".join(dev_icm.trace([dev_icm.Handshake(host="a.partner.example", code="SSSLERR_SERVER_CERT_MISMATCH")]))
    out = answer_to_json(answer_question(text, kb), kb)
    first = out["causes"][0]
    assert first["id"] == out["trace"]["cause"] and first["evidence"] == "confirmed"
    assert all(c["evidence"] is not None for c in out["causes"])
