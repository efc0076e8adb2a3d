"""Chain analysis: why would SAP's HTTP client reject this server's certificate chain?

We classify the cause ourselves *before* asking a verifier, because verifier messages
are misleading (cryptography says "missing AKI" for a self-signed leaf and "max depth"
for an untrusted root) and the SAP PSE semantics differ from WebPKI: any certificate in
the PSE's list is an anchor (an intermediate alone is enough), there is no AIA fetching,
and internal PKIs routinely break strict WebPKI rules. cryptography's verifier then gives
a second opinion with a lenient policy, and a strict run tells whether modern clients
would reject what SAP accepts. The trust list and the issuer path come from `trustpath`.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from cryptography import x509

from assistant.diagnostics.causes import TRUST_PSE
from assistant.diagnostics.certextensions import (
    unknown_critical_findings,
    unreadable_extension_findings,
)
from assistant.diagnostics.certinfo import (
    aia_ca_issuers,
    cert_info,
    extension,
    extensions_error,
    fingerprint_sha256,
    is_self_signed,
    iso_utc,
    issuer_str,
    key_description,
    signature_hash_name,
    subject_str,
)
from assistant.diagnostics.certroles import issuer_role_findings, server_purpose_finding
from assistant.diagnostics.expiredca import expired_ca_step
from assistant.diagnostics.hostmatch import (
    match_host,
    mismatch_next_step,
    normalize_host,
    quoted_host,
    shown_name,
)
from assistant.diagnostics.model import CertInfo, Finding
from assistant.diagnostics.namelimits import (
    expiry_words,
    name_constraint_findings,
    outdated_intermediate_finding,
    outdated_namesake,
    pinned_leaf_finding,
)
from assistant.diagnostics.notyet import not_yet_valid
from assistant.diagnostics.revocation import revocation_note
from assistant.diagnostics.secondopinion import long_path_note, second_opinion
from assistant.diagnostics.sentchain import sent_chain_shape
from assistant.diagnostics.serverkeys import leaf_key_finding
from assistant.diagnostics.trustpath import (
    IssuerPath,
    TrustIndex,
    build_path,
    fingerprint,
    system_trust,
)
from assistant.lazyre import LazyPattern
from assistant.wording import plural

HTTP_EXPIRED = "SCLNT_HTTP418"
HTTP_MISMATCH = "SCLNT_HTTP415"
HTTP_UNTRUSTED = "SCLNT_HTTP421"
CN_ONLY_NOTE = "SAP's CommonCryptoLib behaviour on CN-only certificates depends on version"
_WEAK_VERIFY_ERROR = LazyPattern(r"too weak|too small|md too weak|digest algorithm|weak key", re.I)

# --------------------------------------------------------------------------- analysis


@dataclass(slots=True)
class ChainAnalysis:
    findings: list[Finding] = field(default_factory=list)
    to_import: list[CertInfo] = field(default_factory=list)  # into the SSL client PSE (STRUST)
    missing_issuer: str | None = None  # issuer DN nobody provided
    missing_issuer_kind: str | None = None  # "root" | "intermediate" | "unknown" (see issuer.py)
    missing_issuer_namesake: str | None = None  # SHA-256 of a trust-list certificate of that name
    aia_url: str | None = None  # where that issuer can be downloaded (never fetched here)
    order_ok: bool = True
    anchor_sent: bool = False
    trusted: bool = False
    anchor: CertInfo | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "findings": [f.to_json() for f in self.findings],
            "to_import": [c.to_json() for c in self.to_import],
            "missing_issuer": self.missing_issuer,
            "missing_issuer_kind": self.missing_issuer_kind,
            "missing_issuer_namesake": self.missing_issuer_namesake,
            "aia_url": self.aia_url,
            "order_ok": self.order_ok,
            "anchor_sent": self.anchor_sent,
            "trusted": self.trusted,
            "anchor": self.anchor.to_json() if self.anchor else None,
        }


def _finding(
    status: Literal["ok", "warn", "fail"],
    detail: str,
    cause: str | None = None,
    sclnt_http: str | None = None,
    **data: Any,
) -> Finding:
    return Finding(step="chain", status=status, detail=detail, cause=cause, sclnt_http=sclnt_http, data=data)


def _role(cert: x509.Certificate, leaf: x509.Certificate, from_trust: bool) -> str:
    if from_trust:
        return "certificate in your trust list"
    if cert is leaf:
        return "server certificate"
    return "CA certificate"


def _dates(
    certs: list[tuple[x509.Certificate, bool]], leaf: x509.Certificate, now: _dt.datetime, expiring_days: int,
    others: tuple[list[x509.Certificate], list[x509.Certificate]] = ([], []), pse: str = TRUST_PSE,
) -> list[Finding]:
    """Validity of each certificate; `others` (sent, trust list) find a renewed copy of an
    expired CA certificate, for the step that says where (`pse`) to replace it."""
    out: list[Finding] = []
    leaf_valid = _valid_now(leaf, now)
    for cert, from_trust in certs:
        try:
            nb, na = cert.not_valid_before_utc, cert.not_valid_after_utc
        except Exception:
            continue
        subj, role = subject_str(cert), _role(cert, leaf, from_trust)
        own_step: dict[str, Any] = {}
        if cert is not leaf and leaf_valid and now > na:
            own_step["next_step"] = expired_ca_step(cert, leaf, from_trust=from_trust, sent=others[0],
                                                    trusted=others[1], now=now, pse=pse)
        if now < nb:
            early = not_yet_valid(role, subj, nb, now, from_trust)
            out.append(_finding(
                "fail", early.detail, "server_cert_not_yet_valid", HTTP_EXPIRED, certificate=subj,
                not_before=iso_utc(nb), starts_in_seconds=early.ahead_seconds, clock_skew=early.clock_skew,
                next_step=early.next_step,
            ))
        elif now > na:
            out.append(_finding(
                "fail", f"The {role} {subj} expired on {iso_utc(na)}.",
                "server_cert_expired", HTTP_EXPIRED, certificate=subj, not_after=iso_utc(na), **own_step,
            ))
        elif na - now <= _dt.timedelta(days=expiring_days):
            text, step = expiry_words(role, subj, na - now, iso_utc(na))
            out.append(_finding(
                "warn", text, "server_cert_expiring_soon", None, certificate=subj, not_after=iso_utc(na),
                days_left=(na - now).days, **step,
            ))
    return out


def _valid_now(cert: x509.Certificate, now: _dt.datetime) -> bool:
    try:
        return cert.not_valid_before_utc <= now <= cert.not_valid_after_utc
    except Exception:
        return False


def _host_finding(leaf: x509.Certificate, host: str) -> Finding | None:
    m = match_host(leaf, host)
    subj = subject_str(leaf)
    shown = ", ".join(shown_name(n) for n in m.names) or "none"
    if m.matched and m.via == "cn":
        return _finding(
            "warn",
            f"The server certificate {subj} has no subjectAltName; '{normalize_host(host)}' matches only "
            f"its CN. OpenSSL and Python accept this, strict clients (browsers, cryptography) reject it; "
            f"{CN_ONLY_NOTE}.",
            "server_cert_name_only_in_cn", None, certificate=subj, names=m.names, host=host, cn_only=True,
            next_step=("The name matches, but only the certificate's CN: ask the server's owner for a "
                       "certificate that lists the name as a subject alternative name (SAN)."),
        )
    if m.matched:
        return None
    note = f" {CN_ONLY_NOTE}." if m.via == "cn" else ""
    return _finding(
        "fail",
        f"The server certificate {subj} is not valid for {quoted_host(host)}: {m.reason}. "
        f"Names in the certificate: {shown}.{note}",
        "wildcard_cert_not_matching" if m.wildcard else "hostname_mismatch", HTTP_MISMATCH,
        certificate=subj, names=m.names, host=host, next_step=mismatch_next_step(m, host),
    )


def _weak_findings(
    certs: list[x509.Certificate], skip_signature: set[bytes], verified_ok: bool | None, verify_error: str | None
) -> list[Finding]:
    problems: list[tuple[str, str]] = []
    for cert in certs:
        subj = subject_str(cert)
        kind, size = key_description(cert)
        if size is not None and (
            (kind in ("RSA", "DSA") and size < 2048) or (kind.startswith("EC ") and size < 224)
        ):
            problems.append((subj, f"{kind} key of {size} bits"))
        if fingerprint(cert) not in skip_signature:
            h = signature_hash_name(cert)
            if h in ("sha1", "md5"):
                problems.append((subj, f"{h.upper().replace('SHA1', 'SHA-1')} signature"))
    hard = verified_ok is False and bool(verify_error and _WEAK_VERIFY_ERROR.search(verify_error))
    out = []
    for subj, what in problems:
        tail = (
            f" This machine's verified handshake failed on it ({verify_error}): OpenSSL at security "
            "level 2 refuses it. Whether the SAP system's CommonCryptoLib refuses it too depends on "
            "its version and profile parameters — not documented here, so the check names no "
            "SCLNT_HTTP message for it."
            if hard
            else " Current clients (OpenSSL security level 2) refuse it; whether SAP's CommonCryptoLib "
            "accepts it depends on its version and profile parameters."
        )
        extra = {"next_step": _weak_step(what)} if hard else {}
        out.append(_finding(
            "fail" if hard else "warn",
            f"The certificate {subj} uses a weak {what}.{tail} Ask the server owner for a new "
            "certificate (RSA ≥ 2048 bits, SHA-256).",
            "weak_server_key", None, certificate=subj, weakness=what, **extra,
        ))
    return out


def _weak_step(what: str) -> str:
    """The next step for a weak certificate this machine refused: the lasting fix is the
    server's; what the SAP system does today is only seen there."""
    return (f"Ask the server's owner for a certificate without the weak {what} (RSA of at least "
            "2048 bits or EC, signed with SHA-256): current clients refuse this one, and an update "
            "of the SAP system's crypto library may too. Whether the SAP system refuses it today "
            "depends on its CommonCryptoLib version (STRUST → Environment → Display SSF Version) "
            "and profile parameters — the SM59 connection test shows it.")


def analyze_chain(
    chain: list[x509.Certificate],
    *,
    host: str,
    trust: list[x509.Certificate] | None,
    now: _dt.datetime | None = None,
    verified_ok: bool | None = None,
    verify_error: str | None = None,
    expiring_days: int = 30,
    reference: list[x509.Certificate] | None = None,
    import_into: str = TRUST_PSE,
) -> ChainAnalysis:
    """Classify the server's chain (leaf first, as sent) against a trust list.

    `trust=None` means the system store. `verified_ok`/`verify_error` come from the
    verified handshake, if one ran; they only decide whether a weak key is an error
    and whether an unexplained failure is worth a note. `reference` is a CA list used only
    to tell a missing root from a missing intermediate (None: the system store, read only
    when an issuer is missing); `import_into` names the PSE in every "import it" text.
    """
    result = ChainAnalysis()
    if not chain:
        result.findings.append(_finding(
            "fail", "The server sent no certificate.", "tls_handshake_failed", "SCLNT_HTTP407"))
        return result
    when = now or _dt.datetime.now(_dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    trust_list = system_trust() if trust is None else list(trust)
    leaf = chain[0]
    trust_index = TrustIndex(trust_list)
    path = build_path(chain, trust_index)
    findings = result.findings

    def references() -> list[x509.Certificate]:
        if reference is not None:
            return list(reference)
        return trust_list if trust is None else system_trust()

    _judge_trust(result, path, chain, import_into, references)
    if result.missing_issuer is not None:
        _namesake_in_trust(result, path.certs[-1], trust_index)

    # Dates of every certificate that matters: the path and its anchor.
    anchor_from_trust = path.anchor is not None and not any(fingerprint(path.anchor) == fingerprint(c) for c in path.certs)
    checked: list[tuple[x509.Certificate, bool]] = [(c, False) for c in path.certs]
    if path.anchor is not None and anchor_from_trust:
        checked.append((path.anchor, True))
    findings.extend(_dates(checked, leaf, when, expiring_days, (chain, trust_list), import_into))
    from assistant.diagnostics.crosssign import expired_cross_path, expired_root_step

    expired_root_step(path, findings, when)
    cross = expired_cross_path(chain, path, trust_index, when)
    if cross is not None:
        findings.append(cross)

    findings.extend(_fitness_findings(chain, path.certs, host, verified_ok))
    # The anchor's own name constraints and key count too (OpenSSL applies its constraints).
    key_certs = [*path.certs, *([path.anchor] if anchor_from_trust and path.anchor else [])]
    findings.extend(name_constraint_findings(key_certs, host))
    # Weak keys and signatures (a self-signed top's own signature is never relied upon).
    skip_sig = {fingerprint(c) for c in (*path.certs, *([path.anchor] if path.anchor else [])) if is_self_signed(c)}
    weak = _weak_findings(key_certs, skip_sig, verified_ok, verify_error)
    findings.extend(weak)
    shape = sent_chain_shape(chain)
    result.order_ok, result.anchor_sent = shape.order_ok, shape.anchor_sent
    findings.extend(shape.findings)

    failed = any(f.status == "fail" for f in findings)
    if verified_ok is False and not failed:
        findings.append(_finding(
            "warn",
            f"The verified handshake failed ({verify_error or 'no reason given'}), but the chain "
            "analysis found no cause; compare the trust list with the one the SAP system uses.",
            None, None, verify_error=verify_error,
        ))
    if not failed and result.trusted:
        findings.append(_summary(result, path, chain, trust_list, host, when, weak))
    return result


def _fitness_findings(chain: list[x509.Certificate], path: list[x509.Certificate], host: str,
                      verified_ok: bool | None) -> list[Finding]:
    """Host name and purpose of the leaf; every issuer sent must be a CA; extensions a
    client cannot use. A leaf whose extensions cannot be read is not judged by name from
    them: OpenSSL's verified handshake judges it."""
    leaf = chain[0]
    found = [f for f in (_host_finding(leaf, host) if extensions_error(leaf) is None else None,
                         server_purpose_finding(leaf), leaf_key_finding(leaf)) if f is not None]
    return [*found, *issuer_role_findings(path), *unknown_critical_findings(path),
            *unreadable_extension_findings(chain, verified_ok)]


def _judge_trust(
    result: ChainAnalysis,
    path: IssuerPath,
    chain: list[x509.Certificate],
    import_into: str,
    references: Callable[[], list[x509.Certificate]],
) -> None:
    """Where the path ends decides the cause, and which certificate STRUST needs.

    A missing issuer is classified as root or intermediate (`issuer.py`): only a missing
    intermediate is the server's to send; a missing root is imported into the PSE.
    """
    top, leaf = path.certs[-1], chain[0]
    if path.end == "trusted":
        result.trusted = True
        result.anchor = cert_info(path.anchor) if path.anchor is not None else None
        return
    if path.end == "self_signed":
        result.to_import = [cert_info(top)]
        subj = subject_str(top)
        if top is leaf:
            result.findings.append(_finding(
                "fail",
                f"The server certificate {subj} is self-signed and not in the trust list. Either the "
                f"server gets a CA-issued certificate, or — if you trust it — import exactly this "
                f"certificate into the {import_into} in STRUST.",
                "server_cert_self_signed", HTTP_UNTRUSTED, certificate=subj, import_into=import_into,
            ))
        else:
            result.findings.append(_finding(
                "fail",
                f"The chain ends at the root {subj}, which the server sends but the trust list does "
                f"not contain. Import this root certificate into the {import_into} in STRUST.",
                "server_cert_untrusted", HTTP_UNTRUSTED, certificate=subj, import_into=import_into,
            ))
        return
    # a missing issuer only: most checks never import its classification
    from assistant.diagnostics.issuer import classify_missing_issuer, missing_issuer_finding

    result.missing_issuer = issuer_str(top)
    result.aia_url = next(iter(aia_ca_issuers(top)), None)
    verdict = classify_missing_issuer(top, chain, references())
    result.missing_issuer_kind = verdict.kind
    finding, result.to_import = missing_issuer_finding(top, leaf, verdict, import_into)
    namesake = outdated_namesake(top, chain)
    if namesake is not None:  # the issuer's name is sent, with another key
        finding = outdated_intermediate_finding(top, namesake, result.aia_url, import_into, finding.data)
    result.findings.append(finding)


def _namesake_in_trust(result: ChainAnalysis, top: x509.Certificate, trust: TrustIndex) -> None:
    """The trust list holds a certificate with the missing issuer's name that did not sign:
    an older or renewed certificate of that CA (same name, another key). "Import X" alone
    reads as "already done" to an admin who sees X in STRUST; say which X is missing."""
    try:
        namesake = next(iter(trust.by_subject.get(top.issuer.public_bytes(), [])), None)
    except Exception:
        return
    missing = next((f for f in result.findings if f.status == "fail" and f.data.get("certificate")
                    == result.missing_issuer), None)
    if namesake is None or missing is None:
        return
    fp = fingerprint_sha256(namesake)
    result.missing_issuer_namesake = fp
    missing.data["namesake_sha256"] = fp
    missing.detail += (f" The trust list does hold a certificate named {result.missing_issuer} (SHA-256 "
                       f"{fp}), but that one did not sign {subject_str(top)}: it has another key — an "
                       "older or renewed certificate of the same CA. The current one is what is missing.")


def _summary(
    result: ChainAnalysis,
    path: IssuerPath,
    chain: list[x509.Certificate],
    trust: list[x509.Certificate],
    host: str,
    now: _dt.datetime,
    weak: list[Finding],
) -> Finding:
    anchor = result.anchor.subject if result.anchor else "?"
    partial = path.anchor is not None and not is_self_signed(path.anchor)
    if partial and path.anchor is not None and fingerprint(path.anchor) == fingerprint(chain[0]):
        return pinned_leaf_finding(chain[0], iso_utc(chain[0].not_valid_after_utc))
    parts = [f"Chain trusted: {plural(len(path.certs), 'certificate')} up to {anchor} from the trust list"]
    if partial:
        parts.append(" (an intermediate, accepted as anchor like an SSL client PSE does)")
    try:
        na = chain[0].not_valid_after_utc
        parts.append(f"; server certificate valid until {iso_utc(na)}")
    except Exception:
        pass
    if result.anchor_sent:
        parts.append("; the server also sends the root (harmless)")
    data: dict[str, Any] = {"anchor": anchor, "partial_chain": partial}
    intermediates = sum(1 for c in path.certs[1:] if path.anchor is None or fingerprint(c) != fingerprint(path.anchor))
    parts.append(long_path_note(intermediates))
    revocation, revocation_data = revocation_note(chain[0])
    parts.append(revocation)
    data.update(revocation_data)
    if not weak and extension(chain[0], x509.SubjectAlternativeName) is not None:
        lenient, strict = second_opinion(chain, trust, host, now, intermediates)
        if lenient is not None:
            parts.append(f". Second opinion (cryptography path validation) disagrees: {lenient}")
            data["second_opinion"] = lenient
            return _finding("warn", "".join(parts) + ".", None, None, **data)
        if strict is not None:
            parts.append(
                f". It passes these SAP-style checks but would fail strict modern clients (WebPKI: {strict})"
            )
            data["strict_webpki"] = strict
    return _finding("ok", "".join(parts) + ".", None, None, **data)
