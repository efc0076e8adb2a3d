"""Untrusted text made safe: control characters, Markdown syntax, binary input, encodings."""

from __future__ import annotations

import random

import pytest

from assistant.answers.render import render_plain
from assistant.textsafe import decode_text, looks_binary, md_inline


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
