"""The answer to another client's set-up question ("how do I call an HTTP endpoint from
Java?"; intent.otherclientsetup): the client's set-up is its own — its trust store, its
proxy, its code — and sapassist covers the SAP side; the base's entries for that client
follow (its trust store, its TLS versions), or the plain word that the base has none."""

from __future__ import annotations

from assistant.answers.document import AnswerDoc, assemble
from assistant.answers.pieces import glossary_heading
from assistant.answers.replies import glossary_sections
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

OTHER_CLIENT_HEADLINE = "Another client's set-up — not the SAP system's HTTP client"


def other_client_doc(routed: Routed, kb: KnowledgeBase) -> AnswerDoc:
    """What the question is, where its set-up lives, and the base's entries for that client."""
    ids = [key[2:] for key in routed.suggestions if key.startswith("g:") and key[2:] in kb.glossary]
    verdict = [
        "**What it is:** a call that another client makes, not the SAP system — so its set-up is "
        "that client's own: the CAs its trust store holds, its proxy settings, its code. SM59, "
        "STRUST and the ICM take no part in it.",
        "**What sapassist covers:** the SAP side — the SAP system's HTTP client (SM59, STRUST, "
        "the ICM) and its SCLNT_HTTP errors.",
    ]
    if not ids:
        verdict.append("The knowledge base has no entry for that client.")
        return AnswerDoc(OTHER_CLIENT_HEADLINE, "\n\n".join(verdict))
    verdict.append("**Its entries in the base:** " + "; ".join(glossary_heading(kb.glossary[i]) for i in ids) + ".")
    return assemble(OTHER_CLIENT_HEADLINE, verdict, glossary_sections(routed, kb, ids))
