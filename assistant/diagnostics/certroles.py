"""Is each certificate of the chain fit for its place in it?

The chain's names and signatures can link up while a certificate is used for what it was
not issued for: a server certificate whose extended key usage lacks serverAuth (say,
clientAuth only), or a certificate the server sends as an intermediate that is no CA —
basicConstraints CA:FALSE or absent, or a keyUsage without keyCertSign (RFC 5280
6.1.4 (k) and (n); OpenSSL 3 applies this to every intermediate and reports "invalid CA
certificate", X509 verify code 79). Neither is fixed by an import into STRUST: the trust
list decides where a path may end, not what a certificate in it may do. An intermediate
whose own extended key usage lacks serverAuth limits the chain below it the same way:
OpenSSL checks the purpose of every CA in the path (X509 verify code 26, "unsuitable
certificate purpose"). A self-signed
root is not judged: only its copy in the trust list acts as anchor.
"""

from __future__ import annotations

import itertools

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from assistant.diagnostics.certinfo import (
    eku_allows,
    extension,
    extensions_error,
    is_self_signed,
    subject_str,
)
from assistant.diagnostics.model import Finding

HTTP_UNTRUSTED = "SCLNT_HTTP421"


def server_purpose_finding(leaf: x509.Certificate) -> Finding | None:
    """The server certificate is not issued for TLS servers (EKU without serverAuth)."""
    if eku_allows(leaf, ExtendedKeyUsageOID.SERVER_AUTH):
        return None
    subj = subject_str(leaf)
    return Finding(
        "chain", "fail",
        f"The server certificate {subj} is not issued for TLS servers (its extended key usage lacks "
        "serverAuth); the server must use a server certificate.",
        cause="server_cert_untrusted", sclnt_http=HTTP_UNTRUSTED,
        data={"certificate": subj,
              "next_step": ("Ask the server's owner for a certificate issued for TLS servers "
                            "(extended key usage serverAuth); importing CA certificates into STRUST "
                            "does not change this one.")},
    )


def _why_not_a_ca(cert: x509.Certificate) -> str | None:
    """Why `cert` may not sign certificates below it, or None when it may."""
    if cert.version == x509.Version.v1 or is_self_signed(cert) or extensions_error(cert):
        # v1: no extensions to judge; a root counts only as the trust list's anchor;
        # extensions that cannot be read are no evidence (certextensions says so)
        return None
    usage = extension(cert, x509.KeyUsage)
    constraints = extension(cert, x509.BasicConstraints)
    reasons = []
    if constraints is None:
        reasons.append("it has no basic constraints (CA:TRUE is missing)")
    elif not constraints.ca:
        reasons.append("its basic constraints say CA:FALSE")
    if usage is not None and not usage.key_cert_sign:
        reasons.append("its key usage lacks keyCertSign")
    return " and ".join(reasons) or None


def _ca_purpose_limit(cert: x509.Certificate) -> str | None:
    """The usages an intermediate's extended key usage allows, when serverAuth is not one."""
    if is_self_signed(cert) or extensions_error(cert) or eku_allows(cert, ExtendedKeyUsageOID.SERVER_AUTH):
        return None
    eku = extension(cert, x509.ExtendedKeyUsage)
    return ", ".join(getattr(u, "_name", None) or u.dotted_string for u in eku or []) or "none"


def _purpose_finding(issuer: x509.Certificate, issued: x509.Certificate, allowed: str) -> Finding:
    name, below = subject_str(issuer), subject_str(issued)
    return Finding(
        "chain", "fail",
        f"The CA {name}, which issued {below}, allows by its extended key usage only {allowed} — "
        "not serverAuth; a client that checks each CA's purpose (OpenSSL "
        "reports 'unsuitable certificate purpose') refuses the chain for a TLS server, whatever "
        "the trust list holds.",
        cause="server_cert_untrusted", sclnt_http=HTTP_UNTRUSTED,
        data={"certificate": name, "ca_purposes": allowed,
              "next_step": (f"The CA {name} is restricted to {allowed} (extended key usage without "
                            "serverAuth), so server certificates below it are refused by clients "
                            "that check the chain's purposes — importing it into STRUST changes "
                            "nothing. The server's owner needs a certificate from a CA allowed to "
                            "issue server certificates (or that CA reissued with serverAuth in its "
                            "extended key usage). Whether the SAP system's CommonCryptoLib checks a "
                            "CA's purpose is not known to sapassist — the SM59 connection test shows "
                            "it.")},
    )


def issuer_role_findings(path: list[x509.Certificate]) -> list[Finding]:
    """Each certificate of the sent path that signed the one below it but is no CA, or is
    a CA whose extended key usage excludes TLS servers."""
    out = []
    for issued, issuer in itertools.pairwise(path):
        why = _why_not_a_ca(issuer)
        allowed = _ca_purpose_limit(issuer) if why is None else None
        if allowed is not None:
            out.append(_purpose_finding(issuer, issued, allowed))
        if why is None:
            continue
        name, below = subject_str(issuer), subject_str(issued)
        out.append(Finding(
            "chain", "fail",
            f"The certificate {name}, which the server sends as the issuer of {below}, is not a CA "
            f"certificate: {why}. A client that validates the path (RFC 5280; OpenSSL reports "
            "'invalid CA certificate') refuses every chain through it, whatever the trust list holds.",
            cause="server_cert_untrusted", sclnt_http=HTTP_UNTRUSTED,
            data={"certificate": name, "not_a_ca": why,
                  "next_step": (f"{name} signed {below} but is not a CA certificate ({why}), so the "
                                "chain is refused whatever STRUST holds — importing it does not make "
                                "it a CA. The server's owner (or whoever runs that CA) must reissue "
                                f"{name} as a CA certificate (basicConstraints CA:TRUE, keyUsage "
                                "keyCertSign; with its name and key kept, the server certificate "
                                "stays valid), or have the server certificate issued by a proper CA, "
                                "and send that chain.")},
        ))
    return out
