"""Faults of the thirteenth audit (docs/check_scenarios.md, fourth table), against real
servers on loopback: certificates of an unusual shape, chains sent in odd ways, odd HTTP
answers, slow servers, addresses that are no host's. Each test failed before its fix
(where the row says "was:")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtensionOID, ObjectIdentifier

from assistant.answers.check import build_check_answer
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, next_step, step
from tests.support.servers import tls_server

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
