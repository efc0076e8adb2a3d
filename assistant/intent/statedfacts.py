"""What a report states about the subject of a cause, and whether it says that subject is the trouble.

Admins write what they know of the path beside the error: "The firewall blocks port 443 to
that host", "the proxy is not involved", "the certificate expired last week", "telnet to the
port works", "nslookup finds no address", "der Port ist in der Firewall freigeschaltet",
"Proxy wird nicht verwendet". Each such statement is a *subject* (the firewall, a port, the
proxy, the server certificate's dates, name resolution, a TCP or HTTP probe run from the
application server, the reachability of the target, the clock, a CA missing in the PSE)
with a *polarity*: affirmed (blocks, is closed, expired, finds no address, is required,
times out) or denied (open, opened, works, valid, resolves, not used, not involved, no …).
intent.statedcauses maps each (subject, polarity) to the base's causes; this module only
reads.

A statement is a subject's name and one of its state words near it in one clause of a
sentence that states a fact (finestates' reading: no question, condition, plan or request),
read with its negation ("isn't blocking", "cannot be resolved", "finds no address"). Not a
statement: a guess ("maybe", "I think"), a date ahead ("will expire", "expires in 2025"), a
story ("had expired", "in the past"), a report's own resolution ("the problem was the
firewall": intent.resolution reads it), a probe failing elsewhere ("telnet from my laptop
fails": it says nothing of the SAP server's path), another thing of the same name ("the
client certificate expired", "a ticket with the firewall team"), and a denial in a part of
the sentence that reports a failure ("Direct connect to github.com:443 failed").

What works elsewhere is a comparison (intent.comparisons): a probe that works from another
machine ("curl from my laptop works") takes the subject of that place, judged in its part
of the sentence; a browser, an API client, another SAP system and "worked until last week"
are subjects of their own, read in a story too, and over a comma in their part ("In Postman,
it works"); "worked until …" also beside the failure it is said against.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from assistant.intent.finestates import (
    NEGATORS,
    WORKING,
    Clause,
    Part,
    Sentence,
    parts,
    reports_a_failure,
    sentences,
)
from assistant.intent.fuzzy import normalize
from assistant.intent.negationwords import BELIEFS, NEGATIONS, hedge_in, not_yet
from assistant.intent.resolution import without_resolutions
from assistant.intent.statedwords import (
    ABSENT,
    BEFORE_FILLERS,
    COULD,
    FOLLOWED_NEGATION,
    NEGATED_AFTER,
    NEGATIONS_AFTER,
    NOT_ABSENT_AFTER,
    READERS,
    STOPS,
    STORY,
    SubjectWords,
)
from assistant.lazyre import LazyPattern

MAX_READ = 16_000  # characters: a longer text is a pasted log, whose lines state nothing of the admin's
NEGATION_REACH = 3  # words before a state word that a negation may stand in ("is not the cause")
_NEGATORS = NEGATORS | NEGATIONS | {"cant", "unable"}  # the shared list, finestates' own, and typed "cant"
_EVERY_NAME = frozenset(name for reader in READERS for name in reader.names)
# A name as written (German umlauts also folded): a text without any (most texts) is not read.
_ANY_NAME = LazyPattern(r"\b(?:" + "|".join(sorted(_EVERY_NAME, key=len, reverse=True)) + r")\b")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_PART_BREAK = LazyPattern(r"[,;]")
# A word that is no word of prose: a URL, an option ("-u", "--proxy-user"), or a word with a
# dot, colon, @, = or slash between two of its word characters and a letter in it (a host, an
# address, user:password, key=value, a path; not "1.2"). Each word is looked at once (linear).
_WORD = LazyPattern(r"\S+")
_INNER_MARK = LazyPattern(r"\w[.:@=/]\w")
_OPTION = LazyPattern(r"--?[A-Za-z]")
_TRAILING = ".,;:!?)]"  # the punctuation that ends a word (a sentence's full stop stays)
# The words that open a belief ("I think", "we suspect that", "maybe", "ich glaube, dass"):
# "You think" says them back.
_BELIEF_OPENING = LazyPattern(
    r"^\W*(?:(?:I|we|ich|wir)\s+)?(?:(?:really|do|also|still)\s+)?(?:think|guess|believe|suspect|assume|glaube|vermute|denke)"
    r"\s*,?\s*(?:that\s+|dass\s+)?|^\W*(?:maybe|perhaps|probably|possibly|vielleicht|wahrscheinlich|vermutlich|eventuell)\s*,?\s*"
    r"|^\W*(?:that|dass)\s+",
    re.IGNORECASE,
)
COMPARERS = tuple(reader for reader in READERS if reader.compares)


class StatedFact(NamedTuple):
    """One statement: its subject (a key of intent.statedwords.SUBJECTS), whether it says
    the subject is the trouble (`affirmed`) or is not, and the clause as written (`said`,
    at `start`:`end` of the text)."""

    subject: str
    affirmed: bool
    said: str
    start: int
    end: int
    words: tuple[str, ...] = ()  # the statement's own words, normalised (the name to its state word)


@dataclass(frozen=True, slots=True)
class _Place:
    """A clause being read: its tokens, its sentence, its part, and where it is."""

    tokens: list[str]
    sentence: Sentence
    part: Part
    clause: Clause
    said: str = ""  # the text as written (its URLs and arguments not blanked): what a statement says back
    facts: list[StatedFact] = field(default_factory=list)


def stated_facts(text: str) -> tuple[StatedFact, ...]:
    """Every statement of a cause's subject the text makes, in its order (none for most
    texts: a cheap look for a subject's name first)."""
    return _read(text) if len(text) <= MAX_READ else ()


@lru_cache(maxsize=16)
def _read(text: str, thoughts: bool = False) -> tuple[StatedFact, ...]:
    """Read once per text: the router and the answer both ask. `thoughts`: the statements
    said as a belief instead ("I think the firewall blocks port 443"), and only those."""
    if not _ANY_NAME.search(text.lower().translate(_FOLD)):
        return ()
    found: list[StatedFact] = []
    for sentence in sentences(without_arguments(without_resolutions(text))):
        if sentence.asks or _EVERY_NAME.isdisjoint(sentence.tokens):
            continue
        for part in parts(sentence):
            in_part: list[StatedFact] = []
            said_so_far: list[str] = []
            for clause in part.clauses:
                said_so_far += clause.tokens
                if clause.fact and (_only_believed(said_so_far) if thoughts else not _guessed(said_so_far)):
                    in_part += _in_clause(_Place(clause.tokens, sentence, part, clause, text))
            found += in_part if thoughts else in_part + _compared_across_clauses(
                sentence, part, {f.subject for f in in_part}, text)
    return tuple(dict.fromkeys(found))


def _compared_across_clauses(sentence: Sentence, part: Part, read: set[str], said: str) -> list[StatedFact]:
    """What works elsewhere said over a comma ("In Postman, this API is working", "I test
    the URI with Postman, it works"): the comparisons the part's clauses did not state, read
    in the part as a whole when every clause of it states a fact."""
    if len(part.clauses) < 2 or not all(c.fact for c in part.clauses) or _guessed(
            [t for c in part.clauses for t in c.tokens]):
        return []
    first, last = part.clauses[0], part.clauses[-1]
    whole = Clause([t for c in part.clauses for t in c.tokens], True, first.start, last.end)
    facts = _in_clause(_Place(whole.tokens, sentence, part, whole, said), COMPARERS)
    return [f for f in facts if f.subject not in read]


def _in_clause(place: _Place, readers: tuple[SubjectWords, ...] = READERS) -> list[StatedFact]:
    """The statements of one clause: each subject once, by its first name with a state."""
    tokens = place.tokens
    if _EVERY_NAME.isdisjoint(tokens):
        return []
    facts: dict[str, StatedFact] = {}
    story = not STORY.isdisjoint(tokens)  # "had expired in the past": not said of now
    part = [t for clause in place.part.clauses for t in clause.tokens]
    for reader in readers:
        if reader.subject in facts or not reader.reads(part, tokens) or (story and not reader.compares):
            continue
        for i, token in enumerate(tokens):
            if token not in reader.names or reader.other_thing(tokens, i):
                continue
            polarity = _polarity(reader, tokens, i)
            if polarity is None:
                continue
            affirmed, span = polarity
            if not affirmed and not reader.then_failed and not _denied_in_words(tokens, span) and _fails_beside(place, span):
                continue  # "Direct connect to … failed": a failure, not a statement that it is fine
            subject = _subject_there(reader, part, affirmed)
            if subject is None:
                continue
            start = place.sentence.start + place.clause.start
            statement = tuple(tokens[span[0]:span[1]])
            words = part_that_says(place.said[start:place.sentence.start + place.clause.end], statement)
            facts[reader.subject] = StatedFact(subject, affirmed, words, start,
                                               place.sentence.start + place.clause.end, statement)
            break
    return list(facts.values())


def without_arguments(text: str) -> str:
    """`text` with every word that is no word of prose blanked (same length): a URL, a host
    name, a path, a command's option and an argument such as `user:password`. Their parts are
    neither a subject nor a state, and none ends a statement's reach: "curl
    https://api.vendor.com works" and "curl -u admin:… works" state what curl does — "vendor"
    and "admin" there are no team or vendor that said something (statedwords.STOPS)."""
    return _WORD.sub(_blank_if_not_prose, text)


def _blank_if_not_prose(m: re.Match[str]) -> str:
    word = m.group(0)
    core = word.rstrip(_TRAILING)
    if "://" in core or _OPTION.match(core) or (_INNER_MARK.search(core) and any(c.isalpha() for c in core)):
        return " " * len(core) + word[len(core):]
    return word


def _subject_there(reader: SubjectWords, part: list[str], affirmed: bool) -> str | None:
    """The subject of a statement where the probe ran: its own on the SAP server; run
    elsewhere, the elsewhere subject of its success ("curl from my laptop works"), and none
    of its failure (what fails on another machine says nothing of the SAP server's path)."""
    if not reader.ran_elsewhere(part):
        return reader.subject
    return None if affirmed or not reader.elsewhere else reader.elsewhere


def thought_as_typed(text: str, as_typed: Callable[[int, int], str]) -> tuple[StatedFact, ...]:
    """What the text says as a belief ("I think the firewall blocks port 443", "maybe the
    proxy is not involved"): no evidence (negationwords), but said back as what the user
    thinks — quoted as typed, without the words of the belief ("the firewall blocks port
    443"). A denied belief or doubt ("I don't think …", "not sure whether …") and a plan are
    none: their words do not say what the user thinks."""
    if len(text) > MAX_READ:
        return ()
    return tuple(f._replace(said=_BELIEF_OPENING.sub("", part_that_says(as_typed(f.start, f.end), f.words)))
                 for f in _read(text, thoughts=True))


def stated_as_typed(text: str, as_typed: Callable[[int, int], str]) -> tuple[StatedFact, ...]:
    """The text's statements, each quoted with the words as typed (`as_typed(start, end)`:
    "doesnt", not the spelt-out form the readers matched) and cut to the part that says it."""
    return tuple(f._replace(said=part_that_says(as_typed(f.start, f.end), f.words)) for f in stated_facts(text))


def part_that_says(clause: str, statement: tuple[str, ...]) -> str:
    """The clause as written, cut to the comma- or semicolon-part that holds most of the
    statement's words: "SM59 fails with …, the firewall blocks port 443" said "the firewall
    blocks port 443". The whole clause when no part stands out."""
    cuts = [0, *(m.end() for m in _PART_BREAK.finditer(clause))]
    spans = list(zip(cuts, [c - 1 for c in cuts[1:]] + [len(clause)], strict=True))
    words = [normalize(clause[a:b]).split() for a, b in spans]
    wanted = set(statement)
    shares = [len(wanted.intersection(w)) for w in words]
    best = max(shares, default=0)
    if best == 0 or shares.count(best) > 1:
        return " ".join(clause.split())
    first = last = shares.index(best)
    # Said over a comma ("In Postman, it works"): from the part of its first word to that of its last.
    while statement and statement[0] not in words[first] and first > 0 and shares[first - 1]:
        first -= 1
    while statement and statement[-1] not in words[last] and last < len(words) - 1 and shares[last + 1]:
        last += 1
    return " ".join(clause[spans[first][0]:spans[last][1]].split())


def _only_believed(tokens: list[str]) -> bool:
    """A belief said outright so far in the part ("I think", "probably", "maybe"): no denied
    belief, no doubt, no plan or date ahead."""
    hedge = hedge_in(tokens)
    return hedge is not None and hedge.kind == "belief" and not BELIEFS.isdisjoint(tokens) and not not_yet(tokens)


def _guessed(tokens: list[str]) -> bool:
    """A guess or belief so far in the part ("maybe", "I think", "could be"; not "could not"),
    or a request or plan (negationwords.not_yet: "we asked them to open port 443")."""
    if not BELIEFS.isdisjoint(tokens) or not_yet(tokens):
        return True
    return any(t == COULD and tokens[i + 1:i + 2] not in (["not"], ["n"]) for i, t in enumerate(tokens))


def _polarity(reader: SubjectWords, tokens: list[str], i: int) -> tuple[bool, tuple[int, int]] | None:
    """Whether the name at `i` is stated to be the trouble, and the span of the statement:
    "no proxy" (absent), a state word after the name ("the firewall was opened"), or before
    it ("blocked by the firewall", "we opened port 443", "able to telnet")."""
    if reader.absent_denies and _absent(tokens, i):
        return False, (max(0, i - 2), _absence_end(reader, tokens, i))
    for j in range(i + 1, min(len(tokens), i + reader.reach + 2)):
        if tokens[j] in STOPS and tokens[j] not in reader.through:
            break
        said = _state(reader, tokens, j, named_negated=i > 0 and tokens[i - 1] in _NEGATORS, named_at=i)
        if said is not None and reader.holds_for_other(tokens, j):
            return None  # "the certificate is valid for host X": its names, not its dates
        if said is not None:
            return said, (max(0, i - 1), j + 1)
    for j in range(i - 1, max(-1, i - reader.reach - 2), -1):
        said = _state(reader, tokens, j)
        if said is not None:
            return said, (max(0, j - 1), i + 1)
        if tokens[j] not in BEFORE_FILLERS | reader.fillers and not tokens[j].isdigit() and tokens[j] not in _NEGATORS:
            break
    return None


def _absence_end(reader: SubjectWords, tokens: list[str], i: int) -> int:
    """Where "no <name>" ends: after a state word of the subject that follows it ("no
    firewall is blocking"), which is the denial's own word, as in "the firewall is not
    blocking" — not a failure reported beside it (`_fails_beside`)."""
    for j in range(i + 1, min(len(tokens), i + reader.reach + 2)):
        if tokens[j] in STOPS and tokens[j] not in reader.through:
            break
        if tokens[j] in reader.states:
            return j + 1
    return i + 1


def _state(reader: SubjectWords, tokens: list[str], j: int, *, named_negated: bool = False,
           named_at: int | None = None) -> bool | None:
    """The polarity the state word at `j` gives its subject (None: no state word of it, or
    one that says nothing as negated or not). A negation right before the name negates what
    follows it ("no firewall is blocking", "no host found"); one between the name (at
    `named_at`) and the state word, however far, negates the state ("the proxy does not for
    any reason let the host through": the clause is its reach, negationwords); one after a
    verb, its object ("finds no address"); one after a German verb in its clause, the verb
    ("blockiert den Port nicht", "funktioniert nicht")."""
    meaning = reader.states.get(tokens[j])
    if meaning is None:
        return None
    plain, negated = meaning
    after = (tokens[j] in FOLLOWED_NEGATION and _negated_after(tokens, j)) or (
        tokens[j] in NEGATED_AFTER and not NEGATIONS_AFTER.isdisjoint(tokens[j + 1:]))  # "blockiert den Port nicht"
    negations = (_negated(tokens, j, named_at), named_negated, after)
    return negated if sum(negations) % 2 else plain


def _negated(tokens: list[str], j: int, named_at: int | None = None) -> bool:
    """A negation among the few words before `j` ("is not involved", "isn't blocking",
    "cannot be resolved"), or anywhere after the subject's name at `named_at` ("the firewall
    will not under any circumstances let us out")."""
    start = j - NEGATION_REACH if named_at is None else min(j - NEGATION_REACH, named_at + 1)
    return not _NEGATORS.isdisjoint(tokens[max(0, start):j])


def _negated_after(tokens: list[str], j: int) -> bool:
    """A verb's object negated right after it: "finds no address", "findet keine Adresse"."""
    return not _NEGATORS.isdisjoint(tokens[j + 1:j + 3])


def _absent(tokens: list[str], i: int) -> bool:
    """ "no proxy", "without a firewall", "kein Proxy": the thing is not there — unless a
    setting of it follows ("no proxy configured" is the setting's state, settingstates.py;
    "no firewall rule" is a rule missing), or the clause says what works so ("without the
    proxy it works": a condition, which points to the proxy)."""
    before = tokens[max(0, i - 2):i]
    if not any(t in ABSENT for t in before):
        return False
    return NOT_ABSENT_AFTER.isdisjoint(tokens[i + 1:i + 3]) and WORKING.isdisjoint(tokens)


def _denied_in_words(tokens: list[str], span: tuple[int, int]) -> bool:
    """The statement negates its subject's state in its own words ("is not blocking", "no
    firewall is blocking"): a denial, whatever failure the part reports beside it — unlike
    a claim that something works, which a failure beside it takes back (`_fails_beside`)."""
    return not _NEGATORS.isdisjoint(tokens[span[0]:span[1]])


def _fails_beside(place: _Place, span: tuple[int, int]) -> bool:
    """The part of the sentence that holds a denial reports a failure besides it (a code, a
    failure word outside the statement's own words): then it is no statement that its
    subject is fine."""
    if place.part.names_a_code:
        return True
    start, end = span
    rest = place.tokens[:max(0, start - NEGATION_REACH)] + place.tokens[end:]
    if reports_a_failure(rest):
        return True
    return any(reports_a_failure(c.tokens) for c in place.part.clauses if c is not place.clause)

