"""The SCLNT_HTTP messages a turn's scope sets aside: those its text only seemed to name.

Beside another kind of failure than the SAP HTTP client, the answer says which SCLNT_HTTP
message a number is *not*: "Not SCLNT_HTTP404 (No more memory): that is the ICM's own code;
here HTTP 404 Not Found is …". Such a message must lend nothing of its own: when it lent its
cause order, the same answer listed "ICM out of resources" — SCLNT_HTTP404's cause — under a
404 the called server sent, and "Server did not answer within the timeout" (SCLNT_HTTP402's
neighbour) under a 401 from a token endpoint. Every number the wording decidedly reads as a
real HTTP status is set aside this way, not only the one the scope's "Not" line names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.intent.result import NumberReading, Scope
    from assistant.kb.knowledge_base import KnowledgeBase

SAP_CLIENT = "sap_http_client"


def set_aside_messages(scope: Scope, readings: list[NumberReading], kb: KnowledgeBase) -> frozenset[str]:
    """The scope's `not_message` and the message of every number read, decidedly, as a real
    HTTP status — for the SAP client's own failure none: its message is the answer."""
    if scope.kind == SAP_CLIENT:
        return frozenset()
    ids = {scope.not_message} if scope.not_message else set()
    for reading in readings:
        if reading.lean == "http" and reading.decided:
            message = kb.message_by_number(reading.number)
            if message is not None:
                ids.add(message.id)
    return frozenset(ids)
