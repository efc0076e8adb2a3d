"""How many bytes a connection has received, from the kernel's TCP statistics.

A handshake that times out leaves no trace of what the server sent: OpenSSL reads the
socket itself and keeps a partial record to itself. A server that sends its handshake a
byte a second (a tarpit, a throttled or overloaded path) then looks the same as one that
never answers — but it did answer, and the next step differs. Linux counts the bytes a
connection received (`tcpi_bytes_received`, since kernel 4.1) and the time since the last
data arrived (`tcpi_last_data_recv`) in `TCP_INFO`; taken before and after the handshake,
they tell the two apart. Elsewhere (or on an older kernel) the reading is None and the
check says what it said before.
"""

from __future__ import annotations

import socket
import struct
import sys
from typing import NamedTuple

# struct tcp_info (linux/tcp.h): u32 tcpi_last_data_recv at byte 52, u64
# tcpi_bytes_received at byte 128 (after tcpi_bytes_acked, both added in 4.1).
_LAST_DATA_RECV = struct.Struct("=I")
_LAST_DATA_RECV_AT = 52
_BYTES_RECEIVED = struct.Struct("=Q")
_BYTES_RECEIVED_AT = 128
_INFO_SIZE = 256


class TcpReading(NamedTuple):
    """Bytes received on the connection so far, and milliseconds since the last data came."""

    bytes_received: int
    last_data_ms: int


def tcp_reading(sock: socket.socket) -> TcpReading | None:
    """The connection's receive counters now; None where the kernel does not give them."""
    option = getattr(socket, "TCP_INFO", None)
    if option is None or not sys.platform.startswith("linux"):
        return None  # the BSDs have a TCP_INFO too, with another layout
    try:
        raw = sock.getsockopt(socket.IPPROTO_TCP, option, _INFO_SIZE)
    except (OSError, ValueError):
        return None  # not TCP, closed, or another platform's layout
    if len(raw) < _BYTES_RECEIVED_AT + _BYTES_RECEIVED.size:
        return None  # a kernel older than 4.1: no byte counter
    (received,) = _BYTES_RECEIVED.unpack_from(raw, _BYTES_RECEIVED_AT)
    (last,) = _LAST_DATA_RECV.unpack_from(raw, _LAST_DATA_RECV_AT)
    return TcpReading(received, last)


def received_since(before: TcpReading | None, sock: socket.socket) -> TcpReading | None:
    """What arrived on `sock` since `before` (bytes, and ms since the last of them);
    None when either reading is missing."""
    after = tcp_reading(sock)
    if before is None or after is None:
        return None
    return TcpReading(max(0, after.bytes_received - before.bytes_received), after.last_data_ms)
