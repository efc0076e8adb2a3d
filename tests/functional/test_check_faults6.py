"""Faults of the sixth audit, against real loopback servers: what the fifth audit saw
but did not fix (an absolute host name with a final dot, a forward proxy's 502/504 for
an http:// URL, the followed https address's own redirect, an expired cross-signed
root sent next to a valid path) and two server settings through the CLI."""

from __future__ import annotations

import socket

import pytest

from assistant.answers.check import build_check_doc
from assistant.diagnostics.model import CheckReport
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, step
from tests.support.proxy import ProxyProcess
from tests.support.servers import (
    LoopbackServer,
    answering_proxy,
    read_request,
    server_context,
    tls_handler,
)


def next_step(report: CheckReport, kb: KnowledgeBase) -> str:
    return next(line for line in build_check_doc(report, kb).verdict.split("\n\n") if line.startswith("**Next step:**"))


# ------------------------------------------------------------------ a host name with a final dot

NAME = "erp.sapassist.test"


def _named_files(tmp_path_factory: pytest.TempPathFactory, name: str) -> certs.ScenarioFiles:
    root, inter = certs.ca_pair()
    leaf = certs.make_leaf(inter, sans=(name,), key_label=f"faults6:{name}")
    return certs.Scenario("dot", leaf, [leaf, inter], [root]).write(tmp_path_factory.mktemp("dot"))


def _sni_strict(files: certs.ScenarioFiles) -> LoopbackServer:
    """Answers only the SNI name erp.sapassist.test (no dot); alert unrecognized_name else."""
    ctx = server_context(files.chain, files.key)
    ctx.sni_callback = lambda sock, name, _ctx: None if name == NAME else 112
    return LoopbackServer(tls_handler(ctx))


def test_a_final_dot_is_left_out_of_sni_and_the_name_check_and_named(
        tmp_path_factory: pytest.TempPathFactory, bundled_kb: KnowledgeBase) -> None:
    """The name resolves only at the proxy (anyname), as erp.sapassist.test. would in DNS."""
    files = _named_files(tmp_path_factory, NAME)
    with _sni_strict(files) as srv, ProxyProcess("anyname") as proxy:
        rep = check(f"https://{NAME}.:{srv.port}/sap/bc/ping", ca_file=str(files.ca), proxy=proxy.url)
    assert step(rep, "tls", "ok").detail.endswith(f"(SNI {NAME})")
    assert step(rep, "chain", "ok") and step(rep, "http", "ok")
    assert not [f for f in rep.findings if f.status == "fail"]
    dot = step(rep, "tls", "warn")
    assert f"{NAME}. ends with a dot" in dot.detail and "not documented" in dot.detail
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("warning", "destination_misconfigured", None)
    text = next_step(rep, bundled_kb)
    assert "remove the final dot" in text and f"Target Host {NAME}" in text


def test_a_final_dot_on_a_name_the_certificate_lacks_fails_alike_in_both_steps(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The verdict and the chain analysis judge the same name: both say mismatch."""
    files = _named_files(tmp_path_factory, "other.sapassist.test")
    with LoopbackServer(tls_handler(server_context(files.chain, files.key))) as srv, \
            ProxyProcess("anyname") as proxy:
        rep = check(f"https://{NAME}.:{srv.port}/", ca_file=str(files.ca), proxy=proxy.url)
    tls = step(rep, "tls", "fail")
    assert (rep.cause, rep.sclnt_http) == ("hostname_mismatch", "SCLNT_HTTP415")
    assert f"not valid for '{NAME}'" in tls.detail
    chain = step(rep, "chain", "fail")
    assert chain.cause == "hostname_mismatch"
    assert "found no cause" not in " ".join(f.detail for f in rep.findings)


def test_more_than_one_final_dot_is_refused_before_any_traffic() -> None:
    from assistant.diagnostics.target import TargetError, parse_target

    with pytest.raises(TargetError, match="invalid host name"):
        parse_target(f"https://{NAME}../")
    assert parse_target(f"https://{NAME}./").host == f"{NAME}."


# ------------------------------------------------------------------ a forward proxy's 502/504 for http://


@pytest.mark.parametrize("mode", ["bad502", "timeout504"])
def test_a_gateway_status_through_a_forward_proxy_may_be_the_proxys(mode: str, bundled_kb: KnowledgeBase) -> None:
    """The proxy answers 502/504 itself, with nothing that names it: the check cannot
    tell it from the server's answer relayed, and must not call it the server's."""
    with ProxyProcess(mode) as proxy:
        rep = check("http://localhost:1/sap/bc/ping", proxy=proxy.url)
    http = step(rep, "http", "warn")
    assert "may be the proxy's own" in http.detail and "Nothing in this answer tells which" in http.detail
    assert "the server answered" not in http.detail and "server's own answer" not in http.detail
    assert http.data["answered_by"] == "unknown"
    assert (rep.cause, rep.sclnt_http) == (None, None)  # neither the server's status nor the proxy's claimed
    text = next_step(rep, bundled_kb)
    assert "Find out who answered" in text and "proxy's log" in text and "ask its owner" in text


@pytest.mark.parametrize(("headers", "page", "sign"), [
    (b"Server: gw 127.0.0.1\r\n", b"", "its Server header names the proxy: gw 127.0.0.1"),
    (b"Content-Type: text/html\r\n", b"<p>Generated Thu by 127.0.0.1 (test proxy)</p>",
     "its error page names the proxy's host 127.0.0.1"),
])
def test_a_gateway_status_that_names_the_proxy_is_the_proxys(headers: bytes, page: bytes, sign: str,
                                                             bundled_kb: KnowledgeBase) -> None:
    with answering_proxy(b"502 Bad Gateway", headers, page) as proxy:
        rep = check("http://localhost:1/sap/bc/ping", proxy=f"http://127.0.0.1:{proxy.port}")
    http = step(rep, "http", "fail")
    assert (rep.cause, http.data["answered_by"]) == ("proxy_http_error", "proxy")
    assert sign in http.detail and "could not reach the target" in http.detail
    assert "proxy's network" in next_step(rep, bundled_kb)


def test_a_relayed_gateway_status_shows_what_it_carries(bundled_kb: KnowledgeBase) -> None:
    """The server's own 502 relayed by the proxy: its Server header is shown literally,
    the 127.0.0.1.5 in its page is not the proxy's host, and it stays undecided."""
    def origin(conn: socket.socket, server: LoopbackServer) -> None:
        if read_request(conn):
            page = b"upstream 127.0.0.1.5 down"
            conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\nVia: 1.1 127.0.0.1\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(page) + page)

    with LoopbackServer(origin) as srv, ProxyProcess() as proxy:
        rep = check(srv.url("/sap/bc/ping", scheme="http"), proxy=proxy.url)
    http = step(rep, "http", "warn")
    assert http.data["answered_by"] == "unknown" and "Server: nginx" in http.detail
    assert "Via header names the proxy: the answer passed through it" in http.detail


# ------------------------------------------------------------------ the followed https address's own redirect


def _redirect_to(files: certs.ScenarioFiles | None, location: list[bytes]) -> LoopbackServer:
    """Every request gets a 301 to location[0] (set once both servers have their ports);
    over TLS with `files`, else plain."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        stream = server_context(files.chain, files.key).wrap_socket(conn, server_side=True) if files else conn
        with stream:
            if read_request(stream):
                stream.sendall(b"HTTP/1.1 301 Moved Permanently\r\nLocation: " + location[0] +
                               b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    return LoopbackServer(handle)


@pytest.mark.parametrize("back", ["http://localhost:{plain}/sap/bc/ping", "http://localhost:{plain}/other"])
def test_the_https_address_sending_back_to_http_is_analysed(back: str, good_files: certs.ScenarioFiles,
                                                            bundled_kb: KnowledgeBase) -> None:
    to_https: list[bytes] = [b""]
    to_http: list[bytes] = [b""]
    with _redirect_to(None, to_https) as plain, _redirect_to(good_files, to_http) as https:
        to_https[0] = b"https://localhost:%d/sap/bc/ping" % https.port
        to_http[0] = back.format(plain=plain.port).encode()
        rep = check(plain.url("/sap/bc/ping", scheme="http"), ca_file=str(good_files.ca))
    http = step(rep, "http", "warn")
    assert http.data["https_location"] == to_http[0].decode()
    text = next_step(rep, bundled_kb)
    if back.endswith("/sap/bc/ping"):  # http → https → the same http:// URL
        assert (rep.cause, http.data["redirect_loop"]) == ("redirect_loop", True)
        assert "a redirect loop (http → https → http)" in http.detail
        assert "switching SSL on in SM59 alone does not help" in text
    else:
        assert rep.cause == "destination_ssl_inactive" and "redirect_loop" not in http.data
        assert "back to plain http://, out of TLS" in http.detail
        assert "SSL Active" in text and "redirects to plain http://" in text


# ------------------------------------------------------------------ an expired cross-signed root sent (DST Root CA X3, 2021)


def _cross_signed(tmp_path_factory: pytest.TempPathFactory, trust: str) -> certs.ScenarioFiles:
    """Root A (valid) issues the issuing CA; the server sends leaf + issuing CA + A
    cross-signed by root B, which has expired. `trust`: which roots the trust list holds."""
    now = certs.now()
    new = certs.make_root("F6 New Root", key_label="faults6:new-root")
    old = certs.make_root("F6 Old Root", key_label="faults6:old-root",
                          not_before=now - certs.days(4000), not_after=now - certs.days(30))
    cross = certs.make_intermediate(old, "F6 New Root", key_label="faults6:new-root", path_length=None)
    issuing = certs.make_intermediate(new, "F6 Issuing CA", key_label="faults6:issuing")
    leaf = certs.make_leaf(issuing, key_label="faults6:cross-leaf")
    roots = {"new": [new], "old": [old], "both": [new, old]}[trust]
    return certs.Scenario("cross", leaf, [leaf, issuing, cross], roots).write(tmp_path_factory.mktemp("cross"))


def test_an_expired_second_path_next_to_a_valid_root_is_a_warning(
        tmp_path_factory: pytest.TempPathFactory, bundled_kb: KnowledgeBase) -> None:
    """Both roots in the trust list (as in many PSEs in 2021): this machine takes the short
    path and the call works here; what the SAP library does is not claimed."""
    files = _cross_signed(tmp_path_factory, "both")
    with LoopbackServer(tls_handler(server_context(files.chain, files.key))) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert step(rep, "tls", "ok") and step(rep, "http", "ok")
    cross = step(rep, "chain", "warn")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("warning", "server_cert_expired", None)
    assert "cross-signed by CN=F6 Old Root" in cross.detail and "(certificate #3)" in cross.detail
    assert "CN=F6 Old Root, O=sapassist tests in your trust list, which expired" in cross.detail
    assert "not documented" in cross.detail and "OpenSSL 1.0.2" in cross.detail
    text = next_step(rep, bundled_kb)
    assert "stop sending the cross-signed CN=F6 New Root" in text
    assert "remove the expired CN=F6 Old Root" in text and "STRUST" in text


def test_a_trust_list_with_only_the_expired_old_root_is_told_to_import_the_new_one(
        tmp_path_factory: pytest.TempPathFactory, bundled_kb: KnowledgeBase) -> None:
    files = _cross_signed(tmp_path_factory, "old")
    with LoopbackServer(tls_handler(server_context(files.chain, files.key))) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert (rep.cause, rep.sclnt_http) == ("server_cert_expired", "SCLNT_HTTP418")
    expired = step(rep, "chain", "fail")
    assert "trust list CN=F6 Old Root" in expired.detail
    assert "reaches the trust list only through it: CN=F6 New Root" in expired.detail
    text = next_step(rep, bundled_kb)
    assert "renewing the server certificate does not help" in text and "renew the certificate" not in text
    assert "import that root" in text and "remove the expired CN=F6 Old Root" in text


def test_a_valid_root_alone_in_the_trust_list_passes_without_a_claim(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The old root's certificate is not in the trust list: the check cannot see that it
    expired, and says nothing it did not see."""
    files = _cross_signed(tmp_path_factory, "new")
    with LoopbackServer(tls_handler(server_context(files.chain, files.key))) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert rep.verdict == "ok" and "Chain trusted" in step(rep, "chain", "ok").detail
