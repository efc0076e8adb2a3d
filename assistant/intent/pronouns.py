"""A pronoun that rules on the names of the last turn: "The Cloud Connector and the proxy are in
place." then "they are not involved".

Within one text, ruledcues.py carries a pronoun's ruling (not involved, not used, works fine) to
the names of the stretch before it. A turn that is only such a ruling has no names of its own:
it is read after the last turn's text (kept, bounded, as `DialogueState.said`), so the same rule
finds the names there — and only when the ruling does set one aside is the turn read so: the
last report, read again with the ruling, replaces the topic it set (a correction of that report,
not another problem). Any other short turn opening with "it" ("it only happens in the
background job") is read as it always was.
"""

from __future__ import annotations

import re

from assistant.intent.ruledcues import evidence_cues
from assistant.intent.scopecues import find_cues
from assistant.intent.state import DialogueState
from assistant.intent.typednegations import retyped_negations

SAID_CHARS = 2000  # what is kept of the last turn's text: its last sentences hold the names
RULING_WORDS = 12  # a longer turn says more than a ruling on names said before
NAMED_RULING_WORDS = 24  # … and one that names what it rules on, itself
_OPENS_WITH_A_PRONOUN = re.compile(r"^\W*(?:(?:and|but|both of|all of|und|aber)\s+)?(?:it|this|that|they|these|those|both|es|sie|beide)\b",
                                   re.IGNORECASE)


def ruled_after_the_last_turn(raw: str, state: DialogueState) -> str | None:
    """The last turn's text with this turn after it, when this turn is a pronoun's ruling that
    sets aside a name the last turn said, or a ruling on names of its own that reports no
    failure ("The Cloud Connector and the firewall are in place; they are not involved"): a
    correction of the last report, not a topic of its own. None otherwise."""
    read = retyped_negations(raw).text  # read before the parse stage: "they arent involved" too
    if state.said and _sets_its_own_names_aside(read):
        return f"{state.said}\n{raw.strip()}"
    if not state.said or len(read.split()) > RULING_WORDS or not _OPENS_WITH_A_PRONOUN.match(read):
        return None
    combined = f"{state.said}\n{read.strip()}"
    before, after = find_cues(state.said), find_cues(combined)
    if set(evidence_cues(before.hits, before, state.said)) == set(evidence_cues(after.hits, after, combined)):
        return None
    return f"{state.said}\n{raw.strip()}"


def _sets_its_own_names_aside(raw: str) -> bool:
    """A short turn that names products or programs and sets one aside itself, reporting no
    failed call: it only rules on what the report is not about."""
    from assistant.intent.failedcall import reports_a_failed_call

    if len(raw.split()) > NAMED_RULING_WORDS:
        return False
    found = find_cues(raw)
    kept = evidence_cues(found.hits, found, raw)
    return bool(found.hits) and len(kept) < len(found.hits) and not reports_a_failed_call(raw)


def as_a_correction(state: DialogueState) -> DialogueState:
    """The state to read the last report again with: none of the topic it set (the report sets
    it again), the conversation's earlier topics and turn count kept."""
    return DialogueState(turns=state.turns, began=state.began, earlier=state.earlier)
