"""Faults of the third audit, against real loopback servers: each test pins what an SAP
Basis expert would say (message, cause, next step) where the check said too little."""

from __future__ import annotations

import contextlib
import itertools
import socket

import pytest

from assistant.answers.check import build_check_doc
from assistant.diagnostics.model import CheckReport
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, step
from tests.support.proxy import ProxyProcess
from tests.support.servers import HTTP_OK, LoopbackServer, read_request, server_context


def next_step(report: CheckReport, kb: KnowledgeBase) -> str:
    verdict = build_check_doc(report, kb).verdict
    return next(line for line in verdict.split("\n\n") if line.startswith("**Next step:**"))


# ------------------------------------------------------------------ a request that breaks


def _tls_answering(files: certs.ScenarioFiles, answer):  # type: ignore[no-untyped-def]
    """A TLS server that hands the n-th request (1, 2, …) to `answer(tls, n)`; the
    observations' handshakes send no request and are not counted."""
    requests = itertools.count(1)

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        ctx = server_context(files.chain, files.key)
        with ctx.wrap_socket(conn, server_side=True) as tls:
            if read_request(tls):
                answer(tls, next(requests))

    return LoopbackServer(handle)


def _close(tls) -> None:  # type: ignore[no-untyped-def]
    with contextlib.suppress(OSError):
        tls.unwrap()  # a clean close, without a word


def test_close_on_every_request_is_the_servers_refusal_not_a_drop(good_files: certs.ScenarioFiles,
                                                                   bundled_kb: KnowledgeBase) -> None:
    with _tls_answering(good_files, lambda tls, n: _close(tls)) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    http = step(rep, "http", "fail")
    assert (http.cause, http.sclnt_http, http.data["broke_again"]) == ("connection_broken", "SCLNT_HTTP401", True)
    text = next_step(rep, bundled_kb)
    assert "on every try" in text and "WAF" in text and "sporadic" in text  # "no sporadic network drop"
    assert "If it is sporadic" not in text


def test_close_on_the_first_request_only_stays_sporadic(good_files: certs.ScenarioFiles,
                                                        bundled_kb: KnowledgeBase) -> None:
    def answer(tls, n: int) -> None:  # type: ignore[no-untyped-def]
        if n == 1:
            _close(tls)
        else:
            tls.sendall(HTTP_OK)

    with _tls_answering(good_files, answer) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    http = step(rep, "http", "fail")
    assert http.data["broke_again"] is False and "was answered (HTTP/1.1 200)" in http.detail
    assert "If it is sporadic" in next_step(rep, bundled_kb)


def test_body_cut_short_on_every_try_asks_the_server_owner(good_files: certs.ScenarioFiles,
                                                           bundled_kb: KnowledgeBase) -> None:
    short = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\npartial"
    def answer(tls, n: int) -> None:  # type: ignore[no-untyped-def]
        tls.sendall(short)
        _close(tls)

    with _tls_answering(good_files, answer) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    assert step(rep, "http", "fail").data["broke_again"] is True
    text = next_step(rep, bundled_kb)
    assert "cut short on every try" in text and "7 of 1000 body bytes" in text and "Content-Length" in text


def _plain_close(conn: socket.socket, server: LoopbackServer) -> None:
    conn.recv(65536)  # whatever comes (a request, a ClientHello), then close without a word


def test_plain_http_closed_on_every_request_says_so(bundled_kb: KnowledgeBase) -> None:
    with LoopbackServer(_plain_close) as srv:
        rep = check(srv.url(scheme="http"))
    http = step(rep, "http", "fail")
    assert http.data["broke_again"] is True and "if this port expects TLS" in http.detail
    assert "accepts the TCP connection and then closes it on the request" in next_step(rep, bundled_kb)


def test_forward_proxy_closing_every_request_points_at_the_proxy(good: tuple[LoopbackServer, object],
                                                                 bundled_kb: KnowledgeBase) -> None:
    server, _ = good
    with ProxyProcess("close") as proxy:
        rep = check(server.url(scheme="http"), proxy=proxy.url)
    assert step(rep, "http", "fail").data["broke_again"] is True
    assert "The proxy takes the forward request" in next_step(rep, bundled_kb)


# ------------------------------------------------------------------ reset before connect() returned


@pytest.mark.parametrize(("tls", "message"), [(True, "SCLNT_HTTP407"), (False, "SCLNT_HTTP401")])
def test_reset_at_accept_has_a_next_step_of_its_own(tls: bool, message: str) -> None:
    """A reset that reaches our connect before it returns: loopback cannot make one on
    purpose (the race is the peer's accept against our poll), so the connect step's
    reading of such an attempt is checked on its record."""
    from assistant.diagnostics.connect import Attempt, ConnectResult, _kind, connect_finding

    assert _kind(ConnectionResetError(104, "Connection reset by peer")) == "reset"
    reset = Attempt("127.0.0.1", 4443, False, 0.3, "reset", "Connection reset by peer (ECONNRESET)")
    found = connect_finding(ConnectResult(None, None, [reset]), tls=tls)
    assert (found.status, found.cause, found.sclnt_http) == ("fail", "connection_broken", message)
    step_text = found.data["next_step"]
    assert "127.0.0.1:4443" in step_text and "firewall" in step_text and "load balancer" in step_text
    assert "SCLNT_HTTP411" in step_text and "sporadic" not in step_text


# ------------------------------------------------------------------ a proxy that closes on CONNECT


def test_proxy_closing_on_connect_claims_no_status_it_never_sent(good: tuple[LoopbackServer, object],
                                                                 bundled_kb: KnowledgeBase) -> None:
    server, ca = good
    with ProxyProcess("close") as proxy:
        rep = check(server.url(), ca_file=str(ca), proxy=proxy.url)
    found = step(rep, "proxy", "fail")
    assert (found.cause, found.sclnt_http) == ("proxy_refused", None)
    assert "without any answer" in found.detail and "not known here" in found.detail
    assert (rep.verdict, rep.sclnt_http) == ("error", None)
    assert "CONNECT tunnel" in next_step(rep, bundled_kb)
    assert "unexpected" not in build_check_doc(rep, bundled_kb).verdict.lower()


# ------------------------------------------------------------------ TLS 1.3 only


def test_tls13_only_server_next_step_is_about_tls13_in_sap(good_files: certs.ScenarioFiles,
                                                          bundled_kb: KnowledgeBase) -> None:
    import ssl

    from tests.support.servers import tls_server

    with tls_server(good_files.chain, good_files.key, min_version=ssl.TLSVersion.TLSv1_3) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("warning", "tls_version_or_cipher_mismatch", "SCLNT_HTTP407")
    text = next_step(rep, bundled_kb)
    assert "TLS 1.3" in text and "ssl/client_ciphersuites" in text and "accept TLS 1.2" in text
