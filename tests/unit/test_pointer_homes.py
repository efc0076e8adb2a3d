"""Where the fix lives, for two kinds of failure that pointed nowhere useful before:

- the Cloud Connector's own administration UI (the server on :8443): its UI certificate,
  replaced in the Cloud Connector's own UI — not the backend trust store, which is what
  the Cloud Connector trusts when it calls (the other direction);
- another client's handshake that failed on the TLS version or the ciphers (Java's "No
  appropriate protocol", Node's and Python's "unsupported protocol", .NET's "do not
  possess a common algorithm"): that runtime's own TLS settings, not its trust store —
  before, no pointer at all and a general "that client's own TLS settings".
"""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route, scopevocab
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _verdict(markdown: str) -> str:
    return markdown.split("\n### ", 1)[0]


@pytest.mark.parametrize(
    "text",
    [
        "After starting the Cloud Connector in Docker, https://localhost:8443 shows an error page in Chrome",
        "Cannot open the Cloud Connector administration UI, the browser says the connection is not private",
    ],
)
def test_the_cloud_connectors_admin_ui_points_to_its_ui_certificate(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "sap_server_inbound"
    assert routed.scope.pointer == "CLOUD_CONNECTOR_UI_CERTIFICATE"
    md = build_answer(routed, kb)
    verdict = _verdict(md)
    assert "**Where the fix lives:** SAP Cloud Connector — administration UI certificate" in verdict
    # the backend trust store is said to be the other direction, and its steps stay out
    assert "backend trust store is the other direction" in md
    assert "Backend Trust Store" not in md and "allowlist" not in md
    # the entry's steps: where in the Cloud Connector's UI, and that a restart activates it
    assert "*User Interface*" in md and "**UI Certificate**" in md and "restart the Cloud Connector" in md


JAVA_PROTOCOL = ("Our Java client calling the S/4 OData service fails: javax.net.ssl.SSLHandshakeException: "
                 "No appropriate protocol (protocol is disabled or cipher suites are inappropriate)")
NODE_PROTOCOL = ("Our Node.js job calling the SAP API fails: Error: write EPROTO 140000:error:0A000102:SSL routines:"
                 "ssl_choose_client_version:unsupported protocol\n"
                 "    at WriteWrap.onWriteComplete [as oncomplete] (node:internal/stream_base_commons:94:16)")
PYTHON_PROTOCOL = ("python requests to the SAP OData service: requests.exceptions.SSLError: HTTPSConnectionPool("
                   "host='s4.corp', port=443): [SSL: UNSUPPORTED_PROTOCOL] unsupported protocol (_ssl.c:1129)")
DOTNET_PROTOCOL = ("C# HttpClient to SAP: System.Security.Authentication.AuthenticationException: Authentication failed "
                   "because the remote party sent a TLS alert, the client and server cannot communicate, because they "
                   "do not possess a common algorithm")


@pytest.mark.parametrize(
    ("text", "entry", "setting"),
    [
        (JAVA_PROTOCOL, "JAVA_TLS_PROTOCOLS", "jdk.tls.disabledAlgorithms"),
        (NODE_PROTOCOL, "NODE_TLS_PROTOCOLS", "tls.DEFAULT_MIN_VERSION"),
        (PYTHON_PROTOCOL, "PYTHON_TLS_PROTOCOLS", "minimum_version"),
        (DOTNET_PROTOCOL, "DOTNET_TLS_PROTOCOLS", "ServicePointManager.SecurityProtocol"),
    ],
)
def test_a_runtimes_protocol_mismatch_points_to_its_tls_settings(
    kb: KnowledgeBase, text: str, entry: str, setting: str
) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    assert routed.scope.pointer == entry
    # what it is says the runtime's TLS versions (before: "its own trust store (cacerts)")
    assert "TLS versions" in routed.scope.reason
    verdict = _verdict(build_answer(routed, kb))
    assert f"**Where the fix lives:** {kb.glossary[entry].title}" in verdict
    assert "that client's own TLS settings" not in verdict  # the general line gave way to the entry
    fix = build_answer(route("how do I fix it?", kb, routed.state), kb)
    assert setting in fix


def test_a_runtimes_trust_failure_keeps_its_trust_store(kb: KnowledgeBase) -> None:
    routed = route("Our Java client calling the S/4 OData service fails: javax.net.ssl.SSLHandshakeException: "
                   "PKIX path building failed", kb)
    assert routed.scope.pointer == "JAVA_PKIX"


def test_every_tls_settings_home_is_a_runtime_family_with_a_sourced_entry(kb: KnowledgeBase) -> None:
    for family, (reason, entry) in scopevocab.TLS_SETTINGS.items():
        assert family in scopevocab.FAMILIES and reason
        glossary = kb.glossary[entry]
        assert glossary.sources and glossary.sap_wording == "own_words"


SAML_401 = ("After a successful authentication to the Identity Provider, the user is redirected back to SAP but gets "
            "a 401 Not authorized error screen. On a Security Diagnostic Tool trace: Federation error: No user with "
            "email 'jane@corp.example' found.")


def test_a_saml_logon_at_the_sap_system_points_to_transaction_saml2(kb: KnowledgeBase) -> None:
    """Before: the SAP system's TLS server setup, settled to nothing beside the 401 it
    answered — the mapping of the assertion's user lives in SAML2, not in the PSE."""
    routed = route(SAML_401, kb)
    assert routed.scope.kind == "sap_server_inbound"
    assert routed.scope.pointer == "SAML2"
    md = build_answer(routed, kb)
    assert "**Where the fix lives:** SAML2 — SAML 2.0 configuration" in _verdict(md)
    assert "*Identity Federation*" in md


CERT_REQUIRED = ("javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_required\n"
                 "    at sun.security.ssl.Alert.createSSLException(Alert.java:131)")


def test_a_btp_destinations_missing_client_certificate_points_to_its_key_store(kb: KnowledgeBase) -> None:
    text = ('Fetching BTP destination with authentication type "ClientCertificateAuthentication": the client '
            "certificate is not sent to the target system.\n" + CERT_REQUIRED)
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    assert routed.scope.pointer == "BTP_DESTINATION_KEY_STORE"
    md = build_answer(routed, kb)
    assert "**Where the fix lives:** SAP BTP destinations — key store" in _verdict(md)
    assert "`KeyStoreLocation`" in md
    # without a product that keeps the certificate, still no key store is lent
    assert route(CERT_REQUIRED, kb).scope.pointer is None
