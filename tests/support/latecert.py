"""A server that asks for a client certificate only after it has read the request, as IIS
and Apache do for one path: a TLS 1.2 renegotiation with a certificate request, or TLS 1.3
post-handshake authentication.

TLS 1.3: Python's own `verify_client_post_handshake`. TLS 1.2: Python's `ssl` cannot start
a renegotiation, so the server calls OpenSSL's `SSL_renegotiate` on the very `SSL` object
of Python's socket (through ctypes; `SSL *ssl` follows the object header and the weak
reference to the socket in CPython's `PySSLSocket`), with session resumption on
renegotiation off so that the new handshake carries the CertificateRequest. Real OpenSSL
on both ends: the client sees HelloRequest, ServerHello, …, CertificateRequest.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import socket
import ssl
from pathlib import Path

from tests.support.servers import Handler, LoopbackServer, read_request

_SSL_VERIFY_PEER, _SSL_VERIFY_FAIL_IF_NO_PEER_CERT = 0x01, 0x02
_SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION = 1 << 16
FORBIDDEN = (b"HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: 9\r\n"
             b"Connection: close\r\n\r\nForbidden")
OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"


def _libssl() -> ctypes.CDLL | None:
    name = f"libssl.so.{ssl.OPENSSL_VERSION_INFO[0]}" if ssl.OPENSSL_VERSION_INFO[0] >= 3 else None
    try:
        lib = ctypes.CDLL(name or ctypes.util.find_library("ssl") or "libssl.so")
    except OSError:
        return None
    lib.SSL_set_verify.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    lib.SSL_set_options.argtypes = [ctypes.c_void_p, ctypes.c_uint64]
    lib.SSL_set_options.restype = ctypes.c_uint64
    lib.SSL_renegotiate.argtypes = [ctypes.c_void_p]
    lib.SSL_do_handshake.argtypes = [ctypes.c_void_p]
    return lib


LIBSSL = _libssl()


def _ssl_pointer(tls: ssl.SSLSocket) -> int:
    obj = tls._sslobj  # type: ignore[attr-defined]
    pointer = ctypes.c_void_p.from_address(id(obj) + 3 * ctypes.sizeof(ctypes.c_void_p)).value
    assert pointer, "no SSL object"
    return pointer


def _renegotiate_for_certificate(tls: ssl.SSLSocket, *, require: bool) -> None:
    assert LIBSSL is not None
    pointer = _ssl_pointer(tls)
    LIBSSL.SSL_set_options(pointer, _SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION)
    LIBSSL.SSL_set_verify(pointer, _SSL_VERIFY_PEER | (_SSL_VERIFY_FAIL_IF_NO_PEER_CERT if require else 0), None)
    if LIBSSL.SSL_renegotiate(pointer) != 1 or LIBSSL.SSL_do_handshake(pointer) != 1:
        raise ssl.SSLError("the renegotiation did not start")


def late_cert_context(chain: Path | str, key: Path | str, client_ca: Path | str, *, tls13: bool,
                      require: bool) -> ssl.SSLContext:
    """The server's context: no certificate request in the handshake."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(chain), str(key))
    ctx.load_verify_locations(str(client_ca))
    version = ssl.TLSVersion.TLSv1_3 if tls13 else ssl.TLSVersion.TLSv1_2
    ctx.minimum_version = ctx.maximum_version = version
    if tls13:  # the request waits for verify_client_post_handshake
        ctx.post_handshake_auth = True
        ctx.verify_mode = ssl.CERT_REQUIRED if require else ssl.CERT_OPTIONAL
    return ctx


def late_cert_handler(ctx: ssl.SSLContext, *, tls13: bool, require: bool,
                      protected: str = "/secure") -> Handler:
    """Answer `protected` only after asking for a client certificate: 200 with one, 403
    without (an optional request); with `require`, a missing certificate fails the
    renegotiation or the post-handshake exchange with an alert. Other paths: 200."""

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        conn.settimeout(3.0)
        with ctx.wrap_socket(conn, server_side=True) as tls:
            request = read_request(tls)
            if not request.startswith(f"GET {protected} ".encode()):
                tls.sendall(OK)
                return
            try:
                if tls13:
                    tls.verify_client_post_handshake()
                else:
                    _renegotiate_for_certificate(tls, require=require)
                tls.settimeout(0.5)
                with contextlib.suppress(TimeoutError):
                    tls.recv(1)  # drives the new handshake; nothing else is coming
            except (ssl.SSLError, OSError):
                return  # the alert went out (a required certificate was missing or refused)
            tls.sendall(OK if tls.getpeercert(binary_form=True) else FORBIDDEN)
            with contextlib.suppress(OSError):
                tls.unwrap()

    return handle
