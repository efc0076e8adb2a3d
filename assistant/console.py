"""Standard output and error that never fail on a character, and text arguments that are
valid text.

`PYTHONIOENCODING=ascii` (or a C locale on an old system) must not turn an answer with an
em dash into a `UnicodeEncodeError` traceback: every command writes through streams whose
encoding errors are handled by `degrade` — typographic characters become their ASCII
look-alikes (— → --, → → ->, “ → '), accented letters lose their accents, anything else
becomes a `\\uXXXX` escape. None of these produce `"` or a lone backslash, so JSON stays
JSON. Command-line arguments that are not valid UTF-8 (`lookup $'ZZ\\xff'`) arrive as
lone surrogates; `clean_text` makes them U+FFFD, so `--json` output is valid UTF-8.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata

ERRORS = "sapassist-degrade"

_LOOKALIKES = {
    "\u2014": "--", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u2192": "->", "\u2190": "<-", "\u21d2": "=>", "\u2194": "<->", "\u2026": "...",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": "'", "\u201d": "'", "\u201e": "'",
    "\u00ab": "<<", "\u00bb": ">>", "\u2022": "*", "\u00b7": "-", "\u2713": "ok", "\u2714": "ok",
    "\u2717": "x", "\u2718": "x", "\u00d7": "x", "\u2265": ">=", "\u2264": "<=", "\u2260": "!=",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u00b0": " deg", "\u258c": "|", "\u2502": "|",
    "\u2500": "-", "\u256d": "+", "\u256e": "+", "\u2570": "+", "\u256f": "+", "\u21b5": "<CR>",
    "\u00df": "ss", "\u2122": "(TM)", "\u00a9": "(c)", "\u20ac": "EUR",
}


def _one(ch: str) -> str:
    if ch in _LOOKALIKES:
        return _LOOKALIKES[ch]
    plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
    if plain and all(c.isalnum() or c in " .,:;-_()!?'" for c in plain):
        return plain
    code = ord(ch)
    if code > 0xFFFF:  # as JSON writes it: a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def degrade(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: ASCII look-alikes or escapes for what cannot be encoded."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(_one(ch) for ch in error.object[error.start:error.end]), error.end


def safe_streams() -> None:
    """Make stdout and stderr degrade instead of raising, and standard input replace
    what its declared encoding cannot decode (idempotent)."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, degrade)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=ERRORS)
            except (ValueError, OSError):  # a closed or unusual stream: leave it
                pass
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):
            pass


def clean_text(text: str) -> str:
    """An argument as text: bytes that were not UTF-8 (lone surrogates) become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:  # the bytes the argument had (as Python's surrogateescape kept them)
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "surrogatepass")
        return raw.decode("utf-8", "replace")
    return text
