"""Faults of the sixteenth audit (docs/check_scenarios.md, seventh table), against real
parts on loopback: a server's status that shares its number with an SCLNT_HTTP message,
answers without a status line, a SOCKS port given as the HTTP proxy, a certificate list
larger than the client takes. Each test failed before its fix (where the row says "was:")."""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, next_step, step
from tests.support.servers import LoopbackServer, server_context, tls_handler

# ------------------------------------------------------------------ 421 and other numbers SAP uses too


def _answer(status_line: bytes, headers: bytes = b"") -> bytes:
    return (b"HTTP/1.1 " + status_line + b"\r\n" + headers
            + b"Content-Length: 5\r\nConnection: close\r\n\r\nhello")


@pytest.mark.parametrize(("host", "sent"), [
    ("localhost", "the name localhost as SNI and 'Host: localhost:"),
    ("127.0.0.1", "no SNI and 'Host: 127.0.0.1:"),
], ids=["name", "address"])
def test_a_421_is_the_servers_status_not_the_untrusted_certificate(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase, host: str, sent: str) -> None:
    """Was: "connection for another host", with no word that SCLNT_HTTP421 (certificate not
    trusted) is another thing, nor which name the server refused."""
    ctx = server_context(good_files.chain, good_files.key)
    with LoopbackServer(tls_handler(ctx, response=_answer(b"421 Misdirected Request"))) as srv:
        rep = check(srv.url("/x", host=host), ca_file=str(good_files.ca))
    http = step(rep, "http", "warn")
    assert (rep.verdict, http.data["status"], http.sclnt_http) == ("warning", 421, None)
    assert "not the SAP message SCLNT_HTTP421 'SSL certificate not trusted" in http.detail
    text = next_step(rep, bundled_kb)
    assert "not the SAP message SCLNT_HTTP421" in text and "the certificate is not what failed" in text
    assert sent in text
    if host == "localhost":
        assert "does not serve localhost on this address and port" in text
    else:
        assert "an IP address is never sent as SNI" in text


@pytest.mark.parametrize(("status", "twin"), [
    (b"410 Gone", "SCLNT_HTTP410 'Logon failed (ICM_HTTP_UNAUTHORIZED)'"),
    (b"404 Not Found", "SCLNT_HTTP404 (ICM_HTTP_NO_MORE_MEMORY)"),
    (b"415 Unsupported Media Type", "SCLNT_HTTP415 'Invalid host name in SSL server certificate"),
    (b"451 Unavailable For Legal Reasons", None),
    (b"500 Internal Server Error", None),
])
def test_every_status_sharing_a_number_with_an_sap_message_says_so(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase, status: bytes, twin: str | None) -> None:
    """The class of the 421: each server status numbered like an SCLNT_HTTP message is
    kept apart from it, in the finding and first in the next step; a number SAP does not
    use (451, 500) gets no such sentence. Was: "not an ICM error" only."""
    ctx = server_context(good_files.chain, good_files.key)
    with LoopbackServer(tls_handler(ctx, response=_answer(status))) as srv:
        rep = check(srv.url("/x"), ca_file=str(good_files.ca))
    http = step(rep, "http", "warn")
    text = next_step(rep, bundled_kb)
    if twin is None:
        assert "not the SAP message" not in http.detail and "not the SAP message" not in text
    else:
        assert f"not the SAP message {twin}" in http.detail
        assert text.startswith(f"**Next step:** HTTP status {status[:3].decode()} is the server's own answer")
