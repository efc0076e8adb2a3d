"""Common words typed with two letters swapped ("teh", "wiht", "nto", "becuase") read as the
words they are.

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


_SWAPPED = LazyPattern(
    r"(?<![\w.@/\\-])(" + "|".join(sorted(swapped(), key=len, reverse=True)) + r")(?![\w@/\\-]|\.\w)", re.IGNORECASE
)


def with_swapped_words_retyped(text: str) -> str:
    """`text` with each swapped common word written right, in its case ("Teh" -> "The")."""
    return _SWAPPED.sub(_retyped, text)


def _retyped(m: re.Match[str]) -> str:
    typed = m.group(1)
    word = swapped()[typed.lower()]
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word.capitalize() if typed[0].isupper() else word
