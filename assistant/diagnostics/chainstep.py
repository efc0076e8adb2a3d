"""Step 6: the chain the server sent, analysed as the SSL client PSE would judge it.

Turns the DER certificates into what the report needs: the chain listing, the findings
of `chain.analyze_chain`, and the extras (which certificate to import, the missing
issuer and where to download it).
"""

from __future__ import annotations

import datetime as _dt
import time
from typing import Any, NamedTuple

from assistant.diagnostics.model import CertInfo, Finding
from assistant.diagnostics.tls import TlsResult, Trust
from assistant.wording import plural


def _warning_findings(certificates: list[CertInfo], elsewhere: list[str]) -> list[Finding]:
    """What reading the chain warned about: one finding per certificate, and one for what
    could not be tied to a certificate (never stderr)."""
    from assistant.textsafe import escape_control

    found = [Finding("chain", "warn", f"certificate #{i} ({escape_control(info.subject)}): "
                     + "; ".join(info.warnings), data={"certificate": i, "warnings": info.warnings})
             for i, info in enumerate(certificates, 1) if info.warnings]
    named = {w for info in certificates for w in info.warnings}
    rest = [w for w in elsewhere if w not in named]
    if rest:
        found.append(Finding("chain", "warn", "reading the chain: " + "; ".join(rest), data={"warnings": rest}))
    return found


class ChainStep(NamedTuple):
    """What step 6 adds to the report (a NamedTuple: cheap to define on every check's import)."""

    findings: list[Finding]
    certificates: list[CertInfo]  # the chain, for the report
    extra: dict[str, Any]  # to_import, missing_issuer (and whether a root or an intermediate), aia_url


def chain_step(chain_der: list[bytes], tls: TlsResult, *, host: str, trust: Trust) -> ChainStep:
    """Analyse the chain against the check's trust list; the verdict handshake's outcome
    says whether a weak key is an error and whether an unexplained failure needs a note."""
    if not chain_der:
        return ChainStep([Finding("chain", "skip", "no certificate was received")], [], {})
    start = time.monotonic()
    from cryptography import x509

    from assistant.diagnostics.certinfo import cert_info
    from assistant.diagnostics.certwarnings import collecting
    from assistant.diagnostics.chain import analyze_chain

    with collecting() as elsewhere:  # what reading them warns about, never stderr
        certs, loading = [], []
        try:
            for der in chain_der:
                with collecting() as notes:
                    certs.append(x509.load_der_x509_certificate(der))
                loading.append(notes)
        except ValueError as exc:
            return ChainStep([Finding("chain", "fail", f"the server sent an unparsable certificate: {exc}",
                                      cause="tls_handshake_failed", sclnt_http="SCLNT_HTTP407")], [], {})
        certificates = [cert_info(c) for c in certs]
        for info, notes in zip(certificates, loading, strict=True):
            info.warnings = list(dict.fromkeys([*notes, *info.warnings]))
        anchors = None if trust.system else [x509.load_der_x509_certificate(d) for d in trust.certs_der]
        verify_error = None
        if not tls.ok and tls.kind == "verify":
            verify_error = f"{tls.verify_message} (X509 verify code {tls.verify_code})"
        analysis = analyze_chain(
            certs, host=host, trust=anchors, now=_dt.datetime.now(_dt.UTC),
            verified_ok=tls.ok if tls.kind in (None, "verify") else None,
            verify_error=verify_error,
        )
    extra: dict[str, Any] = {}
    if analysis.to_import:
        extra["to_import"] = [c.to_json() for c in analysis.to_import]
    if analysis.missing_issuer:
        extra["missing_issuer"] = analysis.missing_issuer
        extra["missing_issuer_kind"] = analysis.missing_issuer_kind
        if analysis.missing_issuer_namesake:
            extra["missing_issuer_namesake"] = analysis.missing_issuer_namesake
    if analysis.aia_url:
        extra["aia_url"] = analysis.aia_url
    elapsed = (time.monotonic() - start) * 1000.0
    found = list(analysis.findings) + _warning_findings(certificates, elsewhere)
    if not found:
        ok = Finding("chain", "ok", f"{plural(len(certs), 'certificate')}: no problem found", elapsed)
        return ChainStep([ok], certificates, extra)
    for f in found:
        if not f.elapsed_ms:
            f.elapsed_ms = elapsed / len(found)
    return ChainStep(found, certificates, extra)
