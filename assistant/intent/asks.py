"""Two questions a follow-up asks about the topic that no cause's words answer.

"Who has to fix it, us or them?" / "is that on our side or theirs?" / "wer muss das beheben?"
asks whose side the fix is on; "do I need to restart the ICM?" / "muss ich den ICM neu
starten?" asks when a change takes effect. Both name no new failure: the topic stays, and the
answer (answers.whofixes, answers.restart) reads its reply off the topic and the base.
A report that the call still fails "after a restart" asks nothing: only a question counts.
"""

from __future__ import annotations

import re

from assistant.intent.actrequests import ACT, asks_to_act
from assistant.intent.parsing import ParsedText
from assistant.intent.state import DialogueState
from assistant.lazyre import LazyPattern

WHO_FIXES = "who_fixes"
RESTART = "restart"
MAX_WORDS = 25  # a longer text is a report, whose words about a restart tell its story

_WHO_FIXES = LazyPattern(
    r"\bwho(?:'s|\s+is)?\s+(?:has\s+to|have\s+to|must|should|needs?\s+to|can|will|supposed\s+to|responsible)\b"
    r"[^?.!]{0,40}?\b(?:fix|solve|resolve|repair|correct|change|for\s+(?:it|this|that))\b"
    r"|\bwhose\s+(?:side|fault|problem|issue|responsibility|job)\b"
    r"|\b(?:our|my)\s+side\s+or\s+(?:on\s+)?(?:theirs|their\s+side|the\s+other\s+side|the\s+server'?s?)"
    r"|\bus\s+or\s+(?:them|the\s+(?:partner|provider|vendor|server|other\s+side))\b"
    r"|\bwer\s+(?:muss|soll|kann|sollte)\b[^?.!]{0,40}?\b(?:beheben|loesen|lösen|fixen|reparieren|korrigieren)"
    r"|\b(?:unserer|unsere|eurer|deren|ihrer)\s+seite\s+oder\b|\bwessen\s+(?:seite|fehler|problem)\b"
    r"|\bwer\s+ist\s+(?:da\s+)?(?:zuständig|zustaendig|verantwortlich)\b",
    re.IGNORECASE,
    literals=("who", "whose", " side or", "us or ", "wer ", "seite oder", "wessen"),
)
_RESTART = LazyPattern(
    r"\b(?:restart\w*|reboot\w*|bounce|neu\s*start\w*|neustart\w*|neu\s+gestartet)\b",
    re.IGNORECASE,
    literals=("restart", "reboot", "bounce", "neu start", "neustart", "neu gestartet"),
)
# A yes/no question typed without its question mark ("do i need to restart icm after import",
# "should we restart the icm"): English and German put the auxiliary before the subject.
_OPENS_AS_QUESTION = LazyPattern(
    r"^\W*(?:do|does|did|should|shall|must|need|can|could|will|would|is|are|"
    r"muss|müssen|muessen|soll|sollte|sollen|kann|können|koennen)\s+"
    r"(?:i|we|you|one|it|they|the|this|that|ich|wir|man|es|der|die|das)\b",
    re.IGNORECASE,
)


def asks_of(parsed: ParsedText) -> tuple[str, ...]:
    """What the turn asks of these two (in this order), () for most texts: a short question,
    with its question mark or opening as one; and ACT, a request sapassist cannot carry out
    (intent.actrequests: "call the vendor"), in any form."""
    text = parsed.raw
    act = (ACT,) if asks_to_act(text) else ()  # "open a ticket at SAP for me": no question needed
    if parsed.n_words > MAX_WORDS or ("?" not in text and not _OPENS_AS_QUESTION.search(text)):
        return act
    asks = (WHO_FIXES,) if _WHO_FIXES.search(text) else ()
    return asks + ((RESTART,) if _RESTART.search(text) else ()) + act


def asks_in_general(parsed: ParsedText, state: DialogueState) -> bool:
    """A restart question with no topic to ask it about: neither the conversation has one nor
    the turn names an id, code or ICM constant. It asks the general rule (answers.restart):
    no message is guessed from the word "restart", no topic is set and no error text asked for."""
    e = parsed.entities
    if state.has_topic or e.message_ids or e.codes or e.icm_constants:
        return False
    return RESTART in asks_of(parsed)
