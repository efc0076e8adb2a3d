"""Classes the expert review of the other scopes' answers found (answers23), on the bundled
base. Each test first checks that the router hands over the material that made the answer
mislead (so the test can fail), then what the answer shows instead. Texts written for the class."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.answers.scoped import causes_that_fit
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _shown(text: str, kb: KnowledgeBase) -> str:
    doc = build_answer_doc(route(text, kb), kb)
    return doc.verdict + "\n" + "\n".join(s.markdown for s in doc.sections)


# --- 1. every number read as a server's status lends nothing; one place lists the causes ---

TWO_STATUSES = ("Our Fiori app calls the SAP Gateway OData service: first 404 Not Found, after activating it "
                "in SICF a 403 Forbidden for the trial user.")


def test_every_status_number_lends_no_cause_of_its_message(kb: KnowledgeBase) -> None:
    routed = route(TWO_STATUSES, kb)
    assert routed.scope.kind != "sap_http_client"
    statuses = {r.number for r in routed.readings if r.lean == "http" and r.decided}
    assert {403, 404} <= statuses
    # not only the scope's "Not" message (one of the two): the other number's message lends none
    assert routed.scope.not_message in ("SCLNT_HTTP403", "SCLNT_HTTP404")
    for number in (403, 404):
        message = kb.message_by_number(number)
        assert message is not None
        lent = [c.id for c in routed.causes if c.evidence == "message" and c.id in message.causes]
        assert not lent, (number, lent)


@pytest.mark.parametrize("text", [
    TWO_STATUSES,
    "RFC_COMMUNICATION_FAILURE: partner '10.0.0.5:sapgw01' not reached, NiPConnect2 timed out after 60 s",
    "Node app: Request failed with status code 401 at settle (axios/lib/core/settle.js), url https://auth.example.org/oauth/token",
    "Java app: PKIX path building failed",
])
def test_the_topic_keeps_exactly_the_causes_the_answer_lists(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    first_five = replace(routed, causes=routed.causes[:5])
    assert list(routed.state.causes) == [c.id for c in causes_that_fit(first_five, kb)]


# --- 2. the RFC layer lists no cause that lives in the ICM or the HTTP exchange ---

@pytest.mark.parametrize(("text", "first"), [
    ("SAP GUI: partner '10.1.1.9:sapdp00' not reached, NiBufIConnect: connection pending after "
     "10000ms — is the ICM or the server overloaded?", "connect_timeout"),
    ("pyrfc: RFC_COMMUNICATION_FAILURE, ERROR partner 'erp.corp.local:3301' not reached, "
     "connection timeout after 60 seconds, RC -10 NiPConnect2", "connect_timeout"),
])
def test_rfc_lists_no_icm_or_http_exchange_cause(kb: KnowledgeBase, text: str, first: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "rfc_or_network"
    listed = [c.id for c in causes_that_fit(routed, kb)]
    assert listed and listed[0] == first
    icm_or_http = {"icm_resource_shortage", "icm_internal_error", "icm_https_not_configured", "server_timeout",
                   "settings_not_active", "http_status_from_server", "client_pse_missing"}
    assert not icm_or_http & set(listed)
    assert not icm_or_http & set(routed.state.causes)


# --- 6. one not-line per answer ---

@pytest.mark.parametrize("text", [
    TWO_STATUSES,
    "Our SCC reports HTTP 403 Forbidden when adding the subaccount; before that the cockpit gave 401 Unauthorized.",
])
def test_one_not_line_names_every_message_a_status_is_not(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    statuses = sorted(r.number for r in routed.readings if r.lean == "http" and r.decided)
    assert len(statuses) == 2 and routed.scope.not_message
    shown = _shown(text, kb)
    not_lines = [p for p in shown.split("\n\n") if "Not SCLNT_HTTP" in p or p.startswith("*Not SCLNT_HTTP")]
    assert len(not_lines) == 1, not_lines
    assert all(f"SCLNT_HTTP{n}" in not_lines[0] for n in statuses)


# --- 4. the place of the fix never contradicts the scope's "not its trust store" ---

def test_a_reason_that_rules_out_the_trust_store_gets_no_trust_store_place(kb: KnowledgeBase) -> None:
    text = ("Our Node.js tool does nothing after the upgrade under the corporate proxy; HTTP_PROXY and HTTPS_PROXY "
            "are set with authorization. The old patch worked in the same environment.")
    routed = route(text, kb)
    assert routed.scope.kind == "other_client" and "not its trust store" in routed.scope.reason
    chain = [c.id for c in routed.causes if c.evidence == "sign" and kb.causes[c.id].check.step == "chain"]
    assert chain, "no trust cause shown by the text: the test needs another text"
    for question in (text, text + " — how do I fix it?"):
        assert "own trust store" not in _shown(question, kb)


# --- 7. a question back the report's situation can answer ---

NO_CALL = ("I installed the SAP availability template in our monitoring server; its discovery rule shows "
           "'Not supported'. What did I miss in the configuration?")


def test_no_failed_call_is_not_asked_which_program_makes_it(kb: KnowledgeBase) -> None:
    routed = route(NO_CALL, kb)
    assert routed.scope.kind == "unknown" and routed.question
    assert "Which program makes the call" not in routed.question
    assert "call another system" in routed.question
    # the reply still names the caller as the question's choices do
    reply = route("yes, our Java application calls the SAP system", kb, routed.state)
    assert reply.scope.kind == "other_client"


def test_a_failed_call_is_still_asked_who_makes_it(kb: KnowledgeBase) -> None:
    routed = route("Since Monday our interface gets a connection error when it calls the backend", kb)
    assert routed.scope.kind == "unknown"
    assert routed.question and routed.question.startswith("Which program makes the call")


# --- 3. a status answer always has a next step, and it reads a quoted body ---

def _next_step(text: str, kb: KnowledgeBase) -> str:
    verdict = build_answer_doc(route(text, kb), kb).verdict
    return next((p for p in verdict.split("\n\n") if p.startswith("**Next step:**")), "")


@pytest.mark.parametrize(("text", "said"), [
    ("My app calls the on-premise system via the BTP destination (Basic Authentication) and gets "
     "StatusCode: 400. StatusText: Bad Request body: \"Invalid Header In Request\"", "Invalid Header In Request"),
    ("Refreshing the session from our storefront fails: POST /oauth/token returns 400 Bad Request\n"
     '{"error" : "invalid_grant", "error_description" : "Refresh token expired"}', "Refresh token expired"),
    ("Python script posting a document to the Service Layer gets HTTP 400:\n"
     '{"error": {"code": -2028, "message": {"lang": "en-us", "value": "No matching records found"}}}',
     "No matching records found"),
])
def test_a_quoted_body_is_read_by_the_next_step(kb: KnowledgeBase, text: str, said: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server"
    step = _next_step(text, kb)
    assert step, "a status answer with a cause has a next step"
    assert "Read the response body" not in step
    assert said in step
