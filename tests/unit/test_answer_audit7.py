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


OTHER_401 = "Request failed with status code 401 in our CAP app calling S/4"


def test_a_step_for_one_sap_product_never_leads_for_another_client(kb: KnowledgeBase) -> None:
    routed = route(OTHER_401, kb)
    assert routed.another_client and routed.causes[0].id == "logon_failed"
    assert any(s.startswith("SAP Business ByDesign") for s in kb.causes["logon_failed"].fix)
    doc = build_answer_doc(routed, kb)
    assert "ByDesign" not in doc.markdown()
    assert "**Next step:** Confirm with the target's owner which logon method it expects." in doc.verdict


def test_for_another_client_no_step_is_better_than_one_for_a_product_or_note(kb: KnowledgeBase) -> None:
    from assistant.answers.clientside import fix_steps
    from assistant.intent.result import Routed

    other = Routed(intent="explain", another_client=True)
    assert fix_steps(kb.causes["client_cert_required"], other, kb) == ()  # SM59, PSE, ByDesign
    assert not any("SAP Note" in s for s in fix_steps(kb.causes["connection_refused"], other, kb))
    kept = fix_steps(kb.causes["intermediate_missing"], other, kb)
    assert any(s.endswith("not just SAP.") for s in kept)  # the bare word is no product
    own = fix_steps(kb.causes["logon_failed"], Routed(intent="explain"), kb)
    assert own == kb.causes["logon_failed"].fix  # the ABAP client keeps every step


def test_the_generic_live_check_names_no_sm59_for_another_clients_call(kb: KnowledgeBase) -> None:
    other = build_answer_doc(route(OTHER_401, kb), kb)
    check = next(s for s in other.sections if s.key.startswith("check:"))
    assert "SM59" not in check.markdown and "that client" in check.markdown
    own = build_answer_doc(route("SM59 connection test: HTTP 401 Unauthorized", kb), kb)
    own_check = next(s for s in own.sections if s.key.startswith("check:"))
    assert "SM59" in own_check.markdown and own_check.key != check.key
