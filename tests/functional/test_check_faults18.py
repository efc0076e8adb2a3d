"""Faults of the eighteenth audit (docs/check_scenarios.md, ninth table), against real
parts on loopback: raw-socket proxies and ports, Python `ssl` servers, `openssl s_server`.
Each test whose row says "was:" failed before its fix."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from assistant.diagnostics import CheckOptions, CheckReport, run_check
from assistant.diagnostics.model import CheckSetupError
from tests.support import certs
from tests.support.checks import check, step
from tests.support.servers import (
    LoopbackServer,
    OpenSSLServer,
    answering_proxy,
    plain_http_handler,
    read_request,
    serve_scenario,
    tls_server,
)

_NEEDS_OPENSSL = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI")
_TARGET = "https://localhost:9/"  # never reached: the proxy answers for it

_BLOCK_PAGE = (b"<!DOCTYPE html><html><head><title>Access Denied</title><style>h1{color:red}</style>"
               b"<script>alert('x')</script></head><body><h1>Access Denied</h1><p>Category &quot;Social"
               b"&quot; blocked by policy\x1b[31m WEB-7 &amp; rule 12</p><!-- internal: node 4 --></body></html>")


@pytest.mark.parametrize("status", [b"403 Forbidden", b"502 Bad Gateway"])
def test_a_proxys_refusal_page_is_shown_scrubbed_and_literal(status: bytes) -> None:
    """Was: "proxy … answered 403 Forbidden: the proxy's rules deny this target or port" —
    the page that says which rule (the words the proxy team needs) was read and dropped."""
    started = time.monotonic()
    with answering_proxy(status, b"Content-Type: text/html\r\n", _BLOCK_PAGE) as proxy:
        rep = check(_TARGET, proxy=f"http://127.0.0.1:{proxy.port}")
    assert time.monotonic() - started < 3
    found = step(rep, "proxy", "fail")
    assert (rep.cause, rep.sclnt_http) == ("proxy_http_error", "SCLNT_HTTP426")
    page = str(found.data["proxy_page"])
    assert page.startswith("Access Denied — ") and 'Category "Social" blocked by policy' in page
    assert "\\x1b[31m WEB-7 & rule 12" in page  # the escape made visible, the entity decoded
    assert "\x1b" not in found.detail and "alert(" not in found.detail and "node 4" not in found.detail
    assert "color:red" not in page and f"its page says: '{page}'" in found.detail
    assert f"Give the proxy team the words of its page: '{page}'." in str(found.data["next_step"])


def test_a_proxy_page_repeating_the_password_is_scrubbed() -> None:
    """The page is server text like any other: the proxy password never comes back out."""
    page = b"<html><body>Logon for user admin with password S3cret-Pw! denied</body></html>"
    with answering_proxy(b"403 Forbidden", b"", page) as proxy:
        rep = check(_TARGET, proxy=f"http://127.0.0.1:{proxy.port}", proxy_user="admin:S3cret-Pw!")
    text = step(rep, "proxy", "fail").detail
    assert "its page says" in text and "S3cret-Pw!" not in text


def _closing_proxy(answer: bytes) -> LoopbackServer:
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        if read_request(conn):
            conn.sendall(answer)
    return LoopbackServer(handle)


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 407 Proxy Authentication Required\r\n",
    b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nVia: 1.1 p",
])
def test_a_proxy_sending_407_and_closing_mid_head_has_answered(answer: bytes) -> None:
    """Was: `proxy_refused`, "closed the connection on the CONNECT without any answer", after
    two more probes of the port (2 s) — the status line had come and says it all."""
    started = time.monotonic()
    with _closing_proxy(answer) as proxy:
        rep = check(_TARGET, proxy=f"http://127.0.0.1:{proxy.port}")
    assert time.monotonic() - started < 1.5
    found = step(rep, "proxy", "fail")
    assert (rep.cause, rep.sclnt_http) == ("proxy_auth_failed", "SCLNT_HTTP416")
    assert "without any answer" not in found.detail and found.data["head_cut"] is True
    assert "answered 407 Proxy Authentication Required" in found.detail
    assert "closed the connection before its header block ended" in found.detail
    assert ("Proxy-Authenticate: Basic" in found.detail) == (b"Basic" in answer)


def test_a_proxy_closing_before_a_whole_status_line_still_closed_without_answer() -> None:
    """The control: "HTTP/1.1 40" and a close is no status; the old words stay."""
    with _closing_proxy(b"HTTP/1.1 40") as proxy:
        rep = check(_TARGET, proxy=f"http://127.0.0.1:{proxy.port}")
    assert rep.cause == "proxy_refused" and "without any answer" in step(rep, "proxy", "fail").detail


def test_a_proxy_answering_407_with_connection_close_is_unchanged() -> None:
    """Already right: a whole 407 head with `Connection: close` and no body."""
    with _closing_proxy(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n"
                        b"Connection: close\r\n\r\n") as proxy:
        rep = check(_TARGET, proxy=f"http://127.0.0.1:{proxy.port}")
    found = step(rep, "proxy", "fail")
    assert rep.cause == "proxy_auth_failed" and "head_cut" not in found.data


def _portal(answer: bytes) -> LoopbackServer:
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        with contextlib.suppress(OSError):
            conn.recv(4096)
        conn.sendall(answer)
    return LoopbackServer(handle)


_LOGIN = b"<html><head><title>Guest Wi-Fi</title></head><body><p>Please log in to continue</p></body></html>"


@pytest.mark.parametrize("answer, shown", [
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
     % len(_LOGIN) + _LOGIN, "'HTTP/1.1 200 OK'; its page: 'Guest Wi-Fi — Please log in to continue'"),
    (b"HTTP/1.1 302 Found\r\nLocation: http://portal.sapassist.invalid/login?src=x\r\nContent-Length: 0\r\n\r\n",
     "'HTTP/1.1 302 Found'; Location: http://portal.sapassist.invalid/login?src=x"),
])
def test_a_success_in_plain_http_to_a_client_hello_is_an_interceptor(answer: bytes, shown: str) -> None:
    """Was: `no_tls_on_port`, "probably plain HTTP — use http:// or the HTTPS port": no web
    server answers a ClientHello with 200 or 302 — a captive portal or a filter does."""
    started = time.monotonic()
    with _portal(answer) as srv:
        rep = check(srv.url())
    assert time.monotonic() - started < 3
    found = step(rep, "tls", "fail")
    assert (rep.cause, rep.sclnt_http) == ("no_tls_on_port", "SCLNT_HTTP407")
    assert f"to a ClientHello it answered in plain HTTP: {shown}" in found.detail
    assert "use http://" not in found.detail and "captive portal" in found.detail
    nxt = str(found.data["next_step"])
    assert "captive portal" in nxt and "STRUST are not the question" in nxt and "openssl s_client" in nxt


def test_a_plain_web_server_on_the_tls_port_keeps_its_words() -> None:
    """The control: a plain HTTP server answers the ClientHello with 400 — its status is now
    shown, and the step still says http:// or the HTTPS port."""
    with LoopbackServer(plain_http_handler) as srv:
        rep = check(srv.url())
    found = step(rep, "tls", "fail")
    assert "use http:// or the HTTPS port" in found.detail
    assert "answered in plain HTTP: 'HTTP/1.1 400 Bad Request'" in found.detail
    assert "captive portal" not in found.detail and "next_step" not in found.data


@pytest.mark.parametrize("host, why", [
    ("a..b.example.org", "an empty label (two dots in a row"),
    ("a" * 64 + ".example.org", "a label has 64 characters, more than the 63 DNS allows"),
    (".example.org", "an empty label"),
])
def test_a_host_name_breaking_dns_rules_says_which(host: str, why: str) -> None:
    """Was: "invalid host name '…'" and nothing on why; nothing is sent."""
    for options in (CheckOptions(url=f"https://{host}/"),
                    CheckOptions(url="https://localhost:9/", proxy=f"http://{host}:8080")):
        with pytest.raises(CheckSetupError) as raised:
            run_check(options)
        assert why in str(raised.value) and "Traceback" not in str(raised.value)


def test_an_idn_host_is_looked_up_in_its_ascii_form() -> None:
    """Already right: an IDN is looked up as IDNA (punycode); unknown → 417, no traceback."""
    rep = check("https://bücher.sapassist.invalid/")
    assert (rep.cause, rep.sclnt_http) == ("dns_failure", "SCLNT_HTTP417")
    assert "xn--bcher-kva.sapassist.invalid" in step(rep, "resolve", "fail").detail


@_NEEDS_OPENSSL
def test_an_md5_signed_leaf_is_named_like_sha1(tmp_path: Path) -> None:
    """Already right: weak_server_key, "MD5 signature", no SCLNT_HTTP claimed."""
    root, inter = certs.ca_pair("rsa")
    sha1 = certs.make_sha1_leaf_with_openssl(inter, tmp_path)
    assert sha1 is not None
    issuer_pem, issuer_key = inter.write(tmp_path, "md5-issuer")
    subprocess.run(["openssl", "x509", "-req", "-in", str(tmp_path / "sha1-leaf.csr"), "-CA", str(issuer_pem),
                    "-CAkey", str(issuer_key), "-md5", "-days", "200", "-set_serial", "7181",
                    "-extfile", str(tmp_path / "sha1-leaf.ext"), "-extensions", "v3",
                    "-out", str(tmp_path / "md5.pem")], check=True, capture_output=True, timeout=30)
    leaf = certs.Bundle(cert=x509.load_pem_x509_certificate((tmp_path / "md5.pem").read_bytes()),
                        key=sha1.key, issuer=inter, name="md5")
    files = certs.Scenario("md5", leaf, [leaf, inter], [root]).write(tmp_path)
    with tls_server(files.chain, files.key, seclevel0=True) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "weak_server_key", None)
    assert "MD5 signature" in step(rep, "chain", "fail").detail


def test_a_p521_leaf_is_fine(tmp_path: Path) -> None:
    """Already right: an ECDSA P-521 key is a valid choice; nothing is claimed about it."""
    root, inter = certs.ca_pair("ec")
    certs._KEYS[("ec", 256, "leaf:f18-p521")] = ec.generate_private_key(ec.SECP521R1())
    leaf = certs.make_leaf(inter, key_label="leaf:f18-p521")
    with serve_scenario(certs.Scenario("p521", leaf, [leaf, inter], [root]), tmp_path) as (srv, ca):
        rep = check(srv.url(), ca_file=str(ca))
    assert rep.verdict == "ok" and step(rep, "chain", "ok")


@_NEEDS_OPENSSL
def test_a_client_certificate_from_a_ca_the_server_does_not_list_is_named(tmp_path: Path) -> None:
    """Already right: the server's CertificateRequest names another CA than ours; it refuses
    ours (unknown_ca) and the finding names both."""
    root, inter = certs.ca_pair("ec")
    leaf = certs.make_leaf(inter, key_label="leaf:f18-cacl")
    chain, key = leaf.write(tmp_path, "server")
    (tmp_path / "inter.pem").write_bytes(inter.pem())
    (tmp_path / "accepted.pem").write_bytes(certs.make_root("F18 Partner Client Root").pem())
    (tmp_path / "ca.pem").write_bytes(root.pem())
    client_pem, client_key = certs.make_client(certs.make_root("F18 Our Company Root")).write(tmp_path, "client")
    args = ["-Verify", "1", "-verify_return_error", "-CAfile", str(tmp_path / "accepted.pem")]
    with OpenSSLServer(chain, key, chain=tmp_path / "inter.pem", args=args) as srv:
        rep: CheckReport = check(srv.url(), ca_file=str(tmp_path / "ca.pem"), client_cert=str(client_pem),
                                 client_key=str(client_key))
    found = step(rep, "client_cert", "fail")
    assert (rep.cause, rep.sclnt_http) == ("client_cert_rejected", "SCLNT_HTTP407")
    assert "TLSV1_ALERT_UNKNOWN_CA" in found.detail and "CN=F18 Partner Client Root" in found.detail
    assert "issuer CN=F18 Our Company Root" in found.detail and "is not among the CA names" in found.detail
