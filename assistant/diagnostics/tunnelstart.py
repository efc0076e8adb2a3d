"""The proxy's 200 to a CONNECT, read as the SAP client must read it.

Two shapes of a 200 that a tolerant reader gets through and a strict one does not:
- the head ends its lines with LF alone: RFC 9112 2.2 lets a recipient accept that, and
  this check does (it would otherwise wait for a CRLF that never comes and call the proxy
  silent) — but says so, since whether the ICM accepts it is not known here;
- bytes follow the 200 (a page, announced by Content-Length or Transfer-Encoding, or
  not): RFC 9110 9.3.6 forbids both headers on a 2xx to CONNECT and tells the client to
  ignore them, so everything after the blank line is the tunnel, and a TLS client takes
  the proxy's page for the server's answer. Bytes waiting before the client has sent
  anything through the tunnel cannot be the TLS server's (it speaks only after the
  ClientHello): the proxy wrote them, or a target that greets first (no TLS server) —
  a greeting `nonhttp` knows (SSH, SMTP …) is left to the TLS step, which names it.
The bytes are only peeked at, never consumed: the TLS step meets them as SAP would.
"""

from __future__ import annotations

import socket

from assistant.diagnostics.httphead import ResponseHead
from assistant.diagnostics.model import Finding
from assistant.diagnostics.nonhttp import service_greeting

EARLY_PEEK = 512


def bare_lf(head: bytes) -> bool:
    """The status line ends in LF without CR."""
    line_end = head.find(b"\n")
    return line_end > 0 and head[line_end - 1:line_end] != b"\r"


def early_bytes(sock: socket.socket) -> bytes:
    """What already waits in the tunnel right after the 200 (peeked, not consumed; no wait:
    a page sent with the 200 is there at once, and a healthy tunnel costs nothing). The
    socket is made non-blocking for it: with a timeout set, Python waits for data first."""
    timeout = sock.gettimeout()
    sock.settimeout(0.0)
    try:
        return sock.recv(EARLY_PEEK, socket.MSG_PEEK)
    except OSError:  # BlockingIOError: nothing there
        return b""
    finally:
        sock.settimeout(timeout)


def announced_body(resp: ResponseHead) -> str | None:
    """The header that announces a body on the 200 (RFC 9110 9.3.6 forbids both)."""
    length = (resp.get("Content-Length") or "").strip()
    if length and length != "0":
        return f"Content-Length: {length[:20]}"
    coding = resp.get("Transfer-Encoding")
    return f"Transfer-Encoding: {coding[:40]}" if coding else None


def bytes_after_200(resp: ResponseHead, early: bytes, proxy: str, status_text: str,
                    elapsed_ms: float, data: dict[str, object]) -> Finding | None:
    """The 200 came with a body, announced or waiting in the tunnel: the proxy step's
    failure, since the TLS handshake behind it fails on the proxy's bytes, not the
    server's. None for a bare 200."""
    announced = announced_body(resp)
    if announced is None and (not early or service_greeting(early)):
        return None
    data["early_bytes"] = len(early)
    if announced:
        data["announced"] = announced
    told = f" ({announced})" if announced else ""
    waiting = f"; {len(early)}{'+' if len(early) >= EARLY_PEEK else ''} bytes waited in the tunnel " \
              "before anything was sent through it" if early else ""
    author = ("the proxy wrote them" if announced else
              "the proxy wrote them, or a target that greets first (no TLS server)")
    data["next_step"] = (
        f"The proxy's 200 to the CONNECT carried a body{told}: a client that follows RFC 9110 "
        "(9.3.6) takes everything after the 200 for the target's own bytes, so the TLS handshake "
        "reads the proxy's page instead of the server's answer; whether the ICM skips such a body "
        "is not known here. Ask the proxy team why it answers the CONNECT with a page (an "
        "authentication or portal page, a filter, a product that is no CONNECT proxy) — a proxy "
        f"must answer it with a bare 200; find this CONNECT in its log, or test from the "
        f"application server's OS: `curl -v -x http://{proxy} https://<host>/`.")
    return Finding(
        "proxy", "fail",
        f"CONNECT via {proxy}: {status_text}, but with a body{told}{waiting}: {author}, and the TLS "
        "handshake meets them first", elapsed_ms, cause="proxy_http_error", data=data)


def lf_only_note(head_was_bare: bool, data: dict[str, object]) -> str:
    """A clause for the proxy's ok line when its head ended lines with LF alone."""
    if not head_was_bare:
        return ""
    data["line_ends"] = "LF"
    return ("; its answer ends lines with LF alone, not CRLF (RFC 9112 allows a reader to accept "
            "that, as this check did; whether the ICM does is not known here)")
