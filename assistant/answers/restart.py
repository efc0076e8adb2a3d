""""Do I need to restart the ICM?": when a change takes effect, as the base says it.

Only the base's own steps answer it, never a sentence of ours: the topic's lead cause's fix
step that restarts (the ICM "so that it re-reads the PSE", "if the change does not take
effect"), then the base's rule for every change (`settings_not_active`: after imports and
parameter changes, the ICM restart in SMICM, the instance for parameters that are not
dynamic). A lead cause whose fix names no restart is said to name none.

Asked with no topic, the answer is the general rule, all of it the base's: the ICM restart
(that rule's step), the parameters the base's own entries mark as not dynamic (they need a
restart), those it marks as changeable dynamically (none needed — and what RZ11's entry says
of a dynamic change). No parameter is named that the base does not mark so.
"""

from __future__ import annotations

import re

from assistant.answers.pieces import cause_title
from assistant.answers.verdict import short_step, top_cause
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

SETTINGS_NOT_ACTIVE = "settings_not_active"  # the base's cause that says when changes take effect
_RESTART_WORD = "restart"
# How the base's parameter entries say whether RZ11 can change them while the system runs.
_NOT_DYNAMIC = re.compile(r"\bnot dynamic(?:ally)?\b", re.IGNORECASE)
_DYNAMIC = re.compile(r"\b(?:changeable dynamically|dynamically changeable)\b", re.IGNORECASE)
_DYNAMIC_CHANGES_ENTRY = "RZ11"  # the entry that says what becomes of a dynamic change


def restart_lines(routed: Routed, kb: KnowledgeBase) -> str:
    """The verdict lines that answer a restart question ("" when the base has no step on it)."""
    lines = []
    cause = top_cause(routed, kb) if names_a_topic(routed) else None
    if cause is not None and cause.id != SETTINGS_NOT_ACTIVE:
        own = next((s for s in cause.fix if _RESTART_WORD in s.lower()), None)
        title = cause_title(cause, routed.scope.kind)
        lines.append(f"**For {title}:** {short_step(own)}" if own else
                     f"**{title}:** its fix steps name no ICM restart.")
    rule = kb.causes.get(SETTINGS_NOT_ACTIVE)
    step = next((s for s in rule.fix if _RESTART_WORD in s.lower()), None) if rule is not None else None
    if step is not None:
        lines.append(f"**In general:** {short_step(step)}")
    if not names_a_topic(routed):
        lines += _parameter_lines(kb)
    return "\n\n".join(lines)


def _parameter_lines(kb: KnowledgeBase) -> list[str]:
    """Which parameters need a restart and which none, as the base's own entries mark them."""
    fixed, dynamic = [], []
    for entry in kb.glossary.values():
        if entry.kind != "parameter":
            continue
        if _NOT_DYNAMIC.search(entry.text):
            fixed.append(entry.title)
        elif _DYNAMIC.search(entry.text):
            dynamic.append(entry.title)
    lines = []
    if fixed:
        lines.append(f"**Needs a restart (not dynamic):** {_names(fixed)}.")
    if dynamic:
        rz11 = kb.glossary.get(_DYNAMIC_CHANGES_ENTRY)
        lost = next((s for s in _sentences(rz11.text) if _RESTART_WORD in s.lower()), "") if rz11 else ""
        lines.append(f"**No restart needed (changeable dynamically in `RZ11`):** {_names(dynamic)}. {lost}".strip())
    return lines


def _names(parameters: list[str]) -> str:
    return ", ".join(f"`{p}`" for p in sorted(parameters))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s.strip()]


def names_a_topic(routed: Routed) -> bool:
    """The restart question is about a topic: the conversation's, or one the turn names by id.
    A message guessed from the word "restart" alone is none."""
    e = routed.entities
    return routed.follow_up or bool(e.message_ids or e.codes or e.icm_constants)
