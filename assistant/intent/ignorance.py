"""What the reporter does not know yet, said in words: no evidence.

"The root cause is unknown so far", "reason unknown", "an unknown error", "die Ursache ist
noch unbekannt" say that the reporter has not found the cause — not that a host is unknown.
The word "unknown" is a keyword of the host-name failure (SCLNT_HTTP417, NIEHOST_UNKNOWN), so
such a sentence pulled that message and the DNS cause into reports that never named a host.
Here the phrase is blanked in the text keywords are read from (parsing._plain_words); the
codes (NIEHOST_UNKNOWN) and "unknown host" / "host … unknown" are untouched.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

_THING = r"(?:(?:root )?causes?|reasons?|errors?|problems?|issues?|origin|exceptions?|fehler|ursache|grund)"
_IGNORANCE = LazyPattern(
    rf"\b{_THING} (?:is|are|was|were|remains?|stays?|ist|bleibt|war) (?:still |so far |yet |as yet |noch |bisher )?"
    r"(?:unknown|unclear|unbekannt|unklar)\b"
    rf"|\b(?:unknown|unbekannte[rns]?) {_THING}\b"
    rf"|\b{_THING}:? (?:unknown|unbekannt)\b",
    re.IGNORECASE,
    literals=("unknown", "unbekannt", "unclear", "unklar"),
)


def without_ignorance(text: str) -> str:
    """`text` with the phrases of a cause not known yet blanked (module docstring)."""
    return _IGNORANCE.sub(lambda m: " " * len(m.group(0)), text)
