"""Faults of the nineteenth audit (docs/check_scenarios.md, tenth table), against real
parts on loopback: Python `ssl` servers, `openssl s_server`, raw-socket proxies, `.invalid`
names (never looked up for real). Each test whose row says "was:" failed before its fix."""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.diagnostics import CheckOptions, CheckReport, run_check
from assistant.diagnostics.model import CheckSetupError
from tests.functional.test_check_faults18 import _BLOCK_PAGE
from tests.support import certs
from tests.support.checks import check, step
from tests.support.servers import OpenSSLServer, answering_proxy, serve_scenario


@pytest.mark.parametrize("host, shown", [
    ("bücher.sapassist.invalid", "xn--bcher-kva.sapassist.invalid (bücher.sapassist.invalid)"),
    ("xn--strae-oqa.sapassist.invalid", "xn--strae-oqa.sapassist.invalid (straße.sapassist.invalid)"),
])
def test_an_idn_host_shows_its_unicode_form_beside_the_ascii_one(host: str, shown: str) -> None:
    """Was: "xn--bcher-kva.sapassist.invalid cannot be resolved" — only the form nobody types."""
    rep = check(f"https://{host}/")
    assert (rep.cause, rep.sclnt_http) == ("dns_failure", "SCLNT_HTTP417")
    assert step(rep, "resolve", "fail").detail.startswith(f"{shown} cannot be resolved")


def test_an_ascii_host_is_shown_as_it_is() -> None:
    """The control: no `xn--` label, nothing added."""
    rep = check("https://plain.sapassist.invalid/")
    assert step(rep, "resolve", "fail").detail.startswith("plain.sapassist.invalid cannot be resolved:")


def _refusal(host: str) -> list[str]:
    texts = []
    for options in (CheckOptions(url=f"https://{host}/"),
                    CheckOptions(url="https://localhost:9/", proxy=f"http://{host}:8080")):
        with pytest.raises(CheckSetupError) as raised:
            run_check(options)
        texts.append(str(raised.value))
    return texts


@pytest.mark.parametrize("host, said", [
    ("x\u200b.sapassist.invalid", ["'x\\u200b.sapassist.invalid' holds an invisible character "
                                   "(U+200B ZERO WIDTH SPACE)", "check 'x.sapassist.invalid' instead"]),
    ("sap\u00adhost.sapassist.invalid", ["(U+00AD SOFT HYPHEN)", "check 'saphost.sapassist.invalid'"]),
    ("a\u200db.sapassist.invalid", ["(U+200D ZERO WIDTH JOINER)"]),
])
def test_a_host_with_an_invisible_character_is_refused_not_checked_as_another(host: str, said: list[str]) -> None:
    """Was: checked as `x.sapassist.invalid` — IDNA 2003 drops the character silently."""
    for text in _refusal(host):
        assert all(part in text for part in said) and "type the host name again" in text


@pytest.mark.parametrize("host, said", [
    ("straße.sapassist.invalid", ["'ß' (U+00DF LATIN SMALL LETTER SHARP S) into 'ss'",
                                  "check 'strasse.sapassist.invalid'", "IDNA 2008 / UTS 46 keep 'ß'",
                                  "xn--strae-oqa.sapassist.invalid or strasse.sapassist.invalid"]),
    ("σοφός.sapassist.invalid", ["'ς' (U+03C2 GREEK SMALL LETTER FINAL SIGMA) into 'σ'",
                                 "xn--0xagbn4a.sapassist.invalid or xn--0xahbl4a.sapassist.invalid"]),
    ("ﬁle.sapassist.invalid", ["'ﬁ' (U+FB01 LATIN SMALL LIGATURE FI) into 'fi'",
                               "give it so: file.sapassist.invalid"]),
])
def test_a_host_idna_2003_would_remap_is_refused_with_both_forms(host: str, said: list[str]) -> None:
    """Was: `straße` checked as `strasse` (IDNA 2003) where browsers keep it (IDNA 2008)."""
    for text in _refusal(host):
        assert all(part in text for part in said), text


def test_case_alone_is_no_remapping() -> None:
    """The control: upper-case letters are the same host in any IDNA; checked as before."""
    rep = check("https://BÜCHER.sapassist.invalid/")
    assert "xn--bcher-kva.sapassist.invalid (bücher.sapassist.invalid)" in step(rep, "resolve", "fail").detail


def _starting_in(ahead: _dt.timedelta, tmp_path: Path) -> CheckReport:
    root, inter = certs.ca_pair("ec")
    leaf = certs.make_leaf(inter, not_before=certs.now() + ahead, not_after=certs.now() + certs.days(300))
    with serve_scenario(certs.Scenario("early", leaf, [leaf, inter], [root]), tmp_path) as (srv, ca):
        return check(srv.url(), ca_file=str(ca))


@pytest.mark.parametrize("ahead, far", [(_dt.timedelta(days=3, hours=2, seconds=30), "3 days 2 hours"),
                                        (_dt.timedelta(hours=5, seconds=30), "5 hours")])
def test_a_certificate_starting_days_ahead_says_installed_early(ahead: _dt.timedelta, far: str,
                                                                tmp_path: Path) -> None:
    """Was: "not valid yet (valid from …); check the clocks of both systems" — days ahead is
    no clock difference: a certificate put in place before its start date."""
    rep = _starting_in(ahead, tmp_path)
    found = step(rep, "chain", "fail")
    assert (rep.cause, rep.sclnt_http) == ("server_cert_not_yet_valid", "SCLNT_HTTP418")
    assert f", {far} after this machine's clock (" in found.detail
    assert "which this check does not read" in found.detail and "installed early" in found.detail
    assert found.data["clock_skew"] is False and "check the clocks" not in found.detail
    assert "put back the previous certificate" in str(found.data["next_step"])


def test_a_certificate_starting_minutes_ahead_says_clock_difference(tmp_path: Path) -> None:
    """Was the same sentence: minutes ahead is the clocks' matter — both readings said."""
    rep = _starting_in(_dt.timedelta(minutes=4, seconds=30), tmp_path)
    found = step(rep, "chain", "fail")
    assert rep.cause == "server_cert_not_yet_valid" and found.data["clock_skew"] is True
    assert ", 4 minutes " in found.detail and "after this machine's clock (" in found.detail
    assert "a clock difference" in found.detail and "installed early" not in found.detail
    assert "time server (NTP)" in str(found.data["next_step"])


_PLAIN_TARGET = "http://localhost:9/"  # never reached: the proxy answers the forwarded request


@pytest.mark.parametrize("headers, hand_to", [
    (b"Content-Type: text/html\r\n", "Its page's words may tell who answered"),
    (b"X-Squid-Error: ERR_ACCESS_DENIED 0\r\n", "Give the proxy team the words of its page"),
])
def test_a_forwarded_requests_refusal_page_is_shown_scrubbed_and_literal(headers: bytes, hand_to: str) -> None:
    """Was: "the answer HTTP/1.1 403 Forbidden came back through the proxy …" and the page
    that names the rule dropped — round 18 showed it for a CONNECT only."""
    with answering_proxy(b"403 Forbidden", headers, _BLOCK_PAGE) as proxy:
        rep = check(_PLAIN_TARGET, proxy=f"http://127.0.0.1:{proxy.port}")
    found = step(rep, "http", "warn" if b"Squid" not in headers else "fail")
    page = str(found.data["proxy_page"])
    assert page == 'Access Denied — Category "Social" blocked by policy\\x1b[31m WEB-7 & rule 12'
    assert f"its page says: '{page}'" in found.detail and "\x1b" not in found.detail
    assert "alert(" not in found.detail and "node 4" not in found.detail and "color:red" not in found.detail
    assert f"{hand_to}: '{page}'." in str(found.data["next_step"])


def test_a_forwarded_requests_page_repeating_the_password_is_scrubbed() -> None:
    page = b"<html><body>Logon for user admin with password S3cret-Pw! denied</body></html>"
    with answering_proxy(b"407 Proxy Authentication Required", b"", page) as proxy:
        rep = check(_PLAIN_TARGET, proxy=f"http://127.0.0.1:{proxy.port}", proxy_user="admin:S3cret-Pw!")
    found = step(rep, "http", "fail")
    assert rep.cause == "proxy_auth_failed" and "its page says" in found.detail
    assert "S3cret-Pw!" not in found.detail and "S3cret-Pw!" not in str(found.data)


def test_a_forwarded_refusal_without_a_page_says_no_page_words() -> None:
    """The control: an empty body adds nothing."""
    with answering_proxy(b"403 Forbidden") as proxy:
        rep = check(_PLAIN_TARGET, proxy=f"http://127.0.0.1:{proxy.port}")
    found = step(rep, "http", "warn")
    assert "its page says" not in found.detail and "proxy_page" not in found.data


_NEEDS_OPENSSL = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI")


@_NEEDS_OPENSSL
@pytest.mark.parametrize("issued_by", ["own root", "intermediate below the listed root"])
def test_a_lone_client_certificate_refused_leads_with_the_servers_ca_list(issued_by: str, tmp_path: Path) -> None:
    """Was: the step led with "Our client certificate went without its issuer's certificate:
    if … is an intermediate CA …" even for a certificate a root issued — the CertificateRequest's
    list says the one thing known: the issuer is not a CA the server names."""
    root, inter = certs.ca_pair("ec")
    chain, key = certs.make_leaf(inter, key_label="leaf:f19-cacl").write(tmp_path, "server")
    (tmp_path / "inter.pem").write_bytes(inter.pem())
    (tmp_path / "ca.pem").write_bytes(root.pem())
    partner_root, partner_inter = certs.ca_pair("rsa")
    (tmp_path / "accepted.pem").write_bytes(partner_root.pem())
    issuer = certs.make_root("F19 Our Company Root") if issued_by == "own root" else partner_inter
    client_pem, client_key = certs.make_client(issuer).write(tmp_path, "client")
    args = ["-Verify", "1", "-verify_return_error", "-CAfile", str(tmp_path / "accepted.pem")]
    with OpenSSLServer(chain, key, chain=tmp_path / "inter.pem", args=args) as srv:
        rep = check(srv.url(), ca_file=str(tmp_path / "ca.pem"), client_cert=str(client_pem),
                    client_key=str(client_key))
    found = step(rep, "client_cert", "fail")
    assert rep.cause == "client_cert_rejected"
    listed, ours = partner_root.subject, issuer.subject
    nxt = str(found.data["next_step"])
    assert nxt.startswith(f"The server accepts client certificates from the CAs it lists ({listed}), "
                          f"and ours is issued by {ours}, which it does not list: put a certificate")
    assert f"Sending the chain helps only if {ours} is an intermediate CA issued by a listed CA" in nxt
    suspects = found.data["suspects"]
    assert isinstance(suspects, list) and suspects[0].startswith(f"its issuer {ours} is not among")
    assert "does not tell whether its issuer is an intermediate or a root" in suspects[1]


_ORPHAN = """
import os, sys
from tests.support.servers import OpenSSLServer
srv = OpenSSLServer(sys.argv[1], sys.argv[2]).start()
print(srv.proc.pid, flush=True)
os._exit(0)  # no finally, no __exit__: as a run killed mid-test
"""


@_NEEDS_OPENSSL
def test_an_s_server_does_not_outlive_a_test_process_that_dies(good_files: certs.ScenarioFiles) -> None:
    """Was: a test process ended without its teardown left `openssl s_server` running on its
    port (found with `pgrep -af s_server` after runs); now it ends with its parent."""
    done = subprocess.run([sys.executable, "-c", _ORPHAN, str(good_files.leaf), str(good_files.key)],
                          capture_output=True, text=True, timeout=30, cwd=Path(__file__).parents[2])
    pid = int(done.stdout.split()[0])
    end = time.monotonic() + 5
    while time.monotonic() < end and Path(f"/proc/{pid}").exists():
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.05)
    alive = Path(f"/proc/{pid}").exists() and "s_server" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    if alive:
        os.kill(pid, signal.SIGTERM)  # the one we started, by its id
    assert not alive
