"""Extensions of a sent certificate that a client cannot use: one it cannot parse, one
marked critical that it does not know.

cryptography parses a certificate's extensions all at once: one malformed extension (a
BOOLEAN encoded 0x01 instead of DER's 0xFF, an AIA that is no SEQUENCE) makes every
extension unreadable, so without this module a certificate whose SAN is fine would be
reported as having "no subjectAltName", and an intermediate as having "no basic
constraints". OpenSSL reads the same certificate leniently, so the verified handshake may
well pass: the finding then is a warning that a stricter TLS library may refuse it, with
the extension named. Which extension it is, cryptography's error often does not say:
each extension is parsed alone, in a throwaway certificate, to find it.

An unknown extension marked critical is refused by every RFC 5280 client ("unhandled
critical extension", X509 verify code 34 in OpenSSL): no import into STRUST helps, only a
certificate without it.
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from assistant.diagnostics.certinfo import extensions_error, subject_str
from assistant.diagnostics.der import der_element
from assistant.diagnostics.model import Finding

HTTP_UNTRUSTED = "SCLNT_HTTP421"


@dataclass(frozen=True, slots=True)
class RawExtension:
    """One extension as encoded in the certificate."""

    oid: str  # dotted
    critical: bool
    value: bytes  # the extnValue's contents (DER of the extension's own structure)

    @property
    def name(self) -> str:
        """Its RFC 5280 name (`basicConstraints`), or the dotted OID of an unknown one."""
        return EXTENSION_NAMES.get(self.oid, self.oid)


# The names RFC 5280 (4.2) and its companions give the extensions a TLS server certificate
# carries: our own table, not cryptography's private one (`ObjectIdentifier._name`).
EXTENSION_NAMES = {
    "2.5.29.14": "subjectKeyIdentifier", "2.5.29.15": "keyUsage", "2.5.29.17": "subjectAltName",
    "2.5.29.18": "issuerAltName", "2.5.29.19": "basicConstraints", "2.5.29.30": "nameConstraints",
    "2.5.29.31": "cRLDistributionPoints", "2.5.29.32": "certificatePolicies", "2.5.29.33": "policyMappings",
    "2.5.29.35": "authorityKeyIdentifier", "2.5.29.36": "policyConstraints", "2.5.29.37": "extendedKeyUsage",
    "2.5.29.46": "freshestCRL", "2.5.29.54": "inhibitAnyPolicy", "1.3.6.1.5.5.7.1.1": "authorityInfoAccess",
    "1.3.6.1.5.5.7.1.11": "subjectInfoAccess", "1.3.6.1.5.5.7.1.24": "TLSFeature",
    "1.3.6.1.4.1.11129.2.4.2": "signedCertificateTimestampList",
}


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    out = []
    while start < end:
        tag, begin, stop = der_element(data, start)
        out.append((tag, begin, stop))
        start = stop
    return out


def _decode_oid(body: bytes) -> str:
    arcs, value = [], 0
    for byte in body:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(value)
            value = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(str(a) for a in (first, arcs[0] - 40 * first, *arcs[1:]))


def raw_extensions(cert: x509.Certificate) -> list[RawExtension]:
    """The extensions as encoded, read from the TBSCertificate's DER ([3] EXPLICIT
    Extensions); [] when there are none or the encoding cannot be walked."""
    try:
        tbs = cert.tbs_certificate_bytes
        _tag, start, end = der_element(tbs, 0)
        wrapper = next((c for c in _children(tbs, start, end) if c[0] == 0xA3), None)
        if wrapper is None:
            return []
        _tag, seq_start, seq_end = der_element(tbs, wrapper[1])
        out = []
        for _t, ext_start, ext_end in _children(tbs, seq_start, seq_end):
            parts = _children(tbs, ext_start, ext_end)
            critical = len(parts) == 3 and tbs[parts[1][1]:parts[1][2]] != b"\x00"
            out.append(RawExtension(_decode_oid(tbs[parts[0][1]:parts[0][2]]), critical,
                                    tbs[parts[-1][1]:parts[-1][2]]))
        return out
    except (ValueError, IndexError):
        return []


@functools.lru_cache(maxsize=1)
def _probe_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _parses_alone(ext: RawExtension) -> bool:
    """Does cryptography read this one extension, in a certificate holding only it?"""
    key = _probe_key()
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "probe")])
    when = _dt.datetime(2020, 1, 1, tzinfo=_dt.UTC)
    try:
        probe = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                 .public_key(key.public_key()).serial_number(1)
                 .not_valid_before(when).not_valid_after(when + _dt.timedelta(days=1))
                 .add_extension(x509.UnrecognizedExtension(x509.ObjectIdentifier(ext.oid), ext.value),
                                ext.critical)
                 .sign(key, hashes.SHA256()))
        probe.extensions  # noqa: B018 - parsing is the test
    except Exception:  # whatever cryptography refuses is the answer
        return False
    return True


def unreadable_names(cert: x509.Certificate) -> list[str]:
    """The extensions that cannot be parsed (named; a name twice for a duplicate)."""
    raw = raw_extensions(cert)
    oids = [e.oid for e in raw]
    twice = sorted({e.name for e in raw if oids.count(e.oid) > 1})
    return twice + [e.name for e in raw if oids.count(e.oid) == 1 and not _parses_alone(e)]


def unreadable_extension_findings(chain: list[x509.Certificate], verified_ok: bool | None) -> list[Finding]:
    """A warning per sent certificate whose extensions cannot be parsed."""
    out = []
    for index, cert in enumerate(chain):
        error = extensions_error(cert)
        if error is None:
            continue
        subj, names = subject_str(cert), unreadable_names(cert)
        which = (f"its {', '.join(names)} extension{'s' if len(names) > 1 else ''}" if names
                 else "one of its extensions")
        passed = ("This machine's OpenSSL read it leniently and the verified handshake passed; "
                  if verified_ok else "")
        role = "server certificate" if index == 0 else "certificate"
        out.append(Finding(
            "chain", "warn",
            f"The {role} {subj} has an extension encoded against the rules (DER, RFC 5280): "
            f"{which} cannot be parsed strictly (cryptography: {error}). {passed}a strict TLS "
            "library refuses such a certificate; whether the SAP system's CommonCryptoLib does is "
            "not known here. Its names, CA flag and key usage are not judged from this tool's "
            "own reading.",
            data={"certificate": subj, "unreadable_extensions": names, "parse_error": error,
                  "next_step": (f"Ask the server's owner to have {subj} reissued with {which} "
                                "encoded correctly (DER); nothing in STRUST changes how it is "
                                "encoded.")},
        ))
    return out


def unknown_critical_findings(path: list[x509.Certificate]) -> list[Finding]:
    """A failure per certificate of the path that carries a critical extension no client
    knows (RFC 5280 4.2: a client must then refuse the certificate)."""
    out = []
    for cert in path:
        try:
            unknown = [e.oid.dotted_string for e in cert.extensions
                       if e.critical and isinstance(e.value, x509.UnrecognizedExtension)]
        except Exception:  # unreadable: `unreadable_extension_findings` says so
            continue
        if not unknown:
            continue
        subj, oids = subject_str(cert), ", ".join(unknown)
        out.append(Finding(
            "chain", "fail",
            f"The certificate {subj} carries an extension marked critical that TLS clients do not "
            f"know ({oids}). RFC 5280 makes a client refuse a certificate with a critical extension "
            "it cannot process (OpenSSL: 'unhandled critical extension'), whatever the trust list "
            "holds.",
            cause="server_cert_untrusted", sclnt_http=HTTP_UNTRUSTED,
            data={"certificate": subj, "unknown_critical": unknown,
                  "next_step": (f"{subj} carries the critical extension {oids}, which TLS clients "
                                "do not know and must refuse: importing certificates into STRUST "
                                "does not change this. Ask the server's owner (or the CA that "
                                "issued it) for a certificate without it, or with it not marked "
                                "critical.")},
        ))
    return out
