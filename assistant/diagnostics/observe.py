"""Step 5: an unverified, read-only handshake that records what the server really sends.

The verdict handshake stops at the first problem; this one accepts anything (no
verification, `@SECLEVEL=0`, TLS 1.0 and up) so the admin sees the chain in the order it
was sent, the negotiated version and cipher, and whether the server asks for a client
certificate and from which CAs. Its result never decides the verdict.

Because its server is not verified, nothing but the handshake goes over this connection:
no client certificate (an empty Certificate message answers a request) and no byte of
application data — not the request line, not a header. What the check needs to know
about a client-certificate request is read, not provoked: the CertificateRequest itself
(through the message hook), and for TLS 1.3 — where a server refuses a missing
certificate only after the handshake — a short read-only wait for its alert, or for the
session tickets a server sends once it has accepted the handshake.

Two private CPython features are used when present, each feature-tested:
`SSLContext._msg_callback` (every handshake message, also TLS 1.3's encrypted
CertificateRequest) and `get_unverified_chain()` (public from 3.13, on `_sslobj` before).
"""

from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass, field
from typing import Any

from assistant.diagnostics.deadline import Deadline
from assistant.diagnostics.der import der_items
from assistant.diagnostics.model import Finding
from assistant.diagnostics.protocolbreach import SERVER_HELLO, hello_retry_group
from assistant.diagnostics.serverkeys import SERVER_KEY_EXCHANGE, dh_group_bits
from assistant.diagnostics.tls import (
    HAS_MSG_CALLBACK,
    VERSION_NAMES,
    classify,
    error_text,
    recording,
    unverified_probe_context,
)
from assistant.redact import untrusted
from assistant.textsafe import escape_control
from assistant.wording import plural

LABEL = "observe (unverified, read-only)"

HANDSHAKE, ALERT = 22, 21
NEW_SESSION_TICKET, CERTIFICATE, CERTIFICATE_REQUEST = 4, 11, 13
EXT_CERTIFICATE_AUTHORITIES = 47
TLS12, TLS13 = 0x0303, 0x0304

PROBE_WAIT_S = 0.2  # how long a TLS 1.3 server gets to send its certificate alert
PROBE_SLICE_S = 0.01  # the wait ends as soon as a session ticket shows the server accepted



@dataclass(slots=True)
class Observation:
    ok: bool
    server_hostname: str | None = None
    version: str | None = None
    cipher: str | None = None
    chain_der: list[bytes] = field(default_factory=list)
    chain_source: str = ""  # get_unverified_chain | handshake messages | leaf only
    cert_requested: bool | None = None  # None: cannot tell (no message hook)
    ca_names_der: list[bytes] = field(default_factory=list)
    probe_result: str | None = None  # accepted | rejected (reason) | None: not known
    alert: str | None = None  # OpenSSL reason of a failure
    kind: str | None = None
    error: str | None = None
    elapsed_ms: float = 0.0
    dh_bits: int | None = None  # a DHE suite's Diffie-Hellman group (see serverkeys)
    retry_groups: tuple[int, ...] = ()  # the group each TLS 1.3 HelloRetryRequest asked for

    @property
    def version_label(self) -> str:
        return VERSION_NAMES.get(self.version or "", self.version or "?")

    @property
    def ca_names(self) -> list[str]:
        return [der_name_to_text(d) for d in self.ca_names_der]


class Recorder:
    """Collects server handshake messages through `_msg_callback`."""

    def __init__(self) -> None:
        self.cert_requests: list[tuple[int, bytes]] = []
        self.certificates: list[tuple[int, bytes]] = []
        self.alerts: list[int] = []
        self.tickets = 0
        self.key_exchange = b""  # the TLS 1.2 ServerKeyExchange
        self.retry_groups: list[int] = []  # the group each HelloRetryRequest asks for

    def __call__(self, conn: Any, direction: str, version: int, content_type: int,
                 msg_type: int, data: bytes) -> None:
        if direction != "read":
            return
        if content_type == HANDSHAKE and msg_type == CERTIFICATE_REQUEST:
            self.cert_requests.append((int(version), bytes(data)))
        elif content_type == HANDSHAKE and msg_type == CERTIFICATE:
            self.certificates.append((int(version), bytes(data)))
        elif content_type == HANDSHAKE and msg_type == NEW_SESSION_TICKET:
            self.tickets += 1
        elif content_type == HANDSHAKE and msg_type == SERVER_KEY_EXCHANGE:
            self.key_exchange = bytes(data)
        elif content_type == HANDSHAKE and msg_type == SERVER_HELLO:
            group = hello_retry_group(bytes(data))
            if group is not None:
                self.retry_groups.append(group)
        elif content_type == ALERT and len(data) >= 2:
            self.alerts.append(data[1])


def observe(
    sock: socket.socket,
    server_hostname: str | None,
    deadline: Deadline,
    *,
    ctx: ssl.SSLContext | None = None,
) -> Observation:
    """Handshake without verification on `sock` (closed afterwards) and record the facts.

    Sends nothing but the handshake (see the module docstring); `ctx` must not carry a
    client identity.
    """
    start = time.monotonic()
    rec = Recorder()
    if ctx is None:
        ctx = unverified_probe_context()  # shared: the messages come through `recording`
    elif HAS_MSG_CALLBACK:
        ctx._msg_callback = rec  # type: ignore[attr-defined]
    obs = Observation(False, server_hostname=server_hostname)
    ssock: ssl.SSLSocket | None = None
    fd = sock.fileno()  # kept by the TLS socket: released from the check's sockets at the end
    try:
        with recording(rec):
            sock.settimeout(deadline.timeout())
            ssock = ctx.wrap_socket(sock, server_hostname=server_hostname)
            obs.ok = True
            obs.version = ssock.version()
            c = ssock.cipher()
            obs.cipher = c[0] if c else None
            obs.chain_der, obs.chain_source = chain_from_socket(ssock)
            if rec.cert_requests:
                obs.probe_result = settle(ssock, rec, deadline)
    except (OSError, ValueError) as exc:
        obs.kind, obs.alert = classify(exc)
        obs.error = error_text(exc)
        sock.close()
    finally:
        if ssock is not None:
            ssock.close()
        deadline.sockets.release(fd)
    if HAS_MSG_CALLBACK:
        obs.cert_requested = bool(rec.cert_requests)
        if rec.cert_requests:
            version, body = rec.cert_requests[-1]
            obs.ca_names_der = parse_certificate_request(body, version)
            if not obs.ok and obs.kind in ("client_cert", "handshake_failure", "closed"):
                # TLS 1.2: the server asked, got our empty answer and ended the handshake
                obs.probe_result = f"rejected ({obs.alert or 'connection closed'})"
        obs.retry_groups = tuple(rec.retry_groups)
        if obs.cipher and obs.cipher.startswith(("DHE-", "EDH-")) and rec.key_exchange:
            obs.dh_bits = dh_group_bits(rec.key_exchange)
        if not obs.chain_der and rec.certificates:
            version, body = rec.certificates[0]
            obs.chain_der = parse_certificate_message(body, version)
            obs.chain_source = "handshake messages"
    obs.elapsed_ms = (time.monotonic() - start) * 1000.0
    return obs


def chain_from_socket(ssock: ssl.SSLSocket) -> tuple[list[bytes], str]:
    getter = getattr(ssock, "get_unverified_chain", None)  # public on 3.13+
    if getter is None:
        sslobj = getattr(ssock, "_sslobj", None)
        getter = getattr(sslobj, "get_unverified_chain", None)
    if getter is not None:
        try:
            chain = getter() or []
            out = [c if isinstance(c, bytes) else c.public_bytes(ssl._ssl.ENCODING_DER)  # type: ignore[attr-defined]
                   for c in chain]
            if out:
                return out, "get_unverified_chain"
        except (AttributeError, ssl.SSLError, ValueError):
            pass
    leaf = ssock.getpeercert(binary_form=True)
    return ([leaf], "leaf only") if leaf else ([], "")


def settle(ssock: ssl.SSLSocket, rec: Recorder, deadline: Deadline) -> str | None:
    """Does the server go on with the certificate we sent (none, here)? Read, never written.

    TLS 1.2 and older: the server decided during the handshake, which completed — yes.
    TLS 1.3: the server decides after our Certificate; wait briefly and only read: an
    alert or a close is a refusal; a session ticket means it accepted the handshake;
    silence leaves it unknown (None). The verdict connection asks the same about the
    certificate it presented (see `tlssteps.verdict_exchange`).
    """
    if ssock.version() != "TLSv1.3":
        return "accepted"
    end = time.monotonic() + PROBE_WAIT_S
    try:
        while not rec.tickets and time.monotonic() < end:
            try:
                ssock.settimeout(deadline.timeout(max(0.001, min(PROBE_SLICE_S, end - time.monotonic()))))
            except TimeoutError:  # out of time, or cancelled: not known
                return None
            try:
                data = ssock.recv(1)
            except TimeoutError:
                continue
            return "accepted" if data else "rejected (connection closed)"  # it spoke first
    except ssl.SSLError as exc:
        return f"rejected ({exc.reason or 'connection closed'})"
    except OSError as exc:
        return f"rejected ({type(exc).__name__})"
    return "accepted" if rec.tickets else None


def observation_finding(obs: Observation | None, chain_der: list[bytes], *,
                        same_with_and_without_sni: bool = False) -> Finding:
    """Step 5 for the report: what the server sent, in the order it sent it.

    `chain_der` is the chain the check analysed (the verified one when the handshake
    succeeded), shown when the observation itself saw none.
    """
    if obs is None:
        return Finding("observe", "skip", f"{LABEL}: not run")
    parts = []
    if obs.ok:
        parts.append(f"{obs.version_label} {obs.cipher}")
    else:
        parts.append(f"handshake ended: {escape_control(obs.error or obs.kind or '?')}")
    chain = obs.chain_der or chain_der
    if chain:
        names = ", ".join(f"#{i + 1} {_shown_subject(d)}" for i, d in enumerate(chain))
        parts.append(f"{plural(len(chain), 'certificate')} sent in this order: {names}")
    if obs.cert_requested is None:
        parts.append("client certificate request: cannot be seen on this Python")
    elif obs.cert_requested:
        cas = "; ".join(escape_control(n) for n in obs.ca_names) or "none listed"
        parts.append(f"the server asks for a client certificate (acceptable CAs: {cas})")
    else:
        parts.append("no client certificate requested")
    if same_with_and_without_sni:
        parts.append("same certificate with and without SNI")
    data = {"version": obs.version, "cipher": obs.cipher, "chain_source": obs.chain_source,
            "client_cert_requested": obs.cert_requested,
            "acceptable_ca_names": [escape_control(n) for n in obs.ca_names]}
    return Finding("observe", "ok" if obs.ok or chain else "skip",
                   f"{LABEL}: " + "; ".join(parts), obs.elapsed_ms, data=data)


def _shown_subject(der: bytes) -> str:
    from assistant.diagnostics.certinfo import der_subject  # loads cryptography

    return escape_control(der_subject(der))


# --------------------------------------------------------------------------- TLS parsing


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise ValueError("truncated handshake message")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def num(self, n: int) -> int:
        return int.from_bytes(self.take(n), "big")

    def vec(self, n: int) -> bytes:
        return self.take(self.num(n))

    def done(self) -> bool:
        return self.pos >= len(self.data)


def _dn_list(data: bytes) -> list[bytes]:
    r = _Reader(data)
    out = []
    while not r.done():
        out.append(r.vec(2))
    return out


def parse_certificate_request(msg: bytes, version: int) -> list[bytes]:
    """DER-encoded CA names from a CertificateRequest (4-byte handshake header included).

    TLS 1.3 carries them in extension 47; TLS 1.2 after the signature algorithms;
    TLS 1.0/1.1 right after the certificate types.
    """
    try:
        r = _Reader(msg[4:])
        if version >= TLS13:
            r.vec(1)  # certificate_request_context
            ext = _Reader(r.vec(2))
            while not ext.done():
                ext_type, body = ext.num(2), ext.vec(2)
                if ext_type == EXT_CERTIFICATE_AUTHORITIES:
                    return _dn_list(_Reader(body).vec(2))
            return []
        r.vec(1)  # certificate_types
        if version >= TLS12:
            r.vec(2)  # supported_signature_algorithms
        return _dn_list(r.vec(2))
    except ValueError:
        return []


def parse_certificate_message(msg: bytes, version: int) -> list[bytes]:
    """The DER certificates of a server Certificate message, in the order sent."""
    try:
        r = _Reader(msg[4:])
        tls13 = version >= TLS13
        if tls13:
            r.vec(1)
        lst = _Reader(r.vec(3))
        out = []
        while not lst.done():
            out.append(lst.vec(3))
            if tls13:
                lst.vec(2)
        return out
    except ValueError:
        return []


# --------------------------------------------------------------------------- DER names

_OID_NAMES = {
    "2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O",
    "2.5.4.11": "OU", "2.5.4.5": "serialNumber", "0.9.2342.19200300.100.1.25": "DC",
    "1.2.840.113549.1.9.1": "emailAddress", "2.5.4.9": "street", "2.5.4.17": "postalCode",
}


def _oid(data: bytes) -> str:
    first = data[0]
    parts = [first // 40 if first < 80 else 2, first % 40 if first < 80 else first - 80]
    value = 0
    for b in data[1:]:
        value = (value << 7) | (b & 0x7F)
        if not b & 0x80:
            parts.append(value)
            value = 0
    return ".".join(map(str, parts))


def der_name_to_text(der: bytes) -> str:
    """RFC 4514-style text of a DER Name (most specific first, `CN=…, O=…`), for display only."""
    try:
        (tag, body), = der_items(der)
        if tag != 0x30:
            raise ValueError
        rdns = []
        for _set_tag, rdn in der_items(body):
            atoms = []
            for _seq_tag, atv in der_items(rdn):
                (_t1, oid), (vtag, value) = der_items(atv)
                key = _OID_NAMES.get(_oid(oid), _oid(oid))
                enc = "utf-16-be" if vtag == 0x1E else "latin-1" if vtag in (0x14, 0x16) else "utf-8"
                text = value.decode(enc, errors="replace")
                atoms.append(f"{key}={_escape_rdn(untrusted(text))}")
            rdns.append("+".join(atoms))
        return ", ".join(reversed(rdns))  # as STRUST and openssl show it (certinfo.name_str)
    except (ValueError, IndexError):
        return "<unparsable name " + der[:32].hex() + ">"


def _escape_rdn(text: str) -> str:
    out = "".join("\\" + ch if ch in ',+"\\<>;=' else ch for ch in text)
    if out.startswith((" ", "#")):
        out = "\\" + out
    return out
