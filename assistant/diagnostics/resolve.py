"""Step 1: resolve the host name to all its addresses, with a timeout.

`getaddrinfo` has no timeout of its own, so it runs in a daemon thread that we stop
waiting for at the deadline. NXDOMAIN (EAI_NONAME) and a resolver that does not answer
(EAI_AGAIN) are told apart: the first is a wrong name, the second a DNS server problem.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field

from assistant.diagnostics.cancel import POLL_S as CANCEL_POLL_S
from assistant.diagnostics.deadline import Deadline, DeadlineExceeded
from assistant.diagnostics.idnform import with_unicode_form
from assistant.diagnostics.model import Finding
from assistant.diagnostics.resources import raise_if_exhausted
from assistant.diagnostics.target import is_ip_literal

Address = tuple[int, tuple]  # (family, sockaddr)


@dataclass(slots=True)
class ResolveResult:
    host: str
    addresses: list[Address] = field(default_factory=list)
    elapsed_ms: float = 0.0
    error: str | None = None
    kind: str | None = None  # noname | again | timeout | unspecified | other
    unspecified: list[str] = field(default_factory=list)  # 0.0.0.0 / :: answers, never tried
    undotted: list[str] = field(default_factory=list)  # a dotted name not found: the name without the dot's

    @property
    def ok(self) -> bool:
        return bool(self.addresses)

    def address_texts(self) -> list[str]:
        return [str(sa[0]) for _, sa in self.addresses]


def _gai_kind(exc: socket.gaierror) -> str:
    if exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)):
        return "noname"
    if exc.errno == socket.EAI_AGAIN:
        return "again"
    return "other"


def _lookup(host: str, port: int, numeric: bool) -> list[Address]:
    flags = socket.AI_NUMERICHOST if numeric else 0
    infos = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM, socket.IPPROTO_TCP, flags)
    out: list[Address] = []
    seen: set[tuple] = set()
    for family, _type, _proto, _canon, sockaddr in infos:
        if sockaddr not in seen:
            seen.add(sockaddr)
            out.append((family, sockaddr))
    return out


def resolve(host: str, port: int, deadline: Deadline) -> ResolveResult:
    """All TCP addresses of `host` (IP literals pass straight through)."""
    start = time.monotonic()
    result = ResolveResult(host)
    try:
        if is_ip_literal(host):
            result.addresses = _lookup(host, port, numeric=True)
        else:
            result.addresses = _lookup_with_timeout(host, port, deadline)
    except socket.gaierror as exc:
        raise_if_exhausted(exc)
        result.kind = _gai_kind(exc)
        result.error = f"{exc.strerror or exc} (EAI {exc.errno})"
    except (TimeoutError, DeadlineExceeded):
        result.kind = "timeout"
        result.error = "the resolver did not answer in time"
    except (OSError, UnicodeError, RuntimeError) as exc:
        raise_if_exhausted(exc)
        result.kind = "other"
        result.error = str(exc)
    if result.kind == "noname":
        result.undotted = _without_final_dot(host, port, deadline)
    result.elapsed_ms = (time.monotonic() - start) * 1000.0
    set_aside_unspecified(result)
    if not result.addresses and result.error is None:
        result.kind, result.error = "noname", "no address returned"
    return result


def _without_final_dot(host: str, port: int, deadline: Deadline) -> list[str]:
    """The addresses of `host` without its final dot, when it has one and was not found.

    An absolute name (`erp.example.com.`) is looked up exactly as written: a hosts-file
    entry written without the dot, or a short name the DNS search list completes, is not
    found with it. Only said, never used: the check calls what the URL names."""
    bare = host[:-1] if host.endswith(".") else ""
    if not bare or bare.endswith("."):
        return []
    try:
        found = _lookup(bare, port, numeric=True) if is_ip_literal(bare) else _lookup_with_timeout(bare, port, deadline)
    except (OSError, UnicodeError, RuntimeError, DeadlineExceeded):
        return []
    return [str(sa[0]) for _, sa in found]


def set_aside_unspecified(result: ResolveResult) -> None:
    """0.0.0.0 and :: are no host's address: a connect to them reaches the machine that
    connects (here: this one; there: the SAP application server), so they are never tried."""
    kept = [(family, sa) for family, sa in result.addresses if not ipaddress.ip_address(sa[0]).is_unspecified]
    result.unspecified = [str(sa[0]) for _, sa in result.addresses if (_, sa) not in kept]
    result.addresses = kept
    if result.unspecified and not kept:
        result.kind = "unspecified"
        result.error = f"the only answer is {', '.join(result.unspecified)}"


def _lookup_with_timeout(host: str, port: int, deadline: Deadline) -> list[Address]:
    """`getaddrinfo` in a daemon thread: the caller stops waiting at the deadline or on
    cancel, the thread finishes (or not) on its own — the C resolver cannot be interrupted."""
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["value"] = _lookup(host, port, numeric=False)
        except BaseException as exc:  # handed back to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=work, name="sapassist-resolve", daemon=True)
    thread.start()
    # a check that can be cancelled looks at its flag now and then while it waits
    slice_s = CANCEL_POLL_S if deadline.sockets.cancellable else None
    while thread.is_alive():
        thread.join(deadline.timeout(slice_s))  # raises when time is up or on cancel
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def describe_failure(result: ResolveResult) -> str:
    """Why the name did not resolve, in words an admin can act on."""
    why = {
        "noname": "the name does not exist in DNS (EAI_NONAME, NXDOMAIN): check the spelling "
                  "and use the fully qualified name",
        "again": "the DNS server did not answer (EAI_AGAIN, temporary failure): check the "
                 "resolver configuration of the host, not the name",
        "timeout": "the resolver did not answer within the timeout",
    }.get(result.kind or "", "name resolution failed")
    if result.undotted:  # the name exists; its final dot is what is not found
        why = (f"not found with its final dot, which makes it looked up exactly as written; "
               f"without the dot it resolves to {', '.join(result.undotted)}: remove the dot")
    reserved = _reserved_name(result.host)
    if reserved:
        why = f"{why}; names under {reserved} are reserved and never resolve anywhere (RFC 2606)"
    return f"{why} — {result.error}"


# Top-level names RFC 2606 reserves so that they can never be real hosts.
_RESERVED_TLDS = (".invalid", ".test", ".example")


def _reserved_name(host: str) -> str | None:
    """The reserved top-level name `host` ends in (a placeholder left in a URL), or None."""
    lowered = host.lower().rstrip(".")
    return next((tld for tld in _RESERVED_TLDS if lowered.endswith(tld)), None)


# SAP Help, "Configuring SAP Systems for IPv6" (help.sap.com/saphelp_nw73/helpdata/en/46/
# cd5ee2c45365dde10000000a155369/content.htm): IPv6 is active only when the instance starts
# with SAP_IPv6_ACTIVE=1; unset or 0, "network communication through IPv6 is then not possible".
IPV6_ONLY_STEP = (
    "Find out whether the SAP instance speaks IPv6: the environment variable SAP_IPv6_ACTIVE=1 "
    "must be set for the instance at start (SAP Help, Configuring SAP Systems for IPv6). If it "
    "is not, {instead} — or activate IPv6 on all instances of the system."
)


def _ipv6_only_finding(result: ResolveResult, addrs: str) -> Finding:
    """Every address is IPv6: this machine reaches it, an SAP instance without IPv6 cannot."""
    what = "is an IPv6 address" if is_ip_literal(result.host) else f"has IPv6 addresses only ({addrs})"
    return Finding(
        "resolve", "warn",
        f"{result.host} {what}. An SAP system connects over IPv6 only when its instance runs "
        "with SAP_IPv6_ACTIVE=1; without it, network communication through IPv6 is not "
        "possible, so the call cannot reach this host from there (which SCLNT_HTTP message it "
        "then shows is not known here)",
        result.elapsed_ms, cause="dns_failure",
        data={"host": result.host, "addresses": result.address_texts(), "ipv6_only": True,
              "next_step": IPV6_ONLY_STEP.format(instead=(
                  "call the server by an IPv4 address or a name with one" if is_ip_literal(result.host)
                  else "ask the DNS team for an IPv4 (A) record for the name"))},
    )


def _unspecified_finding(result: ResolveResult) -> Finding:
    """The name resolves to 0.0.0.0 (or ::), or the URL names it: no server is there."""
    what = ", ".join(result.unspecified)
    if is_ip_literal(result.host):
        said = f"The URL names {what}"
        step = (f"Put the server's own host name or address in SM59 → destination → Technical Settings "
                f"→ Target Host: {what} is the address a server listens on, not one to call.")
    else:
        said = f"{result.host} resolves to {what} only"
        step = (f"Ask the DNS or security team why {result.host} resolves to {what}: a DNS filter that "
                "blocks the name answers this way, or the record is a placeholder. Check the name "
                f"with nslookup {result.host} on the application server; the call needs the "
                "server's real address.")
    return Finding(
        "resolve", "fail",
        f"{said}: the unspecified address ('this host'; RFC 1122, RFC 4291), which is no server's "
        "address — a connection to it reaches the machine that opens it (the SAP application "
        "server, or this one), so it was not tried",
        result.elapsed_ms, cause="dns_failure",
        data={"host": result.host, "error_kind": "unspecified", "addresses": result.unspecified,
              "next_step": step},
    )


def resolve_finding(result: ResolveResult) -> Finding:
    if result.kind == "unspecified":
        return _unspecified_finding(result)
    if result.ok:
        addrs = ", ".join(result.address_texts())
        if all(family == socket.AF_INET6 for family, _ in result.addresses):
            return _ipv6_only_finding(result, addrs)
        aside = (f" (also {', '.join(result.unspecified)}, not tried: the unspecified address is "
                 "no host's)") if result.unspecified else ""
        return Finding(
            "resolve", "ok", f"{with_unicode_form(result.host)} → {addrs}{aside}", result.elapsed_ms,
            data={"host": result.host, "addresses": result.address_texts(),
                  **({"unspecified": result.unspecified} if result.unspecified else {})},
        )
    if result.undotted:
        return _dotted_name_finding(result)
    return Finding(
        "resolve", "fail", f"{with_unicode_form(result.host)} cannot be resolved: {describe_failure(result)}",
        result.elapsed_ms, cause="dns_failure", sclnt_http="SCLNT_HTTP417",
        data={"host": result.host, "error_kind": result.kind, "error": result.error},
    )


def _dotted_name_finding(result: ResolveResult) -> Finding:
    """A name with a final dot that is not found, while the name without it is."""
    bare, addrs = result.host[:-1], ", ".join(result.undotted)
    why = (f": with a final dot the address {bare} is read as a host name, and no host has that name"
           if is_ip_literal(bare) else
           f", but {bare} — the same name without the final dot — resolves to {addrs}: the final dot "
           "makes it an absolute name, looked up exactly as written, and the resolver here knows "
           "the name only without it (a hosts-file entry, or a short name the DNS search list completes)")
    return Finding(
        "resolve", "fail", f"{result.host} cannot be resolved ({result.error}){why}",
        result.elapsed_ms, cause="dns_failure", sclnt_http="SCLNT_HTTP417",
        data={"host": result.host, "error_kind": result.kind, "error": result.error,
              "without_final_dot": bare, "addresses_without_final_dot": result.undotted,
              "next_step": (f"Remove the final dot: SM59 → destination → Technical Settings → "
                            f"Target Host {bare} (or the URL the program uses), then run the "
                            "Connection Test again. Whether the SAP application server's resolver "
                            "finds the dotted name depends on where it gets the name from (its hosts "
                            "file or DNS) — the name without the dot is the one to use.")},
    )
