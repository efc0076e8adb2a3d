"""Live checks against `openssl s_server`: an independent TLS implementation.

It can do what a Python server cannot (send the acceptable client-CA names), and it
proves the classification does not depend on Python being on both ends.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import certs, checks
from tests.support.checks import step
from tests.support.servers import OpenSSLServer, openssl_path

pytestmark = [
    pytest.mark.openssl,
    pytest.mark.skipif(openssl_path() is None, reason="openssl command not installed"),
]

check = functools.partial(checks.check, timeout=4.0)  # s_server is a separate process


@pytest.fixture()
def s_server(tmp_path: Path) -> Iterator[Callable[..., tuple[OpenSSLServer, certs.ScenarioFiles]]]:
    started: list[OpenSSLServer] = []

    def start(sc: certs.Scenario, *args: str) -> tuple[OpenSSLServer, certs.ScenarioFiles]:
        files = sc.write(tmp_path / sc.name)
        chain = tmp_path / sc.name / "intermediates.pem"
        chain.write_bytes(b"".join(b.pem() for b in sc.served[1:]))
        srv = OpenSSLServer(files.leaf, files.key, chain=chain if sc.served[1:] else None,
                            args=args).start()
        started.append(srv)
        return srv, files

    yield start
    for s in started:
        s.stop()


def test_good_chain(s_server) -> None:  # type: ignore[no-untyped-def]
    srv, files = s_server(certs.good_chain())
    rep = check(srv.url(), ca_file=str(files.ca))
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings]
    assert step(rep, "http").data["status"] == 200
    assert len(rep.chain) == 2


@pytest.mark.parametrize(("scenario", "cause", "code"), [
    ("expired", "server_cert_expired", 10),
    ("incomplete", "intermediate_missing", 20),
    ("wrong_host", "hostname_mismatch", 62),
])
def test_certificate_failures(s_server, scenario: str, cause: str, code: int) -> None:  # type: ignore[no-untyped-def]
    srv, files = s_server(certs.ALL_SCENARIOS[scenario]())
    rep = check(srv.url(), ca_file=str(files.ca))
    assert rep.cause == cause and step(rep, "tls").data["verify_code"] == code


@pytest.mark.parametrize("version_flag", ["-tls1_2", "-tls1_3"])
def test_client_cert_required_names_the_acceptable_cas(s_server, tmp_path: Path, version_flag: str) -> None:  # type: ignore[no-untyped-def]
    sc = certs.good_chain()
    client_ca = tmp_path / "client-ca.pem"
    assert sc.intermediate is not None
    client_ca.write_bytes(sc.intermediate.pem() + sc.trust[0].pem())
    srv, files = s_server(sc, "-Verify", "2", "-CAfile", str(client_ca), version_flag)
    rep = check(srv.url(), ca_file=str(files.ca))
    assert (rep.cause, rep.sclnt_http) == ("client_cert_required", "SCLNT_HTTP407")
    cc = step(rep, "client_cert")
    assert cc.status == "fail" and cc.data["requested"] is True
    # the CA names the server sent (TLS 1.2 certificate_authorities / TLS 1.3 extension 47)
    assert set(cc.data["acceptable_ca_names"]) == {sc.intermediate.subject, sc.trust[0].subject}
    assert sc.intermediate.subject.split(",")[0] in step(rep, "observe").detail


def test_client_cert_presented(s_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sc = certs.good_chain()
    client = certs.client_cert()
    cpath, kpath = client.write_fullchain(tmp_path / "client")
    srv, files = s_server(sc, "-Verify", "2", "-CAfile", str(sc.write(tmp_path / "t").ca))
    rep = check(srv.url(), ca_file=str(files.ca), client_cert=str(cpath), client_key=str(kpath))
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings]
    assert step(rep, "client_cert").data["requested"] is True


@pytest.mark.parametrize("version_flag", ["-tls1_2", "-tls1_3"])
def test_client_cert_from_another_ca_is_rejected_naming_the_accepted_cas(s_server, tmp_path: Path, version_flag: str) -> None:  # type: ignore[no-untyped-def]
    sc = certs.good_chain()
    assert sc.intermediate is not None
    foreign = certs.make_client(certs.make_root(certs.OTHER_ROOT_CN), cn="foreign client")
    cpath, kpath = foreign.write_fullchain(tmp_path / "client")
    srv, files = s_server(sc, "-Verify", "2", "-verify_return_error",
                          "-CAfile", str(sc.write(tmp_path / "t").ca), version_flag)
    rep = check(srv.url(), ca_file=str(files.ca), client_cert=str(cpath), client_key=str(kpath))
    assert (rep.cause, rep.sclnt_http) == ("client_cert_rejected", "SCLNT_HTTP407")
    cc = step(rep, "client_cert", "fail")
    assert cc.data["acceptable_ca_names"] == [sc.trust[0].subject]
    assert any("not among the CA names" in s for s in cc.data["suspects"])
    assert sc.trust[0].subject in cc.detail and "ask the server side to trust" in cc.detail


def test_tls10_only(s_server) -> None:  # type: ignore[no-untyped-def]
    srv, files = s_server(certs.good_chain(), "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0")
    rep = check(srv.url(), ca_file=str(files.ca))
    assert rep.cause == "tls_version_or_cipher_mismatch"
    assert step(rep, "tls").data["versions"]["TLS 1.0"] == "accepted"
    assert rep.extra["accepted_versions"] == ["TLS 1.0"]


def test_tls13_only(s_server) -> None:  # type: ignore[no-untyped-def]
    srv, files = s_server(certs.good_chain(), "-tls1_3")
    rep = check(srv.url(), ca_file=str(files.ca))
    assert rep.verdict == "warning" and rep.cause == "tls_version_or_cipher_mismatch"
    assert "TLS 1.3 only" in step(rep, "tls", "warn").detail


def test_weak_key(s_server) -> None:  # type: ignore[no-untyped-def]
    srv, files = s_server(certs.weak_key_leaf(), "-cipher", "DEFAULT:@SECLEVEL=0", "-tls1_2")
    rep = check(srv.url(), ca_file=str(files.ca))
    assert rep.cause == "weak_server_key"
    assert step(rep, "tls").data["verify_code"] == 66
