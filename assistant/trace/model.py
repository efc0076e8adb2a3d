"""What the dev_icm reader finds: files read, handshakes assembled, and their analysis.

Plain dataclasses without heavy imports, so `assistant.trace` can be detected and read
before `cryptography` is loaded (only certificate parsing needs it). All text in them
comes from the trace and is untrusted: the display escapes it, nothing here does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.diagnostics.model import CertInfo, Finding


@dataclass(slots=True)
class TraceFile:
    """One file (or pasted text) and how much of it was read."""

    path: str
    size: int = 0  # bytes on disk (or of the pasted text)
    bytes_read: int = 0
    lines: int = 0
    cut: bool = False  # larger than the limit: only its last part was read
    trace_level: int | None = None  # from a `trc file: …, trc level: N` header
    undecodable_lines: int = 0  # lines with bytes that are not UTF-8 (shown as U+FFFD)
    prefixed: bool = False  # `[Thr <id>]` lines or a `trc file:` header near the start
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # the file could not be used at all

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "size": self.size,
            "bytes_read": self.bytes_read,
            "lines": self.lines,
            "cut": self.cut,
            "trace_level": self.trace_level,
            "undecodable_lines": self.undecodable_lines,
            "notes": list(self.notes),
            "error": self.error,
        }


@dataclass(slots=True)
class DumpedCert:
    """One PEM block of a level-3 dump, as text (parsed only when analysed)."""

    pem: str
    line: int


@dataclass(slots=True)
class Handshake:
    """The facts one thread wrote about one TLS handshake, gathered across its lines."""

    file: str
    thread: str
    line: int  # 1-based line of the summary (or of the first line seen)
    time: str | None = None  # ISO 8601 without zone (the server's local time)
    host: str | None = None  # the partner, never the ICM's own socket
    port: int | None = None
    code: str | None = None  # SapSSL code, e.g. SSSLERR_PEER_CERT_UNTRUSTED
    numeric: int | None = None
    success_marker: bool = False  # `…==SAP_O_K` was written
    failed_summary: bool = False  # an `SSL handshake with … failed` (or older) line
    role: str | None = None  # "client" | "server" (the ICM's role)
    pse: str | None = None  # PSE file path
    sni_name: str | None = None
    detail_block: bool = False  # a PSE or pvflags line was seen (SNI line expected there)
    versions: list[str] = field(default_factory=list)
    ciphersuites: str | None = None
    state: str | None = None  # e.g. "TLS read server hello A"
    state_hex: str | None = None
    local: str | None = None  # the ICM's socket, kept only to never confuse it
    peer: str | None = None  # partner ip:port
    target: str | None = None  # `Target Hostname=` / `TargetHostname =`
    server_cert_subject: str | None = None
    incomplete: bool = False
    messages: list[str] = field(default_factory=list)
    proxy: str | None = None  # proxy host:port when the proxy refused the tunnel
    proxy_status: int | None = None
    certs: list[DumpedCert] = field(default_factory=list)
    named_chain: list[tuple[str, str]] = field(default_factory=list)  # (subject, issuer)

    @property
    def ok(self) -> bool:
        """False when the trace logged an error for it, else True (no error logged)."""
        if self.code and self.code != "SAP_O_K":
            return False
        if self.failed_summary or self.incomplete or self.proxy_status is not None:
            return False
        return True

    @property
    def sni(self) -> bool | None:
        """Sent, not sent, or unknown (no detail block to tell)."""
        if self.sni_name:
            return True
        if self.sni_name == "" or self.detail_block:
            return False
        return None


@dataclass(slots=True)
class ImportAdvice:
    """A certificate to import into an SSL client PSE (STRUST → Add to Certificate List)."""

    subject: str
    fingerprint: str | None  # SHA-256 AA:BB:…; None when only the name is known
    pse_node: str
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "subject": self.subject,
            "fingerprint": self.fingerprint,
            "pse_node": self.pse_node,
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass(slots=True)
class AnalyzedHandshake:
    """One handshake with what it means: message, cause, PSE node, chain, what to import."""

    handshake: Handshake
    sclnt_http: str | None = None
    cause: str | None = None
    pse_node: str | None = None
    chain: list[CertInfo] = field(default_factory=list)
    chain_lines: list[int] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    imports: list[ImportAdvice] = field(default_factory=list)
    advice: str = ""  # one line for the table: what to do
    # A cause as likely as `cause` from what the trace shows (a handshake cut right after
    # the ClientHello: the server refusing what was offered, or the path cutting TLS).
    also: str | None = None
    missing_issuer: str | None = None
    aia_url: str | None = None

    @property
    def ok(self) -> bool:
        return self.handshake.ok

    def problem_key(self) -> tuple[Any, ...]:
        """Handshakes with the same key are one problem (one answer)."""
        h = self.handshake
        return (
            (h.host or "").lower(), h.port, h.code, self.cause,
            tuple(i.fingerprint or i.subject for i in self.imports),
        )

    def to_json(self) -> dict[str, Any]:
        h = self.handshake
        return {
            "file": h.file,
            "thread": h.thread,
            "line": h.line,
            "time": h.time,
            "host": h.host,
            "port": h.port,
            "ok": self.ok,
            "code": h.code,
            "numeric": h.numeric,
            "sclnt_http": self.sclnt_http,
            "pse": h.pse,
            "pse_node": self.pse_node,
            "sni": h.sni,
            "sni_name": h.sni_name,
            "versions": list(h.versions),
            "ciphersuites": h.ciphersuites,
            "state": h.state,
            "peer": h.peer,
            "messages": list(h.messages),
            "chain": [
                {**c.to_json(), "line": line} for c, line in zip(self.chain, self.chain_lines, strict=False)
            ],
            "named_chain": [{"subject": s, "issuer": i} for s, i in h.named_chain],
            "cause": self.cause,
            "missing_issuer": self.missing_issuer,
            "aia_url": self.aia_url,
            "findings": [f.to_json() for f in self.findings],
            "import": [i.to_json() for i in self.imports],
            "advice": self.advice,
        }


@dataclass(slots=True)
class TraceReport:
    """Everything read from one or more traces (or one pasted text)."""

    files: list[TraceFile] = field(default_factory=list)
    handshakes: list[AnalyzedHandshake] = field(default_factory=list)
    server_role_errors: int = 0  # incoming TLS errors (the ICM as server): not analysed
    server_role: list[Handshake] = field(default_factory=list)  # the first of them, as read
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[AnalyzedHandshake]:
        return [h for h in self.handshakes if h.ok is False]

    def check_targets(self) -> list[str]:
        """`https://host:port` of each partner with a failed handshake, first seen first:
        what a live check from this machine should compare with (never the ICM's own
        `local=` socket)."""
        seen: dict[str, None] = {}
        for a in self.failed:
            h = a.handshake
            if h.host and h.port is not None and h.proxy_status is None:
                host = f"[{h.host}]" if ":" in h.host else h.host
                seen.setdefault(f"https://{host}:{h.port}", None)
        return list(seen)

    @property
    def usable(self) -> bool:
        """At least one input could be read as a trace."""
        return any(f.error is None for f in self.files)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [f.to_json() for f in self.files],
            "handshakes": [h.to_json() for h in self.handshakes],
            "server_role_errors": self.server_role_errors,
            "notes": list(self.notes),
        }
