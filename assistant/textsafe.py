"""Show untrusted text (certificate subjects, server headers, pasted errors) literally.

Control characters and escape sequences are made visible instead of being passed to the
terminal, so a hostile certificate cannot move the cursor or recolour the screen.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def escape_markdown(text: str) -> str:
    """Escape text for inclusion in Markdown so it renders literally (after escape_control)."""
    return _MD_SPECIAL.sub(r"\\\1", escape_control(text))


def md_code(text: str) -> str:
    """Wrap untrusted text as inline code: renders literally in any Markdown renderer."""
    safe = escape_control(text)
    fence = "`"
    while fence in safe:
        fence += "`"
    pad = " " if safe.startswith("`") or safe.endswith("`") or not safe else ""
    return f"{fence}{pad}{safe}{pad}{fence}"
