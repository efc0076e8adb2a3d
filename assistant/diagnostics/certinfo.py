"""Read the facts an admin needs from one X.509 certificate, without ever crashing.

Certificates come from servers and files we do not control, so every field read is
guarded: a malformed extension or name yields a placeholder, not a traceback. Text stays
raw here (escaping is the display's job, see `assistant.textsafe`).
"""

from __future__ import annotations

import datetime as _dt
import functools
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, SignatureAlgorithmOID

from assistant.diagnostics.model import CertInfo
from assistant.redact import untrusted
from assistant.textsafe import escape_control

_SIG_NAMES = {
    SignatureAlgorithmOID.RSA_WITH_MD5: "md5WithRSAEncryption",
    SignatureAlgorithmOID.RSA_WITH_SHA1: "sha1WithRSAEncryption",
    SignatureAlgorithmOID._RSA_WITH_SHA1: "sha1WithRSA",
    SignatureAlgorithmOID.RSA_WITH_SHA224: "sha224WithRSAEncryption",
    SignatureAlgorithmOID.RSA_WITH_SHA256: "sha256WithRSAEncryption",
    SignatureAlgorithmOID.RSA_WITH_SHA384: "sha384WithRSAEncryption",
    SignatureAlgorithmOID.RSA_WITH_SHA512: "sha512WithRSAEncryption",
    SignatureAlgorithmOID.RSASSA_PSS: "rsassaPss",
    SignatureAlgorithmOID.ECDSA_WITH_SHA1: "ecdsa-with-SHA1",
    SignatureAlgorithmOID.ECDSA_WITH_SHA224: "ecdsa-with-SHA224",
    SignatureAlgorithmOID.ECDSA_WITH_SHA256: "ecdsa-with-SHA256",
    SignatureAlgorithmOID.ECDSA_WITH_SHA384: "ecdsa-with-SHA384",
    SignatureAlgorithmOID.ECDSA_WITH_SHA512: "ecdsa-with-SHA512",
    SignatureAlgorithmOID.DSA_WITH_SHA1: "dsa-with-sha1",
    SignatureAlgorithmOID.DSA_WITH_SHA256: "dsa-with-sha256",
    SignatureAlgorithmOID.ED25519: "Ed25519",
    SignatureAlgorithmOID.ED448: "Ed448",
}

UNREADABLE = "<unreadable>"


def name_str(name_getter: Any) -> str:
    """A Name as STRUST and openssl show it — most specific first, `CN=host, O=Org, C=DE`
    (RFC 4514's order and escaping, with a space after each comma) — or a placeholder
    when the encoding is broken."""
    try:
        name = name_getter() if callable(name_getter) else name_getter
        return untrusted(", ".join(rdn.rfc4514_string() for rdn in reversed(name.rdns)))
    except Exception:  # malformed names come from untrusted input
        return UNREADABLE


def subject_str(cert: x509.Certificate) -> str:
    text = _name_text(cert, False)
    return UNREADABLE if text is None else untrusted(text)


@functools.lru_cache(maxsize=1024)
def _name_text(cert: x509.Certificate, issuer: bool) -> str | None:
    """`name_str`'s text of the subject (or the issuer), before `untrusted` (which depends
    on the check's secrets); None when the encoding is broken. Remembered per certificate
    (they compare and hash by their DER bytes): one check shows the same names a dozen
    times, and building them costs ~0.2 ms each. What reading a name warned about is
    kept by `certwarnings.remember`, so a remembered name loses no note."""
    try:
        name = cert.issuer if issuer else cert.subject
        return ", ".join(rdn.rfc4514_string() for rdn in reversed(name.rdns))
    except Exception:  # malformed names come from untrusted input
        return None


def der_subject(der: bytes) -> str:
    """The subject of a DER certificate as sent by a server (raw text, a placeholder when
    the certificate cannot be parsed)."""
    from assistant.diagnostics.certwarnings import collecting

    with collecting():  # shown by the chain step, which reads the same certificate
        try:
            cert = x509.load_der_x509_certificate(der)
        except ValueError:
            return "<unparsable certificate>"
        return subject_str(cert)


def issuer_str(cert: x509.Certificate) -> str:
    text = _name_text(cert, True)
    return UNREADABLE if text is None else untrusted(text)


def common_names(cert: x509.Certificate) -> list[str]:
    try:
        return [untrusted(str(a.value)) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    except Exception:
        return []


@functools.lru_cache(maxsize=1024)
def extension(cert: x509.Certificate, cls: type[Any]) -> Any:
    """The value of an extension, or None when absent or unparseable. Remembered per
    certificate and extension (~18 look-ups a check, each a scan of the extensions)."""
    try:
        return cert.extensions.get_extension_for_class(cls).value
    except Exception:  # ExtensionNotFound, duplicate/malformed extensions (ValueError)
        return None


@functools.lru_cache(maxsize=256)
def extensions_error(cert: x509.Certificate) -> str | None:
    """Why cryptography cannot read the certificate's extensions (it parses them all at
    once: one malformed extension hides every other), or None when it can."""
    try:
        cert.extensions  # noqa: B018 - parsing is the test
    except Exception as exc:  # ValueError for malformed or duplicate extensions
        return untrusted(escape_control(str(exc))[:160])
    return None


def iso_utc(when: _dt.datetime) -> str:
    return when.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def key_description(cert: x509.Certificate) -> tuple[str, int | None]:
    """("RSA", 2048) / ("EC secp256r1", 256) / ("Ed25519", 256); size None if unknown."""
    try:
        key = cert.public_key()
    except (UnsupportedAlgorithm, ValueError):
        oid = getattr(cert, "public_key_algorithm_oid", None)
        return (f"unsupported ({oid.dotted_string})" if oid else "unsupported", None)
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA", key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"EC {key.curve.name}", key.curve.key_size
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519", 256
    if isinstance(key, ed448.Ed448PublicKey):
        return "Ed448", 456
    if isinstance(key, dsa.DSAPublicKey):
        return "DSA", key.key_size
    return type(key).__name__, None


def key_str(cert: x509.Certificate) -> str:
    kind, size = key_description(cert)
    return f"{kind} {size}" if kind in ("RSA", "DSA") and size else kind


def signature_algorithm(cert: x509.Certificate) -> str:
    try:
        oid = cert.signature_algorithm_oid
    except Exception:
        return UNREADABLE
    return _SIG_NAMES.get(oid) or getattr(oid, "_name", None) or oid.dotted_string


def signature_hash_name(cert: x509.Certificate) -> str | None:
    """"sha1", "md5", "sha256" …; None for Ed25519/Ed448 or unknown algorithms."""
    try:
        h = cert.signature_hash_algorithm
    except (UnsupportedAlgorithm, ValueError):
        name = signature_algorithm(cert).lower()
        for weak in ("md5", "sha1"):
            if weak in name:
                return weak
        return None
    return h.name if h else None


def fingerprint_sha256(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def san_list(cert: x509.Certificate) -> list[str]:
    san = extension(cert, x509.SubjectAlternativeName)
    if san is None:
        return []
    out: list[str] = []
    for g in san:
        if isinstance(g, x509.DNSName):
            out.append(f"DNS:{g.value}")
        elif isinstance(g, x509.IPAddress):
            out.append(f"IP:{g.value}")
        elif isinstance(g, x509.RFC822Name):
            out.append(f"email:{g.value}")
        elif isinstance(g, x509.UniformResourceIdentifier):
            out.append(f"URI:{g.value}")
        elif isinstance(g, x509.DirectoryName):
            out.append(f"DirName:{name_str(g.value)}")
        else:
            out.append(f"othername:{type(g).__name__}")
    return [untrusted(item) for item in out]


def aia_ca_issuers(cert: x509.Certificate) -> list[str]:
    aia = extension(cert, x509.AuthorityInformationAccess)
    if aia is None:
        return []
    return [
        untrusted(str(d.access_location.value))
        for d in aia
        if d.access_method == x509.AuthorityInformationAccessOID.CA_ISSUERS
        and isinstance(d.access_location, x509.UniformResourceIdentifier)
    ]


def eku_allows(cert: x509.Certificate, purpose: x509.ObjectIdentifier) -> bool:
    """Does the extended key usage permit `purpose`? (No EKU extension: any purpose.)"""
    eku = extension(cert, x509.ExtendedKeyUsage)
    if eku is None:
        return True
    usages = list(eku)
    return purpose in usages or ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE in usages


def validity_state(cert: x509.Certificate, now: _dt.datetime) -> tuple[str, int | None]:
    """("valid" | "expired" | "not_yet_valid" | "unknown", days left or since)."""
    try:
        nb, na = cert.not_valid_before_utc, cert.not_valid_after_utc
    except Exception:
        return "unknown", None
    if now < nb:
        return "not_yet_valid", (nb - now).days
    if now > na:
        return "expired", (now - na).days
    return "valid", (na - now).days


def is_ca(cert: x509.Certificate) -> bool:
    bc = extension(cert, x509.BasicConstraints)
    return bool(bc and bc.ca)


@functools.lru_cache(maxsize=512)
def signature_verifies(cert: x509.Certificate, issuer: x509.Certificate) -> bool | None:
    """Does `issuer`'s key verify `cert`'s signature? None when we cannot tell.

    Done with the primitives (not `verify_directly_issued_by`) so SHA-1 and MD5 signed
    certificates — which cryptography's X.509 layer refuses — can still be checked.
    Remembered per pair (certificates compare and hash by their DER bytes): one chain
    analysis asks about the same pair up to seven times, and the endpoints of a batch
    share intermediates and roots.
    """
    try:
        pub = issuer.public_key()
        sig, tbs = cert.signature, cert.tbs_certificate_bytes
        params = cert.signature_algorithm_parameters
        if isinstance(pub, rsa.RSAPublicKey):
            h = cert.signature_hash_algorithm
            if h is None or not isinstance(params, padding.PKCS1v15 | padding.PSS):
                return None
            pub.verify(sig, tbs, params, h)
        elif isinstance(pub, ec.EllipticCurvePublicKey):
            if not isinstance(params, ec.ECDSA):
                return None
            pub.verify(sig, tbs, params)
        elif isinstance(pub, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
            pub.verify(sig, tbs)
        elif isinstance(pub, dsa.DSAPublicKey):
            h = cert.signature_hash_algorithm
            if h is None:
                return None
            pub.verify(sig, tbs, h)
        else:
            return None
    except InvalidSignature:
        return False
    except Exception:  # unsupported algorithm, mismatched key/signature types, bad params
        return None
    return True


def key_ids_compatible(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """False only when both AKI (of cert) and SKI (of issuer) exist and differ."""
    aki = extension(cert, x509.AuthorityKeyIdentifier)
    ski = extension(issuer, x509.SubjectKeyIdentifier)
    if aki is None or ski is None or aki.key_identifier is None:
        return True
    return bool(aki.key_identifier == ski.digest)


def names_equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:
        return False


def is_issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Issuer name matches, key identifiers agree, and the signature does not fail."""
    try:
        if not names_equal(cert.issuer, issuer.subject):
            return False
    except Exception:
        return False
    if not key_ids_compatible(cert, issuer):
        return False
    return signature_verifies(cert, issuer) is not False


@functools.lru_cache(maxsize=1024)
def is_self_signed(cert: x509.Certificate) -> bool:
    """Issuer == subject and (where checkable) the certificate's own key verifies it.
    Remembered per certificate, like `signature_verifies`: a chain analysis asks ~11 times."""
    try:
        if not names_equal(cert.issuer, cert.subject):
            return False
    except Exception:
        return False
    ok = signature_verifies(cert, cert)
    if ok is None:  # cannot verify: fall back on key identifiers
        return key_ids_compatible(cert, cert)
    return ok


def cert_info(cert: x509.Certificate) -> CertInfo:
    """All display fields of one certificate (raw, unescaped text); what reading them
    warned about goes to `warnings` (see `certwarnings`)."""
    from assistant.diagnostics.certwarnings import collecting, remember

    with collecting() as notes:
        info = _read_fields(cert)
    info.extensions_error = extensions_error(cert)  # else "no SAN" would be our misreading
    info.warnings = remember(cert.fingerprint(hashes.SHA256()), notes)
    return info


def _read_fields(cert: x509.Certificate) -> CertInfo:
    try:
        serial = format(cert.serial_number, "X")
    except Exception:
        serial = UNREADABLE
    try:
        not_before = iso_utc(cert.not_valid_before_utc)
        not_after = iso_utc(cert.not_valid_after_utc)
    except Exception:
        not_before = not_after = UNREADABLE
    return CertInfo(
        subject=subject_str(cert),
        issuer=issuer_str(cert),
        serial=serial,
        not_before=not_before,
        not_after=not_after,
        key=key_str(cert),
        signature_algorithm=signature_algorithm(cert),
        fingerprint_sha256=fingerprint_sha256(cert),
        san=san_list(cert),
        is_ca=is_ca(cert),
        self_signed=is_self_signed(cert),
        aia_ca_issuers=aia_ca_issuers(cert),
    )
