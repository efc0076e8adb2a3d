"""Show untrusted text (certificate subjects, server headers, pasted errors) literally.

Control characters and escape sequences are made visible instead of being passed to the
terminal, so a hostile certificate cannot move the cursor or recolour the screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.lazyre import LazyPattern

_CONTROL = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group(0)
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def escape_control(text: str, *, keep_newlines: bool = False) -> str:
    """Replace control characters (C0, C1, DEL, bidi overrides) with visible escapes."""
    if keep_newlines:
        return "\n".join(_CONTROL.sub(_escape_char, part) for part in text.split("\n"))
    return _CONTROL.sub(_escape_char, text.replace("\n", "\\n"))


SHOWN_CHARS = 300  # of one value a server sent (a reason phrase, a header), in a step's text


def escape_shown(text: str, limit: int = SHOWN_CHARS) -> str:
    """One value a server sent, as a report line says it: control characters escaped and
    cut at `limit` with how much was left out — a hostile server's 60 KB reason phrase or
    Server header is no screenful of the chat or the terminal."""
    return cut_said(escape_control(text), limit)


def cut_said(text: str, limit: int = SHOWN_CHARS) -> str:
    """A value the user gave (a URL, a path), said back in a one-line message: cut at
    `limit` with how much was left out — a 100 KB argument is no 100 KB error line."""
    return text if len(text) <= limit else f"{text[:limit]} … ({len(text) - limit:,} more characters)"


# ESC is left out: a pasted coloured log is text with ANSI escapes, not binary data.
_BINARY_MARKS = LazyPattern("[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f\ufffd]")
BINARY_SAMPLE = 65536


def decode_text(data: bytes) -> tuple[str, str, int | None]:
    """Bytes from a file or a pipe → (text, encoding, offset of the first non-UTF-8 byte).

    UTF-8 with or without BOM and UTF-16 with BOM are read as such; anything else is what
    Windows tools write (cp1252), or latin-1, which reads any byte. So German umlauts
    saved by Excel come out right instead of as U+FFFD. Never raises.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError as exc:
            return data.decode("latin-1"), "latin-1", exc.start
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if bom else "utf-8", None
    except UnicodeDecodeError as exc:
        bad = exc.start + (3 if bom else 0)  # an offset in the file, BOM included
    data = data[3:] if bom else data
    try:
        return data.decode("cp1252"), "cp1252", bad
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", bad


def looks_binary(text: str) -> bool:
    """Whether decoded input is clearly not text: a NUL, or more than 1 % control
    characters and undecodable bytes (U+FFFD) in its first 64 KB.

    Random bytes read as text contain stray digits and words; answering them as an SAP
    error would be confident nonsense, so callers say "not text" instead.
    """
    sample = text[:BINARY_SAMPLE]
    if "\x00" in sample:
        return True
    return len(_BINARY_MARKS.findall(sample)) > max(8, len(sample) // 100)


# A block marker at the start of a text: heading, quote, list item, rule, table row.
_BLOCK_START = LazyPattern(r"^( {0,3})(#{1,6}(?=\s|$)|>|[-+](?=[\s-]|$)|\d{1,9}(?=[.)](?:\s|$)))")


def escape_markdown(text: str) -> str:
    """Untrusted text (a server's error, a certificate's field) placed in Markdown, so it
    renders literally — with no more backslashes than that takes.

    The inline syntax is escaped as `md_inline` does it, and `|` (it would end a table
    cell); of the block syntax only a marker the text *starts* with (`# `, `> `, `- `,
    `1. `), the one place where it means something. So `self-signed certificate (X509
    verify code 18)` stays as it is, in the chat and in an exported ticket alike.
    """
    # leading blanks would make an indented code block (four spaces or a tab); a
    # paragraph drops them anyway
    safe = md_inline(text.lstrip(" \t")).replace("|", "\\|")
    match = _BLOCK_START.match(safe)
    if match is None:
        return safe
    # `1.` / `1)`: the backslash goes before the dot, so the number stays readable
    at = match.end() if match.group(2).isdigit() else match.start(2)
    return safe[:at] + "\\" + safe[at:]


# Inline Markdown syntax only: code spans, emphasis, strikethrough, links and autolinks,
# raw HTML, entity references, and a closing `#` run that would end an ATX heading.
# An underscore inside a word (ICM_HTTP_SSL_ERROR) is no emphasis and stays as it is.
# `|` is left to table code, which escapes it for cells.
_MD_INLINE = LazyPattern(
    r"[\\`*\[\]<~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&(?=#?[A-Za-z0-9]+;)|#(?=#*\s*$)"
)


def md_inline(text: str) -> str:
    """Escape untrusted text placed *inside* a line of Markdown (after a prefix such as
    `## ` or `- **ID** — `), so it renders literally.

    Lighter than `escape_markdown`: texts such as T100 messages and certificate-free SAP
    short texts stay readable in the raw Markdown (`ask --json`), while `*x*`, `_x_`,
    `[a](b)`, `<b>`, `&lt;` and a trailing `#` come out as written.
    """
    return _MD_INLINE.sub(lambda m: "\\" + m.group(0), escape_control(text))


def escape_keeping_code(text: str, literals: Iterable[str] = ()) -> str:
    """A text of our own that marks commands as code spans (`curl -v <url>`) but carries
    untrusted values (a host, a Location header): each code span stays code (its content
    through `md_code`), everything else is escaped by `escape_markdown`. Escaping it all
    showed the backticks themselves in plain output and the chat. An odd number of
    backticks (an untrusted value brought one) is escaped as a whole.

    `literals`: the untrusted values the text carries (a CA's name, a header). Their
    backticks are theirs, not code spans of ours: a CA named ``CN=A `b` C`` stays literal
    wherever it stands, inside one of our code spans or outside."""
    marked = sorted({v for v in literals if v and "`" in v and v in text}, key=len, reverse=True)
    held: dict[str, str] = {}
    for i, value in enumerate(marked):
        holder = f"\ue000{i}\ue001"  # private use: nothing escapes or splits it
        held[holder] = value
        text = text.replace(value, holder)

    def raw(part: str) -> str:
        for holder, value in held.items():
            part = part.replace(holder, value)
        return part

    def plain(part: str, *, first: bool) -> str:
        out = escape_markdown(part) if first else md_inline(part).replace("|", "\\|")
        for holder, value in held.items():
            out = out.replace(holder, md_inline(value).replace("|", "\\|"))
        return out

    parts = text.split("`")
    if len(parts) % 2 == 0:
        return plain(text, first=True)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(md_code(raw(part)) if part.strip() else plain(f"`{part}`", first=False))
        elif part:
            out.append(plain(part, first=not i))
    return "".join(out)


def md_code(text: str) -> str:
    """Wrap untrusted text as inline code: renders literally in any Markdown renderer."""
    safe = escape_control(text)
    fence = "`"
    while fence in safe:
        fence += "`"
    pad = " " if safe.startswith("`") or safe.endswith("`") or not safe else ""
    return f"{fence}{pad}{safe}{pad}{fence}"
