"""Step 4: the TLS handshake "as SAP would", and the version probe after a mismatch.

The verdict context mirrors an SSL client PSE: the trust list is `ca_file` (or the
system store) with VERIFY_X509_PARTIAL_CHAIN, because a PSE trusts any certificate it
holds, also a lone intermediate. The probe context (`@SECLEVEL=0`, one version at a
time) only tells which versions the server speaks; it never decides the verdict.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import ssl
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.diagnostics.deadline import Deadline, DeadlineExceeded
from assistant.diagnostics.model import CheckSetupError
from assistant.diagnostics.tcpinfo import TcpReading, received_since, tcp_reading

if TYPE_CHECKING:
    from assistant.diagnostics.client_auth import ClientIdentity

NO_TLS_REASONS = frozenset({
    "WRONG_VERSION_NUMBER", "HTTP_REQUEST", "HTTPS_PROXY_REQUEST", "PACKET_LENGTH_TOO_LONG",
    "UNKNOWN_PROTOCOL", "RECORD_LENGTH_MISMATCH", "WRONG_SSL_VERSION", "BAD_PACKET_LENGTH",
})
MISMATCH_REASONS = frozenset({
    "TLSV1_ALERT_PROTOCOL_VERSION", "UNSUPPORTED_PROTOCOL", "NO_PROTOCOLS_AVAILABLE",
    "NO_SHARED_CIPHER", "NO_CIPHERS_AVAILABLE", "NO_SUITABLE_SIGNATURE_ALGORITHM",
    "TLSV1_ALERT_INSUFFICIENT_SECURITY", "DH_KEY_TOO_SMALL", "VERSION_TOO_LOW",
    "UNSAFE_LEGACY_RENEGOTIATION_DISABLED", "NO_SHARED_SIGNATURE_ALGORITHMS",
    "SSLV3_ALERT_ILLEGAL_PARAMETER", "TLSV1_ALERT_INAPPROPRIATE_FALLBACK",
})
CLIENT_CERT_REASONS = frozenset({
    "TLSV13_ALERT_CERTIFICATE_REQUIRED", "SSLV3_ALERT_BAD_CERTIFICATE",
    "TLSV1_ALERT_UNKNOWN_CA", "SSLV3_ALERT_CERTIFICATE_UNKNOWN", "TLSV1_ALERT_ACCESS_DENIED",
    "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE", "SSLV3_ALERT_CERTIFICATE_EXPIRED",
})
HANDSHAKE_FAILURE = "SSLV3_ALERT_HANDSHAKE_FAILURE"  # version/cipher or a missing client cert
# RFC 7301 alert 120: the server wants an application protocol (ALPN) the client did not
# offer. OpenSSL names it; Python 3.11's table does not, so the message is read too.
NO_APPLICATION_PROTOCOL = "TLSV1_ALERT_NO_APPLICATION_PROTOCOL"

VERSION_NAMES = {"TLSv1": "TLS 1.0", "TLSv1.1": "TLS 1.1", "TLSv1.2": "TLS 1.2",
                 "TLSv1.3": "TLS 1.3", "SSLv3": "SSL 3.0"}


class TrustError(CheckSetupError):
    """The trust list (`ca_file`) cannot be used; the message is meant for the user."""


@dataclass(frozen=True, slots=True)
class Trust:
    """The trust list: certificates from `ca_file` (DER), or the system store when empty."""

    source: str  # file path or "system"
    certs_der: tuple[bytes, ...] = ()

    @property
    def system(self) -> bool:
        return not self.certs_der

    @property
    def key(self) -> str:
        return "system" if self.system else hashlib.sha256(b"".join(self.certs_der)).hexdigest()


SYSTEM_TRUST = Trust("system")


_TRUST_CACHE: dict[tuple[str, int, int, int, int], Trust] = {}
_TRUST_CACHE_LIMIT = 16
_TRUST_LOCK = threading.Lock()


def load_trust(path: str | None, password: str | None = None) -> Trust:
    """Read the trust list as STRUST or a CA exports it: PEM bundle, DER, PKCS#7, PKCS#12.

    Every certificate in the file becomes an anchor, like the certificate list of an SSL
    client PSE. `password` opens a PKCS#12 file; it never appears in a message.

    A file without a password is read once per process while it stays the same file
    (device, inode, size and modification time): `check --file` with one CA file for
    200 endpoints parsed it 200 times (~2 ms each). A file that changes is read again;
    one that fails is never cached, so its error comes every time.
    """
    if not path:
        return SYSTEM_TRUST
    key = _trust_key(path) if password is None else None
    if key is not None:
        with _TRUST_LOCK:
            cached = _TRUST_CACHE.get(key)
        if cached is not None:
            return cached
    trust = _read_trust(path, password)
    if key is not None and key == _trust_key(path):  # unchanged while it was read
        with _TRUST_LOCK:
            if len(_TRUST_CACHE) >= _TRUST_CACHE_LIMIT:
                _TRUST_CACHE.pop(next(iter(_TRUST_CACHE)))
            _TRUST_CACHE[key] = trust
    return trust


def _trust_key(path: str) -> tuple[str, int, int, int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None  # the reader names the problem
    return (os.path.abspath(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _read_trust(path: str, password: str | None) -> Trust:
    from assistant.diagnostics.certfiles import CertFileError, load_cert_file

    try:
        loaded = load_cert_file(path, password.encode() if password is not None else None)
    except CertFileError as exc:
        raise TrustError("{ca_file}: {error}", error=exc.with_password_hint(password is not None)) from None
    if loaded.unreadable:
        raise TrustError(
            "{ca_file} {path}: {count} certificate block(s) cannot be parsed; "
            "fix or re-export the file so the trust list is complete",
            path=path, count=loaded.unreadable,
        )
    trust = Trust(path, tuple(c.public_bytes(_der_encoding()) for c in loaded.certificates))
    try:
        verify_context(trust)  # OpenSSL takes every certificate, or says which it cannot;
    except ssl.SSLError as exc:  # the context is the one a check with SNI then shares
        raise TrustError("{ca_file} {path}: a certificate cannot be used ({reason})",
                         path=path, reason=exc.reason) from exc
    return trust


def _der_encoding() -> Any:
    """`serialization.Encoding.DER`. The enum is defined in a module `cryptography.x509`
    has loaded already; the `serialization` package around it also loads the SSH key
    format and the ciphers (~10 ms of a fresh `check --json`), which a trust list never
    needs. The package is the fallback should the module move."""
    try:
        from cryptography.hazmat.primitives._serialization import Encoding
    except ImportError:  # pragma: no cover - another cryptography layout
        from cryptography.hazmat.primitives.serialization import Encoding
    return Encoding.DER


def _cadata(trust: Trust) -> bytes:
    return b"".join(trust.certs_der)


_CTX_CACHE: dict[tuple[str, bool], ssl.SSLContext] = {}
_CTX_LOCK = threading.Lock()
HAS_MSG_CALLBACK = hasattr(ssl.SSLContext, "_msg_callback")
MessageHook = Callable[[Any, str, int, int, int, bytes], None]
_RECORDING = threading.local()


def _dispatch(conn: Any, direction: str, version: int, content_type: int, msg_type: int,
              data: bytes) -> None:
    """The `_msg_callback` of the shared observation context: each message goes to the hook the
    current thread set with `recording`. OpenSSL calls it inside the handshake or read
    that received the message, in the thread that called it, so connections in other
    threads never reach this thread's hook."""
    hook = getattr(_RECORDING, "hook", None)
    if hook is not None:
        hook(conn, direction, version, content_type, msg_type, data)


def _set_message_hook(ctx: ssl.SSLContext, hook: MessageHook) -> None:
    """Set `hook` as the context's message callback, taking the numbers as plain ints.

    `ssl.SSLContext._msg_callback` wraps a hook in a function that turns version,
    content type and message type into enums — three enum look-ups for each of the ~20
    messages of a handshake, ~1 ms of every check. The C attribute underneath takes the
    hook as it is; `observe.Recorder` compares plain numbers. Where that attribute is
    not there, the wrapped one is used.
    """
    raw = getattr(super(ssl.SSLContext, ssl.SSLContext), "_msg_callback", None)
    if raw is not None and hasattr(raw, "__set__"):
        setattr(hook, "user_function", hook)  # what reading `ctx._msg_callback` returns  # noqa: B010
        raw.__set__(ctx, hook)
    else:
        ctx._msg_callback = hook  # type: ignore[attr-defined]


@contextlib.contextmanager
def recording(hook: MessageHook) -> Iterator[None]:
    """Hand the handshake messages this thread sees on a shared context to `hook` (the
    contexts are shared, so the hook cannot be set on the context itself)."""
    previous = getattr(_RECORDING, "hook", None)
    _RECORDING.hook = hook
    try:
        yield
    finally:
        _RECORDING.hook = previous


def verify_context(
    trust: Trust, identity: ClientIdentity | None = None, *, check_hostname: bool = True
) -> ssl.SSLContext:
    """The verdict context. Contexts without a client identity are cached and shared."""
    key = (trust.key, check_hostname)
    if identity is None:
        with _CTX_LOCK:
            cached = _CTX_CACHE.get(key)
        if cached is not None:
            return cached
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = check_hostname
    ctx.verify_mode = ssl.CERT_REQUIRED
    if trust.system:
        ctx.load_default_certs(ssl.Purpose.SERVER_AUTH)
    else:
        ctx.load_verify_locations(cadata=_cadata(trust))
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    # A TLS 1.3 server may ask for a client certificate after the handshake, for one path
    # (RFC 8446 4.6.2) — only of a client that offers it; offering it lets the check see
    # such a late request (`latecert`). The messages go to the thread's `recording` hook.
    ctx.post_handshake_auth = True
    if identity is not None:
        identity.apply(ctx)
        return ctx
    if HAS_MSG_CALLBACK:
        _set_message_hook(ctx, _dispatch)
    with _CTX_LOCK:
        return _CTX_CACHE.setdefault(key, ctx)


_WARN_LOCK = threading.Lock()


_PROBE_CACHE: dict[ssl.TLSVersion | None, ssl.SSLContext] = {}


def unverified_probe_context(version: ssl.TLSVersion | None = None) -> ssl.SSLContext:
    """Unverified, everything allowed (`@SECLEVEL=0`): for observing and probing only.

    Its users, each a handshake and nothing after it (no request, no client certificate):
    observe.py (the labelled observation of the server's messages), the single-version
    probes below, proxytls.py (the proxy's own TLS), plainanswer.py (one ClientHello to a
    port that answered in plaintext, its answer read). Everything that sends a request or
    an identity uses a verifying context (`verify_context`).

    Without `version` it speaks everything OpenSSL can (MINIMUM_SUPPORTED, no warning);
    with one, exactly that version (TLS 1.0/1.1 raise a DeprecationWarning we silence).
    One context per version, shared like the verdict contexts (creating one cost ~0.7 ms
    of each of a check's three unverified handshakes): it never carries a client
    identity. The observation's context (no `version`) hands the handshake messages to
    the hook the thread set with `recording`; the others have no message hook, which
    costs ~50 µs of Python per message.
    """
    with _CTX_LOCK:
        cached = _PROBE_CACHE.get(version)
    if cached is not None:
        return cached
    ctx = _new_probe_context(version)
    if version is None and HAS_MSG_CALLBACK:
        _set_message_hook(ctx, _dispatch)
    with _CTX_LOCK:
        return _PROBE_CACHE.setdefault(version, ctx)


def _new_probe_context(version: ssl.TLSVersion | None) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        ctx.set_ciphers("ALL:@SECLEVEL=0")
    except ssl.SSLError:
        pass
    try:
        if version is None:
            ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
        else:
            with _WARN_LOCK, warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                ctx.minimum_version = version
                ctx.maximum_version = version
    except (ValueError, ssl.SSLError):
        pass
    return ctx


@dataclass(slots=True)
class TlsResult:
    ok: bool
    sock: ssl.SSLSocket | None = None
    server_hostname: str | None = None  # what was sent as SNI (None: no SNI)
    version: str | None = None
    cipher: str | None = None
    kind: str | None = None  # verify | no_tls | mismatch | client_cert | handshake_failure | timeout | closed | other
    reason: str | None = None  # OpenSSL reason, e.g. WRONG_VERSION_NUMBER
    verify_code: int | None = None
    verify_message: str | None = None
    error: str | None = None
    elapsed_ms: float = 0.0
    leaf_der: bytes | None = None
    data: dict[str, object] = field(default_factory=dict)
    received: TcpReading | None = None  # after a timeout: what the server sent meanwhile

    @property
    def version_label(self) -> str:
        return VERSION_NAMES.get(self.version or "", self.version or "?")


def classify(exc: BaseException) -> tuple[str, str | None]:
    """(kind, OpenSSL reason) for an exception raised during a handshake or first read."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "verify", exc.reason
    if isinstance(exc, TimeoutError | DeadlineExceeded):
        return "timeout", None
    if isinstance(exc, ssl.SSLEOFError | ssl.SSLZeroReturnError):
        return "closed", getattr(exc, "reason", None)
    if isinstance(exc, ssl.SSLError):
        reason = exc.reason or ""
        if not reason and "alert no application protocol" in str(exc).lower():
            reason = NO_APPLICATION_PROTOCOL
        if reason in NO_TLS_REASONS:
            return "no_tls", reason
        if reason in CLIENT_CERT_REASONS:
            return "client_cert", reason
        if reason == HANDSHAKE_FAILURE:
            return "handshake_failure", reason
        if reason in MISMATCH_REASONS:
            return "mismatch", reason
        if reason == "UNEXPECTED_EOF_WHILE_READING":
            return "closed", reason
        return "other", reason or None
    if isinstance(exc, ConnectionResetError | ConnectionAbortedError | BrokenPipeError | EOFError):
        return "closed", type(exc).__name__
    return "other", type(exc).__name__


def error_text(exc: BaseException) -> str:
    """A handshake error for people: verify message and code, no `(_ssl.c:NNN)` noise."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"{exc.verify_message} (X509 verify code {exc.verify_code})"
    if isinstance(exc, TimeoutError | DeadlineExceeded):
        return "no answer during the handshake (timed out)"
    text = str(exc) or type(exc).__name__
    return re.sub(r"\s*\(_ssl\.c:\d+\)", "", text)


def handshake(
    sock: socket.socket, ctx: ssl.SSLContext, server_hostname: str | None, deadline: Deadline
) -> TlsResult:
    """Wrap `sock` and complete the handshake (the socket belongs to the result afterwards).

    On failure the connection is closed and released from the check's open sockets.
    """
    start = time.monotonic()
    result = TlsResult(False, server_hostname=server_hostname)
    fd = sock.fileno()  # the TLS socket takes the descriptor over; a failed one closes it
    before = tcp_reading(sock)
    try:
        sock.settimeout(deadline.timeout())
        ssock = ctx.wrap_socket(sock, server_hostname=server_hostname, do_handshake_on_connect=False)
        _complete_handshake(ssock, result, before)
    except (OSError, ValueError) as exc:
        sock.close()
        deadline.sockets.release(fd)
        result.kind, result.reason = classify(exc)
        result.error = error_text(exc)
        if isinstance(exc, ssl.SSLCertVerificationError):
            result.verify_code, result.verify_message = exc.verify_code, exc.verify_message
    else:
        result.ok, result.sock = True, ssock
        result.version = ssock.version()
        cipher = ssock.cipher()
        result.cipher = cipher[0] if cipher else None
        result.leaf_der = ssock.getpeercert(binary_form=True)
    result.elapsed_ms = (time.monotonic() - start) * 1000.0
    return result


def _complete_handshake(ssock: ssl.SSLSocket, result: TlsResult, before: TcpReading | None) -> None:
    """The handshake on `ssock`; when it times out, what the server sent meanwhile goes to
    `result.received` (see `tcpinfo`) before the socket is closed and the error raised."""
    try:
        ssock.do_handshake()
    except (OSError, ValueError) as exc:
        if isinstance(exc, TimeoutError | DeadlineExceeded):
            result.received = received_since(before, ssock)
        ssock.close()
        raise


def sni_name(host: str, use_sni: bool) -> str | None:
    """SNI carries names only; for an IP literal nothing is sent either way. An absolute
    name's final dot (`erp.example.com.`) is left out: RFC 6066 section 3 sends the name
    without it, as browsers and curl do. Python's ssl module passes the name on as given
    and checks the certificate against that same string, so one name serves both."""
    from assistant.diagnostics.target import is_ip_literal, tls_name

    return tls_name(host) if use_sni and not is_ip_literal(host) else None


# --------------------------------------------------------------------------- version probe

PROBE_VERSIONS: tuple[tuple[str, ssl.TLSVersion], ...] = (
    ("TLS 1.0", ssl.TLSVersion.TLSv1),
    ("TLS 1.1", ssl.TLSVersion.TLSv1_1),
    ("TLS 1.2", ssl.TLSVersion.TLSv1_2),
    ("TLS 1.3", ssl.TLSVersion.TLSv1_3),
)


def probe_versions(
    open_stream: Callable[[Deadline], socket.socket],
    server_hostname: str | None,
    deadline: Deadline,
    *,
    cap_s: float = 2.0,
) -> dict[str, str]:
    """Which TLS versions the server accepts: label → accepted | refused | unknown (why)."""
    out: dict[str, str] = {}
    for label, version in PROBE_VERSIONS:
        res = _handshake_at(open_stream, server_hostname, deadline, version, cap_s)
        if isinstance(res, str):
            out[label] = f"unknown ({res})"
        elif res.ok:
            out[label] = "accepted"
        elif res.kind in ("mismatch", "handshake_failure", "closed", "other", "no_tls"):
            out[label] = "refused"
        else:
            out[label] = f"unknown ({res.error})"
    return out


def version_verdict(
    open_stream: Callable[[Deadline], socket.socket],
    server_hostname: str | None,
    deadline: Deadline,
    version: ssl.TLSVersion,
    *,
    cap_s: float = 2.0,
) -> str:
    """Does the server take exactly `version`? accepted | refused | unknown (why).

    Stricter than `probe_versions`: "refused" only for the server's own protocol-version
    verdict (an alert or a version error). A closed connection or a handshake failure
    may have other reasons — a client certificate the server wants, a cipher — so it
    stays unknown.
    """
    res = _handshake_at(open_stream, server_hostname, deadline, version, cap_s)
    if isinstance(res, str):
        return f"unknown ({res})"
    if res.ok:
        return "accepted"
    return "refused" if res.kind == "mismatch" else f"unknown ({res.error})"


def _handshake_at(
    open_stream: Callable[[Deadline], socket.socket],
    server_hostname: str | None,
    deadline: Deadline,
    version: ssl.TLSVersion,
    cap_s: float,
) -> TlsResult | str:
    """One unverified handshake at exactly `version` on a fresh connection, closed right
    after it: nothing but the handshake goes over it. A str says why none was made."""
    if deadline.expired():
        return "no time left"
    step = deadline.sub(cap_s)
    try:
        sock = open_stream(step)
    except OSError as exc:
        return error_text(exc)
    res = handshake(sock, unverified_probe_context(version), server_hostname, step)
    if res.ok and res.sock is not None:
        step.sockets.close(res.sock)
        res.sock = None
    return res


def accepted_versions(probe: dict[str, str]) -> list[str]:
    return [label for label, verdict in probe.items() if verdict == "accepted"]
