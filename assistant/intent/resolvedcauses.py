"""The cause a report's own resolution names counts for it, strongly.

"Solved by importing the root CA", "the problem was the firewall", "it turned out the path
prefix in SM59 was wrong" (intent.resolution finds such statements): the reporter has tried
the fix and seen it work, so the cause it names is confirmed as far as words can confirm
it. Each statement is read on its own with the router's own evidence stages, and the one
cause it shows best gets `Weights.resolution`, as a sign of it (so no later rule moves it
back as a step already passed: intent.stagereached, intent.clearevidence).

A statement that a CA certificate was put into a trust store ("imported the intermediate
into STRUST, now it works", "I didn't have the G3/G5 roots in my STRUST, so I put them",
"replaced the package's cacert.pem") confirms a cause an import fixes (the base's
`after_import: fixed`) — the one the statement's words point to, else the base's first —
unless the statement itself shows a cause an import does not fix ("imported into the wrong
PSE"). The same import said NOT to have helped is no statement, and intent.importdone
still reads it as done.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from assistant.intent.clearevidence import CLEAR_EVIDENCE
from assistant.intent.evidence import (
    CauseEvidence,
    MessageEvidence,
    cause_evidence,
    message_evidence,
)
from assistant.intent.importdone import FIXED, REMAINS
from assistant.intent.parsing import ParsedText, clean_text, parse_text
from assistant.intent.resolution import Resolution, resolution_statements
from assistant.intent.state import DialogueState
from assistant.intent.statedcauses import with_stated
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.intent.kbindex import RouterIndex
    from assistant.intent.result import EvidenceKind
    from assistant.intent.weights import Weights
    from assistant.kb.knowledge_base import KnowledgeBase

# The kinds of evidence by which a statement shows a cause: its own words (a sign, most of a
# sign's words, its title, a code, a status). Words a statement merely shares with a cause's
# explanation are not enough: read alone, a few words meet several causes' prose at once
# ("connect from home", "log into the space").
SHOWN_BY: frozenset[EvidenceKind] = CLEAR_EVIDENCE | {"loose_sign"}

_CA_CERTIFICATE = LazyPattern(
    r"\b(?:certificates?|certs?|root(?:\s*-?\s*CA)?s?|intermediates?|CAs?|chain|cacerts?|ca[\s-]?bundle"
    r"|\w*zertifikat\w*)\b",
    re.IGNORECASE,
)
_CLIENT_CERTIFICATE = LazyPattern(r"\bclient[\s-]?(?:certificate|cert)|\bClientzertifikat", re.IGNORECASE)
# Where a CA certificate is put, or the putting itself.
_INTO_TRUST = LazyPattern(
    r"\b(?:import\w*|added|adding|add|install\w*|put|putting|upload\w*|cop(?:y|ied|ying)|eingespielt|hinzugef\w+)\b"
    r"|\b(?:PSE|STRUST|trust\s*(?:store|list)|key\s*store|cacerts?|bundle|certificate\s+list|ANONYM|DFAULT|JVM|JDK)\b",
    re.IGNORECASE,
)


class StatementReading(NamedTuple):
    """What one resolution statement shows: the cause it names, and whether it is a CA
    certificate put into a trust store that worked (then `shown`, the statement's own
    evidence, is what it lent the causes that remain after an import)."""

    cause: str | None
    import_worked: bool = False
    shown: Mapping[str, float] = {}


def with_resolutions(causes: CauseEvidence, parsed: ParsedText, kb: KnowledgeBase, index: RouterIndex,
                     w: Weights) -> CauseEvidence:
    """`causes` with `Weights.resolution` added to the cause each resolution statement of the
    text names (none for most texts: a cheap scan first). An import that worked lends nothing
    to the causes that remain after an import (another PSE, the ICM not restarted): what its
    words gave them is taken back — it did not stay unsolved."""
    for statement in resolution_statements(parsed.raw):
        reading = read_statement(statement.names, kb, index, w)
        if reading.cause is None:
            continue
        causes.add(reading.cause, w.resolution, "sign")
        if reading.import_worked:
            _taken_back(causes, reading.shown, kb)
    return causes


def read_statement(names: str, kb: KnowledgeBase, index: RouterIndex, w: Weights) -> StatementReading:
    """The cause a statement's words show best, read on their own; for a CA certificate put
    into a trust store, the cause an import fixes (see the module's docstring)."""
    text = clean_text(names)
    if not text.strip():
        return StatementReading(None)
    parsed = parse_text(text, kb, index)
    found = cause_evidence(parsed, message_evidence(parsed, kb, index, w), DialogueState(), kb, index, w)
    shown = {c: s for c, s in found.scores.items() if s > 0 and found.strongest(c) in SHOWN_BY}
    if _puts_a_ca_into_trust(text) and not any(
        kb.causes[c].after_import == REMAINS and found.strongest(c) in CLEAR_EVIDENCE for c in shown
    ):
        fixed = {c: s for c, s in shown.items() if kb.causes[c].after_import == FIXED}
        return StatementReading(max(fixed, key=fixed.__getitem__) if fixed else _first_fixed(kb), True, found.scores)
    return StatementReading(max(shown, key=shown.__getitem__) if shown else None)


def _taken_back(causes: CauseEvidence, lent: Mapping[str, float], kb: KnowledgeBase) -> None:
    """Take back from each cause that remains after an import what the statement lent it."""
    for cause_id, score in lent.items():
        known = kb.causes.get(cause_id)
        if known is None or known.after_import != REMAINS or cause_id not in causes.scores:
            continue
        left = causes.scores[cause_id] - score
        if left > 0:
            causes.scores[cause_id] = left
        else:
            del causes.scores[cause_id]
            causes.kinds.pop(cause_id, None)


def _puts_a_ca_into_trust(text: str) -> bool:
    return bool(_CA_CERTIFICATE.search(text) and _INTO_TRUST.search(text) and not _CLIENT_CERTIFICATE.search(text))


def _first_fixed(kb: KnowledgeBase) -> str | None:
    return next((cid for cid, c in kb.causes.items() if c.after_import == FIXED), None)


def cause_evidence_read(parsed: ParsedText, messages: MessageEvidence, state: DialogueState, kb: KnowledgeBase,
                        index: RouterIndex, w: Weights) -> CauseEvidence:
    """The router's cause evidence (evidence.cause_evidence) with the report's own resolution
    and what the admin states of a cause (intent.statedcauses)."""
    found = with_resolutions(cause_evidence(parsed, messages, state, kb, index, w), parsed, kb, index, w)
    return with_stated(found, parsed.raw, kb, w)


def resolution_of(text: str, kb: KnowledgeBase, index: RouterIndex, w: Weights) -> Resolution | None:
    """The report's own resolution, for the answer to say first ("solved by importing the
    root CA"): the last statement that names a cause, else the last one; None for a text that
    states none (most texts), or one whose fix is said not to have helped (resolution.py).
    Its words are said back (the answer, JSON), so they come with their passwords masked.
    `solved` is False for a finding ("I found out that …") or a statement a question follows;
    `tentative` for a fix said with a hedge ("it seems to have solved it")."""
    statements = resolution_statements(text)
    if not statements:
        return None
    read = [Resolution(s.names, read_statement(s.names, kb, index, w).cause, s.solved, s.tentative) for s in statements]
    chosen = next((r for r in reversed(read) if r.cause is not None), read[-1])
    from assistant.redact import mask_said  # only when a resolution was stated

    return chosen._replace(names=mask_said(chosen.names))  # said back: no password typed in it
