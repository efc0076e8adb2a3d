"""The live check's chain analysis, run offline on a dumped chain.

One analysis for both: `assistant.diagnostics.chain.analyze_chain` also tells a missing
root from a missing intermediate (`assistant.diagnostics.issuer`). The trace only adds
what it knows: the PSE of the handshake as the place to import into, and the time of the
handshake as "now".
"""

from __future__ import annotations

import datetime as _dt

from cryptography import x509

from assistant.diagnostics.chain import ChainAnalysis, analyze_chain


def analyze_trace_chain(
    chain: list[x509.Certificate],
    *,
    host: str,
    trust: list[x509.Certificate],
    now: _dt.datetime,
    reference: list[x509.Certificate] | None,
    import_into: str,
) -> ChainAnalysis:
    """`analyze_chain` against the PSE's exported list (empty when not known)."""
    return analyze_chain(chain, host=host, trust=trust, now=now, reference=reference, import_into=import_into)
