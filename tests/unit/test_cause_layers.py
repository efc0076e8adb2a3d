"""Causes ranked as a class (causes4): each runtime's words for a connection the peer broke,
the RFC error block's own layer and code, and the connection settings a report shows as
wrong. Sentences are our own, shaped like the runtimes' documented texts, never a report's.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def top_causes(text: str, kb: KnowledgeBase, n: int = 3) -> list[str]:
    return [c.id for c in route(text, kb).causes[:n]]


# --- a connection the peer broke, in each runtime's documented words ----------------------
@pytest.mark.parametrize("text", [
    # Windows (WSAECONNRESET 10054), as Python prints it
    "our python script loses the link to the HANA database: ConnectionResetError: [WinError 10054] "
    "An existing connection was forcibly closed by the remote host",
    # the same Windows text through Java
    "java.io.IOException: An existing connection was forcibly closed by the remote host while reading the OData feed",
    # .NET's HttpClient (HttpRequestError.ResponseEnded)
    "System.Net.Http.HttpRequestException: An error occurred while sending the request. "
    "---> System.IO.IOException: The response ended prematurely.",
])
def test_a_runtimes_words_for_a_broken_connection_rank_it_first(text: str, kb: KnowledgeBase) -> None:
    assert top_causes(text, kb, 1) == ["connection_broken"]


# --- an RFC error block: COMPONENT names the layer, RC is that layer's code ---------------
RFC_BLOCK = (
    "RfcOpenConnection failed: RFC_COMMUNICATION_FAILURE\n"
    "LOCATION    CPIC (TCP/IP) on local host with Unicode\n"
    "ERROR       partner 'erp.corp.example.net:3300' not reached\n"
    "COMPONENT   NI (network interface)\n"
    "VERSION     40\n"
    "RC          -10\n"
    "DETAIL      NiPConnect2: 10.20.30.40:3300\n"
)


def test_the_rc_of_an_ni_block_is_the_ni_code(kb: KnowledgeBase) -> None:
    from assistant.intent.rfcblock import block_codes

    assert block_codes(RFC_BLOCK, kb) == ["NIECONN_REFUSED"]
    # -10 is SapSSL's SSSLRC_CONN_CLOSED too: only the layer the block names decides
    assert block_codes(RFC_BLOCK.replace("NI (network interface)", "SNC (Secure Network Communication)"), kb) == []
    # the system call's own reason says more than the NI layer's summary code
    with_reason = RFC_BLOCK + "ERRNO       110\nERRNO TEXT  Connection timed out\n"
    assert block_codes(with_reason, kb) == []


def test_an_ni_block_without_the_systems_reason_names_the_wrong_port_as_a_cause(kb: KnowledgeBase) -> None:
    """NIECONN_REFUSED: nothing listens there — the instance number (port 33<nn>) or host is
    wrong as often as the gateway is down (glossary RFC_PARTNER_NOT_REACHED)."""
    assert "destination_misconfigured" in top_causes(RFC_BLOCK, kb)


# --- another kind of failure ranks the causes of its own layer first ---------------------
def test_an_rfc_failure_ranks_no_http_proxy_cause_among_its_first(kb: KnowledgeBase) -> None:
    routed = route(RFC_BLOCK, kb)
    assert routed.scope.kind == "rfc_or_network"
    assert not {"proxy_required", "proxy_refused", "proxy_auth_failed"} & set(top_causes(RFC_BLOCK, kb))


def test_the_sap_client_keeps_every_cause_in_its_order(kb: KnowledgeBase) -> None:
    from assistant.intent.layercauses import own_layer_first

    routed = route("HTTP error 411 occured: Direct connect to github.com:443 failed: NIECONN_REFUSED(-10)", kb)
    assert routed.scope.kind == "sap_http_client"
    assert own_layer_first(routed.causes, routed.scope.kind, kb) == routed.causes
    assert "proxy_required" in [c.id for c in routed.causes[:3]]


# --- a host-name mismatch in each runtime's documented words ------------------------------
def test_javas_words_for_a_host_name_mismatch_count_beside_a_refused_connection(kb: KnowledgeBase) -> None:
    """Java's HostnameChecker: "No name matching <host> found" is the mismatch itself, a
    sign of it as strong as the refused plain-HTTP attempt before it."""
    text = ("Import job log: Connection refused to http://devbox:9001 (the server redirects to https)\n"
            "javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: No name matching devbox found")
    assert "hostname_mismatch" in top_causes(text, kb)


def test_nodes_words_for_a_host_name_mismatch_rank_it_first(kb: KnowledgeBase) -> None:
    text = ("Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: "
            "Host: s4.corp.example.net. is not in the cert's altnames: DNS:*.example.org")
    assert top_causes(text, kb, 1) == ["hostname_mismatch"]


# --- a server met only through its HTTPS UI that gave no page: its TLS ---------------------
CC_UI = ("Started the Cloud Connector container on my laptop with the newer SAP JVM; "
         "https://localhost:8443 does not open in the browser any more, with the older JVM it did.")


def test_the_cloud_connector_ui_that_gives_no_page_leads_with_its_tls(kb: KnowledgeBase) -> None:
    routed = route(CC_UI, kb)
    assert routed.scope.kind == "sap_server_inbound" and routed.scope.family == "cc_admin"
    assert set(top_causes(CC_UI, kb)) == {"tls_version_or_cipher_mismatch", "server_cert_self_signed",
                                          "server_cert_untrusted"}


def test_the_cloud_connector_ui_keeps_a_cause_the_text_shows(kb: KnowledgeBase) -> None:
    text = "Opening the Cloud Connector UI at https://localhost:8443: the browser says the certificate has expired"
    assert route(text, kb).scope.family == "cc_admin"
    assert top_causes(text, kb, 1) == ["server_cert_expired"]


def test_causes_that_tie_follow_the_leading_messages_own_order() -> None:
    # Two signs of the same weight used to be ordered by the alphabet: "intermediate_missing"
    # before "server_cert_untrusted" for the SAP trace's "verification of the server's
    # certificate chain failed", against the order the base gives for 421.
    kb = load_kb().kb
    routed = route("dev_icm: SSL_connect() failed, verification of the server's certificate chain failed", kb)
    first, second = routed.causes[:2]
    assert round(first.score, 9) == round(second.score, 9)  # a tie, decided by the order below
    listed = kb.messages[routed.messages[0].id].causes
    assert listed.index(first.id) < listed.index(second.id)
    assert first.id == "server_cert_untrusted"
