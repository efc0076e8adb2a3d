"""The live check's chain analysis, run offline on a dumped chain, with root-vs-intermediate.

`analyze_chain` (assistant.diagnostics.chain) decides everything except one thing the
trace needs right: when the path ends at an issuer nobody provided, it always calls that
issuer an intermediate. This wrapper replaces exactly that finding with the verdict of
`assistant.trace.issuer` (see the module's docstring); everything else is the live
check's analysis unchanged. Once `analyze_chain` calls the issuer module itself, this
wrapper reduces to the call.
"""

from __future__ import annotations

import datetime as _dt

from cryptography import x509

from assistant.diagnostics.chain import ChainAnalysis, analyze_chain, system_trust
from assistant.trace.issuer import classify_missing_issuer, missing_issuer_finding, path_top


def analyze_trace_chain(
    chain: list[x509.Certificate],
    *,
    host: str,
    trust: list[x509.Certificate],
    now: _dt.datetime,
    reference: list[x509.Certificate] | None,
    import_into: str,
) -> ChainAnalysis:
    """`analyze_chain` with the missing issuer classified as root, intermediate or unknown."""
    result = analyze_chain(chain, host=host, trust=trust, now=now)
    if result.missing_issuer is None:
        return result
    top = path_top(chain, trust)
    if top is None:
        return result
    refs = system_trust() if reference is None else reference
    verdict = classify_missing_issuer(top, chain, refs)
    finding, to_import = missing_issuer_finding(top, chain[0], verdict, import_into)
    index = next(
        (i for i, f in enumerate(result.findings)
         if f.status == "fail" and f.data.get("certificate") == result.missing_issuer
         and "aia_url" in f.data),
        None,
    )
    if index is None:
        return result
    result.findings[index] = finding
    result.to_import = to_import
    return result
