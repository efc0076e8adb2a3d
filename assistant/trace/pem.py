"""Certificates from a level-3 dump: PEM blocks to X.509, deduplicated, leaf first.

At trace level 3 the ICM writes the certificates it "received and checked" (abapGit
issue 6720), so the dump can hold the server's chain plus a certificate from the PSE, in
an order we cannot rely on. The server certificate goes first (the one that is no CA and
issues none of the others); the rest keep the order of the dump.
"""

from __future__ import annotations

import base64
import binascii
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.trace.model import DumpedCert

if TYPE_CHECKING:
    from cryptography import x509

MAX_PEM_LINES = 200  # a certificate of 16 KB DER is far beyond anything real
MAX_CERTS_PER_HANDSHAKE = 12


@dataclass(slots=True)
class PemCollector:
    """The body lines of one PEM block while its thread writes them."""

    start_line: int
    body: list[str] = field(default_factory=list)

    def add(self, text: str) -> bool:
        """Keep one body line; False when the block is too long to be a certificate."""
        if len(self.body) >= MAX_PEM_LINES:
            return False
        self.body.append(text.strip())
        return True

    def finish(self) -> DumpedCert:
        pem = "-----BEGIN CERTIFICATE-----\n" + "\n".join(self.body) + "\n-----END CERTIFICATE-----\n"
        return DumpedCert(pem=pem, line=self.start_line)


@dataclass(slots=True)
class ParsedChain:
    certificates: list[x509.Certificate] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # where each was dumped
    unreadable: int = 0


def parse_dumped(dumped: list[DumpedCert]) -> ParsedChain:
    """Parse the blocks of one handshake; duplicates (same SHA-256) are kept once."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    out = ParsedChain()
    seen: set[bytes] = set()
    for block in dumped[: MAX_CERTS_PER_HANDSHAKE * 2]:
        body = block.pem.split("-----")[2] if block.pem.count("-----") >= 4 else ""
        try:
            der = base64.b64decode("".join(body.split()), validate=True)
            with warnings.catch_warnings():  # old certificates (negative serials) warn
                warnings.simplefilter("ignore")
                cert = x509.load_der_x509_certificate(der)
            fp = cert.fingerprint(hashes.SHA256())
        except (ValueError, binascii.Error):
            out.unreadable += 1
            continue
        if fp in seen:
            continue
        seen.add(fp)
        out.certificates.append(cert)
        out.lines.append(block.line)
        if len(out.certificates) >= MAX_CERTS_PER_HANDSHAKE:
            break
    return _leaf_first(out)


def _leaf_first(chain: ParsedChain) -> ParsedChain:
    from assistant.diagnostics.certinfo import is_ca, is_issued_by

    certs = chain.certificates
    for i, cert in enumerate(certs):
        issues_other = any(j != i and is_issued_by(other, cert) for j, other in enumerate(certs))
        if not is_ca(cert) and not issues_other:
            if i:
                certs.insert(0, certs.pop(i))
                chain.lines.insert(0, chain.lines.pop(i))
            break
    return chain
