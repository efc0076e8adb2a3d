"""What a text says is fine, and the words that are therefore no evidence of a failure.

Reports name a thing to rule it out as often as to blame it: "I see that the CSRF token is
going correctly", "my password is correct", "the certificate is valid until 2027", "the
proxy works for other calls", "DNS resolves fine", "das Zertifikat ist gültig", "the
certificate has not expired", "no timeout". The words of such a statement met the signs
of the very cause it rules out ("CSRF token", "password", "expired certificate") and
ranked that cause first. This module reads those statements, clause by clause, as
settingstates.py reads the state of a setting, and gives the stems of their words — the
thing said to be fine and what is said of it — that no cause may count.

A statement of what is fine is a word that says so ("fine", "correct", "valid", "works",
"present", "passt", "funktioniert", "gültig") or a failure word negated ("not expired",
"no errors"), in a clause that states a fact: no failure word of its own, no negation
left over ("is not valid"), no question, condition or plan ("if the password is
correct", "make sure the certificate is valid"), no past ("was working", "worked fine
before"), and no status line ("200 OK"). Only the words near that word count as its
subject, and a word the text also uses where it reports a failure is still evidence: "DNS
resolves fine" rules out nothing when the text also says "DNS lookup failed".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from assistant.intent.fuzzy import STOPWORDS, normalize, stem
from assistant.intent.german import english
from assistant.intent.httpstatus import HTTP_REASONS
from assistant.intent.negationwords import not_yet
from assistant.intent.sentencebreaks import SENTENCE_BREAK
from assistant.intent.settingstates import CLAUSE_BREAK, IDENTIFIER
from assistant.lazyre import LazyPattern

# Words that say a thing is as it should be (German folded as `normalize` folds it).
FINE_WORDS = frozenset(
    """fine ok okay correct correctly valid works working functioning present properly
    passt korrekt richtig gueltig funktioniert funktionieren vorhanden stimmt stimmen""".split()
)
# Of those, the ones that also stand before a noun ("the correct password", "a valid URL"):
# so placed they state a fact only in a clause with its speaker ("I entered the correct
# password"), not in an instruction ("Select a valid URL").
BEFORE_A_NOUN = frozenset("correct valid proper korrekt richtig gueltig".split())
ARTICLES = frozenset("a an the my our your their its ein eine einen den die das der mein meine unser unsere".split())
SPEAKERS = frozenset("i we ich wir".split())
# Failure words that, negated, say a thing is fine ("not expired", "no errors", "keine Fehler").
NEGATABLE_FAILURES = frozenset(
    """expired expire expires expiring revoked blocked blocking blocks locked timeout timeouts timed
    error errors fail fails failed failing refused refusing rejected rejecting broken missing
    problem problems issue issues abgelaufen fehler gesperrt""".split()
)
# Failure words that, as written, make a clause a report of a failure ("fails", "invalid").
FAILURE_WORDS = NEGATABLE_FAILURES | frozenset(
    """failure failures exception invalid incorrect wrong denied unauthorized unauthorised
    forbidden unable cannot cant unreachable fehlgeschlagen ungueltig falsch abgelehnt""".split()
)
NEGATORS = frozenset(
    "not no never without t nicht kein keine keinen ohne longer stop stops stopped hardly nearly almost".split()
)
# Between a negation and the failure word it negates ("has not been revoked", "no more errors").
NEGATION_FILLERS = frozenset("been yet ever any really even more".split())
# A word that makes the rest of its sentence a plan, a request or a question.
NOT_A_FACT = frozenset(
    """should must need needs ensure sure check verify please how why want wants
    hope assume assuming supposed expect bitte sollte sollten muss pruefen""".split()
)
# A word that makes a condition: no fact up to the next statement of the sentence that a
# comma and a joining word open ("if I try it is not accessible, and the port is not
# reachable": the port's state is stated). "If A and B, …" keeps B in the condition.
CONDITIONS = frozenset("if whether unless ob wenn falls".split())
# A word that puts its clause in the past: what was fine then is not said fine now.
HISTORY = frozenset("used before previously earlier ago yesterday gestern vorher frueher".split())
PAST_BEFORE_FINE = frozenset("was were been had worked war waren".split())  # "was working", "worked fine"
QUESTION_START = frozenset("is are does do did can could would will ist sind kann koennte".split())
WORKING = FINE_WORDS | {"work", "worked", "function", "functions", "klappt", "geht"}
_MAY_STATE_FINE = FINE_WORDS | NEGATABLE_FAILURES  # the words `_may_say_fine` looks at
BEFORE, AFTER = 6, 4  # the words around the fine word that can be what it is said of
MAX_READ = 16_000  # characters: a longer text is a pasted log (and reading it would cost more than routing it)

_SENTENCE_BREAK = LazyPattern(SENTENCE_BREAK)  # a soft wrap goes on (sentencebreaks)
# Within a sentence, a part ends at a word that joins or sets apart two statements ("… is
# correct because …", "… works but …"), or at a semicolon. A dot inside a host name or a colon
# after an error's prefix ends none ("handshake with api.github.com:443 failed").
_PART_BREAK = LazyPattern(
    r";|\b(?:and|so|because|since|but|while|whereas|although|though|however"
    r"|und|aber|weil|doch|sondern|jedoch|obwohl)\b",
    re.IGNORECASE,
)
# "… works for GET but not for PUT": the sentence says the thing fails after all.
_ELLIPTIC_FAILURE = LazyPattern(
    r"\b(?:but|however|aber|jedoch|doch)\s*,?\s+(?:not|never|nicht|nie)\b|,\s*(?:not|nicht)\s+(?:for|with|from|in|on|bei|mit|fuer|für)\b",
    re.IGNORECASE,
)
# A code or constant written out (SSSLERR_PEER_CERT_UNTRUSTED, ICM_HTTP_SSL_ERROR): an error's name.
_CODE = LazyPattern(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")
_ASIDE_MARKS = str.maketrans("()[]", "    ")  # "the connection (network) is not blocked" is one clause


class Sentence(NamedTuple):
    text: str
    tokens: list[str]  # its words, normalised (identifiers included: a cheap look at what it holds)
    asks: bool  # opens as a question ("is", "does", "can" …): none of it states a fact
    ends_asking: bool  # ends with "?": its last part asks ("… is correct, so what is wrong?")
    start: int = 0  # where it starts in the text


class Clause(NamedTuple):
    tokens: list[str]  # normalised words
    fact: bool  # a statement of a fact: no question, condition or plan in its sentence before it
    start: int = 0  # where it starts and ends in its sentence's text
    end: int = 0


class Part(NamedTuple):
    """A part of a sentence: one statement, as its clauses."""

    clauses: list[Clause]
    names_a_code: bool  # it names an error's code (ICM_HTTP_SSL_ERROR): it reports a failure
    start: int  # where it starts and ends in its sentence's text
    end: int
    plain: str  # its text as its clauses were read (identifiers blanked, same offsets)


def fine_stems(text: str) -> frozenset[str]:
    """The stems of the words `text` uses only to say that a thing is fine: no cause may
    count them as its evidence. A word the text also uses in a part that reports a failure
    stays evidence. Empty for most texts (a cheap scan first), and for a text longer than
    `MAX_READ`: a long paste is a log, whose lines are read as the errors they are."""
    if len(text) > MAX_READ or not _may_say_fine(normalize(text).split()):
        return frozenset()
    inside: set[str] = set()
    failing: set[str] = set()
    others: list[Sentence] = []
    for sentence in sentences(text):
        if _may_say_fine(sentence.tokens):
            _read(sentence, inside, failing)
        else:
            others.append(sentence)
    if not inside:
        return frozenset()
    # A sentence without a fine word: the words said fine that a part of it holds are said
    # to fail when that part reports a failure (a failure word, a code, a status).
    for sentence in others:
        if not inside.isdisjoint(sentence.tokens):
            failing |= _said_to_fail(sentence, inside)
    said_to_fail = {stem(t) for t in failing}
    return frozenset(stem(t) for t in inside if t not in STOPWORDS and not t.isdigit()) - said_to_fail


def _said_to_fail(sentence: Sentence, words: set[str]) -> set[str]:
    """Those of `words` that a part of the sentence reporting a failure holds (a parameter's
    name is no mention: `username/password` names a field)."""
    fails_after_all = fails_after_all_in(sentence)
    held: set[str] = set()
    for piece in _PART_BREAK.split(sentence.text):
        tokens = normalize(IDENTIFIER.sub(" ", piece)).split()
        if not words.isdisjoint(tokens) and (fails_after_all or reports_a_failure(tokens) or _CODE.search(piece)):
            held |= words.intersection(tokens)
    return held


def _read(sentence: Sentence, inside: set[str], failing: set[str]) -> None:
    """Add the sentence's words said fine to `inside`, and those of its parts that report a
    failure (outside a statement of what is fine) to `failing`."""
    fails_after_all = fails_after_all_in(sentence)
    for clauses, names_a_code, *_ in parts(sentence):
        outside: list[str] = []
        reports_failure = names_a_code or fails_after_all
        for clause in clauses:
            spans = [] if fails_after_all else fine_spans(clause)
            fine = {i for start, end in spans for i in range(start, end)}
            outside += [t for i, t in enumerate(clause.tokens) if i not in fine]
            reports_failure = reports_failure or (not spans and reports_a_failure(clause.tokens))
            for start, end in spans:  # German words count in English too ("Zertifikat" is certificate)
                inside.update(clause.tokens[start:end])
                inside.update(english(" ".join(clause.tokens[start:end])).split())
        if reports_failure:
            failing.update(outside)
            failing.update(english(" ".join(outside)).split())


def sentences(text: str) -> Iterator[Sentence]:
    """The sentences (or lines) of `text`, each with where it starts."""
    for start, end, ends_asking in sentence_spans(text):
        found = sentence_of(text, start, end, ends_asking)
        if found is not None:
            yield found


def sentence_spans(text: str) -> list[tuple[int, int, bool]]:
    """Where each sentence (or line) of `text` starts and ends, and whether it ends with "?"."""
    spans: list[tuple[int, int, bool]] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        spans.append((start, m.start(), m.group(0) == "?"))
        start = m.end()
    spans.append((start, len(text), False))
    return spans


def sentence_of(text: str, start: int, end: int, ends_asking: bool) -> Sentence | None:
    """The sentence text[start:end] (None when it has no words)."""
    words = normalize(text[start:end]).split()
    return Sentence(text[start:end], words, words[0] in QUESTION_START, ends_asking, start) if words else None


def parts(sentence: Sentence) -> Iterator[Part]:
    """The parts of a sentence, each as its clauses (identifiers taken out: a parameter's
    name states nothing) and whether it names an error's code. A word of condition or plan
    ("make sure") makes the rest of the sentence no fact; a condition ("if"), the rest of it
    up to a new statement opened by a comma and a joining word (", and …")."""
    fact = not sentence.asks
    condition = ended = False
    start = 0
    for m in [*_PART_BREAK.finditer(sentence.text), None]:
        end = m.start() if m is not None else len(sentence.text)
        piece = sentence.text[start:end]
        fact = fact and not (m is None and sentence.ends_asking)
        clauses: list[Clause] = []
        # identifiers blanked to their length: a clause keeps its place in the sentence
        plain = IDENTIFIER.sub(lambda i: " " * len(i.group(0)), piece).translate(_ASIDE_MARKS)
        bounds = [(b, f, normalize(plain[b:f]).split()) for b, f in _clause_bounds(plain)]
        # "if A, and B, it works": a condition's main clause still to come keeps B in it
        condition = condition or (ended and sum(1 for *_, tokens in bounds if tokens) > 1)
        for begin, finish, tokens in bounds:
            fact = fact and not NOT_A_FACT.intersection(tokens) and not not_yet(tokens)
            condition = condition or not CONDITIONS.isdisjoint(tokens)
            if tokens:
                clauses.append(Clause(tokens, fact and not condition, start + begin, start + finish))
        if clauses:
            yield Part(clauses, bool(_CODE.search(piece)), start, end, plain)
        if m is not None:
            ended = condition and _opens_a_statement(sentence.text, m)
            condition = condition and not ended
            start = m.end()


def _opens_a_statement(text: str, joint: re.Match[str]) -> bool:
    """The joining word follows a comma or is a semicolon: it opens a statement of its own,
    outside a condition before it ("if I try it fails, and the port is closed")."""
    return joint.group(0) == ";" or text[:joint.start()].rstrip().endswith(",")


def _clause_bounds(piece: str) -> Iterator[tuple[int, int]]:
    """Where each clause of a part starts and ends (as CLAUSE_BREAK splits it)."""
    start = 0
    for m in CLAUSE_BREAK.finditer(piece):
        yield start, m.start()
        start = m.end()
    yield start, len(piece)


def names_a_code(text: str) -> bool:
    """The text writes out a code or constant (ICM_HTTP_SSL_ERROR): an error's name."""
    return bool(_CODE.search(text))


def fails_after_all_in(sentence: Sentence) -> bool:
    """ "… works for GET but not for PUT": what the sentence says works fails after all."""
    return bool(_ELLIPTIC_FAILURE.search(sentence.text))


def _may_say_fine(tokens: list[str]) -> bool:
    """A cheap look first: a fine word not negated, or a failure word right after its negation."""
    if FINE_WORDS.isdisjoint(tokens) and (NEGATORS.isdisjoint(tokens) or NEGATABLE_FAILURES.isdisjoint(tokens)):
        return False
    return any((t in FINE_WORDS and not _negated(tokens, i, 3)) or (t in NEGATABLE_FAILURES and _negates_failure(tokens, i))
               for i, t in enumerate(tokens) if t in _MAY_STATE_FINE)


def reports_a_failure(tokens: list[str]) -> bool:
    """The clause names a failure: a failure word (negated or not), a working word negated,
    or an error status."""
    return any(t in FAILURE_WORDS or _failing_status(t) or (t in WORKING and _negated(tokens, i, 3))
               for i, t in enumerate(tokens))


def fine_spans(clause: Clause) -> list[tuple[int, int]]:
    """The spans (start, end) of the clause's words around each word that says a thing is
    fine; none when the clause is no plain statement of a fact in the present."""
    return [(max(0, i - BEFORE), min(len(clause.tokens), i + AFTER + 1)) for i in fine_words_of(clause)]


def fine_words_of(clause: Clause) -> list[int]:
    """Where the clause's words that say a thing is fine stand ("works", "valid", "not
    expired": the failure word negated); none when the clause is no plain statement of a
    fact in the present."""
    tokens = clause.tokens
    if not clause.fact or HISTORY.intersection(tokens):
        return []
    found: list[int] = []
    for i, token in enumerate(tokens):
        if token in FINE_WORDS and not _negated(tokens, i, 3):
            if _says_fine(tokens, i):
                found.append(i)
        elif token in NEGATABLE_FAILURES and _negates_failure(tokens, i):
            found.append(i)
        elif token in FAILURE_WORDS or _failing_status(token) or (token in WORKING and _negated(tokens, i, 3)):
            return []  # the clause reports a failure ("is not valid", "fails", "401")
    return found if found and _every_negation_negates_a_failure(tokens) else []


def _says_fine(tokens: list[str], i: int) -> bool:
    """The fine word at `i` states a fact now: not a status line's reason ("200 OK"), not
    the past ("was working", "worked fine"), and before a noun only when the clause has its
    speaker ("I entered the correct password", not "Select a valid URL")."""
    before = tokens[max(0, i - 2):i]
    if PAST_BEFORE_FINE.intersection(before):
        return False
    if tokens[i] in ("ok", "okay") and i > 0 and tokens[i - 1].isdigit():
        return False
    if tokens[i] in BEFORE_A_NOUN and i > 0 and tokens[i - 1] in ARTICLES:
        return bool(SPEAKERS.intersection(tokens))
    return True


def _negated(tokens: list[str], i: int, reach: int) -> bool:
    """A negation among the `reach` words before `i` ("isn't valid", "does not work")."""
    return bool(NEGATORS.intersection(tokens[max(0, i - reach):i]))


def _negates_failure(tokens: list[str], i: int) -> bool:
    """The failure word at `i` is negated right before it ("not expired", "no errors",
    "isn't blocked", "has not been revoked"): "partner not reached, timeout" negates none."""
    if i > 0 and tokens[i - 1] in NEGATORS:
        return True
    return i > 1 and tokens[i - 2] in NEGATORS and tokens[i - 1] in NEGATION_FILLERS


def _every_negation_negates_a_failure(tokens: list[str]) -> bool:
    """Every negation of the clause is that of a failure word ("the certificate valid is
    not the point" is no plain statement)."""
    negations = {i for i, t in enumerate(tokens) if t in NEGATORS}
    negating = {i - 1 if tokens[i - 1] in NEGATORS else i - 2
                for i, t in enumerate(tokens) if t in NEGATABLE_FAILURES and _negates_failure(tokens, i)}
    return negations <= negating


def _failing_status(token: str) -> bool:
    """A number that is an HTTP error status (401, 503; not port 443): the clause reports a failure."""
    return len(token) == 3 and token.isdigit() and token[0] in "45" and int(token) in HTTP_REASONS
