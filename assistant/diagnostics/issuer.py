"""Root or intermediate? What the certificates say about an issuer nobody provided.

When a chain's path ends at an issuer that is neither sent nor trusted, the fix depends on
what that issuer is. A missing *intermediate* is best sent by the server; a missing
*root* can only be imported into the SSL client PSE — telling the server owner to "send
the intermediate" for a certificate signed directly by a (private) root sends the admin
the wrong way. The certificates often say which it is:

- decisive: a reference list (the system's CA store) holds the issuer itself — a
  self-signed certificate is a root; the top certificate's authority key identifier
  names the issuer's own issuer (`authorityCertIssuer`): the issuer's own name there
  means a root, another name means an intermediate;
- indicative: the server sends a root that is not the missing issuer (so the missing one
  sits between); the server sends a CA certificate but not its issuer (servers leave out
  the root); the issuer's name (`… Root …` / `… Intermediate|Issuing|Subordinate …`);
  the file name of the caIssuers URL.

Indicative signs that agree decide; signs that disagree, or none, leave both readings
open with equal weight — and then no text prefers "the server should send it". Pure
functions: `chain.analyze_chain` passes the reference list (read lazily, only when an
issuer is missing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.x509.oid import NameOID

from assistant.diagnostics.certinfo import (
    aia_ca_issuers,
    cert_info,
    extension,
    is_issued_by,
    is_self_signed,
    issuer_str,
    name_str,
    names_equal,
    subject_str,
)
from assistant.diagnostics.model import CertInfo, Finding
from assistant.lazyre import LazyPattern

IssuerKind = Literal["root", "intermediate", "unknown"]
HTTP_UNTRUSTED = "SCLNT_HTTP421"

_ROOT_NAME = LazyPattern(r"\broot\b", re.I)
_INTERMEDIATE_NAME = LazyPattern(r"\b(?:intermediate|issuing|subordinate|sub[- ]?ca)\b", re.I)


@dataclass(frozen=True, slots=True)
class IssuerVerdict:
    kind: IssuerKind
    decisive: bool
    reasons: tuple[str, ...]
    certificate: x509.Certificate | None = None  # the issuer itself, when a list holds it


def classify_missing_issuer(
    top: x509.Certificate, chain: list[x509.Certificate], reference: list[x509.Certificate]
) -> IssuerVerdict:
    """Is the issuer of `top` (not sent, not trusted) a root or an intermediate CA?"""
    found = next((c for c in reference if _is_issuer(top, c)), None)
    if found is not None:
        kind: IssuerKind = "root" if is_self_signed(found) else "intermediate"
        where = "a self-signed root" if kind == "root" else "an intermediate CA"
        return IssuerVerdict(kind, True, (f"the system's CA list holds it as {where}",), found)
    aki = _authority_cert_issuer(top)
    if aki is not None:
        if names_equal(aki, top.issuer):
            return IssuerVerdict("root", True, ("its key identifier names it as its own issuer",))
        return IssuerVerdict("intermediate", True, (f"its key identifier names its own issuer {name_str(aki)}",))
    root_votes, intermediate_votes = _indicative(top, chain)
    if root_votes and not intermediate_votes:
        return IssuerVerdict("root", False, tuple(root_votes))
    if intermediate_votes and not root_votes:
        return IssuerVerdict("intermediate", False, tuple(intermediate_votes))
    return IssuerVerdict("unknown", False, tuple(root_votes + intermediate_votes))


def _is_issuer(cert: x509.Certificate, candidate: x509.Certificate) -> bool:
    try:
        return names_equal(candidate.subject, cert.issuer) and is_issued_by(cert, candidate)
    except Exception:
        return False


def _authority_cert_issuer(cert: x509.Certificate) -> x509.Name | None:
    aki = extension(cert, x509.AuthorityKeyIdentifier)
    names = getattr(aki, "authority_cert_issuer", None) or []
    return next((n.value for n in names if isinstance(n, x509.DirectoryName)), None)


def _indicative(top: x509.Certificate, chain: list[x509.Certificate]) -> tuple[list[str], list[str]]:
    root, intermediate = [], []
    sent_roots = [c for c in chain if c is not top and is_self_signed(c)]
    if any(not names_equal(r.subject, top.issuer) for r in sent_roots):
        intermediate.append("the server sends a root that did not issue it, so it sits between")
    if top is not chain[0] and not sent_roots:
        root.append("the server sends a CA certificate but not its issuer, and servers leave out the root")
    name = " ".join(_issuer_cns(top)) or issuer_str(top)
    if _ROOT_NAME.search(name):
        root.append("its name says root")
    if _INTERMEDIATE_NAME.search(name):
        intermediate.append("its name says intermediate")
    for url in aia_ca_issuers(top)[:1]:
        file = re.sub(r"[_.-]", " ", url.rsplit("/", 1)[-1])
        if _ROOT_NAME.search(file):
            root.append("its download address (caIssuers) names a root")
        elif _INTERMEDIATE_NAME.search(file):
            intermediate.append("its download address (caIssuers) names an intermediate")
    return root, intermediate


def _issuer_cns(cert: x509.Certificate) -> list[str]:
    try:
        return [str(a.value) for a in cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)]
    except Exception:
        return []


def _finding(detail: str, cause: str, **data: object) -> Finding:
    return Finding(step="chain", status="fail", detail=detail, cause=cause, sclnt_http=HTTP_UNTRUSTED, data=dict(data))


def missing_issuer_finding(
    top: x509.Certificate, leaf: x509.Certificate, verdict: IssuerVerdict, import_into: str
) -> tuple[Finding, list[CertInfo]]:
    """The finding (and the certificates to import) for a path that ends at a missing issuer.

    `top` is the last certificate of the path; `import_into` names the PSE in every text.
    """
    missing = issuer_str(top)
    aia = next(iter(aia_ca_issuers(top)), None)
    where = f" It can be downloaded from {aia} (caIssuers; SAP does not fetch it)." if aia else ""
    why = f" ({'; '.join(verdict.reasons)})" if verdict.reasons else ""
    data = {"certificate": missing, "issuer_kind": verdict.kind, "decisive": verdict.decisive,
            "evidence": list(verdict.reasons), "aia_url": aia, "import_into": import_into}
    found = [cert_info(verdict.certificate)] if verdict.certificate is not None else []
    if top is leaf:
        return _leaf_issuer_missing(leaf, missing, verdict, why, where, import_into, data), found
    return _ca_issuer_missing(top, missing, verdict, why, where, import_into, data), [*found, cert_info(top)]


def _leaf_issuer_missing(
    leaf: x509.Certificate, missing: str, verdict: IssuerVerdict, why: str, where: str,
    import_into: str, data: dict[str, object],
) -> Finding:
    subj = subject_str(leaf)
    if verdict.kind == "root":
        return _finding(
            f"The server certificate {subj} was issued directly by the root CA {missing}{why}, which is "
            f"not in the trust list.{where} Import that root certificate into the {import_into} in STRUST.",
            "server_cert_untrusted", issuer_of=subj, **data,
        )
    if verdict.kind == "intermediate":
        return _finding(
            f"The issuer {missing} of the server certificate {subj} is an intermediate CA{why} that the "
            f"server does not send and the trust list does not hold (incomplete chain).{where} Best fix: "
            f"the server sends its intermediate certificate(s); otherwise import {missing} (and its root) "
            f"into the {import_into} in STRUST.",
            "intermediate_missing", issuer_of=subj, **data,
        )
    return _finding(
        f"The issuer {missing} of the server certificate {subj} is neither sent by the server nor in the "
        f"trust list, and the certificates do not say whether it is a root or an intermediate CA{why}."
        f"{where} If {missing} is a root CA, import it into the {import_into} in STRUST. If it is an "
        f"intermediate CA, the server should send it with its certificate — or import it and its root "
        f"into the {import_into}.",
        "server_cert_untrusted", issuer_of=subj, alternative_cause="intermediate_missing", **data,
    )


def _ca_issuer_missing(
    top: x509.Certificate, missing: str, verdict: IssuerVerdict, why: str, where: str,
    import_into: str, data: dict[str, object],
) -> Finding:
    subj = subject_str(top)
    anchor = (f" — or, since a PSE accepts any listed certificate as anchor, the CA certificate {subj} "
              "that the server sends")
    if verdict.kind == "intermediate":
        return _finding(
            f"The chain ends at {subj}, issued by {missing}, a further intermediate CA{why} that the server "
            f"does not send and the trust list does not hold.{where} Best fix: the server sends it too; "
            f"otherwise import {missing} and its root into the {import_into} in STRUST{anchor}.",
            "intermediate_missing", alternative=subj, **data,
        )
    if verdict.kind == "root":
        return _finding(
            f"The chain ends at {subj}, issued by the root {missing}{why}, which the server does not send "
            f"and the trust list does not contain.{where} Import the root {missing} into the "
            f"{import_into} in STRUST{anchor}.",
            "server_cert_untrusted", alternative=subj, **data,
        )
    return _finding(
        f"The chain ends at {subj}, issued by {missing}, which the server does not send and the trust "
        f"list does not contain; the certificates do not say whether {missing} is the root or a further "
        f"intermediate CA{why}.{where} Import it (and, if it is an intermediate, its root) into the "
        f"{import_into} in STRUST{anchor}.",
        "server_cert_untrusted", alternative=subj, alternative_cause="intermediate_missing", **data,
    )
