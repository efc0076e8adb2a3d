"""Look-up tables the router derives from a knowledge base.

Built once per `KnowledgeBase` object (a few milliseconds on the bundled base) and
memoised by object identity, so `route()` stays a pure function of its arguments. The
index is plain data and picklable; the loader's cache stores it next to the base
(`prime_indexes`), so a fresh `sapassist ask` does not rebuild it.

Bare T100 imports (the bulk rows of `MessageTable`, up to 100,000 of them) are not
indexed here one by one: `assistant.kb.textindex` searches their texts, and this index
only counts them and records their classes and numbers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.intent.fuzzy import GENERIC_STEMS, content_words, normalize, stem, words
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Message, PickledByFields
from assistant.kb.permemo import BaseMemo
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.kb.load import LoadResult

ROUTER_INDEX_NAME = "router-index-v1"
TEXT_INDEX_NAME = "search-index-v1"

_CONSTANT_SPLIT = LazyPattern(r"[_\W]+")
_PAREN_TAIL = LazyPattern(r"\s*\([^)]*\)\s*$")  # "SSL error (ICM_HTTP_SSL_ERROR)" -> "SSL error"

# Field weights for the keyword index: names and signs count fully, prose a little.
_W_NAME = 1.0
_W_PROSE = 0.25
COMMON_SHARE = 0.15
# Words any failure report uses: never a keyword of one entry, whatever their share. ("fail"
# sat at the share's edge: one more entry of any kind made it a keyword and moved routes.)
ALWAYS_COMMON = ("fail", "failed", "failure", "error", "errors")


@dataclass(frozen=True, slots=True)
class Sign(PickledByFields):
    """A cause's sign, normalised for whole-word substring tests."""

    cause: str
    text: str  # normalised, padded with spaces
    weight: float  # longer, more specific signs count more
    stems: frozenset[str]  # its content words, stemmed, for the any-order match


@dataclass(slots=True)
class RouterIndex:
    message_classes: frozenset[str]
    constants: dict[str, str]  # ICM constant -> message id
    constant_names: list[str]
    codes: dict[str, str]  # upper-case code id / alias -> code id
    code_names: list[str]  # code ids and aliases with an underscore (fuzzy targets)
    codes_by_numeric: dict[int, list[str]]
    causes_by_code: dict[str, list[str]]
    messages_by_code: dict[str, list[str]]
    glossary: dict[str, str]  # lower-case id / alias -> glossary id
    glossary_phrases: list[tuple[str, str]]  # normalised multi-word alias -> id
    signs: list[Sign]
    postings: dict[str, dict[str, float]]  # stem -> {doc key: weight}
    idf: dict[str, float]
    vocabulary: frozenset[str]
    vocabulary_list: list[str]
    topic_labels: dict[str, str]  # label -> doc key, for "closest topics"
    known_numbers: dict[str, list[int]] = field(default_factory=dict)
    causes_of_message: dict[str, tuple[str, ...]] = field(default_factory=dict)
    messages_of_cause: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    proxy_causes: tuple[str, ...] = ()
    families: dict[str, tuple[tuple[str, ...], float]] = field(default_factory=dict)  # see _families
    class_names: list[str] = field(default_factory=list)  # sorted, incl. SCLNT_HTTP
    imported_messages: int = 0  # bare T100 imports, searched with assistant.kb.textindex
    titles: dict[str, str] = field(default_factory=dict)  # normalised title / short text -> message id


def _bare_import(m: Message) -> bool:
    """A T100 import with nothing but its text (no causes, no meaning of ours)."""
    return m.status == "imported" and not m.causes and not m.meaning


def _doc_text(kb: KnowledgeBase, curated: list[Message]) -> dict[str, list[tuple[str, float]]]:
    """Per document key ('m:ID', 'c:ID', 'k:ID', 'g:ID'), the texts and their weights."""
    docs: dict[str, list[tuple[str, float]]] = {}
    for m in curated:
        if _bare_import(m):
            continue  # found through the T100 text index instead (scales to 100,000)
        names = [m.title, m.short_text or "", m.imported_text or "", *m.keywords]
        if m.icm_constant:
            names.append(_CONSTANT_SPLIT.sub(" ", m.icm_constant))
        docs[f"m:{m.id}"] = [(" ".join(names), _W_NAME), (m.meaning, _W_PROSE)]
    for c in kb.causes.values():
        docs[f"c:{c.id}"] = [
            (" ".join([c.title, c.id.replace("_", " "), *c.signs]), _W_NAME),
            # How other clients word the same phenomenon is knowledge the router reads too.
            (" ".join(filter(None, [c.explanation, c.other_clients])), _W_PROSE),
        ]
    for k in kb.codes.values():
        names = [_CONSTANT_SPLIT.sub(" ", k.id), *(_CONSTANT_SPLIT.sub(" ", a) for a in k.aliases)]
        docs[f"k:{k.id}"] = [(" ".join(names), _W_NAME), (k.meaning, _W_PROSE)]
    for g in kb.glossary.values():
        docs[f"g:{g.id}"] = [(" ".join([g.id, g.title, *g.aliases]), _W_NAME), (g.text, _W_PROSE)]
    return docs


def _code_lookup(kb: KnowledgeBase) -> tuple[dict[str, str], dict[int, list[str]]]:
    """Upper-case code ids and aliases -> code id, and code ids by their numeric value."""
    codes: dict[str, str] = {}
    codes_by_numeric: dict[int, list[str]] = defaultdict(list)
    for code in kb.codes.values():
        codes[code.id.upper()] = code.id
        for alias in code.aliases:
            codes.setdefault(alias.upper(), code.id)
        if code.numeric is not None:
            codes_by_numeric[code.numeric].append(code.id)
    return codes, dict(codes_by_numeric)


def _causes_by_code(kb: KnowledgeBase) -> dict[str, list[str]]:
    """The causes of each code: the code entry's own list first (its order is the
    author's ranking), then causes that name the code."""
    causes_by_code: dict[str, list[str]] = defaultdict(list)
    for code in kb.codes.values():
        causes_by_code[code.id].extend(dict.fromkeys(code.causes))
    for cause in kb.causes.values():
        for code_id in cause.codes:
            if cause.id not in causes_by_code[code_id]:
                causes_by_code[code_id].append(cause.id)
    return dict(causes_by_code)


def _messages_by_code(kb: KnowledgeBase, curated: list[Message]) -> dict[str, list[str]]:
    """The messages of each code: the code entry's own list first, then messages naming it."""
    messages_by_code: dict[str, list[str]] = defaultdict(list)
    for code in kb.codes.values():
        messages_by_code[code.id].extend(dict.fromkeys(code.messages))
    for m in curated:
        for code_id in m.codes:
            if m.id not in messages_by_code[code_id]:
                messages_by_code[code_id].append(m.id)
    return dict(messages_by_code)


def _glossary_lookup(kb: KnowledgeBase) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """One-word names (lower case; a note also by its bare number) -> glossary id, and
    the normalised multi-word names, which the router finds as phrases."""
    glossary: dict[str, str] = {}
    glossary_phrases: list[tuple[str, str]] = []
    for g in kb.glossary.values():
        for name in (g.id, *g.aliases, *g.shared_aliases):
            if not name.strip():
                continue
            key = name.strip().lower()
            if " " in key:
                glossary_phrases.append((normalize(key), g.id))
            else:
                glossary.setdefault(key, g.id)
                if g.kind == "note" and key.startswith("note"):
                    glossary.setdefault(key.removeprefix("note").strip(" _-:"), g.id)
    return glossary, glossary_phrases


def _signs(kb: KnowledgeBase) -> list[Sign]:
    """Every cause's signs, normalised; too short ones (under 3 characters) are left out."""
    signs: list[Sign] = []
    for cause in kb.causes.values():
        for sign in cause.signs:
            norm = normalize(sign)
            if len(norm.strip()) < 3:
                continue
            n_words = len(norm.split())
            numbers = [w for w in words(norm) if w.isdigit()]
            stems = frozenset([*(stem(w) for w in content_words(norm)), *numbers])
            # One-word signs ("proxy") say less than a phrase or a code name.
            signs.append(Sign(cause.id, norm, min(1.0, 0.3 + 0.2 * n_words), stems))
    return signs


@dataclass(slots=True)
class _KeywordIndex:
    postings: dict[str, dict[str, float]]  # stem -> {doc key: weight}
    idf: dict[str, float]
    vocabulary: set[str]
    common: frozenset[str] = frozenset()  # stems dropped for being in too many names


FAMILY_SHARE = 0.45  # a common word names a family when at most this share of causes has it
# Words that say there is a problem, not which kind: never a family, however they spread.
PROBLEM_STEMS = frozenset(stem(w) for w in "fail failed failure error errors problem issue wrong".split())
# The same said with a negated "work" ("does not work", "doesn't work", "is not working",
# "no longer works", "stopped working", German "funktioniert nicht"), on the normalised text
# (apostrophes are spaces there: "doesn t work"). "Work" alone is no problem word.
NOT_WORKING = LazyPattern(
    r"(?: not|n t| no longer| never| stopped) work(?:s|ing|ed)? | (?:funktioniert|geht|klappt) (?:\w+ )?nicht ",
    literals=("work", "nicht"),
)


def says_it_fails(stems: set[str] | frozenset[str], normalized: str) -> bool:
    """The text says something failed ("SM59 test fails", "error", "does not work")."""
    return bool(stems & PROBLEM_STEMS) or bool(NOT_WORKING.search(normalized))


def _families(kb: KnowledgeBase, common: frozenset[str]) -> dict[str, tuple[tuple[str, ...], float]]:
    """Per common word ("ssl", "certificate", "proxy"), the causes whose title or signs
    have it and how telling it is among causes (log of all causes over those).

    Such a word is too common to pick one entry, yet it still separates families: "SSL
    error" says a TLS cause, not a refused connection or a timeout. Words in nearly every
    cause ("http"), the generic ones ("sap", "server") and the words of failure itself
    ("failed", "error") are left out."""
    by_stem: dict[str, list[str]] = defaultdict(list)
    for c in kb.causes.values():
        named = normalize(" ".join([c.title, *c.signs]))
        for s in ({stem(w) for w in content_words(named)} & common) - GENERIC_STEMS - PROBLEM_STEMS:
            by_stem[s].append(c.id)
    n = max(1, len(kb.causes))
    return {
        s: (tuple(sorted(ids)), round(math.log(n / len(ids)), 4))
        for s, ids in by_stem.items()
        if len(ids) <= FAMILY_SHARE * n
    }


def _keyword_index(docs: dict[str, list[tuple[str, float]]]) -> _KeywordIndex:
    """Stems -> documents with the best field weight, IDF, and the vocabulary for typos."""
    postings: dict[str, dict[str, float]] = defaultdict(dict)
    vocab: set[str] = set()
    for key, fields in docs.items():
        for text, weight in fields:
            norm = normalize(text)
            vocab.update(w for w in words(norm) if w.isalpha() and len(w) >= 3)
            for word in content_words(norm):
                s = stem(word)
                if postings[s].get(key, 0.0) < weight:
                    postings[s][key] = weight
    n_docs = max(1, len(docs))
    # Words in the names of a large share of all entries ("http", "error") say nothing
    # about which one is meant; prose is not counted here, it is long and repetitive.
    in_names = {s: sum(1 for w in p.values() if w >= _W_NAME) for s, p in postings.items()}
    common = {s for s, n in in_names.items() if n > COMMON_SHARE * n_docs and n_docs >= 20}
    if n_docs >= 20:
        common |= {stem(w) for w in ALWAYS_COMMON} & postings.keys()
    for s in common:
        del postings[s]
    idf = {s: math.log(1.0 + n_docs / len(p)) for s, p in postings.items()}
    return _KeywordIndex(dict(postings), idf, vocab, frozenset(common))


def _topic_labels(kb: KnowledgeBase, curated: list[Message]) -> dict[str, str]:
    """A readable label per entry -> its doc key, for "closest topics"."""
    labels: dict[str, str] = {}
    for m in curated:
        if _bare_import(m):
            continue
        labels[f"{m.id} {m.display_text} {m.icm_constant or ''}".strip()] = f"m:{m.id}"
    for c in kb.causes.values():
        labels[c.title] = f"c:{c.id}"
    for g in kb.glossary.values():
        labels[f"{g.id} {g.title}"] = f"g:{g.id}"
    return labels


def _messages_of_cause(curated: list[Message]) -> dict[str, list[tuple[str, int]]]:
    """Per cause, the messages that list it and the cause's rank in each one's list."""
    messages_of_cause: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for m in curated:
        for rank, cause_id in enumerate(m.causes):
            messages_of_cause[cause_id].append((m.id, rank))
    return dict(messages_of_cause)


def _message_titles(curated: Iterable[Message]) -> dict[str, str]:
    """Each message's short text as SAP words it (confirmed, or imported from the user's
    own T100), without its "(ICM_…)" tail, normalised: a text that is nothing but one of
    them was copied from the SAP screen. Titles we derived ourselves are left out — nobody
    copies those from SAP, and their words ("Host unknown") are everyday words."""
    titles: dict[str, str] = {}
    for m in curated:
        for text in (m.short_text if m.wording_confirmed else None, m.imported_text):
            if not text:
                continue
            key = normalize(_PAREN_TAIL.sub("", text)).strip()
            if key:
                titles.setdefault(key, m.id)
    return titles


def build_index(kb: KnowledgeBase) -> RouterIndex:
    """Every look-up table of the router, built from one knowledge base."""
    # Bulk rows have no constant, codes, causes or meaning: only curated messages count.
    curated = kb.messages.curated_values()
    constants = {m.icm_constant.upper(): m.id for m in curated if m.icm_constant}
    codes, codes_by_numeric = _code_lookup(kb)
    glossary, glossary_phrases = _glossary_lookup(kb)
    keywords = _keyword_index(_doc_text(kb, curated))
    classes = kb.message_classes()
    return RouterIndex(
        message_classes=frozenset(classes),
        constants=constants,
        constant_names=sorted(constants),
        codes=codes,
        code_names=sorted(name for name in codes if "_" in name),
        codes_by_numeric=codes_by_numeric,
        causes_by_code=_causes_by_code(kb),
        messages_by_code=_messages_by_code(kb, curated),
        glossary=glossary,
        glossary_phrases=glossary_phrases,
        signs=_signs(kb),
        postings=keywords.postings,
        idf=keywords.idf,
        vocabulary=frozenset(keywords.vocabulary),
        vocabulary_list=sorted(keywords.vocabulary),
        topic_labels=_topic_labels(kb, curated),
        known_numbers=kb.messages.numbers_by_class(),
        causes_of_message={m.id: m.causes for m in curated if m.causes},
        messages_of_cause=_messages_of_cause(curated),
        class_names=sorted(classes | {"SCLNT_HTTP"}),
        titles=_message_titles(curated),
        imported_messages=kb.messages.row_count() + sum(1 for m in curated if _bare_import(m)),
        proxy_causes=tuple(
            c.id for c in kb.causes.values() if "proxy" in c.id or "proxy" in c.title.lower()
        ),
        families=_families(kb, keywords.common),
    )


_INDEXES: BaseMemo[RouterIndex] = BaseMemo()
_LOADED: BaseMemo[LoadResult] = BaseMemo()  # the load each base was primed from


def loaded_from(kb: KnowledgeBase) -> LoadResult | None:
    """The load `kb` came from when `prime_indexes` registered it, so the router's other
    tables can use the same derived-data cache (`kb.cache.get_derived`); else None."""
    return _LOADED.get(kb)


def index_for(kb: KnowledgeBase) -> RouterIndex:
    """The index of this exact base object (memoised by identity: a base is not changed
    after loading; see kb.permemo)."""
    index = _INDEXES.get(kb)
    if index is None:
        index = build_index(kb)
        _INDEXES.put(kb, index)
    return index


def prime_index(kb: KnowledgeBase, index: RouterIndex) -> None:
    """Register an index built earlier (e.g. unpickled from the loader's cache) for `kb`."""
    _INDEXES.put(kb, index)


def prime_indexes(result: LoadResult) -> RouterIndex:
    """Register the router index (and the text index a base with imports needs) for
    `result.kb`, from the loader's derived-data cache when it is warm.

    `sapassist ask`, `lookup`, `list` and the chat all start this way, so a big pack's
    indexes are built once per change of the pack, not once per process.
    """
    from assistant.kb.cache import get_derived

    index = get_derived(result, ROUTER_INDEX_NAME, build_index)
    prime_index(result.kb, index)
    _LOADED.put(result.kb, result)
    if index.imported_messages:
        from assistant.kb.textindex import TextIndex

        TextIndex.remember(result.kb, get_derived(result, TEXT_INDEX_NAME, TextIndex.for_kb))
    return index
