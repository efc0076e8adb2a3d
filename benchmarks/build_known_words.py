"""Build assistant/intent/known_words.txt: English and German words that the typo
corrector must leave alone because they are words (issue 8: "certification" is not a
typo of "verification", "folder" not one of "older", "properly" not one of "property").

Every English word of the dictionary is kept, whatever the knowledge base says: a new
entry that brings "property" or "mail" into the vocabulary cannot turn "properly" or
"email" into evidence (the list once held only the words near the vocabulary it was built
for, and went stale with each new entry). German words (338,000 generated word forms,
4.5 MB) are too many to keep all: only those within the corrector's similarity cutoff
(less a margin) of the router's vocabulary are, and the vocabulary they were chosen for is
written to `known_words_vocabulary.txt` beside this script; tests/unit/test_known_words.py
checks the German words near any word added to the vocabulary since, so a stale list fails
the tests instead of rewriting words. About 1.5 MB, read only when a question has a word
to correct.

Source: the English and German word-frequency dictionaries of pyspellchecker
(MIT licence; built by its author from the OpenSubtitles 2018 corpus), a test dependency
(`pip install -e '.[test]'`), not a runtime one:

    .venv/bin/python benchmarks/build_known_words.py
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from assistant.intent.fuzzy import KNOWN_WORDS_FILE, correction_cutoff, fold  # noqa: E402

MARGIN = 10.0  # below the corrector's cutoff: German words near future vocabulary are kept too
VOCABULARY_FILE = Path(__file__).with_name("known_words_vocabulary.txt")


@lru_cache(maxsize=2)
def dictionary(lang: str) -> tuple[str, ...]:
    """The dictionary's words as the corrector sees them: lower case, German letters folded,
    letters only, four or more (shorter words are never corrected)."""
    path = resources.files("spellchecker") / "resources" / f"{lang}.json.gz"
    with path.open("rb") as raw, gzip.open(raw) as f:
        words = json.load(f)
    folded = {fold(w.lower()) for w in words}
    return tuple(sorted(w for w in folded if w.isascii() and w.isalpha() and len(w) >= 4))


def english_words() -> tuple[str, ...]:
    return dictionary("en")


def german_words_near(vocabulary: Iterable[str]) -> set[str]:
    """The German words (not English ones) within reach of a correction into `vocabulary`,
    with the margin: searched from each vocabulary word, at the loosest cutoff, then each
    found word held to its own (a cutoff depends on the word's length)."""
    english = set(english_words())
    german = [w for w in dictionary("de") if w not in english]
    loosest = min(correction_cutoff(w) for w in ("a" * 4, "a" * 40)) - MARGIN
    near: set[str] = set()
    for word in vocabulary:
        for found, score, _ in process.extract(
            word, german, scorer=fuzz.ratio, score_cutoff=loosest, processor=None, limit=None
        ):
            if score >= correction_cutoff(found) - MARGIN:
                near.add(found)
    return near


def vocabulary_built_for() -> frozenset[str]:
    """The vocabulary the German part of the list was chosen for (empty before a build)."""
    try:
        return frozenset(VOCABULARY_FILE.read_text(encoding="ascii").split())
    except OSError:
        return frozenset()


def main() -> int:
    from assistant.intent.kbindex import build_index
    from assistant.kb.load import load_kb

    vocabulary = build_index(load_kb(use_cache=False).kb).vocabulary
    german = {w for w in german_words_near(sorted(vocabulary)) if w not in vocabulary}
    kept = set(english_words()) | german
    KNOWN_WORDS_FILE.write_bytes(("\n".join(sorted(kept)) + "\n").encode("ascii"))
    VOCABULARY_FILE.write_bytes(("\n".join(sorted(vocabulary)) + "\n").encode("ascii"))
    print(f"{len(kept)} words -> {KNOWN_WORDS_FILE} ({KNOWN_WORDS_FILE.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
