"""Faults of the ninth audit, against real proxies and raw sockets on loopback: a refusal
that comes from a proxy behind the configured one (two real CONNECT proxies chained)."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from assistant.answers.check import build_check_doc
from assistant.diagnostics.model import CheckReport, Finding
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, step
from tests.support.proxy import ProxyProcess
from tests.support.servers import (
    LoopbackServer,
    answering_proxy,
    free_port,
    http_handler,
    read_request,
    server_context,
    tls_handler,
)

TARGET = "https://localhost:1/sap/bc/ping"  # never reached: the proxies refuse first


def next_step(report: CheckReport, kb: KnowledgeBase) -> str:
    return next(line for line in build_check_doc(report, kb).verdict.split("\n\n")
                if line.startswith("**Next step:**"))


# ------------------------------------------------------------------ a chain of two proxies


@pytest.mark.parametrize(("mode", "status"), [("deny403", 403), ("bad502", 502), ("squid503", 503)])
def test_a_refusal_by_the_upstream_proxy_is_named_as_the_upstreams(mode: str, status: int,
                                                                   bundled_kb: KnowledgeBase) -> None:
    """ours (edge.test) → corporate (corp-proxy.test) refuses: both add their Via entries."""
    with ProxyProcess(mode, name="corp-proxy.test") as corp, \
            ProxyProcess(upstream=corp.port, name="edge.test") as edge:
        rep = check(TARGET, proxy=edge.url)
    proxy = step(rep, "proxy", "fail")
    assert proxy.data["status"] == status
    assert (rep.cause, rep.sclnt_http) == ("proxy_http_error", "SCLNT_HTTP426")  # SAP gets it from its proxy
    assert proxy.detail.startswith(f"an upstream proxy behind 127.0.0.1:{edge.port} (corp-proxy.test) refused")
    assert "Via header lists 2 proxies, farthest first: 1.1 corp-proxy.test, 1.1 edge.test" in proxy.detail
    assert f"The upstream proxy answered {status}" in proxy.detail and "proxy 127.0.0.1" not in proxy.detail
    assert proxy.data["answered_by"] == "upstream_proxy"
    assert proxy.data["upstream_proxy"]["hop"] == "corp-proxy.test"
    text = next_step(rep, bundled_kb)
    assert "not from 127.0.0.1" in text and "which proxy it forwards to" in text


def test_the_upstreams_logon_request_is_named_as_the_upstreams(bundled_kb: KnowledgeBase) -> None:
    with ProxyProcess(user="corp", password="s3cret-corp", name="corp-proxy.test") as corp, \
            ProxyProcess(upstream=corp.port, name="edge.test") as edge:
        rep = check(TARGET, proxy=edge.url)
    proxy = step(rep, "proxy", "fail")
    assert (rep.cause, rep.sclnt_http) == ("proxy_auth_failed", "SCLNT_HTTP416")
    assert f"the logon is asked by an upstream proxy behind 127.0.0.1:{edge.port} (corp-proxy.test)" in proxy.detail
    assert "how it logs on to its upstream" in next_step(rep, bundled_kb)


def test_an_answer_written_upstream_and_relayed_names_its_author() -> None:
    """The corporate proxy adds no Via, but says who it is (Squid's X-Cache); our proxy
    relays it with its own Via entry: the author is not the relay."""
    with answering_proxy(b"403 Forbidden", b"X-Squid-Error: ERR_ACCESS_DENIED 0\r\n"
                         b"X-Cache: MISS from corp-proxy.test\r\n") as corp, \
            ProxyProcess(upstream=corp.port, name="edge.test") as edge:
        rep = check(TARGET, proxy=edge.url)
    proxy = step(rep, "proxy", "fail")
    assert proxy.data["upstream_proxy"]["evidence"] == "other_author"
    assert "written by corp-proxy.test and relayed by edge.test" in proxy.detail


def test_an_unreachable_upstream_is_the_configured_proxys_own_answer(bundled_kb: KnowledgeBase) -> None:
    """Our proxy cannot reach the proxy it forwards to and says so on its page."""
    with ProxyProcess(upstream=free_port(), name="edge.test") as edge:  # nothing listens there
        rep = check(TARGET, proxy=edge.url)
    proxy = step(rep, "proxy", "fail")
    assert proxy.data["status"] == 502 and proxy.data["answered_by"] == "proxy"
    assert "its page speaks of its upstream proxy" in proxy.detail
    assert proxy.detail.startswith(f"proxy 127.0.0.1:{edge.port} answered 502")
    assert "whether its upstream (parent) proxy is up" in next_step(rep, bundled_kb)


def test_squids_cannot_forward_names_the_parent() -> None:
    with answering_proxy(b"503 Service Unavailable", b"X-Squid-Error: ERR_CANNOT_FORWARD 0\r\n") as edge:
        rep = check(TARGET, proxy=f"http://127.0.0.1:{edge.port}")
    proxy = step(rep, "proxy", "fail")
    assert "no upstream (parent) proxy it may use answered" in proxy.detail
    assert proxy.data["upstream_proxy"]["evidence"] == "upstream_failed"


@pytest.mark.parametrize("headers", [
    b"Via: 1.1 edge.test\r\nX-Cache: MISS from edge.test\r\n",  # its own page, its own names
    b"Server: gw corp-proxy.test\r\n",  # another name, no Via: may be the proxy's own alias
    b"Via: 1.1 edge.test (squid/6.6, build 2)\r\n",  # a comma inside the comment is no second hop
])
def test_a_single_proxys_own_refusal_is_not_called_an_upstreams(headers: bytes) -> None:
    with answering_proxy(b"403 Forbidden", headers) as edge:
        rep = check(TARGET, proxy=f"http://127.0.0.1:{edge.port}")
    proxy = step(rep, "proxy", "fail")
    assert "upstream" not in proxy.detail and "upstream_proxy" not in proxy.data
    assert proxy.detail.startswith(f"proxy 127.0.0.1:{edge.port} answered 403 Forbidden")


def test_a_proxy_that_never_ends_its_page_does_not_hold_the_check() -> None:
    """Content-Length larger than what comes, connection left open: the page read stops
    at its own bound, well within the check's budget."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        if read_request(conn):
            conn.sendall(b"HTTP/1.1 403 Forbidden\r\nVia: 1.1 a.test, 1.1 b.test\r\n"
                         b"Content-Length: 9999\r\n\r\n<p>denied")
            time.sleep(3)

    with LoopbackServer(handle) as edge:
        rep = check(TARGET, proxy=f"http://127.0.0.1:{edge.port}", timeout=5.0)
    proxy = step(rep, "proxy", "fail")
    assert proxy.data["answered_by"] == "upstream_proxy"
    assert proxy.elapsed_ms < 2000


# ------------------------------------------------------------------ a name whose addresses disagree


def _connect_all(addresses: list[tuple[int, tuple[str, int]]]) -> Finding:
    from assistant.diagnostics.connect import connect_any, connect_finding, try_other_addresses
    from assistant.diagnostics.deadline import Deadline

    deadline = Deadline(3.0)
    result = connect_any(addresses, deadline)
    try_other_addresses(result, addresses, deadline)
    assert result.sock is not None
    result.sock.close()
    return connect_finding(result)


@pytest.mark.parametrize("dead_first", [True, False], ids=["dead-first", "dead-later"])
def test_one_of_two_addresses_refusing_is_counted_and_named(dead_first: bool) -> None:
    with LoopbackServer(http_handler()) as srv:
        live = (socket.AF_INET, ("127.0.0.1", srv.port))
        dead = (socket.AF_INET, ("127.0.0.2", srv.port))  # loopback, nothing listens there
        found = _connect_all([dead, live] if dead_first else [live, dead])
    assert found.status == "warn" and found.cause == "connection_refused"
    assert found.detail.startswith(f"1 of 2 addresses of the name refuses the connection (127.0.0.2:{srv.port})")
    assert (found.data["addresses_failed"], found.data["addresses_tried"]) == ([f"127.0.0.2:{srv.port}"], 2)
    assert f"2 addresses refuse the connection (127.0.0.2:{srv.port})" in found.data["next_step"]


def test_two_of_three_addresses_refusing_are_all_named() -> None:
    with LoopbackServer(http_handler(), host="127.0.0.3") as srv:
        addresses = [(socket.AF_INET, (host, srv.port)) for host in ("127.0.0.3", "127.0.0.4", "127.0.0.5")]
        found = _connect_all(addresses)
    assert found.detail.startswith(
        f"2 of 3 addresses of the name refuse the connection (127.0.0.4:{srv.port}, 127.0.0.5:{srv.port})")
    assert "a client that takes one of them fails (SCLNT_HTTP411)" in found.detail


def _tls_at(files: certs.ScenarioFiles, host: str, port: int = 0) -> LoopbackServer:
    return LoopbackServer(tls_handler(server_context(files.chain, files.key)), host=host, port=port)


@pytest.mark.parametrize("bad", ["expired", "wrong_host"])
def test_an_address_with_another_certificate_is_named(bad: str, good_files: certs.ScenarioFiles,
                                                      tmp_path: Path) -> None:
    """Two nodes behind one name, on 127.0.0.1 and 127.0.0.2 at the same port: the check
    verified the good one; the other presents an expired certificate or one for another
    name, read with a read-only handshake."""
    from assistant.diagnostics.deadline import Deadline
    from assistant.diagnostics.siblings import read_siblings, sibling_finding

    scenario = certs.expired_leaf() if bad == "expired" else certs.wrong_host()
    other = scenario.write(tmp_path / bad)
    with _tls_at(good_files, "127.0.0.1") as good, _tls_at(other, "127.0.0.2", good.port) as node:
        read = read_siblings([(socket.AF_INET, ("127.0.0.2", node.port))], "localhost", Deadline(3.0))
    assert len(read) == 1 and node.connections == 1
    trust = tuple(c.public_bytes(Encoding.DER) for c in x509.load_pem_x509_certificates(good_files.ca.read_bytes()))
    verified_leaf = x509.load_pem_x509_certificate(good_files.leaf.read_bytes()).public_bytes(Encoding.DER)
    found = sibling_finding(read, verified_leaf, f"127.0.0.1:{good.port}", host="localhost", trust_der=trust)
    assert found is not None and found.status == "warn"
    assert found.detail.startswith(f"1 of 2 addresses of the name (127.0.0.2:{node.port}) presents another "
                                   f"certificate than the one verified at 127.0.0.1:{good.port}")
    expected = {"expired": ("server_cert_expired", "expired"), "wrong_host": ("hostname_mismatch", "localhost")}
    cause, word = expected[bad]
    assert found.cause == cause and word in found.detail, found.detail
    assert found.data["addresses_differing"] == [f"127.0.0.2:{node.port}"]


def test_addresses_with_the_same_certificate_say_nothing(good_files: certs.ScenarioFiles) -> None:
    from assistant.diagnostics.deadline import Deadline
    from assistant.diagnostics.siblings import read_siblings, sibling_finding

    with _tls_at(good_files, "127.0.0.1") as good, _tls_at(good_files, "127.0.0.2", good.port) as node:
        read = read_siblings([(socket.AF_INET, ("127.0.0.2", node.port))], "localhost", Deadline(3.0))
    leaf = x509.load_pem_x509_certificate(good_files.leaf.read_bytes()).public_bytes(Encoding.DER)
    assert len(read) == 1 and read[0].chain_der[0] == leaf
    assert sibling_finding(read, leaf, f"127.0.0.1:{good.port}", host="localhost", trust_der=None) is None
