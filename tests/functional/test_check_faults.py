"""Faults found by running the live check as a user would, against real loopback servers:
each test pins a verdict an SAP Basis expert would give (message, cause, next step)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.answers.check import build_check_doc
from assistant.diagnostics.model import CheckReport
from tests.support import certs
from tests.support.checks import check, step
from tests.support.servers import (
    LoopbackServer,
    alert_handler,
    read_request,
    server_context,
    sni_required_handler,
    tls_handler,
    tls_server,
)


def verdict_text(report: CheckReport, kb) -> str:  # type: ignore[no-untyped-def]
    return build_check_doc(report, kb).verdict


# ------------------------------------------------------------------ SNI required


@pytest.fixture(params=[112, 40], ids=["unrecognized_name", "handshake_failure"])
def sni_server(request: pytest.FixtureRequest, good_files: certs.ScenarioFiles) -> Iterator[LoopbackServer]:
    ctx = server_context(good_files.chain, good_files.key)
    with LoopbackServer(sni_required_handler(ctx, request.param)) as srv:
        yield srv


def test_server_needing_sni_is_a_warning_with_sni(sni_server: LoopbackServer, good_files: certs.ScenarioFiles) -> None:
    rep = check(sni_server.url(), ca_file=str(good_files.ca))
    assert step(rep, "tls").status == "ok" and step(rep, "http").status == "ok"
    warned = step(rep, "observe", "warn")
    assert (warned.cause, warned.sclnt_http) == ("sni_not_sent", "SCLNT_HTTP407")
    assert "refuses the handshake" in warned.detail
    assert (rep.verdict, rep.cause) == ("warning", "sni_not_sent")


def test_server_needing_sni_without_sni_is_sni_not_sent(sni_server: LoopbackServer, good_files: certs.ScenarioFiles,
                                                        bundled_kb) -> None:  # type: ignore[no-untyped-def]
    rep = check(sni_server.url(), ca_file=str(good_files.ca), sni=False)
    tls = step(rep, "tls", "fail")
    assert (tls.cause, tls.sclnt_http) == ("sni_not_sent", "SCLNT_HTTP407")
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("error", "sni_not_sent", "SCLNT_HTTP407")
    assert "client_sni_enabled" in verdict_text(rep, bundled_kb)


def test_sni_comparison_is_not_made_up_for_a_server_refusing_everyone(good_files: certs.ScenarioFiles) -> None:
    """A server that refuses every handshake, with or without SNI, is not an SNI case."""
    ctx = server_context(good_files.chain, good_files.key)
    ctx.sni_callback = lambda sock, name, _ctx: 40  # type: ignore[assignment,misc,return-value]
    with LoopbackServer(tls_handler(ctx)) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca), sni=False)
        on = check(srv.url(), ca_file=str(good_files.ca))
    assert rep.cause != "sni_not_sent" and on.cause != "sni_not_sent"
    assert rep.verdict == "error" and on.verdict == "error"


# ------------------------------------------------------------------ http:// to a TLS port


def test_http_url_on_a_tls_port_says_ssl_is_off(good_files: certs.ScenarioFiles, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    """The TLS server drops the plain request without a word; a handshake tells why."""
    with tls_server(good_files.chain, good_files.key) as srv:
        rep = check(srv.url(scheme="http"))
    http = step(rep, "http", "fail")
    assert http.cause == "destination_ssl_inactive"
    assert "TLS handshake on the same port succeeds" in http.detail
    assert (rep.verdict, rep.cause) == ("error", "destination_ssl_inactive")
    assert "SSL Active" in verdict_text(rep, bundled_kb)


def test_http_url_answered_with_a_tls_alert_says_ssl_is_off(good_files: certs.ScenarioFiles) -> None:
    with LoopbackServer(alert_handler(70)) as srv:  # a TLS record back to a plain request
        rep = check(srv.url(scheme="http"))
    assert step(rep, "http", "fail").cause == "destination_ssl_inactive"


def _close_after_request(conn, server) -> None:  # type: ignore[no-untyped-def]
    read_request(conn)  # then close without a word (and without a reset)


def test_http_url_on_a_port_that_just_closes_is_not_called_tls() -> None:
    with LoopbackServer(_close_after_request) as srv:
        rep = check(srv.url(scheme="http"))
    http = step(rep, "http", "fail")
    assert http.cause == "connection_broken" and "if this port expects TLS" in http.detail


# ------------------------------------------------------------------ old TLS only


def test_tls10_only_server_next_step_is_a_whole_sentence(good_files: certs.ScenarioFiles, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    import ssl

    with tls_server(good_files.chain, good_files.key, min_version=ssl.TLSVersion.TLSv1, max_version=ssl.TLSVersion.TLSv1_1,
                    seclevel0=True) as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    assert (rep.cause, rep.sclnt_http) == ("tls_version_or_cipher_mismatch", "SCLNT_HTTP407")
    assert "TLS 1.0" in step(rep, "tls", "fail").detail
    next_step = next(line for line in verdict_text(rep, bundled_kb).split("\n\n") if line.startswith("**Next step:**"))
    assert next_step.count("(") == next_step.count(")") and next_step.rstrip().endswith(".")


# ------------------------------------------------------------------ trust + a fault no import fixes


@pytest.mark.parametrize(("scenario", "cause", "advice"), [
    (certs.expired_leaf, "server_cert_expired", "only the server's side can change that"),
    (certs.wrong_host, "hostname_mismatch", "call a name the certificate covers"),
])
def test_untrusted_and_broken_chain_says_an_import_is_not_enough(
        scenario, cause: str, advice: str, tmp_path, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    files = scenario().write(tmp_path)
    stranger = certs.make_root("sapassist Unrelated Root CA")  # the PSE lacks the server's root
    (tmp_path / "pse.pem").write_bytes(stranger.pem())
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(tmp_path / "pse.pem"))
    assert rep.cause == "server_cert_untrusted" and rep.sclnt_http == "SCLNT_HTTP421"
    assert any(f.cause == cause and f.status == "fail" for f in rep.findings)
    text = verdict_text(rep, bundled_kb)
    assert "Importing alone will not fix it" in text and advice in text


def test_untrusted_only_chain_has_no_such_line(tmp_path, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    files = certs.good_chain().write(tmp_path)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url())  # the system store does not hold the test root
    assert rep.cause == "server_cert_untrusted"
    assert "Importing alone" not in verdict_text(rep, bundled_kb)


# ------------------------------------------------------------------ the server's own answers


def _answering(good_files: certs.ScenarioFiles, head: bytes) -> LoopbackServer:
    return tls_server(good_files.chain, good_files.key, response=head + b"Content-Length: 2\r\nConnection: close\r\n\r\nok")


def _next_step(rep: CheckReport, kb) -> str:  # type: ignore[no-untyped-def]
    return next(line for line in verdict_text(rep, kb).split("\n\n") if line.startswith("**Next step:**"))


@pytest.mark.parametrize(("status", "cause", "words"), [
    (b"401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"", "logon_failed", "Logon & Security"),
    (b"403 Forbidden", "http_status_from_server", "which user, role or client certificate"),
    (b"404 Not Found", "http_status_from_server", "Path Prefix"),
    (b"503 Service Unavailable", "http_status_from_server", "whether the service is up"),
])
def test_error_status_gets_a_next_step_for_that_status(good_files: certs.ScenarioFiles, bundled_kb,  # type: ignore[no-untyped-def]
                                                       status: bytes, cause: str, words: str) -> None:
    with _answering(good_files, b"HTTP/1.1 " + status + b"\r\n") as srv:
        rep = check(srv.url("/sap/bc/ping"), ca_file=str(good_files.ca))
    assert (rep.verdict, rep.cause, rep.sclnt_http) == ("warning", cause, None)
    assert words in _next_step(rep, bundled_kb)


@pytest.mark.parametrize(("location", "words", "step_words"), [
    (b"http://localhost/sap/bc/ping", "leads to plain http://", "Do not follow this redirect"),  # faults17
    (b"https://login.sapassist.invalid/x", "certificate chain must be trusted", "redirect names"),
])
def test_redirect_is_a_warning_that_says_where_it_leads(good_files: certs.ScenarioFiles, bundled_kb,  # type: ignore[no-untyped-def]
                                                        location: bytes, words: str, step_words: str) -> None:
    with _answering(good_files, b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\n") as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    http = step(rep, "http", "warn")
    assert words in http.detail and http.data["location"] == location.decode()
    assert (rep.verdict, rep.cause) == ("warning", "server_redirect")
    assert step_words in _next_step(rep, bundled_kb)


def test_plain_http_sent_to_https_is_ssl_inactive(bundled_kb) -> None:  # type: ignore[no-untyped-def]
    from tests.support.servers import http_handler

    moved = b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://localhost/\r\nContent-Length: 0\r\n\r\n"
    with LoopbackServer(http_handler(moved)) as srv:
        rep = check(srv.url(scheme="http"))
    assert (rep.verdict, rep.cause) == ("warning", "destination_ssl_inactive")
    assert "SSL Active" in _next_step(rep, bundled_kb)


def test_plain_200_stays_ok(good_files: certs.ScenarioFiles) -> None:
    with _answering(good_files, b"HTTP/1.1 200 OK\r\n") as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    assert rep.verdict == "ok" and step(rep, "http").status == "ok"


# ------------------------------------------------------------------ certificates no import fixes


def _leaf_scenario(name: str, **leaf: object) -> certs.Scenario:
    root, inter = certs.ca_pair()
    cert = certs.make_leaf(inter, key_label=f"leaf:{name}", **leaf)  # type: ignore[arg-type]
    return certs.Scenario(name=name, leaf=cert, served=[cert, inter], trust=[root], root=root, intermediate=inter)


def test_client_auth_only_certificate_asks_the_server_for_a_server_certificate(tmp_path, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    files = _leaf_scenario("eku_client", eku=("client",)).write(tmp_path)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert (rep.verdict, rep.sclnt_http) == ("error", "SCLNT_HTTP421")
    next_step = _next_step(rep, bundled_kb)
    assert "serverAuth" in next_step and "ICM trace" not in next_step


def test_cn_only_certificate_asks_for_a_san_not_for_another_name(tmp_path, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    files = _leaf_scenario("cn_only", sans=(), cn="localhost").write(tmp_path)
    with tls_server(files.chain, files.key) as srv:
        rep = check(srv.url(), ca_file=str(files.ca))
    assert rep.verdict == "warning" and step(rep, "chain", "warn").data["cn_only"] is True
    next_step = _next_step(rep, bundled_kb)
    assert "subject alternative name" in next_step and "fully qualified host name" not in next_step


def test_oversized_http_header_is_not_called_a_wrong_port(good_files: certs.ScenarioFiles) -> None:
    with _answering(good_files, b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 100_000 + b"\r\n") as srv:
        rep = check(srv.url(), ca_file=str(good_files.ca))
    http = step(rep, "http", "warn")  # a warning since faults11: a 200 with a huge head is no known failure
    assert "answers HTTP" in http.detail and "64 KiB" in http.detail
    assert http.cause != "destination_misconfigured" and "Service No." not in http.detail
