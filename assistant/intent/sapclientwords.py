"""Which quoted short texts and SapSSL codes are the SAP client's own words (for scope.py).

Moved out of scope.py to keep it short: rule 1's helpers that read the base and the
vocabulary, not the tally.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.intent.evidence import MessageEvidence
from assistant.intent.scopevocab import FAMILIES, INBOUND, VOCABULARY
from assistant.kb.knowledge_base import KnowledgeBase

SPECIFIC_TITLE_WORDS = 3  # "SSL error", "Logon failed" are anyone's words; "Logon at proxy failed" is SAP's


def quoted_specific_title(messages: MessageEvidence, kb: KnowledgeBase) -> str | None:
    """A message whose SAP short text of three words or more the text quotes ("SM59 gets
    Logon at proxy failed"): the SAP system's screen, as when the whole text is that
    short text. Shorter ones ("SSL error", "Logon failed") say nothing of who failed."""
    for mid in sorted(messages.quoted):
        short = kb.messages[mid].short_text or ""
        title = short.split(" (", 1)[0]  # the short text without its "(ICM_…)" constant
        if len(title.split()) >= SPECIFIC_TITLE_WORDS:
            return mid
    return None


@lru_cache(maxsize=1)
def server_role_codes() -> frozenset[str]:
    """SapSSL codes the vocabulary knows from the server role only (SSSLERR_SSL_ACCEPT,
    SSSLERR_NO_SSL_REQUEST …): never the SAP client's evidence."""
    return frozenset(
        row[2].lower() for row in VOCABULARY if FAMILIES[row[0]].scope == INBOUND and row[2].upper().startswith("SSSL")
    )
