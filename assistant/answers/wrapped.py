"""The answer to a code that wraps any failure, named alone (intent.wrapped): what it says —
the SAP HTTP client's call failed — and where its error text is, instead of a guess that
takes the first of the base's links for the text's cause ("→ SCLNT_HTTP411, connection
refused" for a bare http_communication_failure)."""

from __future__ import annotations

from assistant.answers.document import AnswerDoc
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.textsafe import md_code


def wrapped_failure_doc(code_id: str, routed: Routed, kb: KnowledgeBase, topic: AnswerDoc) -> AnswerDoc:
    """`topic`: the code's topic answer, whose sections (what it means, the usual causes,
    their fixes) stay; its headline and verdict, which named a message and a cause, go."""
    code = kb.codes[code_id]
    said = (
        f"{md_code(code.id)} says that the SAP HTTP client's call failed, not why: it wraps every transport "
        f"failure ({len(code.messages)} SCLNT_HTTP messages in this knowledge base — refused, timed out, SSL, "
        "DNS …). Its error text names the message, and with it the cause — `get_last_error` right after the "
        "exception has it; the causes below are only the usual ones."
    )
    question = f"**{routed.question}**\n\n" if routed.question else ""
    return AnswerDoc(f"The HTTP client's call failed ({code.id}) — its error text tells why",
                     f"{question}{said}", topic.sections)
