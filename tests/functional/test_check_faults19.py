"""Faults of the nineteenth audit (docs/check_scenarios.md, tenth table), against real
parts on loopback: Python `ssl` servers, `openssl s_server`, raw-socket proxies, `.invalid`
names (never looked up for real). Each test whose row says "was:" failed before its fix."""

from __future__ import annotations

import pytest

from assistant.diagnostics import CheckOptions, run_check
from assistant.diagnostics.model import CheckSetupError
from tests.support.checks import check, step


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
