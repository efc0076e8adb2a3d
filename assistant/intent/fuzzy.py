"""Word-level normalisation and typo correction (rapidfuzz).

Everything works on bounded input: callers cap the text first, and the correction step
looks at a limited number of distinct unknown words, so a 1 MB paste costs the same as a
page of it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Every English word and the German words near the knowledge base's vocabulary (benchmarks/build_known_words.py):
# a word in it is spelt right and is never "corrected" into a domain word.
KNOWN_WORDS_FILE = Path(__file__).with_name("known_words.txt")
MAX_KNOWN_WORDS_BYTES = 4_000_000
MAX_EDITS_SHORT = 1  # a typo in a word of up to 7 letters: one edit
MAX_EDITS_LONG = 2  # in a longer word: two
_WORD = re.compile(r"[a-z][a-z0-9]*")

MAX_CORRECTED_WORDS = 40  # distinct unknown words that get a fuzzy look-up

STOPWORDS = frozenset(
    """
    a an the and or but if then else of to in on at by for with from into onto over under
    is are was were be been being am do does did done doing have has had having i we you
    he she it they me us him her them my our your his its their this that these those
    there here what which who whom whose when where how why can could should would will
    shall may might must not no yes so very too also just only about as than more most
    some any all each every other such own same again once get got getting give gives
    please pls thanks thank hello hi hey ok okay im ive dont doesnt didnt cant wont isnt
    arent wasnt werent one two three via per like still after before while up down out off
    mean means meaning tell show know want need let lets try tried trying see seen say says
    happen happens happened happening occur occurs work works working anyone someone
    something anything nothing everything now today yesterday always never sometimes again
    really maybe seems seem use used using make made take way thing things bit lot lots
    upgrade upgrades upgraded upgrading
    """.split()
)


# Ordinary words that say where or to whom something happens, not what went wrong. They
# stay searchable but weigh little: "target server only supports TLS 1.3" is about TLS,
# not about the cause whose title happens to say "target".
GENERIC_WORDS = frozenset(
    """
    target targets server servers partner partners system systems side call calls calling
    called request requests client clients service services application applications app
    external internal outbound inbound remote local only support supports supported new
    old since cannot unable able now still sap abap api apis customer vendor our their
    company production prod dev test quality landscape
    program programs report reports method methods class function module code job
    """.split()
)
GENERIC_FACTOR = 0.3  # their weight next to a word that names a problem
CORRECTED_FACTOR = 0.6  # a typo-corrected word is a guess: it counts less than a written one


def fold(text: str) -> str:
    """German letters as ASCII ("prüfung" -> "pruefung"), on lower-case text."""
    return text.translate(_FOLD)


def normalize(text: str) -> str:
    """Lowercase, every run of non-alphanumerics becomes one space, padded with spaces.

    The padding lets callers test whole-word phrases with `" phrase " in normalized`.
    German letters are folded first, so "Zertifikatsprüfung" stays one word.
    """
    return " " + _NON_ALNUM.sub(" ", fold(text.lower())).strip() + " "


def words(normalized: str) -> list[str]:
    return _WORD.findall(normalized)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A deliberately light stemmer: enough to meet 'expired'/'expire', 'refused'/'refuse'."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix in ("ations", "ation", "ings", "ing", "ied", "ies", "ure", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            if suffix in ("ied", "ies"):
                return base + "y"
            return base
    if word.endswith("e") and len(word) > 5:
        return word[:-1]
    return word


def content_words(normalized: str) -> list[str]:
    """Words worth matching: no stopwords, no single letters, no pure numbers."""
    return [w for w in words(normalized) if len(w) > 1 and w not in STOPWORDS and not w.isdigit()]


def correction_cutoff(word: str) -> float:
    # One edit in a short word is a big change; demand more similarity there.
    if len(word) <= 4:
        return 90.0  # effectively off: "rest" must not become "reset"
    if len(word) <= 5:
        return 88.0
    if len(word) <= 7:
        return 84.0
    return 80.0


@lru_cache(maxsize=1)
def _known_words_blob() -> bytes:
    """The sorted word list as one block of lines, read once (no set is built: reading
    it costs well under a millisecond, building a set of its words tens)."""
    try:
        with open(KNOWN_WORDS_FILE, "rb") as f:
            return b"\n" + f.read(MAX_KNOWN_WORDS_BYTES).strip(b"\n") + b"\n"
    except OSError:
        return b"\n"


def _in_sorted_lines(blob: bytes, word: bytes) -> bool:
    """Binary search for a whole line in `blob`: sorted lines, each ended by a newline,
    and a newline first. `lo` and `hi` are always newlines; the lines between them are
    the candidates."""
    lo, hi = 0, len(blob) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        end = blob.find(b"\n", mid, hi)
        if end < 0:
            end = hi
        start = blob.rfind(b"\n", lo, end) + 1
        line = blob[start:end]
        if line == word:
            return True
        if line < word:
            lo = end
        else:
            hi = start - 1
    return False


def is_word(token: str) -> bool:
    """A correct English or German word (of those that could be taken for a domain word)."""
    if token in GENERIC_WORDS:
        return True
    if not token.isascii():
        return False
    return _in_sorted_lines(_known_words_blob(), token.encode("ascii"))


def close_enough(token: str, word: str) -> bool:
    """A typo, not another word: at most one edit in a short word, two in a long one
    (a swap of two letters counts as one)."""
    from rapidfuzz.distance import OSA

    limit = MAX_EDITS_SHORT if len(token) <= 7 else MAX_EDITS_LONG
    return OSA.distance(token, word, score_cutoff=limit + 1) <= limit


def correct_words(
    tokens: Sequence[str], vocabulary: frozenset[str], choices: Sequence[str], known: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Map misspelt tokens to the closest vocabulary word ('trustd' -> 'trusted').

    Only tokens of four letters or more that are not already known are looked at, and at
    most MAX_CORRECTED_WORDS distinct ones, which keeps the cost bounded. A token that is
    itself an English or German word is never changed ("certification" is no typo of
    "verification"), nor is a name in `known` (a product's or setting's, "approuter"), and
    the correction must be a typo's distance away.
    """
    fixes: dict[str, str] = {}
    seen: set[str] = set()
    for token in tokens:
        if token in seen or token in vocabulary or token in known or len(token) < 4 or not token.isalpha():
            continue
        seen.add(token)
        if len(seen) > MAX_CORRECTED_WORDS:
            break
        fix = _typo_fix(token, choices)
        if fix is not None:
            fixes[token] = fix
    return fixes


_TYPO_FIXES: dict[tuple[str, int], tuple[Sequence[str], str | None]] = {}
_TYPO_FIXES_LIMIT = 4096


def _typo_fix(token: str, choices: Sequence[str]) -> str | None:
    """The word among `choices` that `token` is a typo of, if any. Remembered per word
    (bounded): the fuzzy search is the dearest step of a correction, and the same unknown
    words ("icmconncreate", "secude") come back in every paste of a trace."""
    key = (token, id(choices))
    memo = _TYPO_FIXES.get(key)
    if memo is not None and memo[0] is choices:
        return memo[1]
    fix = _search_typo_fix(token, choices)
    if len(_TYPO_FIXES) >= _TYPO_FIXES_LIMIT:
        _TYPO_FIXES.clear()
    _TYPO_FIXES[key] = (choices, fix)
    return fix


# Regular endings on a known word: "catched" is catch's past as many write it, no typo of
# "cached"; "proxys", "certificated" the same. Checked longest first.
_REGULAR_ENDINGS = ("ing", "ed", "es", "s")
MIN_BASE = 4  # letters of the known word the ending is put on ("catch"; not "us" + "ed")


def is_word_form(token: str) -> bool:
    """A known word with a regular ending put on it (as written, or with its final e dropped
    before -ing / -ed): a word form, not a typo of another word."""
    for ending in _REGULAR_ENDINGS:
        base = token[: -len(ending)]
        if token.endswith(ending) and len(base) >= MIN_BASE and (
                is_word(base) or (ending in ("ing", "ed") and is_word(base + "e"))):
            return True
    return False


def _search_typo_fix(token: str, choices: Sequence[str]) -> str | None:
    if is_word(token) or is_word_form(token):
        return None  # spelt right (and looking it up is cheaper than the fuzzy search)
    # imported only for a word that needs the search: rapidfuzz costs ~15 ms of a
    # fresh `ask --json`, and a question without typos never needs it
    from rapidfuzz import fuzz, process

    cutoff = correction_cutoff(token)
    best = process.extractOne(
        token, _within_reach(choices, len(token), cutoff), scorer=fuzz.ratio, score_cutoff=cutoff, processor=None
    )
    if best is None or stem(best[0]) == stem(token):
        return None  # only a change of meaning is worth reporting
    if best[0] in token:
        # A word holding the correction whole is a compound, a name or a clipped form, not a
        # typo: "oauth" is no "auth", "customca" no "custom", "couldn" (couldn't) no "could".
        return None
    return best[0] if close_enough(token, best[0]) else None


_REACH: dict[tuple[int, int, int], tuple[Sequence[str], list[str]]] = {}
_REACH_LIMIT = 64


def _within_reach(choices: Sequence[str], length: int, cutoff: float) -> Sequence[str]:
    """The choices whose length allows fuzz.ratio >= cutoff with a word of `length` letters
    (ratio = 2·matches / (a + b), so b lies between a·c/(2-c) and a·(2-c)/c), in their own
    order, so the search finds exactly what it would find among all of them, sooner."""
    c = cutoff / 100.0
    low, high = math.ceil(length * c / (2 - c) - 1e-9), math.floor(length * (2 - c) / c + 1e-9)
    key = (id(choices), low, high)
    memo = _REACH.get(key)
    if memo is None or memo[0] is not choices:
        if len(_REACH) >= _REACH_LIMIT:
            _REACH.clear()
        memo = (choices, [w for w in choices if low <= len(w) <= high])
        _REACH[key] = memo
    return memo[1]


def word_weight(word: str) -> float:
    """How much a (stemmed) word may count as evidence on its own."""
    return GENERIC_FACTOR if word in GENERIC_STEMS else 1.0


GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_WORDS)


def best_matches(
    query: str, choices: Iterable[str], *, limit: int = 5, cutoff: float = 50.0
) -> list[tuple[str, float]]:
    """Closest strings to a short query (WRatio), best first."""
    from rapidfuzz import fuzz, process

    found = process.extract(
        query, list(choices), scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff
    )
    return [(choice, float(score)) for choice, score, _ in found]


_CLOSEST: dict[tuple[str, int, float], tuple[list[str], str | None]] = {}
_CLOSEST_LIMIT = 1024


def closest_name(name: str, choices: list[str], cutoff: float) -> str | None:
    """The choice most like `name` (a misspelt constant, code or message class), if any
    reaches `cutoff` (0–100); rapidfuzz is loaded only when a name needs it. Remembered
    per name (bounded): a trace names the same unknown codes in every paste."""
    if not choices:
        return None
    key = (name, id(choices), cutoff)
    memo = _CLOSEST.get(key)
    if memo is not None and memo[0] is choices:
        return memo[1]
    from rapidfuzz import fuzz, process

    best = process.extractOne(name, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    if len(_CLOSEST) >= _CLOSEST_LIMIT:
        _CLOSEST.clear()
    _CLOSEST[key] = (choices, best[0] if best else None)
    return best[0] if best else None
