"""Faults of the nineteenth audit (docs/check_scenarios.md, tenth table), against real
parts on loopback: Python `ssl` servers, `openssl s_server`, raw-socket proxies, `.invalid`
names (never looked up for real). Each test whose row says "was:" failed before its fix."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from assistant.diagnostics import CheckOptions, CheckReport, run_check
from assistant.diagnostics.model import CheckSetupError
from tests.support import certs
from tests.support.checks import check, step
from tests.support.servers import serve_scenario


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
