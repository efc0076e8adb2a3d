"""Root or intermediate: the live check against real loopback TLS servers whose chain ends
at an issuer nobody provided. Only a missing intermediate is the server's to send; a
leaf signed directly by a private root needs that root in the SSL client PSE, and when
the certificates cannot tell, both readings get the same weight."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.answers.check import build_check_answer
from assistant.diagnostics import CheckReport
from tests.support import certs
from tests.support.checks import check, step
from tests.support.servers import serve_scenario

SEND_INTERMEDIATE = "server sends its intermediate"
UNLESS_SENT = "unless the server is changed to send it"


@contextmanager
def checked(scenario: certs.Scenario, directory: Path) -> Iterator[tuple[CheckReport, str]]:
    """The live check of a server for `scenario` (trusting its `trust` list) and its answer."""
    with serve_scenario(scenario, directory) as (srv, ca_file):
        report = check(srv.url(), ca_file=str(ca_file))
    yield report, build_check_answer(report, None)


def test_leaf_and_intermediate_with_the_root_missing(tmp_path: Path) -> None:
    sc = certs.untrusted_root(root_sent=False)  # sends leaf + intermediate; the root is nowhere
    assert sc.root is not None and sc.intermediate is not None
    with checked(sc, tmp_path) as (report, answer):
        chain = step(report, "chain", "fail")
        assert (report.cause, report.sclnt_http) == ("server_cert_untrusted", "SCLNT_HTTP421")
        assert step(report, "tls", "fail").cause == "server_cert_untrusted"
        assert chain.data["issuer_kind"] == "root" and chain.data["decisive"] is False
        assert f"issued by the root {sc.root.subject}" in chain.detail
        assert report.extra["missing_issuer"] == sc.root.subject
        assert report.extra["missing_issuer_kind"] == "root"
        # the sent intermediate is importable as an anchor too (a PSE accepts any listed CA)
        assert [c["subject"] for c in report.extra["to_import"]] == [sc.intermediate.subject]
        assert f"the missing root CA `{sc.root.subject}`" in answer
        assert SEND_INTERMEDIATE not in answer and UNLESS_SENT not in answer


def test_leaf_signed_directly_by_a_private_root(tmp_path: Path) -> None:
    """The old defect: this was `intermediate_missing`, "the server should send its
    intermediate" — for a certificate that has no intermediate at all."""
    private_root = certs.make_root("sapassist Private Root CA")
    leaf = certs.make_leaf(private_root, key_label="leaf:private-root")
    sc = certs.Scenario("private_root", leaf, [leaf], [certs.make_root()], root=private_root)
    with checked(sc, tmp_path) as (report, answer):
        chain = step(report, "chain", "fail")
        assert (report.cause, report.sclnt_http) == ("server_cert_untrusted", "SCLNT_HTTP421")
        assert step(report, "tls", "fail").cause == "server_cert_untrusted"
        assert f"was issued directly by the root CA {private_root.subject}" in chain.detail
        assert "its name says root" in chain.detail
        assert report.extra["missing_issuer_kind"] == "root"
        assert "intermediate" not in chain.detail.lower()
        assert SEND_INTERMEDIATE not in answer and UNLESS_SENT not in answer
        assert "Equally possible" not in answer


def test_private_issuer_the_certificates_cannot_classify_gets_both_readings(tmp_path: Path) -> None:
    ca = certs.make_root("sapassist Corp CA")  # no "root" in the name, no AIA, nothing else sent
    leaf = certs.make_leaf(ca, key_label="leaf:corp-ca")
    sc = certs.Scenario("corp_ca", leaf, [leaf], [certs.make_root()], root=ca)
    with checked(sc, tmp_path) as (report, answer):
        chain = step(report, "chain", "fail")
        assert report.cause == "server_cert_untrusted" and report.extra["missing_issuer_kind"] == "unknown"
        assert chain.data["alternative_cause"] == "intermediate_missing"
        assert f"If {ca.subject} is a root CA, import it" in chain.detail
        assert "If it is an intermediate CA, the server should send it" in chain.detail
        assert "Best fix" not in chain.detail  # neither reading comes first
        assert "### Equally possible: `intermediate_missing`" in answer
        assert "if it is a root CA, import it; if it is an intermediate CA, the server should send it" in answer


def test_server_sending_a_root_that_did_not_issue_its_certificate(tmp_path: Path) -> None:
    """The server sends its leaf and an unrelated root: the missing issuer sits between."""
    root = certs.make_root()
    partner_ca = certs.make_intermediate(root, "sapassist Partner CA")  # the name says nothing
    leaf = certs.make_leaf(partner_ca, key_label="leaf:partner-ca")
    unrelated = certs.make_root(certs.OTHER_ROOT_CN)
    sc = certs.Scenario("stray_root", leaf, [leaf, unrelated], [root], root=root, intermediate=partner_ca)
    with checked(sc, tmp_path) as (report, answer):
        chain = step(report, "chain", "fail")
        assert (report.cause, report.sclnt_http) == ("intermediate_missing", "SCLNT_HTTP421")
        assert chain.data["issuer_kind"] == "intermediate"
        assert chain.data["evidence"] == ["the server sends a root that did not issue it, so it sits between"]
        assert "Best fix: the server sends its intermediate" in chain.detail
        assert report.extra["missing_issuer"] == partner_ca.subject
        assert any("not part of its chain" in f.detail for f in report.findings if f.status == "warn")
        assert f"the missing intermediate CA `{partner_ca.subject}`" in answer and UNLESS_SENT in answer
