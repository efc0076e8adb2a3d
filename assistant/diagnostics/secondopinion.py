"""cryptography's path validation as a second opinion on a chain the trust list accepts.

Its verifier builds paths of at most 8 intermediates unless told otherwise (observed:
nine fail with "chain construction exceeds max depth"). That is a default of the library,
not a rule of X.509 or of the Web PKI — OpenSSL, the TLS step's verifier, went through
the same chain. So the second opinion is asked with room for the whole path, and a path
longer than that default gets a note of its own instead of a disagreement: whether the
SAP system's CommonCryptoLib limits the depth is not known here.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress

from cryptography import x509

from assistant.diagnostics.hostmatch import normalize_host, parse_ip

CRYPTOGRAPHY_DEFAULT_DEPTH = 8  # intermediates its PolicyBuilder allows unless told
MOST_DEPTH = 255  # max_chain_depth is a u8


def second_opinion(
    chain: list[x509.Certificate], trust: list[x509.Certificate], host: str, now: _dt.datetime,
    intermediates: int = 0,
) -> tuple[str | None, str | None]:
    """(lenient error, strict error) from cryptography's verifier; None means it passed.
    `intermediates`: the path's length without leaf and anchor, so its default depth is
    raised to let a long but valid path through."""
    try:
        from cryptography.x509.verification import (
            Criticality,
            DNSName,
            ExtensionPolicy,
            IPAddress,
            PolicyBuilder,
            Store,
        )
    except ImportError:  # pragma: no cover - cryptography < 45
        return None, None
    h = normalize_host(host)
    ip = parse_ip(h)
    subject = IPAddress(ipaddress.ip_address(ip)) if ip is not None else DNSName(h)
    depth = min(MOST_DEPTH, max(CRYPTOGRAPHY_DEFAULT_DEPTH, intermediates))

    def run(lenient: bool) -> str | None:
        try:
            builder = PolicyBuilder().store(Store(trust)).time(now).max_chain_depth(depth)
            if lenient:
                builder = builder.extension_policies(
                    ca_policy=ExtensionPolicy.permit_all().require_present(
                        x509.BasicConstraints, Criticality.AGNOSTIC, None
                    ),
                    ee_policy=ExtensionPolicy.permit_all().require_present(
                        x509.SubjectAlternativeName, Criticality.AGNOSTIC, None
                    ),
                )
            builder.build_server_verifier(subject).verify(chain[0], chain[1:])
        except Exception as exc:  # VerificationError, ValueError on odd input
            return str(exc) or type(exc).__name__
        return None

    lenient = run(True)
    return lenient, (run(False) if lenient is None else lenient)


def long_path_note(intermediates: int) -> str:
    """A sentence for a trusted path longer than cryptography's default depth, "" otherwise."""
    if intermediates <= CRYPTOGRAPHY_DEFAULT_DEPTH:
        return ""
    return (f". The path is long: {intermediates} intermediate CAs (most servers have one or two) — more "
            f"than the {CRYPTOGRAPHY_DEFAULT_DEPTH} that cryptography's verifier builds by default, a "
            "limit of that library, not a rule of X.509 and no fault of the chain; whether the "
            "SAP system's CommonCryptoLib limits the depth is not known to sapassist, the SM59 "
            "connection test shows it")
