"""The trust list and the issuer path through a server's chain, as an SSL client PSE sees them.

A PSE trusts any certificate it holds (also a lone intermediate), never fetches a missing
issuer (no AIA), and takes over at the first certificate of the path that it holds or
that one of its certificates issued. `build_path` follows the chain that way;
`sent_path` follows only what the server sent, for the order check.
"""

from __future__ import annotations

import functools
import os
import ssl
import warnings
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from assistant.diagnostics.certinfo import is_issued_by, is_self_signed

# --------------------------------------------------------------------------- trust store


def _load_der_or_pem_blob(data: bytes) -> list[x509.Certificate]:
    with warnings.catch_warnings():  # old store entries (negative serials) warn on load
        warnings.simplefilter("ignore")
        try:
            if b"-----BEGIN" in data:
                return list(x509.load_pem_x509_certificates(data))
            return [x509.load_der_x509_certificate(data)]
        except ValueError:
            return []


@functools.lru_cache(maxsize=1)
def _system_trust_cached() -> tuple[x509.Certificate, ...]:
    certs: list[x509.Certificate] = []
    seen: set[bytes] = set()

    def add(items: list[x509.Certificate]) -> None:
        for c in items:
            fp = c.fingerprint(hashes.SHA256())
            if fp not in seen:
                seen.add(fp)
                certs.append(c)

    def add_file(path: str) -> None:
        from assistant.diagnostics.certfiles import MAX_FILE_BYTES
        from assistant.safefile import FileReadError, read_bounded

        try:
            add(_load_der_or_pem_blob(read_bounded(path, MAX_FILE_BYTES, "trust store file")))
        except FileReadError:
            pass

    # Read the store files directly: cheaper than building an SSLContext (~20 ms).
    paths = ssl.get_default_verify_paths()
    for f in (paths.cafile, paths.openssl_cafile):
        if f and os.path.isfile(f):
            add_file(f)
    capath = paths.capath or paths.openssl_capath
    if not certs and capath and os.path.isdir(capath):
        for entry in sorted(os.listdir(capath)):
            if os.path.isfile(os.path.join(capath, entry)):
                add_file(os.path.join(capath, entry))
    if not certs:  # e.g. Windows: the store lives in the OS, not in files
        try:
            for der in ssl.create_default_context().get_ca_certs(binary_form=True):
                add(_load_der_or_pem_blob(bytes(der)))
        except (ssl.SSLError, OSError, TypeError):
            pass
    return tuple(certs)


def system_trust() -> list[x509.Certificate]:
    """The system's CA certificates (empty list when the store is empty or unreadable)."""
    return list(_system_trust_cached())


@functools.lru_cache(maxsize=1024)
def fingerprint(cert: x509.Certificate) -> bytes:
    """SHA-256 of the DER, remembered per certificate: one chain analysis asks ~30 times."""
    return cert.fingerprint(hashes.SHA256())


class TrustIndex:
    """Trust list indexed by fingerprint and subject, for quick issuer lookup."""

    def __init__(self, certs: list[x509.Certificate]) -> None:
        self.certs = certs
        self.fps = {fingerprint(c) for c in certs}
        self.by_subject: dict[bytes, list[x509.Certificate]] = {}
        for c in certs:
            try:
                self.by_subject.setdefault(c.subject.public_bytes(), []).append(c)
            except Exception:
                continue

    def contains(self, cert: x509.Certificate) -> bool:
        return fingerprint(cert) in self.fps

    def issuer_of(self, cert: x509.Certificate) -> x509.Certificate | None:
        try:
            candidates = self.by_subject.get(cert.issuer.public_bytes(), [])
        except Exception:
            return None
        return next((c for c in candidates if is_issued_by(cert, c)), None)


# --------------------------------------------------------------------------- path building

End = Literal["trusted", "self_signed", "missing_issuer"]


@dataclass(slots=True)
class IssuerPath:
    certs: list[x509.Certificate]  # from the sent chain, leaf first
    anchor: x509.Certificate | None  # the trust-list certificate that ends the path
    end: End


def build_path(chain: list[x509.Certificate], trust: TrustIndex) -> IssuerPath:
    """Follow issuers from the leaf, through what was sent, until the trust list takes over
    — at the first certificate it holds or that one of its certificates issued, as a PSE does."""
    path = [chain[0]]
    used = {fingerprint(chain[0])}
    while True:
        cur = path[-1]
        if trust.contains(cur):
            return IssuerPath(path, cur, "trusted")
        anchor = trust.issuer_of(cur)
        if anchor is not None:
            return IssuerPath(path, anchor, "trusted")
        if is_self_signed(cur):
            return IssuerPath(path, None, "self_signed")
        nxt = next((c for c in chain if fingerprint(c) not in used and is_issued_by(cur, c)), None)
        if nxt is None:
            return IssuerPath(path, None, "missing_issuer")
        path.append(nxt)
        used.add(fingerprint(nxt))


def sent_path(chain: list[x509.Certificate]) -> list[x509.Certificate]:
    """Follow issuers through the sent chain only (ignoring trust), for the order check."""
    path = [chain[0]]
    used = {fingerprint(chain[0])}
    while not is_self_signed(path[-1]):
        nxt = next((c for c in chain if fingerprint(c) not in used and is_issued_by(path[-1], c)), None)
        if nxt is None:
            break
        path.append(nxt)
        used.add(fingerprint(nxt))
    return path
