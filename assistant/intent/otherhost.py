"""Certificates imported for one host, while the call to another host fails.

"SSL handshake with gitlab.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED … I have imported the
certificates from github.com and api.github.com": trust for one host says nothing of another
host's chain, which may come from another CA. A report of that shape is answered first with
that, and its import is no import "already done" for the failing host (intent.importdone).
Read by the structure of the text only: the host of a sentence that says a call failed, and
the hosts of a sentence that says certificates were imported (downloaded, uploaded,
installed) — only when both are there and the failing host is not among the imported ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.intent.hosts import find_hosts
from assistant.intent.negationwords import NEGATIONS
from assistant.lazyre import LazyPattern

MAX_READ = 16_000  # characters: a longer text is a pasted log

_SENTENCE = LazyPattern(r"(?<=[.!?])\s+|\n")
_FAILED = LazyPattern(
    r"\bfail(?:s|ed|ing|ure)?\b|\berror\b|\brefused\b|\buntrusted\b|\bnot\s+trusted\b|\bfehlgeschlagen\b",
    re.IGNORECASE,
)
_IMPORTED = LazyPattern(
    r"\b(?:imported|import(?:ing)?|uploaded|upload(?:ing)?|installed|downloaded|added|put|importiert|hochgeladen"
    r"|eingespielt)\b",
    re.IGNORECASE,
)
_CERTIFICATES = LazyPattern(r"\b(?:certificates?|certs?|chain|root|CA|\w*zertifikat\w*)\b", re.IGNORECASE)
# A sentence that negates the import or only plans or asks it: the shared negation words
# (intent.negationwords, as every reader of what a user states uses) and the words of a question or plan.
_NEGATION_WORDS = "|".join(sorted(NEGATIONS, key=len, reverse=True))
_NOT_DONE = LazyPattern(rf"\b(?:{_NEGATION_WORDS}|n't|how|should|need|needs|must|whether|if)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ImportedElsewhere:
    """The host whose call fails, and the hosts whose certificates the text says were imported."""

    failing: str
    imported: tuple[str, ...]


def imported_elsewhere(text: str) -> ImportedElsewhere | None:
    """The failing host and the other hosts certificates were imported for; None unless the
    text names both (see the module's docstring)."""
    return _read(text) if len(text) <= MAX_READ else None


@lru_cache(maxsize=16)
def _read(text: str) -> ImportedElsewhere | None:
    if "." not in text:
        return None
    failing: list[str] = []
    imported: list[str] = []
    for sentence in _SENTENCE.split(text):
        hosts = [h.lower() for h in find_hosts(sentence)[0]]
        if not hosts:
            continue
        if _IMPORTED.search(sentence) and _CERTIFICATES.search(sentence) and not _NOT_DONE.search(sentence):
            imported += hosts
        elif _FAILED.search(sentence):
            failing += hosts
    others = [h for h in failing if h not in imported]
    if not others or not imported:
        return None
    return ImportedElsewhere(others[0], tuple(dict.fromkeys(imported)))
