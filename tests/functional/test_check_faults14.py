"""Faults of the fourteenth audit (docs/check_scenarios.md, fifth table), against real
parts on loopback: servers that answer slowly or only in part, names with a final dot,
proxies in odd roles, servers that pick by SNI, servers that ask for a client
certificate, answers that come from something other than the server. Each test failed
before its fix (where the row says "was:")."""

from __future__ import annotations

import socket
import sys
import time

import pytest

from assistant.diagnostics.tcpinfo import tcp_reading
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.checks import check, next_step, step
from tests.support.servers import LoopbackServer, read_request

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
