"""A short answer whose subject is a pronoun, read with the subject the last turn named.

In the chat an admin answers as people do: "what about the firewall?" then "it blocks it", or
"is port 443 open?" then "no, it's blocked", "ja, sie ist zu". The turn states something of
the firewall or the port, but names neither: the readers of what a user states
(intent.statedfacts) find no subject and the statement was lost. Here the pronoun takes the
subject the last turn named (the subject of its yes/no question — "port" in "is port 443
open in the firewall?" — else the last name of a subject of intent.statedwords in it; the
turn is kept as `DialogueState.said`), written beside it in parentheses — "it (firewall) blocks it" — so every
reader reads it and the answer quotes it as typed, with what it was read as. A short answer
that also says the last turn's yes/no question back ("does the firewall block port 443?" then
"yes it does" / "no, it doesn't") is read as that question said as a statement, turned round
for "no".

Only a short turn that names no subject itself and opens with a pronoun, a yes or a no is
read so, and only when the reading states something (any other "it …" turn is read as
typed: "it only happens in the background job").
"""

from __future__ import annotations

import re

from assistant.intent.fuzzy import normalize
from assistant.intent.state import DialogueState
from assistant.intent.statedfacts import stated_facts
from assistant.intent.statedwords import READERS
from assistant.intent.typednegations import retyped_negations
from assistant.lazyre import LazyPattern

SHORT_ANSWER_WORDS = 8  # a longer turn says more than an answer about the last turn's subject
_NAMES = frozenset(name for reader in READERS for name in reader.names)
_INTERJECTION = r"(?:yes|yeah|yep|no|nope|ja|nein|doch)"
# A pronoun as the turn's subject: at its start, or after a yes or a no.
_PRONOUN = LazyPattern(rf"^\W*(?:{_INTERJECTION}\b\W*)?(?:and\s+|but\s+|und\s+|aber\s+)?(it|they|es|sie|er|der|die|das)\b(?:'s|'re)?",
                       re.IGNORECASE)
# "yes it does", "no, it doesn't", "no it is not": the answer to a yes/no question, said elliptically.
_ELLIPTIC = LazyPattern(rf"^\W*({_INTERJECTION})\b\W*(?:it|they|es|sie)\s+(\w+)(\s+not|n't)?\W*$", re.IGNORECASE)
# A yes/no question of the last turn: its auxiliary, what it asks of (up to the subject's name
# and a number after it: "port 443"), and the rest.
_QUESTION = LazyPattern(r"(?:^|[.!?\n]\s*)(does|do|did|is|are|was|were|can|will)\s+([^?.!\n]+)\?\s*$", re.IGNORECASE)
_NO = frozenset("no nope nein".split())


def with_the_earlier_subject(raw: str, state: DialogueState) -> str:
    """`raw`, or — for a short answer whose subject is a pronoun, after a turn that named a
    subject — the answer read with that subject: "it (firewall) blocks it", or the last
    turn's yes/no question said as a statement ("yes it does" → "yes, the firewall does
    block port 443")."""
    read = retyped_negations(raw).text
    words = normalize(read).split()
    if not state.said or not words or len(words) > SHORT_ANSWER_WORDS or not _NAMES.isdisjoint(words):
        return raw
    said = retyped_negations(state.said).text
    elliptic = _ELLIPTIC.match(read)
    if elliptic is not None:
        answered = _question_answered(said, elliptic)
        return f"{raw.strip()} ({answered})" if answered is not None else raw
    pronoun = _PRONOUN.match(raw)
    if pronoun is None:
        return raw
    for name in _names_in_turn_order(said):
        carried = f"{raw[:pronoun.end()]} ({name}){raw[pronoun.end():]}"
        if stated_facts(retyped_negations(carried).text):
            return carried
    return raw


def names_a_subject(text: str) -> bool:
    """The text names a subject of a statement ("what about the firewall?", "is port 443
    open?"): a later pronoun may mean it, so the dialogue keeps the turn's words."""
    return not _NAMES.isdisjoint(normalize(text).split())


def _names_in_turn_order(said: str) -> list[str]:
    """The subjects' names the last turn said, as written: the subject of its yes/no
    question first ("port" in "is port 443 open in the firewall?": the answer "no, it's
    blocked" speaks of what the question asks of, not of the place named after it), then the
    others, the last first."""
    question = _QUESTION.search(said)
    asked = _names_of(question.group(2))[:1] if question is not None else []
    return list(dict.fromkeys([*asked, *reversed(_names_of(said))]))


def _names_of(text: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r"\w+", text) if normalize(m.group(0)).strip() in _NAMES]


def _question_answered(said: str, answer: re.Match[str]) -> str | None:
    """The last turn's yes/no question said as the statement the answer gives ("does the
    firewall block port 443?" and "no, it doesn't": "the firewall does not block port 443");
    None when the last turn asks no such question of a subject, or with another verb."""
    question = _QUESTION.search(said)
    if question is None or question.group(1).lower() != answer.group(2).lower():
        return None
    auxiliary, asked = question.group(1), question.group(2).split()
    at = next((i for i, w in enumerate(asked) if normalize(w).strip() in _NAMES), None)
    if at is None:
        return None
    at += 1 + (at + 1 < len(asked) and asked[at + 1].isdigit())  # "port 443"
    negated = answer.group(1).lower() in _NO or bool(answer.group(3))  # "no, it doesn't" says it once
    statement = [*asked[:at], auxiliary, *(["not"] if negated else []), *asked[at:]]
    text = " ".join(statement)
    return text if stated_facts(text) else None
