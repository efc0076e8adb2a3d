"""Rule 7 (the SAP client by situation) needs a failed call in a longer report (scope.py).

Causes of the base in evidence and an ABAP word say where a call would be, not that one
failed: a longer report that states no failed call — a replication that did what it was
designed to do, a deploy tool's check against an older release — is not read as the SAP
HTTP client's. The ABAP side's own failures (a dump, a non-zero sy-subrc, a setting said to
be the wrong one or needed instead) still count, and a short question typed here keeps the
rule. The phrasings are invented."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

_SETTING = (
    "Our ABAP system receives the business partners from the CRM system through an inbound web service and "
    "sends its answers back over HTTPS; the server certificate of the CRM host is trusted and its CA is in place. "
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _kind(text: str, kb: KnowledgeBase) -> str:
    return route(text, kb).scope.kind


@pytest.mark.parametrize("question", ["What decides which roles stay?", "Any idea what goes wrong?"])
def test_a_longer_report_without_a_failed_call_is_not_the_sap_client(kb: KnowledgeBase, question: str) -> None:
    """Every message of the replication was processed; only its result is not what the
    reporter wanted: no call failed, so no SCLNT_HTTP message is guessed ("what goes wrong"
    names no setting said to be the wrong one)."""
    text = _SETTING + ("After each replication the roles that were assigned to the business partner in S/4HANA "
                       "are gone and only the roles sent by the CRM side remain. " + question)
    routed = route(text, kb)
    assert routed.scope.kind != "sap_http_client"
    assert not routed.messages


@pytest.mark.parametrize("failure", [
    "Since Monday the report that calls the CRM side ends in a short dump.",
    "The test report for the destination returns sy-subrc = 2.",
    "The guide we followed names the wrong certificate to download for this host.",
])
def test_the_abap_sides_own_failure_keeps_the_sap_client(kb: KnowledgeBase, failure: str) -> None:
    """A dump, a non-zero sy-subrc or a setting said to be the wrong one is a failure the
    ABAP side states without a word of a call: the report stays the SAP client's."""
    assert _kind(_SETTING + failure + " What should we check next?", kb) == "sap_http_client"


def test_a_short_question_typed_here_keeps_the_rule(kb: KnowledgeBase) -> None:
    """A question of a sentence has the chat as its setting: no failure needs stating."""
    assert _kind("which CA certificate do I import into the SSL client PSE in STRUST?", kb) == "sap_http_client"
