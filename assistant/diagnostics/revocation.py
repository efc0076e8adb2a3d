"""What the check can and cannot say about revocation of the server's certificate.

The check works offline from the server's point of view: it contacts the target (and the
proxy) only, so it fetches no CRL and asks no OCSP responder — a revoked certificate
passes every step here (cryptography's verifier has no revocation support either,
pyca/cryptography#10034). Saying nothing would read as "not revoked"; so a trusted chain
whose leaf names where its status is published says that its status was not looked at,
and where it is. Whether the SAP system checks revocation is in no source here.
"""

from __future__ import annotations

from cryptography import x509

from assistant.diagnostics.certinfo import extension
from assistant.redact import untrusted

_MOST_URLS = 3


def status_urls(leaf: x509.Certificate) -> tuple[list[str], list[str]]:
    """(CRL distribution point URLs, OCSP responder URLs) the certificate names."""
    crls: list[str] = []
    points = extension(leaf, x509.CRLDistributionPoints)
    for point in points or []:
        crls += [untrusted(str(n.value)) for n in point.full_name or []
                 if isinstance(n, x509.UniformResourceIdentifier)]
    aia = extension(leaf, x509.AuthorityInformationAccess)
    ocsp = [untrusted(str(d.access_location.value)) for d in aia or []
            if d.access_method == x509.AuthorityInformationAccessOID.OCSP
            and isinstance(d.access_location, x509.UniformResourceIdentifier)]
    return crls[:_MOST_URLS], ocsp[:_MOST_URLS]


def revocation_note(leaf: x509.Certificate) -> tuple[str, dict[str, list[str]]]:
    """(a sentence for the chain summary, its data); ("", {}) when the certificate names no
    place its revocation status is published (then nobody can ask, SAP included)."""
    try:
        crls, ocsp = status_urls(leaf)
    except Exception:  # an unreadable extension is reported by certextensions
        return "", {}
    if not crls and not ocsp:
        return "", {}
    where = " and ".join(part for part in (
        f"a CRL ({', '.join(crls)})" if crls else "",
        f"an OCSP responder ({', '.join(ocsp)})" if ocsp else "") if part)
    return (f". Revocation not checked: the server certificate names {where}, and this check "
            "contacts neither — a revoked certificate passes here; whether the SAP system checks "
            "revocation is not known to sapassist",
            {"revocation_crl": crls, "revocation_ocsp": ocsp})
