"""Faults of the fifth audit, against real loopback servers: what the fourth audit left
over (a redirect headed as an error status; a plain-http redirect through a forward
proxy not followed) and the faults no round had tried."""

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
    read_request,
    server_context,
    tls_handler,
    tls_server,
)


def cause_line(report: CheckReport, kb: KnowledgeBase) -> str:
    return next(line for line in build_check_doc(report, kb).verdict.split("\n\n") if line.startswith("**Cause:**"))


def next_step(report: CheckReport, kb: KnowledgeBase) -> str:
    return next(line for line in build_check_doc(report, kb).verdict.split("\n\n") if line.startswith("**Next step:**"))


def why(report: CheckReport, kb: KnowledgeBase) -> str:
    doc = build_check_doc(report, kb)
    return next(s.markdown for s in doc.sections if s.key.startswith("cause:"))


# ------------------------------------------------------------------ a redirect's headline


def _redirecting(files: certs.ScenarioFiles | None, location: bytes) -> LoopbackServer:
    """Every request gets a 302 to `location` (`{path}` is the requested path)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        stream = server_context(files.chain, files.key).wrap_socket(conn, server_side=True) if files else conn
        with stream:
            req = read_request(stream)
            if req:
                loc = location.replace(b"{path}", req.split(b" ")[1])
                stream.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + loc +
                               b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    return LoopbackServer(handle)


def test_a_redirect_loop_is_headed_as_a_loop_not_an_error_status(good_files: certs.ScenarioFiles,
                                                                 bundled_kb: KnowledgeBase) -> None:
    with _redirecting(good_files, b"{path}") as srv:
        rep = check(srv.url("/sap/bc/ping"), ca_file=str(good_files.ca))
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("warning", "redirect_loop", None)
    line = cause_line(rep, bundled_kb)
    assert "redirects the request back to itself" in line and "redirect loop" in line
    assert "error status" not in line
    assert "4xx/5xx" not in why(rep, bundled_kb)


def test_a_redirect_elsewhere_is_headed_as_a_redirect(good_files: certs.ScenarioFiles,
                                                      bundled_kb: KnowledgeBase) -> None:
    with _redirecting(good_files, b"https://login.sapassist.invalid/logon") as srv:
        rep = check(srv.url("/sap/bc/ping"), ca_file=str(good_files.ca))
    assert (rep.verdict, rep.cause) == ("warning", "server_redirect")
    line = cause_line(rep, bundled_kb)
    assert "redirect (3xx)" in line and "error status" not in line and "set up wrongly" not in line
    assert "does not follow a redirect to another server" in why(rep, bundled_kb)


# ------------------------------------------------------------------ plain http sent to https


def _to_https(https_port: int, host: bytes = b"{host}") -> LoopbackServer:
    """A plain-http server that sends every request to https:// on `https_port`."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        req = read_request(conn)
        if not req:
            return
        name = next(line.split(b":", 1)[1].strip().split(b":")[0] for line in req.split(b"\r\n")
                    if line.lower().startswith(b"host:"))
        loc = b"https://" + host.replace(b"{host}", name) + b":%d/sap/bc/ping" % https_port
        conn.sendall(b"HTTP/1.1 301 Moved Permanently\r\nLocation: " + loc +
                     b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    return LoopbackServer(handle)


def test_plain_http_sent_to_https_is_followed_once_through_the_proxy(
        tmp_path_factory: pytest.TempPathFactory, bundled_kb: KnowledgeBase) -> None:
    """The name resolves only at the proxy (it maps every name to loopback), so an answer
    from the HTTPS address can only have come through the proxy's CONNECT."""
    root, inter = certs.ca_pair()
    leaf = certs.make_leaf(inter, sans=("erp.sapassist.test",), key_label="faults5:https-hop")
    files = certs.Scenario("hop", leaf, [leaf, inter], [root]).write(tmp_path_factory.mktemp("hop"))
    with tls_server(files.chain, files.key) as https, _to_https(https.port) as plain, \
            ProxyProcess("anyname") as proxy:
        rep = check(f"http://erp.sapassist.test:{plain.port}/sap/bc/ping", ca_file=str(files.ca),
                    proxy=proxy.url)
    http = step(rep, "http", "warn")
    assert (rep.cause, http.data["https_followed"]) == (
        "destination_ssl_inactive", f"https://erp.sapassist.test:{https.port}/sap/bc/ping")
    assert "followed once through the proxy" in http.detail
    assert "chain and name verified) and answers HTTP/1.1 200 OK" in http.detail
    assert "does not follow redirects" not in http.detail
    assert "SSL Active" in next_step(rep, bundled_kb) and "fails the TLS check" not in next_step(rep, bundled_kb)


def test_https_address_that_fails_verification_is_named_in_the_next_step(
        good_files: certs.ScenarioFiles, tmp_path_factory: pytest.TempPathFactory,
        bundled_kb: KnowledgeBase) -> None:
    other = certs.untrusted_root().write(tmp_path_factory.mktemp("untrusted"))
    with tls_server(other.chain, other.key) as https, _to_https(https.port) as plain:
        rep = check(plain.url("/sap/bc/ping", scheme="http"), ca_file=str(good_files.ca))
    http = step(rep, "http", "warn")
    assert "fails the TLS check" in http.detail and "followed once, " in http.detail
    text = next_step(rep, bundled_kb)
    assert "SSL Active" in text and "fails the TLS check from here" in text
    assert f"sapassist check https://localhost:{https.port}/sap/bc/ping" in text


def test_https_on_another_host_is_not_contacted(bundled_kb: KnowledgeBase) -> None:
    with _to_https(443, host=b"login.sapassist.invalid") as plain:
        rep = check(plain.url("/sap/bc/ping", scheme="http"))
    http = step(rep, "http", "warn")
    assert "another host, which the check does not contact" in http.detail
    assert "https_followed" not in http.data and rep.cause == "destination_ssl_inactive"


def test_plain_redirect_loop_through_a_forward_proxy_is_found(bundled_kb: KnowledgeBase) -> None:
    def handle(conn: socket.socket, server: LoopbackServer) -> None:  # /a -> /b -> /a
        req = read_request(conn)
        if req:
            loc = b"/b" if req.split(b" ")[1] == b"/a" else b"/a"
            conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + loc + b"\r\nContent-Length: 0\r\n\r\n")

    with LoopbackServer(handle) as srv, ProxyProcess() as proxy:
        rep = check(srv.url("/a", scheme="http"), proxy=proxy.url)
    http = step(rep, "http", "warn")
    assert http.data["redirect_loop"] is True and http.data["loop_through"] == "/b"
    assert rep.cause == "redirect_loop"


# ------------------------------------------------------------------ proxy asks for NTLM only


@pytest.mark.parametrize("scheme", ["https", "http"])
def test_proxy_asking_for_ntlm_only_claims_nothing_about_sap(scheme: str, bundled_kb: KnowledgeBase) -> None:
    with ProxyProcess("ntlm407") as proxy:
        rep = check(f"{scheme}://localhost:1/sap/bc/ping", proxy=proxy.url, proxy_user="u:secret-pw")
    # 416 is claimed for the CONNECT only: no source ties it to a forwarded http:// request
    assert (rep.cause, rep.sclnt_http) == ("proxy_auth_failed", "SCLNT_HTTP416" if scheme == "https" else None)
    found = step(rep, "proxy" if scheme == "https" else "http", "fail")
    assert "asks for NTLM, not Basic" in found.detail
    text = next_step(rep, bundled_kb)
    assert "offers only NTLM" in text and "allow Basic" in text and "exempt" in text
    assert "SAP sends only Basic" not in found.detail + text  # SAP's own support: not claimed


# ------------------------------------------------------------------ an SNI name the server does not serve


def test_unknown_sni_name_says_the_server_does_not_serve_that_name(good_files: certs.ScenarioFiles,
                                                                   bundled_kb: KnowledgeBase) -> None:
    """A server that answers only for erp.sapassist.test and sends the alert
    unrecognized_name (112) for any other name, ours (localhost) included."""
    ctx = server_context(good_files.chain, good_files.key)
    ctx.sni_callback = lambda sock, name, _ctx: None if name == "erp.sapassist.test" else 112
    with LoopbackServer(tls_handler(ctx)) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    tls = step(rep, "tls", "fail")
    assert (rep.cause, rep.sclnt_http) == ("destination_misconfigured", "SCLNT_HTTP407")
    assert "does not know the name localhost sent as SNI" in tls.detail
    assert "none of the known causes" not in tls.detail
    text = next_step(rep, bundled_kb)
    assert "Target Host" in text and "virtual host" in text and "Raise the ICM trace" not in text
