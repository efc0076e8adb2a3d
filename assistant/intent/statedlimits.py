"""What a turn says of the topic's steps: the step said done (stepdone) and the limits it
states (limitclauses: the clause reader, kept apart so the parse stage can read limits out of
the evidence without the dialogue's modules)."""

from __future__ import annotations

from typing import NamedTuple

from assistant.intent.limitclauses import (
    OS,
    RESTART,
    StatedLimits,
    stated_limits,
    without_stated_limits,
)
from assistant.intent.state import DialogueState
from assistant.intent.stepdone import step_said_done
from assistant.kb.knowledge_base import KnowledgeBase

__all__ = ["OS", "RESTART", "StatedLimits", "StepsSaid", "kept_limits", "stated_limits", "steps_said",
           "without_stated_limits"]


class StepsSaid(NamedTuple):
    """What a turn says of the topic's steps: `done` — the step it says was done (stepdone);
    `limits` — what it says the admin cannot use."""

    done: str = ""
    limits: StatedLimits = StatedLimits()


NOTHING_SAID = StepsSaid()


def steps_said(raw: str, state: DialogueState, kb: KnowledgeBase, *, on_the_topic: bool) -> StepsSaid:
    """The turn's word on the steps: a step said done only on the topic ("did that"), a limit
    on any turn ("no access to SMICM" beside a new report holds for it too)."""
    return StepsSaid(step_said_done(raw, state) if on_the_topic else "", stated_limits(raw, kb))


def kept_limits(earlier: tuple[str, ...], limits: StatedLimits) -> tuple[str, ...]:
    """The topic's limits after this turn: the earlier ones not lifted, and the turn's."""
    return tuple(sorted({*(x for x in earlier if x not in limits.granted), *limits.denied}))
