"""With SNI off, a client certificate goes only to a server whose name was checked first.

Python checks the host name only together with SNI (`server_hostname` sets both), so with
SNI off (`icm/HTTPS/client_sni_enabled = FALSE` in SAP) the name is checked after the
handshake (`sni.check_name_without_sni`) — too late for a client certificate, which goes
out during the handshake. So with SNI off and an identity to present, the verdict takes
two handshakes:

1. one without the identity that verifies the chain as usual; the leaf the server sent is
   checked against the host name. The chain counts as verified when the handshake
   completed, or when we had sent our Finished before the server refused (TLS 1.2 servers
   refuse a missing client certificate only then; OpenSSL sends Finished only after it
   verified the server's chain);
2. only then the verdict handshake with the identity, on a new connection, trusting
   exactly that leaf (VERIFY_X509_PARTIAL_CHAIN): the identity reaches only a server that
   proves it holds the verified leaf's key.

A chain that fails, a name that does not fit, or a leaf that cannot be seen ends the
verdict there: the identity is not sent.
"""

from __future__ import annotations

import socket
import ssl
from typing import TYPE_CHECKING, Any

from assistant.diagnostics.sni import check_name_without_sni
from assistant.diagnostics.tls import TlsResult, Trust, handshake

if TYPE_CHECKING:
    from assistant.diagnostics.checkrun import CheckRun
    from assistant.diagnostics.client_auth import ClientIdentity

HANDSHAKE, CERTIFICATE, FINISHED = 22, 11, 20
HAS_MSG_CALLBACK = hasattr(ssl.SSLContext, "_msg_callback")


class _FlightRecorder:
    """The server's Certificate message and whether we sent our Finished."""

    def __init__(self) -> None:
        self.certificate: tuple[int, bytes] | None = None
        self.finished_sent = False

    def __call__(self, conn: Any, direction: str, version: int, content_type: int,
                 msg_type: int, data: bytes) -> None:
        if content_type != HANDSHAKE:
            return
        if direction == "read" and msg_type == CERTIFICATE and self.certificate is None:
            self.certificate = (int(version), bytes(data))
        elif direction == "write" and msg_type == FINISHED:
            self.finished_sent = True

    def verified_leaf(self) -> bytes | None:
        """The leaf, when our Finished shows OpenSSL had verified the chain it came in."""
        if not self.finished_sent or self.certificate is None:
            return None
        from assistant.diagnostics.observe import parse_certificate_message

        chain = parse_certificate_message(self.certificate[1], self.certificate[0])
        return chain[0] if chain else None


def _verify_context(trust: Trust, identity: ClientIdentity | None = None,
                    pinned_leaf: bytes | None = None) -> ssl.SSLContext:
    """A fresh verdict-style context (never the shared cached one: it may carry a hook or
    an identity). `pinned_leaf`: trust exactly this certificate."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False  # no SNI: the name is checked by us, before the identity goes
    ctx.verify_mode = ssl.CERT_REQUIRED
    if pinned_leaf is not None:
        ctx.load_verify_locations(cadata=pinned_leaf)
    elif trust.system:
        ctx.load_default_certs(ssl.Purpose.SERVER_AUTH)
    else:
        ctx.load_verify_locations(cadata=b"".join(trust.certs_der))
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    if identity is not None:
        identity.apply(ctx)
    return ctx


def name_checked_first(run: CheckRun, sock: socket.socket, identity: ClientIdentity, *,
                       hook: Any = None) -> TlsResult:
    """The verdict handshake with `identity` and SNI off, as the module docstring says.
    `hook`: a message recorder for the second (identity) handshake."""
    host, deadline = run.target.host, run.deadline
    ctx = _verify_context(run.prepared.trust)
    recorder = _FlightRecorder()
    if HAS_MSG_CALLBACK:
        ctx._msg_callback = recorder  # type: ignore[attr-defined]
    first = handshake(sock, ctx, None, deadline)
    if first.sock is not None:
        run.sockets.close(first.sock)
        first.sock = None
    leaf = first.leaf_der if first.ok else (recorder.verified_leaf() if first.kind != "verify" else None)
    if leaf is None:
        return first  # not verified (or not seen): the identity is not sent
    named = TlsResult(True, leaf_der=leaf, version=first.version, cipher=first.cipher,
                      elapsed_ms=first.elapsed_ms)
    check_name_without_sni(named, host, run.sockets)
    if not named.ok:
        return named  # a verify failure (code 62): the identity is not sent
    try:
        stream = run.open_stream(deadline)
    except OSError:
        return first
    pinned = _verify_context(run.prepared.trust, identity, pinned_leaf=leaf)
    if hook is not None and HAS_MSG_CALLBACK:
        pinned._msg_callback = hook  # type: ignore[attr-defined]
    return handshake(stream, pinned, None, deadline)
