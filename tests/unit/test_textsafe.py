"""Untrusted text made safe: control characters, Markdown syntax, binary input, encodings."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from assistant.answers.render import render_plain
from assistant.textsafe import decode_text, escape_control, escape_markdown, looks_binary, md_inline


@pytest.mark.parametrize(
    "text",
    [
        "Value <b>&1</b> *not* allowed",
        "_field_ and `code` and [a](http://e) and ![img](x)",
        "~~struck~~ &amp; &#60; \\*escaped\\*",
        "Order number #",
        "Plant & does not exist in plant &",
    ],
)
def test_md_inline_renders_literally_in_a_heading_and_a_list_item(text: str) -> None:
    assert render_plain(f"## {md_inline(text)}").splitlines()[0] == text
    assert render_plain(f"- **ID** — {md_inline(text)}").strip() == f"- ID — {text}"


def test_md_inline_leaves_ordinary_sap_texts_readable() -> None:
    text = "SSL certificate not trusted (ICM_HTTP_SSL_PEER_CERT_UNTRUSTED)"
    assert md_inline(text) == text  # underscores inside words are no emphasis
    assert md_inline("Connection to &1 failed; reason &2") == "Connection to &1 failed; reason &2"
    assert "\x1b" not in md_inline("red \x1b[31m text")


def test_binary_is_told_from_text() -> None:
    assert looks_binary(random.Random(3).randbytes(4096).decode("latin-1"))
    assert looks_binary("text with a NUL \x00 in it")
    assert not looks_binary("\x1b[31mERROR\x1b[0m HTTP error 407 occured\n" * 100)  # a coloured log
    assert not looks_binary("Zertifikat ungültig\tSCLNT_HTTP421\r\n" * 100)
    assert not looks_binary("")


def test_decode_text_reads_what_windows_and_sap_tools_write() -> None:
    assert decode_text("ä".encode()) == ("ä", "utf-8", None)
    assert decode_text(b"\xef\xbb\xbfx") == ("x", "utf-8-sig", None)
    assert decode_text("Prüfung".encode("utf-16")) == ("Prüfung", "utf-16", None)
    text, encoding, bad = decode_text("Zertifikat ungültig €".encode("cp1252"))
    assert (text, encoding, bad) == ("Zertifikat ungültig €", "cp1252", 14)
    text, encoding, bad = decode_text(b"\x81\x8d abc")  # not even cp1252
    assert encoding == "latin-1" and bad == 0 and text.endswith(" abc")
    assert decode_text(b"\xef\xbb\xbfab\xff")[2] == 5  # the offset counts the BOM
    assert decode_text(b"\xef\xbb\xbfab\xff")[0] == "abÿ"  # and the BOM is not read as text


# -- escape_markdown: literal, with as few backslashes as that takes ----------------------

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
# Markdown's own characters weighted up, so most examples hold some syntax.
_MARKDOWNISH = st.text(
    alphabet=st.one_of(st.sampled_from(list("#>+-=|*_`[]()<>!&;~\\.: 1234567890aZ")), st.characters()),
    max_size=40,
)


def _literal_text(markdown: str) -> str | None:
    """The text a Markdown paragraph shows, or None when it is anything but plain text."""
    tokens = _PARSER.parse(markdown)
    if not tokens:
        return ""
    if [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return None
    children = tokens[1].children or []
    if any(c.type not in ("text", "softbreak") for c in children):
        return None
    return "".join(c.content for c in children)


@given(_MARKDOWNISH)
def test_escape_markdown_renders_literally_at_the_start_and_inside_a_line(text: str) -> None:
    shown = escape_control(text)
    assert _literal_text(escape_markdown(text)) == shown.strip()
    # leading blanks are dropped in both places (kept, four of them make a code block)
    assert _literal_text("Detail: " + escape_markdown(text)) == ("Detail: " + shown.lstrip(" \t")).rstrip()


def test_escape_markdown_never_makes_an_indented_code_block() -> None:
    for text in ("\t0", "    SSSLERR_PEER_CERT_UNTRUSTED", " \t # x"):
        assert _literal_text(escape_markdown(text)) == escape_control(text).strip()


@pytest.mark.parametrize(
    "text",
    [
        "self-signed certificate (X509 verify code 18)",
        "unable to get local issuer certificate (X509 verify code 20)",
        "127.0.0.1 → 127.0.0.1",
        "TLS 1.3 TLS_AES_256_GCM_SHA384; 1 certificate sent: #1 CN=localhost, O=sapassist tests",
        "HTTP 200 OK (Server: nginx/1.25.3)",
    ],
)
def test_escape_markdown_leaves_what_servers_usually_say_alone(text: str) -> None:
    assert escape_markdown(text) == text


def test_escape_markdown_escapes_only_a_leading_block_marker() -> None:
    assert escape_markdown("# not a heading") == "\\# not a heading"
    assert escape_markdown("1. not a list") == "1\\. not a list"
    assert escape_markdown("- not a list - really") == "\\- not a list - really"
    assert escape_markdown("a | b") == "a \\| b"


def test_our_code_spans_stay_code_and_untrusted_values_stay_literal() -> None:
    from assistant.answers.render import render_plain
    from assistant.textsafe import escape_keeping_code

    ours = "Test from the OS (`curl -v https://h.example/`); if *it* hangs, ask [the team](x)"
    md = escape_keeping_code(ours)
    assert "\\`" not in md  # escaping the whole text showed the backticks in plain output
    assert render_plain(md).strip() == "Test from the OS (curl -v https://h.example/); if *it* hangs, ask [the team](x)"
    # A value with a backtick of its own (an odd count): all of it literal, nothing parsed.
    odd = escape_keeping_code("run `sapassist check https://a`b/` then <b>x</b>")
    assert render_plain(odd).strip() == "run `sapassist check https://a`b/` then <b>x</b>"
    # Inside a code span an untrusted value renders as written, not as markup.
    assert render_plain(escape_keeping_code("Location `**x** [a](b)` here")).strip() == "Location **x** [a](b) here"
