"""Read the certificate chain a server sends, for `sapassist cert --issuer-of URL`.

A clearly labelled *unverified* handshake (the network steps' `observe`) over the live
check's own resolve/connect or proxy tunnel: it only shows which certificates the server
sends, it never decides whether they are trusted. Whether the certificates in some files
would make the chain trusted is `would_trust`'s question.
"""

from __future__ import annotations

import datetime as _dt
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography import x509

from assistant.diagnostics.deadline import Deadline
from assistant.diagnostics.target import ProxyTarget, Target, parse_proxy, parse_target, tls_name

if TYPE_CHECKING:
    from assistant.diagnostics.certfiles import LoadedFile
    from assistant.diagnostics.chain import ChainAnalysis


class ServerChainError(Exception):
    """The server's chain cannot be read (bad URL, unreachable, failed handshake); the
    message is meant for the user."""


@dataclass(slots=True)
class ServerChain:
    target: str
    certificates: list[x509.Certificate]
    tls_version: str | None = None
    note: str = "read with an unverified handshake (only to see the certificates the server sends)"


def fetch_server_chain(url: str, *, timeout: float = 5.0, proxy: str | None = None) -> ServerChain:
    """Connect, complete an UNVERIFIED handshake and return the chain as sent (leaf first).

    One deadline covers name resolution, connect (or the proxy tunnel) and the handshake,
    so a silent server or proxy costs `timeout`, not a multiple of it. Raises
    `ServerChainError` with a user-facing message on any failure — a `TargetError` for a
    URL that cannot work, whose message names options by field for the caller to spell.
    """
    target = parse_target(url)
    proxy_target = parse_proxy(proxy) if proxy else None
    if not target.tls:
        raise ServerChainError(f"{url} is not an https:// URL; there is no certificate chain to read")
    deadline = Deadline(timeout)
    where = f"{target.host_for_url}:{target.port}"
    raw = _open_tunnel(proxy_target, target, deadline) if proxy_target else _open_direct(target, deadline)
    ders, version = _handshake_chain(raw, None if target.is_ip else tls_name(target.host), deadline, where)
    from assistant.diagnostics.certwarnings import collecting

    certs: list[x509.Certificate] = []
    with collecting():  # what they warn about shows where they are displayed (cert_info)
        for der in ders:
            try:
                certs.append(x509.load_der_x509_certificate(der))
            except ValueError:
                continue
    if not certs:
        raise ServerChainError(f"{where} sent no readable certificate")
    return ServerChain(str(target), certs, version)


def _handshake_chain(
    raw: socket.socket, sni: str | None, deadline: Deadline, where: str
) -> tuple[list[bytes], str | None]:
    """The chain as sent, read by the network steps' unverified `observe` handshake."""
    from assistant.diagnostics.observe import observe

    obs = observe(raw, sni, deadline)
    raw.close()
    if not obs.ok:
        raise ServerChainError(f"TLS handshake with {where} failed: {obs.error or obs.alert or 'unknown error'}")
    return list(obs.chain_der), obs.version


def _open_direct(target: Target, deadline: Deadline) -> socket.socket:
    """The live check's own resolve and connect steps (each address tried, DNS bounded)."""
    from assistant.diagnostics.connect import connect_any, describe_attempts
    from assistant.diagnostics.resolve import describe_failure, resolve

    where = f"{target.host_for_url}:{target.port}"
    resolved = resolve(target.host, target.port, deadline)
    if not resolved.ok:
        raise ServerChainError(f"cannot connect to {where}: {target.host} cannot be resolved: "
                               f"{describe_failure(resolved)}")
    connected = connect_any(resolved.addresses, deadline)
    if connected.sock is None:
        raise ServerChainError(f"cannot connect to {where}: {describe_attempts(connected, in_timed_step=False)}")
    return connected.sock


def _open_tunnel(proxy: ProxyTarget, target: Target, deadline: Deadline) -> socket.socket:
    from assistant.diagnostics.proxy import open_tunnel, proxy_finding

    result = open_tunnel(proxy, target, None, deadline)
    if result.sock is None:
        raise ServerChainError(f"proxy {proxy}: CONNECT to {target.host_for_url}:{target.port} "
                               f"failed: {proxy_finding(result).detail}")
    sock: socket.socket = result.sock
    return sock


@dataclass(slots=True)
class TrustAnswer:
    """Would a PSE holding (only) the files' certificates trust the server's chain?"""

    found: bool
    analysis: ChainAnalysis
    source: str | None  # the file that holds the anchor


def would_trust(chain: ServerChain, files: list[LoadedFile], now: _dt.datetime) -> TrustAnswer:
    """Analyse the chain with the files' certificates as the whole trust list."""
    from assistant.diagnostics.certinfo import fingerprint_sha256
    from assistant.diagnostics.chain import analyze_chain

    trust = [c for f in files for c in f.certificates]
    host = parse_target(chain.target).host
    analysis = analyze_chain(chain.certificates, host=host, trust=trust, now=now)
    source = None
    if analysis.anchor is not None:
        fp = analysis.anchor.fingerprint_sha256
        source = next(
            (f.path for f in files for c in f.certificates if fingerprint_sha256(c) == fp), None
        )
    return TrustAnswer(analysis.trusted, analysis, source)
