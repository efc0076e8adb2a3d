"""Answers an SAP Basis admin would call wrong (answers17), each as a class:

- another client's reason that names its trust store ("a Python client: its own CA bundle")
  said for a refused connection, a timeout or a protocol mismatch: the reason says what
  failed for that client instead;
- a Java error beside the Cloud Connector (a Java program with its own backend trust store):
  the Cloud Connector's trust store, not the JVM's cacerts.
"""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _verdict(markdown: str) -> str:
    return markdown.split("\n### ", 1)[0]


TRUST_WORDS = ("trust store", "CA bundle", "CA list", "certificate store", "root pool")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # Python's own words for a refused connection: the network from that client
        ("requests.exceptions.ConnectionError: HTTPSConnectionPool(host='s4.corp.com', port=443): Max retries "
         "exceeded with url: /sap/opu/odata ([Errno 111] Connection refused)", "network"),
        # a HANA client that cannot reach its host
        ("hdbsql connect to the HANA Cloud instance fails: Cannot resolve host name 'abc.hana.example.invalid'",
         "network"),
        # a browser's protocol mismatch: its TLS versions and ciphers
        ("Chrome says ERR_SSL_VERSION_OR_CIPHER_MISMATCH when I open https://s4.corp.com/sap/bc/ui5_ui5",
         "TLS versions"),
    ],
)
def test_another_clients_reason_says_what_failed_not_its_trust_store(kb: KnowledgeBase, text: str, said: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    reason = routed.scope.reason
    assert said in reason
    assert not any(word in reason for word in TRUST_WORDS) or "not its trust store" in reason
    assert "its own CA bundle, not STRUST" not in _verdict(build_answer(routed, kb))


def test_a_trust_failure_keeps_the_clients_trust_store(kb: KnowledgeBase) -> None:
    routed = route("Our Java batch calling the S/4 API: sun.security.validator.ValidatorException: PKIX path "
                   "building failed: unable to find valid certification path to requested target", kb)
    assert routed.scope.kind == "other_client"
    assert routed.scope.reason == "a Java client: its own trust store (cacerts), not STRUST"


@pytest.mark.parametrize(
    "text",
    [
        "Cloud Connector: backend connection to https://erp.internal:44300 fails with PKIX path building failed: "
        "unable to find valid certification path to requested target",
        "In ljs_trace.log of our Cloud Connector: javax.net.ssl.SSLHandshakeException: PKIX path building failed "
        "when it connects to the on-premise system",
    ],
)
def test_the_cloud_connectors_java_trust_error_points_to_its_backend_trust_store(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    assert routed.scope.pointer == "CLOUD_CONNECTOR_TRUST"
    verdict = _verdict(build_answer(routed, kb))
    assert "**Where the fix lives:** SAP Cloud Connector — backend trust store" in verdict
    assert "cacerts" not in verdict


# --- a private address: reached without the proxy -------------------------------------
PRIVATE = [
    "ICM_HTTP_CONNECTION_FAILED calling http://192.168.1.20:8000/sap/bc/ping",
    "SM59 connection test of our HTTP destination to https://10.20.30.40:44300/sap/opu/odata gives "
    "ICM_HTTP_CONNECTION_FAILED",
    "HTTP error 400 occured calling http://127.0.0.1:8080/api",
]


@pytest.mark.parametrize("text", PRIVATE)
def test_a_private_address_does_not_lead_with_a_missing_proxy(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.causes[0].id != "proxy_required"
    md = build_answer(routed, kb)
    assert "Most likely cause:** Outbound access needs a proxy" not in md
    line = next(x for x in md.splitlines() if "(`proxy_required`)" in x)
    assert "is a private address, normally reached without the proxy" in line


@pytest.mark.parametrize("text", [
    "ICM_HTTP_CONNECTION_FAILED calling http://api.partner-company.com:8000/sap/bc/ping",
    "ICM_HTTP_CONNECTION_FAILED calling http://192.168.1.20:8000/sap/bc/ping through our proxy proxy.corp:8080",
])
def test_a_public_host_or_a_named_proxy_keeps_the_order(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    public = route(PRIVATE[0].replace("192.168.1.20", "api.partner-company.com"), kb)
    if "proxy.corp" not in text:
        assert routed.causes[0].id == "proxy_required"
    assert [c.id for c in public.causes][:1] == ["proxy_required"]
    assert "private address" not in build_answer(routed, kb)


# --- the certificates were imported already: what is left leads -----------------------
IMPORTED = [
    "imported the root and intermediate certificates in STRUST, SM59 test still gives the same error: "
    "SSL handshake failed ICM_HTTP_SSL_ERROR",
    "root and intermediate are in the PSE, still SSL handshake failed SSSLERR_PEER_CERT_UNTRUSTED",
    "HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED. The certificates have been imported into "
    "SSL client Anonymous and saved.",
    "We added the CA to STRUST (SSL client Standard) but the call still fails with SSSLERR_PEER_CERT_UNTRUSTED (-102)",
]


@pytest.mark.parametrize("text", IMPORTED)
def test_an_import_said_done_leads_with_what_is_left(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    first = kb.causes[routed.causes[0].id]
    assert first.after_import == "remains"
    md = build_answer(routed, kb)
    assert "**Most likely cause:** Server certificate chain not trusted" not in _verdict(md)
    # the import's own cause is still listed, after what is left
    ids = [c.id for c in routed.causes]
    assert "server_cert_untrusted" in ids[2:]


@pytest.mark.parametrize("text", [
    "HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED",
    "how do I import the root certificate? HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED",
    "the certificates are not imported yet, HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED",
    "do I need to import the intermediate CA? SSSLERR_PEER_CERT_UNTRUSTED",
])
def test_no_import_said_done_keeps_the_untrusted_chain_first(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).causes[0].id == "server_cert_untrusted"


def test_every_cause_an_import_concerns_is_marked_in_the_base(kb: KnowledgeBase) -> None:
    marks = {c.id: c.after_import for c in kb.causes.values() if c.after_import}
    assert {marks[c] for c in ("server_cert_untrusted", "intermediate_missing")} == {"fixed"}
    assert {marks[c] for c in ("wrong_client_pse_selected", "settings_not_active", "one_app_server_differs")} == {
        "remains"}


# --- a code that wraps any failure, named alone --------------------------------------
@pytest.mark.parametrize("text", [
    "Exception http_communication_failure when calling the REST service from ABAP",
    "get_last_error returns http_communication_failure",
    "lo_client->receive( ) raises HTTP_COMMUNICATION_FAILURE in our Z report",
])
def test_the_wrapping_exception_alone_asks_for_its_error_text(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.confidence < 0.5 and routed.question is not None and "get_last_error" in routed.question
    md = build_answer(routed, kb)
    verdict = _verdict(md)
    assert "Most likely cause" not in verdict and "Best guess" not in verdict
    assert "→ SCLNT_HTTP" not in md.splitlines()[0]
    assert "the SAP HTTP client's call failed, not why" in verdict


@pytest.mark.parametrize("text", [
    "receive raises http_communication_failure: connection refused",
    "http_communication_failure, get_last_error: SSL handshake with api.partner.com:443 failed: "
    "SSSLERR_PEER_CERT_UNTRUSTED (-102)",
    "HTTP Communication Failure in ZABAPGIT_TEST_SSL; our network has a proxy",
])
def test_the_wrapping_exception_with_more_is_answered_by_the_more(kb: KnowledgeBase, text: str) -> None:
    md = build_answer(route(text, kb), kb)
    assert "the SAP HTTP client's call failed, not why" not in md
