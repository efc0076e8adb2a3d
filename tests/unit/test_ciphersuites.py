"""The cipher-suite value decoder: every documented value, arbitrary numbers and text.

The documented values and their sources are those of docs/research/ciphersuites.md
(SAP Note 510007 as quoted by SAST and erp-transformation.de, abapGit's SSL guide, SAP's
security-services-tools, abapGit issues 3360 / 5589 for what 135 / 150 were seen doing).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.answers.ciphersuites import value_markdown, value_sections
from assistant.tlsparams.ciphersuites import (
    CLIENT_PARAMETER,
    DOCUMENTED,
    SERVER_PARAMETER,
    bits_of,
    decode,
    parameter_role,
    split_value,
    sum_text,
)
from assistant.tlsparams.sources import SOURCES

DOCUMENTED_VALUES = {135: "server", 150: "client", 918: "client", 400: "client",
                     545: "server", 1569: "server", 1174: "client"}


def test_the_documented_values_are_the_researched_ones() -> None:
    assert {d.value: d.role for d in DOCUMENTED} == DOCUMENTED_VALUES


@pytest.mark.parametrize("value", sorted(DOCUMENTED_VALUES))
def test_every_documented_value_is_named_with_its_sources(value: int) -> None:
    parameter = CLIENT_PARAMETER if DOCUMENTED_VALUES[value] == "client" else SERVER_PARAMETER
    d = decode(f"{value}:PFS:HIGH::EC_P256:EC_HIGH", parameter)
    assert d.number == value and d.documented is not None and d.documented.value == value
    assert sum(b.value for b in d.bits) == value
    assert d.documented.sources and all(k in SOURCES for k in d.documented.sources)
    assert d.nearest is None and d.problems == ()
    assert not any("documented for" in n for n in d.notes)  # on its own parameter
    md = value_markdown(d)
    assert sum_text(value) in md and "sum of option bits" in md
    assert all(SOURCES[k] in md for k in d.documented.sources)


def test_918_is_solution_manager_only() -> None:
    d = decode("918", "ssl/client_ciphersuites")
    assert sum_text(918) == "918 = 512 + 256 + 128 + 16 + 4 + 2"
    assert d.documented is not None and "Solution Manager 7.0, 7.1 and 7.2" in d.documented.purpose
    assert "on other systems use 150" in d.documented.caveat
    assert "Careful:** Only for Solution Manager 7.0–7.2" in value_markdown(d)


def test_150_warns_against_applying_it_blindly() -> None:
    d = decode("150:PFS:HIGH::EC_X25519:EC_P256:EC_HIGH", "ssl/client_ciphersuites")
    assert d.documented is not None
    assert "Do not apply 150 blindly" in d.documented.caveat and "918" in d.documented.caveat
    assert "pvflags=896 (TLSv1.2,TLSv1.1,TLSv1.0)" in d.documented.observed  # abapGit issue 5589
    assert d.cipher.pfs and d.cipher.selection == ("PFS", "HIGH")
    assert d.cipher.groups == ("EC_X25519", "EC_P256", "EC_HIGH")
    assert [b.status for b in d.bits] == ["unknown"] * 4  # 2, 4, 16, 128: none is public


def test_135_has_the_one_confirmed_bit() -> None:
    d = decode("135:PFS:HIGH::EC_P256:EC_HIGH", "ssl/ciphersuites")
    assert [(b.value, b.status) for b in d.bits] == [(1, "confirmed"), (2, "unknown"), (4, "unknown"),
                                                     (128, "unknown")]
    assert "BC" in d.bits[0].meaning and "SSL 2.0" in d.bits[0].meaning
    assert d.documented is not None and "pvflags=897" in d.documented.observed  # abapGit issue 3360


@pytest.mark.parametrize("value", [1569, 1174])
def test_bit_1024_is_only_inferred(value: int) -> None:
    bit = next(b for b in decode(str(value)).bits if b.value == 1024)
    assert bit.status == "inferred" and "TLS 1.3" in bit.meaning and bit.seen_in == (1569, 1174)


def test_only_bit_1_is_confirmed_and_only_1024_inferred() -> None:
    statuses = {b.value: b.status for b in decode(str(2**39 - 1)).bits}
    assert statuses[1] == "confirmed" and statuses[1024] == "inferred"
    assert {s for bit, s in statuses.items() if bit not in (1, 1024)} == {"unknown"}


def test_an_unknown_value_is_compared_with_the_nearest_documented_one() -> None:
    d = decode("1178:PFS:HIGH", "ssl/client_ciphersuites")
    assert d.documented is None and d.nearest is not None
    assert (d.nearest.documented.value, d.nearest.added, d.nearest.removed) == (1174, (8,), (4,))
    assert "It is 1174 plus bit 8 and minus bit 4" in value_markdown(d)
    far = decode("2047")
    assert far.nearest is None and "not close to one" in value_markdown(far)


def test_notes_for_the_wrong_direction_and_missing_pfs() -> None:
    d = decode("135:HIGH", "ssl/client_ciphersuites")
    assert any("documented for `ssl/ciphersuites` (server side)" in n for n in d.notes)
    assert any("bit 1 (BC) is a server option" in n for n in d.notes)
    assert any("has no `PFS`" in n for n in d.notes)
    assert not any("BC" in n for n in decode("135:PFS:HIGH", "ssl/ciphersuites").notes)


def test_values_without_a_number_and_unreadable_ones() -> None:
    assert split_value("150:PFS:HIGH::EC_P256") == ("150", "PFS:HIGH::EC_P256")
    assert split_value(" 918 ") == ("918", "")
    assert split_value("HIGH:MEDIUM:+e3DES:!aNULL") == (None, "HIGH:MEDIUM:+e3DES:!aNULL")
    default = decode("HIGH:MEDIUM:+e3DES:!aNULL")
    assert default.number is None and default.bits == () and "the parameters' default" in value_markdown(default)
    assert decode("").default and "the default `HIGH:MEDIUM:+e3DES:!aNULL` applies" in value_markdown(decode(""))
    assert "signed number" in decode("-5:HIGH").problems[0]
    assert "digits" in decode("9" * 30 + ":HIGH").problems[0]
    assert decode("0:HIGH").bits == () and any("no option bit" in n for n in decode("0:HIGH").notes)


def test_parameter_names_and_environment_forms() -> None:
    assert parameter_role("SAPSSL_CLIENT_CIPHERSUITES") == (CLIENT_PARAMETER, "client")
    assert parameter_role("ssl/ciphersuites") == (SERVER_PARAMETER, "server")
    assert parameter_role("icm/HTTPS/verify_client") == (None, None)


def test_the_section_keys_and_titles_are_plain() -> None:
    (section,) = value_sections([("ssl/client_ciphersuites", "918:PFS:HIGH*x*")])
    assert section.key == "value:ssl/client_ciphersuites=918:PFS:HIGH*x*"
    assert section.title == "What ssl/client_ciphersuites = 918:PFS:HIGH?x? means"
    assert "`918:PFS:HIGH*x*`" not in section.markdown  # the cipher part is shown as code …
    assert "`PFS:HIGH*x*`" in section.markdown  # … literally


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_every_bit_of_any_number_is_accounted_for(number: int) -> None:
    d = decode(str(number), "ssl/client_ciphersuites")
    assert d.number == number
    assert sum(b.value for b in d.bits) == number
    assert all(b.value & (b.value - 1) == 0 for b in d.bits)  # powers of two
    assert [b.value for b in d.bits] == list(bits_of(number))
    assert all(b.status in ("confirmed", "inferred", "unknown") and b.meaning for b in d.bits)
    assert all(b.status == "unknown" for b in d.bits if b.value not in (1, 1024))
    md = value_markdown(d)
    assert sum_text(number) in md
    assert all(f"| {b.value} |" in md for b in d.bits)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "ssl/ciphersuites", "SAPSSL_CLIENT_CIPHERSUITES", "x"]))
def test_any_text_decodes_without_a_traceback(text: str, parameter: str | None) -> None:
    d = decode(text, parameter)
    assert d.number is None or d.number >= 0
    assert isinstance(value_markdown(d), str)
