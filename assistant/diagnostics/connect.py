"""Step 2: open a TCP connection, trying each resolved address until one answers.

Refused (RST) and no answer (timeout) mean different things to the admin: the first is
"nothing listens on that port", the second "a firewall drops the packets".
"""

from __future__ import annotations

import errno
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.diagnostics.cancel import UNTRACKED, OpenSockets
from assistant.diagnostics.deadline import Deadline, DeadlineExceeded
from assistant.diagnostics.model import Finding
from assistant.diagnostics.resolve import Address
from assistant.diagnostics.resources import raise_if_exhausted


@dataclass(slots=True)
class Attempt:
    address: str
    port: int
    ok: bool
    elapsed_ms: float
    kind: str | None = None  # refused | timeout | unreachable | other
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"address": self.address, "port": self.port, "ok": self.ok,
                                  "elapsed_ms": round(self.elapsed_ms, 2)}
        if self.kind:
            out["error_kind"], out["error"] = self.kind, self.error
        return out


@dataclass(slots=True)
class ConnectResult:
    sock: socket.socket | None
    address: Address | None
    attempts: list[Attempt] = field(default_factory=list)
    elapsed_ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.sock is not None

    @property
    def failure_kind(self) -> str | None:
        """refused when every address refused; timeout when any timed out; else the first."""
        if self.ok or not self.attempts:
            return None if self.ok else "timeout"
        kinds = [a.kind for a in self.attempts]
        if all(k == "refused" for k in kinds):
            return "refused"
        if "timeout" in kinds:
            return "timeout"
        return kinds[0]


def _kind(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, TimeoutError | DeadlineExceeded):
        return "timeout"
    if exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL):
        return "unreachable"
    if isinstance(exc, ConnectionResetError | ConnectionAbortedError):
        return "reset"  # accepted, then reset before connect() returned
    return "other"


def connect_one(address: Address, timeout: float, sockets: OpenSockets = UNTRACKED) -> socket.socket:
    """A TCP connection to one address; the socket is closed again when connect fails.

    It is registered in `sockets` before `connect`, so a cancel interrupts even a
    connect to a host that drops the packets.
    """
    family, sockaddr = address
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sockets.track(sock)
        sock.settimeout(timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.connect(sockaddr)
    except BaseException:
        sockets.close(sock)
        raise
    return sock


def connect_any(addresses: list[Address], deadline: Deadline) -> ConnectResult:
    """Connect to the first address that accepts; each later address keeps some time."""
    start = time.monotonic()
    result = ConnectResult(None, None)
    for index, address in enumerate(addresses):
        if deadline.cancelled:
            break
        left = len(addresses) - index

        def shared(left: int = left) -> float:
            # share the time so one black-holed address does not starve the others
            budget = deadline.timeout()
            return budget if left == 1 else max(budget / left, min(budget, 1.0))

        sock, attempt = _attempt(address, shared, deadline)
        result.attempts.append(attempt)
        if sock is not None:
            result.sock, result.address = sock, address
            break
    result.elapsed_ms = (time.monotonic() - start) * 1000.0
    return result


OTHER_ADDRESSES_MAX = 3  # further addresses of the name tried after one answered
OTHER_ADDRESS_CAP_S = 0.5  # per address: a connect only, closed at once


def try_other_addresses(result: ConnectResult, addresses: list[Address], deadline: Deadline) -> None:
    """After one address answered: the name's other addresses of the same family, a TCP
    connect each and nothing sent. A name with several servers (DNS round robin) where one
    is dead fails only when a client picks that one; this machine picked a good one. The
    attempts are added to `result` (the connected socket stays the one in use)."""
    if result.address is None:
        return
    family = result.address[0]
    tried = {(a.address, a.port) for a in result.attempts}
    others = [a for a in addresses if a[0] == family and (str(a[1][0]), int(a[1][1])) not in tried]
    for address in others[:OTHER_ADDRESSES_MAX]:
        if deadline.expired():
            return
        sock, attempt = _attempt(address, lambda: deadline.timeout(OTHER_ADDRESS_CAP_S), deadline)
        if sock is not None:
            deadline.sockets.close(sock)
        result.attempts.append(attempt)


def answering_others(result: ConnectResult, addresses: list[Address]) -> list[Address]:
    """The name's other addresses that accepted a TCP connect (not the one in use)."""
    live = {(a.address, a.port) for a in result.attempts if a.ok}
    return [a for a in addresses if a != result.address and (str(a[1][0]), int(a[1][1])) in live]


def reconnect_after_reset(result: ConnectResult, addresses: list[Address], deadline: Deadline) -> None:
    """Every address reset the connection before our connect() returned: one more connect
    to the first of them. An SAP system's connect is usually done before such a reset
    arrives and meets it on the TLS handshake or the request (see `_reset_finding`); a
    second connect that returns lets those steps run and analyse the cut as the SAP system
    meets it (on every try?). A second reset at connect leaves the result failed."""
    if result.ok or result.failure_kind != "reset" or deadline.expired():
        return
    first = result.attempts[0]
    address = next((a for a in addresses if (str(a[1][0]), int(a[1][1])) == (first.address, first.port)), None)
    if address is None:
        return
    t0 = time.monotonic()
    sock, attempt = _attempt(address, deadline.timeout, deadline)
    result.attempts.append(attempt)
    result.elapsed_ms += (time.monotonic() - t0) * 1000.0
    if sock is not None:
        result.sock, result.address = sock, address


def _attempt(address: Address, timeout: Callable[[], float], deadline: Deadline) -> tuple[socket.socket | None, Attempt]:
    """One timed TCP connect: the socket (None when it failed) and what happened."""
    t0 = time.monotonic()
    host, port = str(address[1][0]), int(address[1][1])
    try:
        sock = connect_one(address, timeout(), deadline.sockets)
    except OSError as exc:
        raise_if_exhausted(exc)
        return None, Attempt(host, port, False, (time.monotonic() - t0) * 1000.0, _kind(exc), _error_text(exc))
    return sock, Attempt(host, port, True, (time.monotonic() - t0) * 1000.0)


def _error_text(exc: OSError) -> str:
    if isinstance(exc, TimeoutError | DeadlineExceeded):
        return "no answer (timed out)"
    name = errno.errorcode.get(exc.errno or 0, "")
    return f"{exc.strerror or exc}" + (f" ({name})" if name else "")


def describe_attempts(result: ConnectResult, *, in_timed_step: bool = True) -> str:
    """Each address tried and how it went. `in_timed_step`: the text is a step's detail,
    shown beside the step's time (chat and CLI): one attempt's time then is that time
    again ("… refused (ECONNREFUSED) (0 ms)   0 ms"), so only several attempts get theirs."""
    timed = len(result.attempts) > 1 or not in_timed_step
    return "; ".join(
        f"{_fmt(a.address)}:{a.port} " + ("connected" if a.ok else f"{a.error}")
        + (f" ({a.elapsed_ms:.0f} ms)" if timed else "")
        for a in result.attempts
    )


def _fmt(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def _dead_sibling(result: ConnectResult) -> Attempt | None:
    """An address of the same family as the one that answered that refused or stayed silent."""
    if result.address is None:
        return None
    v6 = result.address[0] == socket.AF_INET6
    return next((a for a in result.attempts if not a.ok and (":" in a.address) == v6
                 and a.kind in ("refused", "timeout")), None)


def _address_count(result: ConnectResult, dead: Attempt) -> tuple[list[str], int]:
    """The addresses of `dead`'s family that failed the same way, and how many of that
    family were tried: "1 of 2 addresses …" names the share and which ones."""
    v6 = ":" in dead.address
    family = {(a.address, a.port): a for a in result.attempts if (":" in a.address) == v6}
    bad = [f"{_fmt(a.address)}:{a.port}" for a in family.values() if not a.ok and a.kind == dead.kind]
    return bad, len(family)


def _dead_sibling_finding(result: ConnectResult, dead: Attempt, text: str, data: dict[str, object]) -> Finding:
    refused = dead.kind == "refused"
    bad, total = _address_count(result, dead)
    one = len(bad) == 1
    what = ("refuses the connection" if one else "refuse the connection") if refused else (
        "does not answer" if one else "do not answer")
    code, cause = ("SCLNT_HTTP411", "connection_refused") if refused else ("SCLNT_HTTP402", "connect_timeout")
    data["addresses_failed"], data["addresses_tried"] = bad, total
    return Finding(
        "connect", "warn",
        f"{len(bad)} of {total} addresses of the name {what} ({', '.join(bad)}): this machine "
        f"connected through another, but a client that takes {'that one' if one else 'one of them'} "
        f"fails ({code}). Whether the SAP system then tries the next address is not known here — {text}",
        result.elapsed_ms, cause=cause,
        data={**data, "next_step": (f"Ask the DNS or network team why {len(bad)} of the name's {total} "
                                    f"addresses {'refuse the connection' if refused else 'do not answer'} "
                                    f"({', '.join(bad)}): a retired server, or a firewall rule missing for "
                                    "one node. Until then the call fails whenever such an address is used.")})


_RESET_AT_ONCE = (
    "Something at {where} completes the TCP handshake and resets the connection at once, before "
    "a byte is sent: not a port without a listener (that refuses the connection itself, "
    "SCLNT_HTTP411) but a service or device that turns this client away — a firewall or IPS "
    "answering for the port, a load balancer without a healthy back end, a service whose access "
    "list rejects the source address, or one at its connection limit. Check SM59 → destination → "
    "Technical Settings (Target Host, Service No.), then test from the application server's OS "
    "(`curl -v <url>`); if it is reset there too, give the network team and the server's owner "
    "the source addresses, target and port."
)


def connect_finding(result: ConnectResult, *, tls: bool = True, url: str | None = None) -> Finding:
    """The connect step's finding; `tls`: the URL is https:// (what SAP reports for a
    connection reset right after it was set up depends on it); `url`: what to test from
    the application server when nothing answered."""
    data: dict[str, object] = {"attempts": [a.to_json() for a in result.attempts]}
    text = describe_attempts(result)
    if result.ok:
        dead = _dead_sibling(result)
        if dead is not None:
            return _dead_sibling_finding(result, dead, text, data)
        if any(a.kind == "reset" for a in result.attempts):
            text = ("the first connect was reset before it returned, a second one connected "
                    f"(the next steps meet what answers there) — {text}")
        return Finding("connect", "ok", text, result.elapsed_ms, data=data)
    kind = result.failure_kind
    if kind == "reset":
        return _reset_finding(result, text, data, tls=tls)
    if kind == "refused":
        return Finding(
            "connect", "fail",
            f"connection refused: nothing listens on that port (NIECONN_REFUSED) — {text}",
            result.elapsed_ms, cause="connection_refused", sclnt_http="SCLNT_HTTP411", data=data,
        )
    why = ("no answer: a firewall probably drops the packets or the host is down "
           "(SAP reports this as SCLNT_HTTP402 timeout, or SCLNT_HTTP400 connection failed)")
    if kind == "unreachable":
        why = "network unreachable: no route to the host (SCLNT_HTTP400 or 402)"
    elif kind == "other":
        why = "the connection failed (SAP: SCLNT_HTTP400 connection failed, or 402)"
    if kind == "timeout" and url:
        data["next_step"] = _silent_step(result, url)
    return Finding(
        "connect", "fail", f"{why} — {text}", result.elapsed_ms,
        cause="connect_timeout", sclnt_http="SCLNT_HTTP402", data=data,
    )


def _silent_step(result: ConnectResult, url: str) -> str:
    """The knowledge base's first step for a silent port, with the address and URL the
    check tried instead of placeholders."""
    tried = ", ".join(dict.fromkeys(f"{_fmt(a.address)}:{a.port}" for a in result.attempts))
    return (f"Test from the application server's OS: curl -v --connect-timeout 10 {url} — if it "
            "hangs there too, packets are dropped on the way (or the host is down): ask the network "
            f"team to open the path from the application servers to {tried}.")


def _reset_finding(result: ConnectResult, text: str, data: dict[str, object], *, tls: bool) -> Finding:
    """Every address completed the TCP handshake and reset the connection before our
    connect returned. Over a real network a client's connect is done before such a reset
    arrives, so the SAP system meets it on its first read: during the TLS handshake
    (SCLNT_HTTP407, SSSLRC_CONN_CLOSED) or on the request (401). What SAP shows when the
    reset reaches it during its own connect is not known here."""
    first = result.attempts[0] if result.attempts else None
    where = f"{_fmt(first.address)}:{first.port}" if first else "the target"
    seen = ("on the TLS handshake as SCLNT_HTTP407 (SSSLRC_CONN_CLOSED)" if tls
            else "on the request as SCLNT_HTTP401 (connection broken)")
    return Finding(
        "connect", "fail",
        f"the server accepted the TCP connection and reset it at once, before anything was sent; "
        f"an SAP system usually meets this {seen} — {text}",
        result.elapsed_ms, cause="connection_broken", sclnt_http="SCLNT_HTTP407" if tls else "SCLNT_HTTP401",
        data={**data, "next_step": _RESET_AT_ONCE.format(where=where)},
    )
