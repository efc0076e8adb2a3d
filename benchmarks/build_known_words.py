"""Build assistant/intent/known_words.txt: English and German words that the typo
corrector must leave alone because they are words (issue 8: "certification" is not a
typo of "verification", "folder" not one of "older").

Only the words that could be mistaken for a knowledge-base word are kept: those within
the corrector's similarity cutoff (less a margin, so that new knowledge-base words are
covered too) of the router's vocabulary. That keeps the file small (~67,000 words, 650 KB) and
cheap to load when a question has a word to correct.

Source: the English and German word-frequency dictionaries of pyspellchecker
(MIT licence; built by its author from the OpenSubtitles 2018 corpus). Not a runtime
dependency: install it only to rebuild this file,

    .venv/bin/pip install pyspellchecker && .venv/bin/python benchmarks/build_known_words.py
"""

from __future__ import annotations

import gzip
import json
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from assistant.intent.fuzzy import KNOWN_WORDS_FILE, correction_cutoff, fold  # noqa: E402
from assistant.intent.kbindex import build_index  # noqa: E402
from assistant.kb.load import load_kb  # noqa: E402

MARGIN = 10.0  # below the corrector's cutoff: words near future vocabulary are kept too


def dictionary(lang: str) -> list[str]:
    path = resources.files("spellchecker") / "resources" / f"{lang}.json.gz"
    with path.open("rb") as raw, gzip.open(raw) as f:
        words = json.load(f)
    folded = {fold(w.lower()) for w in words}
    return sorted(w for w in folded if w.isascii() and w.isalpha() and len(w) >= 4)


def main() -> int:
    index = build_index(load_kb(use_cache=False).kb)
    vocab = index.vocabulary_list
    kept: set[str] = set()
    for lang in ("en", "de"):
        for word in dictionary(lang):
            if word in index.vocabulary:
                continue
            cutoff = correction_cutoff(word) - MARGIN
            if process.extractOne(word, vocab, scorer=fuzz.ratio, score_cutoff=cutoff, processor=None):
                kept.add(word)
    KNOWN_WORDS_FILE.write_bytes(("\n".join(sorted(kept)) + "\n").encode("ascii"))
    print(f"{len(kept)} words -> {KNOWN_WORDS_FILE} ({KNOWN_WORDS_FILE.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
