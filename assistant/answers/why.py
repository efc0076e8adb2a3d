"""The verdict's answer to a bare "why?" about the topic: why its lead cause is the likely one.

Asked right after an answer ("why?", "warum?", "how come?"), the question is about the cause
the verdict just named. Before, the reply was that verdict again, word for word: the cause's
explanation sat in a folded "Likely causes" section. This line says it under the cause — the
base's own explanation, cut to a sentence or two (the cause line above already says when a
check or the trace found it). A follow-up that names a subject ("why the
proxy?") or a first report asking why is answered as before.
"""

from __future__ import annotations

from assistant.answers.verdict import short_step, top_cause
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

WHY_CHARS = 280


def why_line(routed: Routed, kb: KnowledgeBase) -> str:
    if routed.intent != "causes" or not routed.follow_up or routed.subject is not None:
        return ""
    cause = top_cause(routed, kb)
    if cause is None or not cause.explanation.strip():
        return ""
    return f"**Why:** {short_step(cause.explanation, WHY_CHARS)}"
