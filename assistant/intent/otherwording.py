"""An SCLNT_HTTP number named together with another reading's words: "sclnt_http 404 partnr
not reached".

The number says one thing (SCLNT_HTTP404: the ICM out of memory); the words are another
cause's own sign ("Partner not reached": the ICM's page when a connection could not be opened
in time, and the RFC/NI layer's words for a partner not reached). Which one the system
showed decides, and the admin may have mixed them up (a 404 page read as SCLNT_HTTP404).
Answering the number alone hides the other reading: both are named (answers.otherwording).

Structural: the text names exactly one SCLNT_HTTP message by its id, and a cause that message
does not list has evidence of its own words (a sign, a literal, its title): those words are
another reading's. The base's glossary terms that hold the same words as a name of their own
(another layer's term) are named with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.intent.fuzzy import normalize
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.intent.kbindex import RouterIndex
    from assistant.intent.parsing import ParsedText
    from assistant.intent.result import ScoredCause
    from assistant.kb.knowledge_base import KnowledgeBase

OWN_WORDS = frozenset({"literal", "sign", "title"})  # evidence that is the text's own words for a cause
SAP_CLASS = "SCLNT_HTTP"
# The message id as typed: the class and its number ("SCLNT_HTTP404", "sclnt_http 404").
_CLASS_AND_NUMBER = LazyPattern(r"\bsclnt[_ ]?http\W{0,2}(\d{3})\b", re.IGNORECASE, literals=("sclnt",))


@dataclass(frozen=True, slots=True)
class OtherWording:
    """`message`: the SCLNT_HTTP message the text names; `words`: the base's sign of `cause`
    that the text holds (as the base writes it); `reported_as`: the message that cause is
    usually reported as (None when none other); `terms`: glossary terms that name the words."""

    message: str
    cause: str
    words: str
    reported_as: str | None = None
    terms: tuple[str, ...] = ()


def other_wording(parsed: ParsedText, causes: list[ScoredCause], kb: KnowledgeBase,
                  index: RouterIndex) -> OtherWording | None:
    """The other reading the text's words give beside the one SCLNT_HTTP message it names."""
    named = [m for m in dict.fromkeys(parsed.entities.message_ids) if m in kb.messages]
    if len(named) != 1 or kb.messages[named[0]].message_class != SAP_CLASS:
        return None
    message = kb.messages[named[0]]
    if _CLASS_AND_NUMBER.search(parsed.raw) is None or str(message.number) not in _CLASS_AND_NUMBER.findall(parsed.raw):
        return None  # the number as a message id the admin wrote, not one read from a constant or status
    for scored in causes:
        cause = kb.causes.get(scored.id)
        if cause is None or scored.evidence not in OWN_WORDS or cause.id in message.causes:
            continue
        words = next((s for s in cause.signs if normalize(s) in parsed.normalized), None)
        if words is None:
            continue
        listed = sorted(index.messages_of_cause.get(cause.id, ()), key=lambda m: m[1])  # where it leads first
        reported = next((m for m, _ in listed if m != message.id), None)
        return OtherWording(message.id, cause.id, words, reported, _terms_naming(words, kb))
    return None


def _terms_naming(words: str, kb: KnowledgeBase) -> tuple[str, ...]:
    """The glossary terms whose own names hold `words` ("partner not reached" is the RFC/NI
    term's): the words the text holds (typos corrected) are that term's too."""
    said = normalize(words)
    return tuple(g.id for g in kb.glossary.values() if any(normalize(a) == said for a in g.aliases))
