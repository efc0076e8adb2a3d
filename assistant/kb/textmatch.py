"""How well one message's texts match a query: the scoring behind `TextIndex.search`.

The index stores each message as one *document* string: its texts (SAP text, imported
text, title), then its keywords (`message_document`). Scoring a candidate has two passes:

- `rough_score`: an IDF-weighted word F1 (typo-tolerant through the query words'
  corrections), cheap enough for the few hundred candidates of the inverted index;
- `detailed_score`: for the best few, the same F1 over word occurrences, the similarity
  of word order, and SAP's placeholders: query words where the text has `&` are values
  filled in, and a paste that is the text with its values filled in scores high.

IDF comes from the index as a function, so nothing here depends on how it is stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from assistant.kb.model import Message
from assistant.kb.t100text import PlaceholderMatcher, squash, strip_placeholders, text_items, tokens

VARIANT_SEP = "\x1e"  # between texts of one message
KEYWORD_SEP = "\x1f"  # before a message's keywords

Idf = Callable[[str], float]
RoughText = tuple[list[str], frozenset[str], bool]  # literal words, with keywords, has `&`


@dataclass(slots=True)
class QueryWord:
    word: str
    weight: float
    matches: dict[str, float]  # vocabulary word -> credit (1.0 exact, <1 typo)


@dataclass(slots=True)
class DetailedText:
    """One text of a message, prepared for `detailed_score`."""

    words: list[str]  # literal words in order
    word_set: frozenset[str]  # literal words and keywords
    matcher: PlaceholderMatcher | None
    squashed: str
    items: list[str | None]  # literal words and placeholders (None), in order


def message_document(message: Message) -> str:
    """The texts a user may paste for this message, most authoritative first, then its
    keywords: what the index stores and searches for one message."""
    variants: list[str] = []
    for text in (message.short_text, message.imported_text, message.title):
        if text and text not in variants:
            variants.append(text)
    document = VARIANT_SEP.join(variants)
    if message.keywords:
        document += KEYWORD_SEP + " ".join(message.keywords)
    return document


def rough_texts(document: str) -> list[RoughText]:
    """Per text of a message: its literal words, words incl. keywords, has placeholders."""
    body, _, keywords = document.partition(KEYWORD_SEP)
    keyword_words = frozenset(tokens(keywords))
    out = []
    for variant in body.split(VARIANT_SEP):
        words = tokens(strip_placeholders(variant))
        out.append((words, keyword_words.union(words), "&" in variant))
    return out


def detailed_texts(document: str) -> list[DetailedText]:
    """Per text of a message: what `detailed_score` needs (placeholders included)."""
    body, _, keywords = document.partition(KEYWORD_SEP)
    keyword_words = frozenset(tokens(keywords))
    out = []
    for variant in body.split(VARIANT_SEP):
        words = tokens(strip_placeholders(variant))
        matcher = PlaceholderMatcher.from_text(variant)
        out.append(DetailedText(
            words, keyword_words.union(words), matcher,
            squash(strip_placeholders(variant)),
            text_items(variant) if matcher is not None else [],
        ))
    return out


def rough_score(doc: RoughText, query: list[QueryWord], idf: Idf) -> float:
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
        weight = idf(word)
        doc_weight += weight
        if word in hits:
            covered += weight
    return _f1(matched / total, covered / doc_weight)


def detailed_score(
    doc: DetailedText, query: list[QueryWord], order: list[int], text: str, squashed: str,
    idf: Idf,
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
        weight = idf(word)
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


def _gap_words(doc: DetailedText, order: list[int], query: list[QueryWord]) -> set[int]:
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


def _credit(qw: QueryWord, word_set: frozenset[str]) -> tuple[float, str]:
    """How well a query word is present in a text: 1.0 exactly, less through a typo."""
    credit, hit = 0.0, ""
    for word, c in qw.matches.items():
        if c > credit and word in word_set:
            credit, hit = c, word
    return credit, hit


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
