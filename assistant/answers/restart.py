""""Do I need to restart the ICM?": when a change takes effect, as the base says it.

Only the base's own steps answer it, never a sentence of ours: the topic's lead cause's fix
step that restarts (the ICM "so that it re-reads the PSE", "if the change does not take
effect"), then the base's rule for every change (`settings_not_active`: after imports and
parameter changes, the ICM restart in SMICM, the instance for parameters that are not
dynamic). A lead cause whose fix names no restart is said to name none.
"""

from __future__ import annotations

from assistant.answers.pieces import cause_title
from assistant.answers.verdict import short_step, top_cause
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

SETTINGS_NOT_ACTIVE = "settings_not_active"  # the base's cause that says when changes take effect
_RESTART_WORD = "restart"


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
    return "\n\n".join(lines)


def names_a_topic(routed: Routed) -> bool:
    """The restart question is about a topic: the conversation's, or one the turn names by id.
    A message guessed from the word "restart" alone is none."""
    e = routed.entities
    return routed.follow_up or bool(e.message_ids or e.codes or e.icm_constants)
