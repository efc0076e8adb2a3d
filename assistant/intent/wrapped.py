"""A code that wraps any failure, named with nothing more specific: ask for its error text.

`http_communication_failure` is the exception SEND/RECEIVE raise for every transport failure
of the SAP HTTP client (knowledge/codes.yaml: "a container, not a diagnosis"); the base links
it to many messages and causes alike. Named alone, it said "→ SCLNT_HTTP411, most likely the
connection was refused" — the first of its links, not anything the text showed. Such a code
(seen with `CONTAINER_MESSAGES` messages or more: it names none of them; intent.clearevidence) with no message,
ICM constant, other code, proxy or cause sign of its own beside it is read as what it is: the HTTP
client's failure, whose error text (`get_last_error`, the SM59 test, `dev_icm`) decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.intent.clearevidence import shows_the_cause, wrapping_code
from assistant.intent.confidence import LOW
from assistant.intent.entitytypes import Entities
from assistant.intent.result import ScoredCause

if TYPE_CHECKING:
    from assistant.intent.lead import Lead
    from assistant.kb.knowledge_base import KnowledgeBase

EXACT_TEXT = "exact_text"  # confidence.QUESTIONS: the SM59 test, get_last_error or dev_icm


def only_a_wrapping_code(lead: Lead | None, causes: Sequence[ScoredCause], entities: Entities,
                         kb: KnowledgeBase) -> str | None:
    """The wrapping code the answer would lead with, when the text names nothing more
    specific (no cause it shows itself: intent.clearevidence); else None."""
    if lead is None or lead.kind != "code" or not wrapping_code(lead.entry or "", kb):
        return None
    if entities.message_ids or entities.icm_constants or len(entities.codes) > 1 or entities.proxy:
        return None
    return None if any(shows_the_cause(c, entities, kb) for c in causes) else lead.entry


def ask_for_the_wrapped_text(conf: float, question: str | None, lead: Lead, causes: Sequence[ScoredCause],
                             entities: Entities, kb: KnowledgeBase) -> tuple[float, str | None]:
    """The confidence and question for the turn: below the line, asking for the exact error
    text, when only a wrapping code is named."""
    if only_a_wrapping_code(lead, causes, entities, kb) is None:
        return conf, question
    return min(conf, LOW - 0.01), question or EXACT_TEXT
