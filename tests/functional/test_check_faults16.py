"""Faults of the sixteenth audit (docs/check_scenarios.md, seventh table), against real
parts on loopback: a server's status that shares its number with an SCLNT_HTTP message,
answers without a status line, a SOCKS port given as the HTTP proxy, a certificate list
larger than the client takes. Each test failed before its fix (where the row says "was:")."""

from __future__ import annotations

import socket
import ssl
import struct
from pathlib import Path

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.bigchain import served_size, sized_chain
from tests.support.checks import check, next_step, step
from tests.support.servers import (
    LoopbackServer,
    http_handler,
    read_request,
    server_context,
    tls_handler,
)
from tests.support.socks import relay, socks5_handler

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


# ------------------------------------------------------------------ a body without its head (HTTP/0.9 style)


def _headless(document: bytes):  # type: ignore[no-untyped-def]
    """Reads the request, answers with `document` alone and closes (no status line)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        read_request(conn)
        conn.sendall(document)
    return handle


@pytest.mark.parametrize(("document", "kind"), [
    (b"<html><body>Welcome</body></html>\n", "an HTML page"),
    (b"\xef\xbb\xbf  <!DOCTYPE html><html><head><title>x</title></head></html>", "an HTML page"),
    (b'<?xml version="1.0"?><error>no</error>', "an XML document"),
    (b'{"error": "unknown"}\n', "a JSON document"),
], ids=["html", "doctype after a BOM", "xml", "json"])
@pytest.mark.parametrize("tls", [True, False], ids=["https", "http"])
def test_a_document_without_a_status_line_is_a_broken_answer_not_another_service(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase, document: bytes, kind: str, tls: bool) -> None:
    """Was: destination_misconfigured, "it belongs to another service … set its HTTPS port as
    Service No." — for a web server on the right port whose answer lacks the head."""
    if tls:
        ctx = server_context(good_files.chain, good_files.key)
        with LoopbackServer(lambda conn, srv: _headless(document)(ctx.wrap_socket(conn, server_side=True), srv)) as srv:
            rep = check(srv.url("/x"), ca_file=str(good_files.ca))
    else:
        with LoopbackServer(_headless(document)) as srv:
            rep = check(srv.url("/x", scheme="http"))
    http = step(rep, "http", "fail")
    assert (http.cause, http.sclnt_http, http.data["headless_document"]) == ("connection_broken", None, kind)
    assert "HTTP/0.9" in http.detail
    text = next_step(rep, bundled_kb)
    assert "another service" not in text and "Service No." not in text
    assert "no status line, no headers" in text and "curl -v --http0.9" in text and "not known here" in text
    assert ("STRUST are fine" in text) == tls


def test_bytes_of_another_protocol_are_still_another_service(bundled_kb: KnowledgeBase) -> None:
    """The control: a greeting or binary bytes are no document — the port's service is
    another one, as before; and a few bytes that close are read as such, not as a close
    before the head (was: "connection closed before the response headers were complete")."""
    for answer, said in ((b"SSH-2.0-OpenSSH_9.6\r\n", "SSH server"), (b"\x15\x00", None)):
        with LoopbackServer(_headless(answer)) as srv:
            rep = check(srv.url("/x", scheme="http"))
        http = step(rep, "http", "fail")
        assert http.cause == "destination_misconfigured" and "headless_document" not in http.data
        text = next_step(rep, bundled_kb)
        assert "it belongs to another service" in text and (said is None or said in text)


# ------------------------------------------------------------------ a SOCKS port given as the HTTP proxy


def test_the_socks_test_proxy_is_a_working_socks5_proxy() -> None:
    """The part is real: a SOCKS5 client reaches a server through it."""
    with LoopbackServer(http_handler()) as srv, LoopbackServer(socks5_handler()) as px:
        with socket.create_connection(("127.0.0.1", px.port), timeout=3) as s:
            s.sendall(b"\x05\x01\x00")
            assert s.recv(2) == b"\x05\x00"
            s.sendall(b"\x05\x01\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack("!H", srv.port))
            assert s.recv(10)[:2] == b"\x05\x00"
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert s.recv(100).startswith(b"HTTP/1.1 200")


def _socks4_reply(conn: socket.socket, server: LoopbackServer) -> None:
    """A SOCKS4 server's answer to a request it cannot read: 00 5B (rejected), 8 bytes."""
    conn.recv(4096)
    conn.sendall(b"\x00\x5b" + bytes(6))


@pytest.mark.parametrize(("handler", "kind"), [
    (socks5_handler("close"), "SOCKS5"), (socks5_handler("reply"), "SOCKS5"), (_socks4_reply, "SOCKS4"),
], ids=["SOCKS5 closes", "SOCKS5 answers 05 FF", "SOCKS4 answers 00 5B"])
@pytest.mark.parametrize("scheme", ["https", "http"])
def test_a_socks_port_given_as_the_http_proxy_is_named(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase, handler, kind: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """Was (https): "closed the connection on the CONNECT without any answer … refuses the
    tunnel" and the proxy's access rules, though bytes came or the port speaks SOCKS; (http):
    "the port belongs to another service … set it as Service No." — the destination's port,
    not the proxy's."""
    ctx = server_context(good_files.chain, good_files.key)
    target = tls_handler(ctx) if scheme == "https" else http_handler()
    with LoopbackServer(target) as srv, LoopbackServer(handler) as px:
        rep = check(srv.url("/x", scheme=scheme), ca_file=str(good_files.ca), proxy=f"http://127.0.0.1:{px.port}")
    found = step(rep, "proxy" if scheme == "https" else "http", "fail")
    assert (found.cause, found.data["proxy_port_speaks"]) == ("proxy_refused", kind)
    assert f"it is a {kind} proxy port, not an HTTP proxy port" in found.detail
    assert "without any answer" not in found.detail
    text = next_step(rep, bundled_kb)
    assert f"is a {kind} proxy, not an HTTP proxy" in text and "HTTP Proxy Options" in text
    assert "Service No." not in text and srv.connections == 0  # the target was never reached


def _ssh_greeting(conn: socket.socket, server: LoopbackServer) -> None:
    """An SSH server: its identification string, then a complaint about ours, then close."""
    conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")
    conn.recv(4096)
    conn.sendall(b"Invalid SSH identification string.\r\n")


@pytest.mark.parametrize("scheme", ["https", "http"])
def test_a_proxy_port_of_another_service_is_the_proxys_not_the_destinations(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase, scheme: str) -> None:
    """The class beyond SOCKS. Was (https): proxy_http_error SCLNT_HTTP426, "not an HTTP proxy
    answer" and "find out what the proxy said" (426 is about a status; none came); (http): "Port
    <the destination's> answers, but not in HTTP … set it as Service No." — the wrong port."""
    ctx = server_context(good_files.chain, good_files.key)
    target = tls_handler(ctx) if scheme == "https" else http_handler()
    with LoopbackServer(target) as srv, LoopbackServer(_ssh_greeting) as px:
        rep = check(srv.url("/x", scheme=scheme), ca_file=str(good_files.ca), proxy=f"http://127.0.0.1:{px.port}")
    found = step(rep, "proxy" if scheme == "https" else "http", "fail")
    assert (found.cause, found.sclnt_http, found.data["proxy_port_speaks"]) == ("proxy_refused", None, "another protocol")
    assert "an SSH server's identification string" in found.detail and f"127.0.0.1:{px.port}" in found.detail
    text = next_step(rep, bundled_kb)
    assert "HTTP Proxy Options" in text and "Service No." not in text and str(srv.port) not in text


# ------------------------------------------------------------------ a certificate list larger than clients take


def test_a_certificate_list_over_openssls_limit_is_named(tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """Three intermediates of ~40 kB: more than OpenSSL's 100 kB. Was: "TLS handshake failed
    (EXCESSIVE_MESSAGE_SIZE): none of the known causes fits" and the ICM-trace step."""
    scenario = sized_chain(3, 40_000)
    assert served_size(scenario) > 100 * 1024
    files = scenario.write(tmp_path)
    with LoopbackServer(tls_handler(server_context(files.chain, files.key))) as srv:
        rep = check(srv.url("/x"), ca_file=str(files.ca))
    tls = step(rep, "tls", "fail")
    assert (tls.cause, tls.data["reason"]) == ("tls_handshake_failed", "EXCESSIVE_MESSAGE_SIZE")
    assert "none of the known causes" not in tls.detail and "certificate list" in tls.detail
    text = next_step(rep, bundled_kb)
    assert "more than 100 kB" in text and "intermediates up to the root" in text and "not known here" in text


@pytest.mark.parametrize("pad", [6_000, 24_000], ids=["over 16 KiB", "over 64 KiB"])
def test_a_large_certificate_list_under_the_limit_is_fine(tmp_path: Path, pad: int) -> None:
    """The control (already right): 20 kB or 75 kB of certificates in three intermediates
    pass; a size no source ties to a limit of the SAP side gets no warning."""
    scenario = sized_chain(3, pad)
    assert 16 * 1024 < served_size(scenario) < 100 * 1024
    files = scenario.write(tmp_path)
    with LoopbackServer(tls_handler(server_context(files.chain, files.key))) as srv:
        rep = check(srv.url("/x"), ca_file=str(files.ca))
    assert rep.verdict == "ok" and step(rep, "chain", "ok")


# ------------------------------------------------------------------ already right: pinned as they are


@pytest.mark.parametrize("challenge", [b"Bearer realm=\"api\", error=\"invalid_token\"", b"Negotiate"])
def test_a_401_offering_only_a_token_or_kerberos_logon_says_not_basic(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase, challenge: bytes) -> None:
    """Already right: the scheme is named, "not Basic" (what SM59's user and password send),
    and the server's owner is asked which logon a technical caller can use."""
    ctx = server_context(good_files.chain, good_files.key)
    answer = _answer(b"401 Unauthorized", b"WWW-Authenticate: " + challenge + b"\r\n")
    with LoopbackServer(tls_handler(ctx, response=answer)) as srv:
        rep = check(srv.url("/x"), ca_file=str(good_files.ca))
    scheme = challenge.split()[0].decode()
    assert step(rep, "http", "warn").data["auth_schemes"] == [scheme]
    text = next_step(rep, bundled_kb)
    assert f"The server asks for {scheme} — not Basic" in text and "SSL client certificate" in text


def test_an_ed448_server_key_is_a_warning_like_ed25519(tmp_path: Path) -> None:
    """Already right (the faults15 rule covers EdDSA as a class)."""
    root, inter = certs.ca_pair()
    leaf = certs.make_leaf(inter, key_type="ed448", key_label="ed448 leaf")
    files = certs.Scenario("ed448", leaf, [leaf, inter], [root]).write(tmp_path)
    with LoopbackServer(tls_handler(server_context(files.chain, files.key))) as srv:
        rep = check(srv.url("/x"), ca_file=str(files.ca))
    warned = step(rep, "chain", "warn")
    assert warned.data["key"] == "Ed448" and "few TLS clients accept EdDSA" in warned.detail


def _close_notify(ctx: ssl.SSLContext, after_request: bool):  # type: ignore[no-untyped-def]
    """Completes the handshake, (reads the request,) then ends TLS with close_notify."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        tls = ctx.wrap_socket(conn, server_side=True)
        if after_request:
            read_request(tls)
        tls.unwrap()
    return handle


@pytest.mark.parametrize("after_request", [False, True], ids=["right after the handshake", "on the request"])
def test_a_close_notify_instead_of_an_answer_is_a_refusal_by_the_tls_endpoint(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase, after_request: bool) -> None:
    """Already right: a close_notify is an orderly close by whatever ends TLS; the check
    calls it a close without an answer on every try and sends the admin to that endpoint."""
    with LoopbackServer(_close_notify(server_context(good_files.chain, good_files.key), after_request)) as srv:
        rep = check(srv.url("/x"), ca_file=str(good_files.ca))
    http = step(rep, "http", "fail")
    assert (http.cause, http.sclnt_http, http.data["broke_again"]) == ("connection_broken", "SCLNT_HTTP401", True)
    assert "whatever ends TLS there" in next_step(rep, bundled_kb)


def _proxy_demanding_host(conn: socket.socket, server: LoopbackServer) -> None:
    """A CONNECT proxy that answers 400 to a CONNECT without a Host header, else tunnels."""
    head = read_request(conn)
    if b"\r\nhost:" not in head.lower():
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        return
    authority = head.split(b" ")[1].decode()
    host, port = authority.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=5) as upstream:
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        relay(conn, upstream)


def test_a_proxy_demanding_a_host_header_on_connect_gets_one(good_files: certs.ScenarioFiles) -> None:
    """Already right: the CONNECT carries Host (RFC 9112 3.2), so such a proxy tunnels."""
    ctx = server_context(good_files.chain, good_files.key)
    with LoopbackServer(tls_handler(ctx)) as srv, LoopbackServer(_proxy_demanding_host) as px:
        rep = check(srv.url("/x"), ca_file=str(good_files.ca), proxy=f"http://127.0.0.1:{px.port}")
    assert step(rep, "proxy", "ok").data["status"] == 200
    assert rep.verdict == "ok" and step(rep, "http", "ok").data["status"] == 200
