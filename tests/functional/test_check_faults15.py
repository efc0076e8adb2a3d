"""Faults of the fifteenth audit (docs/check_scenarios.md, sixth table), against real parts
on loopback: a client certificate asked for only after the request (TLS 1.2 renegotiation,
TLS 1.3 post-handshake authentication), bodies that stop, trickle or break their framing,
certificates of unusual kinds. Each test failed before its fix (where the row says "was:")."""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import dsa

from assistant.diagnostics import CheckReport
from assistant.diagnostics.httpstream import BODY_CAP
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, next_step, step
from tests.support.latecert import LIBSSL, late_cert_context, late_cert_handler
from tests.support.servers import (
    LoopbackServer,
    openssl_path,
    read_request,
    server_context,
    tls_handler,
)

# ------------------------------------------------------------------ a client certificate asked for late


@pytest.fixture(scope="module")
def late_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[certs.ScenarioFiles, Path, Path, Path]:
    """The server's files, the CA it trusts for clients, and a client certificate and key
    that CA issued."""
    d = tmp_path_factory.mktemp("late")
    files = certs.good_chain().write(d)
    client = certs.client_cert()
    (d / "client_ca.pem").write_bytes(b"".join(b.pem() for b in client.path_to_root()[1:]))
    (d / "client.pem").write_bytes(client.pem())
    (d / "client.key").write_bytes(client.key_pem())
    return files, d / "client_ca.pem", d / "client.pem", d / "client.key"


_LATE = [pytest.param(False, id="TLS 1.2 renegotiation"), pytest.param(True, id="TLS 1.3 post-handshake")]
_NEEDS_LIBSSL = pytest.mark.skipif(LIBSSL is None, reason="libssl not loadable through ctypes")


@_NEEDS_LIBSSL
@pytest.mark.parametrize("tls13", _LATE)
@pytest.mark.parametrize("require", [False, True], ids=["403 without one", "alert without one"])
def test_a_certificate_asked_for_after_the_request_is_named(
        late_files: tuple[certs.ScenarioFiles, Path, Path, Path], bundled_kb: KnowledgeBase,
        tls13: bool, require: bool) -> None:
    """Was: "the server does not ask for a client certificate" and, for the 403, "the server
    refuses this user or client" (a warning about the user's roles); for the alert, a broken
    connection. The handshake asked for none; the path asked after the request."""
    files, client_ca, _, _ = late_files
    ctx = late_cert_context(files.chain, files.key, client_ca, tls13=tls13, require=require)
    with LoopbackServer(late_cert_handler(ctx, tls13=tls13, require=require)) as srv:
        rep = check(srv.url("/secure"), ca_file=str(files.ca))
    how = "post-handshake authentication" if tls13 else "renegotiation"
    observed = step(rep, "observe", "ok")
    assert "no client certificate requested" in observed.detail  # true of the handshake
    client = step(rep, "client_cert", "fail")
    assert client.cause == "client_cert_required"
    assert "the handshake asked for none" in client.detail and how in client.detail
    assert client.data["requested_after_request"] == ("post-handshake" if tls13 else "renegotiation")
    http = step(rep, "http", "fail")
    assert (rep.verdict, rep.cause, http.cause) == ("error", "client_cert_required", "client_cert_required")
    assert "refuses this user" not in http.detail
    text = next_step(rep, bundled_kb)
    assert "only after it had read the request" in text and "SSL client PSE with an own certificate" in text
    assert "not known here" in text  # whether SAP answers a late request: no source says


@_NEEDS_LIBSSL
@pytest.mark.parametrize("tls13", _LATE)
def test_a_late_request_answered_with_the_certificate_given_passes(
        late_files: tuple[certs.ScenarioFiles, Path, Path, Path], tls13: bool) -> None:
    """The certificate given goes over the verified connection when the path asks for it."""
    files, client_ca, cert, key = late_files
    ctx = late_cert_context(files.chain, files.key, client_ca, tls13=tls13, require=True)
    with LoopbackServer(late_cert_handler(ctx, tls13=tls13, require=True)) as srv:
        rep = check(srv.url("/secure"), ca_file=str(files.ca), client_cert=str(cert), client_key=str(key))
    assert step(rep, "http", "ok").data["status"] == 200
    assert "accepted ours" in step(rep, "client_cert", "ok").detail
    assert rep.cause in (None, "tls_version_or_cipher_mismatch")  # TLS 1.3 only: its own warning


@_NEEDS_LIBSSL
def test_a_path_without_a_late_request_stays_a_plain_status(
        late_files: tuple[certs.ScenarioFiles, Path, Path, Path]) -> None:
    """The control: the same server on another path asks for nothing."""
    files, client_ca, _, _ = late_files
    ctx = late_cert_context(files.chain, files.key, client_ca, tls13=False, require=False)
    with LoopbackServer(late_cert_handler(ctx, tls13=False, require=False)) as srv:
        rep = check(srv.url("/open"), ca_file=str(files.ca))
    assert rep.verdict == "ok"
    assert step(rep, "client_cert", "ok").detail == "the server does not ask for a client certificate"
    assert json.loads(json.dumps(rep.to_json()))["verdict"] == "ok"


# ------------------------------------------------------------------ bodies that stop, trickle or break

_HEAD_1000 = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
_HEAD_CHUNKED = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"


def _answering(answer: bytes, *, then: str = "close", trickle: float = 0.0) -> LoopbackServer:
    """A plain HTTP server that reads the request and sends `answer`; then it closes, holds
    the connection open without a byte more ("stall"), or sends one byte every `trickle` s."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        read_request(conn)
        conn.sendall(answer)
        if then == "stall":
            server.stop_event.wait(10)
        while trickle and not server.stop_event.wait(trickle):
            conn.sendall(b"t")
    return LoopbackServer(handle)


@pytest.mark.parametrize(("answer", "said"), [
    (_HEAD_1000 + b"x" * 100, "and 100 body bytes of the 1,000 announced, then nothing for"),
    (_HEAD_CHUNKED + b"100\r\n" + b"x" * 50, "and 50 body bytes, then nothing for"),
], ids=["Content-Length not reached", "chunked, cut mid-chunk"])
def test_a_body_that_stops_after_the_head_says_how_far_it_came(bundled_kb: KnowledgeBase, answer: bytes,
                                                             said: str) -> None:
    """Was: "the response stopped in the middle" and the generic "find out how long the
    request really takes" — the head had come: the server stopped while it sent."""
    with _answering(answer, then="stall") as srv:
        started = time.monotonic()
        rep = check(srv.url(scheme="http"), timeout=1.5)
    assert time.monotonic() - started < 2.5
    http = step(rep, "http", "fail")
    assert (rep.cause, rep.sclnt_http) == ("server_timeout", "SCLNT_HTTP402")
    assert "the head came ('HTTP/1.1 200 OK') " + said in http.detail
    assert "stopped sending the body" in next_step(rep, bundled_kb)


def test_a_trickling_body_is_a_warning_with_its_rate(bundled_kb: KnowledgeBase) -> None:
    """Was: ok ("the body was still arriving") — at 5 bytes a second the 1,000 announced
    take minutes, longer than an SAP call usually waits."""
    with _answering(_HEAD_1000, trickle=0.2) as srv:
        rep = check(srv.url(scheme="http"), timeout=1.5)
    http = step(rep, "http", "warn")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("warning", "server_timeout", None)
    assert 1 <= float(http.data["body_bytes_per_second"]) <= 20
    assert "at this rate the rest of the 1,000 bytes announced takes about" in http.detail
    assert "TIMEOUT/PROCTIMEOUT" in next_step(rep, bundled_kb)


@pytest.mark.parametrize(("body", "said"), [
    (b"zz\r\nhello\r\n0\r\n\r\n", "a chunk size that is no hexadecimal number: 'zz'"),
    (b"5\r\nhello, and more than five\r\n0\r\n\r\n", "a chunk is longer than the 5 bytes its size line announced"),
], ids=["size not hexadecimal", "chunk longer than its size"])
def test_a_broken_chunked_body_is_the_bodys_framing_not_another_service(bundled_kb: KnowledgeBase, body: bytes,
                                                                      said: str) -> None:
    """Was: "the port does not answer like an HTTP server … it belongs to another service",
    to a server whose head was a good 200."""
    with _answering(_HEAD_CHUNKED + body) as srv:
        rep = check(srv.url(scheme="http"))
    http = step(rep, "http", "fail")
    assert http.cause == "connection_broken" and http.sclnt_http is None
    assert "breaks its own framing: " + said in http.detail
    text = next_step(rep, bundled_kb)
    assert "The port, SSL and STRUST are not the problem" in text and "another service" not in text


def test_a_chunk_cut_by_a_close_is_not_blamed_on_a_content_length(bundled_kb: KnowledgeBase) -> None:
    """Was: "announces a wrong Content-Length" for a chunked body that has none."""
    with _answering(_HEAD_CHUNKED + b"100\r\n" + b"x" * 50) as srv:
        rep = check(srv.url(scheme="http"))
    assert "connection closed after 50 of the 256 bytes a chunk announced" in step(rep, "http", "fail").detail
    text = next_step(rep, bundled_kb)
    assert "announces a longer chunk than it sends" in text and "Content-Length" not in text


def test_a_body_far_larger_than_any_limit_is_read_to_the_cap_and_named() -> None:
    """Bounded in time and memory (the cap, test_check_limits); now it also says how much
    the server announced."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n")
        with contextlib.suppress(OSError):
            while not server.stop_event.is_set():
                conn.sendall(b"x" * 65536)

    with LoopbackServer(handle) as srv:
        started = time.monotonic()
        rep = check(srv.url(scheme="http"), timeout=5)
    assert time.monotonic() - started < 3
    assert f"{BODY_CAP} body bytes (read up to the cap of {BODY_CAP:,} bytes), 10,000,000,000 announced" in step(
        rep, "http", "ok").detail


# ------------------------------------------------------------------ certificates and keys of unusual kinds


def _serve_check(scenario: certs.Scenario, directory: Path, *, ciphers: str | None = None,
                 dh_params: Path | None = None) -> CheckReport:
    files = scenario.write(directory)
    ctx = server_context(files.chain, files.key)
    if ciphers:  # a TLS 1.2 server with these suites only
        ctx.set_ciphers(ciphers)
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    if dh_params is not None:
        ctx.load_dh_params(str(dh_params))
    with LoopbackServer(tls_handler(ctx)) as srv:
        return check(srv.url(), ca_file=str(files.ca))


def _ca(parent: certs.Bundle, cn: str, *extra: tuple[x509.ExtensionType, bool]) -> certs.Bundle:
    return certs._build(subject=certs._name(cn), key=certs.get_key("ec", label=cn), issuer=parent,
                        not_before=certs.now() - certs.days(1), not_after=certs.now() + certs.days(900),
                        extensions=[(x509.BasicConstraints(ca=True, path_length=0), True),
                                    (certs._key_usage(ca=True), True), *extra], name=cn)


def _dh_params(directory: Path, bits: int) -> Path:
    out = directory / f"dh{bits}.pem"
    subprocess.run([str(openssl_path()), "dhparam", "-dsaparam", "-out", str(out), str(bits)],
                   check=True, capture_output=True, timeout=60)
    return out


_NEEDS_OPENSSL = pytest.mark.skipif(openssl_path() is None, reason="openssl makes the DH parameters")


def test_an_eddsa_server_key_is_a_warning(tmp_path: Path) -> None:
    """Was: ok and nothing said — valid here, yet few TLS clients take an Ed25519 server
    certificate and no public CA issues one."""
    root, inter = certs.ca_pair()
    leaf = certs.make_leaf(inter, key_type="ed25519", key_label="ed25519 leaf")
    rep = _serve_check(certs.Scenario("ed25519", leaf, [leaf, inter], [root]), tmp_path)
    assert step(rep, "tls").status == "ok"
    warned = step(rep, "chain", "warn")
    assert warned.data["key"] == "Ed25519" and "few TLS clients accept EdDSA" in warned.detail
    assert rep.verdict == "warning" and rep.sclnt_http is None


@_NEEDS_OPENSSL
def test_a_dsa_server_certificate_is_named_not_the_cipher_list(tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """Was: "the server picks DHE-DSS-…, which this check's default suites do not include …
    enable ECDHE suites" — no suite fixes a DSA certificate."""
    root, inter = certs.ca_pair()
    leaf = certs._build(subject=certs._name("localhost"), key=dsa.generate_private_key(2048), issuer=inter,
                        not_before=certs.now() - certs.days(1), not_after=certs.now() + certs.days(300),
                        extensions=[(x509.BasicConstraints(ca=False, path_length=None), True),
                                    (x509.SubjectAlternativeName(certs._general_names(certs.DEFAULT_SANS)), False)],
                        name="dsa leaf")
    rep = _serve_check(certs.Scenario("dsa", leaf, [leaf, inter], [root]), tmp_path,
                       ciphers="DHE-DSS-AES128-GCM-SHA256:@SECLEVEL=0", dh_params=_dh_params(tmp_path, 2048))
    tls = step(rep, "tls", "fail")
    assert tls.cause == "tls_version_or_cipher_mismatch"
    assert "the server's certificate has a DSA key" in tls.detail
    text = next_step(rep, bundled_kb)
    assert "a certificate with an RSA (at least 2048 bits) or ECDSA key" in text and "default suites" not in text
    assert step(rep, "chain", "warn").data["key"] == "DSA"


@_NEEDS_OPENSSL
def test_a_small_dh_group_is_named_with_its_size(tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """Was: "DH_KEY_TOO_SMALL" in passing and the step "the server picks DHE-RSA-…, which
    this check's default suites do not include" — they do include it; the group is too
    small. (A 512-bit group: OpenSSL 3 will not even load it for the server.)"""
    root, inter = certs.ca_pair("rsa")
    leaf = certs.make_leaf(inter, key_type="rsa", key_label="dh leaf")
    rep = _serve_check(certs.Scenario("dh", leaf, [leaf, inter], [root]), tmp_path,
                       ciphers="DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0", dh_params=_dh_params(tmp_path, 1024))
    assert "the server's Diffie-Hellman group has 1024 bits" in step(rep, "tls", "fail").detail
    text = next_step(rep, bundled_kb)
    assert "a DH group of at least 2048 bits, or ECDHE suites" in text and "default suites" not in text


@pytest.mark.parametrize(("constraints", "said"), [
    (x509.NameConstraints(permitted_subtrees=None, excluded_subtrees=[x509.DNSName("localhost")]),
     "localhost (its name constraints exclude localhost)"),
    (x509.NameConstraints(permitted_subtrees=[x509.DNSName("corp.example")], excluded_subtrees=None),
     "localhost (its name constraints permit only corp.example)"),
], ids=["excluded", "not permitted"])
def test_name_constraints_that_forbid_the_servers_name_are_named(
        tmp_path: Path, bundled_kb: KnowledgeBase, constraints: x509.NameConstraints, said: str) -> None:
    """Was: "the chain analysis found no cause" and the ICM-trace step."""
    root, _ = certs.ca_pair()
    limited = _ca(root, "sapassist Constrained CA", (constraints, True))
    leaf = certs.make_leaf(limited, sans=("localhost",), key_label="constrained leaf")
    rep = _serve_check(certs.Scenario("nc", leaf, [leaf, limited], [root]), tmp_path)
    found = step(rep, "chain", "fail")
    assert (found.cause, rep.cause, rep.sclnt_http) == ("server_cert_untrusted",) * 2 + ("SCLNT_HTTP421",)
    assert said in found.detail
    text = next_step(rep, bundled_kb)
    assert "importing certificates into STRUST does not change this" in text and "Trace" not in text


def test_name_constraints_of_a_trusted_intermediate_are_named(tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """The constrained CA is itself in the trust list (an intermediate as anchor, as a PSE
    allows). Was: "the chain analysis found no cause" beside "Chain trusted … Second opinion
    disagrees" — the anchor's constraints were never read."""
    root, _ = certs.ca_pair()
    limits = x509.NameConstraints(permitted_subtrees=[x509.DNSName("corp.example")], excluded_subtrees=None)
    limited = _ca(root, "sapassist Constrained CA", (limits, True))
    leaf = certs.make_leaf(limited, sans=("localhost",), key_label="constrained leaf")
    rep = _serve_check(certs.Scenario("nc-anchor", leaf, [leaf], [limited]), tmp_path)
    found = step(rep, "chain", "fail")
    assert (found.cause, rep.sclnt_http) == ("server_cert_untrusted", "SCLNT_HTTP421")
    assert "localhost (its name constraints permit only corp.example)" in found.detail
    assert not [f for f in rep.findings if f.step == "chain" and f.status != "fail"]
    assert "importing certificates into STRUST does not change this" in next_step(rep, bundled_kb)


def test_an_outdated_intermediate_of_the_issuers_name_is_named(tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """The leaf's AKI names the renewed intermediate; the server sends the old one of the same
    name. Was: "an intermediate that the server does not send … import CN=sapassist Test
    Intermediate CA" — the very name the server sends, whose import changes nothing."""
    root, old = certs.ca_pair()
    renewed = certs.make_intermediate(root, certs.INTERMEDIATE_CN, key_label="renewed intermediate")
    leaf = certs.make_leaf(renewed, key_label="leaf of the renewed intermediate")
    rep = _serve_check(certs.Scenario("aki", leaf, [leaf, old], [root]), tmp_path)
    found = step(rep, "chain", "fail")
    assert found.cause == "intermediate_missing"
    wanted = renewed.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    assert found.data["wanted_key_id"] == wanted.hex(":").upper()
    assert "same name, another key" in found.detail
    text = next_step(rep, bundled_kb)
    assert "replace the intermediate" in text and "Importing the one the server sends into STRUST does not help" in text


@pytest.mark.parametrize(("days", "due"), [(10, True), (0.5, True), (20, False)])
def test_a_certificate_expiring_within_two_weeks_says_renewal_is_due(tmp_path: Path, bundled_kb: KnowledgeBase,
                                                                    days: float, due: bool) -> None:
    """Was: "expires in 9 days" (and "in 0 days" for hours) with the cause's general step;
    now within 14 days: calls work until then, the renewed CA into the PSE before."""
    rep = _serve_check(certs.expiring_soon_leaf(days), tmp_path)
    warned = step(rep, "chain", "warn")
    assert rep.verdict == "warning" and warned.cause == "server_cert_expiring_soon"
    assert ("Renewal is due now: calls keep working until then" in warned.detail) is due
    assert ("expires in less than a day" in warned.detail) is (days < 1)
    assert ("before that date" in next_step(rep, bundled_kb)) is due


# ------------------------------------------------------------------ faults of this audit's own choosing


def test_a_trust_list_holding_only_the_servers_own_certificate_warns_of_the_renewal(
        tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """Admins import the server's own certificate into STRUST when the chain will not verify.
    Was: ok, "up to CN=localhost … (an intermediate, accepted as anchor)" — the leaf called
    an intermediate, and nothing said of the day it is renewed."""
    scenario = certs.good_chain()
    files = scenario.write(tmp_path)
    with LoopbackServer(tls_handler(server_context(files.chain, files.key))) as srv:
        pinned = check(srv.url(), ca_file=str(files.leaf))
        by_ca = check(srv.url(), ca_file=str(files.ca))  # the control: the root, as it should be
    warned = step(pinned, "chain", "warn")
    assert warned.data["pinned_leaf"] is True and "not a CA" in warned.detail
    assert "an intermediate" not in warned.detail
    assert pinned.verdict == "warning" and step(pinned, "tls").status == "ok"
    assert f"Import the CA that issued the server's certificate — {scenario.intermediate.subject}" in next_step(
        pinned, bundled_kb)
    assert by_ca.verdict == "ok"
