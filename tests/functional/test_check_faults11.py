"""Faults of the eleventh audit (docs/check_scenarios.md), against real servers and real
proxies on loopback: faults an admin meets that no earlier row covered, where the check's
finding or its first step was wrong or left the essential fact out."""

from __future__ import annotations

import contextlib
import json
import socket
import time
from pathlib import Path

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, next_step, step
from tests.support.servers import (
    LoopbackServer,
    answering_proxy,
    read_request,
    server_context,
    tls_handler,
    tls_server,
)

# ------------------------------------------------------------------ a proxy offering NTLM/Negotiate


@pytest.mark.parametrize("headers", [
    b"Proxy-Authenticate: Negotiate, NTLM\r\n",  # both challenges in one header (RFC 9110 11.6.1)
    b"Proxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\n",
], ids=["one-header", "two-headers"])
def test_a_proxy_offering_only_windows_logons_names_each_scheme(headers: bytes,
                                                                 bundled_kb: KnowledgeBase) -> None:
    with answering_proxy(b"407 Proxy Authentication Required", headers) as proxy:
        rep = check("https://localhost:1/", proxy=f"http://127.0.0.1:{proxy.port}")
    found = step(rep, "proxy", "fail")
    assert (rep.cause, rep.sclnt_http) == ("proxy_auth_failed", "SCLNT_HTTP416")
    assert found.data["proxy_authenticate"] == ["Negotiate", "NTLM"]
    assert "(Proxy-Authenticate: Negotiate, NTLM)" in found.detail and "Negotiate," + ")" not in found.detail
    assert "The proxy offers only Negotiate, NTLM — not Basic" in next_step(rep, bundled_kb)


def test_basic_among_several_challenges_in_one_header_is_seen(bundled_kb: KnowledgeBase) -> None:
    """NTLM first, Basic second in one header: the proxy does take a user and password, so
    the step is the logon data, never "offers only NTLM"; the password stays unprinted."""
    password = "Pr0xyS3cret"
    with answering_proxy(b"407 Proxy Authentication Required",
                         b'Proxy-Authenticate: NTLM, Basic realm="corp, eu"\r\n') as proxy:
        rep = check("https://localhost:1/", proxy=f"http://127.0.0.1:{proxy.port}",
                    proxy_user=f"svc_sap:{password}")
    found = step(rep, "proxy", "fail")
    assert found.data["proxy_authenticate"] == ["NTLM", "Basic"]
    assert "credentials given were rejected" in found.detail and "not Basic" not in found.detail
    assert "offers only" not in next_step(rep, bundled_kb)
    assert password not in json.dumps(rep.to_json())


# ------------------------------------------------------------------ an intermediate that is no CA


def _no_ca_files(tmp_path: Path, ca_flag: bool | None, cert_sign: bool | None) -> certs.ScenarioFiles:
    """Root → "intermediate" with the given flags → leaf; the server sends leaf + it."""
    root = certs.make_root()
    inter = certs.make_intermediate(root, "F11 Sub CA", ca_flag=ca_flag, cert_sign=cert_sign)
    leaf = certs.make_leaf(inter, key_label="leaf:f11-no-ca")
    return certs.Scenario(name="no-ca", leaf=leaf, served=[leaf, inter], trust=[root], root=root,
                          intermediate=inter).write(tmp_path)


@pytest.mark.parametrize(("ca_flag", "cert_sign", "why"), [
    (False, True, "its basic constraints say CA:FALSE"),
    (None, None, "it has no basic constraints (CA:TRUE is missing)"),
    (None, True, "it has no basic constraints (CA:TRUE is missing)"),  # RFC 5280; OpenSSL 3 too
    (True, False, "its key usage lacks keyCertSign"),
], ids=["ca-false", "no-extensions", "no-basic-constraints", "no-keycertsign"])
def test_an_intermediate_that_is_no_ca_is_named_and_no_import_is_advised(
        ca_flag: bool | None, cert_sign: bool | None, why: str, tmp_path: Path,
        bundled_kb: KnowledgeBase) -> None:
    files = _no_ca_files(tmp_path, ca_flag, cert_sign)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url("/sap/bc/ping"), ca_file=str(files.ca))
    assert "invalid CA certificate" in step(rep, "tls", "fail").detail  # OpenSSL refuses it too
    chain = step(rep, "chain", "fail")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "server_cert_untrusted", "SCLNT_HTTP421")
    assert chain.data["certificate"] == "CN=F11 Sub CA, O=sapassist tests" and chain.data["not_a_ca"] == why
    assert "found no cause" not in json.dumps(rep.to_json())
    text = next_step(rep, bundled_kb)
    assert "CN=F11 Sub CA, O=sapassist tests signed CN=localhost" in text and why in text
    assert "importing it does not make it a CA" in text and "ICM trace" not in text



# ------------------------------------------------------------------ an answer that is not HTTP


@pytest.mark.parametrize(("answer", "greeting"), [
    (b"SSH-2.0-OpenSSH_9.6\r\n", "an SSH server's identification string"),
    (b"* OK [CAPABILITY IMAP4rev2] ready\r\n\r\n", "the greeting of an IMAP mail server"),
    (b"\x00\x01\x02 binary, no greeting\r\n\r\n", None),
], ids=["ssh", "imap-whole-head", "binary"])
def test_a_tls_port_that_answers_no_http_names_the_service_and_clears_ssl(
        answer: bytes, greeting: str | None, good_files: certs.ScenarioFiles,
        bundled_kb: KnowledgeBase) -> None:
    with tls_server(good_files.chain, good_files.key, response=answer) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    assert (rep.verdict, rep.cause) == ("error", "destination_misconfigured")
    assert step(rep, "tls").status == "ok" and "not HTTP" in step(rep, "http", "fail").detail
    text = next_step(rep, bundled_kb)
    assert f"Port {srv.port} answers, but not in HTTP" in text and "its HTTPS port" in text
    assert "The TLS handshake worked, so SSL Active, the certificates and STRUST are not the problem" in text
    assert (f"Its first line is {greeting}." in text) if greeting else "Its first line" not in text


def test_a_plain_port_whose_service_greets_first_is_named(bundled_kb: KnowledgeBase) -> None:
    """An SMTP server greets before it reads anything; an http:// destination on its port."""
    def smtp(conn: socket.socket, server: LoopbackServer) -> None:
        conn.sendall(b"220 mail.sapassist.invalid ESMTP ready\r\n")
        read_request(conn)
        conn.sendall(b"500 5.5.1 command unrecognized\r\n")

    with LoopbackServer(smtp) as srv:
        rep = check(srv.url("/sap/bc/ping", scheme="http", host="127.0.0.1"))
    assert rep.cause == "destination_misconfigured"
    text = next_step(rep, bundled_kb)
    assert "Its first line is the greeting of a mail (SMTP) or FTP server." in text
    assert "its HTTP port" in text and "TLS handshake" not in text


# ------------------------------------------------------------------ where a redirect's path leads


def _paths_server(files: certs.ScenarioFiles, answers: dict[str, bytes]) -> LoopbackServer:
    """A TLS server answering each path with its status line and headers (else 404)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        with server_context(files.chain, files.key).wrap_socket(conn, server_side=True) as tls:
            request = read_request(tls)
            if not request:
                return
            head = answers.get(request.split(b" ")[1].decode(), b"404 Not Found\r\n")
            tls.sendall(b"HTTP/1.1 " + head + b"Content-Length: 0\r\nConnection: close\r\n\r\n")
    return LoopbackServer(handle)


def test_a_redirect_chain_is_not_answered_by_pointing_at_its_first_hop(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase) -> None:
    answers = {"/0": b"302 Found\r\nLocation: /1\r\n", "/1": b"302 Found\r\nLocation: /2\r\n",
               "/2": b"302 Found\r\nLocation: /3\r\n"}
    with _paths_server(good_files, answers) as srv:
        rep = check(srv.url("/0"), ca_file=str(good_files.ca))
    http = step(rep, "http", "warn")
    assert (rep.cause, http.data["hop_status"]) == ("server_redirect", 302)
    assert "followed once, /1 redirects again (Location: /2)" in http.detail
    text = next_step(rep, bundled_kb)
    assert "redirects more than once (/0 → /1 → /2)" in text and "without a redirect" in text
    assert "address the redirect names" not in text


@pytest.mark.parametrize(("status", "words"), [
    (b"200 OK\r\n", "Point the destination at the address the redirect names: /new/ping on the same "
                    "server answers 200"),
    (b"503 Service Unavailable\r\n", "The redirect leads to /new/ping, which answers 503 itself"),
], ids=["answers", "fails"])
def test_a_redirects_path_is_judged_by_its_answer(status: bytes, words: str, good_files: certs.ScenarioFiles,
                                                 bundled_kb: KnowledgeBase) -> None:
    answers = {"/sap/bc/ping": b"301 Moved Permanently\r\nLocation: /new/ping\r\n", "/new/ping": status}
    with _paths_server(good_files, answers) as srv:
        rep = check(srv.url("/sap/bc/ping"), ca_file=str(good_files.ca))
    assert rep.cause == "server_redirect" and "redirect_loop" not in step(rep, "http", "warn").data
    assert words in next_step(rep, bundled_kb)


# ------------------------------------------------------------------ a header block that never ends


def _endless_head(files: certs.ScenarioFiles, status: bytes) -> LoopbackServer:
    """A TLS server whose answer is a status line and then header lines without end (it
    stops when the client closes, or after 50 MB)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        with server_context(files.chain, files.key).wrap_socket(conn, server_side=True) as tls:
            read_request(tls)
            tls.sendall(b"HTTP/1.1 " + status + b"\r\n")
            line = b"X-Filler: " + b"a" * 1000 + b"\r\n"
            with contextlib.suppress(OSError):
                for _ in range(50_000):
                    tls.sendall(line)
    return LoopbackServer(handle)


@pytest.mark.parametrize(("status", "cause"), [(b"200 OK", None), (b"503 Service Unavailable",
                                                                  "http_status_from_server")])
def test_an_endless_header_block_is_cut_and_is_no_error_of_its_own(
        status: bytes, cause: str | None, good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase) -> None:
    """Read up to the limit, in time; a 200 with a huge head is odd, not a known failure."""
    with _endless_head(good_files, status) as srv:
        started = time.monotonic()
        rep = check(srv.url(), ca_file=str(good_files.ca), timeout=5.0)
        took = time.monotonic() - started
    http = step(rep, "http", "warn")
    assert took < 3.0 and "larger than the 64 KiB this check reads" in http.detail
    assert (rep.verdict, rep.cause, http.data["status"]) == ("warning", cause, int(status[:3]))
    assert "whether the SAP system accepts a header block that large is not known here" in next_step(rep, bundled_kb)


# ------------------------------------------------------------------ an SNI name the server does not serve


def test_a_refused_sni_name_shows_the_names_the_server_does_serve(tmp_path: Path,
                                                                  bundled_kb: KnowledgeBase) -> None:
    """A virtual-host server: alert unrecognized_name for any name it does not serve, its
    default certificate (erp, billing) without SNI. The check calls it as localhost."""
    root, inter = certs.ca_pair()
    served = ("erp.sapassist.test", "billing.sapassist.test")
    leaf = certs.make_leaf(inter, sans=served, cn=served[0], key_label="leaf:f11-vhost")
    files = certs.Scenario(name="vhost", leaf=leaf, served=[leaf, inter], trust=[root]).write(tmp_path)
    ctx = server_context(files.chain, files.key)
    ctx.sni_callback = lambda sock, name, _ctx: None if name is None or name in served else 112
    with LoopbackServer(tls_handler(ctx)) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert (rep.cause, rep.sclnt_http) == ("destination_misconfigured", "SCLNT_HTTP407")
    assert "does not know the name localhost sent as SNI" in step(rep, "tls", "fail").detail
    observed = next(f for f in rep.findings if f.data.get("names_without_sni"))
    assert observed.data["names_without_sni"] == list(served)
    text = next_step(rep, bundled_kb)
    assert "Without SNI this server sends (unverified) a certificate for erp.sapassist.test, " \
           "billing.sapassist.test" in text and "use that name as Target Host" in text


# ------------------------------------------------------------------ an expired intermediate in STRUST


def _expired_trusted_intermediate(tmp_path: Path, *, sent_renewed: bool, root_trusted: bool) -> certs.ScenarioFiles:
    """The PSE holds an intermediate that has expired; the CA renewed it (same name and key),
    and the valid server certificate is issued under it."""
    t = certs.now()
    root = certs.make_root()
    old = certs.make_intermediate(root, "F11 Issuing CA", key_label="f11-issuing",
                                  not_before=t - certs.days(800), not_after=t - certs.days(3))
    renewed = certs.make_intermediate(root, "F11 Issuing CA", key_label="f11-issuing")
    leaf = certs.make_leaf(renewed, key_label="leaf:f11-renewed")
    return certs.Scenario(name="old-in-pse", leaf=leaf, served=[leaf, renewed] if sent_renewed else [leaf],
                          trust=[old, root] if root_trusted else [old]).write(tmp_path)


@pytest.mark.parametrize(("sent_renewed", "root_trusted", "words"), [
    (False, False, "delete the expired CN=F11 Issuing CA, O=sapassist tests from the PSE and import "
                   "the CA's renewed certificate"),
    (True, True, "the server sends the renewed CN=F11 Issuing CA, O=sapassist tests"),
], ids=["leaf-only", "renewed-sent"])
def test_an_expired_intermediate_in_the_trust_list_is_fixed_in_strust_not_on_the_server(
        sent_renewed: bool, root_trusted: bool, words: str, tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    files = _expired_trusted_intermediate(tmp_path, sent_renewed=sent_renewed, root_trusted=root_trusted)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url("/sap/bc/ping"), ca_file=str(files.ca))
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "server_cert_expired", "SCLNT_HTTP418")
    assert "The certificate in your trust list CN=F11 Issuing CA" in step(rep, "chain", "fail").detail
    text = next_step(rep, bundled_kb)
    assert "The fix is in STRUST, not on the server" in text and words in text
    assert "server's administrator must renew" not in text and "chain file the server sends" not in text
