"""Statements of a report's own resolution, and what each names.

Real reports often end with how the problem went away: "Update: solved by importing the root
CA", "I figured out that I didn't have both certificates in my STRUST, so I put them", "the
issue was the proxy", "root cause: an old JDBC driver", "after updating the cacert bundle it
works", "das Problem lag am fehlenden Zwischenzertifikat". Such a statement names the cause
it confirms — the strongest evidence a report can hold — while its words read like the
opposite elsewhere: an import "already done" (importdone.py) and a thing said to work
(finestates.py) are read as ruled out. This module finds the statements and the words each
names (the fix done, or the cause found); intent.resolvedcauses weighs them.

A statement is a marker in a sentence that states a fact: a verb of solving with what solved
it ("solved by …", "fixed it with …", "gelöst durch …"), the cause named ("the problem was
…", "root cause: …", "it turned out …", "es lag an …"), a fix said to have done it ("…
solved it", "… did the trick") or the call said to work after a change ("after … it works
now", "… funktioniert jetzt"). Not a statement: a question, a condition or a plan, a belief
given up ("I thought the issue was …"), a negation ("not solved", "did not help"), a fix
followed by a failure ("imported the root, still failing", "works for GET but not for
POST"), and "the error was: …" (that introduces the error, not its cause).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from assistant.intent.fuzzy import normalize
from assistant.intent.negationwords import BELIEFS, NEGATIONS
from assistant.intent.resolutionwords import FINDING, SOLVING, alternatives
from assistant.intent.sentencebreaks import SENTENCE_BREAK
from assistant.lazyre import LazyPattern

MAX_READ = 16_000  # characters: a longer text is a pasted log, whose lines state no resolution
MAX_NAMES = 300  # characters of what a statement names: the rest of a long line is no part of it

_SENTENCE_BREAK = LazyPattern(SENTENCE_BREAK)  # a soft wrap goes on (sentencebreaks)
# The marker, then what it names: a verb of solving with the fix, or the cause found
# (resolutionwords: which of the two a marker is decides whether the statement is solved).
_AFTER = f"{alternatives(SOLVING)}|{alternatives(FINDING)}"
_FOUND_MARKER = LazyPattern(alternatives(FINDING), re.IGNORECASE)
_HEADING = r"(?:solution|resolution|root\s+cause|lösung|loesung|ursache)(?:\s+steps?)?\s*\d*\s*:"
_NAMES_AFTER = LazyPattern(rf"{_AFTER}|^\W*(?:update\s*:\s*)?{_HEADING}", re.IGNORECASE)
# What was done, then the marker: the fix said to have solved it.
# The shared negation words (negationwords), as alternatives of a pattern.
_NEGATION_WORDS = "|".join(sorted(NEGATIONS, key=len, reverse=True))
_BEFORE = (
    r"\b(?:(?:seems?|seemed)\s+to\s+have\s+|has\s+|have\s+|finally\s+)?(?:solved|fixed|resolved)\s+"
    r"(?:it|this|that|everything|(?:the|my|our)\s+(?:issue|problem|error))\b"
    r"|\b(?:did|does)\s+the\s+trick\b"
    r"|\b(?:hat|haben)\s+(?:das\s+problem|den\s+fehler|es)\s+(?:gelöst|geloest|behoben)\b"
)
_NAMES_BEFORE = LazyPattern(_BEFORE, re.IGNORECASE)
# The call said to work (or the error gone) after a change that the rest of the sentence holds.
_WORKS = (
    r"\b(?:it|this|that|everything|all|the\s+(?:call|test|connection|request)s?)\s+(?:now\s+)?"
    r"(?:works|is\s+working|runs|succeeds|is\s+fine)\s+(?:now|again)\b"
    r"|\b(?:and\s+)?now\s+(?:it|everything|the\s+(?:call|test|connection|request)s?)\s+"
    r"(?:works|succeeds|is\s+working|runs|is\s+fine)\b"
    r"|\bworks\s+now\b|\bnow\s+works\b|\bworking\s+now\b"
    r"|\b(?:error|issue|problem|exception)\s+(?:is|was)\s+gone\b"
    r"|\b(?:error|issue|problem|exception)\s+(?:went\s+away|disappeared|no\s+longer\s+(?:appears|occurs|shows))\b"
    r"|\bfunktioniert\s+(?:es\s+|alles\s+)?(?:jetzt|nun|wieder)\b|\b(?:jetzt|nun)\s+funktioniert\b"
    r"|\bklappt\s+(?:es\s+)?(?:jetzt|nun|wieder)\b"
    r"|\b(?:jetzt|nun)\s+geht(?:\s+es|'s|\s+alles)\b|\bgeht(?:\s+es|'s)\s+(?:jetzt|nun|wieder)\b"
)
_WORKS_NOW = LazyPattern(_WORKS, re.IGNORECASE)
# The call said to have worked, at the end of a sentence whose start says what the user changed
# ("I added it and it worked", "nach dem Import hat es funktioniert"): `_changed_before` decides
# whether that start is a change, not a test ("tried it in Postman and it worked") or the
# failure's history ("it worked before the upgrade" does not end the sentence).
_DID = (
    r"(?:\b(?:and|then|so|und|dann|danach|damit)\s+|,\s*|\s)(?:then\s+|now\s+)?"
    r"(?:(?:it|this|that|everything|all|the\s+(?:call|test|connection|request))\s+"
    r"(?:worked|works|is\s+working|was\s+(?:fine|well))(?:\s+(?:fine|again|now|perfectly|well))?"
    r"|(?:es\s+|das\s+|alles\s+)?hat\s+(?:es\s+|das\s+|alles\s+)?(?:dann\s+|sofort\s+|wieder\s+)?funktioniert)"
    r"\s*(?=[.!?\n]|$)"
)
_DID_IT_WORK = LazyPattern(_DID, re.IGNORECASE)
# A change the user made: "I/we <past tense>" (not a verb of testing or looking), "ich habe …
# <participle>", or a sentence that starts "after …" / "nach …".
_FIRST_PERSON_PAST = LazyPattern(
    r"\b(?:I|we)(?:'ve|'d)?\s+(?:(?:have|had|then|just|finally|also|manually|simply|now)\s+)*"
    r"(\w+ed|put|set|made|rebuilt|built|reset|wrote|undid)\b"
    r"|\b(?:ich|wir)\s+(?:habe|haben|hatte|hatten)\b.*?\b(ge\w+t|\w+iert)\b",
    re.IGNORECASE,
)
_AFTER_A_CHANGE = LazyPattern(r"^\W*(?:\d+\W+)?(?:after|once|nach|nachdem|sobald)\b", re.IGNORECASE)
_TEST_VERBS = frozenset(
    "tried tested checked called used opened accessed connected pinged executed visited browsed compared noticed "
    "debugged received logged getestet probiert versucht aufgerufen geprüft geprueft gesehen benutzt verwendet".split()
)
# Any marker, anywhere (a heading also after a sentence's end): the sentences worth reading.
_CAUSE_HEADING = LazyPattern(r"(?:root\s+cause|ursache)\s*\d*\s*:", re.IGNORECASE)
# A word that says the problem is gone, anywhere after a finding ("the problem was the proxy, fixed now").
_SOLVED_WORD = LazyPattern(r"\b(?:fixed|solved|resolved|did\s+the\s+trick|gelöst|geloest|behoben)\b", re.IGNORECASE)
_ANY_MARKER = LazyPattern(rf"{_AFTER}|\b{_HEADING}|{_BEFORE}|{_WORKS}|{_DID}", re.IGNORECASE)
# Strings one of which each marker holds, in lower case with its spaces made single: a text
# without any (most texts) is not scanned by the patterns above.
_MARKER_LITERALS = (
    "solved", "fixed", "resolved", "sorted", "gelöst", "geloest", "behoben", "culprit", "the trick",
    *(f"{w} {v}" for w in ("cause", "reason", "solution", "fix", "issue", "problem") for v in ("was", "were", "turned")),
    "cause is", "reason is", "solution is", "turned out", "turns out", "figured out", "found out",
    "ursache", "grund war", "grund ist", "lösung", "loesung", "stellte sich",
    *(f"{w} {v}" for w in ("lag", "liegt") for v in ("an", "am", "es", "daran")),
    "solution", "resolution", "root cause",
    *(f"{w} {v}" for w in ("works", "working", "runs", "succeeds") for v in ("now", "again")),
    "now it ", "now everything", "now the ", "now works", "is gone", "was gone", "went away", "disappeared",
    "no longer", "funktioniert", "klappt", "worked", "works", "is working", "was fine", "is fine", "geht", "gefunden",
)
# The outcome at the end of what a resolution names ("…; after a restart it works"): no part of the fix.
_OUTCOME_TAIL = LazyPattern(
    r"[,;]?\s*(?:and\s+)?(?:now\s+)?(?:it|this|that|everything|all|the\s+(?:call|test|connection|request)s?)\s+"
    r"(?:now\s+)?(?:works|worked|is\s+working|succeeds|succeeded|runs)\b[^.!?\n]*$",
    re.IGNORECASE,
)
# The start of the noun phrase an outcome's marker ends in ("the certificate [error is gone]",
# "our handshake [problem went away]"): an article or possessive and up to two words, at the end.
_GONE_NOUN = LazyPattern(r"(?:error|issue|problem|exception)\b", re.IGNORECASE)
_OUTCOME_SUBJECT = LazyPattern(
    r"(?:[,;]\s*)?\b(?:the|this|that|my|our|its|their|der|die|das|dieser|unser\w*)(?:\s+[\w/-]+){0,2}\s*$",
    re.IGNORECASE,
)
# Words that make the part of the sentence before the marker no statement of a fact: a
# negation, a question, a condition or plan, a belief given up.
_NOT_A_STATEMENT = LazyPattern(
    rf"\b(?:{_NEGATION_WORDS}|n't|noch\s+nicht"
    r"|how|why|what|whether|if|unless|should|would|might|maybe|perhaps|hope|try|trying|want|need|needs"
    r"|thought|assumed|suspected|wondered|expected|wenn|falls|ob|wie|warum|sollte|vielleicht|hoffe)\b|n't\b",
    re.IGNORECASE,
)
# A negation right after the marker: what it names is denied, not found ("the reason is not
# the new version, but …", "die Ursache war nicht der Proxy").
_DENIED_AFTER = LazyPattern(rf"\s*(?:{_NEGATION_WORDS})\b|n't\b", re.IGNORECASE)
# A failure after the marker: the fix did not hold ("… still fails", "but not for POST").
_FAILS_AFTER = LazyPattern(
    r"\b(?:still|again\s+fail\w*|but\s+not|except|however|aber\s+nicht|immer\s+noch|weiterhin)\b",
    re.IGNORECASE,
)
# A cause or a heading followed by an error's own words: a log line ("root cause: Connection failed").
_ERROR_TEXT = LazyPattern(
    r"^\W*(?:connection\s+)?(?:failed|error|exception|fehler)\b|^\W*\w+\s+failed\b|\bfailed\s*\(",
    re.IGNORECASE,
)
# "The problem was: <the error>" quotes the failure, not its cause (as "the error was" does).
_QUOTES_THE_ERROR = LazyPattern(r"(?:issue|problem)s?\s+(?:was|were)\s*:", re.IGNORECASE)
# What names nothing of its own: the previous sentence holds what was done ("That solved it.").
_ONLY_A_POINTER = LazyPattern(
    r"^\W*(?:(?:and|so|which|this|that|it|all|everything|finally|today|now|again|meanwhile|update|heute|jetzt"
    r"|thx|thanks|thank\s+you|danke"
    r"|the\s+(?:issue|problem|error))\b\W*)*$",
    re.IGNORECASE,
)
# The last part of the sentence before "… solved it" is the fix ("nothing in the logs, but rebooting …").
_CLAUSE_BREAK = LazyPattern(r";|,?\s+(?:but|however|aber|doch)\s+", re.IGNORECASE)
BACK, AHEAD, NOWHERE = "back", "ahead", "nowhere"  # where a marker that names nothing points
WITH_BACK = "with_back"  # a change said with a pronoun ("I added them"): the sentence before names it
# What a change said with a pronoun names itself: nothing but its verb ("I added it", "we set them").
_PRONOUN_ONLY = LazyPattern(
    r"^\W*(?:(?:I|we|ich|wir)\s+)?(?:(?:have|had|then|just|also|habe|haben)\s+)*\w+\s+"
    r"(?:it|them|this|that|these|those|es|sie|das)(?:\s+\w+)?\W*$",
    re.IGNORECASE,
)
# A step of a list under a heading ("1 -> I logged off", "2. Import the root", "- restart the ICM").
_STEP = LazyPattern(r"^\s*(?:\d{1,2}\s*(?:->|[.):-])|[-*•])\s*\S")
_STEP_MARK = LazyPattern(r"^\s*(?:\d{1,2}\s*(?:->|[.):-])|[-*•])\s*")
# A hedge said between the fix and the marker after it ("I restarted the ICM, looks like that
# [fixed it]", "…, it seems [to have solved it]"): no part of what was done.
_HEDGE_TAIL = LazyPattern(
    r"[,;]?\s*(?:(?:and|but|so)\s+)?(?:(?:it|this|that)\s+)?(?:seems?|seemed|looks?|looked|appears?|apparently)"
    r"(?:\s+(?:like|as\s+if|to\s+have))?(?:\s+(?:it|this|that))?\s*$",
    re.IGNORECASE,
)
_NEGATION_REACH = 5  # words before the marker that a negation or a question word spoils


class Statement(NamedTuple):
    """A resolution statement: `names` is what it holds (the fix done or the cause found);
    `start`/`end` the span of the text it covers (its sentence, and the one before when it
    only points back: "I imported the root. That solved it.")."""

    names: str
    start: int
    end: int
    solved: bool = True  # False for a finding ("I found out that …") or one a question follows
    tentative: bool = False  # a fix said with a hedge ("it seems to have solved it"): seemingly, not seen to hold


class Resolution(NamedTuple):
    """What a report says resolved its problem, as the answer says it back: `names` as
    written (the fix done or the cause found) and the cause of the base it names (None when
    its words show none)."""

    names: str
    cause: str | None
    solved: bool = True  # False: a finding that names a cause but no fix seen to work, or still asked about
    tentative: bool = False  # a fix said with a hedge ("looks like that fixed it"): not solved, said as such


class _Sentence(NamedTuple):
    text: str
    start: int
    asks: bool  # ends with a question mark


def resolution_statements(text: str) -> list[Statement]:
    """The statements of how the problem was resolved, in the order of the text. A marker
    that names nothing itself takes what it points to: "That solved it." the sentence
    before, a heading ("Solution:") the sentence after; "It works now." alone names no fix."""
    return list(_statements(text)) if len(text) <= MAX_READ else []


@lru_cache(maxsize=16)
def _statements(text: str) -> tuple[Statement, ...]:
    """Read once per text: the router asks for a text's statements at several stages. A
    question after a statement leaves what it says open: it is no more than a finding."""
    folded = " ".join(text.lower().split())
    if not any(literal in folded for literal in _MARKER_LITERALS):
        return ()
    marks = [m.start() for m in _ANY_MARKER.finditer(text)]
    if not marks:
        return ()
    sentences = list(_sentences(text))
    out: list[Statement] = []
    at = 0
    while at < len(sentences):
        sentence = sentences[at]
        previous = sentences[at - 1] if at else None
        at += 1
        end = sentence.start + len(sentence.text)
        if sentence.asks or not any(sentence.start <= m < end for m in marks):
            continue
        found = _what_it_names(sentence.text)
        if found is None:
            continue
        names, points, solved = found
        tentative = solved and _believed(sentence.text)  # "it seems to have solved it": no more than seemingly
        solved = solved and not tentative
        names = _HEDGE_TAIL.sub("", names)  # "I restarted the ICM, looks like that [fixed it]"
        if points == WITH_BACK and _PRONOUN_ONLY.match(names) and previous is not None and not previous.asks:
            out.append(_statement(f"{previous.text.strip()}; {names}", previous.start, sentence, solved))
        elif not _ONLY_A_POINTER.match(names):
            out.append(_statement(names, sentence.start, sentence, solved))
        elif points == BACK and previous is not None and not previous.asks:
            out.append(_statement(previous.text, previous.start, sentence, solved))
        elif points == AHEAD and at < len(sentences):
            steps = _steps(sentences, at)
            out.append(_statement("; ".join(_STEP_MARK.sub("", s.text).strip() for s in steps), sentence.start,
                                  steps[-1], solved))
            at += len(steps)
        if tentative and out and out[-1].end == end:
            out[-1] = out[-1]._replace(tentative=True)
    asked = [s.start for s in sentences if s.asks]
    return tuple(s._replace(solved=False, tentative=False) if any(q >= s.end for q in asked) else s for s in out)


def _steps(sentences: list[_Sentence], at: int) -> list[_Sentence]:
    """What a heading ("Solution steps:") names: the list of steps under it, else the one
    sentence after it."""
    steps: list[_Sentence] = []
    for sentence in sentences[at:]:
        if not _STEP.match(sentence.text) or sentence.asks:
            break
        steps.append(sentence)
    return steps or sentences[at:at + 1]


def _statement(names: str, start: int, last: _Sentence, solved: bool = True) -> Statement:
    return Statement(" ".join(_strip_outcome(names).split())[:MAX_NAMES], start, last.start + len(last.text), solved)


def without_resolutions(text: str) -> str:
    """`text` with the sentences of its resolution statements blanked (same length): what
    the rest says was done or works is read as before, the fix that worked is not."""
    statements = resolution_statements(text)
    if not statements:
        return text
    chars = list(text)
    for s in statements:
        chars[s.start:s.end] = [c if c == "\n" else " " for c in text[s.start:s.end]]
    return "".join(chars)


def _what_it_names(sentence: str) -> tuple[str, str, bool] | None:
    """What the sentence states was the fix or the cause, where a marker that names nothing
    itself points (BACK, AHEAD, WITH_BACK or nowhere), and whether it says the problem is
    solved (a finding is not); None when it states no resolution."""
    for m in _NAMES_AFTER.finditer(sentence):
        after = sentence[m.end():]
        if (_states(sentence, m) and not _DENIED_AFTER.match(after) and not _ERROR_TEXT.search(after[:40])
                and not _QUOTES_THE_ERROR.match(sentence, m.start())):
            points = AHEAD if m.group(0).rstrip().endswith(":") else NOWHERE
            return _strip_outcome(after), points, not _found(m.group(0)) or _says_it_works(after)
    for m in _NAMES_BEFORE.finditer(sentence):
        if _states(sentence, m):
            return _CLAUSE_BREAK.split(sentence[:m.start()])[-1], BACK, True
    for m in _WORKS_NOW.finditer(sentence):
        if _states(sentence, m):
            before = sentence[:m.start()]
            if _GONE_NOUN.match(m.group(0)):  # "[the certificate] error is gone": its subject's words
                before = _without_the_subject(before)
            return before + " " + sentence[m.end():], NOWHERE, True
    did = _DID_IT_WORK.search(sentence)
    if did is not None and _states(sentence, did) and _changed_before(sentence[:did.start()]):
        return _CLAUSE_BREAK.split(sentence[:did.start()])[-1], WITH_BACK, True
    return None


def _believed(sentence: str) -> bool:
    """The sentence says its outcome as a belief ("I think the issue was the DB", "probably
    the import fixed it", "it seems to have solved it", "looks like that fixed it"): never
    solved (negationwords: a hedge is never evidence of its own) — a cause found stays a
    finding, a fix becomes a tentative solution."""
    marker = _ANY_MARKER.search(sentence)
    before = sentence[:marker.end()] if marker is not None else sentence
    return not BELIEFS.isdisjoint(normalize(before).split())


def _found(marker: str) -> bool:
    """The marker names the cause the writer found (resolutionwords.FINDING, or a "Root
    cause:" heading), not a fix seen to work."""
    return _FOUND_MARKER.search(marker) is not None or _CAUSE_HEADING.search(marker) is not None


def _says_it_works(after: str) -> bool:
    """What follows a finding says the problem is gone too ("…, fixed now", "…; replacing it
    solved it", "… and all was well"): then it is solved."""
    return any(p.search(after) for p in (_WORKS_NOW, _DID_IT_WORK, _SOLVED_WORD))


def _changed_before(before: str) -> bool:
    """The start of a sentence that ends "… and it worked" says the user changed something:
    it starts "after …" ("nach …"), or its last "I/we <past tense>" is no verb of testing."""
    if _AFTER_A_CHANGE.match(before):
        return True
    verbs = [m.group(1) or m.group(2) for m in _FIRST_PERSON_PAST.finditer(before)]
    return bool(verbs) and verbs[-1].lower() not in _TEST_VERBS


def _states(sentence: str, m: re.Match[str]) -> bool:
    """The marker states a fact: no negation, question or plan in the few words before it,
    no failure after it, and no error's text introduced by "the error was"."""
    before = " ".join(sentence[:m.start()].split()[-_NEGATION_REACH:])
    if _NOT_A_STATEMENT.search(before):
        return False
    return _FAILS_AFTER.search(sentence[m.end():]) is None


def _without_the_subject(before: str) -> str:
    """What comes before "error … is gone", less that error's own article and words ("…
    SICF the", "…, the certificate"): they name the outcome's subject, not the fix."""
    m = _OUTCOME_SUBJECT.search(before)
    return before[:m.start()] if m is not None and m.start() > 0 else before


def _strip_outcome(names: str) -> str:
    """What a "solved by" names, without the outcome said after it ("…, it works now")."""
    m = _OUTCOME_TAIL.search(names) or _WORKS_NOW.search(names)
    return names[:m.start()] if m is not None and m.start() > 0 else names


def _sentences(text: str) -> Iterator[_Sentence]:
    start = 0
    for m in [*_SENTENCE_BREAK.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        if text[start:end].strip():
            yield _Sentence(text[start:end], start, m is not None and m.group(0) == "?")
        if m is not None:
            start = m.end()
