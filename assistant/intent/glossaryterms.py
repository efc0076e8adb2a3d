"""Glossary terms a text names: transactions, profile parameters and other terms.

Part of entity extraction (`entities.extract_entities`). The base's glossary decides what a
word or phrase is; a parameter's name ("icm/HTTPS/client_sni_enabled") is read whole, so
the "icm" inside it is not the term ICM; the words of a URL
(`https://idp.example.org/saml2/sso`) are no term at all.
"""

from __future__ import annotations

from assistant.intent.fuzzy import GENERIC_STEMS, content_words, normalize, stem
from assistant.intent.hosts import without_urls
from assistant.intent.kbindex import RouterIndex
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import GlossaryEntry
from assistant.lazyre import LazyPattern

_PARAM = LazyPattern(r"(?<![A-Za-z0-9_/])([A-Za-z][A-Za-z0-9_]*(?:/[A-Za-z0-9_<>*]+)+)", literals=("/",))
_WORD_TOKEN = LazyPattern(r"[A-Za-z0-9][A-Za-z0-9_]*")


def _tokens_outside(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The word tokens of `text` that start outside every span ("icm" inside
    "icm/HTTPS/client_sni_enabled" is part of the parameter, not the term)."""
    if not spans:
        return _WORD_TOKEN.findall(text)
    return [m.group(0) for m in _WORD_TOKEN.finditer(text) if not any(s <= m.start() < e for s, e in spans)]


# Words any failure report holds: a term's title word among them says nothing of the term.
_FAILURE_STEMS = frozenset(stem(w) for w in ("error", "errors", "fail", "failed", "failure", "name", "names"))


def _own_stems(entry: GlossaryEntry) -> frozenset[str]:
    """The words that name the term itself: its id, title and own aliases (not its shared
    ones), stemmed, without words every report holds."""
    text = normalize(" ".join((entry.id.replace("_", " "), entry.title, *entry.aliases)))
    return frozenset(stem(w) for w in content_words(text)) - GENERIC_STEMS - _FAILURE_STEMS


def _named_by_shared_alias_only(entry: GlossaryEntry, found_by: set[str], normalized: str) -> bool:
    """True when the term was found only through its shared aliases (a name other software
    uses in its own sense: Node's "getaddrinfo ENOTFOUND") and the text holds none of the
    term's own words — an overlap of words, not a mention of the term."""
    shared = {normalize(a) for a in entry.shared_aliases}
    if not found_by or not found_by <= shared:
        return False
    text_stems = {stem(w) for w in content_words(normalized)}
    return not (text_stems & _own_stems(entry))


_HEADS: dict[int, tuple[list[tuple[str, str]], list[tuple[str, str, str]]]] = {}


def _phrases_by_head(phrases: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(first word, phrase, glossary id) per glossary phrase, in order; worked out once per
    index. A phrase is padded with spaces: its first word is a word of any text holding it."""
    memo = _HEADS.get(id(phrases))
    if memo is not None and memo[0] is phrases:
        return memo[1]
    heads = [(phrase.split()[0] if phrase.split() else "", phrase, gid) for phrase, gid in phrases]
    if len(_HEADS) >= 8:
        _HEADS.clear()
    _HEADS[id(phrases)] = (phrases, heads)
    return heads


def glossary_terms(
    text: str, normalized: str, index: RouterIndex, kb: KnowledgeBase, limit: int
) -> tuple[list[str], list[str], list[str]]:
    """The glossary ids a text names (at most `limit` distinct ones, in order of mention), as
    transactions, profile parameters and other terms: a parameter's name
    ("icm/HTTPS/client_sni_enabled"), a word ("STRUST") or a phrase ("trust manager")."""
    transactions: list[str] = []
    parameters: list[str] = []
    other: list[str] = []
    found: list[str] = []
    found_by: dict[str, set[str]] = {}  # glossary id -> the names (normalised) it was found by
    param_spans: list[tuple[int, int]] = []
    named_text = without_urls(text)  # a URL ("…/saml2/sso") names no term
    if named_text is not text:
        normalized = normalize(named_text)
    for m in _PARAM.finditer(named_text):
        gid = index.glossary.get(m.group(1).lower())
        if gid:
            found.append(gid)
            param_spans.append(m.span(1))
    glossary = index.glossary
    # Each distinct word once, in order of first mention (the ids are deduplicated so anyway).
    for token in dict.fromkeys(_tokens_outside(named_text, param_spans)):
        gid = glossary.get(token.lower())
        if gid:
            found.append(gid)
            found_by.setdefault(gid, set()).add(normalize(token))
    words = set(normalized.split())
    for head, phrase, gid in _phrases_by_head(index.glossary_phrases):
        # Its last word with an -s is the name too: an English plural or possessive, a German
        # genitive ("the Cloud Connectors", "das Log des Cloud Connectors").
        if (head in words or not head) and (phrase in normalized or f"{phrase[:-1]}s " in normalized):
            found.append(gid)
            found_by.setdefault(gid, set()).add(phrase)
    named = [
        gid for gid in dict.fromkeys(found)
        if not _named_by_shared_alias_only(kb.glossary[gid], found_by.get(gid, set()), normalized)
    ]
    for gid in named[:limit]:
        kind = kb.glossary[gid].kind
        if kind == "transaction":
            transactions.append(gid)
        elif kind == "parameter":
            parameters.append(gid)
        else:
            other.append(gid)
    return transactions, parameters, other
