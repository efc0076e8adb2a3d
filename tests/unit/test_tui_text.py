"""How the chat lays out answer text: Markdown to blocks, line breaking (URLs, units),
tables, and the smaller texts (/help, /check options, certificate validity)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from textual.content import Content

from assistant.answers.certificates import validity_text
from assistant.diagnostics.model import CertInfo
from assistant.tui.checkargs import parse_check_args
from assistant.tui.mdblocks import parse_blocks
from assistant.tui.texts import help_answer
from assistant.tui.wrap import STUB_FRACTION, break_offsets, layout, wrap

WORDS = st.lists(
    st.one_of(st.from_regex(r"[a-z]{1,12}", fullmatch=True),
              st.from_regex(r"https://[a-z]{2,8}\.example/[a-z/]{0,60}", fullmatch=True),
              st.from_regex(r"[A-Z_]{3,40}", fullmatch=True),
              st.from_regex(r"[0-9]{1,4}", fullmatch=True),
              st.sampled_from(["ms", "days", "s"])),
    min_size=1, max_size=40,
)


@given(WORDS, st.integers(min_value=8, max_value=120))
def test_breaking_keeps_every_character_and_every_line_fits(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = [line.plain for line in wrap(Content(text), width)]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(len(line) <= width for line in lines)


@given(WORDS, st.integers(min_value=8, max_value=120))
def test_a_word_that_fits_on_a_line_is_never_split(words: list[str], width: int) -> None:
    lines = [line.plain for line in wrap(Content(" ".join(words)), width)]
    for word in words:
        if len(word) <= width:
            assert any(word in line.split(" ") for line in lines), (word, lines)


def test_a_number_keeps_its_unit() -> None:
    text = "x" * 30 + " took 2 ms"
    for width in range(36, 41):
        lines = [line.plain for line in wrap(Content(text), width)]
        assert not any(line.endswith(" 2") for line in lines), lines
        assert any("2 ms" in line for line in lines)


def test_closing_punctuation_after_a_space_never_starts_a_line() -> None:
    text = "/help lists the commands (/check URL, /lookup ID, /cert FILE, /export …); keys are in the footer"
    for width in range(60, 78):
        lines = [line.plain for line in wrap(Content(text), width)]
        assert not any(line.startswith(("…", ")", ";")) for line in lines), lines
        assert any("/export …);" in line for line in lines)


def test_a_url_longer_than_the_line_breaks_after_a_slash() -> None:
    url = "https://wiki.scn.sap.com/wiki/display/Security/Troubleshooting+Guide+-+How+to+troubleshoot"
    offsets = break_offsets(url, 40)
    assert offsets and all(url[o - 1] in "/+-." for o in offsets)


def test_lists_hang_under_their_text_and_tables_fit() -> None:
    blocks = parse_blocks(
        "1. **Import** the root certificate into the SSL client PSE in STRUST and save it.\n\n"
        "| Command | What it does |\n|---|---|\n| `/check URL` | Run the live checks against an endpoint |\n"
    )
    lines = [line.plain for line in layout(blocks, 40)]
    assert lines[0].startswith("1. Import the root") and lines[1].startswith("   ")
    assert all(len(line) <= 40 for line in lines)
    assert any(line.startswith("/check URL") for line in lines)


def test_markup_in_answer_text_is_literal() -> None:
    lines = [line.plain for line in layout(parse_blocks("A `[bold]x[/]` and [red]y \\x1b[31m"), 60)]
    assert lines == ["A [bold]x[/] and [red]y \\x1b[31m"]


def test_help_puts_each_check_option_on_its_own_line() -> None:
    lines = [line.plain for line in layout(parse_blocks(help_answer()), 76)]
    for option in ("--ca-file FILE", "--proxy URL", "--client-cert PEM", "--pkcs12 FILE", "--no-sni"):
        assert sum(line.lstrip().startswith(f"◦ {option}") for line in lines) == 1, option


def test_check_takes_the_client_certificate_options() -> None:
    request = parse_check_args(["https://h", "--client-cert", "c.pem", "--client-key=k.pem"])
    assert (request.client_cert, request.client_key, request.pkcs12) == ("c.pem", "k.pem", None)
    options = request.to_options()  # the diagnostics' one builder
    assert options.client_cert and options.client_cert.endswith("c.pem")
    assert "--client-cert c.pem --client-key k.pem" in request.as_command()
    assert parse_check_args(["https://h", "--pkcs12", "id.p12"]).to_options().pkcs12


def _info(not_after: dt.datetime) -> CertInfo:
    return CertInfo("CN=h", "CN=ca", "01", "2020-01-01T00:00:00Z", not_after.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "EC secp256r1", "ecdsa-with-SHA256", "AA")


def test_validity_counts_days_in_words() -> None:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert validity_text(_info(now + dt.timedelta(days=29, hours=1)), now) == "valid, expires in 29 days"
    assert validity_text(_info(now + dt.timedelta(days=1, hours=1)), now) == "valid, expires in 1 day"
    assert validity_text(_info(now - dt.timedelta(days=3, hours=1)), now) == "**EXPIRED** 3 days ago"


def test_a_number_and_its_unit_wider_than_the_line_are_broken_apart() -> None:
    # Found by the property test above: the glue must never make a line too wide.
    lines = [line.plain for line in wrap(Content("a 0000 days"), 8)]
    assert all(len(line) <= 8 for line in lines) and "".join(lines).replace(" ", "") == "a0000days"


@given(WORDS, st.integers(min_value=8, max_value=120))
def test_a_heading_needs_no_more_lines_than_text_and_keeps_every_character(words: list[str], width: int) -> None:
    text = " ".join(words)
    heading = [line.plain for line in wrap(Content(text), width, phrases=True)]
    assert len(heading) == len(wrap(Content(text), width))
    assert "".join(heading).replace(" ", "") == text.replace(" ", "")
    assert all(len(line) <= width for line in heading)


def _words(count: int, size: int) -> str:
    return " ".join(f"{chr(97 + n % 26) * (size - 2)}{n:02d}" for n in range(count))


def test_a_heading_of_two_lines_never_leaves_a_word_alone_on_a_line() -> None:
    # Words of every length: whenever a heading needs two lines, neither is a stub
    # (shorter than a third of the width); with clauses, neither is one word alone.
    for text in [_words(count, size) for count in range(2, 14) for size in range(3, 10)]:
        for width in range(30, 100):
            lines = [line.plain for line in wrap(Content(text), width, phrases=True)]
            if len(lines) == 2:
                assert min(len(line) for line in lines) >= width // STUB_FRACTION, (width, lines)
    for first in range(1, 5):
        for count in range(1, 12):
            text = f"{_words(first, 6)}: {_words(count, 5)}"
            for width in range(30, 100):
                lines = [line.plain for line in wrap(Content(text), width, phrases=True)]
                assert len(lines) == 1 or all(" " in line for line in lines), (width, lines)


@given(WORDS, st.integers(min_value=8, max_value=120))
def test_a_headings_shortest_line_is_never_shorter_than_when_filled_line_by_line(words: list[str], width: int) -> None:
    # WORDS has no clause break (":", ";", " —"): a heading with one may break there instead.
    text = " ".join(words)
    heading = [line.plain for line in wrap(Content(text), width, phrases=True)]
    filled = [line.plain for line in wrap(Content(text), width)]
    assert min(map(len, heading)) >= min(map(len, filled))


def test_a_heading_breaks_where_its_clauses_meet() -> None:
    text = "Not an SAP HTTP-client error: another client's own connection, TLS or trust"
    for width in (54, 74):  # the answer's text at 60 and at 80 columns
        lines = [line.plain for line in wrap(Content(text), width, phrases=True)]
        assert lines == ["Not an SAP HTTP-client error:", "another client's own connection, TLS or trust"]
    title = "How to fix it — if: Proxy rejected the proxy logon (407 Proxy Authentication Required)"
    lines = [line.plain for line in wrap(Content(title), 72, phrases=True)]
    assert lines == ["How to fix it — if:", "Proxy rejected the proxy logon (407 Proxy Authentication Required)"]
    # A clause of one word ("SCLNT_HTTP421 —") is no break: the text fills the line.
    title = "SCLNT_HTTP421 — SSL certificate not trusted (ICM_HTTP_SSL_PEER_CERT_UNTRUSTED)"
    lines = [line.plain for line in wrap(Content(title), 74, phrases=True)]
    assert lines == ["SCLNT_HTTP421 — SSL certificate not trusted", "(ICM_HTTP_SSL_PEER_CERT_UNTRUSTED)"]


def test_only_headings_are_wrapped_as_headings() -> None:
    blocks = parse_blocks("## A heading: of two clauses\n\nA paragraph: of two clauses")
    assert [b.heading for b in blocks if b.kind == "text"] == [True, False]


def test_a_short_code_span_is_never_broken_but_a_long_one_is() -> None:
    # "… ssl/client_sni_enabled" at a line's end left "= TRUE." alone on the next.
    blocks = parse_blocks("Set it in the DEFAULT profile of the system: `ssl/client_sni_enabled = TRUE` and restart.")
    for width in range(44, 90):  # the span (29) fits in two thirds of the line
        lines = [line.plain for line in layout(blocks, width)]
        assert any("ssl/client_sni_enabled = TRUE" in line for line in lines), (width, lines)
        assert all(len(line) <= width for line in lines)
    long_span = parse_blocks("Run `" + " ".join(["word"] * 12) + "` now")
    assert len(layout(long_span, 30)) > 2  # wider than two thirds of a line: it breaks as text


def test_a_table_cell_wraps_by_phrases() -> None:
    # F1's help at 80 columns: "Shift+Tab  Move into the answers (↑/↓ between sections, Enter opens" / "one)".
    blocks = parse_blocks("| Key | What it does |\n|---|---|\n"
                          "| Shift+Tab | Move into the answers (↑/↓ between sections, Enter opens one) |\n")
    for width in range(50, 80):
        lines = [line.plain for line in layout(blocks, width)][1:]
        if len(lines) == 2:
            assert min(len(line.strip()) for line in lines) >= (width - len("Shift+Tab  ")) // STUB_FRACTION, lines
