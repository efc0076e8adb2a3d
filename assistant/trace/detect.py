"""Is a pasted text a dev_icm trace? The cheap test `ask` and the chat run on every turn.

Only `re` is imported here, so asking the question costs a few regex searches over the
first megabyte and nothing else; the reader and `cryptography` load only for a trace.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

_PREFIXED = LazyPattern(r"^\[Thr [^\]]{1,64}\]", re.M)
_HEADER = LazyPattern(r"^trc file: \"dev_icm", re.M)
_SUMMARY = LazyPattern(r"SSL handshake with \S+:\d+ failed|SapSSLSessionStart(?:NB)?\(")
_DETAIL = LazyPattern(
    r"SSL_get_state\(\)==|SSL NI-hdl \d|SSL session PSE \"|pvflags=|TLSextSNI server_name=|"
    r"Target ?Hostname\s*=|-----BEGIN CERTIFICATE-----|incomplete SSL handshake"
)
DETECT_SAMPLE = 1024 * 1024


def looks_like_dev_icm(text: str) -> bool:
    """Is this (pasted) text an ICM trace, or the handshake block of one?

    Yes for a `trc file: "dev_icm"` header, for two or more `[Thr <id>]` lines with
    handshake content, and for an unprefixed block that has a handshake result and at
    least two different handshake details (the text abapGit's SSL test prints). A single
    error message is not a trace: the router answers it as it is.
    """
    sample = text[:DETECT_SAMPLE]
    if _HEADER.search(sample):
        return True
    has_handshake = bool(_SUMMARY.search(sample) or _DETAIL.search(sample))
    if not has_handshake:
        return False
    if len(_PREFIXED.findall(sample, 0, DETECT_SAMPLE)) >= 2:
        return True
    details = {m.group(0)[:12] for m in _DETAIL.finditer(sample)}
    return bool(_SUMMARY.search(sample)) and len(details) >= 2
