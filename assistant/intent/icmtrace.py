"""The NI layer in the ICM's own trace: the SAP system's HTTP client connecting out.

The vocabulary reads the NI layer's function names (NiPConnect2, NiIConnect,
NiHLGetNodeAddr …) as decisive for the RFC/gateway layer: they head the classic error block
of an RFC or SAP GUI connection ("partner '…' not reached … COMPONENT NI (network
interface) … CALLER NiPConnect2"). But the ICM is built on the same NI layer, and its trace
`dev_icm` prints the same names when an HTTP destination's connection fails
("NiPConnect2: 10.1.2.3:443: connect (111: Connection refused)"; the facts file: dev_icm shows
NIECONN_REFUSED beside SCLNT_HTTP411). A text that names the ICM trace and shows an NI
*connect* — the ICM opening a connection, not accepting one — with nothing of RFC, CPI-C or
the gateway beside it is the SAP HTTP client's failure: the RFC family gives way to an
indicative piece for the ICM as client.
"""

from __future__ import annotations

import re

from assistant.intent.scopecues import Hit
from assistant.intent.scopevocab_types import INDICATIVE, RFC, SAP
from assistant.lazyre import LazyPattern

FAMILY = "icm_client"

_ICM_TRACE = LazyPattern(r"\bdev_icm\b|\bICM[- ]trace\b|\bICM[- ]Trace\b|\bSMICM\b", re.IGNORECASE,
                         literals=("dev_icm", "icm", "smicm"))
_NI_CONNECT = LazyPattern(r"\bNi(?:PConnect2?|IConnect|BufIConnect|HLGetNodeAddr)\b", literals=("Ni",))
_RFC_WORDS = LazyPattern(r"\bRFC\b|\bCPI-?C\b|\bsapgw\d*|\bgateway\b|\bpartner '", re.IGNORECASE,
                         literals=("rfc", "cpi", "sapgw", "gateway", "partner '"))


def ni_connect_in_the_icm_trace(hits: list[Hit], text: str) -> list[Hit]:
    """`hits` with the RFC family replaced by the ICM client's when the NI connect is the
    ICM's (module docstring)."""
    if not any(h.scope == RFC for h in hits) or not _ICM_TRACE.search(text) or not _NI_CONNECT.search(text):
        return hits
    if _RFC_WORDS.search(text):
        return hits
    kept = [h for h in hits if h.scope != RFC]
    if not any(h.family == FAMILY for h in kept):
        kept.append(Hit(FAMILY, SAP, INDICATIVE))
    return kept
