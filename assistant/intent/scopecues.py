"""Finding the cues of the scope vocabulary (scopevocab.py) in a text, cheaply.

Every cue has a literal that the text must contain; only when it does is the cue's regex
(if any) compiled and tried. So a question costs a few hundred substring tests and no
regex compilation at start-up — `ask --json` runs as a fresh process each time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any, NamedTuple, TypeVar

from assistant.intent.hosts import without_url_paths
from assistant.intent.scopevocab import (
    CONTAINING_NAMES,
    DECISIVE,
    FAMILIES,
    INDICATIVE,
    STRENGTHS,
    VOCABULARY,
    WEAK,
)

SCOPES = (
    "sap_http_client",
    "http_status_from_server",
    "sap_server_inbound",
    "rfc_or_network",
    "other_client",
    "unknown",
)
RANK = {DECISIVE: 0, INDICATIVE: 1, WEAK: 2}
WINDOW = 6000  # a long paste is searched in its head and its tail (where the errors are)


class Hit(NamedTuple):
    """One family of cues found in the text, at the strength of its strongest cue."""

    family: str
    scope: str
    strength: str


class _Row(NamedTuple):
    family: str
    strength: str
    needle: str  # lower-cased literal
    left: bool  # the literal starts with a letter or digit: needs a word boundary before it
    right: bool  # … ends with one: needs a word boundary after it (a literal ending in
    # "_", "." or ":" is a prefix, like ERR_TLS_ or sun.security.)
    regex: str | None  # when set, the regex decides the boundaries


def _word(ch: str) -> bool:
    """A character that continues a word. Chinese and Japanese run their words together
    without spaces, so an ideograph or kana next to a Latin name ("JDBC驱动", "SAP HANA数据库")
    ends that name as a space would."""
    return (ch.isalnum() and not _unspaced_script(ch)) or ch == "_"


# CJK ideographs (with extension A and the compatibility block), hiragana and katakana.
_UNSPACED = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _unspaced_script(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _UNSPACED)


@lru_cache(maxsize=1)
def _rows() -> tuple[_Row, ...]:
    rows = []
    for family, strength, text, _source, *regex in VOCABULARY:
        bounded = not regex
        # A profile parameter is written with its suffixes (icm/server_port_1,
        # icm/HTTPS/trust_client_with_issuer): its name is a prefix, bounded on the left only.
        parameter = "/" in text.strip("/") and " " not in text and "." not in text
        rows.append(_Row(family, strength, text.lower(), bounded and text[0].isalnum(),
                         bounded and text[-1].isalnum() and not parameter, regex[0] if regex else None))
    return tuple(rows)


@cache
def _compiled(position: int) -> re.Pattern[str]:
    regex = _rows()[position].regex
    assert regex is not None
    return re.compile(regex, re.IGNORECASE)


@cache
def required_literals(position: int) -> tuple[tuple[str, ...], ...]:
    """What every match of the row's regex holds, lower-cased: one string of each clause.

    A row's literal is often a short word ("api") and its regex a phrase around it
    ("… returns Invalid API key"); on a pasted trace that holds the word, scanning the
    regex case-insensitively costs 20–100 µs a row. The literal runs the regex cannot
    match without ("invalid api") are tested first — a substring test each."""
    regex = _rows()[position].regex
    assert regex is not None
    return tuple(_clauses(_parser.parse(regex, re.IGNORECASE)))


_MIN_RUN = 3  # shorter runs rule out too little to be worth a test


def _clauses(items: Iterable[tuple[Any, Any]]) -> list[tuple[str, ...]]:
    """The required literal runs of a parsed regex (ASCII literals in sequence, inside
    groups and repeats of at least one; a branch needs one run per alternative)."""
    out: list[tuple[str, ...]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= _MIN_RUN:
            out.append(("".join(run),))
        run.clear()

    for op, av in items:
        if op is _c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        flush()
        if op is _c.SUBPATTERN and not av[1] and not av[2]:  # a group that changes no flags
            out += _clauses(av[3])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            out += _clauses(av[2])
        elif op is _c.BRANCH:
            longest = [max((c[0] for c in _clauses(alt) if len(c) == 1), key=len, default="") for alt in av[1]]
            if all(longest):
                out.append(tuple(longest))
    flush()
    return out


def _has_required(lower: str, position: int) -> bool:
    return all(any(s in lower for s in clause) for clause in required_literals(position))


def _contains(lower: str, row: _Row) -> bool:
    """The literal occurs with word boundaries at its alphanumeric ends."""
    return next(_bounded_at(lower, row), None) is not None


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """The words of the vocabulary's literals ("approuter", "abapfs", "keytool"): names of
    products and settings, never a typo of a knowledge-base word."""
    words: set[str] = set()
    for row in _rows():
        words.update(w for w in re.findall(r"[a-z]+", row.needle) if len(w) >= 4)
    return frozenset(words)


PREFIX = 3  # rows are looked up by the first characters of their literal
K = TypeVar("K", str, bytes)


# Every byte but a-z, 0-9 and "_" (a non-ASCII letter is "?" first) as a space: what is
# left are the runs of ASCII word characters, and a literal bounded on its left that
# starts with one of them can only start where such a run starts.
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_NOT_WORD = bytes(ch if chr(ch) in _ASCII_ALNUM or ch == ord("_") else 32 for ch in range(256))


def _runs(lower: str) -> list[bytes]:
    return lower.encode("ascii", "replace").translate(_NOT_WORD).split()


class _Lookup(NamedTuple):
    """Where each row is looked up (row positions, in the vocabulary's order)."""

    exact: dict[bytes, tuple[int, ...]]  # a text's run of word characters must be this
    prefix: dict[bytes, tuple[int, ...]]  # … must start with these PREFIX characters
    anywhere: tuple[tuple[str, tuple[int, ...]], ...]  # the text must contain this literal (shortest first)


@lru_cache(maxsize=1)
def _lookup() -> _Lookup:
    """A literal bounded on its left that starts with an ASCII letter or digit starts where
    a run of the text's word characters starts, and that run is its own first run when
    the literal goes on with another character or must end at a word boundary; else the
    run starts with it. Any other literal may start anywhere: it is a substring test."""
    exact: dict[bytes, list[int]] = {}
    prefix: dict[bytes, list[int]] = {}
    anywhere: dict[str, list[int]] = {}
    for position, row in enumerate(_rows()):
        if len(row.needle) < PREFIX or not row.left or row.needle[0] not in _ASCII_ALNUM:
            anywhere.setdefault(row.needle, []).append(position)
            continue
        run = _runs(row.needle)[0]
        if run.decode() != row.needle or row.right:
            exact.setdefault(run, []).append(position)
        else:
            prefix.setdefault(run[:PREFIX], []).append(position)
    by_length = tuple(sorted(_frozen(anywhere).items(), key=lambda item: len(item[0])))
    return _Lookup(_frozen(exact), _frozen(prefix), by_length)


def _frozen(table: dict[K, list[int]]) -> dict[K, tuple[int, ...]]:
    return {key: tuple(rows) for key, rows in table.items()}


def _candidate_rows(lower: str) -> list[int]:
    exact, prefix, anywhere = _lookup()
    found: set[int] = set()
    for needle, rows in anywhere:
        if len(needle) > len(lower):
            break  # the rest are longer than the text
        if needle in lower:
            found.update(rows)
    for run in set(_runs(lower)):  # (most runs name no row: no update for them)
        exactly = exact.get(run)
        if exactly:
            found.update(exactly)
        starting = prefix.get(run[:PREFIX])
        if starting:
            found.update(starting)
    return sorted(found)


def windowed(text: str) -> str:
    """A long paste's first and last WINDOW characters (where the errors and a runtime's or
    a layer's markers sit); a shorter text as it is."""
    return text if len(text) <= 2 * WINDOW else text[:WINDOW] + "\n" + text[-WINDOW:]


class Found(NamedTuple):
    """The cues of a text, and what a second look at where they stand (`cues_at`) needs."""

    hits: list[Hit]
    text: str  # the text as searched (`searched`)
    candidates: list[int]  # the rows whose literal the lookup found (row positions)


def cues_in(text: str) -> list[Hit]:
    """The families whose cues the text contains, each at its strongest cue's strength,
    in the order of the vocabulary. A long paste is searched in its first and last
    WINDOW characters: a runtime's or a layer's markers sit near the error lines. A URL's
    path and query are a resource's name, not a cue ("…/btp-app-work-zone-subscribe.html",
    "…/oauth2/token/unauthorized"); its scheme and server stay."""
    return find_cues(text).hits


def find_cues(text: str) -> Found:
    """`cues_in`'s hits, with the searched text and the candidate rows kept for `cues_at`."""
    text = searched(text)
    lower = text.lower()
    candidates = _candidate_rows(lower)
    # Case-insensitive re folds more than str.lower outside ASCII ("K" for the Kelvin
    # sign): only an ASCII text skips a regex for its required literals.
    ascii_text = text.isascii()
    best: dict[str, str] = {}
    rows = _rows()
    names = _name_spans(lower, candidates)
    for position in candidates:
        row = rows[position]
        found = best.get(row.family)
        if found is not None and RANK[found] <= RANK[row.strength]:
            continue  # the family already counts at least this strongly
        if row.needle not in lower or not _stands_alone(lower, row, names):
            continue
        if row.regex is not None and (
            (ascii_text and not _has_required(lower, position)) or not _compiled(position).search(text)
        ):
            continue
        best[row.family] = row.strength
    return Found([Hit(family, FAMILIES[family].scope, strength) for family, strength in best.items()], text, candidates)


class CueAt(NamedTuple):
    """One cue where the text holds it: its family and strength, and its span in the
    searched text (`searched`)."""

    family: str
    strength: str
    start: int
    end: int


def searched(text: str) -> str:
    """The text as `cues_in` searches it: windowed, each URL's path and query blanked, a
    line wrapped inside a sentence read on (`without_soft_wraps`)."""
    return without_soft_wraps(without_url_paths(windowed(text)))


# A line break inside a sentence: the line ends in a word or a comma (not a value, a sentence's end or a colon), and
# the next starts, unindented, with a small letter ("unable\nto find valid certification
# path", "the cloud\nconnector"): a mail's or an editor's wrap, not a line of its own.
_SOFT_WRAP = re.compile(r"(?<=[A-Za-z,])[ \t]*\n(?=([A-Za-z]))")
# A line break after a word before a capital ("BW ABAP\nServer", "in the\nSAP PO system") is a wrap
# too when the text is filled to a width (a mail's, a PDF's, an editor's: `WRAP_WIDTHS`) and the
# next line's first word would not have fit on this one — the wrap put it there, not the writer.
_FIRST_WORD = re.compile(r"\S+")
_INSIDE_SENTENCE = re.compile(r"(?<=[A-Za-z,-])[ \t]*\n(?=[A-Za-z])")  # a wrap's break, or a PDF's hyphen's
WRAP_WIDTHS = range(40, 101)  # narrower is a list of short lines; wider is no wrap
_FILLED = 15  # a line this close to the width is filled
_FILLED_LINES = 2  # … and a text with fewer such lines is not wrapped


def without_soft_wraps(text: str) -> str:
    """`text` with each soft wrap (above) made a blank, the same length: offsets stay."""
    if "\n" not in text:
        return text
    width = _wrap_width(text)
    return _SOFT_WRAP.sub(lambda m: _blank(m) if m.group(1).islower() or _wrapped(m, width) else m.group(), text)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _wrap_width(text: str) -> int | None:
    """The width the text's lines were filled to, or None when they were not: the longest line is
    in WRAP_WIDTHS and at least _FILLED_LINES lines near it end inside a sentence, after a word or
    a hyphen (a log's lines, alike in length, end in values, not in a wrap)."""
    width = max((len(line.rstrip()) for line in text.split("\n")[:-1]), default=0)  # a paragraph's last line is short
    if width not in WRAP_WIDTHS:
        return None
    filled = sum(_line_length(m) >= width - _FILLED for m in _INSIDE_SENTENCE.finditer(text))
    return width if filled >= _FILLED_LINES else None


def _line_length(m: re.Match[str]) -> int:
    """The length of the line the break `m` ends."""
    return m.start() - (m.string.rfind("\n", 0, m.start()) + 1)


def _wrapped(m: re.Match[str], width: int | None) -> bool:
    """The break `m` ends a line the next line's first word would not have fit on (a text filled to `width`)."""
    if width is None:
        return False
    word = _FIRST_WORD.match(m.string, m.end())
    return word is not None and _line_length(m) + 1 + len(word.group()) > width


def cues_at(cues: Found, families: frozenset[str], within: list[tuple[int, int]] | None = None) -> list[CueAt]:
    """Every occurrence of the non-decisive cues of `families` in the searched text — only
    inside the spans `within`, when given — for a reading of what the text says about
    each one. Only the rows `find_cues` found candidates are tried."""
    text = cues.text
    lower = text.lower()
    ascii_text = text.isascii()
    spans = within if within is not None else [(0, len(text))]
    rows = _rows()
    names = _name_spans(lower, cues.candidates)
    found: list[CueAt] = []
    for position in cues.candidates:
        row = rows[position]
        if row.family not in families or row.strength == DECISIVE or row.needle not in lower:
            continue
        if row.regex is None:
            found += [CueAt(row.family, row.strength, at, at + len(row.needle))
                      for start, end in spans for at in _bounded_at(lower, row, start, end)
                      if _outside_longer(at, at + len(row.needle), row.family, names)]
        elif not ascii_text or _has_required(lower, position):  # (as in find_cues)
            found += [CueAt(row.family, row.strength, m.start(), m.end())
                      for start, end in spans for m in _compiled(position).finditer(text, start, end)]
    return found


class _NameSpan(NamedTuple):
    """Where the text holds a literal cue (its family) or a containing name (family None)."""

    start: int
    end: int
    family: str | None


@lru_cache(maxsize=1)
def _containing_rows() -> tuple[_Row, ...]:
    """scopevocab.CONTAINING_NAMES as rows bounded at both ends (they belong to no family)."""
    return tuple(_Row("", WEAK, name.lower(), True, True, None) for name, _source in CONTAINING_NAMES)


def _name_spans(lower: str, candidates: list[int]) -> tuple[_NameSpan, ...]:
    """The spans a shorter cue may stand inside: every occurrence of a candidate literal cue
    (regex cues are decided by their regex, context and all) and of a containing name."""
    rows = _rows()
    spans = [_NameSpan(at, at + len(row.needle), row.family)
             for row in (rows[p] for p in candidates) if row.regex is None and row.needle in lower
             for at in _bounded_at(lower, row)]
    spans += [_NameSpan(at, at + len(row.needle), None)
              for row in _containing_rows() if row.needle in lower for at in _bounded_at(lower, row)]
    return tuple(spans)


def _outside_longer(start: int, end: int, family: str, names: tuple[_NameSpan, ...]) -> bool:
    """The longest name wins: a cue occurrence counts unless it lies inside a longer cue of
    another family ("CPI" in the RFC layer's "CPI-C") or a containing name ("Cloud
    Integration" in "Ariba Cloud Integration Gateway")."""
    return not any(
        n.start <= start and end <= n.end and n.end - n.start > end - start and n.family != family for n in names
    )


def _stands_alone(lower: str, row: _Row, names: tuple[_NameSpan, ...]) -> bool:
    """A literal cue occurs with its word boundaries somewhere outside a longer name; a regex
    cue's literal only has to occur (the regex decides)."""
    if row.regex is not None:
        return _contains(lower, row)
    return any(_outside_longer(at, at + len(row.needle), row.family, names) for at in _bounded_at(lower, row))


def _bounded_at(lower: str, row: _Row, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Where the row's literal occurs (between `start` and `end`) with word boundaries at
    its alphanumeric ends."""
    stop = len(lower) if end is None else end
    while (at := lower.find(row.needle, start, stop)) >= 0:
        after = at + len(row.needle)
        if (not row.left or at == 0 or not _word(lower[at - 1])) and (
            not row.right or after == len(lower) or not _word(lower[after])
        ):
            yield at
        start = at + 1


__all__ = ["RANK", "SCOPES", "STRENGTHS", "WINDOW", "CueAt", "Found", "Hit", "cue_words", "cues_at", "cues_in",
           "find_cues", "searched", "windowed"]
