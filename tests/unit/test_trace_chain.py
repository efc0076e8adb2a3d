"""The chain analysis of dumped certificates, offline, and root-or-intermediate.

The traces are written in the level-3 shape (PEM lines with the thread prefix: abapGit
issue 6720, zcerti's parser) with certificates made by tests/support/certs.py.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from assistant.diagnostics.issuer import classify_missing_issuer
from assistant.trace import AnalyzedHandshake, analyze_text
from tests.support import certs as c
from tests.support import dev_icm

NOW = _dt.datetime.now(_dt.UTC)


def analyze(*hs: dev_icm.Handshake, trust: list[x509.Certificate] | None = None,
            reference: list[x509.Certificate] | None = None) -> list[AnalyzedHandshake]:
    # reference=[]: the system store must not decide these tests
    report = analyze_text("\n".join(dev_icm.trace(hs)), trust=trust,
                          reference=[] if reference is None else reference, now=NOW)
    return report.handshakes


def single(**kw: object) -> AnalyzedHandshake:
    kw.setdefault("host", "localhost")
    (a,) = analyze(dev_icm.Handshake(**kw))  # type: ignore[arg-type]
    return a


def fails(a: AnalyzedHandshake) -> list[str]:
    return [f.detail for f in a.findings if f.status == "fail"]


def test_leaf_and_intermediate_with_the_root_missing() -> None:
    sc = c.good_chain()
    a = single(certs=[sc.leaf.cert, sc.intermediate.cert])
    assert (a.ok, a.sclnt_http, a.cause, a.pse_node) == (False, "SCLNT_HTTP421", "server_cert_untrusted",
                                                         "SSL client Anonymous (ANONYM)")
    assert [ci.subject for ci in a.chain] == [sc.leaf.subject,
                                              sc.intermediate.subject]
    (detail,) = fails(a)
    assert "issued by the root CN=sapassist Test Root CA" in detail and "server sends its intermediate" not in detail
    root_name = sc.root.subject
    assert [(i.subject, i.fingerprint is None) for i in a.imports] == [
        (root_name, True), (sc.intermediate.subject, False)]
    assert a.imports[1].fingerprint == sc.intermediate.cert.fingerprint(hashes.SHA256()).hex(":").upper()
    assert a.missing_issuer == root_name and "Test Root CA" in a.advice


def test_leaf_signed_directly_by_a_root_is_not_a_missing_intermediate() -> None:
    root = c.make_root("Example Corp Root CA")
    leaf = c.make_leaf(root, key_label="leaf:by-root")
    a = single(certs=[leaf.cert])
    (detail,) = fails(a)
    assert a.cause == "server_cert_untrusted"
    assert "issued directly by the root CA CN=Example Corp Root CA" in detail
    assert "server sends its intermediate" not in detail and "the server should send" not in detail
    assert "intermediate" not in a.advice


def test_issuer_the_certificates_cannot_classify_gets_both_readings() -> None:
    ca = c.make_root("Example Corp Private CA")  # no "root" in the name, no AIA, nothing sent
    leaf = c.make_leaf(ca, key_label="leaf:private")
    a = single(certs=[leaf.cert])
    (detail,) = fails(a)
    assert a.cause == "server_cert_untrusted"
    assert "do not say whether it is a root or an intermediate CA" in detail
    assert "If CN=Example Corp Private CA" in detail and "is a root CA, import it" in detail
    assert "If it is an intermediate CA, the server should send it" in detail
    assert "Best fix" not in detail  # neither reading is preferred
    assert next(f for f in a.findings if f.status == "fail").data["alternative_cause"] == "intermediate_missing"


def test_missing_intermediate_told_by_name_and_download_address() -> None:
    sc = c.incomplete_chain()  # leaf only; AIA .../intermediate.cer; issuer "... Intermediate CA"
    a = single(certs=[sc.leaf.cert])
    (detail,) = fails(a)
    assert a.cause == "intermediate_missing"
    assert "is an intermediate CA (its name says intermediate; its download address (caIssuers) names an intermediate)" in detail
    assert "Best fix: the server sends its intermediate" in detail
    assert a.aia_url == c.AIA_URL and a.imports[0].note.endswith(c.AIA_URL)
    assert a.advice.startswith("the server should send its intermediate")


def test_reference_list_decides_and_supplies_the_root() -> None:
    root = c.make_root("Example Corp Private CA")
    leaf = c.make_leaf(root, key_label="leaf:private")
    (a,) = analyze(dev_icm.Handshake(host="localhost", certs=[leaf.cert]), reference=[root.cert])
    (detail,) = fails(a)
    assert "issued directly by the root CA" in detail and "system's CA list holds it as a self-signed root" in detail
    fp = root.cert.fingerprint(hashes.SHA256()).hex(":").upper()
    assert [(i.subject, i.fingerprint) for i in a.imports] == [(root.subject, fp)]


def _with_aki_issuer(issuer: c.Bundle, named: x509.Name) -> x509.Certificate:
    """A leaf whose AKI names its issuer's own issuer (authorityCertIssuer + serial)."""
    key = c.get_key(label="leaf:aki")
    aki = x509.AuthorityKeyIdentifier(
        key_identifier=x509.SubjectKeyIdentifier.from_public_key(issuer.key.public_key()).digest,
        authority_cert_issuer=[x509.DirectoryName(named)], authority_cert_serial_number=1)
    return (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "aki.example")])).issuer_name(issuer.cert.subject)
            .public_key(key.public_key()).serial_number(7).not_valid_before(NOW - _dt.timedelta(days=1))
            .not_valid_after(NOW + _dt.timedelta(days=30)).add_extension(aki, critical=False)
            .sign(issuer.key, hashes.SHA256()))  # type: ignore[arg-type]


def test_key_identifier_naming_the_issuers_issuer_is_decisive() -> None:
    root, inter = c.ca_pair()
    by_inter = _with_aki_issuer(inter, root.cert.subject)  # issuer's issuer is another CA
    verdict = classify_missing_issuer(by_inter, [by_inter], [])
    assert (verdict.kind, verdict.decisive) == ("intermediate", True)
    by_root = _with_aki_issuer(root, root.cert.subject)  # names itself: a root
    verdict = classify_missing_issuer(by_root, [by_root], [])
    assert (verdict.kind, verdict.decisive) == ("root", True)


def test_sent_root_that_is_not_the_issuer_means_an_intermediate_is_missing() -> None:
    sc = c.good_chain()
    verdict = classify_missing_issuer(sc.leaf.cert, [sc.leaf.cert, sc.root.cert], [])
    assert verdict.kind == "intermediate" and not verdict.decisive


def test_dumped_root_that_did_not_issue_the_leaf_means_a_missing_intermediate() -> None:
    """The dump holds the leaf and an unrelated root: the missing issuer sits between,
    so here — and only here — the server should send its intermediate."""
    root = c.make_root()
    partner_ca = c.make_intermediate(root, "sapassist Partner CA")  # the name says nothing
    leaf = c.make_leaf(partner_ca, key_label="leaf:partner-ca")
    a = single(certs=[leaf.cert, c.make_root(c.OTHER_ROOT_CN).cert])
    (detail,) = fails(a)
    assert a.cause == "intermediate_missing"
    assert "(the server sends a root that did not issue it, so it sits between)" in detail
    assert a.missing_issuer == partner_ca.subject
    assert a.advice.startswith("the server should send its intermediate, or import CN=sapassist Partner CA")


def test_same_dump_gives_the_same_verdict_as_the_live_check() -> None:
    """One chain analysis for both: the trace's findings are `analyze_chain`'s."""
    from assistant.diagnostics.chain import analyze_chain

    root = c.make_root("Example Corp Root CA")
    leaf = c.make_leaf(root, key_label="leaf:by-root")
    a = single(certs=[leaf.cert])
    live = analyze_chain([leaf.cert], host="localhost", trust=[], now=NOW, reference=[],
                         import_into="SSL client Anonymous (ANONYM)")
    assert [f.detail for f in live.findings if f.status == "fail"] == fails(a)
    assert live.missing_issuer_kind == "root"


def test_expired_server_certificate() -> None:
    sc = c.expired_leaf()
    a = single(code="SSSLERR_PEER_CERT_EXPIRED", certs=[sc.leaf.cert, sc.intermediate.cert])
    assert (a.sclnt_http, a.cause) == ("SCLNT_HTTP418", "server_cert_expired")
    assert any("expired on" in d for d in fails(a))
    assert a.imports == []  # nothing to import: the server owner renews it


def test_wrong_host_and_sni_off() -> None:
    sc = c.wrong_host()
    a = single(code="SSSLERR_SERVER_CERT_MISMATCH", certs=[sc.leaf.cert, sc.intermediate.cert])
    assert (a.sclnt_http, a.cause) == ("SCLNT_HTTP415", "hostname_mismatch")
    assert any("not valid for 'localhost'" in d for d in fails(a))
    b = single(code="SSSLERR_SERVER_CERT_MISMATCH", sni=False, certs=[sc.leaf.cert, sc.intermediate.cert])
    assert (b.sclnt_http, b.cause) == ("SCLNT_HTTP415", "sni_not_sent")
    assert "client_sni_enabled" in b.advice


def test_self_signed_server_certificate() -> None:
    sc = c.self_signed_leaf()
    a = single(certs=[sc.leaf.cert])
    assert a.cause == "server_cert_self_signed"
    fp = sc.leaf.cert.fingerprint(hashes.SHA256()).hex(":").upper()
    assert [i.fingerprint for i in a.imports] == [fp]


def test_closed_connection_with_and_without_sni() -> None:
    a = single(code="SSSLRC_CONN_CLOSED", incomplete=True)
    assert (a.sclnt_http, a.cause, a.handshake.state) == ("SCLNT_HTTP407", "tls_version_or_cipher_mismatch",
                                                         "TLS read server hello A")
    b = single(code="SSSLRC_CONN_CLOSED", sni=False)
    assert b.cause == "sni_not_sent" and b.handshake.sni is False


def test_success_has_no_findings_about_an_unknown_trust_list() -> None:
    sc = c.good_chain()
    a = single(code=None, certs=[sc.leaf.cert, sc.intermediate.cert])
    assert (a.ok, a.cause, a.sclnt_http, a.imports, fails(a)) == (True, None, None, [], [])
    assert a.advice == "nothing (no error logged)"


def test_pse_export_decides_what_to_import() -> None:
    sc = c.good_chain()
    other = c.make_root(c.OTHER_ROOT_CN)
    a = analyze(dev_icm.Handshake(host="localhost", certs=[sc.leaf.cert, sc.intermediate.cert]),
                trust=[other.cert])[0]
    assert a.imports[0].subject == sc.root.subject
    # the export trusts the chain although the trace failed on trust: another PSE
    b = analyze(dev_icm.Handshake(host="localhost", certs=[sc.leaf.cert, sc.intermediate.cert]),
                trust=[sc.root.cert])[0]
    assert fails(b) == [] and b.imports == []
    assert any("probably not the list of the PSE" in f.detail for f in b.findings)
    assert b.advice.startswith("compare --ca-file")


def test_dump_order_and_duplicates_do_not_matter() -> None:
    sc = c.good_chain()
    a = single(certs=[sc.intermediate.cert, sc.leaf.cert, sc.intermediate.cert])
    assert [ci.subject for ci in a.chain] == [sc.leaf.subject,
                                              sc.intermediate.subject]


def test_level2_error_stack_names_the_missing_root() -> None:
    # https://github.com/IBM/abap-sdk-nwas-x README: names only, no PEM at level 2
    text = "\n".join(dev_icm.prefixed("nn", [
        ">>            Begin of Secu-SSL Errorstack            >>",
        "  Subject:                CN=*.partner.example, O=Example Corp, C=US",
        "  Issuer:                 CN=Example TLS CA 2018, O=Example CA Inc, C=US",
        "     Subject:                CN=Example TLS CA 2018, O=Example CA Inc, C=US",
        "     Issuer:                 CN=Example Global Root CA, O=Example CA Inc, C=US",
        "<< ---------- End of Secu-SSL Errorstack ----------",
        "*** ERROR => SSL handshake with stream.partner.example:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)",
    ]))
    (a,) = analyze_text(text, reference=[]).handshakes
    assert a.missing_issuer == "CN=Example Global Root CA, O=Example CA Inc, C=US"
    assert [(i.subject, i.fingerprint) for i in a.imports] == [(a.missing_issuer, None)]


def test_repeated_chain_is_analysed_once_but_reported_per_handshake() -> None:
    sc = c.good_chain()
    hs = [dev_icm.Handshake(host="localhost", thread=t, handle=i, certs=[sc.leaf.cert, sc.intermediate.cert])
          for i, t in enumerate((dev_icm.THREAD_A, dev_icm.THREAD_B, dev_icm.THREAD_C))]
    found = analyze(*hs)
    assert len(found) == 3
    assert len({a.handshake.thread for a in found}) == 3
    assert found[0].findings is found[1].findings  # one analysis …
    lines = [a.chain_lines for a in found]
    assert len({tuple(x) for x in lines}) == 3  # … but each handshake keeps its own lines
    for a in found:
        assert [a.handshake.certs[i].line for i in range(2)] == sorted(a.chain_lines)


def test_pem_block_across_a_read_boundary(tmp_path: Path) -> None:
    """The reader reads in chunks (first 64 KB, then 4 MB); a PEM block whose body
    straddles a chunk boundary is still whole."""
    from assistant.trace import analyze_files

    sc = c.good_chain()
    hs = dev_icm.prefixed(dev_icm.THREAD_A, dev_icm.Handshake(
        host="localhost", certs=[sc.leaf.cert, sc.intermediate.cert]).lines())
    begin = "\n".join(hs).index("-----BEGIN")
    for shift in (20, 200, 400):  # the boundary inside the first, between, inside the second cert
        filler_bytes = 64 * 1024 - begin - shift
        filler = ["[Thr 7] " + "x" * 70] * (filler_bytes // 79)
        text = "\n".join(filler) + "\n" + "\n".join(hs) + "\n"
        p = tmp_path / f"dev_icm{shift}"
        p.write_text(text)
        (a,) = analyze_files([str(p)], reference=[], now=NOW).handshakes
        assert len(a.chain) == 2, shift
