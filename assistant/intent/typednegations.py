"""Negations as people type them, read in the one spelling every reader matches.

Many readers decide on a negation: whether a setting is on (settingwords, settingstates),
whether a cause is denied ("the firewall isn't blocking": statedfacts), whether a program is
said not to be used (ruledcues), whether a call failed or works now (failedcall, nofailure,
resolution), a failure in plain words ("doesn't respond": plainwords), and the scope cues
(a product's error text, "Cannot reach host"). Each grew its own alternatives ("does not",
"doesn't", "doesn'?t", "n[o'’]?t") and each missed some: "don’t have permissions" (U+2019)
was no scope cue, "couldn't resolve" no network error, "isn't" no negation to a reader of
words. Real posts type a negation without the apostrophe ("dont", "isnt", "cant"), with
another mark for it ("doesn’t" as editors and phones write it, "doesn`t", "doesn´t"), with
the apostrophe a letter late ("does'nt"), misspelt ("dosen't"), or in German dialect "net"
for "nicht" ("geht net"). So the parse stage writes each negation once, here, the way
product messages and every reader spell it — spelt out: "does not", "is not", "cannot",
"will not", "nicht" — and the other contractions with the ASCII apostrophe ("it’s" -> "it's").
Typographic quotes are written straight the same way ("“Not Found”" -> '"Not Found"', a lone
"’" -> "'"): a word processor or a mail client rewrites them, and the readers of a quoted
reason phrase or error text spell the ASCII marks.

The canonical text is longer than the typed one ("dont" -> "do not"), so every rewrite is
kept (`Retyped.edits`): a span of the canonical text is given back as typed
(`Retyped.as_typed`), and the user is quoted ("you said …") with what they wrote.

Left alone, because they are words of their own: "its" (the possessive), "Im" (German
"im"; no reader reads "I'm"), and the French relative pronoun "dont" ("le certificat dont
l'émetteur …": before an article or a pronoun; French is read by romance.py). A word inside
a name (a host, a path, an address) is never rewritten, as in swappedwords.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.lazyre import LazyPattern

# The auxiliaries English negates with "n't" ("ca" and "wo" are how "can't" and "won't" split).
_AUXILIARIES = r"do|does|did|is|are|was|were|has|have|had|could|would|should|must|need|ca|wo"
# Apostrophes other than the ASCII one: U+2019 and U+2018 (editors, phones), U+02BC; any
# contraction written with them is one. Marks typed for one: the backtick, the acute accent,
# the prime — only in a negation or after a pronoun, since a backtick also closes code ("`X`s").
_APOSTROPHES = "\u2019\u2018\u02bc"
_MARKS = "`\u00b4\u2032"
_PRONOUNS = r"i|you|we|they|he|she|it|that|what|there|here|let"
# What follows a French "dont": an article or a pronoun.
_FRENCH_AFTER_DONT = r"le|la|les|l|un|une|des|du|il|ils|elle|elles|on|je|j|nous|vous|tu|ce|cet|cette|c|y"
_GERMAN_VERBS = (r"geht|gehen|ging|funktioniert|funktionieren|funktionierte|klappt|klappte|laeuft|läuft|lief|tut"
                 r"|kann|konnte|ist|sind|war|waren|wird|hat|haben|hatte")

_ANY = f"'{_APOSTROPHES}{_MARKS}"
_TYPED = LazyPattern(
    r"(?<![\w.@/\\-])(?:"
    # "don't", "dont", "don’t", "don`t", "does'nt": a negated auxiliary, spelt out
    rf"(?P<aux>{_AUXILIARIES})(?:n[{_ANY}]t|[{_ANY}]nt|nt(?!\s+(?:{_FRENCH_AFTER_DONT})\b))"
    # "dosen't", "dosent", "dosn't", "doesen't": "doesn't" misspelt
    rf"|(?P<does>dose?n[{_ANY}]?t|doesen[{_ANY}]?t)"
    # "it’s", "we’re", "mightn’t": another apostrophe; "it`s", "I´m": a mark typed for one
    rf"|(?P<marked>[A-Za-z]+[{_APOSTROPHES}](?:t|s|m|re|ve|ll|d)|[A-Za-z]+n[{_MARKS}]t"
    rf"|(?:{_PRONOUNS})[{_MARKS}](?:s|m|re|ve|ll|d))"
    # "geht net", "funktioniert net": the dialect's "nicht" after a verb
    rf"|(?:{_GERMAN_VERBS})\s+(?P<net>net)"
    r")(?![\w@/\\-]|\.\w)",
    re.IGNORECASE,
)
_SPELT_OUT = {"ca": "cannot", "wo": "will not"}
_ANY_APOSTROPHE = re.compile(f"[{_APOSTROPHES}{_MARKS}]")


@dataclass(frozen=True, slots=True)
class Retyped:
    """A text in the canonical spelling of its negations, and where it differs from the typed one."""

    text: str
    # (start, end) in `text` of each rewritten word, and that word as it was typed; in order.
    edits: tuple[tuple[int, int, str], ...] = ()

    def as_typed(self, start: int, end: int) -> str:
        """The span `start`:`end` of `text` as it was typed (an edit is given back whole when
        the span holds its start)."""
        parts: list[str] = []
        at = start
        for edit_start, edit_end, typed in self.edits:
            if edit_start < start or edit_start >= end:
                continue
            parts += [self.text[at:edit_start], typed]
            at = edit_end
        return "".join(parts) + self.text[at:max(at, end)]


@lru_cache(maxsize=8)
def retyped_negations(text: str) -> Retyped:
    """`text` with its negations written the canonical way ("dont", "doesn’t", "does'nt" ->
    "don't", "doesn't"; "geht net" -> "geht nicht"), and the edits to give a span back as typed.
    Remembered per text (the result is frozen): the parse, the turn reader and the pronoun
    reader each ask it of the same turn."""
    parts: list[str] = []
    edits: list[tuple[int, int, str]] = []
    at = length = 0
    for m in _TYPED.finditer(text):
        start, canonical = _canonical(m)
        typed = text[start:m.end()]
        if canonical == typed:
            continue
        parts.append(text[at:start])
        length += start - at
        edits.append((length, length + len(canonical), typed))
        parts.append(canonical)
        length += len(canonical)
        at = m.end()
    parts.append(text[at:])
    return _with_straight_quotes("".join(parts), edits)


# Typographic quotes and the ASCII mark each is written for (an apostrophe left over from the
# contractions above — "SAP’" — is a closing single quote too).
_STRAIGHT = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
             "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'"}
_TYPOGRAPHIC_QUOTE = re.compile("[" + "".join(_STRAIGHT) + "]")
_STRAIGHTENED = str.maketrans(_STRAIGHT)


def _with_straight_quotes(text: str, edits: list[tuple[int, int, str]]) -> Retyped:
    """`text` with its typographic quotes straight, one edit each (the same length, so the
    negations' edits keep their places)."""
    quotes = [(m.start(), m.end(), m.group()) for m in _TYPOGRAPHIC_QUOTE.finditer(text)]
    if not quotes:
        return Retyped(text, tuple(edits))
    return Retyped(text.translate(_STRAIGHTENED), tuple(sorted(edits + quotes)))


def _canonical(m: re.Match[str]) -> tuple[int, str]:
    """Where the rewrite starts, and the canonical spelling of what the match typed, in its case."""
    if m.group("aux"):
        aux = m.group("aux")
        return m.start(), _in_case(_SPELT_OUT.get(aux.lower(), f"{aux.lower()} not"), m.group(0))
    if m.group("does"):
        return m.start(), _in_case("does not", m.group(0))
    if m.group("marked"):
        return m.start(), _ANY_APOSTROPHE.sub("'", m.group("marked"))
    return m.start("net"), _in_case("nicht", m.group("net"))


def _in_case(word: str, typed: str) -> str:
    """`word` in the case `typed` was written in ("DONT" -> "DON'T", "Dont" -> "Don't")."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word[0].upper() + word[1:] if typed[:1].isupper() else word
