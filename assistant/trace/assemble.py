"""Assemble handshakes from interleaved thread lines.

Each ICM thread writes one handshake at a time, but threads interleave, so the assembler
keeps one open record per thread. The facts of a handshake come on both sides of its
summary line (`*** ERROR => SSL handshake with h:p failed: …`): the KBA and level-2 traces
show the sockets, target and `<<- ERROR:` return *before* it, the `get_last_error` block
(SSL state, PSE, pvflags, SNI) comes *after* it. So a record stays open after its summary
while the thread keeps writing such details ("post" phase); any other line of that thread
closes it. A fact that contradicts the open record (another socket handle, another target,
a second summary) starts the next handshake.

The reader calls `feed` for lines that may matter and `watched` for every line of a
thread listed in `watch` (threads inside a PEM block, an error stack or a detail block).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.trace.lines import decode
from assistant.trace.model import Handshake, TraceFile
from assistant.trace.patterns import (
    ERRSTACK_NAME,
    THREAD_PREFIX,
    Classified,
    Kind,
    classify,
    iso_time,
)
from assistant.trace.pem import MAX_CERTS_PER_HANDSHAKE, PemCollector

MAX_HANDSHAKES = 100_000  # per stream; beyond this the rest is counted, not kept
ERRSTACK_LINES = 400
MAX_NAMES = 12
MAX_MESSAGES = 4

# Kinds that may follow a summary and still belong to its handshake.
_POST = {
    Kind.RETURN_CODE, Kind.STATE, Kind.SOCKETS, Kind.PSE, Kind.CIPHERS, Kind.PVFLAGS,
    Kind.SNI, Kind.TARGET, Kind.SERVER_CERT, Kind.MESSAGE, Kind.NEUTRAL, Kind.TIME,
}
_IGNORED = {Kind.MESSAGE, Kind.NEUTRAL, Kind.OTHER, Kind.PEM_END, Kind.ERRSTACK_END}


@dataclass(slots=True)
class _Thread:
    cur: Handshake | None = None
    post: bool = False  # the current record's summary was seen
    handle: str | None = None  # SSL NI-hdl of the current record
    call_return: bool = False
    pem: PemCollector | None = None
    errstack: int = 0  # lines left in an open error stack
    pending_subject: str | None = None
    time: str | None = None


def split_thread(text: str) -> tuple[str, str]:
    """(thread id, text without prefix and indentation); lines without prefix: thread ""."""
    m = THREAD_PREFIX.match(text)
    if m is None:
        return "", text.strip()
    return m.group(1), (m.group(2) or "").strip()


def thread_key(raw: bytes) -> bytes:
    """The thread id of a raw line, cheaply (the reader's hot path)."""
    if raw.startswith(b"[Thr "):
        end = raw.find(b"]", 5, 70)
        if end > 0:
            return raw[5:end]
    return b""


@dataclass(slots=True)
class Assembler:
    """One per stream (a file, or a `dev_icm.old` followed by its `dev_icm`)."""

    info: TraceFile
    handshakes: list[Handshake] = field(default_factory=list)
    watch: set[bytes] = field(default_factory=set)
    server_role_errors: int = 0
    dropped: int = 0
    _threads: dict[str, _Thread] = field(default_factory=dict)

    def next_file(self, info: TraceFile) -> None:
        """Continue the same stream in the next (rotated) file."""
        self.info = info

    # ------------------------------------------------------------------ entry points

    def feed(self, lineno: int, raw: bytes) -> None:
        thread, text = split_thread(decode(raw, self.info))
        self._dispatch(thread, self._state(thread), lineno, classify(text), text)

    def watched(self, lineno: int, raw: bytes) -> None:
        thread, text = split_thread(decode(raw, self.info))
        st = self._state(thread)
        if st.pem is not None:
            self._pem_line(thread, st, text)
        elif st.errstack:
            self._errstack_line(thread, st, lineno, text)
        else:
            self._dispatch(thread, st, lineno, classify(text), text)

    def finish(self) -> list[Handshake]:
        for thread, st in list(self._threads.items()):
            st.pem = None
            self._close(thread, st)
        self.watch.clear()
        return self.handshakes

    # ------------------------------------------------------------------ dispatch

    def _state(self, thread: str) -> _Thread:
        st = self._threads.get(thread)
        if st is None:
            st = self._threads[thread] = _Thread()
        return st

    def _rewatch(self, thread: str, st: _Thread) -> None:
        key = thread.encode("utf-8", "replace")
        if st.pem is not None or st.errstack or (st.post and st.cur is not None):
            self.watch.add(key)
        else:
            self.watch.discard(key)

    def _dispatch(self, thread: str, st: _Thread, lineno: int, cls: Classified, text: str) -> None:
        kind = cls.kind
        if kind is Kind.TIME:
            assert cls.match is not None
            st.time = iso_time(cls.match)
        elif kind is Kind.HEADER:
            assert cls.match is not None
            if cls.match.group("level") and self.info.trace_level is None:
                self.info.trace_level = int(cls.match.group("level"))
        elif st.post and st.cur is not None and kind not in _POST:
            self._close(thread, st)  # the detail block ended
            if kind not in _IGNORED:
                self._fact(thread, st, lineno, cls, text)
        elif kind is Kind.MESSAGE:
            if st.cur is not None and len(st.cur.messages) < MAX_MESSAGES:
                st.cur.messages.append(text)
        elif kind not in _IGNORED:
            self._fact(thread, st, lineno, cls, text)
        self._rewatch(thread, st)

    def _record(self, thread: str, st: _Thread, lineno: int) -> Handshake:
        if st.cur is None:
            st.cur = Handshake(file=self.info.path, thread=thread, line=lineno, time=st.time)
        return st.cur

    def _fact(self, thread: str, st: _Thread, lineno: int, cls: Classified, text: str) -> None:
        if _conflicts(st, cls):
            self._close(thread, st)
        h = self._record(thread, st, lineno)
        kind, m = cls.kind, cls.match
        if kind is Kind.PEM_BEGIN:
            st.pem = PemCollector(lineno)
        elif kind is Kind.ERRSTACK_BEGIN:
            st.errstack, st.pending_subject = ERRSTACK_LINES, None
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

    # ------------------------------------------------------------------ open blocks

    def _pem_line(self, thread: str, st: _Thread, text: str) -> None:
        assert st.pem is not None
        if text == "-----END CERTIFICATE-----":
            if st.cur is not None and len(st.cur.certs) < MAX_CERTS_PER_HANDSHAKE * 2:
                st.cur.certs.append(st.pem.finish())
            st.pem = None
        elif text == "-----BEGIN CERTIFICATE-----":
            st.pem = PemCollector(st.pem.start_line)
        elif not st.pem.add(text):
            st.pem = None  # far too long for a certificate: not one
        self._rewatch(thread, st)

    def _errstack_line(self, thread: str, st: _Thread, lineno: int, text: str) -> None:
        st.errstack -= 1
        cls = classify(text)
        if cls.kind is Kind.ERRSTACK_END:
            st.errstack = 0
        else:
            self._errstack_name(st, text)
            if cls.kind is Kind.MESSAGE and st.cur is not None and len(st.cur.messages) < MAX_MESSAGES:
                st.cur.messages.append(text)
        self._rewatch(thread, st)

    def _errstack_name(self, st: _Thread, text: str) -> None:
        m = ERRSTACK_NAME.match(text)
        if m is None or st.cur is None:
            return
        if m.group("field") == "Subject":
            st.pending_subject = m.group("name").strip()
        elif st.pending_subject is not None:
            pair = (st.pending_subject, m.group("name").strip())
            if pair not in st.cur.named_chain and len(st.cur.named_chain) < MAX_NAMES:
                st.cur.named_chain.append(pair)
            st.pending_subject = None

    # ------------------------------------------------------------------ closing

    def _close(self, thread: str, st: _Thread) -> None:
        h, st.cur = st.cur, None
        st.post, st.handle, st.call_return, st.pem, st.errstack = False, None, False, None, 0
        self._rewatch(thread, st)
        if h is None or not _is_handshake(h):
            return
        if h.role == "server":
            if h.messages or h.incomplete or (h.code and h.code != "SAP_O_K"):
                self.server_role_errors += 1
            return
        _complete_partner(h)
        if len(self.handshakes) >= MAX_HANDSHAKES:
            self.dropped += 1
            return
        self.handshakes.append(h)


def _conflicts(st: _Thread, cls: Classified) -> bool:
    """Does this fact belong to the thread's *next* handshake?"""
    h, m, kind = st.cur, cls.match, cls.kind
    if h is None:
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
        h.failed_summary, h.line = True, lineno
        h.code = m.group("code")
        h.numeric = _number(m.group("num"))
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
