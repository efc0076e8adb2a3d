"""The NI layer in the ICM's own trace: the SAP system's HTTP client connecting out.

The vocabulary reads the NI layer's function names (NiPConnect2, NiIConnect,
NiHLGetNodeAddr …) as decisive for the RFC/gateway layer: they head the classic error block
of an RFC or SAP GUI connection ("partner '…' not reached … COMPONENT NI (network
interface) … CALLER NiPConnect2"). But the ICM is built on the same NI layer, and its trace
`dev_icm` prints the same names when an HTTP destination's connection fails
("NiPConnect2: 10.1.2.3:443: connect (111: Connection refused)"; the facts file: dev_icm shows
NIECONN_REFUSED beside SCLNT_HTTP411). A text that shows an NI *connect* — the ICM opening
a connection, not accepting one — and names the ICM trace or holds the ICM client's own line
for a connection it could not open ("Direct connect to github.com:443 failed:
NIECONN_REFUSED(-10)", "Connect to github.com:443 failed: …": the facts file's §3 on 411,
from abapGit issues 3821/124 and a measurement on a 7.5x system), with nothing of RFC, CPI-C
or the gateway beside it, is the SAP HTTP client's failure: the RFC family gives way to an
indicative piece for the ICM as client. A pasted dev_icm excerpt often carries that line
without the trace's name.
"""

from __future__ import annotations

import re

from assistant.intent.scopecues import Hit
from assistant.intent.scopevocab_types import INDICATIVE, RFC, SAP
from assistant.lazyre import LazyPattern

FAMILY = "icm_client"

_ICM_TRACE = LazyPattern(r"\bdev_icm\b|\bICM[- ]trace\b|\bICM[- ]Trace\b|\bSMICM\b", re.IGNORECASE,
                         literals=("dev_icm", "icm", "smicm"))
# The ICM client's line for a connection it could not open: a host:port, never a word
# ("Connect to SAP gateway failed" is SAP GUI's RFC text).
_ICM_CONNECT_FAILED = LazyPattern(r"\bconnect to [\w.\-\[\]:]+:\d+ failed\b", re.IGNORECASE,
                                  literals=("connect to",))
_NI_CONNECT = LazyPattern(r"\bNi(?:PConnect2?|IConnect|BufIConnect|HLGetNodeAddr)\b", literals=("Ni",))
_RFC_WORDS = LazyPattern(r"\bRFC\b|\bCPI-?C\b|\bsapgw\d*|\bgateway\b|\bpartner '", re.IGNORECASE,
                         literals=("rfc", "cpi", "sapgw", "gateway", "partner '"))


def ni_connect_in_the_icm_trace(hits: list[Hit], text: str) -> list[Hit]:
    """`hits` with the RFC family replaced by the ICM client's when the NI connect is the
    ICM's (module docstring)."""
    if not any(h.scope == RFC for h in hits) or not _NI_CONNECT.search(text):
        return hits
    if not _ICM_TRACE.search(text) and not _ICM_CONNECT_FAILED.search(text):
        return hits
    if _RFC_WORDS.search(text):
        return hits
    kept = [h for h in hits if h.scope != RFC]
    if not any(h.family == FAMILY for h in kept):
        kept.append(Hit(FAMILY, SAP, INDICATIVE))
    return kept
