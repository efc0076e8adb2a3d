"""Name resolution, TCP and proxy steps against real loopback sockets and a proxy process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.diagnostics import CheckOptions
from assistant.diagnostics.proxy import ProxyCredentials
from tests.support.checks import check, step
from tests.support.proxy import ProxyProcess
from tests.support.servers import LoopbackServer, free_port, http_handler

USER, PASSWORD = "sapuser", "pr0xy-S3cret!"


# `good` (a trusted loopback HTTPS server and its CA file) comes from conftest.py.


def test_unknown_host_is_dns_failure() -> None:
    rep = check("https://no-such-host.sapassist.invalid/")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "dns_failure", "SCLNT_HTTP417")
    res = step(rep, "resolve")
    assert res.status == "fail" and res.data["error_kind"] in ("noname", "again")
    assert "EAI" in res.detail
    assert all(f.status == "skip" for f in rep.findings[1:])
    # A reserved placeholder name is said to be one (it resolves nowhere, not only here).
    assert "names under .invalid are reserved and never resolve anywhere" in res.detail


def test_a_real_looking_name_that_does_not_resolve_is_not_called_reserved() -> None:
    res = step(check("https://no-such-host.sapassist-nonexistent-zone-4711.invalid.corp.local/"), "resolve")
    assert res.status == "fail" and "reserved" not in res.detail


def test_closed_port_is_connection_refused() -> None:
    rep = check(f"https://127.0.0.1:{free_port()}/")
    assert (rep.cause, rep.sclnt_http) == ("connection_refused", "SCLNT_HTTP411")
    conn = step(rep, "connect")
    assert conn.data["attempts"][0]["error_kind"] == "refused"
    assert "ECONNREFUSED" in conn.detail


def test_no_scheme_means_https(good: tuple[LoopbackServer, Path]) -> None:
    srv, ca = good
    rep = check(f"localhost:{srv.port}", ca_file=str(ca))
    assert rep.target.startswith("https://") and rep.verdict == "ok"


def test_proxy_tunnel_ok(good: tuple[LoopbackServer, Path]) -> None:
    srv, ca = good
    with ProxyProcess("ok") as proxy:
        rep = check(srv.url(), ca_file=str(ca), proxy=proxy.url)
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings]
    p = step(rep, "proxy")
    assert p.status == "ok" and p.data["status"] == 200
    assert step(rep, "resolve").status == "skip"  # the proxy resolves the target


def test_proxy_auth_407_without_and_200_with_credentials(good: tuple[LoopbackServer, Path]) -> None:
    srv, ca = good
    with ProxyProcess("ok", USER, PASSWORD) as proxy:
        without = check(srv.url(), ca_file=str(ca), proxy=proxy.url)
        wrong = check(srv.url(), ca_file=str(ca), proxy=proxy.url, proxy_user=f"{USER}:nope")
        right = check(srv.url(), ca_file=str(ca), proxy=proxy.url, proxy_user=f"{USER}:{PASSWORD}")
    assert (without.cause, without.sclnt_http) == ("proxy_auth_failed", "SCLNT_HTTP416")
    p = step(without, "proxy")
    assert p.data["status"] == 407 and p.data["proxy_authenticate"] == ["Basic"]
    assert "no credentials" in p.detail
    assert step(wrong, "proxy").data["credentials_sent"] is True
    assert wrong.cause == "proxy_auth_failed" and "rejected" in step(wrong, "proxy").detail
    assert right.verdict == "ok" and step(right, "proxy").data["status"] == 200
    for rep in (without, wrong, right):
        assert PASSWORD not in json.dumps(rep.to_json())


def test_proxy_offering_only_ntlm_is_explained(good: tuple[LoopbackServer, Path]) -> None:
    srv, _ = good
    with ProxyProcess("ntlm407") as proxy:
        rep = check(srv.url(), proxy=proxy.url, proxy_user=f"{USER}:{PASSWORD}")
    p = step(rep, "proxy")
    assert rep.cause == "proxy_auth_failed" and p.data["proxy_authenticate"] == ["NTLM"]
    assert "asks for NTLM, not Basic" in p.detail


@pytest.mark.parametrize(("mode", "status", "evidence"), [
    ("deny403", 403, "403 Forbidden"),
    ("bad502", 502, "502 Bad Gateway"),
    ("squid503", 503, "ERR_CONNECT_FAIL"),
])
def test_proxy_http_errors(good: tuple[LoopbackServer, Path], mode: str, status: int, evidence: str) -> None:
    srv, _ = good
    with ProxyProcess(mode) as proxy:
        rep = check(srv.url(), proxy=proxy.url)
    p = step(rep, "proxy")
    assert (rep.cause, rep.sclnt_http) == ("proxy_http_error", "SCLNT_HTTP426")
    assert p.data["status"] == status and evidence in p.detail


def test_proxy_port_closed_is_proxy_refused() -> None:
    rep = check("https://localhost:443/", proxy=f"http://127.0.0.1:{free_port()}")
    assert (rep.cause, rep.sclnt_http) == ("proxy_refused", "SCLNT_HTTP412")
    assert step(rep, "proxy").data["attempts"][0]["error_kind"] == "refused"


def test_proxy_name_unknown() -> None:
    rep = check("https://localhost:443/", proxy="http://proxy.sapassist.invalid:3128")
    assert (rep.cause, rep.sclnt_http) == ("proxy_host_unknown", "SCLNT_HTTP413")
    assert "proxy.sapassist.invalid" in step(rep, "proxy").detail


def test_plain_http_through_forward_proxy() -> None:
    with LoopbackServer(http_handler()) as srv, ProxyProcess("ok", USER, PASSWORD) as proxy:
        denied = check(srv.url(scheme="http"), proxy=proxy.url)
        ok = check(srv.url(scheme="http"), proxy=proxy.url, proxy_user=f"{USER}:{PASSWORD}")
    assert denied.cause == "proxy_auth_failed" and step(denied, "http").data["status"] == 407
    assert ok.verdict == "ok" and step(ok, "http").data["status"] == 200


def test_credentials_are_masked() -> None:
    creds = ProxyCredentials.resolve(f"{USER}:{PASSWORD}")
    opts = CheckOptions(url="https://x.invalid", proxy="http://p.invalid:1", proxy_user=f"{USER}:{PASSWORD}")
    for text in (repr(creds), str(creds), repr(opts)):
        assert PASSWORD not in text and USER in text


def test_a_port_that_does_not_speak_http_points_at_the_destination_port() -> None:
    """Something answers, but not HTTP (e.g. an SSH banner): the port in SM59 is wrong."""
    with LoopbackServer(http_handler(b"SSH-2.0-OpenSSH_9.2\r\n")) as srv:
        report = check(srv.url(scheme="http", host="127.0.0.1"))
    http = step(report, "http")
    assert http.status == "fail" and http.cause == "destination_misconfigured"
    assert report.verdict == "error" and report.cause == "destination_misconfigured"
    assert "Service No." in http.detail


def test_a_proxy_that_never_answers_costs_the_timeout_and_no_more() -> None:
    import time

    from tests.support.servers import silent_handler

    timeout = 1.0
    with LoopbackServer(silent_handler) as proxy:
        t0 = time.monotonic()
        rep = check("https://localhost:443/", proxy=f"http://127.0.0.1:{proxy.port}", timeout=timeout)
        elapsed = time.monotonic() - t0
    assert elapsed < timeout + 0.5  # correctness bound from the spec, not a speed test
    p = step(rep, "proxy", "fail")
    assert (rep.cause, rep.sclnt_http) == ("server_timeout", "SCLNT_HTTP402")
    assert "did not answer the CONNECT in time" in p.detail
