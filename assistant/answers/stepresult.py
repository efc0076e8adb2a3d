"""What a step said done produces: the verdict's lines after "did that" (intent.stepdone).

The step the last answer gave is done; saying it again reads as if the turn was not heard.
What comes next is what that step produces, by what the step itself does:

- a step that asks to raise or read the ICM trace (answers.tracestep: by what it asks, not
  by naming `dev_icm` in an aside) produces the trace: the next step is to
  paste its lines of the failing call, which the chat reads (the trace reader), with what the
  step itself says they show;
- a step that sets a profile parameter (it names one the base has as a parameter) takes
  effect when the ICM reads it: whether the ICM was restarted is asked, with the restart step
  of the cause itself (after the step done) or else the base's rule (settings_not_active);
- any other step: the cause's next step not yet done.

No sentence here states a fact of SAP's of our own: the restart and the trace come from the
base's steps; what the chat reads is the chat's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answers.limitedsteps import limits_named
from assistant.answers.tracestep import reads_the_trace
from assistant.answers.verdict import short_step
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause

DONE = "**Done:**"
NEXT = "**Next step:**"
DONE_CHARS = 120  # the step said done, named again only as far as needed to tell which
SETTINGS_RULE = "settings_not_active"  # the base's rule for when changes take effect
_RESTART = "restart"
PASTE_THE_TRACE = (f"{NEXT} Paste the `dev_icm` lines of the failing call here (`SMICM` → Goto → Trace File → "
                   "Display End): I read the handshake, its error and the certificates the server sent from them.")
_SENTENCE = re.compile(r"(?<=[.!])\s+(?=[A-Z`*])")


@dataclass(frozen=True, slots=True)
class StepRef:
    """One fix step of a cause: `key` is "cause_id:index" into the cause's `fix`."""

    cause: Cause
    index: int

    @property
    def key(self) -> str:
        return step_key(self.cause, self.index)

    @property
    def text(self) -> str:
        return self.cause.fix[self.index]


@dataclass(frozen=True, slots=True)
class StepResult:
    """The verdict's lines for a step said done, and the fix step they give next ("" for none)."""

    lines: str
    given: str = ""


def step_key(cause: Cause, index: int) -> str:
    return f"{cause.id}:{index}"


def step_ref(key: str, kb: KnowledgeBase) -> StepRef | None:
    """The fix step a key names, None for one the base does not have (another base, an old state)."""
    cause_id, _, index = key.rpartition(":")
    cause = kb.causes.get(cause_id)
    if cause is None or not index.isdigit() or int(index) >= len(cause.fix):
        return None
    return StepRef(cause, int(index))


def result_of_done_step(key: str, done: tuple[str, ...], kb: KnowledgeBase,
                        limits: tuple[str, ...] = ()) -> StepResult | None:
    """What the step `key` said done produces (see the module's rules); `done`: the topic's
    steps done. None when the step is a plain one: the cause's next open step follows it —
    and when the step it leads to names what the admin said they cannot use (`limits`,
    intent.statedlimits: "no SMICM authorization" and the trace to paste from SMICM), as the
    first answer skips such a step (answers.limitedsteps)."""
    result = _produced(key, done, kb)
    if result is None or limits_named(result.lines.rpartition(NEXT)[2], limits):
        return None
    return result


def _produced(key: str, done: tuple[str, ...], kb: KnowledgeBase) -> StepResult | None:
    """What the step `key` produces by the module's rules, whoever can take the next step."""
    ref = step_ref(key, kb)
    if ref is None:
        return None
    said = f"{DONE} {short_step(ref.text, DONE_CHARS)}"
    if reads_the_trace(ref.text, kb):
        shows = _what_it_shows(ref.text)
        return StepResult("\n\n".join(p for p in (said, shows, PASTE_THE_TRACE) if p))
    if _names_a_parameter(ref.text, kb):
        restart = _restart_step(ref, done, kb)
        if restart is not None:
            step = short_step(restart.text)
            return StepResult(f"{said}\n\n{NEXT} Was the ICM restarted after the change? If not: {step}",
                              restart.key)
    return None


def _what_it_shows(step: str) -> str:
    """The step's own sentence after the part the verdict gave ("The server's certificates
    appear as … blocks"), when it has one."""
    given = short_step(step).rstrip(" …")
    flat = " ".join(step.split())
    rest = flat[len(given):].strip() if flat.startswith(given) else ""
    first = _SENTENCE.split(rest, 1)[0].strip() if rest else ""
    return f"**What it shows:** {first}" if first else ""


def _names_a_parameter(step: str, kb: KnowledgeBase) -> bool:
    for entry in kb.glossary.values():
        if entry.kind == "parameter" and any(f"`{name}" in step for name in (entry.id, *entry.aliases)):
            return True
    return False


def _restart_step(ref: StepRef, done: tuple[str, ...], kb: KnowledgeBase) -> StepRef | None:
    """The cause's own restart step after the one done, else the base's rule's; none done yet."""
    own = [StepRef(ref.cause, i) for i in range(ref.index + 1, len(ref.cause.fix))]
    rule = kb.causes.get(SETTINGS_RULE)
    general = [StepRef(rule, i) for i in range(len(rule.fix))] if rule is not None else []
    return next((s for s in (*own, *general) if _RESTART in s.text.lower() and s.key not in done), None)
