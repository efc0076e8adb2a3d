"""Causes met only by the words they share with the text: no cause to name, one question to ask.

A report that names no message, constant, code or number, and whose every cause was scored
only by keywords of its explanation or a family word ("SSL", "certificate":
result.KEYWORD_EVIDENCE), gives no cause evidence of its own: not a sign, a code, a status, a
situation (a proxy named), a finding. Headlining the best of such causes as "the most likely
cause" presents word overlap as a diagnosis (a dev report of a proxy logon failure was answered
"weak server key"). A sign that is only the name of a code wrapping every failure, written as
words ("HTTP communication failure": proxy_required lists http_communication_failure among its
signs), is no evidence either (intent.clearevidence says the same of the code's own spelling).
The rule is about the kind of evidence, never about the words: such an answer says that nothing
points to one cause yet and asks the one thing that decides — whether a proxy is in the way
when the best guesses are failures of the network path, else the exact error text (SM59 test,
get_last_error, dev_icm).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.intent.clearevidence import wrapping_code
from assistant.intent.confidence import LOW
from assistant.intent.entitytypes import Entities
from assistant.intent.result import KEYWORD_EVIDENCE, ScoredCause
from assistant.intent.scope import SAP

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase

EXACT_TEXT, PROXY = "exact_text", "proxy"  # confidence.QUESTIONS
_ASKED_OF = ("explain", "fix", "causes")  # intents that report a failure to diagnose


def only_shared_words(scope_kind: str, causes: Sequence[ScoredCause], entities: Entities, text: str,
                      kb: KnowledgeBase, *, follow_up: bool) -> bool:
    """An SAP-client report, not a follow-up, that names nothing specific and whose causes
    were all met by shared words alone (see the module's docstring)."""
    if scope_kind != SAP or follow_up or not causes:
        return False
    if entities.message_ids or entities.icm_constants or entities.codes or entities.numbers or entities.causes:
        return False
    wrapping = _wrapping_names_in(text, kb)
    return all(c.evidence in KEYWORD_EVIDENCE or (c.evidence == "sign" and _sign_only_wrapping(c.id, wrapping, kb))
               for c in causes)


def words_only_question(intent: str, scope_kind: str, causes: Sequence[ScoredCause], entities: Entities, text: str,
                        kb: KnowledgeBase, *, follow_up: bool, proxy_decides: bool) -> str | None:
    """For a turn that reports a failure to diagnose and whose causes only share words with
    it: the question that decides (confidence.QUESTIONS' key); None for any other turn. A
    wrapping code's name in the text asks for its error text, as intent.wrapped does."""
    if intent not in _ASKED_OF or not only_shared_words(scope_kind, causes, entities, text, kb, follow_up=follow_up):
        return None
    return PROXY if proxy_decides and not _wrapping_names_in(text, kb) else EXACT_TEXT


def ask_when_only_words(conf: float, question: str | None, asked: str | None) -> tuple[float, str | None]:
    """The confidence and question for the turn: below the line, asking `asked`, when no
    cause has evidence beyond shared words (`asked` not None)."""
    if asked is None:
        return conf, question
    return min(conf, LOW - 0.01), question or asked


def _wrapping_names_in(text: str, kb: KnowledgeBase) -> frozenset[str]:
    """The names (id, aliases; lower case) of the wrapping codes `text` writes, also as words."""
    folded = " ".join(text.lower().replace("_", " ").split())
    names: set[str] = set()
    for code in kb.codes.values():
        spellings = {n.lower() for n in (code.id, *code.aliases)}
        if wrapping_code(code.id, kb) and any(_written(s.replace("_", " "), folded) for s in spellings):
            names |= spellings
    return frozenset(names)


def _written(words: str, folded: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", folded) is not None


def _sign_only_wrapping(cause_id: str, wrapping: frozenset[str], kb: KnowledgeBase) -> bool:
    """The cause's signs include a wrapping code's name the text writes: its sign is that name."""
    known = kb.causes.get(cause_id)
    return known is not None and bool(wrapping) and any(s.lower() in wrapping for s in known.signs)
