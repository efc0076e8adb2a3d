"""Causes that only a message the answer sets aside brought in.

Beside another kind of failure than the SAP HTTP client, the answer says which SCLNT_HTTP
message a number is *not*: "Not SCLNT_HTTP404 (No more memory): that is the ICM's own code;
here HTTP 404 Not Found is …". The router still lets the message of each such number lend
its causes (`ScoredCause.evidence == "message"`), so the same answer listed "ICM out of
resources" — SCLNT_HTTP404's cause — under a 404 the called server sent. A cause whose only
evidence is that lending has none left once the message is set aside: it is not listed.
"""

from __future__ import annotations

from assistant.intent.layercauses import SAP_CLIENT
from assistant.intent.result import Routed, ScoredCause
from assistant.kb.knowledge_base import KnowledgeBase

LENT = "message"  # the evidence kind of a cause that a ranked message's cause order lent


def set_aside_messages(routed: Routed, kb: KnowledgeBase) -> frozenset[str]:
    """The SCLNT_HTTP messages the answer says the text is not: the scope's `not_message`
    and the message of every number read, decidedly, as a real HTTP status."""
    ids = {routed.scope.not_message} if routed.scope.not_message else set()
    for reading in routed.readings:
        if reading.lean == "http" and reading.decided:
            message = kb.message_by_number(reading.number)
            if message is not None:
                ids.add(message.id)
    return frozenset(ids)


def lent_only_by_set_aside(scored: ScoredCause, routed: Routed, kb: KnowledgeBase) -> bool:
    """Whether the cause came in only as a cause of a message the answer sets aside (for
    the SAP client's own failure nothing is set aside: its message is the answer)."""
    if scored.evidence != LENT or routed.scope.kind == SAP_CLIENT:
        return False
    listed_by = {m.id for m in kb.messages_for_cause(scored.id)}
    return bool(listed_by & set_aside_messages(routed, kb))
