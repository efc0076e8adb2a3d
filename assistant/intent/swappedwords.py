"""Common words typed with two letters swapped ("teh", "wiht", "nto", "becuase") or with a letter
left out ("th", "frm", "whch") read as the words they are.

Typos in content words are corrected by the fuzzy step (fuzzy.correct_words), but the
everyday words are stop words there, and the rules that read phrases — a product's cue
("created the HTTP service"), a program said not to be used ("we do not use …"), a failure
stated ("does not work") — meet them in the text as written. On the dev reports "call teh
Rules" (SAP tutorials) and "I should nto do any configuration", "becuase I dont use SSL"
(the ALM plug-in for Grafana) are such words. Each word of `COMMON` is looked up with every
swap of two neighbouring letters that is no word itself; the text keeps its length, so every
offset read later stays where it was. A swapped word inside a name (a host, a path, an
address: "nto.example.org") is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.intent.fuzzy import is_word
from assistant.lazyre import LazyPattern

COMMON = ("the", "with", "that", "this", "which", "when", "have", "from", "there", "their", "what", "because",
          "not", "and", "your", "after", "before", "where")
# Swaps that are also another slip ("ont he" for "on the", "to and fro"): left as written.
_AMBIGUOUS = frozenset({"ont", "fro"})
# Common words left when a letter drops from another one: "with" -> "wit", "your" -> "you", "there" -> "ther" (or their?).
_WORDS_TOO = frozenset({"wit", "tat", "tis", "wen", "you", "no", "an", "ad", "ther", "fro"})


@lru_cache(maxsize=1)
def swapped() -> dict[str, str]:
    """Each swap of two neighbouring letters of a COMMON word that is no word, to that word."""
    out: dict[str, str] = {}
    for word in COMMON:
        for i in range(len(word) - 1):
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if typo != word and typo not in _AMBIGUOUS and not is_word(typo):
                out[typo] = word
    return out


@lru_cache(maxsize=1)
def dropped() -> dict[str, str]:
    """Each COMMON word with one letter after its first left out, when what is left is no word (module docstring)."""
    out: dict[str, str] = {}
    for word in COMMON:
        for i in range(1, len(word)):
            typo = word[:i] + word[i + 1 :]
            if typo not in _WORDS_TOO and not is_word(typo) and typo not in swapped():
                out.setdefault(typo, word)
    return out


def _mistyped() -> dict[str, str]:
    return {**dropped(), **swapped()}


_SWAPPED = LazyPattern(
    # Not after an apostrophe: "could'nt", "don´t" — the tail of a contraction (typednegations.py
    # reads it), not a word with a letter dropped ("nt" is no "not" there).
    r"(?<![\w.@/\\'\u2019`\u00b4-])(" + "|".join(sorted(_mistyped(), key=len, reverse=True)) + r")(?![\w@/\\-]|\.\w)",
    re.IGNORECASE
)


def with_swapped_words_retyped(text: str) -> str:
    """`text` with each swapped common word, or one with a letter dropped, written right, in its case ("Teh" -> "The")."""
    return _SWAPPED.sub(_retyped, text)


def _retyped(m: re.Match[str]) -> str:
    typed = m.group(1)
    lower = typed.lower()
    if lower not in swapped():
        if typed.isupper():
            return typed  # "TH", "NT": an abbreviation
        word = dropped()[lower]
    else:
        word = swapped()[lower]
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word.capitalize() if typed[0].isupper() else word
