"""Both readings of an SCLNT_HTTP number named beside another cause's own words
(intent.otherwording): "sclnt_http 404 partnr not reached" is SCLNT_HTTP404 by its number and
the ICM's page for a connection not opened in time — and the RFC/NI layer's words — by its
words. The answer names both, and what decides: what the system really showed.
"""

from __future__ import annotations

from assistant.answers.pieces import cause_title
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.textsafe import md_code


def two_readings_line(routed: Routed, kb: KnowledgeBase) -> str:
    """The verdict line naming both readings; "" when the text has one."""
    other = routed.other_wording
    if other is None or other.message not in kb.messages or other.cause not in kb.causes:
        return ""
    message = kb.messages[other.message]
    cause = kb.causes[other.cause]
    reported = kb.messages.get(other.reported_as or "")
    usual = f" (usually **{reported.id}**)" if reported is not None else ""
    terms = [kb.glossary[t].title for t in other.terms if t in kb.glossary]
    also = f"; the same words are also {', '.join(terms)}" if terms else ""
    return (f"**Two readings — what the system really showed decides:** the number is **{message.id}** "
            f"({message.title}); the words “{other.words}” are those of *{cause_title(cause, routed.scope.kind)}*"
            f"{usual}{also}. Check the number in `get_last_error` or the SM59 test, and where the words "
            f"came from (an error page, {md_code('dev_icm')}, an RFC error).")
