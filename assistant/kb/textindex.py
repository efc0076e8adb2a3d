"""A search index over message texts that stays fast with a whole system's T100 imported.

Matching a pasted error against every text with rapidfuzz costs 300–700 ms at 100,000
messages; this index answers in a few milliseconds instead:

1. candidates come from an inverted index (word → message numbers, IDF-weighted); a word
   that is in no text (a typo) is first mapped to its closest vocabulary words with
   rapidfuzz — the vocabulary is far smaller than the number of messages;
2. the best few hundred candidates are re-ranked by how well query and text cover each
   other word by word (typo-tolerant, IDF-weighted), a whole-string similarity, and
   SAP's placeholders: T100 texts hold `&`/`&1`…`&4`, and a paste has them filled in
   ("Connection to host sap.example.com failed: timeout" for "Connection to host & failed: &").

This module holds the index and the choice of candidates; the words and placeholders of a
T100 text are `assistant.kb.t100text`, and how one message's texts score against the
query is `assistant.kb.textmatch`.

The index is plain data (strings, dicts of ints, `array`s) so it pickles small and
unpickles fast; the loader's cache can store it beside the knowledge base.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Message
from assistant.kb.t100text import squash, strip_placeholders, tokens
from assistant.kb.textmatch import (
    QueryWord,
    detailed_score,
    detailed_texts,
    message_document,
    rough_score,
    rough_texts,
)

MAX_QUERY_CHARS = 4000  # a 1 MB paste costs the same as its first page
MAX_QUERY_TOKENS = 64
RERANK = 200  # candidates from the inverted index, scored by word overlap
FINAL_RERANK = 30  # of those, scored in detail (word order, placeholders)
FULL_SCAN_BUDGET = 5_000  # postings walked one by one per query before switching to set ops
FUZZY_MIN_LEN = 3  # shorter words are too ambiguous to correct
FUZZY_SHORT_CUTOFF = 85.0  # a 3-letter word: only a dropped letter ("ioc" for "idoc")
FUZZY_CUTOFF = 74.0  # rapidfuzz ratio: one edit in a 4-letter word still counts
FUZZY_PER_WORD = 4


class _StringTable:
    """Many strings in one blob with offsets: pickles and unpickles as two objects."""

    __slots__ = ("blob", "offsets")

    def __init__(self, items: Sequence[str]) -> None:
        self.blob = "".join(items)
        self.offsets = array("I", [0])
        total = 0
        for item in items:
            total += len(item)
            self.offsets.append(total)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, index: int) -> str:
        return self.blob[self.offsets[index] : self.offsets[index + 1]]

    def __getstate__(self) -> tuple[str, array]:
        return self.blob, self.offsets

    def __setstate__(self, state: tuple[str, array]) -> None:
        self.blob, self.offsets = state



class TextIndex:
    """Inverted index over message texts; `search(text)` → [(message id, score 0..100)]."""

    __slots__ = ("_docs", "_idf_memo", "_ids", "_offsets", "_postings", "_vocab", "_words")

    def __init__(self) -> None:
        self._ids = _StringTable([])
        self._docs = _StringTable([])  # textmatch.message_document of each message
        self._words: dict[str, int] = {}  # word -> word number
        self._offsets = array("I", [0])  # postings of word w: _postings[_offsets[w]:_offsets[w+1]]
        self._postings = array("I")
        self._vocab: list[str] | None = None  # lazily, for rapidfuzz (not pickled)
        self._idf_memo: dict[str, float] = {}  # not pickled

    # --- building ---------------------------------------------------------------------

    @classmethod
    def build(cls, messages: Mapping[str, Message] | Iterable[Message]) -> TextIndex:
        """Index every message's texts (SAP text, imported text, title) and keywords."""
        values = messages.values() if isinstance(messages, Mapping) else messages
        ids: list[str] = []
        docs: list[str] = []
        lists: dict[str, list[int]] = {}
        for number, message in enumerate(values):
            doc = message_document(message)
            ids.append(message.id)
            docs.append(doc)
            for word in set(tokens(strip_placeholders(doc))):
                posting = lists.get(word)
                if posting is None:
                    lists[word] = [number]
                else:
                    posting.append(number)
        index = cls()
        index._ids = _StringTable(ids)
        index._docs = _StringTable(docs)
        offset = 0
        for word_number, (word, posting) in enumerate(lists.items()):
            index._words[word] = word_number
            index._postings.extend(posting)
            offset += len(posting)
            index._offsets.append(offset)
        return index

    @classmethod
    def for_kb(cls, kb: KnowledgeBase) -> TextIndex:
        """The index for this knowledge base, built once per object (or handed in)."""
        for known_kb, index in _MEMO:
            if known_kb is kb:
                return index
        index = cls.build(kb.messages)
        cls.remember(kb, index)
        return index

    @staticmethod
    def remember(kb: KnowledgeBase, index: TextIndex) -> None:
        """Register a ready index (e.g. unpickled from the loader's cache) for `kb`."""
        _MEMO[:] = [(k, i) for k, i in _MEMO if k is not kb][-(_MEMO_SIZE - 1) :]
        _MEMO.append((kb, index))

    def __len__(self) -> int:
        return len(self._ids)

    def __getstate__(self) -> dict[str, Any]:
        return {
            "ids": self._ids, "docs": self._docs, "words": self._words,
            "offsets": self._offsets, "postings": self._postings,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._ids = state["ids"]
        self._docs = state["docs"]
        self._words = state["words"]
        self._offsets = state["offsets"]
        self._postings = state["postings"]
        self._vocab = None
        self._idf_memo = {}

    # --- searching --------------------------------------------------------------------

    def search(self, text: str, limit: int = 10) -> list[tuple[str, float]]:
        """Best matching message ids with scores 0..100 (100 = the text itself), best first.

        Scores: 100 the text itself; ≥ 85 the same text with a typo, a missing word or
        filled-in placeholders; 65–85 probably this message (more differences, or other
        text around it); below 50 little in common.
        """
        if limit <= 0 or not len(self):
            return []
        text = text[:MAX_QUERY_CHARS]
        query, order = self._query_words(tokens(strip_placeholders(text)))
        if not query:
            return []
        idf, docs = self._idf, self._docs
        rough: list[tuple[float, int]] = []
        for number in self._candidates(query):
            cheap = max(rough_score(words, query, idf) for words in rough_texts(docs[number]))
            if cheap > 0:
                rough.append((cheap, -number))
        squashed = squash(strip_placeholders(text))
        scored: list[tuple[float, int]] = []
        for _, neg in heapq.nlargest(max(FINAL_RERANK, limit), rough):
            score = max(
                detailed_score(doc, query, order, text, squashed, idf)
                for doc in detailed_texts(docs[-neg])
            )
            if score > 0:
                scored.append((score, neg))
        best = heapq.nlargest(limit, scored)
        return [(self._ids[-neg], round(score, 1)) for score, neg in best]

    def _df(self, word: str) -> int:
        number = self._words[word]
        return self._offsets[number + 1] - self._offsets[number]

    def _idf(self, word: str) -> float:
        """log(1 + N/df); memoised (not pickled): the scoring asks for the same words often."""
        value = self._idf_memo.get(word)
        if value is None:
            number = self._words.get(word)
            df = 0 if number is None else self._offsets[number + 1] - self._offsets[number]
            value = math.log(1 + len(self) / max(df, 1))
            if len(self._idf_memo) < 200_000:
                self._idf_memo[word] = value
        return value

    def _query_words(self, words: list[str]) -> tuple[list[QueryWord], list[int]]:
        """Distinct query words with their matches, and the word order as indexes."""
        seen: dict[str, int] = {}
        query: list[QueryWord] = []
        order: list[int] = []
        for word in words[: MAX_QUERY_TOKENS * 4]:
            if word in seen:
                order.append(seen[word])
                continue
            if len(seen) >= MAX_QUERY_TOKENS:
                break
            seen[word] = len(query)
            order.append(len(query))
            if word in self._words:
                matches = {word: 1.0}
            else:
                matches = self._corrections(word)
            weight = (
                max(self._idf(w) for w in matches) if matches else math.log(1 + len(self))
            )
            query.append(QueryWord(word, weight, matches))
        return query, order

    def _corrections(self, word: str) -> dict[str, float]:
        """Vocabulary words one typo away (rapidfuzz over the vocabulary, not the texts)."""
        if len(word) < FUZZY_MIN_LEN or word.isdigit():
            return {}
        cutoff = FUZZY_CUTOFF if len(word) > FUZZY_MIN_LEN else FUZZY_SHORT_CUTOFF
        from rapidfuzz import fuzz, process

        if self._vocab is None:
            self._vocab = list(self._words)
        found = process.extract(
            word, self._vocab, scorer=fuzz.ratio, score_cutoff=cutoff, limit=FUZZY_PER_WORD
        )
        return {choice: 0.5 + 0.5 * score / 100 for choice, score, _ in found}

    def _posting(self, word: str) -> array:
        number = self._words[word]
        return self._postings[self._offsets[number] : self._offsets[number + 1]]

    def _candidates(self, query: list[QueryWord]) -> list[int]:
        """Top message numbers by summed IDF of matching words, rarest words first.

        Rare words are accumulated posting by posting; once the budget is spent, more
        common words only add to candidates already found (set intersection in C).
        When even the rarest word is very common, counts are taken with `Counter` (C).
        """
        weighted = sorted(
            ((self._df(w), qw.weight * credit, w) for qw in query for w, credit in qw.matches.items()),
        )
        if not weighted:
            return []
        acc: dict[int, float] = {}
        if weighted[0][0] > FULL_SCAN_BUDGET:
            counts: Counter[int] = Counter()
            for _, _, word in weighted[:8]:
                counts.update(self._posting(word))
            return heapq.nlargest(RERANK, counts, key=counts.__getitem__)
        spent = 0
        get = acc.get
        for df, weight, word in weighted:
            posting = self._posting(word)
            if spent + df <= FULL_SCAN_BUDGET:
                spent += df
                for number in posting:
                    acc[number] = get(number, 0.0) + weight
            else:
                for number in acc.keys() & set(posting):
                    acc[number] += weight
        if len(acc) <= RERANK:
            return list(acc)
        return heapq.nlargest(RERANK, acc, key=acc.__getitem__)


def build_for_kb(kb: KnowledgeBase) -> TextIndex:
    """Builder for the loader's derived-data cache:
    `TextIndex.remember(result.kb, get_derived(result, "text-index-v1", build_for_kb))`."""
    return TextIndex.build(kb.messages)


_MEMO_SIZE = 2
_MEMO: list[tuple[KnowledgeBase, TextIndex]] = []
