"""Whether a fix step is a trace step: one that asks the admin to raise or read the ICM trace.

A step is a trace step by what it asks, not by a word in it. The CommonCryptoLib check names
`dev_icm` as another place to read the version ("(or the `found CommonCryptoLib` line in
`dev_icm`)"); an SAP incident is opened "with the dev_icm trace attached"; a saphttp step says
"not at `dev_icm`". Read as trace steps, each said done asked for the trace to be pasted.

So a step asks for the trace when one of its clauses does: a clause that starts with a verb of
raising or reading (raise, read, look, open, compare, verify, check, display) and names the
trace (the DEV_ICM entry's names, SMICM's Trace Level / Trace File). What lies in brackets is
an aside; what follows a condition in its sentence ("if it works, compare … with what
`dev_icm` shows") is done only in that case; "Set the trace level back" undoes the trace.
"""

from __future__ import annotations

import re

from assistant.kb.knowledge_base import KnowledgeBase

TRACE_TERM = "DEV_ICM"  # the base's entry for the ICM trace: its names say a clause is about the trace
TRACE_PLACES = ("Trace Level", "Trace File")  # where SMICM raises and shows it
# The imperative verbs of raising or reading something: the clause asks the admin to do it.
_READING_VERBS = frozenset({"raise", "read", "look", "open", "compare", "verify", "check", "display"})
_CONDITIONS = frozenset({"if", "when", "while", "unless", "once", "wenn", "falls"})
_CONNECTIVES = frozenset({"then", "and", "or", "also"})
_ASIDE = re.compile(r"\([^()]*\)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_CLAUSE = re.compile(r"[,;:]\s+|\s+(?:and|then)\s+")
_WORD = re.compile(r"[A-Za-z]+")


def reads_the_trace(step: str, kb: KnowledgeBase) -> bool:
    """The step asks the admin to raise or read the ICM trace (see the module's rule)."""
    names = _trace_names(kb)
    return any(_asks_for(clause, names) for clause in _clauses_done(step))


def _trace_names(kb: KnowledgeBase) -> tuple[str, ...]:
    entry = kb.glossary.get(TRACE_TERM)
    return tuple(n.lower() for n in (TRACE_TERM, *(entry.aliases if entry is not None else ()), *TRACE_PLACES))


def _clauses_done(step: str) -> list[str]:
    """The step's clauses outside brackets, up to the first condition of each sentence."""
    out: list[str] = []
    for sentence in _SENTENCE.split(_ASIDE.sub(" ", " ".join(step.split()))):
        for clause in _CLAUSE.split(sentence):
            if _first_word(clause) in _CONDITIONS:
                break
            out.append(clause)
    return out


def _asks_for(clause: str, names: tuple[str, ...]) -> bool:
    lowered = clause.lower()
    return _first_word(clause) in _READING_VERBS and any(name in lowered for name in names)


def _first_word(clause: str) -> str:
    """The clause's first word, lower case, past a connective ("then look at …": "look")."""
    words = [w.lower() for w in _WORD.findall(clause)]
    while words and words[0] in _CONNECTIVES:
        words.pop(0)
    return words[0] if words else ""
