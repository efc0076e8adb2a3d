"""The topic's stated facts, kept in the dialogue state for the turns after them.

"The proxy is not involved" is said once; a later "is it the proxy?" should be answered from
it ("You said the proxy is not involved"), not as if nothing had been said. The state keeps
each statement as a short string — its subject, its polarity and the words as said, masked
(no password is kept) and cut — the newest first, one per subject, a few at most: a state is
saved with the conversation.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.intent.statedfacts import StatedFact
from assistant.redact import mask_said

KEPT = 6  # statements kept per topic
SAID_KEPT = 160  # characters of a statement's words kept
_SEP = "|"


def kept_statements(earlier: tuple[str, ...], facts: Iterable[StatedFact]) -> tuple[str, ...]:
    """The topic's statements after this turn: the turn's first, then the earlier ones of
    subjects the turn does not state again (a new statement of a subject replaces the old)."""
    new = [_kept(f) for f in facts]
    subjects = {s.split(_SEP, 1)[0] for s in new}
    older = [s for s in earlier if s.split(_SEP, 1)[0] not in subjects]
    return tuple(dict.fromkeys([*new, *older]))[:KEPT]


def statements_of(kept: tuple[str, ...]) -> tuple[StatedFact, ...]:
    """The kept statements as facts again (their place in a text is gone: 0, 0); a string not
    in the kept form is left out."""
    facts = []
    for item in kept:
        subject, polarity, said = [*item.split(_SEP, 2), "", ""][:3]
        if subject and polarity in ("0", "1") and said:
            facts.append(StatedFact(subject, polarity == "1", said, 0, 0))
    return tuple(facts)


def _kept(fact: StatedFact) -> str:
    said = " ".join(mask_said(fact.said).split())[:SAID_KEPT]
    return _SEP.join((fact.subject, "1" if fact.affirmed else "0", said))
