"""A phrase is said in a few words: the words of a sign or a title found out of order count
as that phrase only when they stand close together in the text.

The signs and titles of the base are phrases ("unknown host", "host name does not match").
Found out of order they were met by the words of the whole text, so a word of one sentence and
a word of another made a phrase no sentence says: "the name is unknown to me" and a later
"each system runs on its own host" read as "unknown host", a DNS failure. Real posts add such
sentences — the landscape, the setting, a log's routine lines — to every kind of report, and
each moved the verdict. Closeness is counted in words, not in lines or sentences: a post's line
breaks move with the editor that wrapped it (a forum's, a PDF's), its words do not.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache

from assistant.intent.fuzzy import normalize, stem, words

PHRASE_SPAN = 15  # words: a phrase said out of order spreads over fewer (a long sentence's length)


@dataclass(frozen=True)
class WordPlaces:
    """Where each stem of a text stands (its words' positions, in order)."""

    places: dict[str, tuple[int, ...]]

    def together(self, found: Set[str]) -> bool:
        """Every stem of `found` the text holds as written stands within `PHRASE_SPAN` words of
        the others (a typo's correction or a translation's English is not held to a place)."""
        held = [s for s in found if s in self.places]
        if len(held) < 2:
            return True
        marks = sorted((at, s) for s in held for at in self.places[s])
        counts: dict[str, int] = {}
        start = 0
        for at, s in marks:  # the shortest run of marks that holds every stem
            counts[s] = counts.get(s, 0) + 1
            while len(counts) == len(held):
                first_at, first = marks[start]
                if at - first_at < PHRASE_SPAN:
                    return True
                counts[first] -= 1
                if not counts[first]:
                    del counts[first]
                start += 1
        return False


@lru_cache(maxsize=32)
def word_places(text: str) -> WordPlaces:
    """The positions of each stem of `text`'s words."""
    places: dict[str, list[int]] = {}
    for at, word in enumerate(words(normalize(text))):
        places.setdefault(stem(word), []).append(at)
    return WordPlaces({s: tuple(ats) for s, ats in places.items()})
