"""A report that says the CA certificates were imported already, and what is left then.

"Imported the root and intermediate in STRUST, same error", "root and intermediate are in the
PSE, still SSL handshake failed": the admin did what an untrusted chain asks for, and the
answer must not lead with it again. The base marks each cause it concerns (`after_import`):
"fixed" when an import is the cause's fix, "remains" when it is why an import did not help —
the PSE the call really uses is another one, the ICM still runs with the old PSE or one
server did not get it, the chain that reaches the SAP system is not the one imported (TLS
inspection, no SNI), or it does not exist. With the import said done, those lead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.intent.clearevidence import shows_the_cause
from assistant.intent.contrastwords import says_only_part
from assistant.intent.entitytypes import Entities
from assistant.intent.negationwords import NEGATIONS
from assistant.intent.otherhost import imported_elsewhere
from assistant.intent.resolution import without_resolutions
from assistant.intent.result import ScoredCause
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase

FIXED, REMAINS = "fixed", "remains"
WINDOW = 5  # the remaining causes that move up are those among the first few …
LEADING = 2  # … and at most this many: the import's own cause still follows them, after what the
# text itself shows that an import does not fix (the wrong certificates may have been imported:
# a dev report imported github.com's for gitlab.com)

_CERTS = r"(?:certificates?|certs?|root(?:\s+CA)?|intermediates?|(?:root\s+and\s+)?intermediate\s+CA|CAs?|chain)"
_PLACE = r"(?:PSE|STRUST|certificate\s+list|trust\s*list|trust\s*store|SSL\s+client|ANONYM|DFAULT|SAPSSL[AC])"
_IMPORTED = r"(?:imported|added|uploaded|installed|maintained|put)"
# "imported the certificate(s)", "certificates were (already) imported", "root and intermediate
# are in the PSE", "added the CA to STRUST" — each a statement that the import was done.
_DONE = LazyPattern(
    rf"\b{_IMPORTED}\b(?:\s+\w+){{0,4}}?\s+{_CERTS}\b"
    rf"|\b{_CERTS}(?:\s+\w+){{0,3}}?\s+(?:(?:is|are|was|were|have\s+been|has\s+been)\s+)(?:already\s+|all\s+)?"
    rf"(?:{_IMPORTED}\b|(?:in|inside|into)\s+(?:the\s+|our\s+)?(?:\w+\s+)?{_PLACE})"
    rf"|\b(?:already|successfully)\s+{_IMPORTED}\b"
    # "imported it into the client PSE", "added them to STRUST": what goes into a PSE is a
    # certificate, so an import whose object is only a pronoun is one when its place is named.
    rf"|\b{_IMPORTED}\s+(?:it|them|this|that|these|those)\s+(?:in|into|to)\s+(?:the\s+|our\s+)?(?:\w+\s+){{0,2}}?{_PLACE}\b",
    re.IGNORECASE,
)
# What turns the statement into its opposite or a plan: "not imported", "how do I import",
# "need to import", "if the root is in the PSE".
_NEGATION_WORDS = "|".join(sorted(NEGATIONS, key=len, reverse=True))  # the shared list (negationwords)
_NOT_DONE = LazyPattern(
    rf"\b(?:{_NEGATION_WORDS}|n't|how|need|needs|should|must|want|wants|whether|if|which|where|can't|to)\s*$",
    re.IGNORECASE,
)
_CLAUSE_START = LazyPattern(r"[.;!?\n]|\b(?:but|and then|however)\b", re.IGNORECASE)


@lru_cache(maxsize=8)
def says_import_done(text: str) -> bool:
    """The text says the CA certificates were imported (into the PSE, in STRUST): a
    statement, not a question, a plan, a negation or a part left out ("only the root, not the
    intermediate"). Remembered per text: the lead, the cause
    order, the import kept for the topic and callerpse each ask it of the same turn (a 1 MB
    paste was scanned four times)."""
    for m in _DONE.finditer(text):
        start = max((c.end() for c in _CLAUSE_START.finditer(text, 0, m.start())), default=0)
        before = text[start:m.start()]
        if _NOT_DONE.search(" ".join(before.split()[-3:])) is None and "?" not in text[m.end():m.end() + 40] \
                and not says_only_part(_sentence_of(text, m.start(), m.end())):
            return True
    return False


def _sentence_of(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end]: an import said "only the root, not the
    intermediate" is what was left out (contrastwords), not an import done."""
    begin = max(text.rfind(stop, 0, start) for stop in ".!?\n") + 1
    ends = [i for i in (text.find(stop, end) for stop in ".!?\n") if i >= 0]
    return text[begin:min(ends, default=len(text))]


def import_done_first(causes: list[ScoredCause], text: str, kb: KnowledgeBase,
                      ruled_out: frozenset[str] = frozenset(), said_before: bool = False,
                      entities: Entities | None = None) -> list[ScoredCause]:
    """The ranked causes for a report that says the import was done and whose first cause is
    one an import fixes: two causes that remain after an import lead — those whose own signs
    are such a statement first (another PSE, the ICM not restarted), then the others among the
    first few, each in their order — then the rest in theirs, those the text shows itself that
    an import does not fix before the others (_shown_before_fixed). A remaining cause whose own
    signs are such a statement ("already imported": another PSE, the ICM not restarted) comes in at the last
    one's score when the ranking left it out — the statement is its sign. Unchanged when the
    text says no such thing or an import is not what the answer would lead with. A cause in
    `ruled_out` (the import went into the PSE the caller uses: callerpse) neither leads nor
    comes in. `said_before`: an earlier turn on the topic said the import was done
    (importmemory), which this turn ("and now?") need not repeat. `entities`: what the text
    names (its codes: clearevidence tells a wrapping code's name from a cause's own sign)."""
    # A cause ruled out leads no more: what follows it is read as if it led (an import fixes it or not).
    # A cause ruled out by the PSE is itself an import said done (callerpse: "SM59 says ANONYM.
    # imported there too" names its object by the PSE, not by the certificates).
    # … but a first cause the text shows itself (a code, a status, a sign) that an import does not
    # touch keeps its place: the import argues only against what an import fixes.
    entities = entities or Entities()
    if not causes or (_after_import(causes[0].id, kb) != FIXED and (not ruled_out or _untouched_shown(causes[0], entities, kb))) \
            or not (ruled_out or said_before or _import_said_done(text)):
        return causes
    if imported_elsewhere(text) is not None:  # imported for another host: nothing done for the failing one
        return causes
    remains = [c for c in causes[:WINDOW] if _after_import(c.id, kb) == REMAINS and c.id not in ruled_out]
    floor = min((c.score for c in remains), default=causes[0].score)
    # Ranked below the first few is left out as much as not ranked at all: "already
    # imported" names the cause either way (a small shift of its score must not lose it).
    known = {c.id for c in causes[:WINDOW]}
    added = [ScoredCause(cid, floor, "sign") for cid, cause in kb.causes.items()
             if cause.after_import == REMAINS and cid not in known | ruled_out and _signs_say_imported(cause.signs)]
    # The causes whose own signs are the statement come first: the base names them for it.
    # The statement is their sign even when the ranking met them by a keyword only.
    named = [ScoredCause(c.id, c.score, "sign") for c in remains if _signs_say_imported(kb.causes[c.id].signs)]
    lead = [*named, *added, *[c for c in remains if c.id not in {n.id for n in named}]][:LEADING]
    moved = {c.id for c in lead}
    return [*lead, *_shown_before_fixed([c for c in causes if c.id not in moved], entities, kb)]


def _shown_before_fixed(causes: list[ScoredCause], entities: Entities, kb: KnowledgeBase) -> list[ScoredCause]:
    """`causes` (those after what an import leaves) with the ones the text shows itself (a code,
    a status, a sign: clearevidence) that an import does not fix first, each part in its order.
    The import said done and the failure stayed argues against what an import fixes, not
    against what the text's own code names: "SSSLERR_SSL_READ … imported the root and the
    intermediate, same error" is the TLS version or cipher the code points to before the
    untrusted chain the import was for (abapGit issue 2991; invented reports with SSL_READ,
    SSSLRC_CONN_CLOSED, a proxy's 407: tests/unit/test_import_code_first.py)."""
    shown = [c for c in causes if _after_import(c.id, kb) != FIXED and shows_the_cause(c, entities, kb)]
    return [*shown, *(c for c in causes if c not in shown)]


def _untouched_shown(cause: ScoredCause, entities: Entities, kb: KnowledgeBase) -> bool:
    """A cause the text shows itself and on which an import has no bearing (neither its fix
    nor why it did not help): a proxy's 407, a refused connection's code."""
    return _after_import(cause.id, kb) is None and shows_the_cause(cause, entities, kb)


def _after_import(cause_id: str, kb: KnowledgeBase) -> str | None:
    cause = kb.causes.get(cause_id)
    return cause.after_import if cause is not None else None


def fixed_by_import(kb: KnowledgeBase) -> frozenset[str]:
    """The causes an import fixes (`after_import: fixed`): with the import said done none of
    them heads the answer (intent.importmemory, intent.lead), whatever message lists them —
    they stay in the list, after what remains (import_done_first), since the certificates
    imported may have been the wrong ones."""
    return frozenset(cid for cid, cause in kb.causes.items() if cause.after_import == FIXED)


def named_by_the_import(cause_id: str, kb: KnowledgeBase) -> bool:
    """A cause whose own signs are an import said done (another PSE, the ICM not restarted):
    with that statement in the text it leads because of it (import_done_first), as why the
    import did not help — not as what failed, which the message still names (intent.lead)."""
    cause = kb.causes.get(cause_id)
    return cause is not None and cause.after_import == REMAINS and _signs_say_imported(cause.signs)


def _import_said_done(text: str) -> bool:
    """An import stated as done for the failing host: not one the text says solved the problem
    (resolution.py), nor one made for another host (otherhost)."""
    return says_import_done(without_resolutions(text)) and imported_elsewhere(text) is None


def _signs_say_imported(signs: tuple[str, ...]) -> bool:
    return any(says_import_done(sign) for sign in signs)
