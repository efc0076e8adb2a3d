"""The verdict's one next step, and which of the cause's fix steps it gives.

The step given is recorded with the conversation (services.answering → `DialogueState.step_given`),
so a turn that says it was done ("did that", "erledigt": intent.stepdone) is known to mean it:
that answer says what the step produces (answers.stepresult), and on this topic a step said
done is never the next step again.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answers.clientside import fix_steps
from assistant.answers.limitedsteps import (
    for_someone_who_can,
    limits_named,
    skipped_line,
    usable_steps,
)
from assistant.answers.situation import situation
from assistant.answers.stepresult import DONE, DONE_CHARS, result_of_done_step, step_key, step_ref
from assistant.answers.subject import place_line, step_in_place, step_on_subject
from assistant.answers.verdict import short_step, top_cause
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause


@dataclass(frozen=True, slots=True)
class NextStep:
    """The verdict's next-step line(s), and the fix step they give ("cause_id:index"; "" when
    none of the cause's own steps: a check's own step, the trace to paste)."""

    line: str = ""
    given: str = ""


def next_step(routed: Routed, kb: KnowledgeBase) -> NextStep:
    """The lead cause's next step for this turn: after a step said done, what it produces;
    on a subject or a place the turn names, the step on it; after a check or a trace, what it
    said to do; else the cause's first step not said done on this topic — of those that name
    nothing the admin said they cannot use (limitedsteps), if any does not."""
    if routed.step_done:
        result = result_of_done_step(routed.step_done, routed.state.steps_done, kb, routed.state.cannot_use)
        if result is not None:
            return NextStep(result.lines, result.given)
    cause = top_cause(routed, kb)
    done = frozenset(routed.state.steps_done)
    steps = _open_steps(cause, fix_steps(cause, routed, kb), done) if cause is not None else ()
    if cause is None or not steps:
        return NextStep()
    limits = routed.state.cannot_use
    open_steps, steps = steps, usable_steps(steps, limits)
    # A follow-up on a subject ("what about TLS 1.3?"): the step on it, when the cause has one.
    on_subject = step_on_subject(steps, cause, routed, kb)
    # … or done where it asks ("how do I fix it in STRUST?", "where is that parameter?").
    asked = on_subject or (None if routed.step_done else step_in_place(steps, routed, kb))
    confirmed = routed.state.confirmed_step if cause.id == routed.state.confirmed_cause else ""
    if asked is None and confirmed and not limits_named(confirmed, limits):
        # The live check found this cause and said what to do from what it saw ("cut on every
        # try …"): that stays the next step, not the cause's first fix ("if it is sporadic …").
        return NextStep(f"**Next step:** {confirmed[:1].upper()}{confirmed[1:]}")
    chosen = asked or steps[0]
    step = short_step(chosen)
    # "In an SM59 connection test: check …" after a text that reports one: the lead-in
    # only repeats what the user said.
    lead = situation(routed)
    if lead and step.startswith(lead + ": "):
        rest = step[len(lead) + 2:]
        step = rest[:1].upper() + rest[1:]
    step = for_someone_who_can(step, limits)
    skipped = skipped_line(open_steps[:open_steps.index(chosen)] if chosen in open_steps else (), limits)
    missing = "" if routed.step_done else place_line(steps, cause, routed, kb)
    said = _said_done(routed, kb)
    line = "\n\n".join(p for p in (said, missing, skipped, f"**Next step:** {step}") if p)
    return NextStep(line, step_key(cause, cause.fix.index(chosen)) if chosen in cause.fix else "")


def _open_steps(cause: Cause, steps: tuple[str, ...], done: frozenset[str]) -> tuple[str, ...]:
    """The steps not said done on this topic, in their order."""
    return tuple(s for s in steps if s not in cause.fix or step_key(cause, cause.fix.index(s)) not in done)


def _said_done(routed: Routed, kb: KnowledgeBase) -> str:
    """"**Done:** …" for the step this turn said done, before the next one."""
    ref = step_ref(routed.step_done, kb) if routed.step_done else None
    return f"{DONE} {short_step(ref.text, DONE_CHARS)}" if ref is not None else ""
