"""Assemble handshakes from interleaved thread lines.

Each ICM thread writes one handshake at a time, but threads interleave, so the assembler
keeps one open record per thread. The facts of a handshake come on both sides of its
summary line (`*** ERROR => SSL handshake with h:p failed: …`): the KBA and level-2 traces
show the sockets, target and `<<- ERROR:` return *before* it, the `get_last_error` block
(SSL state, PSE, pvflags, SNI) comes *after* it. So a record stays open after its summary
while the thread writes such details close after it ("post" phase, `POST_GAP` lines); a
line of another kind closes it. A fact that contradicts the open record (another socket
handle, another target, a second summary) starts the next handshake.

The reader calls `feed` only for lines that hold a keyword (see `scan`). The body lines
of a PEM block or an error stack hold none, so a block remembers where its body starts in
the reader's chunk and takes its thread's lines from there when it ends (`end_chunk`
carries an open block over to the next chunk).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.trace.lines import decode
from assistant.trace.model import Handshake, TraceFile
from assistant.trace.patterns import (
    ERRSTACK_NAME,
    Classified,
    Kind,
    classify,
    iso_time,
)
from assistant.trace.pem import MAX_CERTS_PER_HANDSHAKE, PemCollector
from assistant.trace.scan import thread_lines

MAX_HANDSHAKES = 100_000  # per stream; beyond this the rest is counted, not kept
ERRSTACK_LINES = 400
MAX_BLOCK_SPAN = 8 * 1024 * 1024  # bytes of trace a PEM block or error stack may span
MAX_NAMES = 12
MAX_SERVER_ROLE_KEPT = 20  # incoming handshakes kept to show (PSE, peer's alert); the rest counted
MAX_MESSAGES = 4
POST_GAP = 200  # lines (of any thread) after which a detail no longer joins the summary

# Kinds that may follow a summary and still belong to its handshake.
_POST = {
    Kind.RETURN_CODE, Kind.STATE, Kind.SOCKETS, Kind.PSE, Kind.CIPHERS, Kind.PVFLAGS,
    Kind.SNI, Kind.TARGET, Kind.SERVER_CERT, Kind.MESSAGE, Kind.NEUTRAL, Kind.TIME,
}
_IGNORED = {Kind.MESSAGE, Kind.NEUTRAL, Kind.OTHER, Kind.PEM_END, Kind.ERRSTACK_END}


@dataclass(slots=True)
class _Block:
    """An open PEM block or error stack: where its body starts, and lines carried over."""

    kind: Kind  # PEM_BEGIN or ERRSTACK_BEGIN
    start: int  # offset of the body in the current chunk
    line: int  # line of the BEGIN marker
    carried: list[bytes] = field(default_factory=list)
    span: int = 0


@dataclass(slots=True)
class _Thread:
    cur: Handshake | None = None
    post: bool = False  # the current record's summary was seen
    last_line: int = 0  # the record's latest line
    handle: str | None = None  # SSL NI-hdl of the current record
    call_return: bool = False
    block: _Block | None = None
    time: str | None = None
    summary: Kind | None = None  # the style of the current record's summary line


# What a paste puts before a line's `[Thr <id>]` prefix: Markdown emphasis or quoting
# around a copied block (`_**_[Thr 1401…] *** ERROR => …`, abapGit issue 4142),
# indentation, a list frame's `|`.
_LEAD_MARKUP = frozenset("*_>`~| \t")
_LEAD_MAX = 8


def split_thread(text: str) -> tuple[str, str]:
    """(thread id, text without prefix and indentation); lines without prefix: thread ""."""
    if not text.startswith("[Thr "):
        at = text.find("[Thr ", 1, _LEAD_MAX + 5)
        if at < 0 or not _LEAD_MARKUP.issuperset(text[:at]):
            return "", text.strip()
        text = text[at:]
    end = text.find("]", 5, 70)
    if end > 5:
        return text[5:end], text[end + 1:].strip()
    return "", text.strip()


@dataclass(slots=True)
class Assembler:
    """One per stream (a file, or a `dev_icm.old` followed by its `dev_icm`)."""

    info: TraceFile
    handshakes: list[Handshake] = field(default_factory=list)
    server_role_errors: int = 0
    server_role: list[Handshake] = field(default_factory=list)  # the first of them, to show
    dropped: int = 0
    _threads: dict[str, _Thread] = field(default_factory=dict)
    _next_line_at: int = 0  # offset of the line after the one being fed

    def next_file(self, info: TraceFile) -> None:
        """Continue the same stream in the next (rotated) file."""
        self.info = info

    # ------------------------------------------------------------------ entry points

    def feed(self, lineno: int, raw: bytes, chunk: bytes = b"", line_at: int = 0) -> None:
        """One keyword line; `chunk` and `line_at` (its offset there) locate block bodies.
        (The reader's hot path: decoding and the thread prefix are done inline.)"""
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = decode(raw, self.info)
        thread, text = split_thread(line)
        st = self._threads.get(thread) or self._state(thread)
        self._next_line_at = line_at + len(raw) + 1
        cls = classify(text)
        if st.block is not None and self._in_block(thread, st, cls, chunk, line_at):
            return
        self._dispatch(thread, st, lineno, cls, text)

    def end_chunk(self, chunk: bytes) -> None:
        """Carry the bodies of open blocks over to the next chunk."""
        for thread, st in self._threads.items():
            b = st.block
            if b is None:
                continue
            b.carried += thread_lines(thread, chunk[b.start:])
            b.span += len(chunk) - b.start
            b.start = 0
            if b.span > MAX_BLOCK_SPAN or len(b.carried) > ERRSTACK_LINES:
                st.block = None  # never closed: not a block we can use

    def finish(self) -> list[Handshake]:
        for thread, st in list(self._threads.items()):
            st.block = None
            self._close(thread, st)
        return self.handshakes

    # ------------------------------------------------------------------ dispatch

    def _state(self, thread: str) -> _Thread:
        st = self._threads.get(thread)
        if st is None:
            st = self._threads[thread] = _Thread()
        return st

    def _dispatch(self, thread: str, st: _Thread, lineno: int, cls: Classified, text: str) -> None:
        kind = cls.kind
        if kind is Kind.TIME:
            assert cls.match is not None
            st.time = iso_time(cls.match)
        elif kind is Kind.HEADER:
            assert cls.match is not None
            if cls.match.group("level") and self.info.trace_level is None:
                self.info.trace_level = int(cls.match.group("level"))
        elif st.post and st.cur is not None and _restates_the_failure(st, cls) and lineno - st.last_line <= POST_GAP:
            self._fact(thread, st, lineno, cls, text)
        elif st.post and st.cur is not None and (kind not in _POST or lineno - st.last_line > POST_GAP):
            self._close(thread, st)  # the detail block ended
            if kind not in _IGNORED:
                self._fact(thread, st, lineno, cls, text)
        elif kind is Kind.MESSAGE:
            if st.cur is not None and len(st.cur.messages) < MAX_MESSAGES:
                st.cur.messages.append(text)
                st.last_line = lineno
        elif kind not in _IGNORED:
            self._fact(thread, st, lineno, cls, text)

    def _record(self, thread: str, st: _Thread, lineno: int) -> Handshake:
        if st.cur is None:
            st.cur = Handshake(file=self.info.path, thread=thread, line=lineno, time=st.time)
        return st.cur

    def _fact(self, thread: str, st: _Thread, lineno: int, cls: Classified, text: str) -> None:
        if st.cur is None and self._restates_the_last(thread, cls):
            return
        if _conflicts(st, cls):
            self._close(thread, st)
        h = self._record(thread, st, lineno)
        st.last_line = lineno
        kind, m = cls.kind, cls.match
        if kind in (Kind.PEM_BEGIN, Kind.ERRSTACK_BEGIN):
            st.block = _Block(kind, self._next_line_at, lineno)
        elif kind is Kind.INCOMPLETE:
            h.incomplete = True
        elif m is not None:
            _apply(h, st, lineno, kind, m)
        if kind in (Kind.SUMMARY_FAILED, Kind.SUMMARY_OLD, Kind.PROXY_FAILED) or (
            kind is Kind.CALL_RETURN and h.success_marker
        ):
            st.post = True
            if h.time is None:
                h.time = st.time

    def _restates_the_last(self, thread: str, cls: Classified) -> bool:
        """A summary without a code of its own ("SSL handshake with host:443 failed (-102)")
        after the thread's failed handshake was closed by its messages: the same failure said
        again in the other kernel style. Its host is the partner by name (the record may have
        only the peer's address); no second handshake is made of it."""
        m = cls.match
        if cls.kind is not Kind.SUMMARY_FAILED or m is None or m.group("code") or not self.handshakes:
            return False
        last = self.handshakes[-1]
        number = _number(m.group("bare")) if m.group("bare") else None
        if last.thread != thread or not last.failed_summary or last.target or number not in (None, last.numeric):
            return False
        last.host, last.port = _host(m.group("host")), int(m.group("port"))
        return True

    # ------------------------------------------------------------------ blocks

    def _in_block(self, thread: str, st: _Thread, cls: Classified, chunk: bytes, line_at: int) -> bool:
        """A keyword line while the thread has an open block; True when it was handled."""
        b = st.block
        assert b is not None

        def body() -> list[bytes]:
            return b.carried + thread_lines(thread, chunk[b.start:line_at])

        if b.kind is Kind.PEM_BEGIN:
            if cls.kind is Kind.PEM_END:
                st.block = None
                self._pem_done(st, b, body())
            elif cls.kind is Kind.PEM_BEGIN:  # a BEGIN without END: start over
                st.block = _Block(Kind.PEM_BEGIN, self._next_line_at, b.line)
            return True  # base64 that happens to hold a keyword
        if cls.kind is Kind.ERRSTACK_END:
            st.block = None
            self._errstack_done(st, body())
            return True
        return False  # error stack text with a keyword: a fact of its own

    def _pem_done(self, st: _Thread, b: _Block, body: list[bytes]) -> None:
        pem = PemCollector(b.line)
        for line in body:
            if not pem.add(line.decode("ascii", "replace")):
                return  # far too long for a certificate: not one
        if st.cur is not None and len(st.cur.certs) < MAX_CERTS_PER_HANDSHAKE * 2:
            st.cur.certs.append(pem.finish())

    def _errstack_done(self, st: _Thread, body: list[bytes]) -> None:
        """Level 2: the chain's names (`Subject:` then `Issuer:`) inside the stack."""
        if st.cur is None:
            return
        pending: str | None = None
        for raw in body[:ERRSTACK_LINES]:
            m = ERRSTACK_NAME.match(decode(raw, self.info).strip())
            if m is None:
                continue
            if m.group("field") == "Subject":
                pending = m.group("name").strip()
            elif pending is not None:
                pair = (pending, m.group("name").strip())
                if pair not in st.cur.named_chain and len(st.cur.named_chain) < MAX_NAMES:
                    st.cur.named_chain.append(pair)
                pending = None

    # ------------------------------------------------------------------ closing

    def _close(self, thread: str, st: _Thread) -> None:
        h, st.cur = st.cur, None
        st.post, st.handle, st.call_return, st.block, st.summary = False, None, False, None, None
        if h is None or not _is_handshake(h):
            return
        if h.role == "server":
            if h.messages or h.incomplete or (h.code and h.code != "SAP_O_K"):
                self.server_role_errors += 1
                if len(self.server_role) < MAX_SERVER_ROLE_KEPT:
                    self.server_role.append(h)
            return
        _complete_partner(h)
        if len(self.handshakes) >= MAX_HANDSHAKES:
            self.dropped += 1
            return
        self.handshakes.append(h)


def _restates_the_failure(st: _Thread, cls: Classified) -> bool:
    """A line that says the open record's failure again, right after its summary: the other
    kernel style's summary (older kernels write `IcmConnInitClientSSL: SapSSLSessionStart
    failed (-102): CODE`, newer ones `SSL handshake with host:port failed: CODE (-102)`; a
    paste that carries both for one handshake — two kernels' lines, or an edited trace — is
    one failure, not two), or the call's `<<- ERROR: SapSSLSessionStartNB(…)==CODE` return
    with the same code when the record has none yet (a paste with the summary first and the
    stack after it). Two summaries of one style stay two handshakes, and so does a second
    return: the return is written before its summary, so it starts the next handshake."""
    h, m = st.cur, cls.match
    summaries = (Kind.SUMMARY_FAILED, Kind.SUMMARY_OLD)
    if h is None or m is None or st.summary not in summaries or h.proxy_status is not None or h.success_marker:
        return False
    if cls.kind is Kind.CALL_RETURN:
        return not st.call_return and h.code == m.group("code")
    # A summary without a code of its own ("failed (-102)") restates the record's failure.
    return cls.kind in summaries and cls.kind is not st.summary and m.group("code") in (h.code, None)


def _conflicts(st: _Thread, cls: Classified) -> bool:
    """Does this fact belong to the thread's *next* handshake?"""
    h, m, kind = st.cur, cls.match, cls.kind
    if h is None:
        return False
    if _restates_the_failure(st, cls):
        return False
    if kind in (Kind.SUMMARY_FAILED, Kind.SUMMARY_OLD, Kind.PROXY_FAILED):
        return h.failed_summary or h.proxy_status is not None or h.success_marker
    if st.post and kind in (Kind.PEM_BEGIN, Kind.ERRSTACK_BEGIN, Kind.INCOMPLETE, Kind.SSL_LAYER_ERROR):
        return True
    if kind is Kind.CALL_RETURN:
        return st.call_return
    if m is None:
        return False
    if kind is Kind.SOCKETS:
        return st.handle is not None and st.handle != m.group("hdl")
    if kind is Kind.PSE:
        return h.pse is not None and h.pse != m.group("path")
    if kind is Kind.TARGET:
        known = h.target or (h.host if h.failed_summary else None)
        return known is not None and known.lower() != m.group("name").lower()
    if kind is Kind.SNI:
        return h.sni_name is not None and h.sni_name != m.group("name")
    if kind is Kind.RETURN_CODE:
        return h.code is not None and h.code != m.group("code")
    return False


def _apply(h: Handshake, st: _Thread, lineno: int, kind: Kind, m: re.Match[str]) -> None:
    """Copy the fact of one matched line into the record."""
    if kind in (Kind.SUMMARY_FAILED, Kind.SUMMARY_OLD):
        h.line = h.line if h.failed_summary else lineno  # a restated failure keeps its first line
        h.failed_summary, st.summary = True, kind
        h.code = m.group("code") or h.code  # a summary without its code: the stack's
        num = m.group("num") or (m.group("bare") if kind is Kind.SUMMARY_FAILED else None)
        h.numeric = _number(num) if num else h.numeric
        if kind is Kind.SUMMARY_FAILED:
            h.host, h.port = _host(m.group("host")), int(m.group("port"))
    elif kind is Kind.PROXY_FAILED:
        h.line, h.host, h.port = lineno, _host(m.group("host")), int(m.group("port"))
        h.proxy, h.proxy_status = m.group("proxy"), int(m.group("status"))
        h.messages.append(f"proxy returned {m.group('status')}{m.group('reason')}")
    elif kind is Kind.CALL_RETURN or kind is Kind.RETURN_CODE:
        st.call_return = st.call_return or kind is Kind.CALL_RETURN
        if m.group("code") == "SAP_O_K":
            h.success_marker = True
        elif h.code is None:
            h.code = m.group("code")
    elif kind is Kind.STATE:
        h.state_hex, h.state = m.group("hex"), m.group("name")
    elif kind is Kind.SOCKETS:
        st.handle, h.local, h.peer = m.group("hdl"), m.group("local"), m.group("peer")
    else:
        _apply_detail(h, kind, m)


def _apply_detail(h: Handshake, kind: Kind, m: re.Match[str]) -> None:
    if kind is Kind.PSE:
        h.pse = m.group("path")
        h.detail_block = True
        if m.group("role"):
            h.role = "client" if m.group("role") == "cli" else "server"
    elif kind is Kind.CIPHERS:
        h.ciphersuites = m.group("suites")
    elif kind is Kind.PVFLAGS:
        h.detail_block = True
        h.role = h.role or ("client" if m.group("role") == "Client" else "server")
        h.versions = [v.strip() for v in (m.group("versions") or "").split(",") if v.strip().startswith(("TLS", "SSL"))]
    elif kind is Kind.SNI:
        h.sni_name = m.group("name")
    elif kind is Kind.TARGET:
        h.target = m.group("name")
    elif kind is Kind.SERVER_CERT:
        h.server_cert_subject = m.group("subject").strip()


def _number(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return int(text.replace(" ", ""))
    except ValueError:
        return None


def _host(text: str) -> str:
    return text[1:-1] if text.startswith("[") and text.endswith("]") else text


def _is_handshake(h: Handshake) -> bool:
    """Enough facts to call it a TLS handshake (not a stray message)."""
    return bool(
        h.code or h.failed_summary or h.proxy_status is not None or h.success_marker or h.pse
        or h.peer or h.sni_name is not None or h.certs or h.named_chain or h.state or h.incomplete
    )


def _complete_partner(h: Handshake) -> None:
    """The partner from the best line available; the ICM's own `local=` socket never."""
    peer_host, peer_port = _split_socket(h.peer)
    if h.host is None:
        h.host = h.target or h.sni_name or peer_host
    if h.port is None:
        h.port = peer_port


def _split_socket(sock: str | None) -> tuple[str | None, int | None]:
    if not sock or ":" not in sock:
        return None, None
    host, _, port = sock.rpartition(":")
    host = _host(host)
    return (host or None), (int(port) if port.isdigit() and len(port) <= 5 else None)
