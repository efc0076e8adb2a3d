"""Faults of the twelfth audit (docs/check_scenarios.md): proxies and middle boxes, each
run against real parts on loopback — a TLS-inspecting proxy (tests/support/proxy.py), raw
socket proxies that answer the CONNECT in odd shapes, a proxy that asks for Basic, and a
port where the connect hangs."""

from __future__ import annotations

import base64
import contextlib
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, next_step, step
from tests.support.proxy import ProxyProcess, _relay
from tests.support.servers import (
    HTTP_OK,
    LoopbackServer,
    read_request,
    server_context,
    tls_server,
    unanswered_connect_port,
)

# ------------------------------------------------------------------ an inspecting proxy, target only behind it


@pytest.fixture()
def inspecting_proxy(tmp_path: Path) -> Iterator[tuple[ProxyProcess, certs.Bundle]]:
    """A proxy that re-signs with its own CA, for a target name only it can reach."""
    corp_root = certs.make_root("sapassist Corp Inspection Root CA")
    corp_leaf = certs.make_leaf(corp_root, key_label="faults12:inspection-leaf",
                                sans=("localhost", "partner.sapassist.test"))
    chain, key = corp_leaf.write(tmp_path, "inspection")
    with ProxyProcess("intercept", intercept=(chain, key), any_name=True) as proxy:
        yield proxy, corp_root


def test_an_inspecting_proxy_that_cannot_be_compared_is_named_as_one_reading(
        good_files: certs.ScenarioFiles, inspecting_proxy: tuple[ProxyProcess, certs.Bundle],
        bundled_kb: KnowledgeBase) -> None:
    """The target resolves only behind the proxy, so no direct handshake can show the real
    certificate: the proxy's CA looks like any untrusted root. The check keeps that cause
    and 421, but says the CA may be the proxy's and asks whose it is before the import —
    importing an inspection CA trusts whatever the proxy re-signs. Was: "import the root
    CA", the proxy not mentioned."""
    proxy, corp_root = inspecting_proxy
    with tls_server(good_files.chain, good_files.key) as srv:
        rep = check(srv.url(host="partner.sapassist.test"), ca_file=str(good_files.ca), proxy=proxy.url)
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "server_cert_untrusted", "SCLNT_HTTP421")
    hedge = next(f for f in rep.findings if f.step == "chain" and f.data.get("interception_possible"))
    assert hedge.status == "warn" and hedge.data["issuer_via_proxy"] == corp_root.subject
    assert proxy.url.removeprefix("http://") in hedge.detail and "TLS-inspecting proxy" in hedge.detail
    text = next_step(rep, bundled_kb)
    assert f"find out whose CA `{corp_root.subject}` is" in text
    assert "exempt this host from inspection" in text and "If it is the target's CA, import it" in text
    from assistant.services.checkjson import build_check_knowledge, next_step_json

    as_json = next_step_json(rep, build_check_knowledge(bundled_kb))
    assert as_json is not None and as_json["from"] == "finding" and as_json["text"].startswith("find out whose CA")


def test_the_target_reachable_directly_too_still_says_interception_outright(
        good_files: certs.ScenarioFiles, inspecting_proxy: tuple[ProxyProcess, certs.Bundle]) -> None:
    """When the direct comparison works, the cause is `tls_interception` as before (faults2)
    and no hedge is added next to it."""
    proxy, _ = inspecting_proxy
    with tls_server(good_files.chain, good_files.key) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca), proxy=proxy.url)
    assert rep.cause == "tls_interception"
    assert not any(f.data.get("interception_possible") for f in rep.findings)


# ------------------------------------------------------------------ the proxy's 200 in odd shapes


def raw_proxy(answer: bytes, *, greeting_first: bool = False) -> LoopbackServer:
    """A CONNECT proxy that answers every CONNECT with `answer` (bytes as given) and then
    carries the tunnel to the loopback port named; `greeting_first`: whatever the target
    says at once goes out in the same write as the 200 (so it waits in the tunnel)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        request = read_request(conn)
        if not request.startswith(b"CONNECT "):
            return
        port = int(request.split(b" ")[1].rsplit(b":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as upstream:
            said = upstream.recv(4096) if greeting_first else b""
            conn.sendall(answer + said)
            _relay(conn, upstream, idle=5)
    return LoopbackServer(handle)


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 200 Connection established\n\n",
    b"HTTP/1.1 200 Connection established\nProxy-Agent: tiny/1\n\n",
], ids=["lf-only", "lf-only-with-header"])
def test_a_200_whose_lines_end_in_lf_alone_opens_the_tunnel(good: tuple[LoopbackServer, Path], answer: bytes) -> None:
    """RFC 9112 2.2 lets a reader accept LF alone; the check did not and waited for a CRLF
    that never came — "the proxy did not answer the CONNECT in time" (402), wrong. Now the
    tunnel is used and the odd line ends are noted."""
    srv, ca = good
    with raw_proxy(answer) as proxy:
        rep = check(srv.url(), ca_file=str(ca), proxy=f"http://127.0.0.1:{proxy.port}")
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings]
    p = step(rep, "proxy", "ok")
    assert p.data["line_ends"] == "LF" and "LF alone" in p.detail and "not known here" in p.detail


@pytest.mark.parametrize("answer", [
    b"HTTP/1.0 200 Connection established\r\n\r\n",
    b"HTTP/1.1 200\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nProxy-Agent: corp/2\r\nVia: 1.1 corp\r\nContent-Length: 0\r\n\r\n",
], ids=["http10", "no-reason", "extra-headers"])
def test_a_200_in_other_legal_shapes_opens_the_tunnel(good: tuple[LoopbackServer, Path], answer: bytes) -> None:
    """Already right before this audit (pinned): HTTP/1.0, no reason phrase, extra headers."""
    srv, ca = good
    with raw_proxy(answer) as proxy:
        rep = check(srv.url(), ca_file=str(ca), proxy=f"http://127.0.0.1:{proxy.port}")
    assert rep.verdict == "ok" and "LF alone" not in step(rep, "proxy", "ok").detail


PAGE = b"<html><body>Welcome to the corporate gateway</body></html>"


@pytest.mark.parametrize(("answer", "announced"), [
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(PAGE) + PAGE,
     f"Content-Length: {len(PAGE)}"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE, None),
], ids=["announced", "unannounced"])
def test_a_200_with_a_body_is_the_proxys_fault_not_the_ports(good: tuple[LoopbackServer, Path], answer: bytes,
                                                             announced: str | None,
                                                             bundled_kb: KnowledgeBase) -> None:
    """The proxy's page lands in the tunnel ahead of the server's answer (RFC 9110 9.3.6: a
    client ignores Content-Length on a 2xx to CONNECT), and the TLS handshake reads HTML.
    Was: `no_tls_on_port`, "use the server's HTTPS port" — the port was right."""
    srv, ca = good
    with raw_proxy(answer) as proxy:
        rep = check(srv.url(), ca_file=str(ca), proxy=f"http://127.0.0.1:{proxy.port}")
    p = step(rep, "proxy", "fail")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "proxy_http_error", None)
    assert p.data["early_bytes"] == len(PAGE) and p.data.get("announced") == announced
    assert "with a body" in p.detail
    tls = step(rep, "tls", "fail")
    assert f"tunnel of the proxy 127.0.0.1:{proxy.port}" in tls.detail
    text = next_step(rep, bundled_kb)
    assert "bare 200" in text and "HTTPS port" not in text and "RFC 9110" in text


def test_a_target_that_greets_first_through_the_tunnel_is_left_to_the_tls_step() -> None:
    """Bytes in the tunnel that are an SSH greeting are the target's, not a proxy page."""
    def ssh(conn: socket.socket, server: LoopbackServer) -> None:
        conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")
        server.stop_event.wait(2)

    with LoopbackServer(ssh) as target, raw_proxy(b"HTTP/1.1 200 Connection established\r\n\r\n",
                                                  greeting_first=True) as proxy:
        rep = check(f"https://localhost:{target.port}/", proxy=f"http://127.0.0.1:{proxy.port}", timeout=2)
    assert step(rep, "proxy").status == "ok" and rep.cause != "proxy_http_error"
    assert rep.cause == "no_tls_on_port" and "tunnel of the proxy" in step(rep, "tls", "fail").detail


# ------------------------------------------------------------------ Basic: the password goes to the proxy only


@contextlib.contextmanager
def recording_tls_target(files: certs.ScenarioFiles) -> Iterator[tuple[LoopbackServer, bytearray]]:
    """An HTTPS server that keeps every decrypted byte its clients send."""
    ctx = server_context(files.chain, files.key)
    seen = bytearray()
    lock = threading.Lock()

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        conn.settimeout(3)
        with contextlib.suppress(OSError, ssl.SSLError), ctx.wrap_socket(conn, server_side=True) as tls:
            request = read_request(tls)
            with lock:
                seen.extend(request)
            tls.sendall(HTTP_OK)

    with LoopbackServer(handle) as srv:
        yield srv, seen


def test_the_proxy_password_goes_to_the_proxy_and_nowhere_else(good_files: certs.ScenarioFiles) -> None:
    """Through a Basic proxy: no credentials → 407 (416), wrong → 407 again, right → the
    call works; the target behind the tunnel never sees the password or the Basic token
    (--proxy-user without --proxy is refused before anything is sent: options.py), and the
    report holds neither. Already right before this audit (pinned here over the wire)."""
    user, password = "svc_sap", "Tunn3l-Secret"
    token = base64.b64encode(f"{user}:{password}".encode())
    with recording_tls_target(good_files) as (srv, seen), ProxyProcess("ok", user, password) as proxy:
        without = check(srv.url(), ca_file=str(good_files.ca), proxy=proxy.url)
        wrong = check(srv.url(), ca_file=str(good_files.ca), proxy=proxy.url, proxy_user=f"{user}:nope")
        right = check(srv.url(), ca_file=str(good_files.ca), proxy=proxy.url, proxy_user=f"{user}:{password}")
    assert [r.cause for r in (without, wrong)] == ["proxy_auth_failed"] * 2
    assert [r.sclnt_http for r in (without, wrong)] == ["SCLNT_HTTP416"] * 2
    assert right.verdict == "ok"
    assert b"GET " in seen, bytes(seen)  # the target did get the request
    assert password.encode() not in seen and token not in seen and b"proxy-authorization" not in seen.lower()
    for rep in (without, wrong, right):
        assert password not in json.dumps(rep.to_json())


# ------------------------------------------------------------------ a target only a proxy reaches, no --proxy


def test_a_direct_connect_that_hangs_asks_whether_a_proxy_is_needed(bundled_kb: KnowledgeBase,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """No --proxy and the connect hangs (a firewall drops it): the next step asks first
    whether the SAP system goes through a proxy, and names the one this machine's
    environment points at — without its user and password. Was: only "curl from the
    application server", the proxy never mentioned."""
    monkeypatch.setenv("HTTPS_PROXY", "http://alice:Env-Pr0xy-Pw@proxy.corp.example:3128")
    with unanswered_connect_port() as port:
        rep = check(f"https://127.0.0.1:{port}/sap/bc/ping", timeout=1.5)
    assert (rep.cause, rep.sclnt_http) == ("connect_timeout", "SCLNT_HTTP402")
    connect = step(rep, "connect", "fail")
    assert connect.data["proxy_suggested"] is True
    assert connect.data["environment_proxy"] == "http://proxy.corp.example:3128 (HTTPS_PROXY)"
    text = next_step(rep, bundled_kb)
    assert text.index("--proxy") < text.index("curl -v --connect-timeout")
    assert "SICF → Client → Proxy Settings" in text and "proxy.corp.example:3128" in text
    assert "Env-Pr0xy-Pw" not in json.dumps(rep.to_json()) and "alice" not in json.dumps(rep.to_json())
    assert step(rep, "proxy").detail == "no proxy given (direct connection)"


def test_an_environment_proxy_the_host_bypasses_is_not_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("https_proxy", "proxy.corp.example:3128")
    monkeypatch.setenv("no_proxy", "localhost,127.0.0.1")
    with unanswered_connect_port() as port:
        rep = check(f"https://127.0.0.1:{port}/", timeout=1.0)
    connect = step(rep, "connect", "fail")
    assert connect.data["proxy_suggested"] is True and "environment_proxy" not in connect.data


def test_a_refused_port_asks_no_proxy_question() -> None:
    """A refusal is an answer from the target's host: no proxy question (and a proxy step
    that is skipped as before)."""
    from tests.support.servers import free_port

    rep = check(f"https://127.0.0.1:{free_port()}/")
    assert rep.cause == "connection_refused" and "proxy_suggested" not in step(rep, "connect").data
    assert step(rep, "proxy").detail == "no proxy (direct connection)"


def test_a_server_that_ends_its_lines_in_lf_alone_is_read_not_taken_for_silent() -> None:
    # RFC 9112 2.2 lets a recipient accept LF alone; the HTTP step waited for CRLF CRLF and
    # called such a server silent until the check's time ran out.
    from tests.support.checks import check, step
    from tests.support.servers import LoopbackServer, http_handler

    answer = b"HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 2\nConnection: close\n\nok"
    with LoopbackServer(http_handler(answer)) as srv:
        report = check(f"http://127.0.0.1:{srv.port}/ping", timeout=3.0)
    found = step(report, "http")
    assert found.status == "ok", found.to_json()
    assert "200" in found.detail
