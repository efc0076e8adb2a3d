"""Reading an HTTP answer off a socket, bounded: the head (at most MAX_HEAD), the body (at
most BODY_CAP, whatever its framing claims), every read within the check's deadline.

`http.http_get` drives it and words the findings; this module only reads and tells a
reset or early close (`Broken`, SCLNT_HTTP401) from a timeout, and an answer that is no
HTTP/1.1 (TLS, HTTP/2, another protocol, a broken framing) from one that is.
"""

from __future__ import annotations

import re
import socket
import ssl
import time
from dataclasses import dataclass, field

from assistant.diagnostics.deadline import Deadline
from assistant.diagnostics.httphead import head_end, parse_head
from assistant.redact import untrusted
from assistant.textsafe import escape_control

MAX_HEAD = 65536
BODY_CAP = 1 << 20  # enough to see that the body arrives; we never need all of it
BODY_KEPT = 4096  # the start of the body, kept to see who wrote an error page (never shown)
STALL_S = 1.0  # a body with no byte for this long has stopped; one still arriving has not
TLS_RECORD_TYPES = (21, 22)  # alert, handshake: what a TLS port answers to plain HTTP


class Broken(Exception):
    """The peer closed or reset the connection before the response was complete."""


class HeadTooLarge(ValueError):
    """An HTTP answer whose header block passes the limit: HTTP, but not readable here."""

    def __init__(self, message: str, status: int | None) -> None:
        super().__init__(message)
        self.status = status


_STATUS_LINE = re.compile(rb"HTTP/\d(?:\.\d)? ([1-5]\d\d)\b")


class BadFraming(ValueError):
    """The head was HTTP, the body breaks its own framing (a chunk size that is no
    number, a chunk longer than its size line): no client can read it to its end."""


class TlsAnswer(ValueError):
    """A plain-HTTP request got a TLS record back: the port speaks TLS."""


class Http2Answer(ValueError):
    """An HTTP/1.1 request got HTTP/2 frames back: the server speaks HTTP/2 only."""


_H2_SETTINGS, _H2_GOAWAY = 0x04, 0x07


def looks_like_http2(buf: bytes | bytearray) -> bool:
    """The answer starts with an HTTP/2 frame on stream 0 — a SETTINGS frame (what a
    server sends first, RFC 9113 3.4) or a GOAWAY — rather than an HTTP/1 status line."""
    if len(buf) < 9:
        return False
    length, kind, stream = int.from_bytes(buf[0:3], "big"), buf[3], int.from_bytes(buf[5:9], "big")
    if stream != 0:
        return False
    return (kind == _H2_SETTINGS and length % 6 == 0) or (kind == _H2_GOAWAY and length >= 8)


@dataclass(slots=True)
class HttpResult:
    status: int | None = None
    reason: str = ""
    http_version: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body_bytes: int = 0
    body_head: bytes = b""  # the first BODY_KEPT bytes of the body (untrusted, never shown)
    complete: bool = False
    body_cut: str | None = None  # why we stopped reading the body before its end
    kind: str | None = None  # broken | timeout | client_cert | bad_response | other
    ssl_reason: str | None = None
    error: str | None = None
    answer_start: bytes = b""  # the first bytes of an answer that is not HTTP (untrusted, never shown)
    late_cert_request: str | None = None  # renegotiation | post-handshake (see latecert)
    framing: str = ""  # how the body ends: length | chunked | close ("" before the body)
    announced: int | None = None  # the Content-Length, when the server gave one
    body_started: float = 0.0  # time.monotonic() when the head had come
    body_rate: float | None = None  # body bytes a second, for a body still arriving at the end
    elapsed_ms: float = 0.0

    def header(self, name: str) -> str | None:
        low = name.lower()
        for k, v in self.headers:
            if k.lower() == low:
                return v
        return None


def preview(data: bytes | bytearray, size: int = 40) -> str:
    """The first bytes of a non-HTTP answer, shown safely (it is untrusted server text)."""
    return repr(escape_control(untrusted(bytes(data[:size + 256]).decode("latin-1"))[:size]))


class Stream:
    """Buffered reads that tell a reset or early close (SCLNT_HTTP401) from a timeout (402)."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self.sock, self.deadline, self.buf = sock, deadline, bytearray()
        self.eof = False
        self.last_arrival = time.monotonic()
        self.body_read = 0  # body bytes taken so far (also when a read is cut short)
        self.body_head = bytearray()  # the first BODY_KEPT of them

    def keep(self, n: int) -> None:
        """Keep the start of the next `n` buffered body bytes (before they are dropped)."""
        room = BODY_KEPT - len(self.body_head)
        if room > 0:
            self.body_head += self.buf[:min(n, room)]

    def fill(self) -> bool:
        if self.eof:
            return False
        self.sock.settimeout(self.deadline.timeout())
        try:
            chunk = self.sock.recv(65536)
        except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError) as exc:
            raise Broken(f"connection reset by the server ({type(exc).__name__})") from exc
        except ssl.SSLEOFError as exc:
            raise Broken("TLS connection closed without close_notify") from exc
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        self.last_arrival = time.monotonic()
        return True

    def still_arriving(self) -> bool:
        """Body bytes came, the last of them less than STALL_S ago (call after the head)."""
        return (self.body_read > 0 or bool(self.buf)) and time.monotonic() - self.last_arrival < STALL_S

    def read_until(self, marker: bytes, limit: int, *, head: bool = False) -> bytes:
        """Up to and with `marker`; for the head, its end in CRLF CRLF or LF alone (a
        server that ends its lines in LF would otherwise look silent)."""
        while (end := (head_end(self.buf) if head else end_of(self.buf, marker))) < 0:
            if len(self.buf) > limit:
                if head and self.buf.startswith(b"HTTP/"):
                    first_line = preview(self.buf.split(b"\r\n", 1)[0], 60)
                    raise HeadTooLarge(f"the server answers HTTP ({first_line}) "
                                        f"but its header block is larger than the {limit // 1024} KiB this "
                                        "check reads — a header this large is unusual: ask the server's owner",
                                        status_of(self.buf))
                raise ValueError("header block too large")
            if head and len(self.buf) >= 5 and not self.buf.startswith(b"HTTP/"):
                if self.buf[0] in TLS_RECORD_TYPES and self.buf[1] == 3:
                    raise TlsAnswer("the answer is a TLS record: this port speaks TLS")
                if len(self.buf) < 9 and self.fill():
                    continue  # an HTTP/2 frame header is 9 bytes
                if looks_like_http2(self.buf):
                    raise Http2Answer("the answer is an HTTP/2 frame, not an HTTP/1.1 status line: "
                                       "the server speaks HTTP/2 only")
                raise ValueError(f"the answer is not HTTP: it starts with {preview(self.buf)}")
            if not self.fill():
                if head and self.buf and not b"HTTP/".startswith(bytes(self.buf[:5])):
                    # a few bytes and the close: what came is no start of a status line
                    raise ValueError(f"the answer is not HTTP: it starts with {preview(self.buf)} "
                                     f"({len(self.buf)} bytes, then the connection closed)")
                raise Broken("connection closed before the response headers were complete"
                               if self.buf else "connection closed without any response")
        out = bytes(self.buf[:end])
        del self.buf[:end]
        return out

    def read_exact(self, n: int, *, chunk: bool = False) -> int:
        got = 0
        while got < n:
            if not self.buf and not self.fill():
                raise Broken(f"connection closed after {got} of the {n} bytes a chunk announced "
                             f"— {self.body_read} body bytes in all" if chunk else
                             f"connection closed after {got} of {n} body bytes")
            take = min(n - got, len(self.buf))
            self.keep(take)
            del self.buf[:take]
            got += take
            self.body_read += take
        return got


    def chunk_end(self, size: int) -> None:
        """The CRLF that ends a chunk's data (RFC 9112 7.1), else the framing is broken."""
        while len(self.buf) < 2:
            if not self.fill():
                raise Broken(f"connection closed after a chunk, before its line end ({self.body_read} "
                             "body bytes in all)")
        if self.buf[:2] != b"\r\n":
            raise BadFraming(f"a chunk is longer than the {size} bytes its size line announced "
                             f"(no line end after them; they start {preview(self.buf, 16)})")
        del self.buf[:2]


def end_of(buf: bytearray, marker: bytes) -> int:
    i = buf.find(marker)
    return -1 if i < 0 else i + len(marker)


def status_of(buf: bytes | bytearray) -> int | None:
    """The status code of the status line `buf` starts with, if it has one."""
    m = _STATUS_LINE.match(bytes(buf[:32]))
    return int(m.group(1)) if m else None



def parse_into(raw: bytes, res: HttpResult) -> None:
    head = parse_head(raw)
    res.http_version, res.status, res.reason, res.headers = (
        head.http_version, head.status, head.reason, head.headers)


def read_body(stream: Stream, res: HttpResult) -> None:
    """At most BODY_CAP bytes of the body, whatever its framing claims: a chunk or a
    Content-Length of a gigabyte is read up to the cap and no further."""
    status = res.status or 0
    if status in (204, 304):
        return
    te = (res.header("Transfer-Encoding") or "").lower()
    length = res.header("Content-Length")
    if "chunked" in te:
        res.framing = "chunked"
        while True:
            size = _chunk_size(stream)
            if size == 0:
                return
            room = BODY_CAP - res.body_bytes
            res.body_bytes += stream.read_exact(min(size, room), chunk=True)
            if size >= room:
                res.body_cut = f"read up to the cap of {BODY_CAP:,} bytes"
                return
            stream.chunk_end(size)
    if length is not None and length.strip().isdigit():
        res.framing, res.announced = "length", int(length)
        wanted = int(length)
        res.body_bytes = stream.read_exact(min(wanted, BODY_CAP))
        if wanted > BODY_CAP:
            res.body_cut = f"read up to the cap of {BODY_CAP:,} bytes"
        return
    res.framing = "close"
    while True:  # no framing: the body ends with the connection
        stream.body_read += min(len(stream.buf), BODY_CAP - stream.body_read)
        stream.keep(len(stream.buf))
        stream.buf.clear()
        res.body_bytes = stream.body_read
        if res.body_bytes >= BODY_CAP or not stream.fill():
            break
    if res.body_bytes >= BODY_CAP:
        res.body_cut = f"read up to the cap of {BODY_CAP:,} bytes"


def _chunk_size(stream: Stream) -> int:
    """The size a chunk's size line announces (hexadecimal, extensions after ';')."""
    try:
        line = stream.read_until(b"\r\n", 4096)
    except ValueError as exc:  # no line end within 4 KiB: no size line at all
        raise BadFraming(f"a chunk size line without end (it starts {preview(stream.buf, 16)})") from exc
    size_text = line.strip().split(b";")[0].strip()
    if not size_text or any(c not in b"0123456789abcdefABCDEF" for c in size_text):
        raise BadFraming(f"a chunk size that is no hexadecimal number: {preview(line.rstrip(), 24)}")
    return int(size_text, 16)
