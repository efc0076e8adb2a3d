"""The server's keys that few clients take: a certificate with a DSA, Ed25519 or Ed448 key,
and a Diffie-Hellman group too small for a current client.

Each works in some TLS stack and fails in another, so the check says what it is and what
works everywhere, never which SCLNT_HTTP message the SAP system shows: that depends on
its CommonCryptoLib version and `ssl/client_ciphersuites`, which no source here ties to
these keys. Facts used: DSA signs only the DHE-DSS suites of TLS 1.2 — TLS 1.3 has no DSA
signature scheme (RFC 8446 4.2.3); the CA/Browser Forum's Baseline Requirements (6.1.5)
allow only RSA and ECDSA keys in public certificates, so an EdDSA certificate is always
from a private CA. An RSA key above 8192 bits is refused by Go's crypto/tls since Go 1.20.7
and 1.21 (CVE-2023-29409: large keys cost the verifier CPU time; the Go team found no such key
in public use), and OpenSSL takes RSA moduli up to 16384 bits (`OPENSSL_RSA_MAX_MODULUS_BITS`
in openssl/rsa.h); no source here gives CommonCryptoLib's upper limit.
"""

from __future__ import annotations

from cryptography import x509

from assistant.diagnostics.certinfo import key_description, subject_str
from assistant.diagnostics.model import Finding

SERVER_KEY_EXCHANGE = 12
LARGEST_USUAL_RSA_BITS = 8192  # Go's crypto/tls refuses larger ones (CVE-2023-29409)
OPENSSL_MAX_RSA_BITS = 16384  # OPENSSL_RSA_MAX_MODULUS_BITS
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


_KEY_NEXT_STEP = ("run the SM59 connection test of the destination: it shows whether the SAP system "
                  "takes this server key. The lasting fix is the server owner's: a certificate with an "
                  "RSA key of 2048 to 4096 bits or an ECDSA P-256 key, which every client takes.")


def leaf_key_finding(leaf: x509.Certificate) -> Finding | None:
    """A warning for a server certificate whose key type few TLS clients accept."""
    kind, size = key_description(leaf)
    subject = subject_str(leaf)
    if kind == "RSA" and size is not None and size > LARGEST_USUAL_RSA_BITS:
        return _large_rsa_finding(subject, size)
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
                   "client.", data={"certificate": subject, "key": kind, "next_step": _KEY_NEXT_STEP})


def _large_rsa_finding(subject: str, bits: int) -> Finding:
    """An RSA key past 8192 bits works here but is a key some clients refuse by size: say
    what is known of the limits and that the SAP side's is not known, never "ok" in silence."""
    openssl = ("OpenSSL refuses it too: it takes RSA keys up to" if bits > OPENSSL_MAX_RSA_BITS
               else "OpenSSL takes RSA keys up to")
    return Finding(
        "chain", "warn",
        f"The server certificate {subject} has an unusually large RSA key of {bits:,} bits. "
        "Server certificates usually have 2048 to 4096 bits; some clients refuse keys above "
        f"{LARGEST_USUAL_RSA_BITS:,} bits (Go's TLS client does since Go 1.19.12 and 1.20.7, "
        f"CVE-2023-29409), and {openssl} {OPENSSL_MAX_RSA_BITS:,} bits. The largest RSA key the SAP system's CommonCryptoLib accepts is not "
        "known to sapassist — the SM59 connection test shows whether it takes this one; a "
        "certificate with an RSA 2048–4096 or ECDSA P-256 key works with every client.",
        data={"certificate": subject, "key": "RSA", "key_bits": bits, "next_step": _KEY_NEXT_STEP})
