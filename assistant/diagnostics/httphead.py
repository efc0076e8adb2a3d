"""The head of an HTTP response (status line and headers), from a server or a proxy.

The proxy step reads the answer to CONNECT and the HTTP step the server's answer; both
parse it here, so a malformed status line is judged the same way in both places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.redact import untrusted
from assistant.textsafe import escape_control

HEAD_END = re.compile(rb"\r?\n\r?\n")  # CRLF CRLF, or LF alone (RFC 9112 2.2)


def head_end(window: bytes | bytearray) -> int:
    """Where the header block in `window` ends (just past its blank line), or -1."""
    found = HEAD_END.search(window)
    return -1 if found is None else found.end()


@dataclass(slots=True)
class ResponseHead:
    status: int
    reason: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    http_version: str = ""

    def get_all(self, name: str) -> list[str]:
        low = name.lower()
        return [v for k, v in self.headers if k.lower() == low]

    def get(self, name: str) -> str | None:
        values = self.get_all(name)
        return values[0] if values else None


def parse_head(raw: bytes) -> ResponseHead:
    """Status line and headers; ValueError (message safe to show) when it is not HTTP.
    Lines end in CRLF, or LF alone (RFC 9112 2.2: a recipient may accept that).

    Server text: scrubbed of the running check's secrets here, where it enters (a proxy
    may echo the credentials it was sent in its status line or headers)."""
    lines = [line.removesuffix("\r") for line in untrusted(raw.decode("latin-1")).split("\n")]
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise ValueError(f"the answer is not HTTP: {escape_control(lines[0][:80])!r}")
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
    return ResponseHead(int(parts[1]), parts[2] if len(parts) > 2 else "", headers, parts[0])


class HeadCut(ConnectionError):
    """The connection closed before the header block ended. `head` is what did come,
    when its status line is complete: a proxy that sends "407 …" and closes has answered,
    and saying it closed "without any answer" sends the admin to the wrong question."""

    def __init__(self, partial: bytes) -> None:
        super().__init__("connection closed before the end of the headers")
        self.head = cut_head(partial)


def cut_head(partial: bytes) -> ResponseHead | None:
    """The status line and the complete header lines of a head cut short, or None when
    not even the status line came whole."""
    whole = partial[: partial.rfind(b"\n") + 1]
    if not whole.strip():
        return None
    try:
        return parse_head(whole)
    except ValueError:
        return None
