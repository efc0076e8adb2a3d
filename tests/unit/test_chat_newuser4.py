"""Conversations as a senior Basis admin holds them (newuser4's pass): each test is a class of
turn that went wrong, over several topics, never one sentence.

- a question about a subject within the topic ("which PSE?", "what about TLS 1.3?") is asked,
  not reported: the next "how do I fix it?" is still about the cause the topic led with;
- a yes/no question about a cause ("is it the proxy?", "is it the firewall?") is answered
  plainly on every kind of topic, not only on an SCLNT_HTTP message;
- "back to the 401" goes back to the far server's status the conversation had.
"""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.dialogues import answers_to, talk

CONN_CLOSED = ("SM59 connection test to https://api.partner.com/v1 fails: SSL handshake with api.partner.com:443 "
               "failed: SSSLRC_CONN_CLOSED (-10)")
EXPIRED = "HTTP error 418 occured: the server certificate of https://shop.partner.de has expired"
REFUSED = "HTTP error 411 occured: ICM_HTTP_CONNECTION_REFUSED for https://erp.partner.de:8443/api"


@pytest.mark.parametrize("topic", [CONN_CLOSED, EXPIRED, REFUSED])
@pytest.mark.parametrize("question", ["which PSE?", "what about TLS 1.3?", "does it matter which PSE?",
                                      "and through a proxy?"])
def test_a_question_about_a_subject_leaves_the_topics_lead_cause(
        bundled_kb: KnowledgeBase, topic: str, question: str) -> None:
    # Before: "which PSE?" after SSSLRC_CONN_CLOSED made the next "how do I fix it?" about an
    # untrusted certificate — a cause the first answer never named.
    first, asked, fix = talk(bundled_kb, topic, question, "how do I fix it?")
    assert asked.follow_up and fix.follow_up
    assert fix.messages[0].id == first.messages[0].id
    assert fix.causes[0].id == first.causes[0].id, (question, [c.id for c in fix.causes[:3]])


RFC_TIMEOUT = ("RFC_COMMUNICATION_FAILURE: ERROR partner '10.1.2.3:3320' not reached COMPONENT NI (network interface) "
               "RC -10 DETAIL NiPConnect2: 10.1.2.3:3320 SYSTEM CALL connect ERRNO TEXT WSAETIMEDOUT: Connection timed out")
STATUS_401 = "abapGit: pulling from our Bitbucket repository gives Unauthorized access to resource (HTTP 401)"
JAVA_PKIX = ("Our Java app calling https://api.partner.de fails: javax.net.ssl.SSLHandshakeException: PKIX path "
             "building failed: unable to find valid certification path to requested target")
YES_NO = ("**Yes", "**No", "**Possibly", "**Nothing you said")


@pytest.mark.parametrize("topic", [RFC_TIMEOUT, STATUS_401, JAVA_PKIX])
@pytest.mark.parametrize("question", ["is it the proxy?", "is it the firewall?", "liegt es am Proxy?"])
def test_a_yes_no_question_is_answered_plainly_on_every_kind_of_topic(
        bundled_kb: KnowledgeBase, topic: str, question: str) -> None:
    # Before: on a topic without an SCLNT_HTTP message the question got the topic's verdict
    # again ("Shown above in this conversation"), never a yes or a no.
    first, asked = answers_to(bundled_kb, topic, question)
    assert not first.routed.messages
    assert asked.routed.follow_up
    assert asked.doc.verdict.startswith(YES_NO), asked.doc.verdict[:300]


def test_an_rfc_connection_passes_no_http_proxy(bundled_kb: KnowledgeBase) -> None:
    _, asked = answers_to(bundled_kb, RFC_TIMEOUT, "is it the proxy?")
    assert asked.doc.verdict.startswith("**No — a proxy is not on this call's path"), asked.doc.verdict[:300]


@pytest.mark.parametrize("pointer", ["back to the 401", "back to the 401, how do I fix it?", "zurück zum 401"])
def test_going_back_to_a_status_by_its_number(bundled_kb: KnowledgeBase, pointer: str) -> None:
    # Before: "back to the 401" asked which problem was meant, naming SCLNT_HTTP421 beside
    # "a status the far server sent": a status topic had no number to be pointed to by.
    status, other, back = talk(bundled_kb, STATUS_401, "another thing: " + EXPIRED, pointer)
    assert status.scope.kind == "http_status_from_server" and other.messages[0].id == "SCLNT_HTTP418"
    assert not back.which_topic, back.question
    assert back.scope.kind == "http_status_from_server" and back.state.statuses == (401,)
    assert not back.messages


def test_a_status_topic_is_named_by_its_status_when_asked_which(bundled_kb: KnowledgeBase) -> None:
    *_, asked = talk(bundled_kb, STATUS_401, "another thing: " + EXPIRED, "another thing: " + REFUSED,
                     "back to the other one")
    assert asked.which_topic, asked.question
    assert any(label.startswith("HTTP 401") for label in asked.which_topic), asked.which_topic


def test_a_report_naming_an_earlier_topics_message_is_read_whole(bundled_kb: KnowledgeBase) -> None:
    # Before: naming an earlier topic's message without "back to" dropped the turn's first
    # clause as if it were a pointer: "SCLNT_HTTP418 fixed by …" lost what fixed it.
    *_, solved = talk(bundled_kb, EXPIRED, STATUS_401,
                      "SCLNT_HTTP418 fixed by importing the renewed certificate in STRUST")  # a short turn
    assert solved.messages[0].id == "SCLNT_HTTP418"
    assert solved.resolution is not None and "STRUST" in solved.resolution.names, solved.resolution


@pytest.mark.parametrize("how_to", ["how do I import the root CA of our partner into STRUST for outbound calls?",
                                    "how to enable TLS 1.2 for outbound calls", "what is SNI?"])
@pytest.mark.parametrize("follow_up", ["do I need to restart the ICM?", "how do I fix it?", "which PSE?",
                                       "muss ich den ICM neu starten?"])
def test_a_follow_up_to_a_question_that_reported_no_failure_names_no_message(
        bundled_kb: KnowledgeBase, how_to: str, follow_up: str) -> None:
    # Before: "do I need to restart the ICM?" after "how do I import the root CA …?" was
    # answered under "SCLNT_HTTP407 — SSL error", a message the admin never had.
    first, then = answers_to(bundled_kb, how_to, follow_up)
    assert not first.routed.messages
    assert not then.routed.messages, [m.id for m in then.routed.messages]
    assert "SCLNT_HTTP" not in then.doc.headline + then.doc.verdict, then.doc.verdict[:300]


def test_which_pse_after_a_how_to_is_answered_on_its_causes(bundled_kb: KnowledgeBase) -> None:
    _, pse = answers_to(bundled_kb, "how do I import the root CA of our partner into STRUST for outbound calls?",
                        "which PSE?")
    assert "within this topic" in pse.doc.verdict and "ANONYM" in pse.doc.verdict, pse.doc.verdict[:400]


PROXY_407 = ("IcmConnInitClientSSL: Proxy connection to https://github.com:443 via proxy.corp.example.com:8080 failed "
             "(proxy returned 407 authenticationrequired)")


@pytest.mark.parametrize("between", [(), ("how do I fix it?",), ("is it the proxy?", "how do I fix it?")])
@pytest.mark.parametrize("ruling", ["The Cloud Connector and the firewall are in place; they are not involved",
                                    "we don't use the Cloud Connector",
                                    "The Cloud Connector is in place, but it is not involved"])
def test_a_turn_that_only_sets_names_aside_keeps_the_topic(
        bundled_kb: KnowledgeBase, between: tuple[str, ...], ruling: str) -> None:
    # Before: after "how do I fix it?", "The Cloud Connector and the firewall are in place;
    # they are not involved" became a topic of its own (the Cloud Connector's trust store,
    # kind unknown) and the next "which user?" did not read like an SAP error at all.
    first, *_, ruled, user = talk(bundled_kb, PROXY_407, *between, ruling, "which user?")
    assert first.messages[0].id == "SCLNT_HTTP416"
    assert ruled.scope.kind == "sap_http_client" and ruled.messages[0].id == "SCLNT_HTTP416", ruled.scope
    assert user.messages and user.messages[0].id == "SCLNT_HTTP416" and not user.question


CUT_TRACE = ('SSL handshake with github.com:443 failed: SSSLRC_CONN_CLOSED (-10)\n'
             'SSL:SSL_get_state()==0x2120 "TLS read server hello A"\nTLSextSNI server_name="github.com"')


@pytest.mark.parametrize("question", ["is it the firewall?", "could it be the firewall?"])
def test_a_yes_no_question_after_a_trace_with_two_readings_says_possibly(
        bundled_kb: KnowledgeBase, question: str) -> None:
    # Before: the trace named a firewall "as likely" as a version mismatch, and "is it the
    # firewall?" was answered "Nothing you said points to it".
    first, asked = answers_to(bundled_kb, CUT_TRACE, question)
    assert first.trace is not None
    assert asked.doc.verdict.startswith("**Possibly"), asked.doc.verdict[:200]
