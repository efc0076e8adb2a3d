"""Answers round 16, on the bundled base: a how-to question that names no term and reports
no failure is answered with steps, not as a failure; the one question of an unsure answer
is worded for its kind of failure. The texts are written for the classes, not copied from
reports."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.intent.confidence import QUESTIONS, question_kind
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question, answer_to_json
from tests.support import dev_icm


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("how to enable TLS 1.2 for outbound calls", "ssl/client_ciphersuites"),
        ("where do I set the proxy for HTTP calls?", "Proxy Settings"),
        ("how can I test an HTTPS endpoint from SAP?", "ZABAPGIT_TEST_SSL"),
        ("how do I check which TLS versions a server supports?", "openssl s_client"),
        ("how should we configure the SSL client cipher suites for outgoing HTTPS?", "ssl/client_ciphersuites"),
    ],
)
def test_a_how_to_naming_no_term_is_answered_with_steps_not_as_a_failure(
    kb: KnowledgeBase, text: str, step: str
) -> None:
    routed = route(text, kb)
    assert routed.how_to and routed.question is None and not routed.messages
    md = build_answer(routed, kb)
    headline, verdict = md.split("\n\n", 2)[:2]
    assert "Not sure" not in headline and "SCLNT_HTTP" not in headline and "did not understand" not in headline
    assert "exact error text" not in md and "Best guess" not in md
    assert "no failure reported" in verdict
    assert step in md


@pytest.mark.parametrize(
    "text",
    [
        "how do I fix the SSL handshake failure?",  # a failure to fix
        "how can I get rid of error 407",  # a number read as a message
        "how to find out why the call fails",  # says it fails
        "how do I fix it?",  # a fix of nothing named: no steps to give
    ],
)
def test_a_how_to_about_a_failure_is_still_the_failures(kb: KnowledgeBase, text: str) -> None:
    assert not route(text, kb).how_to


def test_the_exact_text_question_is_worded_for_the_kind_of_failure(kb: KnowledgeBase) -> None:
    # the refused SAP GUI connection of test_question_by_scope: no SM59 HTTP test or dev_icm there
    routed = route("Unable to Connect to SAP Logon - connection refused error. I am facing the issue of connecting "
                   "to the SAP S4 System using SAP GUI, the port is also not reachable.", kb)
    assert routed.scope.kind == "rfc_or_network"
    # Whether it asks at all follows the fitted confidence; what it asks follows the kind.
    rfc_question = QUESTIONS[question_kind(unclear_number=False, scope_kind=routed.scope.kind, has_message=False,
                                           proxy_vs_direct=False, shifted=False)]
    assert routed.question in (None, rfc_question)
    assert "RFC" in rfc_question
    for kind in ("rfc_or_network", "other_client", "http_status_from_server", "sap_server_inbound"):
        asked = QUESTIONS[question_kind(unclear_number=False, scope_kind=kind, has_message=False,
                                        proxy_vs_direct=False, shifted=False)]
        assert "get_last_error" not in asked and "dev_icm" not in asked, kind
    # … and the SAP HTTP client's own call is still asked in its words
    assert question_kind(unclear_number=False, scope_kind="sap_http_client", has_message=False,
                         proxy_vs_direct=False, shifted=False) == "exact_text"


@pytest.mark.parametrize(
    "text",
    [
        "After starting the Cloud Connector in Docker, https://localhost:8443 shows an error page in Chrome",
        "Cannot open the Cloud Connector administration UI, the browser says the connection is not private",
    ],
)
def test_the_cloud_connectors_own_ui_is_not_fixed_in_its_backend_trust_store(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "sap_server_inbound"
    md = build_answer(routed, kb)
    verdict = md.split("\n### ", 1)[0]
    # the server's own home is named (its UI certificate, since kbgrow); its entry says the
    # backend trust store is the other direction
    assert "administration UI certificate" in verdict and "other direction" in md
    # the backend trust store's steps are what the Cloud Connector trusts when it calls: not shown
    assert "Backend Trust Store" not in md and "allowlist" not in md


def test_a_handshake_cut_after_the_client_hello_names_the_path_as_well_as_a_mismatch(kb: KnowledgeBase) -> None:
    """SSSLRC_CONN_CLOSED while the ICM waited for the ServerHello, TLS 1.2 offered with SNI:
    the server refusing what was offered and a firewall or TLS inspection cutting it look
    the same in the trace — both are said, and the trace confirms neither."""
    text = "\n".join(dev_icm.trace([dev_icm.Handshake(host="git.partner.corp", code="SSSLRC_CONN_CLOSED",
                                                      state="TLS read server hello A")]))
    answered = answer_question(text, kb)
    verdict = answered.markdown.split("\n### ", 1)[0]
    assert "tls_version_or_cipher_mismatch" in verdict and "firewall_blocking" in verdict
    assert "TLS read server hello A" in verdict and "TLSv1.2" in verdict and "with SNI" in verdict
    assert "TLS inspection" in verdict
    assert answered.routed.state.confirmed_cause is None
    assert [c.id for c in answered.routed.causes[:2]] == ["tls_version_or_cipher_mismatch", "firewall_blocking"]
    assert answer_to_json(answered, kb)["trace"]["also"] == "firewall_blocking"
    # a server's protocol_version alert is the mismatch itself: one cause, confirmed by the trace
    alert = "\n".join(dev_icm.trace([dev_icm.Handshake(host="git.partner.corp", code="SSSLERR_ALERT_PROTOCOL_VERSION")]))
    told = answer_question(alert, kb)
    assert "firewall_blocking" not in told.markdown.split("\n### ", 1)[0]
    assert told.routed.state.confirmed_cause == "tls_version_or_cipher_mismatch"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Im SAP-System wird ein Zertifikatsfehler (SSL_PEER_CERT_UNTRUSTED) gemeldet, der Browser vertraut der Seite",
         "SCLNT_HTTP421"),
        ("dev_icm shows SSSLERR_SERVER_CERT_MISMATCH for our partner", "SCLNT_HTTP415"),
    ],
)
def test_an_answer_headed_by_a_code_names_the_message_sap_shows_in_its_headline(kb: KnowledgeBase, text: str, message: str) -> None:
    routed = route(text, kb)
    assert routed.lead is not None and routed.lead.kind == "code" and routed.messages[0].id == message
    headline = build_answer(routed, kb).split("\n", 1)[0]
    assert headline.startswith("## SSSLERR_") and headline.endswith(f" → {message}") and len(headline) <= 80
