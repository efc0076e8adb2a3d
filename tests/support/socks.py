"""A small but working SOCKS5 proxy (RFC 1928, CONNECT with "no authentication" only) for
the tests where a SOCKS port is given as the HTTP proxy. It relays to loopback targets only.

What it does with a first byte that is no SOCKS version (an HTTP client's "CONNECT …"
starts with "C") is chosen: `on_other="close"` closes without a byte, as OpenSSH's dynamic
forwarding does; `"reply"` sends the two-byte "no acceptable method" (05 FF) first.
"""

from __future__ import annotations

import socket
import struct

from tests.support.servers import LoopbackServer

_LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _recv_exact(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        got = conn.recv(n - len(data))
        if not got:
            raise ConnectionError("closed")
        data += got
    return data


def _target(conn: socket.socket) -> tuple[str, int]:
    """The CONNECT request's address (RFC 1928 section 4)."""
    _ver, _cmd, _rsv, atyp = _recv_exact(conn, 4)
    if atyp == 1:
        host = socket.inet_ntoa(_recv_exact(conn, 4))
    elif atyp == 3:
        host = _recv_exact(conn, _recv_exact(conn, 1)[0]).decode("ascii")
    else:
        host = socket.inet_ntop(socket.AF_INET6, _recv_exact(conn, 16))
    return host, struct.unpack("!H", _recv_exact(conn, 2))[0]


def relay(a: socket.socket, b: socket.socket) -> None:
    """Carry bytes both ways until either side closes or 5 s pass without any."""
    import select

    a.setblocking(False)
    b.setblocking(False)
    while True:
        ready, _, _ = select.select([a, b], [], [], 5)
        if not ready:
            return
        for s in ready:
            data = s.recv(65536)
            if not data:
                return
            (b if s is a else a).sendall(data)


def socks5_handler(on_other: str = "close"):  # type: ignore[no-untyped-def]
    """A LoopbackServer handler speaking SOCKS5."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        conn.settimeout(5)
        first = conn.recv(1)
        if first != b"\x05":
            if on_other == "reply":
                conn.sendall(b"\x05\xff")
            return
        methods = _recv_exact(conn, _recv_exact(conn, 1)[0])
        if 0 not in methods:
            conn.sendall(b"\x05\xff")
            return
        conn.sendall(b"\x05\x00")
        host, port = _target(conn)
        if host not in _LOOPBACK:
            conn.sendall(b"\x05\x02\x00\x01" + bytes(6))  # not allowed by ruleset
            return
        with socket.create_connection((host, port), timeout=5) as upstream:
            conn.sendall(b"\x05\x00\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack("!H", 0))
            relay(conn, upstream)
    return handle
