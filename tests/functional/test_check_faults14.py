"""Faults of the fourteenth audit (docs/check_scenarios.md, fifth table), against real
parts on loopback: servers that answer slowly or only in part, names with a final dot,
proxies in odd roles, servers that pick by SNI, servers that ask for a client
certificate, answers that come from something other than the server. Each test failed
before its fix (where the row says "was:")."""

from __future__ import annotations

import json
import socket
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.diagnostics.tcpinfo import tcp_reading
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, next_step, step
from tests.support.proxy import ProxyProcess
from tests.support.servers import (
    LoopbackServer,
    OpenSSLServer,
    answering_proxy,
    http_handler,
    openssl_path,
    read_request,
    server_context,
    tls_handler,
    tls_server,
)

# ------------------------------------------------------------------ a handshake that comes slowly

_LINUX_COUNTERS = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the received-bytes counter is Linux's TCP_INFO")
_SERVER_HELLO_START = b"\x16\x03\x03\x00\x50" + b"\x02\x00\x00\x4c\x03\x03" + b"\x00" * 74


def _handshake_server(*, trickle: bool) -> LoopbackServer:
    """Reads the ClientHello, then sends the start of a ServerHello: one byte a second
    (`trickle`), or 25 bytes at once and nothing more (a stall)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        conn.recv(4096)
        if not trickle:
            conn.sendall(_SERVER_HELLO_START[:25])
            server.stop_event.wait(10)
            return
        for byte in _SERVER_HELLO_START:
            if server.stop_event.wait(0.5):
                return
            conn.sendall(bytes([byte]))
    return LoopbackServer(handle)


@_LINUX_COUNTERS
def test_a_trickled_handshake_is_told_from_a_silent_port(bundled_kb: KnowledgeBase) -> None:
    """Was: "the server accepted the TCP connection but did not answer the TLS handshake",
    and the next step "what listens there does not speak TLS" — it did answer, slowly."""
    with _handshake_server(trickle=True) as srv:
        started = time.monotonic()
        rep = check(srv.url(), timeout=2.5)
    assert time.monotonic() - started < 3.5
    tls = step(rep, "tls", "fail")
    assert (rep.cause, rep.sclnt_http) == ("server_timeout", "SCLNT_HTTP402")
    assert tls.data["handshake_bytes_received"] >= 3
    assert "did not answer" not in tls.detail
    assert "bytes of the TLS handshake came from the server over" in tls.detail
    assert "still arriving when the time ran out" in tls.detail
    text = next_step(rep, bundled_kb)
    assert "answers the handshake, but so slowly" in text and "does not speak TLS" not in text


@_LINUX_COUNTERS
def test_a_handshake_that_starts_and_stalls_is_named(bundled_kb: KnowledgeBase) -> None:
    with _handshake_server(trickle=False) as srv:
        rep = check(srv.url(), timeout=2.0)
    tls = step(rep, "tls", "fail")
    assert tls.data["handshake_bytes_received"] == 25
    assert "25 bytes of the TLS handshake came from the server within the first" in tls.detail
    assert "it began to answer and stalled" in tls.detail
    assert "began the handshake and then stopped sending" in next_step(rep, bundled_kb)


def test_a_silent_port_still_says_it_never_answered(bundled_kb: KnowledgeBase) -> None:
    """The control: nothing came, so the words stay those of a silent port."""
    def silent(conn: socket.socket, server: LoopbackServer) -> None:
        conn.recv(4096)
        server.stop_event.wait(10)

    with LoopbackServer(silent) as srv:
        rep = check(srv.url(), timeout=1.5)
    tls = step(rep, "tls", "fail")
    assert "did not answer the TLS handshake" in tls.detail
    assert tls.data.get("handshake_bytes_received", 0) == 0
    assert "never answers the TLS handshake" in next_step(rep, bundled_kb)


@_LINUX_COUNTERS
def test_the_counter_reads_what_arrived() -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.create_connection(listener.getsockname())
        peer, _ = listener.accept()
        with client, peer:
            before = tcp_reading(client)
            peer.sendall(b"x" * 10)
            time.sleep(0.05)
            after = tcp_reading(client)
    assert before is not None and after is not None
    assert after.bytes_received - before.bytes_received == 10


# ------------------------------------------------------------------ an interim answer and nothing after


def test_a_lone_interim_answer_then_silence_names_the_missing_final_answer(bundled_kb: KnowledgeBase) -> None:
    """Was: "the response stopped in the middle" and the generic "find out how long the
    request really takes" — the request was taken, the final answer never came."""
    def interim_only(conn: socket.socket, server: LoopbackServer) -> None:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        server.stop_event.wait(10)

    with LoopbackServer(interim_only) as srv:
        rep = check(srv.url(scheme="http"), timeout=1.5)
    http = step(rep, "http", "fail")
    assert (rep.cause, rep.sclnt_http) == ("server_timeout", "SCLNT_HTTP402")
    assert "sent only the interim 'HTTP/1.1 100 Continue' and then no final answer" in http.detail
    assert "stopped in the middle" not in http.detail
    text = next_step(rep, bundled_kb)
    assert "the final answer never came" in text and "log of this request" in text


# ------------------------------------------------------------------ a final dot the resolver does not know


def _dotted_localhost_unknown() -> bool:
    """glibc looks `localhost.` up as written: the hosts file lists `localhost` only. (A
    resolver that completes it, nss-myhostname for one, makes the scenario impossible.)"""
    try:
        socket.getaddrinfo("localhost.", 443, 0, socket.SOCK_STREAM)
    except socket.gaierror:
        return True
    return False


@pytest.mark.skipif(not _dotted_localhost_unknown(), reason="this resolver finds localhost. too")
def test_a_final_dot_the_resolver_does_not_know_says_the_name_without_it_resolves(
        bundled_kb: KnowledgeBase) -> None:
    """Was: "the name does not exist in DNS: check the spelling and use the fully qualified
    name" — for a name that resolves once its final dot is gone."""
    rep = check("https://localhost.:9/")
    found = step(rep, "resolve", "fail")
    assert (rep.cause, rep.sclnt_http) == ("dns_failure", "SCLNT_HTTP417")
    assert "but localhost — the same name without the final dot — resolves to" in found.detail
    assert found.data["without_final_dot"] == "localhost" and found.data["addresses_without_final_dot"]
    assert "does not exist in DNS" not in found.detail
    assert "Remove the final dot" in next_step(rep, bundled_kb) and "Target Host localhost " in next_step(rep, bundled_kb)
    proxy = step(check("https://127.0.0.1:9/", proxy="http://localhost.:3128"), "proxy", "fail")
    assert "not found with its final dot" in proxy.detail and "does not exist in DNS" not in proxy.detail


def test_an_address_with_a_final_dot_is_called_no_address() -> None:
    found = step(check("https://127.0.0.1.:9/"), "resolve", "fail")
    assert "with a final dot the address 127.0.0.1 is read as a host name" in found.detail


def test_a_name_unknown_with_and_without_the_dot_stays_a_plain_dns_failure() -> None:
    found = step(check("https://no-such-host.invalid.:9/"), "resolve", "fail")
    assert "does not exist in DNS" in found.detail and "final dot" not in found.detail


# ------------------------------------------------------------------ proxies in odd roles


@pytest.mark.parametrize(("status", "said"), [
    (b"405 Method Not Allowed", "the method CONNECT is not allowed there"),
    (b"501 Not Implemented", "it does not implement CONNECT"),
    (b"400 Bad Request", "it did not take the CONNECT as a valid request"),
], ids=["405", "501", "400"])
def test_a_proxy_refusing_the_connect_method_asks_whether_it_is_the_forward_proxy(
        status: bytes, said: str, bundled_kb: KnowledgeBase) -> None:
    """Was: the status alone and the generic "find out what the proxy said"."""
    with answering_proxy(status, b"Allow: GET, HEAD\r\n") as proxy:
        rep = check("https://localhost:9/", proxy=f"http://127.0.0.1:{proxy.port}")
    found = step(rep, "proxy", "fail")
    assert (rep.cause, rep.sclnt_http) == ("proxy_http_error", "SCLNT_HTTP426")
    assert said in found.detail
    text = next_step(rep, bundled_kb)
    assert "are the forward proxy's" in text and "allow CONNECT to this host and port" in text


def test_a_tls_port_given_as_the_proxy_is_named(good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase) -> None:
    """A TLS server (an HTTPS listener) given as --proxy http://…: it resets the plain
    CONNECT. Was: "it refuses the tunnel without saying why" and the access-rules step."""
    with tls_server(good_files.chain, good_files.key) as https_port:
        rep = check("https://localhost:9/", proxy=f"http://127.0.0.1:{https_port.port}")
    found = step(rep, "proxy", "fail")
    assert rep.cause == "proxy_refused" and rep.sclnt_http is None
    assert "the same port answers a TLS handshake (CN=localhost, O=sapassist tests)" in found.detail
    assert found.data["proxy_port_speaks_tls"] == "CN=localhost, O=sapassist tests"
    text = next_step(rep, bundled_kb)
    assert "speaks TLS, not plain HTTP" in text and "plain HTTP port" in text
    assert "access" not in text


@pytest.mark.skipif(openssl_path() is None, reason="openssl command not installed")
def test_an_openssl_s_server_given_as_the_proxy_is_named(good_files: certs.ScenarioFiles) -> None:
    with OpenSSLServer(good_files.leaf, good_files.key).start() as https_port:
        rep = check("https://localhost:9/", proxy=f"http://127.0.0.1:{https_port.port}", timeout=4.0)
    found = step(rep, "proxy", "fail")
    assert "answers a TLS handshake" in found.detail, found.detail


def test_a_proxy_that_closes_and_speaks_no_tls_is_still_a_refusal() -> None:
    """The control: a plain port that closes on the CONNECT is the proxy refusing."""
    with ProxyProcess("close") as proxy:
        rep = check("https://localhost:9/", proxy=proxy.url)
    found = step(rep, "proxy", "fail")
    assert "refuses the tunnel without saying why" in found.detail
    assert "proxy_port_speaks_tls" not in found.data


def test_an_https_proxy_url_is_refused_with_the_http_form_to_use() -> None:
    from assistant.diagnostics.target import TargetError, parse_proxy

    with pytest.raises(TargetError) as refused:
        parse_proxy("https://proxy.corp.example:8443")
    said = str(refused.value)
    assert "give it as http://proxy.corp.example:8443" in said and "host and a port, no scheme" in said


# ------------------------------------------------------------------ servers that pick by SNI and close


def _sni_in(hello: bytes) -> str | None:
    """The server_name of a ClientHello (record and handshake headers included), or None."""
    i = 5 + 4 + 2 + 32
    i += 1 + hello[i]  # session id
    i += 2 + int.from_bytes(hello[i:i + 2], "big")  # cipher suites
    i += 1 + hello[i]  # compression methods
    end = i + 2 + int.from_bytes(hello[i:i + 2], "big")
    i += 2
    while i + 4 <= end:
        kind, size = int.from_bytes(hello[i:i + 2], "big"), int.from_bytes(hello[i + 2:i + 4], "big")
        if kind == 0:  # server_name: list length (2), name type (1), name length (2), name
            return hello[i + 9:i + 4 + size].decode("ascii", "replace")
        i += 4 + size
    return None


def _closing_on(files: certs.ScenarioFiles, closes: Callable[[str | None], bool]) -> LoopbackServer:
    """A TLS server that reads the ClientHello's SNI first and resets the connection
    without a word when `closes(name)`; otherwise it completes the handshake with `files`."""
    serve = tls_handler(server_context(files.chain, files.key))

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        conn.settimeout(3)
        if closes(_sni_in(conn.recv(4096, socket.MSG_PEEK))):
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
            return
        serve(conn, server)
    return LoopbackServer(handle)


def test_a_server_closing_without_sni_is_sni_not_sent(good_files: certs.ScenarioFiles) -> None:
    """Already right (faults::test_server_needing_sni_… with an alert): a reset without SNI."""
    with _closing_on(good_files, lambda name: name is None) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
        off = check(srv.url(), ca_file=str(good_files.ca), sni=False)
    assert (rep.verdict, rep.cause) == ("warning", "sni_not_sent")
    assert (off.verdict, off.cause, off.sclnt_http) == ("error", "sni_not_sent", "SCLNT_HTTP407")
    assert "with SNI it completes it" in step(off, "tls", "fail").detail


def test_a_server_closing_on_a_name_it_does_not_serve_names_the_names_it_does(
        tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """Knows erp.sapassist.test only and resets on any other SNI name, without the alert
    unrecognized_name; without SNI it sends its certificate for other.sapassist.test.
    Was: "cut on every try: a firewall, IPS … blocks TLS to this target"."""
    files = certs.wrong_host("other.sapassist.test").write(tmp_path)
    with _closing_on(files, lambda name: name is not None and name != "erp.sapassist.test") as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    tls = step(rep, "tls", "fail")
    assert (rep.cause, rep.sclnt_http) == ("destination_misconfigured", "SCLNT_HTTP407")
    assert "closes the connection when the name localhost is sent as SNI" in tls.detail
    assert "it does not serve this name on this address" in tls.detail
    text = next_step(rep, bundled_kb)
    assert "published under" in text and "a certificate for other.sapassist.test" in text
    assert "firewall" not in text


def test_a_cut_on_a_name_the_server_serves_points_at_a_filter_by_name(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase) -> None:
    """The same reset, but the certificate sent without SNI is valid for the name: the
    server serves it, something on the path filters by SNI."""
    with _closing_on(good_files, lambda name: name == "localhost") as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    tls = step(rep, "tls", "fail")
    assert (rep.cause, rep.sclnt_http) == ("connection_broken", "SCLNT_HTTP407")
    assert "filters TLS by server name" in tls.detail
    text = next_step(rep, bundled_kb)
    assert "-noservername" in text and "Switching SNI off in the SAP system is no fix" in text


# ------------------------------------------------------------------ a client certificate from named CAs


@pytest.mark.skipif(openssl_path() is None, reason="openssl command not installed")
@pytest.mark.parametrize("version_flag", ["-tls1_2", "-tls1_3"])
def test_the_next_step_names_the_cas_a_required_client_certificate_must_come_from(
        tmp_path: Path, version_flag: str, bundled_kb: KnowledgeBase) -> None:
    """`openssl s_server -Verify` with a client-CA file sends its names (TLS 1.2
    certificate_authorities in the CertificateRequest, TLS 1.3 extension 47). The names
    are the server's text: shown escaped, literally. Was: the names in the steps only, the
    next step "choose a PSE with an own certificate" without them."""
    sc = certs.good_chain()
    files = sc.write(tmp_path / "srv")
    chain = tmp_path / "srv" / "intermediates.pem"
    chain.write_bytes(b"".join(b.pem() for b in sc.served[1:]))
    partner = certs.make_root("Partner Client CA\x1b[2J **x**")
    client_cas = tmp_path / "client-cas.pem"
    client_cas.write_bytes(partner.pem())
    with OpenSSLServer(files.leaf, files.key, chain=chain,
                       args=["-Verify", "1", "-CAfile", str(client_cas), version_flag]).start() as srv:
        rep = check(srv.url(), ca_file=str(files.ca), timeout=4.0)
    assert (rep.cause, rep.sclnt_http) == ("client_cert_required", "SCLNT_HTTP407")
    shown = "CN=Partner Client CA\\x1b[2J **x**, O=sapassist tests"
    assert step(rep, "client_cert", "fail").data["acceptable_ca_names"] == [shown]
    text = next_step(rep, bundled_kb)
    assert "issued by one of the CAs the server names" in text
    assert "CN=Partner Client CA\\\\x1b\\[2J \\*\\*x\\*\\*, O=sapassist tests" in text  # escaped, literal
    assert "\x1b" not in text


# ------------------------------------------------------------------ answers that say more than their status


@pytest.mark.parametrize(("upgrade", "said"), [
    (b"TLS/1.2, HTTP/1.1", "The server wants TLS: call it with https://"),
    (b"h2c", "The server wants HTTP/2"),
    (b"websocket", "wants a WebSocket connection"),
], ids=["tls", "h2c", "websocket"])
def test_a_426_names_the_protocol_and_is_told_from_sclnt_http426(
        upgrade: bytes, said: str, bundled_kb: KnowledgeBase) -> None:
    """Was: "the server answered 426 Upgrade Required" and "read the response body" — an
    admin reads SCLNT_HTTP426 (a proxy's unexpected status) into it."""
    answer = (b"HTTP/1.1 426 Upgrade Required\r\nUpgrade: " + upgrade +
              b"\r\nConnection: Upgrade, close\r\nContent-Length: 0\r\n\r\n")
    with LoopbackServer(http_handler(answer)) as srv:
        rep = check(srv.url(scheme="http"))
    http = step(rep, "http", "warn")
    assert (rep.cause, rep.sclnt_http) == ("destination_misconfigured", None)
    assert f"(Upgrade: {upgrade.decode()})" in http.detail
    assert "not the SAP message SCLNT_HTTP426" in http.detail
    assert said in next_step(rep, bundled_kb)


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
    b"Content-Length: 0\r\n\r\n",
    b"HTTP/1.1 400 Bad Request\r\nServer: squid\r\nX-Squid-Error: ERR_INVALID_URL 0\r\nContent-Length: 0\r\n\r\n",
], ids=["407", "squid-400"])
def test_a_proxy_answering_a_direct_request_is_named(answer: bytes, bundled_kb: KnowledgeBase) -> None:
    """The URL names a proxy (or one on the path takes the connection). Was: "the server
    answered 407" as the server's own answer, and "read the response body"."""
    with LoopbackServer(http_handler(answer)) as srv:
        rep = check(srv.url(scheme="http"))
    http = step(rep, "http", "warn")
    assert rep.cause == "destination_misconfigured"
    assert "an answer only a proxy gives" in http.detail and "the server's own answer" not in http.detail
    assert "HTTP Proxy Options" in next_step(rep, bundled_kb)


def test_a_proxys_407_to_a_forwarded_request_stays_the_proxy_logon() -> None:
    """The control: through the configured proxy a 407 is its logon, as before."""
    with ProxyProcess("ok", user="u", password="p") as proxy:
        rep = check("http://localhost:9/", proxy=proxy.url)
    assert rep.cause == "proxy_auth_failed"
    assert "only a proxy gives" not in step(rep, "http").detail


def test_a_429_says_rate_limit_and_how_long_to_wait(bundled_kb: KnowledgeBase) -> None:
    """Was: "the server answered 429" and "read the response body"."""
    answer = b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3600\r\nContent-Length: 0\r\n\r\n"
    with LoopbackServer(http_handler(answer)) as srv:
        rep = check(srv.url(scheme="http"))
    http = step(rep, "http", "warn")
    assert rep.cause == "http_status_from_server" and http.data["retry_after"] == "3600"
    assert "(rate limit); Retry-After: 3600" in http.detail
    text = next_step(rep, bundled_kb)
    assert "rate-limits the calls" in text and "Retry-After says (3600)" in text


_NGINX_496 = (b"<html>\r\n<head><title>400 No required SSL certificate was sent</title></head>\r\n<body>\r\n"
              b"<center><h1>400 Bad Request</h1></center>\r\n<center>No required SSL certificate was sent"
              b"</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")


def _nginx_like(files: certs.ScenarioFiles, client_ca: Path, body: bytes) -> LoopbackServer:
    """Asks for a client certificate in the handshake, optionally (as nginx with
    ssl_verify_client does), then answers every request with a 400 page about it."""
    ctx = server_context(files.chain, files.key, client_ca=client_ca, require_client_cert=False)
    answer = (b"HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n"
              b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
    return LoopbackServer(tls_handler(ctx, response=answer))


def test_a_certificate_page_after_an_optional_request_is_client_cert_required(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase) -> None:
    """nginx's 400 "No required SSL certificate was sent" (its 496). Was: warning, "the
    server answered 400 Bad Request" and "read the response body"."""
    with _nginx_like(good_files, good_files.ca, _NGINX_496) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    http = step(rep, "http", "fail")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "client_cert_required", None)
    assert "its page is about the client certificate" in http.detail
    assert "No required SSL" not in json.dumps(rep.to_json())  # the page is matched, never shown
    assert "requires a client certificate for this URL" in next_step(rep, bundled_kb)


def test_a_certificate_page_to_a_presented_certificate_is_client_cert_rejected(tmp_path: Path) -> None:
    """nginx's 495 page: the handshake took the certificate, the request is refused."""
    sc = certs.good_chain()
    files = sc.write(tmp_path / "server")
    assert sc.intermediate is not None
    client = certs.make_client(sc.intermediate)
    _, key = client.write(tmp_path, "client")
    cert = tmp_path / "client-chain.pem"  # with its intermediate: the server trusts the root only
    cert.write_bytes(client.pem() + sc.intermediate.pem())
    page = b"<html><body>400 Bad Request: The SSL certificate error</body></html>"
    with _nginx_like(files, files.ca, page) as srv:
        rep = check(srv.url(), ca_file=str(files.ca), client_cert=str(cert), client_key=str(key))
    assert step(rep, "tls").status == "ok"
    assert rep.cause == "client_cert_rejected" and step(rep, "http", "fail").data["client_cert_page"]


def test_a_400_without_a_certificate_request_stays_the_servers_own(good_files: certs.ScenarioFiles) -> None:
    """The control: the same page from a server that asked for no certificate."""
    answer = b"HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\n\r\n" % len(_NGINX_496) + _NGINX_496
    with tls_server(good_files.chain, good_files.key, response=answer) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    assert rep.cause == "http_status_from_server" and step(rep, "http").status == "warn"


def test_a_tls_port_given_as_the_proxy_for_plain_http_is_named(good_files: certs.ScenarioFiles) -> None:
    """The same for an http:// target, forwarded: was "the proxy takes the forward request
    and closes the connection without an answer, on every try"."""
    with tls_server(good_files.chain, good_files.key) as https_port:
        rep = check("http://localhost:9/", proxy=f"http://127.0.0.1:{https_port.port}")
    found = step(rep, "http", "fail")
    assert rep.cause == "proxy_refused" and "the same port answers a TLS handshake" in found.detail
    assert "`--proxy http://<host>:<port>`" in found.data["next_step"]
