"""A 401's `WWW-Authenticate` challenges (and a proxy's 407 `Proxy-Authenticate`, same
syntax): which logon schemes the server or proxy offers.

SM59 sends a user and password as HTTP Basic; a server that offers only Negotiate
(Kerberos/SPNEGO) or NTLM is not asking for that. The schemes are shown literally —
server text, escaped and scrubbed — and only the scheme names are interpreted.
"""

from __future__ import annotations

import re

from assistant.redact import untrusted
from assistant.textsafe import escape_control

MAX_SHOWN = 200  # characters of the challenges shown: a scheme list, not a token dump
_SCHEME = re.compile(r"\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?:\s+|$)(?!=)")


def challenges(headers: list[tuple[str, str]]) -> list[str]:
    """Every `WWW-Authenticate` value, as sent."""
    return [v for k, v in headers if k.lower() == "www-authenticate"]


def _split_outside_quotes(value: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in value:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def scheme_names(values: list[str]) -> list[str]:
    """The auth-scheme names (RFC 9110 11.6.1) in the challenges, in order, once each:
    a comma-separated piece that starts with a token not followed by '=' opens a
    challenge; `realm="…"` and other auth-params do not."""
    names: list[str] = []
    for value in values:
        for piece in _split_outside_quotes(value):
            m = _SCHEME.match(piece)
            if m and not piece[m.end(1):].lstrip().startswith("="):
                name = untrusted(m.group(1))  # tokens only: no control characters, no markup
                if name.lower() not in (n.lower() for n in names):
                    names.append(name)
    return names


def shown(values: list[str]) -> str:
    """The challenges for the report: literal, scrubbed, control characters escaped, capped."""
    text = escape_control(untrusted(" | ".join(values)))
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def not_basic_step(names: list[str]) -> str:
    """The next step when the server offers schemes but not Basic; "" when Basic is among
    them (the cause's own first step, the logon data, is right then)."""
    if not names or any(n.lower() == "basic" for n in names):
        return ""
    listed = ", ".join(names)
    return (f"The server asks for {listed} — not Basic: a user and password under Basic "
            "Authentication in SM59 → destination → Logon & Security are not what it asks for. "
            "Ask the server's owner which logon this endpoint accepts from a technical caller "
            "(Basic for a technical user, or an SSL client certificate, which SM59 → Logon & "
            "Security can send), and set that in the destination.")
