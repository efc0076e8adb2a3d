"""Faults of the seventh audit, against real loopback servers: what the sixth audit left
(a strict HTTP/2-only server refusing the handshake, a SHA-1-signed leaf through the CLI,
a forward proxy's own status for an http:// URL) and the first screen of the common
faults as `sapassist check` prints it."""

from __future__ import annotations

import json
import ssl

import pytest

from assistant.answers.check import build_check_doc
from assistant.cli import main
from assistant.diagnostics.model import CheckReport
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, step
from tests.support.proxy import ProxyProcess
from tests.support.servers import LoopbackServer, alert_handler, tls_server, unanswered_connect_port


def next_step(report: CheckReport, kb: KnowledgeBase) -> str:
    return next(line for line in build_check_doc(report, kb).verdict.split("\n\n") if line.startswith("**Next step:**"))


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["check", *argv])
    return code, capsys.readouterr().out


# ------------------------------------------------------------------ a strict HTTP/2-only server (ALPN)


def test_a_server_refusing_clients_without_h2_in_alpn_is_named(bundled_kb: KnowledgeBase) -> None:
    """The alert no_application_protocol (120) to a ClientHello without ALPN, as a server
    that takes HTTP/2 clients only sends it: the HTTP/2-only cause, not 'none of the known
    causes fits'."""
    with LoopbackServer(alert_handler(120)) as srv:
        rep = check(srv.url("/sap/bc/ping"))
    tls = step(rep, "tls", "fail")
    assert (rep.cause, rep.sclnt_http) == ("server_http2_only", "SCLNT_HTTP407")
    assert "no_application_protocol (120)" in tls.detail and "offers none and speaks HTTP/1.1" in tls.detail
    assert "none of the known causes" not in tls.detail
    text = next_step(rep, bundled_kb)
    assert "offer HTTP/2 (h2)" in text and "icm/HTTP/client/support_http2" in text
    assert "ABAP Platform 1909" in text and "accept HTTP/1.1 clients as well" in text


# ------------------------------------------------------------------ a SHA-1-signed leaf through the CLI


@pytest.fixture(scope="module")
def sha1_files(tmp_path_factory: pytest.TempPathFactory) -> certs.ScenarioFiles:
    scenario = certs.sha1_leaf(tmp_path_factory.mktemp("sha1-make"))
    if scenario is None:
        pytest.skip("openssl command not available")
    return scenario.write(tmp_path_factory.mktemp("sha1"))


def test_a_sha1_leaf_fails_here_and_claims_no_sap_message(sha1_files: certs.ScenarioFiles,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """This machine's OpenSSL refuses SHA-1; whether CommonCryptoLib does is not documented:
    the check says so and names no SCLNT_HTTP message (not 421 as for an untrusted chain)."""
    with tls_server(sha1_files.chain, sha1_files.key, seclevel0=True) as srv:
        code, out = cli(capsys, srv.url("/sap/bc/ping"), "--ca-file", str(sha1_files.ca), "--json")
        text_code, text = cli(capsys, srv.url("/sap/bc/ping"), "--ca-file", str(sha1_files.ca))
    data = json.loads(out)
    assert (code, data["verdict"], data["cause"], data["sclnt_http"]) == (1, "error", "weak_server_key", None)
    chain = next(f for f in data["findings"] if f["step"] == "chain" and f["status"] == "fail")
    assert "weak SHA-1 signature" in chain["detail"] and "not documented here" in chain["detail"]
    assert "SCLNT_HTTP" not in json.dumps([f.get("sclnt_http") for f in data["findings"]])
    head = text.split("Steps and timings")[0]
    assert text_code == 1 and "the check names no SCLNT_HTTP message" in head
    assert "SCLNT_HTTP421" not in head and "weak_server_key" in head
    assert "SHA-256" in head and "Display SSF Version" in head and "SM59 connection test" in head


# ------------------------------------------------------------------ a forward proxy's own status for http://


@pytest.mark.parametrize("mode", ["squid503", "deny403-connect"])
def test_a_proxys_own_status_claims_426_only_for_a_connect(mode: str, bundled_kb: KnowledgeBase) -> None:
    """SCLNT_HTTP426 is sourced for the CONNECT of an https:// call; the proxy's own
    answer to a forwarded http:// request names the cause and claims no message."""
    if mode == "deny403-connect":
        with ProxyProcess("deny403") as proxy:
            rep = check("https://localhost:1/sap/bc/ping", proxy=proxy.url)
        assert (rep.cause, rep.sclnt_http) == ("proxy_http_error", "SCLNT_HTTP426")
        return
    with ProxyProcess(mode) as proxy:
        rep = check("http://localhost:1/sap/bc/ping", proxy=proxy.url)
    http = step(rep, "http", "fail")
    assert (rep.cause, rep.sclnt_http, http.sclnt_http) == ("proxy_http_error", None, None)
    assert "X-Squid-Error ERR_CONNECT_FAIL" in http.detail
    assert "known for a proxy's answer to the CONNECT" in http.detail and "not known here" in http.detail
    verdict = build_check_doc(rep, bundled_kb).verdict
    assert "names no SCLNT_HTTP message" in verdict and "SCLNT_HTTP426" not in verdict.split("**Next step:**")[0]
    assert "could not reach the target" in next_step(rep, bundled_kb)


# ------------------------------------------------------------------ the first screen of the common faults


@pytest.mark.parametrize("newest", [ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1], ids=["tls1.0", "tls1.1"])
def test_a_server_speaking_only_old_tls_gets_the_version_as_next_step(
        newest: ssl.TLSVersion, good_files: certs.ScenarioFiles, capsys: pytest.CaptureFixture[str]) -> None:
    """Not the generic 'display the SSF version': the versions it speaks, the server's
    lasting fix, and what decides whether the SAP system still reaches it."""
    with tls_server(good_files.chain, good_files.key, seclevel0=True, min_version=ssl.TLSVersion.TLSv1,
                    max_version=newest) as srv:
        code, text = cli(capsys, srv.url("/sap/bc/ping"), "--ca-file", str(good_files.ca))
    head = text.split("Steps and timings")[0]
    spoken = "TLS 1.0" if newest == ssl.TLSVersion.TLSv1 else "TLS 1.0 and TLS 1.1"
    assert code == 1 and "SCLNT_HTTP407" in head and "tls_version_or_cipher_mismatch" in head
    assert f"The server speaks only {spoken}, deprecated" in head
    assert "enable TLS 1.2" in head and f"ssl/client_ciphersuites still offers {spoken}" in head
    assert "Display SSF Version" not in head


def test_a_silent_port_names_what_to_test_from_the_application_server(bundled_kb: KnowledgeBase) -> None:
    """The knowledge base's 'curl … https://<host>/' with the URL and address the check
    tried filled in: the admin can paste it on the application server."""
    with unanswered_connect_port() as port:
        rep = check(f"https://127.0.0.1:{port}/sap/bc/ping", timeout=1.5)
        if rep.cause == "connection_refused":
            pytest.skip("this kernel refuses instead of dropping SYNs to a full queue")
    assert (rep.cause, rep.sclnt_http) == ("connect_timeout", "SCLNT_HTTP402")
    text = next_step(rep, bundled_kb)
    assert f"curl -v --connect-timeout 10 https://127.0.0.1:{port}/sap/bc/ping" in text
    assert f"open the path from the application servers to 127.0.0.1:{port}" in text and "<host>" not in text
