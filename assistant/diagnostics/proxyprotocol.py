"""A proxy port that speaks another protocol than HTTP — above all a SOCKS port — given
as the HTTP proxy.

Proxies often offer SOCKS on a port of their own (1080 by custom) beside the HTTP port, and
`ssh -D` or Dante offer SOCKS only. The SAP system's proxy settings (SICF → Client → Proxy
Settings, SM59 → HTTP Proxy Options) hold a host and port that take the request in plain
HTTP — a CONNECT for https. A SOCKS server reads the "C" of "CONNECT" as its protocol
version and either answers in its own binary form or closes without a word:

- SOCKS5 (RFC 1928): the method-selection reply is two bytes, VER = 5 and METHOD (0xFF:
  no acceptable method); a request reply starts VER = 5, REP, RSV = 0 (section 6).
- SOCKS4 (the SOCKS 4 protocol, Ying-Da Lee): an 8-byte reply with VN = 0 and CD 90–93
  (90 granted, 91–93 rejected).

A silent close is told apart by one SOCKS5 greeting to the same port — version 5, one
method, "no authentication" (three bytes; no target, no data, no credentials) — a SOCKS5
server answers it with its two-byte choice. Our side is shut for writing right after it, so
a port that waits for more (an HTTP proxy reading a head) sees the end and closes at once.
"""

from __future__ import annotations

import socket
from typing import NamedTuple

from assistant.diagnostics.connect import connect_one
from assistant.diagnostics.deadline import Deadline, DeadlineExceeded
from assistant.diagnostics.httpstream import preview
from assistant.diagnostics.nonhttp import service_greeting
from assistant.diagnostics.resolve import Address

PROBE_CAP_S = 2.0
SOCKS5_GREETING = b"\x05\x01\x00"  # VER 5, NMETHODS 1, METHOD 0 (no authentication)


def socks_reply(answer: bytes) -> str | None:
    """Which SOCKS server's reply `answer` is, or None when it is none."""
    if len(answer) >= 2 and answer[0] == 5 and (len(answer) == 2 or answer[2] == 0):
        return "SOCKS5"
    if len(answer) >= 2 and answer[0] == 0 and 90 <= answer[1] <= 93:
        return "SOCKS4"
    return None


def socks5_on_port(address: Address | None, deadline: Deadline) -> bool:
    """Does the port at `address` answer a SOCKS5 greeting as a SOCKS5 server does?"""
    if address is None or deadline.expired():
        return False
    step = deadline.sub(PROBE_CAP_S)
    try:
        sock = connect_one(address, step.timeout(), step.sockets)
    except OSError:
        return False
    try:
        sock.settimeout(step.timeout())
        sock.sendall(SOCKS5_GREETING)
        sock.shutdown(socket.SHUT_WR)  # nothing follows: a port waiting for more closes now
        reply = sock.recv(2)
    except (OSError, DeadlineExceeded):
        return False
    finally:
        step.sockets.close(sock)
    return len(reply) == 2 and reply[0] == 5


def socks_detail(proxy: str, kind: str, how: str) -> str:
    """The finding's words: `how` the proxy port showed it is a SOCKS server."""
    return (f"the proxy {proxy} {how}: it is a {kind} proxy port, not an HTTP proxy port; which "
            "SCLNT_HTTP message an SAP system shows for it is not known here")


def socks_step(proxy: str, kind: str) -> str:
    """The next step for a SOCKS port given as the HTTP proxy."""
    return (f"The port {proxy} is a {kind} proxy, not an HTTP proxy: the proxy settings of an SAP "
            "system — SICF → Client → Proxy Settings, SM59 → destination → HTTP Proxy Options — hold "
            "a host and port that take the request in HTTP (a CONNECT for https). Ask the proxy team "
            "for the proxy's HTTP port (many proxies offer SOCKS and HTTP on different ports) and put "
            "it there; then check again with `--proxy http://<host>:<port>`.")


class ProxyPortSpeech(NamedTuple):
    """What the proxy port speaks instead of HTTP, for the finding."""

    speaks: str  # "SOCKS5", "SOCKS4" or "another protocol"
    detail: str
    next_step: str


def proxy_speaks(proxy: str, answer: bytes, *, socks: str | None, request: str) -> ProxyPortSpeech:
    """The finding's parts for a proxy port that answered `request` ("the CONNECT", "the
    forward request") with `answer` (b"" when it closed and answered a SOCKS5 greeting)."""
    if socks is not None:
        how = (f"answered {request} in {socks}'s binary form" if answer else
               f"closed the connection on {request} and answers a SOCKS5 greeting")
        return ProxyPortSpeech(socks, socks_detail(proxy, socks, how), socks_step(proxy, socks))
    said = service_greeting(answer) or f"bytes starting {preview(answer)}"
    return ProxyPortSpeech(
        "another protocol",
        f"the proxy {proxy} answered {request} in another protocol than HTTP ({said}): the port is no "
        "HTTP proxy's; which SCLNT_HTTP message an SAP system shows for it is not known here",
        f"The port {proxy} belongs to another service than an HTTP proxy ({said}). Check the proxy host "
        "and port the call uses — SICF → Client → Proxy Settings, SM59 → destination → HTTP Proxy "
        "Options — against what the proxy team gives as the HTTP proxy, and check again with "
        "`--proxy http://<host>:<port>`.")
