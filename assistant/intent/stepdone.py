"""A turn that says the step the last answer gave was done: "ok trace lvl 3 done", "done, set
the parameter", "did that", "erledigt", "hab ich gemacht".

The admin followed the one next step and says so, mostly without its result. Answering with
that step again reads as if the turn was not heard; the step is done, so what comes next is
what it produces (answers.stepresult: the trace to paste, whether the ICM was restarted) and,
on this topic, the cause's next step. Which step was done is the one the last answer gave
(`DialogueState.step_given`, recorded by the answering service); the turn need not name it.

Structural, no phrase of one report: a short statement (no question, no negation or plan
before it) with a word that says something was done, in English or German. An import said
done is importdone's and actedon's (its own causes move), not a step's here.
"""

from __future__ import annotations

import re

from assistant.intent.dialogue import FOLLOW_UP_WORDS, asks_a_question
from assistant.intent.importdone import says_import_done
from assistant.intent.negationwords import NEGATIONS
from assistant.intent.state import DialogueState
from assistant.lazyre import LazyPattern

# Words that say a thing was done: "done", "did that/it/so", "finished", "erledigt",
# "(hab ich) gemacht", "getan", "fertig".
_DONE = LazyPattern(
    r"\b(?:done|did\s+(?:that|it|this|so|as\s+you\s+said)|finished|erledigt|gemacht|getan|fertig)\b",
    re.IGNORECASE,
    literals=("done", "did", "finished", "erledigt", "gemacht", "getan", "fertig"),
)
# What, just before the word, makes it a negation or a plan: "not done yet", "haven't done
# that", "noch nicht gemacht", "to be done", "will be done", "how do I get that done".
_PLAN_WORDS = frozenset("""n't to be will shall should must need needs how if whether when get gets getting
                        noch wird werden soll muss""".split())
_BEFORE = 3  # the words before the done-word read for a negation or plan


def says_step_done(raw: str) -> bool:
    """`raw` (the turn as typed) is a short statement that something was done: a done-word
    with no negation or plan just before it, no question, no import (importdone's)."""
    words = raw.split()
    if not words or len(words) > FOLLOW_UP_WORDS or asks_a_question(raw) or "?" in raw:
        return False
    if says_import_done(raw):
        return False
    for m in _DONE.finditer(raw):
        before = [w.strip(".,;:!").lower() for w in raw[: m.start()].split()[-_BEFORE:]]
        if not any(w in NEGATIONS or w in _PLAN_WORDS or w.endswith("n't") for w in before):
            return True
    return False


def step_said_done(raw: str, state: DialogueState) -> str:
    """The step the last answer gave (`state.step_given`), when this turn says it was done;
    "" when no step was given or the turn says no such thing."""
    if not state.step_given or state.step_given in state.steps_done:
        return ""
    return state.step_given if says_step_done(raw) else ""
