"""Where a follow-up asks the fix to be made: "how do I fix it in STRUST?", "and in SM59?",
"what do I need to do in STRUST?", "where is that parameter?", "wo setze ich den Parameter?"
(what is to be done, in any modal wording, asks the fix: cues.WHAT_TO_DO, never a term's
question).

The tools of every fix (STRUST, SM59, SMICM …) point to no cause of their own
(intent.subject leaves them out), yet naming one in a follow-up asks for the step that is
done there: an answer that repeats the topic's first step (an ICM trace) ignores the
question. The router only records the places named; the answer picks the step
(answers.subject.step_in_place).
"""

from __future__ import annotations

import re

from assistant.intent.limitclauses import StatedLimits
from assistant.intent.parsing import ParsedText
from assistant.lazyre import LazyPattern

# The transactions and tools a fix step is done in (intent.subject's routine terms).
PLACES = frozenset({"STRUST", "SMICM", "SM59", "SICF", "RZ10", "RZ11", "DEV_ICM", "ICM"})
# "that parameter", "the profile parameter", "den Parameter", "Profilparameter": a parameter
# asked about by the word, not by its name.
PARAMETER = "parameter"
_PARAMETER_WORD = LazyPattern(r"\b(?:profil(?:e)?[- ]?)?parameters?\b", re.IGNORECASE)

_NO_LIMITS = StatedLimits()


def places_asked(parsed: ParsedText, *, follow_up: bool, limits: StatedLimits = _NO_LIMITS) -> tuple[str, ...]:
    """The places a follow-up names, in the text's order of kinds: transactions first, then
    `PARAMETER` when it asks for a profile parameter by the word alone. () for a turn that
    brings its own topic: there the transactions are part of the report. A transaction the
    turn names in a stated limit ("keine Berechtigung für SMICM", "I have SMICM access") is
    said of the admin, not asked of the fix: no place (answers.limitedsteps hands the step on)."""
    if not follow_up:
        return ()
    e = parsed.entities
    said_of_the_admin = limits.denied | limits.granted
    named = tuple(t for t in e.transactions if t in PLACES and t not in said_of_the_admin)
    if not e.parameters and _PARAMETER_WORD.search(parsed.raw):
        named += (PARAMETER,)
    return named
