"""Faults of the seventeenth audit (docs/check_scenarios.md, eighth table), against real
parts on loopback: a long but valid chain, an RSA key past 8192 bits, and faults the table
did not list yet. Each test failed before its fix (where the row says "was:")."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import socket
import struct
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

from assistant.diagnostics import CheckReport
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, next_step, step
from tests.support.servers import (
    HTTP_OK,
    Handler,
    LoopbackServer,
    OpenSSLServer,
    http_handler,
    serve_scenario,
    tls_server,
)
from tests.support.socks import relay

_NEEDS_OPENSSL = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI")


def _findings(rep: CheckReport) -> list[dict[str, object]]:
    return [f.to_json() for f in rep.findings]


# ------------------------------------------------------------------ left from the sixteenth audit


def test_a_chain_longer_than_cryptographys_default_depth_is_no_disagreement(tmp_path: Path) -> None:
    """Was: warning, "Second opinion (cryptography path validation) disagrees: … chain
    construction exceeds max depth" — the library's default of 8 intermediates, not a fault
    of the chain (OpenSSL, the TLS step, verified it)."""
    root = certs.make_root()
    cas = [root]
    for n in range(9):
        cas.append(certs.make_intermediate(cas[-1], f"F17 Long CA {n + 1}", path_length=None))
    leaf = certs.make_leaf(cas[-1], key_label="leaf:f17-long")
    scenario = certs.Scenario("eleven", leaf, [leaf, *reversed(cas[1:])], [root])
    with serve_scenario(scenario, tmp_path) as (srv, ca):
        rep = check(srv.url(), ca_file=str(ca))
    assert step(rep, "tls").status == "ok"
    chain = step(rep, "chain")
    assert chain.status == "ok", _findings(rep)
    assert "disagrees" not in chain.detail and "second_opinion" not in chain.data
    assert "9 intermediate CAs" in chain.detail and "a limit of that library" in chain.detail
    assert "CommonCryptoLib limits the depth is not known" in chain.detail
    assert rep.verdict == "ok"


def test_a_chain_within_the_default_depth_has_no_length_note(tmp_path: Path) -> None:
    """The control: eight intermediates are within the default, nothing is said of length."""
    root = certs.make_root()
    cas = [root]
    for n in range(8):
        cas.append(certs.make_intermediate(cas[-1], f"F17 Long CA {n + 1}", path_length=None))
    leaf = certs.make_leaf(cas[-1], key_label="leaf:f17-long")
    scenario = certs.Scenario("ten", leaf, [leaf, *reversed(cas[1:])], [root])
    with serve_scenario(scenario, tmp_path) as (srv, ca):
        rep = check(srv.url(), ca_file=str(ca))
    assert step(rep, "chain", "ok").detail.startswith("Chain trusted: 9 certificates")
    assert "path is long" not in step(rep, "chain").detail


def _large_rsa_leaf(issuer: certs.Bundle, directory: Path, bits: int) -> tuple[Path, Path]:
    """(chain file, key file) for a leaf with an RSA key of `bits`: openssl makes it from
    five primes, which takes a second or two where two primes take many."""
    key = directory / "big-key.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}",
                    "-pkeyopt", "rsa_keygen_primes:5", "-out", str(key)],
                   check=True, capture_output=True, timeout=120)
    public = subprocess.run(["openssl", "pkey", "-in", str(key), "-pubout"], check=True,
                            capture_output=True, timeout=30).stdout
    now = dt.datetime.now(dt.UTC)
    public_key = serialization.load_pem_public_key(public)
    leaf = (x509.CertificateBuilder().subject_name(certs._name("localhost")).issuer_name(issuer.cert.subject)
            .public_key(public_key).serial_number(x509.random_serial_number())  # type: ignore[arg-type]
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=90))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                issuer.key.public_key()), False)  # type: ignore[arg-type]
            .sign(issuer.key, hashes.SHA256()))  # type: ignore[arg-type]
    chain = directory / "chain.pem"
    chain.write_bytes(leaf.public_bytes(serialization.Encoding.PEM) + issuer.pem())
    return chain, key


@_NEEDS_OPENSSL
def test_an_rsa_key_past_8192_bits_is_unusual_and_the_sap_limit_unknown(
        tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """Was: ok, nothing said. Go's TLS client refuses RSA keys above 8192 bits
    (CVE-2023-29409); CommonCryptoLib's limit is in no source here, so it says so."""
    root, inter = certs.ca_pair("rsa")
    chain, key = _large_rsa_leaf(inter, tmp_path, 8704)
    (tmp_path / "ca.pem").write_bytes(root.pem())
    started = time.monotonic()
    with tls_server(chain, key) as srv:
        rep = check(srv.url(), ca_file=str(tmp_path / "ca.pem"))
    assert time.monotonic() - started < 10
    assert step(rep, "tls").status == "ok"
    warned = step(rep, "chain", "warn")
    assert warned.data["key_bits"] == 8704 and "8,704 bits" in warned.detail
    assert "CVE-2023-29409" in warned.detail
    assert "CommonCryptoLib accepts is not known to sapassist" in warned.detail
    assert rep.verdict == "warning" and rep.sclnt_http is None
    text = next_step(rep, bundled_kb)
    assert "SM59 connection test" in text and "Traceback" not in text


# ------------------------------------------------------------------ a redirect from https to http


@pytest.mark.parametrize("where", ["same-host", "other-host"])
def test_a_redirect_from_https_to_plain_http_is_not_to_be_followed(
        where: str, tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """Was: "Point the destination at the address the redirect names" — for an http://
    address that is switching SSL off, the password and payload then in clear text. The
    plain address is never contacted."""
    files = certs.good_chain().write(tmp_path)
    with LoopbackServer(http_handler(HTTP_OK)) as plain:
        location = (plain.url("/api", scheme="http") if where == "same-host"
                    else "http://plain.sapassist.invalid/api")
        moved = (f"HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\n"
                 "Content-Length: 0\r\nConnection: close\r\n\r\n").encode()
        with tls_server(files.chain, files.key, response=moved) as srv:
            rep = check(srv.url("/api"), ca_file=str(files.ca))
        assert plain.connections == 0
    warned = step(rep, "http", "warn")
    assert warned.cause == "server_redirect" and warned.data["to_plain_http"] is True
    assert "travel unencrypted" in warned.detail
    text = next_step(rep, bundled_kb)
    assert text.startswith("**Next step:** Do not follow this redirect by switching SSL off")
    assert "Point the destination at the address" not in text
    assert rep.verdict == "warning" and rep.sclnt_http is None


def test_a_redirect_from_plain_http_to_another_http_host_is_no_downgrade(tmp_path: Path) -> None:
    """The control: an http:// call sent to another http:// host leaves no TLS behind."""
    moved = (b"HTTP/1.1 302 Found\r\nLocation: http://other.sapassist.invalid/api\r\n"
             b"Content-Length: 0\r\nConnection: close\r\n\r\n")
    with LoopbackServer(http_handler(moved)) as srv:
        rep = check(srv.url("/api", scheme="http"))
    warned = step(rep, "http", "warn")
    assert warned.cause == "server_redirect" and "to_plain_http" not in warned.data


# ------------------------------------------------------------------ a HelloRetryRequest the client cannot satisfy

_HRR_RANDOM = bytes.fromhex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")


def _read_exactly(conn: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _read_record(conn: socket.socket) -> bytes | None:
    """One TLS record (header and body), None at the end of the stream."""
    head = _read_exactly(conn, 5)
    body = _read_exactly(conn, struct.unpack(">H", head[3:5])[0]) if head is not None else None
    return head + body if head is not None and body is not None else None


def _retry_handler(group: int) -> Handler:
    """A TLS 1.3 server that answers every ClientHello with a HelloRetryRequest for `group`
    (RFC 8446 4.1.4) — the second one too — until the client gives up."""

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        with contextlib.suppress(OSError):
            while (record := _read_record(conn)) is not None and record[0] in (0x14, 0x16):
                if record[0] == 0x14:  # the middlebox-compatibility ChangeCipherSpec
                    continue
                hello = record[5:]
                session = hello[39:39 + hello[38]]
                ext = struct.pack(">HHH", 0x002B, 2, 0x0304) + struct.pack(">HHH", 0x0033, 2, group)
                body = (b"\x03\x03" + _HRR_RANDOM + bytes([len(session)]) + session + b"\x13\x01\x00"
                        + struct.pack(">H", len(ext)) + ext)
                message = b"\x02" + len(body).to_bytes(3, "big") + body
                conn.sendall(b"\x16\x03\x03" + struct.pack(">H", len(message)) + message)

    return handle


@pytest.mark.parametrize(("group", "named"), [
    (0x001A, "HelloRetryRequest asks for a key share of the group brainpoolP256r1 (0x001a)"),  # never offered
    (0x001D, "HelloRetryRequest asks for a key share of the group x25519 (0x001d)"),  # its share already sent
    (0x0018, "second HelloRetryRequest"),  # P-384 is offered: the client retries, and gets another
], ids=["not-offered", "already-sent", "twice"])
def test_a_hello_retry_the_client_cannot_satisfy_is_the_servers_protocol_fault(
        group: int, named: str, bundled_kb: KnowledgeBase) -> None:
    """Was: "TLS handshake failed (BAD_KEY_SHARE): none of the known causes fits" and the
    ICM-trace step."""
    started = time.monotonic()
    with LoopbackServer(_retry_handler(group)) as srv:
        rep = check(srv.url())
    assert time.monotonic() - started < 10
    tls = step(rep, "tls", "fail")
    assert (tls.cause, tls.sclnt_http) == ("tls_handshake_failed", "SCLNT_HTTP407")
    assert named in tls.detail and "none of the known causes" not in tls.detail
    text = next_step(rep, bundled_kb)
    assert "nothing in STRUST or SM59 changes that" in text
    assert ("second HelloRetryRequest" if group == 0x0018 else named.split("group ")[1]) in text
    assert "ICM trace" not in text and "Traceback" not in text


@_NEEDS_OPENSSL
def test_a_hello_retry_the_client_can_satisfy_is_fine(tmp_path: Path) -> None:
    """The control: a TLS 1.3 server that wants P-384, which the client offers without a key
    share, asks for it and gets it."""
    scenario = certs.good_chain()
    files = scenario.write(tmp_path)
    inter = tmp_path / "intermediates.pem"
    inter.write_bytes(b"".join(b.pem() for b in scenario.served[1:]))
    with OpenSSLServer(files.leaf, files.key, chain=inter, args=["-groups", "P-384"]) as srv:
        rep = check(srv.url(), ca_file=str(files.ca), timeout=4.0)
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings if f.status != "ok"]


# ------------------------------------------------------------------ a leaf revoked by its CRL


def test_a_revoked_leaf_says_revocation_was_not_checked_and_where_it_is_published(tmp_path: Path) -> None:
    """Was: ok, "Chain trusted", nothing said — read as "not revoked". The check contacts
    the target only: the CRL that revokes the leaf (served on loopback) is never fetched."""
    root, inter = certs.ca_pair()
    crl_server = LoopbackServer(http_handler(HTTP_OK)).start()
    try:
        crl_url = crl_server.url("/inter.crl", host="127.0.0.1", scheme="http")
        points = x509.CRLDistributionPoints([x509.DistributionPoint(
            [x509.UniformResourceIdentifier(crl_url)], None, None, None)])
        ocsp = x509.AuthorityInformationAccess([x509.AccessDescription(
            x509.AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier("http://ocsp.sapassist.invalid/"))])
        leaf = certs.make_leaf(inter, key_label="leaf:f17-revoked", extra=[(points, False), (ocsp, False)])
        revoked = (x509.RevokedCertificateBuilder().serial_number(leaf.cert.serial_number)
                   .revocation_date(certs.now() - certs.days(1)).build())
        crl = (x509.CertificateRevocationListBuilder().issuer_name(inter.cert.subject)
               .last_update(certs.now() - certs.days(1)).next_update(certs.now() + certs.days(7))
               .add_revoked_certificate(revoked).sign(inter.key, hashes.SHA256()))  # type: ignore[arg-type]
        body = crl.public_bytes(serialization.Encoding.DER)
        crl_server.handler = http_handler(b"HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\n"
                                          + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        with serve_scenario(certs.Scenario("revoked", leaf, [leaf, inter], [root]), tmp_path) as (srv, ca):
            rep = check(srv.url(), ca_file=str(ca))
        assert crl_server.connections == 0
    finally:
        crl_server.stop()
    chain = step(rep, "chain", "ok")
    assert f"Revocation not checked: the server certificate names a CRL ({crl_url})" in chain.detail
    assert "OCSP responder (http://ocsp.sapassist.invalid/)" in chain.detail
    assert "whether the SAP system checks revocation is not known" in chain.detail
    assert chain.data["revocation_crl"] == [crl_url]
    assert rep.verdict == "ok"


def test_a_leaf_naming_no_status_service_gets_no_revocation_note(tmp_path: Path) -> None:
    """The control: nothing published, nothing anyone could ask — no note."""
    with serve_scenario(certs.good_chain(), tmp_path) as (srv, ca):
        rep = check(srv.url(), ca_file=str(ca))
    assert "Revocation" not in step(rep, "chain", "ok").detail


# ------------------------------------------------------------------ a cut that depends on the ClientHello


def _offers_tls13(hello: bytes) -> bool:
    """Does the ClientHello record list TLS 1.3 in supported_versions (RFC 8446 4.2.1)?"""
    body = hello[9:]
    at = 2 + 32
    at += 1 + body[at]
    at += 2 + struct.unpack(">H", body[at:at + 2])[0]
    at += 1 + body[at]
    end = at + 2 + struct.unpack(">H", body[at:at + 2])[0]
    at += 2
    while at + 4 <= end:
        kind, size = struct.unpack(">HH", body[at:at + 4])
        if kind == 0x002B:
            versions = body[at + 5:at + 4 + size]
            return b"\x03\x04" in [versions[i:i + 2] for i in range(0, len(versions), 2)]
        at += 4 + size
    return False


def _filtering_front(backend_port: int, refuse: Callable[[bytes], bool]) -> Handler:
    """A TCP front of a real TLS server that resets the connection when `refuse(ClientHello
    record)` says so — an old load balancer or a picky server — and relays the rest."""

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        conn.settimeout(5)
        hello = _read_record(conn)
        if hello is None or refuse(hello):
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        with socket.create_connection(("127.0.0.1", backend_port), timeout=5) as back:
            back.sendall(hello)
            relay(conn, back)

    return handle


@pytest.mark.parametrize(("refuse", "completed"), [
    (lambda hello: len(hello) - 5 >= 512, "TLS 1.3 alone"),  # a device that drops long ClientHellos
    (_offers_tls13, "TLS 1.2 alone"),  # intolerant of an offer that includes TLS 1.3
], ids=["size-512-and-more", "tls13-in-the-offer"])
def test_a_cut_that_depends_on_the_client_hello_is_told_from_a_blocked_route(
        refuse: Callable[[bytes], bool], completed: str, tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """Was: "closed or reset the connection during the handshake … the server accepts TLS 1.3"
    side by side, and the step "cut before any TLS answer … a firewall … or network drops"."""
    files = certs.good_chain().write(tmp_path)
    started = time.monotonic()
    with tls_server(files.chain, files.key) as back, \
            LoopbackServer(_filtering_front(back.port, refuse)) as front:
        rep = check(front.url(), ca_file=str(files.ca))
    assert time.monotonic() - started < 15
    tls = step(rep, "tls", "fail")
    assert (tls.cause, tls.sclnt_http) == ("connection_broken", "SCLNT_HTTP407")
    assert f"yet completed a handshake offering {completed}" in tls.detail
    assert "refuses something in the ClientHello, not the route or the port" in tls.detail
    text = next_step(rep, bundled_kb)
    assert "cuts the handshake for what the ClientHello offers" in text and "SM59 connection test" in text
    assert "network drops" not in text


def test_a_single_dropped_handshake_is_not_blamed_on_the_client_hello(tmp_path: Path) -> None:
    """The control: the first connection is reset, every later one relayed — the
    observation gets through, so nothing points at the ClientHello's content."""
    files = certs.good_chain().write(tmp_path)
    seen: list[int] = []

    def first_only(hello: bytes) -> bool:
        seen.append(len(hello))
        return len(seen) == 1

    with tls_server(files.chain, files.key) as back, \
            LoopbackServer(_filtering_front(back.port, first_only)) as front:
        rep = check(front.url(), ca_file=str(files.ca))
    tls = step(rep, "tls", "fail")
    assert tls.cause == "connection_broken" and "ClientHello" not in tls.detail


# ------------------------------------------------------------------ an intermediate whose EKU excludes servers


def _ca_with_purposes(root: certs.Bundle, cn: str, purposes: list[x509.ObjectIdentifier]) -> certs.Bundle:
    return certs._build(subject=certs._name(cn), key=certs.get_key("ec", label=cn), issuer=root,
                        not_before=certs.now() - certs.days(1), not_after=certs.now() + certs.days(900),
                        extensions=[(x509.BasicConstraints(ca=True, path_length=None), True),
                                    (certs._key_usage(ca=True), True),
                                    (x509.ExtendedKeyUsage(purposes), False)], name=cn)


def test_an_intermediate_whose_eku_excludes_servers_is_named(tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """Was: "the verified handshake failed (unsuitable certificate purpose), but the chain
    analysis found no cause" and the ICM-trace step."""
    root = certs.make_root()
    inter = _ca_with_purposes(root, "F17 Client-only CA", [ExtendedKeyUsageOID.CLIENT_AUTH])
    leaf = certs.make_leaf(inter, key_label="leaf:f17-eku")
    with serve_scenario(certs.Scenario("eku", leaf, [leaf, inter], [root]), tmp_path) as (srv, ca):
        rep = check(srv.url(), ca_file=str(ca))
    assert step(rep, "tls", "fail").data["verify_code"] == 26
    chain = step(rep, "chain", "fail")
    assert (chain.cause, chain.sclnt_http) == ("server_cert_untrusted", "SCLNT_HTTP421")
    assert chain.data["ca_purposes"] == "clientAuth" and "F17 Client-only CA" in chain.detail
    text = next_step(rep, bundled_kb)
    assert "importing it into STRUST changes nothing" in text and "ICM" not in text
    assert "found no cause" not in " ".join(f.detail for f in rep.findings)


def test_an_intermediate_allowing_servers_among_other_purposes_is_fine(tmp_path: Path) -> None:
    """The control: serverAuth among the CA's purposes."""
    root = certs.make_root()
    inter = _ca_with_purposes(root, "F17 Server and client CA",
                              [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH])
    leaf = certs.make_leaf(inter, key_label="leaf:f17-eku-ok")
    with serve_scenario(certs.Scenario("eku-ok", leaf, [leaf, inter], [root]), tmp_path) as (srv, ca):
        rep = check(srv.url(), ca_file=str(ca))
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings if f.status != "ok"]
