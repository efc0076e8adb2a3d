"""Signs of causes (and titles of causes and messages) found in a text, as evidence.

The index (kbindex) holds each sign normalised; this module adds what scoring needs on
top, derived once per index:

- a one-word sign counts by how telling the word is ("zscaler" a lot, "proxy" little);
- a one-word sign the base writes in capitals and that reads as an ordinary word in
  lower case ("CONNECT", the HTTP method) only counts when written so;
- a protocol-version sign ("TLS 1.2") stands for any version mention ("TLS 1.3",
  "TLSv1.0", "SSLv3");
- titles are signs too: "proxy host name cannot be resolved" is the title of one cause;
- a one-word sign that is a transaction ("SM59") says where the error was seen, not why;
  an acronym ("SNI", "DNS") is technical and counts fully;
- a phrase found out of order counts by its telling words, not by its stop words;
- a sign that is (part of) the name of a code or constant the text names is one piece of
  evidence with that name, and counts half for the causes the code's own ranking lists;
- a sign that is a status line ("503 Service Unavailable") is left to the number's reading
  (readings.py), which knows whether a proxy or the target sent it;
- a sign written as an identifier ("handshake_failure", the TLS alert) is matched as
  written, never by its words in another order ("handshake … failed");
- a sign that is the remedy, not the symptom — an instruction ("import the certificate in
  STRUST") or the setting a cause's fix switches on ('set "SSL Active"') — says what was
  or should be done: it counts only written out and where the text says it was not done
  or is off ("SSL Active was not set"), or when the text asks how to do it; never in
  "fails with SSL Active" or "STRUST import does not work".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from assistant.intent import cues
from assistant.intent.capitals import any_on_purpose
from assistant.intent.fuzzy import GENERIC_STEMS, normalize
from assistant.intent.httpstatus import HTTP_REASONS
from assistant.intent.kbindex import RouterIndex, Sign, index_for, loaded_from
from assistant.intent.phrasewords import WordPlaces, word_places
from assistant.intent.readings import phrase_stems
from assistant.intent.weights import Weights
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import PickledByFields
from assistant.lazyre import LazyPattern

SIGN_CAP_SIGNS = 2.5  # many signs of one cause count like this many verbatim signs at most
COMMON_IDF = 0.3  # weight of a word too common to be indexed ("http", "error")
MIN_LOOSE_IDF = 2.0
NAMED_CODE_SHARE = 0.5  # a sign that is the name of a code the text names and the cause lists
WHERE_FACTOR = 0.1  # a one-word sign that is a transaction name ("SM59")
ONE_WORD_IDF = 3.5  # idf at which a one-word sign counts like a two-word phrase

VERSION = LazyPattern(r" (?:tls|ssl) ?v?(?:1 [0-3]|1[0-3]|[23])(?= )")
_CAPITAL_WORD = LazyPattern(r"^[A-Z]{5,}$")
_ACRONYM = LazyPattern(r"^[A-Z]{2,4}$")
_IDENTIFIER = LazyPattern(r"^[A-Za-z0-9]*_[A-Za-z0-9_]*(?:\s*\(-?\d+\))?$")


@dataclass(frozen=True, slots=True)
class Title(PickledByFields):
    key: str  # "c:cause_id" or "m:message_id"
    stems: frozenset[str]


@dataclass(frozen=True, slots=True)
class SignTables:
    weights: tuple[float, ...]  # per index.signs entry
    case_sensitive: dict[int, LazyPattern]  # sign position -> pattern on the raw text
    version_signs: tuple[int, ...]  # positions of protocol-version signs
    exact_only: frozenset[int]  # identifier signs: matched as written only
    status_signs: dict[int, int]  # sign position -> HTTP status it is the status line of
    titles: tuple[Title, ...]
    where_words: frozenset[str]  # transaction names: where an error was seen, not why
    loose_totals: tuple[float, ...] = ()  # per sign: how telling all its words are together
    # Which signs a text can match at all: by the first word of their phrase (a verbatim
    # match has it as a word of the text) and, for the signs that can match in any order
    # (`_loose`), by each of their stems (such a match needs one). A text is compared
    # with those only, not with every sign of the base.
    by_first_word: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_stem: dict[str, tuple[int, ...]] = field(default_factory=dict)
    title_totals: tuple[float, ...] = ()  # per title: how telling all its words are together
    remedies: frozenset[int] = frozenset()  # signs that name the remedy (`_remedy_signs`)


_MEMO: dict[int, tuple[RouterIndex, SignTables]] = {}
SIGN_TABLES_NAME = "sign-tables-v1"


def tables_for(kb: KnowledgeBase, index: RouterIndex) -> SignTables:
    """Derived once per index object (memoised by identity, like the index itself).

    A base the loader primed (`kbindex.prime_indexes`) takes them from the loader's
    derived-data cache: building them costs ~5 ms of each fresh `sapassist ask`, reading
    them back ~0.3 ms. The entry is valid for the same knowledge files and the same code
    of this package (see `kb.cache.get_derived`).
    """
    hit = _MEMO.get(id(index))
    if hit is not None and hit[0] is index:
        return hit[1]
    loaded = loaded_from(kb)
    if loaded is not None and index_for(kb) is index:
        from assistant.kb.cache import get_derived

        tables = get_derived(loaded, SIGN_TABLES_NAME, lambda base: _build(base, index))
    else:
        tables = _build(kb, index)
    if len(_MEMO) >= 8:
        _MEMO.pop(next(iter(_MEMO)))
    _MEMO[id(index)] = (index, tables)
    return tables


def _raw_signs(kb: KnowledgeBase) -> dict[tuple[str, str], str]:
    """(cause, normalised sign) -> the sign as the base writes it."""
    out: dict[tuple[str, str], str] = {}
    for cause in kb.causes.values():
        for sign in cause.signs:
            out.setdefault((cause.id, normalize(sign)), sign.strip())
    return out


def _build(kb: KnowledgeBase, index: RouterIndex) -> SignTables:
    raw = _raw_signs(kb)
    transactions = {g.id for g in kb.glossary.values() if g.kind == "transaction"}
    weights: list[float] = []
    case_sensitive: dict[int, LazyPattern] = {}
    versions: list[int] = []
    exact: set[int] = set()
    status: dict[int, int] = {}
    for pos, sign in enumerate(index.signs):
        head, _, rest = sign.text.strip().partition(" ")
        if head.isdigit() and int(head) in HTTP_REASONS and normalize(rest) == normalize(HTTP_REASONS[int(head)]):
            status[pos] = int(head)
        if _IDENTIFIER.match(raw.get((sign.cause, sign.text), "")):
            exact.add(pos)
        words = sign.text.split()
        weight = sign.weight
        if len(words) == 1:
            idf = index.idf.get(_stem_of(sign), COMMON_IDF)
            written = raw.get((sign.cause, sign.text), "")
            factor = max(0.3, min(1.3, idf / ONE_WORD_IDF))
            if _ACRONYM.match(written):
                factor = max(1.0, factor)
            if index.glossary.get(words[0]) in transactions:
                factor = WHERE_FACTOR
            weight = sign.weight * factor
            if _CAPITAL_WORD.match(written) and written.lower() in index.vocabulary:
                case_sensitive[pos] = LazyPattern(rf"(?<![A-Za-z0-9_]){re.escape(written)}(?![A-Za-z0-9_])")
        else:
            # Out of order only the telling words are matched; weigh by those.
            weight = min(weight, 0.3 + 0.2 * len(sign.stems)) if len(sign.stems) < len(words) else weight
        if VERSION.search(sign.text):
            versions.append(pos)
        weights.append(weight)
    titles: list[Title] = []
    for cause in kb.causes.values():
        stems = phrase_stems(cause.title)
        if len(stems) >= 2:
            titles.append(Title(f"c:{cause.id}", stems))
    for message in kb.messages.curated_values():  # bare T100 rows have no causes
        stems = phrase_stems(message.title)
        if len(stems) >= 2 and message.causes:
            titles.append(Title(f"m:{message.id}", stems))
    where = frozenset(key for key, gid in index.glossary.items() if gid in transactions)
    totals = tuple(sum(_telling(st, index.idf) for st in sign.stems) for sign in index.signs)
    by_first_word: defaultdict[str, list[int]] = defaultdict(list)
    by_stem: defaultdict[str, list[int]] = defaultdict(list)
    for pos, sign in enumerate(index.signs):
        by_first_word[sign.text.split()[0]].append(pos)
        if _loose(sign, pos in exact, totals[pos]):
            for stem_ in sign.stems:
                by_stem[stem_].append(pos)
    return SignTables(
        tuple(weights), case_sensitive, tuple(versions), frozenset(exact), status, tuple(titles), where, totals,
        {k: tuple(v) for k, v in by_first_word.items()}, {k: tuple(v) for k, v in by_stem.items()},
        tuple(sum(_telling(s, index.idf) for s in title.stems) for title in titles),
        _remedy_signs(kb, index, exact),
    )


_SWITCHED_ON_BY = (" set", " activate", " enable", " switch on", " turn on", " tick")
_ARTICLES = frozenset({"the", "a", "an", "your", "its", "their", "our"})


def _remedy_signs(kb: KnowledgeBase, index: RouterIndex, identifiers: set[int]) -> frozenset[int]:
    """The signs that name a remedy rather than a symptom: an instruction (a verb that
    starts one of the base's fix steps, then an article: "import the certificate in
    STRUST"), or a setting one of the cause's own fix steps switches on ('set "SSL Active"')
    — the cause is that setting being off, not its name. A sign written as an identifier
    (`HTTP_TIMEOUT`) is a name errors print too, never only the remedy."""
    fixes = {cause.id: [normalize(step) for step in cause.fix] for cause in kb.causes.values()}
    verbs = {step.split()[0] for steps in fixes.values() for step in steps if step.split()}
    out: set[int] = set()
    for pos, sign in enumerate(index.signs):
        words = sign.text.split()
        if len(words) >= 3 and words[0] in verbs and words[1] in _ARTICLES:
            out.add(pos)
        elif pos not in identifiers and any(verb + sign.text in step for step in fixes.get(sign.cause, ()) for verb in _SWITCHED_ON_BY):
            out.add(pos)
    return frozenset(out)


# Words that say a thing was not done or is off, next to a remedy sign ("SSL Active was not
# set", "without SSL Active", "forgot to import the certificate in STRUST").
_NOT_DONE = frozenset(
    "not no never without off inactive unchecked disabled missing forgot forgotten nicht kein keine ohne".split()
)
_CLAUSE_END = LazyPattern(r"[,;.!?:\n()]")
_NOT_WORKING_RAW = LazyPattern(
    r"(?:\bnot|n't|\bno longer|\bnever|\bstopped) work(?:s|ing|ed)?\b", re.IGNORECASE, literals=("work",)
)


def _asks_how(normalized: str) -> bool:
    """The text asks for the remedy ("how do I import the root CA in STRUST?"): then naming
    it is the topic, as any other sign."""
    return bool(cues.FIX.search(normalized))


def _said_not_done(raw_text: str, sign_text: str) -> bool:
    """The remedy `sign_text` (normalised) is written in `raw_text` with a word saying it
    was not done or is off in its own clause, within three words ("does not work" says
    the step failed, not that it was left out)."""
    pattern = r"(?<![A-Za-z0-9])" + r"[\W_]+".join(map(re.escape, sign_text.split())) + r"(?![A-Za-z0-9])"
    for m in re.finditer(pattern, raw_text, re.IGNORECASE):
        before = _CLAUSE_END.split(raw_text[max(0, m.start() - 60) : m.start()])[-1]
        after = _CLAUSE_END.split(raw_text[m.end() : m.end() + 60])[0]
        near = normalize(_NOT_WORKING_RAW.sub(" ", before)).split()[-3:]
        near += normalize(_NOT_WORKING_RAW.sub(" ", after)).split()[:3]
        if _NOT_DONE.intersection(near) or any(w.endswith("n") and nxt == "t" for w, nxt in pairwise(near)):
            return True
    return False


def _loose(sign: Sign, exact_only: bool, total: float) -> bool:
    """The sign can be found out of order: a phrase of telling words, not an identifier."""
    return len(sign.stems) >= 2 and not exact_only and total >= MIN_LOOSE_IDF


def _candidate_signs(
    normalized: str, stems: set[str], tables: SignTables, mentions_version: bool
) -> tuple[list[int], set[int]]:
    """The positions of the signs this text can match, in the base's order, and those of
    them whose first word is a word of the text: only these can be found verbatim (a
    sign is padded with spaces, so its first word is a whole word of any text holding it)."""
    by_first_word, by_stem = tables.by_first_word, tables.by_stem
    verbatim: set[int] = set()
    for word in set(normalized.split()):
        first = by_first_word.get(word)
        if first:
            verbatim.update(first)
    found = verbatim | set(tables.version_signs) if mentions_version else set(verbatim)
    for stem_ in stems:
        having = by_stem.get(stem_)
        if having:
            found.update(having)
    return sorted(found), verbatim


def _stem_of(sign: Sign) -> str:
    return next(iter(sign.stems)) if sign.stems else sign.text.strip()


def _telling(stem: str, idf: dict[str, float]) -> float:
    """How telling a word is: its idf, little for ordinary words."""
    value = idf.get(stem, COMMON_IDF)
    return COMMON_IDF if stem in GENERIC_STEMS else value


def sign_scores(
    normalized: str,
    raw_text: str,
    stems: set[str],
    index: RouterIndex,
    tables: SignTables,
    named_code_texts: set[str],
    linked_causes: set[str],
    read_statuses: set[int],
    w: Weights,
    corrected: frozenset[str] = frozenset(),
    contradicted: Mapping[str, frozenset[str]] | None = None,
    fine: frozenset[str] = frozenset(),
) -> tuple[dict[str, float], dict[str, float]]:
    """Evidence per cause from its signs: (phrases found verbatim, looser evidence).

    Looser evidence is a one-word sign or a phrase found out of order; the router lets it
    reorder a named message's causes but hardly add new ones. A sign met only through
    typo-corrected words (`corrected`: their stems) does not count, nor one whose words
    all state a setting the other way than its cause is (`contradicted`, settingstates.py)
    or say a thing is fine (`fine`, finestates.py: "the CSRF token is correct")."""
    strong: dict[str, float] = defaultdict(float)
    soft: dict[str, float] = defaultdict(float)
    named: dict[str, float] = {}
    idf = index.idf
    mentions_version = bool(VERSION.search(normalized))
    version_signs = set(tables.version_signs)
    exact_only, status_signs, weights = tables.exact_only, tables.status_signs, tables.weights
    remedies = tables.remedies
    signs = index.signs
    # How telling each of the text's words is, looked up once rather than per sign.
    telling = {s: COMMON_IDF if s in GENERIC_STEMS else idf.get(s, COMMON_IDF) for s in stems}  # as `_telling`
    loose_totals = tables.loose_totals
    candidates, verbatim = _candidate_signs(normalized, stems, tables, mentions_version)
    for pos in candidates:
        sign = signs[pos]
        if read_statuses and status_signs.get(pos) in read_statuses:
            continue
        if corrected and sign.stems and sign.stems <= corrected and len(sign.stems) < 2:
            continue  # a correction alone never creates a match
        if (contradicted or fine) and _ruled_out(sign, contradicted, fine):
            continue  # "the proxy is configured", "the CSRF token is correct": no sign of their failure
        weight = weights[pos]
        if pos in remedies and not _asks_how(normalized):
            if pos in verbatim and sign.text in normalized and _said_not_done(raw_text, sign.text):
                target = strong if len(sign.text.split()) > 1 else soft
                target[sign.cause] += w.sign * weight
            continue  # a remedy named without "not done" (or out of order) is no symptom
        if (pos in verbatim and sign.text in normalized) or (mentions_version and pos in version_signs):
            pattern = tables.case_sensitive.get(pos)
            if pattern is not None and not any_on_purpose(raw_text, pattern.finditer(raw_text)):
                continue  # "connect" the verb is not CONNECT the method, nor in a line all in capitals
            if any(sign.text in name for name in named_code_texts):
                # A named code's id and its aliases are one piece of evidence, and the
                # code's own cause ranking counts it as well.
                share = NAMED_CODE_SHARE if sign.cause in linked_causes else 1.0
                named[sign.cause] = max(named.get(sign.cause, 0.0), w.sign * weight * share)
                continue
            target = strong if len(sign.text.split()) > 1 else soft
            target[sign.cause] += w.sign * weight
            continue
        if len(sign.stems) < 2 or pos in exact_only or (total := loose_totals[pos]) < MIN_LOOSE_IDF:
            continue  # not `_loose` (the test written out: this loop is the router's hottest)
        found_stems = sign.stems & stems - fine if fine else sign.stems & stems
        if (len(found_stems) < 2 or (corrected and not _not_one_correction(found_stems, corrected))
                or not word_places(raw_text).together(found_stems)):
            continue  # one word of a phrase is that word's evidence; words far apart no phrase (phrasewords)
        # Any order / other word forms: weigh the words found by how telling they are,
        # so "http … failure" does not count like "peer certificate untrusted" (a phrase of
        # common words only is too vague to count out of order: not `_loose`).
        found = sum(map(telling.__getitem__, found_stems)) / total
        if found >= 0.999:
            soft[sign.cause] += w.sign_all_words * weight
        elif found >= 0.75:
            soft[sign.cause] += w.sign_loose * weight * found
    for cause, score in named.items():
        strong[cause] += score
    # Many signs of one cause should not drown a different, precisely named cause.
    cap = SIGN_CAP_SIGNS * w.sign
    return _capped(strong, cap), _capped(soft, cap)


def _ruled_out(sign: Sign, contradicted: Mapping[str, frozenset[str]] | None, fine: frozenset[str]) -> bool:
    """All the sign's words state its cause's setting the other way ("proxy" in "the proxy is
    configured" for a missing proxy) or say a thing is fine."""
    if not sign.stems:
        return False
    return sign.stems <= fine or (contradicted is not None and sign.stems <= contradicted.get(sign.cause, frozenset()))


def _not_one_correction(found: set[str] | frozenset[str], corrected: frozenset[str]) -> bool:
    """Words found that are more than one typo's correction: at least one as written, or
    two corrected ones (two misspellings pointing the same way are no accident)."""
    return bool(found - corrected) or len(found & corrected) >= 2


def _capped(scores: dict[str, float], cap: float) -> dict[str, float]:
    return {cause: min(score, cap) for cause, score in scores.items()}


class TitleMatch(NamedTuple):
    """A title the text meets: its evidence, and how many of its telling words the text has
    (one: "timeout" meets "Timeout error", whose other word any error text has)."""

    score: float
    words: int


def title_matches(
    stems: set[str],
    index: RouterIndex,
    tables: SignTables,
    w: Weights,
    corrected: frozenset[str] = frozenset(),
    fine: frozenset[str] = frozenset(),
    places: WordPlaces | None = None,
) -> dict[str, TitleMatch]:
    """Evidence per doc key ('c:…', 'm:…') whose title's telling words are all in the text
    (at least one of them as written, not only as a typo's correction). No title is met by
    words of a thing the text says is fine (`fine`, finestates.py), nor by words far apart
    (`places`: phrasewords.py)."""
    out: dict[str, TitleMatch] = {}
    idf = index.idf
    telling = {s: _telling(s, idf) for s in stems}  # looked up once, not per title
    for title, total in zip(tables.titles, tables.title_totals, strict=True):
        words = title.stems & stems  # some of its words, and not only one typo's correction:
        if fine:
            words -= fine
        if not words or (corrected and not _not_one_correction(words, corrected)) or total < MIN_LOOSE_IDF:
            continue
        found = sum(map(telling.__getitem__, words)) / total
        if found >= 0.85 and places is not None and not places.together(words):
            continue
        told = sum(1 for s in words if telling[s] > COMMON_IDF)
        if found >= 0.999:
            out[title.key] = TitleMatch(w.title * min(1.0, total / 6.0), told)
        elif found >= 0.85:
            out[title.key] = TitleMatch(w.title * 0.5 * found * min(1.0, total / 6.0), told)
    return out
