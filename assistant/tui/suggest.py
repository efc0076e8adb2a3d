"""Inline suggestions for the prompt: knowledge-base ids, codes, transactions, commands.

Typing must never wait for this, also with a 100,000-message pack, so the work per
keystroke is a binary search in a sorted list of case-folded terms (O(log n)), never a
scan. The index is built once, off the UI thread, when the knowledge base is loaded.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.suggester import Suggester

from assistant.tui.slash import SLASH_COMMANDS

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase

MIN_TOKEN = 3  # fewer characters suggest too eagerly while typing plain words
_LAST_TOKEN = re.compile(r"[^\s\"'`(\[{<>,;]+$")


@dataclass(slots=True)
class PrefixIndex:
    """Terms sorted by their case-folded form; `complete` finds the first with a prefix."""

    keys: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, terms: Iterable[str]) -> PrefixIndex:
        seen: dict[str, str] = {}
        for term in terms:
            term = term.strip()
            if term and not any(ch.isspace() for ch in term):
                seen.setdefault(term.casefold(), term)
        keys = sorted(seen)
        return cls(keys, [seen[k] for k in keys])

    def complete(self, prefix: str) -> str | None:
        key = prefix.casefold()
        i = bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i].startswith(key):
            return self.terms[i]
        return None

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(slots=True)
class SuggestionIndex:
    """What the prompt can complete: general terms, and lookup ids (adds cause ids)."""

    terms: PrefixIndex = field(default_factory=PrefixIndex)
    lookup_ids: PrefixIndex = field(default_factory=PrefixIndex)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> SuggestionIndex:
        terms: list[str] = []
        terms.extend(kb.messages)  # ids only: a big T100 pack builds no Message objects
        for message in kb.messages.curated_values():
            if message.icm_constant:
                terms.append(message.icm_constant)
        for code in kb.codes.values():
            terms.append(code.id)
            terms.extend(code.aliases)
        for entry in kb.glossary.values():
            terms.append(entry.id)
            terms.extend((*entry.aliases, *entry.shared_aliases))
        return cls(PrefixIndex.build(terms), PrefixIndex.build([*terms, *kb.causes]))


def suggest(value: str, index: SuggestionIndex) -> str | None:
    """The whole input line with its last word completed, or None.

    What the user typed stays as typed; only the missing rest of the word is added, in
    lower case when the user types in lower case (the router does not care about case).
    """
    if not value or value[-1].isspace():
        return None
    if value.startswith("/"):
        name, space, rest = value[1:].partition(" ")
        if not space:
            key = name.casefold()
            for command in SLASH_COMMANDS:
                if command.name.startswith(key):
                    tail = " " if command.needs_argument else ""
                    return f"/{command.name}{tail}"
            return None
        if name.casefold() != "lookup" or " " in rest.strip():
            return None
        return _complete_last(value, index.lookup_ids)
    return _complete_last(value, index.terms)


def _complete_last(value: str, index: PrefixIndex) -> str | None:
    match = _LAST_TOKEN.search(value)
    if match is None:
        return None
    token = match.group(0)
    if len(token) < MIN_TOKEN or not any(ch.isalpha() for ch in token):
        return None
    term = index.complete(token)
    if term is None or len(term) <= len(token):
        return None
    rest = term[len(token) :]
    if token.islower():  # "sclnt_ht" + "tp411", not the mixed "sclnt_htTP411"
        rest = rest.lower()
    return value[: match.start()] + token + rest


class KBSuggester(Suggester):
    """Textual's Suggester over a `SuggestionIndex` that arrives after the first paint.

    A line that got shorter by deleting from its end (Backspace) gets no suggestion: it
    would show the deleted text again in grey. The next typed character brings
    suggestions back. No cache (a lookup costs microseconds), so every value is seen.
    """

    def __init__(self, index: SuggestionIndex | None = None) -> None:
        # case_sensitive=True: Textual would otherwise casefold the whole line and a
        # completion would lower-case what the user typed; we fold per term ourselves.
        super().__init__(use_cache=False, case_sensitive=True)
        self.index = index or SuggestionIndex()
        self._last = ""

    def set_index(self, index: SuggestionIndex) -> None:
        self.index = index

    def line_cleared(self) -> None:
        """The prompt was emptied (sent, or all deleted): what comes next is typed anew."""
        self._last = ""

    async def get_suggestion(self, value: str) -> str | None:
        deleted = len(value) < len(self._last) and self._last.startswith(value)
        self._last = value
        return None if deleted else suggest(value, self.index)
