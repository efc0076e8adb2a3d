"""Second round of faults found by running the live check as a user would, against real
loopback servers: each test pins what an SAP Basis expert would say (message, cause, next
step) where the first answer was wrong or unclear."""

from __future__ import annotations

import pytest

from assistant.answers.check import build_check_doc
from assistant.diagnostics.model import CheckReport
from tests.support import certs
from tests.support.checks import check, step
from tests.support.proxy import ProxyProcess
from tests.support.servers import tls_server


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> certs.ScenarioFiles:
    return certs.good_chain().write(tmp_path_factory.mktemp("good"))


def verdict_text(report: CheckReport, kb) -> str:  # type: ignore[no-untyped-def]
    return build_check_doc(report, kb).verdict


def _leaf_files(tmp_path, name: str, **leaf: object) -> certs.ScenarioFiles:  # type: ignore[no-untyped-def]
    root, inter = certs.ca_pair()
    cert = certs.make_leaf(inter, key_label=f"leaf:{name}", **leaf)  # type: ignore[arg-type]
    return certs.Scenario(name=name, leaf=cert, served=[cert, inter], trust=[root],
                          root=root, intermediate=inter).write(tmp_path)


# ------------------------------------------------------------------ wildcard one level off


@pytest.mark.parametrize("name", ["a.b.example.test", "example.test"])
def test_wildcard_that_misses_by_depth_is_the_wildcard_cause(tmp_path, bundled_kb, name: str) -> None:  # type: ignore[no-untyped-def]
    files = _leaf_files(tmp_path, "wild", sans=("*.example.test",), cn="*.example.test")
    with tls_server(files.chain, files.key) as srv, ProxyProcess("anyname") as proxy:
        rep = check(f"https://{name}:{srv.port}/", ca_file=str(files.ca), proxy=proxy.url)
        covered = check(f"https://b.example.test:{srv.port}/", ca_file=str(files.ca), proxy=proxy.url)
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "wildcard_cert_not_matching", "SCLNT_HTTP415")
    assert "*.example.test covers exactly one level below example.test" in step(rep, "chain", "fail").detail
    assert "one level below the wildcard's domain" in verdict_text(rep, bundled_kb)
    assert covered.verdict == "ok"


def test_a_name_outside_the_wildcard_domain_stays_a_plain_mismatch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    files = _leaf_files(tmp_path, "wild", sans=("*.example.test",), cn="*.example.test")
    with tls_server(files.chain, files.key) as srv, ProxyProcess("anyname") as proxy:
        rep = check(f"https://a.other.test:{srv.port}/", ca_file=str(files.ca), proxy=proxy.url)
    assert (rep.cause, rep.sclnt_http) == ("hostname_mismatch", "SCLNT_HTTP415")
