"""SAP-client reports ranked wrong as a class (answers18):

- a step the text shows as passed rules out the causes of the steps before it: a handshake
  named proves the TCP connect (no refused connection, connect time-out or DNS first), a
  status the target's application sent proves the handshake (no TLS or certificate cause
  first), a status the proxy sent proves the proxy reached (no "proxy required" first);
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
