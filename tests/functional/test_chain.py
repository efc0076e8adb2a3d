"""Chain analysis: every scenario gets the right cause, SCLNT_HTTP id and certificate to import."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID

from assistant.diagnostics.certinfo import cert_info
from assistant.diagnostics.chain import ChainAnalysis, analyze_chain
from assistant.diagnostics.hostmatch import (
    der_matches_host,
    dns_name_matches,
    match_host,
    normalize_host,
)
from assistant.diagnostics.model import Finding
from tests.support import certs as c


def run(sc: c.Scenario, host: str = "localhost", **kw: object) -> ChainAnalysis:
    return analyze_chain(sc.served_certs(), host=host, trust=sc.trust_certs(), **kw)  # type: ignore[arg-type]


def causes(a: ChainAnalysis) -> dict[str, Finding]:
    return {f.cause: f for f in a.findings if f.cause}


def statuses(a: ChainAnalysis) -> set[str]:
    return {f.status for f in a.findings}


def test_all_findings_are_chain_step() -> None:
    for make in c.ALL_SCENARIOS.values():
        for f in run(make()).findings:
            assert f.step == "chain" and f.status in ("ok", "warn", "fail")


def test_good_chain_is_trusted_and_ok() -> None:
    sc = c.good_chain()
    a = run(sc)
    assert a.trusted and a.order_ok and not a.anchor_sent
    assert statuses(a) == {"ok"} and not causes(a)
    assert a.anchor is not None and sc.root is not None
    assert a.anchor.subject == sc.root.subject
    assert a.to_import == []


def test_root_sent_is_reported_as_anchor_sent() -> None:
    a = run(c.good_chain(root_sent=True))
    assert a.trusted and a.anchor_sent and statuses(a) == {"ok"}
    assert "also sends the root" in a.findings[-1].detail


def test_expired_leaf() -> None:
    sc = c.expired_leaf()
    f = causes(run(sc))["server_cert_expired"]
    assert f.status == "fail" and f.sclnt_http == "SCLNT_HTTP418"
    assert f.data["certificate"] == sc.leaf.subject and sc.leaf.subject in f.detail


def test_expired_intermediate_names_the_intermediate() -> None:
    sc = c.expired_intermediate()
    assert sc.intermediate is not None
    found = [f for f in run(sc).findings if f.cause == "server_cert_expired"]
    assert [f.data["certificate"] for f in found] == [sc.intermediate.subject]


def test_not_yet_valid() -> None:
    sc = c.not_yet_valid_leaf()
    f = causes(run(sc))["server_cert_not_yet_valid"]
    assert f.status == "fail" and f.sclnt_http == "SCLNT_HTTP418"
    assert f.data["certificate"] == sc.leaf.subject


def test_expiring_soon_is_a_warning_and_threshold_applies() -> None:
    sc = c.expiring_soon_leaf(10)
    a = run(sc)
    f = causes(a)["server_cert_expiring_soon"]
    assert f.status == "warn" and f.sclnt_http is None and f.data["days_left"] in (9, 10)
    assert "fail" not in statuses(a) and a.trusted
    assert "server_cert_expiring_soon" not in causes(run(sc, expiring_days=5))


def test_now_parameter_moves_the_clock() -> None:
    sc = c.good_chain()
    later = c.now() + c.days(400)
    assert "server_cert_expired" in causes(run(sc, now=later))


def test_wrong_host() -> None:
    sc = c.wrong_host()
    f = causes(run(sc))["hostname_mismatch"]
    assert f.status == "fail" and f.sclnt_http == "SCLNT_HTTP415"
    assert "DNS:other.sapassist.invalid" in f.detail and f.data["host"] == "localhost"


@pytest.mark.parametrize(
    ("pattern", "host", "ok"),
    [
        ("*.example.test", "a.example.test", True),
        ("*.example.test", "A.Example.Test", True),
        ("*.example.test", "b.a.example.test", False),
        ("*.example.test", "example.test", False),
        ("*.test", "a.test", False),  # too broad
        ("a*.example.test", "ab.example.test", False),  # partial-label wildcard
        ("a.*.example.test", "a.b.example.test", False),  # not left-most
        ("host.example.test.", "host.example.test", True),
        ("host.example.test", "other.example.test", False),
    ],
)
def test_dns_wildcard_rules(pattern: str, host: str, ok: bool) -> None:
    assert dns_name_matches(pattern, normalize_host(host)) is ok


@pytest.mark.parametrize(
    ("sans", "cn", "host", "ok"),
    [
        (("*.example.test",), "x", "sap.example.test", True),
        (("*.example.test",), "x", "a.sap.example.test", False),
        (("*.example.test",), "x", "SAP.Example.Test.", True),
        ((), "legacy.example.test", "legacy.example.test", True),  # CN only without SAN
        (("other.example.test",), "legacy.example.test", "legacy.example.test", False),  # SAN wins
        (("127.0.0.1",), "x", "127.0.0.1", True),
        (("DNS:127.0.0.1",), "x", "127.0.0.1", False),  # an IP never matches a DNS SAN
        (("::1",), "x", "[::1]", True),
    ],
)
def test_der_matcher_is_the_chain_analysis_matcher(
    sans: tuple[str, ...], cn: str, host: str, ok: bool
) -> None:
    """The TLS step (SNI off) and the chain analysis must never disagree on a name."""
    root = c.make_root()
    leaf = c.make_leaf(root, sans=sans, cn=cn, key_label="hostmatch")
    assert match_host(leaf.cert, host).matched is ok
    assert der_matches_host(leaf.der(), host) is ok
    sc = c.Scenario("hostmatch", leaf, [leaf], [root])
    found = causes(run(sc, host=host))
    mismatch = found.get("hostname_mismatch") or found.get("wildcard_cert_not_matching")
    assert (mismatch is None or mismatch.status == "warn") is ok


def test_der_matcher_on_garbage_matches_nothing() -> None:
    assert der_matches_host(b"\x30\x03\x02\x01\x00", "localhost") is False


def test_wildcard_certificate_match_and_mismatch() -> None:
    root, inter = c.ca_pair()
    leaf = c.make_leaf(inter, sans=("*.example.test",), cn="*.example.test", key_label="wild")
    sc = c.Scenario("wild", leaf, [leaf, inter], [root])
    assert "hostname_mismatch" not in causes(run(sc, host="sap.example.test"))
    f = causes(run(sc, host="a.sap.example.test"))["wildcard_cert_not_matching"]
    assert f.sclnt_http == "SCLNT_HTTP415"
    assert causes(run(sc, host="sap.other.test"))["hostname_mismatch"].sclnt_http == "SCLNT_HTTP415"


def test_ip_against_ip_san_and_dns_only_certificate() -> None:
    good = c.good_chain()
    assert "hostname_mismatch" not in causes(run(good, host="127.0.0.1"))
    assert "hostname_mismatch" not in causes(run(good, host="[::1]"))
    assert causes(run(good, host="10.1.2.3"))["hostname_mismatch"].status == "fail"
    root, inter = c.ca_pair()
    dns_only = c.make_leaf(inter, sans=("localhost", "DNS:127.0.0.1"), key_label="dnsonly")
    m = match_host(dns_only.cert, "127.0.0.1")
    assert not m.matched and "DNS names only" in m.reason and "as a DNS name" in m.reason
    sc = c.Scenario("dns-only", dns_only, [dns_only, inter], [root])
    assert causes(run(sc, host="127.0.0.1"))["hostname_mismatch"].sclnt_http == "SCLNT_HTTP415"


def test_cn_only_certificate_reports_both_views() -> None:
    root, inter = c.ca_pair()
    leaf = c.make_leaf(inter, sans=(), cn="legacy.example.test", key_label="cnonly")
    sc = c.Scenario("cn", leaf, [leaf, inter], [root])
    ok = causes(run(sc, host="legacy.example.test"))["server_cert_name_only_in_cn"]
    assert ok.status == "warn" and ok.data["cn_only"] and "CommonCryptoLib" in ok.detail
    bad = causes(run(sc, host="other.example.test"))["hostname_mismatch"]
    assert bad.status == "fail" and "CommonCryptoLib" in bad.detail


def test_self_signed_leaf_names_itself_for_import() -> None:
    sc = c.self_signed_leaf()
    a = run(sc)
    f = causes(a)["server_cert_self_signed"]
    assert f.status == "fail" and f.sclnt_http == "SCLNT_HTTP421"
    assert [i.subject for i in a.to_import] == [sc.leaf.subject]
    assert a.to_import[0].fingerprint_sha256 == cert_info(sc.leaf.cert).fingerprint_sha256
    assert "STRUST" in f.detail and "SSL client PSE" in f.data["import_into"]


def test_pinned_self_signed_is_trusted() -> None:
    sc = c.self_signed_leaf()
    sc.trust = [sc.leaf]
    a = run(sc)
    assert a.trusted and "fail" not in statuses(a)


def test_untrusted_root_sent_names_the_root() -> None:
    sc = c.untrusted_root(root_sent=True)
    assert sc.root is not None
    a = run(sc)
    f = causes(a)["server_cert_untrusted"]
    assert f.status == "fail" and f.sclnt_http == "SCLNT_HTTP421"
    assert a.anchor_sent and not a.trusted
    assert [i.subject for i in a.to_import] == [sc.root.subject]
    assert f.data["certificate"] == sc.root.subject


def test_untrusted_root_not_sent_names_the_missing_root() -> None:
    sc = c.untrusted_root(root_sent=False)
    assert sc.root is not None and sc.intermediate is not None
    a = run(sc)
    f = causes(a)["server_cert_untrusted"]
    assert f.sclnt_http == "SCLNT_HTTP421" and "intermediate_missing" not in causes(a)
    assert a.missing_issuer == sc.root.subject
    # a PSE accepts any listed certificate as anchor, so the sent CA is importable too
    assert [i.subject for i in a.to_import] == [sc.intermediate.subject]


def test_incomplete_chain_names_missing_issuer_and_aia() -> None:
    sc = c.incomplete_chain()
    assert sc.intermediate is not None
    a = run(sc)
    f = causes(a)["intermediate_missing"]
    assert f.status == "fail" and f.sclnt_http == "SCLNT_HTTP421"
    assert a.missing_issuer == sc.intermediate.subject
    assert a.aia_url == c.AIA_URL and c.AIA_URL in f.detail
    assert "server_cert_untrusted" not in causes(a)


def test_incomplete_chain_is_fine_when_pse_holds_the_intermediate() -> None:
    sc = c.incomplete_chain()
    assert sc.intermediate is not None
    sc.trust = [sc.intermediate]
    a = run(sc)
    assert a.trusted and "fail" not in statuses(a)


def test_pse_with_only_the_intermediate_is_trusted() -> None:
    sc = c.intermediate_only_trusted()
    a = run(sc)
    assert a.trusted and statuses(a) == {"ok"}
    assert a.findings[-1].data["partial_chain"] is True


def test_weak_key_warns_and_fails_on_verify_error() -> None:
    sc = c.weak_key_leaf()
    f = causes(run(sc))["weak_server_key"]
    assert f.status == "warn" and "1024" in f.detail and f.data["certificate"] == sc.leaf.subject
    hard = causes(run(sc, verified_ok=False, verify_error="EE certificate key too weak"))
    assert hard["weak_server_key"].status == "fail"
    assert hard["weak_server_key"].sclnt_http is None  # CommonCryptoLib's limits are not documented
    assert "not documented here" in hard["weak_server_key"].detail
    # an unrelated verify error does not turn the weak key into the cause
    other = causes(run(sc, verified_ok=False, verify_error="unable to get local issuer certificate"))
    assert other["weak_server_key"].status == "warn"


@pytest.mark.openssl
def test_sha1_signature(tmp_path: Path) -> None:
    if not c.openssl_available():
        pytest.skip("openssl command not available")
    sc = c.sha1_leaf(tmp_path)
    assert sc is not None
    a = run(sc)
    f = causes(a)["weak_server_key"]
    assert f.status == "warn" and "SHA-1" in f.detail and f.data["certificate"] == sc.leaf.subject
    assert a.trusted  # our own path building verifies SHA-1 signatures
    err = "certificate verify failed: CA signature digest algorithm too weak"
    assert causes(run(sc, verified_ok=False, verify_error=err))["weak_server_key"].status == "fail"


def test_wrong_purpose_leaf_is_untrusted() -> None:
    root, inter = c.ca_pair()
    leaf = c.make_leaf(inter, eku=("client",), key_label="clientonly")
    f = causes(run(c.Scenario("eku", leaf, [leaf, inter], [root])))["server_cert_untrusted"]
    assert "serverAuth" in f.detail


def test_out_of_order_chain() -> None:
    root = c.make_root()
    i1 = c.make_intermediate(root, "sapassist order I1", path_length=1)
    i2 = c.make_intermediate(i1, "sapassist order I2")
    leaf = c.make_leaf(i2, key_label="order")
    a = run(c.Scenario("order", leaf, [leaf, i1, i2], [root]))
    assert a.trusted and not a.order_ok
    assert any("out of issuing order" in f.detail for f in a.findings if f.status == "warn")
    assert run(c.Scenario("order", leaf, [leaf, i2, i1], [root])).order_ok


def test_verify_failure_without_cause_is_noted() -> None:
    a = run(c.good_chain(), verified_ok=False, verify_error="something odd")
    assert any(f.status == "warn" and "something odd" in f.detail for f in a.findings)


def test_system_store_does_not_trust_the_test_root() -> None:
    sc = c.good_chain()
    a = analyze_chain(sc.served_certs(), host="localhost", trust=None)
    assert not a.trusted
    assert causes(a).keys() & {"server_cert_untrusted", "intermediate_missing"}


def test_empty_chain() -> None:
    a = analyze_chain([], host="localhost", trust=[])
    assert [f.status for f in a.findings] == ["fail"]


def test_json_shape() -> None:
    doc = run(c.incomplete_chain()).to_json()
    assert doc["findings"][0]["step"] == "chain" and doc["aia_url"] == c.AIA_URL
    assert doc["trusted"] is False and isinstance(doc["to_import"], list)


def test_cert_info_fields() -> None:
    sc = c.incomplete_chain()
    info = cert_info(sc.leaf.cert)
    assert info.san == ["DNS:localhost", "IP:127.0.0.1", "IP:::1"]
    assert info.key == "EC secp256r1" and info.signature_algorithm == "ecdsa-with-SHA256"
    assert info.aia_ca_issuers == [c.AIA_URL] and not info.is_ca and not info.self_signed
    assert len(info.fingerprint_sha256.split(":")) == 32 and info.not_after.endswith("Z")
    assert cert_info(c.weak_key_leaf().leaf.cert).key == "RSA 1024"
    ed = cert_info(c.make_root("sapassist ed root", key_type="ed25519").cert)
    assert ed.key == "Ed25519" and ed.self_signed and ed.is_ca


def test_cert_info_keeps_odd_subjects_raw() -> None:
    root = c.make_root()
    key = c.get_key(label="odd")
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, "[red]x\x1b[2J"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Bmp Org", _type=x509.name._ASN1Type.BMPString),
    ])
    from cryptography.hazmat.primitives import hashes

    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(root.cert.subject)
        .public_key(key.public_key()).serial_number(1)
        .not_valid_before(c.now() - c.days(1)).not_valid_after(c.now() + c.days(1))
        .sign(root.key, hashes.SHA256())
    )
    info = cert_info(cert)
    assert "\x1b[2J" in info.subject and "Bmp Org" in info.subject and info.san == []
