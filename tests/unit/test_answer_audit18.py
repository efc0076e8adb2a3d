"""SAP-client reports ranked wrong as a class (answers18):

- a step the text shows as passed rules out the causes of the steps before it: a handshake
  named proves the TCP connect (no refused connection, connect time-out or DNS first), a
  status the target's application sent proves the handshake (no TLS or certificate cause
  first), a status the proxy sent proves the proxy reached (no "proxy required" first);
- a code named without a message names the message its clearly shown cause points to
  (SSSLERR_PEER_CERT_UNTRUSTED alone: SCLNT_HTTP421); a wrapping code's name is no cause's evidence;
- reading: a regular ending on a known word is no typo ("catched"), a capitalised word inside
  a sentence is a name ("the Nothwind service"), an escaped line break splits two words
  ("failed\\nSSL"); .NET's SslStream words ("remote party has closed the transport stream",
  "sent a TLS alert") are another client's handshake failure, not the SAP client's, not a logon.
"""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.intent.clearevidence import shows_the_cause
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


CONNECT_CAUSES = {"connection_refused", "connect_timeout", "dns_failure", "proxy_refused", "proxy_host_unknown"}
HANDSHAKE_CAUSES = {"server_cert_untrusted", "intermediate_missing", "tls_version_or_cipher_mismatch",
                    "tls_handshake_failed", "sni_not_sent", "no_tls_on_port", "hostname_mismatch"}


# --- a step shown as passed: the causes of the steps before it do not lead ---------------
@pytest.mark.parametrize("text", [
    "cl_http_client->receive raised http_communication_failure: SSL handshake failed",
    "CALL METHOD lo_client->receive EXCEPTIONS http_communication_failure = 1. sy-subrc = 1, "
    "get_last_error: SSL handshake with api.partner.example.org:443 failed",
    "Our Z report gets HTTP_COMMUNICATION_FAILURE from RECEIVE; dev_icm stops at the ServerHello",
])
def test_a_handshake_named_rules_out_the_connect(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.causes[0].id not in CONNECT_CAUSES
    assert "Most likely cause: Connection refused" not in build_answer(routed, kb)


def test_a_connect_failure_the_text_shows_keeps_its_place(kb: KnowledgeBase) -> None:
    # Two attempts in one report: the refused connect is the text's own evidence.
    routed = route("Direct connect to github.com:443 failed: NIECONN_REFUSED(-10), before that the SSL "
                   "handshake worked", kb)
    assert routed.causes[0].id == "connection_refused"


@pytest.mark.parametrize("text", [
    "get_status returns 403 after send/receive; SSL client PSE DFAULT",
    "cl_http_client receive returns status 403 Forbidden, SSL handshake ok? certificate in STRUST",
])
def test_a_refusal_of_the_target_rules_out_the_handshake(kb: KnowledgeBase, text: str) -> None:
    # Causes met only by the text's words (no code or sign of their own) that a status of
    # the target rules out are listed after the others.
    ruled_out = HANDSHAKE_CAUSES | CONNECT_CAUSES | {"wrong_client_pse_selected", "client_pse_missing", "crypto_lib_missing"}
    causes = route(text, kb).causes
    late = [c.id in ruled_out and c.evidence not in {"code", "sign", "literal", "title", "http"} for c in causes]
    assert any(late) and late == sorted(late)  # every such cause after all the others


def test_a_status_of_the_proxy_rules_out_an_unreached_proxy(kb: KnowledgeBase) -> None:
    routed = route("our proxy answers the CONNECT with 403 Forbidden, SM59 proxy settings maintained", kb)
    ids = [c.id for c in routed.causes]
    assert ids[0] == "proxy_http_error" and ids[-1] == "proxy_refused"


# --- a code named without a message: the message its clearly shown cause points to ------
@pytest.mark.parametrize("text", [
    "SSSLERR_PEER_CERT_UNTRUSTED (-102)",
    "Status HTTP Response 500\nStatus Text SSL handshake with api.partner.example.org:443 failed: "
    "SSSLERR_PEER_CERT_UNTRUSTED (-102)",
    "abapGit on our HANA box: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102), "
    "the TLS version is 1.2",
])
def test_an_untrusted_peer_code_alone_names_421(kb: KnowledgeBase, text: str) -> None:
    # The facts: the code usually surfaces as SCLNT_HTTP421 (ICM_HTTP_SSL_PEER_CERT_UNTRUSTED).
    routed = route(text, kb)
    assert routed.messages[0].id == "SCLNT_HTTP421"
    assert "SCLNT_HTTP421" in build_answer(routed, kb).splitlines()[0]


def test_the_generic_ssl_constant_beside_the_code_keeps_407(kb: KnowledgeBase) -> None:
    # An SM59 test may show ICM_HTTP_SSL_ERROR while dev_icm holds the code: the text's own message.
    routed = route("SM59 connection test: ICM_HTTP_SSL_ERROR, dev_icm: SSSLERR_PEER_CERT_UNTRUSTED (-102)", kb)
    assert routed.messages[0].id == "SCLNT_HTTP407"


@pytest.mark.parametrize(("text", "cause"), [
    # proxy_required lists the exception's name among its signs: that is no evidence of a proxy
    ("Exception http_communication_failure when calling the REST service from ABAP", None),
    ("http_communication_failure after 30 seconds: timeout, the server did not answer", "server_timeout"),
])
def test_a_wrapping_codes_name_is_no_evidence_of_a_cause(kb: KnowledgeBase, text: str, cause: str | None) -> None:
    routed = route(text, kb)
    shown = [c.id for c in routed.causes if shows_the_cause(c, routed.entities, kb)]
    assert "proxy_required" not in shown
    assert (shown[:1] or [None])[0] == cause


# --- reading ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "word"), [
    ("This configuration error is not catched by the ABAP SDK, the call blocks", "catched"),
    ("Calling the Nothwind service from the SAP system fails with SSL error", "nothwind"),
    ('"destination": "Nothwind", SM59 test fails with 407', "nothwind"),
])
def test_word_forms_and_names_are_not_corrected(kb: KnowledgeBase, text: str, word: str) -> None:
    assert word not in dict(route(text, kb).entities.corrections)


@pytest.mark.parametrize(("text", "word"), [
    ("Conection refused when calling the API from SM59", "conection"),
    ("SM59 shows SSL Certficate Error", "certficate"),
])
def test_typos_are_still_corrected(kb: KnowledgeBase, text: str, word: str) -> None:
    assert word in dict(route(text, kb).entities.corrections)


def test_an_escaped_line_break_splits_the_words(kb: KnowledgeBase) -> None:
    routed = route("get_last_error: SSL handshake with api.example.org:443 failed\\nSSSLERR_PEER_CERT_UNTRUSTED "
                   "(-102)", kb)
    assert "SSSLERR_PEER_CERT_UNTRUSTED" in routed.entities.codes
    assert routed.messages[0].id == "SCLNT_HTTP421"


@pytest.mark.parametrize("text", [
    "Authentication failed because the remote party has closed the transport stream. C# HttpClient, .NET 6",
    "System.IO.IOException: Authentication failed because the remote party has closed the transport stream.",
    "the server sent a TLS alert: handshake failure",
])
def test_dotnet_handshake_words_are_another_clients(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind != "sap_http_client"
    assert not routed.causes or routed.causes[0].id != "logon_failed"


def test_an_alert_beside_sap_words_stays_the_sap_clients(kb: KnowledgeBase) -> None:
    routed = route("SM59 connection test: the server sent a TLS alert, ICM_HTTP_SSL_ERROR", kb)
    assert routed.scope.kind == "sap_http_client" and routed.messages[0].id == "SCLNT_HTTP407"


@pytest.mark.parametrize(("text", "message"), [
    # the code's own order says which message it surfaces as, whichever of its causes leads
    ("SSL handshake with github.com:443 failed: SSSLRC_CONN_CLOSED (-10); the firewall cuts the connection",
     "SCLNT_HTTP407"),
    ("Direct connect to git.example.org:443 failed: NIECONN_REFUSED(-10), is the destination set up wrongly?",
     "SCLNT_HTTP411"),
])
def test_a_code_names_the_message_it_surfaces_as(kb: KnowledgeBase, text: str, message: str) -> None:
    assert route(text, kb).messages[0].id == message
