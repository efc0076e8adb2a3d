"""Faults of the eighth audit, against a real proxy and raw sockets on loopback: the proxy's
own answers to a forwarded http:// request (a 403 by policy, a 407 for the proxy logon)
told from the server's, and a CONNECT tunnel the proxy opens and then does not carry."""

from __future__ import annotations

import socket

import pytest

from assistant.answers.check import build_check_doc
from assistant.diagnostics.model import CheckReport
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.checks import check, step
from tests.support.proxy import ProxyProcess
from tests.support.servers import LoopbackServer, answering_proxy, read_request


def next_step(report: CheckReport, kb: KnowledgeBase) -> str:
    return next(line for line in build_check_doc(report, kb).verdict.split("\n\n") if line.startswith("**Next step:**"))


def _origin(status: bytes) -> LoopbackServer:
    """A plain HTTP server that answers every request with `status` (relayed by the proxy)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        if read_request(conn):
            conn.sendall(b"HTTP/1.1 " + status + b"\r\nServer: origin\r\nContent-Length: 0\r\n\r\n")
    return LoopbackServer(handle)


# ------------------------------------------------------------------ a forward proxy's own 403 for http://


def test_a_403_through_a_forward_proxy_may_be_the_proxys(bundled_kb: KnowledgeBase) -> None:
    """The proxy denies the target with a bare 403: not called the server's own answer,
    no cause claimed, and the next step finds out who answered."""
    with ProxyProcess("deny403") as proxy:
        rep = check("http://localhost:1/sap/bc/ping", proxy=proxy.url)
    http = step(rep, "http", "warn")
    assert http.data["answered_by"] == "unknown" and "may be the proxy's own" in http.detail
    assert "rules deny the target" in http.detail and "Nothing in this answer tells which" in http.detail
    assert "the server answered" not in http.detail and "server's own answer" not in http.detail
    assert (rep.cause, rep.sclnt_http) == (None, None)
    text = next_step(rep, bundled_kb)
    assert "Find out who answered 403" in text and "proxy's log" in text and "allow this host and port" in text
    assert "could not reach the target" not in text  # a 403 is no gateway failure


@pytest.mark.parametrize(("headers", "page", "sign"), [
    (b"X-Squid-Error: ERR_ACCESS_DENIED 0\r\nServer: squid/6.6\r\n", b"", "X-Squid-Error ERR_ACCESS_DENIED"),
    (b"Server: gw 127.0.0.1\r\n", b"", "its Server header names the proxy: gw 127.0.0.1"),
    (b"Content-Type: text/html\r\n", b"<p>Access denied by policy on 127.0.0.1</p>",
     "its error page names the proxy's host 127.0.0.1"),
])
def test_a_403_that_names_the_proxy_is_the_proxys(headers: bytes, page: bytes, sign: str,
                                                  bundled_kb: KnowledgeBase) -> None:
    with answering_proxy(b"403 Forbidden", headers, page) as proxy:
        rep = check("http://localhost:1/sap/bc/ping", proxy=f"http://127.0.0.1:{proxy.port}")
    http = step(rep, "http", "fail")
    assert (rep.cause, rep.sclnt_http, http.sclnt_http) == ("proxy_http_error", None, None)
    assert sign in http.detail and "known for a proxy's answer to the CONNECT" in http.detail
    assert "allow this host and port" in next_step(rep, bundled_kb)
    cause_line = next(line for line in build_check_doc(rep, bundled_kb).verdict.split("\n\n")
                      if line.startswith("**Cause:**"))
    assert "forwarded request" in cause_line and "answered the CONNECT" not in cause_line  # no CONNECT was sent


def test_any_error_page_with_x_squid_error_is_the_proxys() -> None:
    """Squid's own page for a target it will not take (400 ERR_INVALID_URL) is not the server's."""
    with answering_proxy(b"400 Bad Request", b"X-Squid-Error: ERR_INVALID_URL 0\r\n") as proxy:
        rep = check("http://localhost:1/sap/bc/ping", proxy=f"http://127.0.0.1:{proxy.port}")
    http = step(rep, "http", "fail")
    assert (rep.cause, http.sclnt_http) == ("proxy_http_error", None)
    assert "rejected the target address as invalid" in http.detail and "server's own answer" not in http.detail


@pytest.mark.parametrize(("status", "answered"), [(b"403 Forbidden", "unknown"), (b"404 Not Found", None)])
def test_the_servers_own_status_relayed_by_the_proxy(status: bytes, answered: str | None) -> None:
    """A 403 relayed from the server carries nothing that tells it from the proxy's own:
    undecided, its Server header shown; a 404 is no status a proxy answers itself: the server's."""
    with _origin(status) as srv, ProxyProcess() as proxy:
        rep = check(srv.url("/sap/bc/ping", scheme="http"), proxy=proxy.url)
    http = step(rep, "http", "warn")
    assert http.data.get("answered_by") == answered and "Server" in http.detail and "origin" in http.detail
    if answered is None:
        assert "the server answered HTTP/1.1 404" in http.detail and rep.cause == "http_status_from_server"


# ------------------------------------------------------------------ a forwarded 407 (the proxy logon for http://)


@pytest.mark.parametrize("user", [None, "u:wrong-secret-pw"], ids=["no-logon", "wrong-logon"])
def test_a_forwarded_407_names_the_proxy_logon_but_no_sap_message(user: str | None, bundled_kb: KnowledgeBase) -> None:
    """No source ties SCLNT_HTTP416 to a plain http:// request: the cause stays (the proxy
    logon), the message is not claimed, and the next step points to the HTTP proxy user."""
    with ProxyProcess("ok", user="u", password="right-pw") as proxy:
        rep = check("http://localhost:1/sap/bc/ping", proxy=proxy.url, proxy_user=user)
    http = step(rep, "http", "fail")
    assert (rep.cause, rep.sclnt_http, http.sclnt_http) == ("proxy_auth_failed", None, None)
    assert "Proxy-Authenticate: Basic" in http.detail and "no source found" in http.detail
    assert "wrong-secret-pw" not in http.detail + str(http.data)
    doc = build_check_doc(rep, bundled_kb)
    assert "names no SCLNT_HTTP message" in doc.verdict
    assert "SCLNT_HTTP416" not in doc.verdict.split("**Next step:**")[0]
    text = next_step(rep, bundled_kb)
    assert "logon for plain http://" in text and "SICF → Client → Proxy Settings" in text


def test_a_407_to_the_connect_keeps_416() -> None:
    with ProxyProcess("ok", user="u", password="right-pw") as proxy:
        rep = check("https://localhost:1/sap/bc/ping", proxy=proxy.url)
    assert (rep.cause, rep.sclnt_http) == ("proxy_auth_failed", "SCLNT_HTTP416")
    assert "no source found" not in step(rep, "proxy", "fail").detail


# ------------------------------------------------------------------ a tunnel opened (CONNECT 200) and then not carried


def _tunnel_then(action: str) -> LoopbackServer:
    """A proxy that answers every CONNECT with 200 and then closes the tunnel at once
    (`close`), or answers `HTTP/1.0 200` and carries nothing (`stall`)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        if not read_request(conn):
            return
        version = b"1.0" if action == "stall" else b"1.1"
        conn.sendall(b"HTTP/" + version + b" 200 Connection established\r\n\r\n")
        if action == "stall":
            server.stop_event.wait(10)
    return LoopbackServer(handle)


@pytest.mark.parametrize(("action", "cause", "said"), [
    ("close", "connection_broken", "was closed during the handshake"),
    ("stall", "server_timeout", "no TLS answer came through it"),
])
def test_a_tunnel_the_proxy_opens_and_does_not_carry_names_the_proxy(action: str, cause: str, said: str,
                                                                    bundled_kb: KnowledgeBase) -> None:
    """CONNECT answered with 200, then the tunnel is cut before any TLS byte, or stays
    silent: the proxy may be the author as well as the target — not 'the server accepted
    the TCP connection' (nothing here saw the server) — and the next step starts at the
    proxy's log."""
    with _tunnel_then(action) as proxy:
        rep = check("https://localhost:1/sap/bc/ping", proxy=f"http://127.0.0.1:{proxy.port}", timeout=1.5)
    assert step(rep, "proxy", "ok").data["status"] == 200
    tls = step(rep, "tls", "fail")
    assert rep.cause == cause and said in tls.detail and f"127.0.0.1:{proxy.port}" in tls.detail
    assert "the server accepted the TCP connection" not in tls.detail
    assert "the server closed or reset" not in tls.detail
    text = next_step(rep, bundled_kb)
    assert "The proxy said 200 to the CONNECT" in text and "proxy's log" in text
    assert f"curl -v -x http://127.0.0.1:{proxy.port}" in text
