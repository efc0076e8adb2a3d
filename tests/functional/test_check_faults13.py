"""Faults of the thirteenth audit (docs/check_scenarios.md, fourth table), against real
servers on loopback: certificates of an unusual shape, chains sent in odd ways, odd HTTP
answers, slow servers, addresses that are no host's. Each test failed before its fix
(where the row says "was:")."""

from __future__ import annotations

import json
import socket
import ssl
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtensionOID, ObjectIdentifier

from assistant.answers.check import build_check_answer
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, next_step, step
from tests.support.servers import (
    LoopbackServer,
    alert_handler,
    http_handler,
    read_request,
    tls_server,
)

# ------------------------------------------------------------------ extensions a client cannot use

_SAN = (x509.SubjectAlternativeName([x509.DNSName("localhost")]), False)
# Each one is BER an old CA might write, or a wrong structure; OpenSSL loads and accepts
# them all, cryptography (strict DER) refuses the whole extension list.
_MALFORMED = {
    # BOOLEAN TRUE as 0x05 instead of DER's 0xFF (critical, as basicConstraints is)
    "basicConstraints": (x509.UnrecognizedExtension(ExtensionOID.BASIC_CONSTRAINTS, b"\x30\x03\x01\x01\x05"), True),
    "authorityInfoAccess": (x509.UnrecognizedExtension(ExtensionOID.AUTHORITY_INFORMATION_ACCESS, b"\x30\x03\x02\x01\x01"), False),
    "certificatePolicies": (x509.UnrecognizedExtension(ExtensionOID.CERTIFICATE_POLICIES, b"\x30\x02\x05\x00"), False),
}


def _served_leaf(tmp_path: Path, extension: tuple[x509.ExtensionType, bool], label: str) -> certs.ScenarioFiles:
    root, inter = certs.ca_pair()
    leaf = certs.make_leaf(inter, sans=(), extra=[_SAN, extension], key_label=f"leaf:f13-{label}")
    return certs.Scenario(name=label, leaf=leaf, served=[leaf, inter], trust=[root]).write(tmp_path)


@pytest.mark.parametrize("name", list(_MALFORMED))
def test_an_extension_that_cannot_be_parsed_is_named_not_read_as_no_san(
        name: str, tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    """One malformed extension hid every other from cryptography: the check said "no
    subjectAltName, the name matches only the CN" of a certificate whose SAN is fine."""
    files = _served_leaf(tmp_path, _MALFORMED[name], name)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert step(rep, "tls").status == "ok"  # OpenSSL reads it leniently
    assert rep.verdict == "warning" and rep.cause != "server_cert_name_only_in_cn"
    found = next(f for f in rep.findings if f.data.get("unreadable_extensions"))
    assert found.data["unreadable_extensions"] == [name]
    assert f"its {name} extension cannot be parsed strictly" in found.detail
    assert "no subjectAltName" not in json.dumps(rep.to_json())
    assert rep.chain[0].extensions_error and rep.chain[0].san == []
    text = build_check_answer(rep, bundled_kb)
    assert "**Subject alternative names:** cannot be read" in text
    assert f"reissued with its {name} extension encoded correctly" in next_step(rep, bundled_kb)


def test_an_intermediate_with_unreadable_extensions_is_not_called_no_ca(tmp_path: Path) -> None:
    root = certs.make_root()
    inter = certs.make_intermediate(root, "F13 BER Sub CA")
    raw = certs.Bundle(_reissue_with(inter, root, _MALFORMED["certificatePolicies"]), inter.key, root, "ber")
    leaf = certs.make_leaf(raw, key_label="leaf:f13-ber-sub")
    files = certs.Scenario(name="ber-sub", leaf=leaf, served=[leaf, raw], trust=[root]).write(tmp_path)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert rep.verdict == "warning", [f.to_json() for f in rep.findings]
    assert all("not a CA certificate" not in f.detail for f in rep.findings)
    found = next(f for f in rep.findings if f.data.get("unreadable_extensions"))
    assert found.detail.startswith("The certificate CN=F13 BER Sub CA")


def _reissue_with(cert: certs.Bundle, issuer: certs.Bundle, extension: tuple[x509.ExtensionType, bool]) -> x509.Certificate:
    """`cert` signed again by `issuer` with one more extension (name and key kept)."""
    from cryptography.hazmat.primitives import hashes

    builder = (x509.CertificateBuilder().subject_name(cert.cert.subject).issuer_name(issuer.cert.subject)
               .public_key(cert.key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(cert.cert.not_valid_before_utc).not_valid_after(cert.cert.not_valid_after_utc))
    for ext in cert.cert.extensions:
        builder = builder.add_extension(ext.value, ext.critical)
    builder = builder.add_extension(*extension)
    return builder.sign(issuer.key, hashes.SHA256())  # type: ignore[arg-type]


def test_an_unknown_critical_extension_is_named_and_no_import_is_advised(
        tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    unknown = (x509.UnrecognizedExtension(ObjectIdentifier("1.3.6.1.4.1.99999.13"), b"\x05\x00"), True)
    files = _served_leaf(tmp_path, unknown, "critical")
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert "unhandled critical extension" in step(rep, "tls", "fail").detail
    chain = step(rep, "chain", "fail")
    assert (rep.cause, rep.sclnt_http) == ("server_cert_untrusted", "SCLNT_HTTP421")
    assert chain.data["unknown_critical"] == ["1.3.6.1.4.1.99999.13"]
    assert "found no cause" not in json.dumps(rep.to_json())
    text = next_step(rep, bundled_kb)
    assert "critical extension 1.3.6.1.4.1.99999.13" in text and "does not change this" in text
    assert "ICM trace" not in text


# ------------------------------------------------------------------ chains sent in odd shapes


def _three_level() -> tuple[certs.Bundle, certs.Bundle, certs.Bundle, certs.Bundle]:
    root = certs.make_root()
    upper = certs.make_intermediate(root, "F13 Upper CA", path_length=None)
    lower = certs.make_intermediate(upper, "F13 Lower CA")
    return root, upper, lower, certs.make_leaf(lower, key_label="leaf:f13-three")


def _chain_findings(served: list[certs.Bundle], root: certs.Bundle, tmp_path: Path) -> tuple[str, list[str]]:
    files = certs.Scenario(name="shape", leaf=served[0], served=served, trust=[root]).write(tmp_path)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert step(rep, "tls").status == "ok" and step(rep, "http").status == "ok"
    return rep.verdict, [f.detail for f in rep.findings if f.step == "chain" and f.status == "warn"]


def test_a_certificate_sent_twice_is_named_not_called_out_of_order(tmp_path: Path) -> None:
    root, upper, lower, leaf = _three_level()
    verdict, warned = _chain_findings([leaf, lower, lower, upper], root, tmp_path)
    assert verdict == "warning" and len(warned) == 1, warned
    assert warned[0].startswith("The server sends the same certificate more than once: "
                                "CN=F13 Lower CA, O=sapassist tests (#2, #3).")
    assert not any("out of issuing order" in w for w in warned)  # was: "out of issuing order"


def test_an_unrelated_certificate_between_the_intermediates_is_only_named_as_extra(tmp_path: Path) -> None:
    root, upper, lower, leaf = _three_level()
    stray = certs.make_root("F13 Unrelated Root")
    verdict, warned = _chain_findings([leaf, lower, stray, upper], root, tmp_path)
    assert verdict == "warning" and warned == ["The server sends 1 certificate that is not part of its chain: "
                      "CN=F13 Unrelated Root, O=sapassist tests."]  # was: also "out of issuing order"


def test_intermediates_in_reverse_are_out_of_order(tmp_path: Path) -> None:
    root, upper, lower, leaf = _three_level()
    verdict, warned = _chain_findings([leaf, upper, lower], root, tmp_path)
    assert verdict == "warning" and len(warned) == 1 and "out of issuing order" in warned[0]


@pytest.mark.parametrize("shape", ["ten-certificates", "p384-leaf", "rsa-pss-leaf"])
def test_unusual_but_valid_shapes_raise_no_alarm(shape: str, tmp_path: Path) -> None:
    root = certs.make_root()
    if shape == "ten-certificates":  # root + 8 intermediates + leaf
        cas = [root]
        for n in range(8):
            cas.append(certs.make_intermediate(cas[-1], f"F13 Long CA {n + 1}", path_length=None))
        leaf = certs.make_leaf(cas[-1], key_label="leaf:f13-long")
        served = [leaf, *reversed(cas[1:])]
    elif shape == "p384-leaf":
        inter = certs.make_intermediate(root)
        leaf = certs.make_leaf(inter, key_type="ec384", key_label="leaf:f13-p384")
        served = [leaf, inter]
    else:
        rsa_root, inter = certs.ca_pair("rsa")
        root, leaf = rsa_root, _pss_signed_leaf(inter)
        served = [leaf, inter]
    files = certs.Scenario(name=shape, leaf=leaf, served=served, trust=[root]).write(tmp_path)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings if f.status != "ok"]
    assert step(rep, "chain", "ok").detail.startswith(f"Chain trusted: {len(served)} certificates")


def _pss_signed_leaf(issuer: certs.Bundle) -> certs.Bundle:
    """A leaf the (RSA) issuer signs with RSASSA-PSS instead of PKCS#1 v1.5."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    plain = certs.make_leaf(issuer, key_type="rsa", key_label="leaf:f13-pss")
    builder = (x509.CertificateBuilder().subject_name(plain.cert.subject).issuer_name(issuer.cert.subject)
               .public_key(plain.key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(plain.cert.not_valid_before_utc).not_valid_after(plain.cert.not_valid_after_utc))
    for ext in plain.cert.extensions:
        builder = builder.add_extension(ext.value, ext.critical)
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
    cert = builder.sign(issuer.key, hashes.SHA256(), rsa_padding=pss)  # type: ignore[arg-type]
    assert cert.signature_algorithm_oid.dotted_string == "1.2.840.113549.1.1.10"
    return certs.Bundle(cert, plain.key, issuer, "pss")


# ------------------------------------------------------------------ HTTP answers of odd shapes


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nthe body runs until the server closes",
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
], ids=["close-delimited", "100-then-200", "103-then-200"])
def test_legal_but_unusual_answers_are_ok(answer: bytes) -> None:
    with LoopbackServer(http_handler(answer)) as srv:
        rep = check(srv.url(scheme="http"))
    assert rep.verdict == "ok" and step(rep, "http", "ok").data["status"] == 200


@pytest.mark.parametrize("status", [b"302 Found", b"301 Moved Permanently", b"304 Not Modified"])
def test_a_redirect_status_without_its_conditions_is_a_warning(status: bytes, bundled_kb: KnowledgeBase) -> None:
    """Was: "ok" — the call gets the 3xx, not the resource, and has nowhere to go."""
    with LoopbackServer(http_handler(b"HTTP/1.1 " + status + b"\r\nContent-Length: 0\r\n\r\n")) as srv:
        rep = check(srv.url(scheme="http"))
    found = step(rep, "http", "warn")
    assert (rep.verdict, rep.cause) == ("warning", "server_redirect")
    text = next_step(rep, bundled_kb)
    assert f"The server answers 'HTTP/1.1 {status.decode()}'" in text
    if status.startswith(b"304"):
        assert "conditional request" in found.detail and "plain GET" in text
    else:
        assert "without a Location header" in found.detail and "why this request is redirected" in text


def test_a_switch_to_websocket_nobody_asked_for_is_the_wrong_endpoint(
        good_files: certs.ScenarioFiles, bundled_kb: KnowledgeBase) -> None:
    """Was: "connection broken … closed without any response" (SCLNT_HTTP401)."""
    switched = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
    with tls_server(good_files.chain, good_files.key, response=switched) as srv:
        rep = check(srv.url("/ws"), ca_file=str(good_files.ca))
    found = step(rep, "http", "fail")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "destination_misconfigured", None)
    assert "switched the connection to websocket although the request asked for no upgrade" in found.detail
    assert "(Upgrade: websocket): it is an endpoint of another protocol" in next_step(rep, bundled_kb)


def test_an_interim_answer_alone_is_named() -> None:
    with LoopbackServer(http_handler(b"HTTP/1.1 100 Continue\r\n\r\n")) as srv:
        rep = check(srv.url(scheme="http"))
    found = step(rep, "http", "fail")
    assert (rep.cause, rep.sclnt_http) == ("connection_broken", "SCLNT_HTTP401")
    assert "sent only the interim 'HTTP/1.1 100 Continue', then closed without a final response" in found.detail


# ------------------------------------------------------------------ addresses that are no host's


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_the_unspecified_address_is_never_called(host: str, good_files: certs.ScenarioFiles,
                                                 bundled_kb: KnowledgeBase) -> None:
    """A server listens on all addresses; a connect to 0.0.0.0 reached it (this machine),
    and the check went on to judge its certificate (was: hostname_mismatch 415)."""
    with tls_server(good_files.chain, good_files.key, host=host) as srv:
        rep = check(srv.url(host=host), ca_file=str(good_files.ca))
        assert srv.connections == 0  # nothing was sent to "this host"
    found = step(rep, "resolve", "fail")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "dns_failure", None)
    assert f"The URL names {host}: the unspecified address" in found.detail
    assert step(rep, "connect").status == "skip"
    assert "not one to call" in next_step(rep, bundled_kb)


def test_a_name_answering_the_unspecified_address_too_is_tried_on_the_others() -> None:
    """No resolver seam lets a loopback test make a name resolve to 0.0.0.0: the rule is
    checked on the resolver's result (a DNS filter's answer next to a real address)."""
    from assistant.diagnostics.resolve import ResolveResult, resolve_finding, set_aside_unspecified

    both = ResolveResult("blocked.sapassist.invalid", [(2, ("0.0.0.0", 443)), (2, ("192.0.2.7", 443))])
    set_aside_unspecified(both)
    assert both.address_texts() == ["192.0.2.7"]
    assert resolve_finding(both).detail == ("blocked.sapassist.invalid → 192.0.2.7 (also 0.0.0.0, not "
                                            "tried: the unspecified address is no host's)")
    only = ResolveResult("blocked.sapassist.invalid", [(2, ("0.0.0.0", 443))])
    set_aside_unspecified(only)
    found = resolve_finding(only)
    assert found.status == "fail" and "resolves to 0.0.0.0 only" in found.detail
    assert "DNS filter that blocks the name" in found.data["next_step"]


# ------------------------------------------------------------------ a server that trickles


def _trickler(answer: bytes, *, read_first: bool) -> LoopbackServer:
    """Sends `answer` one byte per second (after reading the request, if asked)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        if read_first:
            read_request(conn)
        else:
            conn.recv(4096)  # the ClientHello
        for byte in answer:
            if server.stop_event.wait(1.0):
                return
            conn.sendall(bytes([byte]))
    return LoopbackServer(handle)


def test_a_handshake_trickled_byte_by_byte_ends_at_the_deadline() -> None:
    """A TLS record header, one byte a second: the check keeps its deadline (already right;
    that the server did send something is said since faults14, see test_check_faults14)."""
    with _trickler(b"\x16\x03\x03\x00\x50" + b"\x00" * 80, read_first=False) as srv:
        started = time.monotonic()
        rep = check(srv.url(), timeout=2.0)
    assert time.monotonic() - started < 3.0
    assert (rep.cause, rep.sclnt_http) == ("server_timeout", "SCLNT_HTTP402")
    assert step(rep, "tls", "fail").elapsed_ms < 2500


def test_a_response_head_trickled_byte_by_byte_is_told_from_no_answer() -> None:
    """Was: "no response" although the status line had begun to arrive."""
    with _trickler(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", read_first=True) as srv:
        started = time.monotonic()
        rep = check(srv.url(scheme="http"), timeout=2.5)
    assert time.monotonic() - started < 3.5
    found = step(rep, "http", "fail")
    assert (rep.cause, rep.sclnt_http) == ("server_timeout", "SCLNT_HTTP402")
    assert "the answer began but its head did not complete (2 bytes so far, starting 'HT'" in found.detail
    assert "no response" not in found.detail


# ------------------------------------------------------------------ a ClientHello answered by an alert


@pytest.mark.parametrize(("alert", "reason", "cause", "said"), [
    (40, "SSLV3_ALERT_HANDSHAKE_FAILURE", "tls_version_or_cipher_mismatch", "no common TLS version or cipher"),
    (70, "TLSV1_ALERT_PROTOCOL_VERSION", "tls_version_or_cipher_mismatch", "no common TLS version or cipher"),
    (80, "TLSV1_ALERT_INTERNAL_ERROR", "tls_handshake_failed", "the TLS alert internal_error: it failed on its own side"),
    (112, "TLSV1_UNRECOGNIZED_NAME", "destination_misconfigured", "TLS alert unrecognized_name"),
], ids=["handshake_failure", "protocol_version", "internal_error", "unrecognized_name"])
def test_an_alert_to_the_client_hello_is_named_and_mapped(
        alert: int, reason: str, cause: str, said: str, bundled_kb: KnowledgeBase) -> None:
    with LoopbackServer(alert_handler(alert)) as srv:
        rep = check(srv.url())
    tls = step(rep, "tls", "fail")
    assert (rep.cause, rep.sclnt_http, tls.data["reason"]) == (cause, "SCLNT_HTTP407", reason)
    assert said in tls.detail
    if alert == 80:  # was: "none of the known causes fits" and the ICM-trace step
        text = next_step(rep, bundled_kb)
        assert "nothing in STRUST, SM59 or the cipher parameters changes that" in text
        assert "ICM trace" not in text and "known causes" not in tls.detail


# ------------------------------------------------------------------ a client certificate asked for, optionally


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3], ids=["tls12", "tls13"])
def test_an_optional_client_certificate_request_is_no_failure(
        version: ssl.TLSVersion, good_files: certs.ScenarioFiles) -> None:
    with tls_server(good_files.chain, good_files.key, client_ca=good_files.ca, require_client_cert=False,
                    max_version=version) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings if f.status != "ok"]
    assert "continues without one (optional)" in step(rep, "client_cert", "ok").detail


def test_a_certificate_alert_no_request_came_before_is_not_a_missing_client_certificate() -> None:
    # Alert bad_certificate (42) straight to the ClientHello: the server never asked for a
    # client certificate (the observation saw no CertificateRequest), so "it asked for one and
    # refused without one" would contradict the report's own observation.
    with LoopbackServer(alert_handler(42)) as srv:
        rep = check(srv.url())
    tls = step(rep, "tls", "fail")
    assert rep.cause == "tls_handshake_failed" and rep.sclnt_http == "SCLNT_HTTP407"
    assert "never asked for a client certificate" in tls.detail
    assert "asked for a client certificate and refused" not in tls.detail
