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

The index is plain data (strings, dicts of ints, `array`s) so it pickles small and
unpickles fast; the loader's cache can store it beside the knowledge base.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Message

MAX_QUERY_CHARS = 4000  # a 1 MB paste costs the same as its first page
MAX_QUERY_TOKENS = 64
RERANK = 200  # candidates from the inverted index, scored by word overlap
FINAL_RERANK = 30  # of those, scored in detail (word order, placeholders)
FULL_SCAN_BUDGET = 5_000  # postings walked one by one per query before switching to set ops
FUZZY_MIN_LEN = 3  # shorter words are too ambiguous to correct
FUZZY_SHORT_CUTOFF = 85.0  # a 3-letter word: only a dropped letter ("ioc" for "idoc")
FUZZY_CUTOFF = 74.0  # rapidfuzz ratio: one edit in a 4-letter word still counts
FUZZY_PER_WORD = 4

_PLACEHOLDER = re.compile(r"&&|&[1-9]?")
_PLACEHOLDER_SPLIT = re.compile(r"(&&|&[1-9]?)")
_TOKEN = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_VARIANT_SEP = "\x1e"  # between texts of one message
_KEYWORD_SEP = "\x1f"  # before a message's keywords


def tokens(text: str) -> list[str]:
    """Lower-case words (letters/digits); punctuation and underscores separate."""
    return _TOKEN.findall(text.casefold())


def strip_placeholders(text: str) -> str:
    """T100 text without its placeholders (`&&` is SAP's escaped literal ampersand)."""
    return _PLACEHOLDER.sub(lambda m: "&" if m.group(0) == "&&" else " ", text)


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text.casefold()).strip()


@dataclass(frozen=True, slots=True)
class PlaceholderMatcher:
    """Matches a T100 text with its placeholders filled in by arbitrary values.

    The literal fragments between placeholders must appear in order (case and
    whitespace ignored); a fragment at the start/end of the text anchors the match there.
    Implemented with `str.find`, not a regex with `.*?`, so it cannot backtrack
    catastrophically on a long paste.
    """

    fragments: tuple[str, ...]  # normalised literal text between placeholders
    anchored_start: bool
    anchored_end: bool
    literal_words: int

    @classmethod
    def from_text(cls, t100_text: str) -> PlaceholderMatcher | None:
        """None when the text has no placeholder (plain matching is enough) or no literal."""
        last = 0
        pieces: list[str] = []
        for match in _PLACEHOLDER.finditer(t100_text):
            if match.group(0) == "&&":
                continue
            pieces.append(t100_text[last : match.start()])
            last = match.end()
        if not pieces:
            return None
        pieces.append(t100_text[last:])
        parts = [_squash(p.replace("&&", "&")) for p in pieces]
        anchored_start, anchored_end = bool(parts[0]), bool(parts[-1])
        fragments = tuple(p for p in parts if p)
        if not fragments:
            return None
        words = sum(len(tokens(f)) for f in fragments)
        return cls(fragments, anchored_start, anchored_end, words)

    def regex(self) -> str:
        """The same rule as a regular expression (documentation, other tools)."""
        body = ".*?".join(re.escape(f).replace(r"\ ", r"\s+") for f in self.fragments)
        return ("^" if self.anchored_start else "") + body + ("$" if self.anchored_end else "")

    def match(self, text: str) -> float:
        """Share of `text` (0..1) explained by this message, or 0.0 when it does not match.

        Filled-in values are explained by the placeholders; text before an anchored start
        or after an anchored end is not (a prefix such as "HTTP error 411 occured:" lowers
        the share but still matches).
        """
        squashed = _squash(text)
        if not squashed:
            return 0.0
        pos = 0
        first_at = -1
        for fragment in self.fragments:
            at = squashed.find(fragment, pos)
            if at < 0:
                return 0.0
            if first_at < 0:
                first_at = at
            pos = at + len(fragment)
        head = first_at if self.anchored_start else 0
        tail = 0
        if self.anchored_end:
            last = self.fragments[-1]
            # the rightmost occurrence of the last literal is at or after the greedy one
            tail = len(squashed) - (squashed.rfind(last) + len(last))
        return 1.0 - (head + tail) / len(squashed)


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


@dataclass(slots=True)
class _QueryWord:
    word: str
    weight: float
    matches: dict[str, float]  # vocabulary word -> credit (1.0 exact, <1 typo)


@dataclass(slots=True)
class _Doc:
    words: list[str]  # literal words in order
    word_set: frozenset[str]  # literal words and keywords
    matcher: PlaceholderMatcher | None
    squashed: str
    items: list[str | None]  # literal words and placeholders (None), in order


def _doc_items(variant: str) -> list[str | None]:
    items: list[str | None] = []
    for index, piece in enumerate(_PLACEHOLDER_SPLIT.split(variant)):
        if index % 2:
            if piece != "&&":
                items.append(None)
        else:
            items.extend(tokens(piece))
    return items


def _gap_words(doc: _Doc, order: list[int], query: list[_QueryWord]) -> set[int]:
    """Query words that sit where the text has a placeholder (the filled-in values).

    Query words are aligned to the text's literal words left to right; an unaligned
    query word is a fill-in when a placeholder lies between its aligned neighbours.
    """
    positions: dict[str, list[int]] = {}
    for position, item in enumerate(doc.items):
        if item is not None:
            positions.setdefault(item, []).append(position)
    aligned: list[int] = []
    cursor = 0
    for qi in order:
        found = -1
        for word in query[qi].matches:
            for position in positions.get(word, ()):
                if position >= cursor and (found < 0 or position < found):
                    found = position
                    break
        aligned.append(found)
        if found >= 0:
            cursor = found + 1
    holes = [position for position, item in enumerate(doc.items) if item is None]
    gaps: set[int] = set()
    previous = -1
    for k, position in enumerate(aligned):
        if position >= 0:
            previous = position
            continue
        following = next((p for p in aligned[k + 1 :] if p >= 0), len(doc.items))
        if any(previous < hole < following for hole in holes):
            gaps.add(order[k])
    return gaps


class TextIndex:
    """Inverted index over message texts; `search(text)` → [(message id, score 0..100)]."""

    __slots__ = ("_docs", "_idf_memo", "_ids", "_offsets", "_postings", "_vocab", "_words")

    def __init__(self) -> None:
        self._ids = _StringTable([])
        self._docs = _StringTable([])  # variants joined by \x1e, then \x1f keywords
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
            variants = _variants(message)
            doc = _VARIANT_SEP.join(variants)
            if message.keywords:
                doc += _KEYWORD_SEP + " ".join(message.keywords)
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
        rough: list[tuple[float, int]] = []
        for number in self._candidates(query):
            cheap = max(self._rough(words, query) for words in self._word_lists(number))
            if cheap > 0:
                rough.append((cheap, -number))
        squashed = _squash(strip_placeholders(text))
        scored: list[tuple[float, int]] = []
        for _, neg in heapq.nlargest(max(FINAL_RERANK, limit), rough):
            score = max(
                self._score(doc, query, order, text, squashed) for doc in self._doc(-neg)
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

    def _query_words(self, words: list[str]) -> tuple[list[_QueryWord], list[int]]:
        """Distinct query words with their matches, and the word order as indexes."""
        seen: dict[str, int] = {}
        query: list[_QueryWord] = []
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
            query.append(_QueryWord(word, weight, matches))
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

    def _candidates(self, query: list[_QueryWord]) -> list[int]:
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

    def _word_lists(self, number: int) -> list[tuple[list[str], frozenset[str], bool]]:
        """Per text of a message: its literal words, words incl. keywords, has placeholders."""
        body, _, keywords = self._docs[number].partition(_KEYWORD_SEP)
        keyword_words = frozenset(tokens(keywords))
        out = []
        for variant in body.split(_VARIANT_SEP):
            words = tokens(strip_placeholders(variant))
            out.append((words, keyword_words.union(words), "&" in variant))
        return out

    def _rough(self, doc: tuple[list[str], frozenset[str], bool], query: list[_QueryWord]) -> float:
        """Cheap first pass: IDF-weighted word F1, unmatched words half-forgiven with placeholders."""
        words, word_set, has_placeholders = doc
        if not words:
            return 0.0
        matched = total = 0.0
        hits: set[str] = set()
        for qw in query:
            credit, hit = _credit(qw, word_set)
            if credit:
                matched += qw.weight * credit
                total += qw.weight
                hits.add(hit)
            else:
                total += qw.weight * (0.5 if has_placeholders else 1.0)
        if not matched:
            return 0.0
        doc_weight = covered = 0.0
        for word in set(words):
            weight = self._idf(word)
            doc_weight += weight
            if word in hits:
                covered += weight
        return _f1(matched / total, covered / doc_weight)

    def _doc(self, number: int) -> list[_Doc]:
        body, _, keywords = self._docs[number].partition(_KEYWORD_SEP)
        keyword_words = frozenset(tokens(keywords))
        out = []
        for variant in body.split(_VARIANT_SEP):
            words = tokens(strip_placeholders(variant))
            matcher = PlaceholderMatcher.from_text(variant)
            out.append(_Doc(
                words, keyword_words.union(words), matcher,
                _squash(strip_placeholders(variant)),
                _doc_items(variant) if matcher is not None else [],
            ))
        return out

    def _score(
        self, doc: _Doc, query: list[_QueryWord], order: list[int], text: str, squashed: str
    ) -> float:
        """Typo-tolerant IDF-weighted F1, word-order similarity, and placeholder fill-ins."""
        from rapidfuzz import fuzz

        if not doc.words:
            return 0.0
        if squashed == doc.squashed and doc.matcher is None:
            return 100.0
        gaps = _gap_words(doc, order, query) if doc.matcher is not None else set()
        doc_credit: dict[str, float] = {}
        as_doc_word: dict[int, str] = {}
        matched = total = 0.0
        for qi, qw in enumerate(query):
            credit, hit = _credit(qw, doc.word_set)
            if credit:
                matched += qw.weight * credit
                total += qw.weight
                as_doc_word[qi] = hit
                if credit > doc_credit.get(hit, 0.0):
                    doc_credit[hit] = credit
            elif qi in gaps:
                # where the text has a placeholder: a value nobody's text contains (a host,
                # a number) is surely filled in; a known word there only perhaps
                total += qw.weight * (0.1 if not qw.matches else 0.6)
            else:
                total += qw.weight
        if not matched:
            return 0.0
        # recall over word occurrences: "Plant & does not exist in plant &" needs "plant"
        # twice, or a query with one "plant" would cover it fully
        used = Counter(as_doc_word[qi] for qi in order if qi in as_doc_word)
        doc_weight = covered = 0.0
        for word, count in Counter(doc.words).items():
            weight = self._idf(word)
            doc_weight += weight * count
            covered += weight * doc_credit.get(word, 0.0) * min(count, used[word])
        f1 = _f1(matched / total, covered / doc_weight)
        sequence = [as_doc_word.get(qi, query[qi].word) for qi in order if qi not in gaps]
        order_similarity = fuzz.ratio(sequence, doc.words) / 100
        score = 100 * (0.8 * f1 + 0.2 * order_similarity)
        if doc.matcher is not None:
            # a text that is mostly placeholders ("& failed") is weak evidence, however
            # well it matches; three literal words make it as specific as plain text
            strength = min(1.0, doc.matcher.literal_words / 3)
            score *= 0.5 + 0.5 * strength
            share = doc.matcher.match(text)
            if share:
                # filled-in values that are known words ("User invoice is protected" for
                # "User & is protected") are more likely the text of another message
                known_values = any(query[qi].matches for qi in gaps)
                base = 0.5 if known_values else 0.62
                score = max(score, 100 * strength * (base + (0.98 - base) * share * share))
        return min(score, 99.9)


def _credit(qw: _QueryWord, word_set: frozenset[str]) -> tuple[float, str]:
    """How well a query word is present in a text: 1.0 exactly, less through a typo."""
    credit, hit = 0.0, ""
    for word, c in qw.matches.items():
        if c > credit and word in word_set:
            credit, hit = c, word
    return credit, hit


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def build_for_kb(kb: KnowledgeBase) -> TextIndex:
    """Builder for the loader's derived-data cache:
    `TextIndex.remember(result.kb, get_derived(result, "text-index-v1", build_for_kb))`."""
    return TextIndex.build(kb.messages)


def _variants(message: Message) -> list[str]:
    """The texts a user may paste for this message, most authoritative first."""
    out: list[str] = []
    for text in (message.short_text, message.imported_text, message.title):
        if text and text not in out:
            out.append(text)
    return out


_MEMO_SIZE = 2
_MEMO: list[tuple[KnowledgeBase, TextIndex]] = []
