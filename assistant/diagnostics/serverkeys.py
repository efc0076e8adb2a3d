"""The server's keys that few clients take: a certificate with a DSA, Ed25519 or Ed448 key,
and a Diffie-Hellman group too small for a current client.

Each works in some TLS stack and fails in another, so the check says what it is and what
works everywhere, never which SCLNT_HTTP message the SAP system shows: that depends on
its CommonCryptoLib version and `ssl/client_ciphersuites`, which no source here ties to
these keys. Facts used: DSA signs only the DHE-DSS suites of TLS 1.2 — TLS 1.3 has no DSA
signature scheme (RFC 8446 4.2.3); the CA/Browser Forum's Baseline Requirements (6.1.5)
allow only RSA and ECDSA keys in public certificates, so an EdDSA certificate is always
from a private CA.
"""

from __future__ import annotations

from cryptography import x509

from assistant.diagnostics.certinfo import key_description, subject_str
from assistant.diagnostics.model import Finding

SERVER_KEY_EXCHANGE = 12
DH_TOO_SMALL = "DH_KEY_TOO_SMALL"


def dh_group_bits(message: bytes) -> int | None:
    """The size of the DH prime in a TLS 1.2 ServerKeyExchange of a DHE suite (the message
    with its 4-byte header): `opaque dh_p<1..2^16-1>` comes first (RFC 5246 7.4.3)."""
    if len(message) < 6 or message[0] != SERVER_KEY_EXCHANGE:
        return None
    length = int.from_bytes(message[4:6], "big")
    prime = message[6:6 + length]
    if length == 0 or len(prime) != length:
        return None
    return int.from_bytes(prime, "big").bit_length()


def key_exchange_note(reason: str | None, observed_suite: str | None, dh_bits: int | None) -> tuple[str, str]:
    """(what to add to the TLS step's detail, the next step) when the handshake failed on
    the server's key exchange or certificate key rather than on the suites offered; ("", "")
    otherwise. `observed_suite` is what the observation, offering every cipher, agreed on."""
    suite = observed_suite or ""
    if reason == DH_TOO_SMALL or (dh_bits is not None and dh_bits < 2048):
        size = f"{dh_bits} bits" if dh_bits else "too few bits"
        return (f"; the server's Diffie-Hellman group has {size} (DHE), which this machine refuses",
                f"The server's DHE key exchange uses a Diffie-Hellman group of {size}: this machine's "
                "OpenSSL refuses a group that small at its security level, and more clients do with "
                "each update. The lasting fix is the server's: a DH group of at least 2048 bits, or "
                "ECDHE suites (forward-secret, with AES-GCM). Whether the SAP system still accepts "
                "it depends on its CommonCryptoLib version and ssl/client_ciphersuites — the SM59 "
                "connection test shows it.")
    if "-DSS-" in suite:
        return ("; the server's certificate has a DSA key, usable only with DHE-DSS suites",
                "The server's certificate has a DSA key: only the DHE-DSS suites of TLS 1.2 can use "
                "it (TLS 1.3 has no DSA at all), and this check, like most current clients, does not "
                "offer them. The fix is the server's: a certificate with an RSA (at least 2048 "
                "bits) or ECDSA key. Whether the SAP system still offers DSS suites depends on "
                "ssl/client_ciphersuites and its CommonCryptoLib version.")
    return "", ""


def leaf_key_finding(leaf: x509.Certificate) -> Finding | None:
    """A warning for a server certificate whose key type few TLS clients accept."""
    kind, _ = key_description(leaf)
    subject = subject_str(leaf)
    if kind in ("Ed25519", "Ed448"):
        what = (f"an {kind} key: valid, and accepted here, but few TLS clients accept EdDSA server "
                "certificates and no public CA issues them")
    elif kind == "DSA":
        what = ("a DSA key: only the DHE-DSS suites of TLS 1.2 can use it (TLS 1.3 has no DSA), "
                "which most current clients no longer offer")
    else:
        return None
    return Finding("chain", "warn",
                   f"The server certificate {subject} has {what}. Whether the SAP system's "
                   "CommonCryptoLib accepts it depends on its version — the SM59 connection test "
                   "shows it; a certificate with an ECDSA P-256 or RSA 2048 key works with every "
                   "client.", data={"certificate": subject, "key": kind})
