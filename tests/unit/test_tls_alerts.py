"""A TLS alert ends the handshake before any HTTP: its wording outweighs logon wording.

.NET words every SslStream handshake failure "Authentication failed …" ("… because the
remote party sent a TLS alert: 'HandshakeFailure'"); the logon cause's sign "authentication
failed" led such texts. An alert reported in any runtime's words leaves the causes that are
a target's HTTP answer (the logon a 401 refuses, the server's own status) without evidence
from the text's words, and an alert's CamelCase name is the RFC's (tlsalerts.py).
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.tlsalerts import answer_causes, with_alert_names
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

TLS_CAUSES = {"tls_version_or_cipher_mismatch", "tls_handshake_failed", "client_cert_required", "client_cert_rejected"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    "text",
    [
        "System.Security.Authentication.AuthenticationException: Authentication failed because the remote "
        "party sent a TLS alert: 'HandshakeFailure'.",
        "The SSL connection could not be established. Authentication failed because the remote party sent a "
        "TLS alert: 'ProtocolVersion'.",
        "Authentication failed: javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure",
        "authentication failed: write EPROTO error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake "
        "failure:../deps/openssl/ssl/record/rec_layer_s3.c:1544:SSL alert number 40",
        "Post https://api.example.com/token: authentication failed: remote error: tls: handshake failure",
    ],
)
def test_a_tls_alert_leads_over_logon_wording(kb: KnowledgeBase, text: str) -> None:
    causes = [c.id for c in route(text, kb).causes]
    assert causes and causes[0] in TLS_CAUSES
    assert not answer_causes() & set(causes[:3])


def test_logon_wording_without_an_alert_is_still_the_logon(kb: KnowledgeBase) -> None:
    assert route("Authentication failed: wrong password for user RFC_USER", kb).causes[0].id == "logon_failed"


def test_an_alert_name_in_camel_case_is_the_rfc_name() -> None:
    said = "sent a TLS alert: 'HandshakeFailure'. Also UnknownCA, BadRecordMAC and a BadRequest"
    assert with_alert_names(said) == "sent a TLS alert: 'handshake_failure'. Also unknown_ca, bad_record_mac and a BadRequest"
    assert with_alert_names("HandshakeFailure in our enum") == "HandshakeFailure in our enum"  # no alert reported


def test_the_answer_causes_are_what_a_targets_status_reads_as() -> None:
    assert answer_causes() == {"logon_failed", "http_status_from_server"}
