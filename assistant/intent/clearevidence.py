"""Whether the text shows a cause itself, or only a wrapping code that every failure has.

`http_communication_failure` is the exception SEND/RECEIVE raise for any transport failure:
the base links it to nine messages, and one cause (`proxy_required`) even lists the name
among its signs. A cause met only that way is what the code wraps, not what the text shows.
Clear evidence is a live check's finding, a specific code, the cause's own words (a literal,
a sign, its title) or a real status read as leading to it — except a sign that is only the
name of a wrapping code the text names. intent.wrapped asks for the error text when no cause
has it; intent.lead names the message such a cause points to when the text names none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.intent.result import EvidenceKind, ScoredCause

if TYPE_CHECKING:
    from assistant.intent.entitytypes import Entities
    from assistant.kb.knowledge_base import KnowledgeBase

CONTAINER_MESSAGES = 5  # http_communication_failure: 9; the next code (NIECONN_REFUSED): 3
CLEAR_EVIDENCE: frozenset[EvidenceKind] = frozenset({"confirmed", "code", "literal", "http", "sign", "stated", "title"})


def wrapping_code(code_id: str, kb: KnowledgeBase) -> bool:
    """A code seen with so many messages that it names none of them."""
    code = kb.codes.get(code_id)
    return code is not None and len(code.messages) >= CONTAINER_MESSAGES


def shows_the_cause(cause: ScoredCause, entities: Entities, kb: KnowledgeBase) -> bool:
    """The text's evidence for the cause is its own, not a wrapping code's name."""
    if cause.evidence not in CLEAR_EVIDENCE:
        return False
    return cause.evidence != "sign" or not _sign_is_a_wrapping_code(cause.id, entities, kb)


def _sign_is_a_wrapping_code(cause_id: str, entities: Entities, kb: KnowledgeBase) -> bool:
    """The cause lists among its signs the name of a wrapping code the text names
    (proxy_required lists http_communication_failure): no evidence beyond the code."""
    known = kb.causes.get(cause_id)
    if known is None:
        return False
    names = {n.lower() for c in entities.codes if wrapping_code(c, kb) for n in (c, *kb.codes[c].aliases)}
    return bool(names) and any(s.lower() in names for s in known.signs)
