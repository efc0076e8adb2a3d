"""A sentence that only describes the landscape is the report's setting, not its failure.

Posts say where their systems stand: "Our landscape has a DEV, a QAS and a PRD system, each on
its own host", "the ABAP system runs on a Linux VM", "both instances are installed on the same
server". Such a sentence says what exists, whatever failed; yet its "host" or "server" is a
keyword of many causes (a DNS failure, a timeout, a name mismatch …) and moved the top cause of
reports of every kind. Read as abapsetting.py reads a release line: a sentence that places
systems (the landscape, a thing run, installed or hosted on a host, each on its own machine),
names no failure (finestates.reports_a_failure) and speaks of no other part of a connection
(a call, TLS, a certificate, a proxy, a port, a status: abapsetting.speaks_of_a_connection
with the landscape's own nouns set aside) gives no keywords. "The host is not found", "the
system runs on host X and calls the API", "the PRD host is behind a proxy" stay evidence.
"""

from __future__ import annotations

import re

from assistant.intent.abapsetting import speaks_of_a_connection
from assistant.intent.finestates import reports_a_failure
from assistant.intent.fuzzy import normalize
from assistant.lazyre import LazyPattern

_MACHINE = r"(?:hosts?|servers?|machines?|vms?|virtual machines?|boxes|box|nodes?)"
# What places a system: the landscape named, a thing that runs / is installed / hosted on
# something, or each (both, all) on its own (a separate, the same) machine.
_PLACING = LazyPattern(
    r"\b(?:landscapes?|(?:runs?|running|installed|hosted|deployed|located)[ \t]+on"
    r"|on[ \t]+(?:its|their|the same|a separate|separate|different|one|a single|own)[ \t]+(?:own[ \t]+)?"
    + _MACHINE + r")\b",
    re.IGNORECASE,
    literals=("landscape", "on"),
)
# The landscape's own nouns: a machine named as where a system stands is no connection.
_OWN_NOUNS = LazyPattern(r"\b(?:" + _MACHINE + r"|hostnames?|network)\b", re.IGNORECASE,
                         literals=("host", "server", "machine", "vm", "box", "node", "network"))
_SENTENCE_END = re.compile(r"([!?\n]|\.(?=\s|$))")


def describes_the_landscape(sentence: str) -> bool:
    """The sentence places systems and says nothing else of the failure (module docstring)."""
    if _PLACING.search(sentence) is None:
        return False
    if reports_a_failure(normalize(sentence).split()):
        return False
    return not speaks_of_a_connection(_OWN_NOUNS.sub(" ", sentence))


def without_landscape_sentences(text: str) -> str:
    """`text` with each sentence that only describes the landscape blanked; the rest, and the
    sentence ends, as they were."""
    if _PLACING.search(text) is None:
        return text
    pieces = _SENTENCE_END.split(text)  # sentence, end, sentence, end, …
    for i in range(0, len(pieces), 2):
        if describes_the_landscape(pieces[i]):
            pieces[i] = " "
    return "".join(pieces)
