"""What the admin says they cannot do: a transaction they have no authorization for ("no access
to SMICM", "keine Berechtigung für STRUST", "I can't use SM59"), no access to the application
server's OS, no restart allowed ("can't restart the ICM in production").

The next step must not hand such a step back (answers.limitedsteps); the dialogue state keeps
the limits for the topic (`DialogueState.cannot_use`), a new topic forgets them, and a later
"I have SMICM access now" lifts one.

Structural, no phrase of one report: a clause (cut as every stated-fact reader cuts it:
negationwords) that is no question, no doubt and no plan, negated, and either an access noun
said of the admin ("I don't have SMICM authorization", or a clause that begins with the
negation: "no access to SMICM") or the admin's negated ability to use, open or restart
("we cannot restart the ICM", "ich darf SMICM nicht aufrufen"). The transactions are those the
base knows (glossary entries of kind transaction); "OS" and "RESTART" stand for the other two.
"I can't see anything in SMICM" names no use of SMICM and limits nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.intent.fuzzy import fold
from assistant.intent.negationwords import CLAUSE_BREAK_WORDS, hedge_in, is_negation, not_yet
from assistant.intent.questionform import asks_a_question
from assistant.intent.typednegations import retyped_negations
from assistant.kb.knowledge_base import KnowledgeBase

OS = "OS"
RESTART = "RESTART"
_PERSONS = frozenset("i we me us my our ich wir mir uns mein meine unser unsere".split())
_ACCESS = frozenset("""access authorization authorizations authorisation authorisations auth authorized authorised
    permission permissions rights role roles berechtigung berechtigungen berechtigt zugriff zugang rechte""".split())
_ABILITY = frozenset("""can cannot could able allowed permitted may darf darfst duerfen kann koennen konnte
    erlaubt""".split())
_USE = frozenset("""use open run access call start enter log login logon ssh get
    nutzen benutzen verwenden aufrufen oeffnen starten""".split())
_RESTART = frozenset("restart restarts restarting reboot bounce neustart neustarten durchstarten".split())
_ALLOWED = frozenset("allowed permitted possible erlaubt moeglich".split())
_OS_WORDS = frozenset("os betriebssystem".split())
_SENTENCE = re.compile(r"(?<=[.!?;\n])\s*")
# The clause boundaries of _clauses, on the text itself: punctuation and the words that break a clause.
_CLAUSE_TEXT = re.compile(r"[,:()]|\b(?:" + "|".join(sorted(map(re.escape, CLAUSE_BREAK_WORDS), key=len, reverse=True))
                          + r")\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[,:()]")
_WORD = re.compile(r"[a-z0-9_/]+")


@dataclass(frozen=True, slots=True)
class StatedLimits:
    """`denied`: what the turn says the admin cannot use ("SMICM", "OS", "RESTART");
    `granted`: what it says they can ("I have SMICM access"), lifting an earlier limit."""

    denied: frozenset[str] = frozenset()
    granted: frozenset[str] = frozenset()


def stated_limits(raw: str, kb: KnowledgeBase) -> StatedLimits:
    """The limits the turn states, clause by clause; a question states none."""
    codes = {g.id.lower(): g.id for g in kb.glossary.values() if g.kind == "transaction"}
    denied: set[str] = set()
    granted: set[str] = set()
    for sentence in _SENTENCE.split(retyped_negations(raw).text):
        if not sentence.strip() or sentence.rstrip().endswith("?") or _asks(sentence):
            continue
        for tokens in _clauses(sentence):
            named = _named(tokens, codes)
            if not named or not_yet(tokens) or _doubted(tokens):
                continue
            if any(is_negation(tokens, i) for i in range(len(tokens))):
                denied |= _limits_said(tokens, named)
            elif _said_of_the_admin(tokens) and (_ACCESS & set(tokens) or _ABILITY & set(tokens)):
                granted |= named - {RESTART}
    return StatedLimits(frozenset(denied), frozenset(granted - denied))


def without_stated_limits(text: str, kb: KnowledgeBase) -> str:
    """The text without its sentences that state a limit ("we have no access to the
    application server's OS"): what the admin cannot do is no evidence for a cause — its
    words ("access", "server") are those of causes (a proxy's internet access, a logon
    denied) and moved the lead cause. Read by the parse stage for signs and keywords only."""
    if not any(w in text.lower() for w in ("not", "no", "kein", "nicht", "n't", "cannot")):
        return text  # no negation, no limit: the common case costs one scan
    sentences = _SENTENCE.split(text)
    kept = [_without_limit_clauses(s, kb) for s in sentences]
    return "\n".join(k for k in kept if k) if kept != sentences else text


def _without_limit_clauses(sentence: str, kb: KnowledgeBase) -> str:
    """The sentence without its clauses that state a limit: "I can't restart the ICM, but
    SM59 shows SSL handshake failed" keeps the failure it reports beside the limit."""
    if not stated_limits(sentence, kb).denied:
        return sentence
    parts = _CLAUSE_TEXT.split(sentence)
    return ", ".join(p.strip() for p in parts if p.strip() and not stated_limits(p, kb).denied)


def _asks(sentence: str) -> bool:
    """A question by its first word ("do I need SMICM authorization"); "can't use SM59",
    a negated first word, is a statement."""
    words = _WORD.findall(fold(sentence.lower()))
    return asks_a_question(sentence) and not (len(words) > 1 and words[1] in ("not", "t"))


def _clauses(sentence: str) -> list[list[str]]:
    """The sentence's clauses as words, cut at punctuation and at "but", "aber" …"""
    out: list[list[str]] = []
    for part in _CLAUSE.split(fold(sentence.lower())):
        clause: list[str] = []
        for word in _WORD.findall(part.replace("n't", " not")):
            if word in CLAUSE_BREAK_WORDS:
                out.append(clause)
                clause = []
            else:
                clause.append(word)
        out.append(clause)
    return [c for c in out if c]


def _named(tokens: list[str], codes: dict[str, str]) -> set[str]:
    """The transactions, the OS and a restart the clause names."""
    named = {codes[t] for t in tokens if t in codes}
    if _OS_WORDS & set(tokens) or "operating system" in " ".join(tokens):
        named.add(OS)
    if _RESTART & set(tokens) or "neu starten" in " ".join(tokens):
        named.add(RESTART)
    return named


def _doubted(tokens: list[str]) -> bool:
    hedge = hedge_in(tokens)
    return hedge is not None and hedge.kind == "doubt"


def _said_of_the_admin(tokens: list[str]) -> bool:
    return bool(_PERSONS & set(tokens))


def _limits_said(tokens: list[str], named: set[str]) -> set[str]:
    """What a negated clause says cannot be used: by an access noun of the admin's or one the
    clause begins with ("no access to …"), by the admin's negated ability to use it, or a
    restart said not allowed ("no restart allowed", "Neustart nicht erlaubt")."""
    words = set(tokens)
    begins_negated = is_negation(tokens, 0)
    of_admin = _said_of_the_admin(tokens) or begins_negated
    limits: set[str] = set()
    if of_admin and words & _ACCESS:
        limits |= named
    if of_admin and words & _ABILITY and words & (_USE | _RESTART | _ACCESS):
        limits |= named if words & (_USE | _ACCESS) else named & {RESTART}
    if RESTART in named and words & _ALLOWED:
        limits.add(RESTART)
    return limits


def only_limits(text: str, kb: KnowledgeBase) -> bool:
    """The turn states a limit and nothing else ("I cannot restart the ICM"): every clause of
    it is a limit of the admin's, so it answers no question and reports no failure."""
    return bool(stated_limits(text, kb).denied) and not without_stated_limits(text, kb).strip()
