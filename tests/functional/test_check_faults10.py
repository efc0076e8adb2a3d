"""Faults of the tenth audit (a sweep of every fault an admin meets, docs/check_scenarios.md),
against real servers and a real proxy on loopback: where the verdict was right but the
first step left the admin to find the essential fact alone."""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path

import pytest

from assistant.answers.check import build_check_doc
from assistant.diagnostics.model import CheckReport
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, step
from tests.support.proxy import ProxyProcess
from tests.support.servers import tls_server


def next_step(report: CheckReport, kb: KnowledgeBase) -> str:
    return next(line for line in build_check_doc(report, kb).verdict.split("\n\n")
                if line.startswith("**Next step:**"))


def _leaf_files(tmp_path: Path, name: str, **leaf: object) -> certs.ScenarioFiles:
    root, inter = certs.ca_pair()
    cert = certs.make_leaf(inter, key_label=f"leaf:{name}", **leaf)  # type: ignore[arg-type]
    return certs.Scenario(name=name, leaf=cert, served=[cert, inter], trust=[root],
                          root=root, intermediate=inter).write(tmp_path)


# ------------------------------------------------------------------ wrong host: which names to call


def test_a_wrong_host_next_step_names_the_names_the_certificate_holds(tmp_path: Path,
                                                                     bundled_kb: KnowledgeBase) -> None:
    files = certs.wrong_host("erp.sapassist.invalid").write(tmp_path)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url("/sap/bc/ping"), ca_file=str(files.ca))
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "hostname_mismatch", "SCLNT_HTTP415")
    text = next_step(rep, bundled_kb)
    assert "valid for erp.sapassist.invalid only, not for 'localhost'" in text
    assert "Target Host" in text and "subject alternative name (SAN)" in text


def test_many_names_are_cut_to_a_few_and_counted(tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    names = tuple(f"node{i}.sapassist.invalid" for i in range(8))
    files = _leaf_files(tmp_path, "many", sans=names, cn="node0.sapassist.invalid")
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    text = next_step(rep, bundled_kb)
    assert "node4.sapassist.invalid and 3 more only" in text and "node5" not in text


def test_a_wildcard_one_level_too_deep_names_its_domain(tmp_path: Path, bundled_kb: KnowledgeBase) -> None:
    files = _leaf_files(tmp_path, "wild", sans=("*.example.test",), cn="*.example.test")
    with tls_server(files.chain, files.key) as srv, ProxyProcess("anyname") as proxy:
        rep = check(f"https://a.b.example.test:{srv.port}/", ca_file=str(files.ca), proxy=proxy.url)
    assert (rep.cause, rep.sclnt_http) == ("wildcard_cert_not_matching", "SCLNT_HTTP415")
    text = next_step(rep, bundled_kb)
    assert "exactly one level below the wildcard's domain example.test" in text
    assert "must call 'a.b.example.test'" in text


# ------------------------------------------------------------------ a proxy URL without a port


def test_a_proxy_url_without_a_port_says_which_port_was_guessed(bundled_kb: KnowledgeBase) -> None:
    host = "127.0.0.9"  # loopback: nothing of ours listens there
    with socket.socket() as probe, contextlib.suppress(OSError):
        probe.settimeout(0.5)
        if probe.connect_ex((host, 8080)) == 0:
            pytest.skip("something listens on 127.0.0.9:8080 here")
    rep = check("https://localhost/sap/bc/ping", proxy=f"http://{host}")
    proxy = step(rep, "proxy", "fail")
    assert (rep.cause, rep.sclnt_http) == ("proxy_refused", "SCLNT_HTTP412")
    assert "no port was given, 8080 was assumed" in proxy.detail and proxy.data["port_assumed"] is True
    text = next_step(rep, bundled_kb)
    assert "named no port, so this check tried 8080" in text
    assert f"--proxy http://{host}:PORT" in text and "Proxy Service" in text


def test_a_proxy_url_with_its_port_says_nothing_of_a_guess() -> None:
    with ProxyProcess() as proxy:
        rep = check("https://localhost:1/", proxy=proxy.url)  # the proxy answers 502: no target
    assert "assumed" not in step(rep, "proxy").detail and "port_assumed" not in step(rep, "proxy").data


# ------------------------------------------------------------------ an IPv6-only target


def test_an_ipv6_only_target_warns_that_sap_needs_ipv6_switched_on(good_files: certs.ScenarioFiles,
                                                                  bundled_kb: KnowledgeBase) -> None:
    """The one IPv6-only target loopback offers without editing /etc/hosts: the literal
    ::1 (the resolve step sees the same thing as for a name with AAAA records only)."""
    try:
        srv = tls_server(good_files.chain, good_files.key, host="::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with srv:
        rep = check(f"https://[::1]:{srv.port}/", ca_file=str(good_files.ca))
    resolved = step(rep, "resolve", "warn")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("warning", "dns_failure", None)
    assert resolved.data["ipv6_only"] is True and "SAP_IPv6_ACTIVE=1" in resolved.detail
    assert step(rep, "http").status == "ok"  # this machine reached it
    text = next_step(rep, bundled_kb)
    assert "SAP_IPv6_ACTIVE=1" in text and "IPv4 address" in text


def test_an_ipv4_target_has_no_such_warning(good_files: certs.ScenarioFiles) -> None:
    with tls_server(good_files.chain, good_files.key) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    assert rep.verdict == "ok" and step(rep, "resolve").status == "ok"


# ------------------------------------------------------------------ sweep rows no audit had pinned


def test_a_server_sending_its_root_too_is_fine(tmp_path: Path) -> None:
    files = certs.good_chain(root_sent=True).write(tmp_path)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert (rep.verdict, rep.cause) == ("ok", None), [f.to_json() for f in rep.findings]


@pytest.mark.parametrize(("status", "words"), [
    (b"500 Internal Server Error", "its own log says why"),
    (b"502 Bad Gateway", "load balancer or gateway in front of it"),
])
def test_a_servers_own_5xx_is_its_answer_not_an_icm_error(status: bytes, words: str,
                                                          good_files: certs.ScenarioFiles,
                                                          bundled_kb: KnowledgeBase) -> None:
    head = b"HTTP/1.1 " + status + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    with tls_server(good_files.chain, good_files.key, response=head) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    http = step(rep, "http", "warn")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("warning", "http_status_from_server", None)
    assert "not an ICM error" in http.detail and words in next_step(rep, bundled_kb)
