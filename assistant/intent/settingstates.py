"""What a text says about a setting's state, and the causes whose own state it contradicts.

Some causes *are* a setting in a state: `destination_ssl_inactive` (SSL off in the
destination), `proxy_required` (no proxy configured), `sni_not_sent` (SNI off),
`settings_not_active`. Their keywords are the setting's words ("SSL", "active",
"inactive", "proxy", "configured"), so a text that says the opposite — "fails with SSL
active" — or names that state only as what works — "works with SSL inactive" — met them
all the same and ranked the cause first. This module reads such statements in the text and
in each cause's own title and id (the same reader for both: no list of causes), and says
which words of the text a cause must not count.

A statement is a setting word next to a state word ("SSL active", "SSL is not active",
"no proxy configured", "SNI disabled", "SSL Active was not set"); it is *what works* when
its clause says something works ("works with SSL inactive", "it is fine with SNI on").
A cause is contradicted when the text states its setting the other way (outside a clause of
what works) or its own state only as what works, and nothing in the text states it its way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from assistant.intent.fuzzy import STOPWORDS, normalize, stem
from assistant.kb.permemo import per_base
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase

ON_WORDS = frozenset({"active", "activated", "enabled", "configured", "sent", "maintained"})
OFF_WORDS = frozenset({"inactive", "deactivated", "disabled", "unconfigured", "unchecked"})
SWITCH_VERBS = frozenset({"switched", "turned", "switch", "turn", "set"})  # "switched on", "set off"
# After a statement, a word that says the state again ("SSL Active was not set", "is off").
RESTATED = ON_WORDS | OFF_WORDS | {"set", "ticked", "checked", "selected", "on", "off"}
NEGATIONS = frozenset({"not", "no", "never", "without", "nicht", "kein", "keine", "ohne"})
# Words between a setting and its state that do not change it.
FILLERS = frozenset({"is", "are", "was", "were", "be", "been", "being", "that", "which", "still", "already", "now",
                     "also", "both", "then", "t", "isn", "wasn", "aren", "weren", "s", "flag", "checkbox", "option",
                     "field", "setting"})
# Where a clause ends: punctuation, or a word that sets what follows against what came before.
CLAUSE_BREAK = LazyPattern(r"[,;.!?:\n()\[\]]|\b(?:but|while|whereas|although|though|however)\b", re.IGNORECASE)
# A parameter or identifier (icm/HTTPS/client_sni_enabled) names a setting, it states nothing.
IDENTIFIER = LazyPattern(r"\S*[A-Za-z0-9][_/][A-Za-z0-9]\S*")
_WORKS = frozenset({"works", "work", "worked", "working", "succeeds", "succeeded", "fine", "ok", "okay", "funktioniert"})
_FAILS = frozenset({"fail", "fails", "failed", "failing", "error", "errors"})


class Statement(NamedTuple):
    """One setting stated in a state: the setting's word (singular), on or off, and whether
    its clause says that this is what works."""

    setting: str
    on: bool
    works: bool
    words: frozenset[str]  # the stems of the words that state it (the setting and its state)

    @property
    def state_words(self) -> frozenset[str]:
        """The stems that say the state ("activ", "configur"), without the setting's own."""
        return self.words - {stem(self.setting)}


def statements(text: str) -> list[Statement]:
    """Every setting-and-state the text states, clause by clause."""
    out: list[Statement] = []
    for clause in CLAUSE_BREAK.split(IDENTIFIER.sub(" ", text)):
        if not _STATE_WORD.search(clause):
            continue  # most clauses state nothing: not normalised at all
        tokens = normalize(clause).split()
        if not tokens:
            continue
        works = _says_it_works(tokens)
        out.extend(_in_clause(tokens, works))
    return out


def _says_it_works(tokens: list[str]) -> bool:
    """The clause says something works ("works with SSL inactive"), not that it fails."""
    for i, t in enumerate(tokens):
        if t in _WORKS:
            before = tokens[max(0, i - 3):i]
            if not (NEGATIONS.intersection(before) or "t" in before or "longer" in before or "stopped" in before):
                return not _FAILS.intersection(tokens)
    return False


def _in_clause(tokens: list[str], works: bool) -> Iterable[Statement]:
    i = 0
    while i < len(tokens):
        state = _state_at(tokens, i)
        if state is None:
            i += 1
            continue
        on, end = state
        found = _setting_before(tokens, i)
        if found is None:
            i = end
            continue
        setting, at = found
        on, end = _restated(tokens, end, on)
        negated = _negated(tokens[at + 1:i]) or (at > 0 and tokens[at - 1] in NEGATIONS)
        words = frozenset(stem(t) for t in tokens[at:end] if t not in FILLERS and t not in NEGATIONS)
        yield Statement(_singular(setting), on != negated, works, words)
        i = end


def _state_at(tokens: list[str], i: int) -> tuple[bool, int] | None:
    """A state word at `i`: (on, the index after it). "on"/"off" count after a verb that
    switches ("switched on") or right after a setting word ("SNI off")."""
    t = tokens[i]
    if t in ON_WORDS:
        return True, i + 1
    if t in OFF_WORDS:
        return False, i + 1
    if t in ("on", "off") and i > 0 and (tokens[i - 1] in SWITCH_VERBS or _ends_a_phrase(tokens, i)):
        return t == "on", i + 1
    return None


def _ends_a_phrase(tokens: list[str], i: int) -> bool:
    """"SNI off", "SSL on and SNI off": "on" right after a setting word ends what is said
    of it; in "TLS on port 443" or "resolved on the server" it is a preposition."""
    if tokens[i - 1] in STOPWORDS:
        return False
    return i + 1 == len(tokens) or tokens[i + 1] in ("and", "or")


def _setting_before(tokens: list[str], i: int) -> tuple[str, int] | None:
    """The setting word a state word at `i` is about: the nearest word before it that is
    no filler, negation or switching verb."""
    j = i - 1
    while j >= 0 and (tokens[j] in FILLERS or tokens[j] in NEGATIONS or tokens[j] in SWITCH_VERBS or _set_to(tokens, j)):
        j -= 1
    if j < 0 or tokens[j] in STOPWORDS or not tokens[j].isalpha() or len(tokens[j]) < 3:
        return None
    return tokens[j], j


def _set_to(tokens: list[str], j: int) -> bool:
    """The "to" of "SSL set to inactive", "SNI switched to enabled": part of the switching
    verb, not a preposition that ends the setting's phrase."""
    return tokens[j] == "to" and j > 0 and tokens[j - 1] in SWITCH_VERBS


def _restated(tokens: list[str], end: int, on: bool) -> tuple[bool, int]:
    """'SSL Active was not set', 'SSL Active is off': a state said again after a verb decides."""
    j = end
    while j < len(tokens) and (tokens[j] in FILLERS or tokens[j] in NEGATIONS):
        j += 1
    if end < j < len(tokens) and tokens[j] in RESTATED:
        later = tokens[j] not in OFF_WORDS and tokens[j] != "off"
        return later != _negated(tokens[end:j]), j + 1
    return on, end


def _singular(word: str) -> str:
    """The setting as one word for both sides ("settings" = "setting"; "https" stays)."""
    return word[:-1] if len(word) > 5 and word.endswith("s") and not word.endswith("ss") else word


def _negated(between: list[str]) -> bool:
    return bool(NEGATIONS.intersection(between)) or any(w.endswith("n") and nxt == "t" for w, nxt in pairwise(between))


class Claim(NamedTuple):
    setting: str  # the setting's word, singular
    on: bool


@per_base
def cause_claims(kb: KnowledgeBase) -> dict[str, tuple[Claim, ...]]:
    """Per cause, the settings its own title and id state (once per base)."""
    claims: dict[str, tuple[Claim, ...]] = {}
    for cause in kb.causes.values():
        found = {Claim(s.setting, s.on) for s in statements(f"{cause.title}. {cause.id.replace('_', ' ')}")}
        if found:
            claims[cause.id] = tuple(sorted(found))
    return claims


def contradicted_words(text: str, kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Per cause that is a setting in a state, the stems of the text's words that must not
    count for it: the words of statements that contradict it (unless another statement
    agrees), and the state words of statements about other settings ("active" in "SSL
    active" is SSL's state, not that of changed settings)."""
    said = statements(text) if _may_state(text) else []
    if not said:
        return {}
    out: dict[str, frozenset[str]] = {}
    for cause_id, claims in cause_claims(kb).items():
        settings = {claim.setting for claim in claims}
        against: set[str] = set()
        foreign: set[str] = set()
        supported = False
        for s in said:
            if s.setting not in settings:
                foreign |= s.state_words
                continue
            for claim in (c for c in claims if c.setting == s.setting):
                if (s.on == claim.on) != s.works:  # "works with SSL active" agrees with "SSL inactive"
                    supported = True
                else:
                    against |= s.words
        excluded = foreign | (set() if supported else against)
        if excluded:
            out[cause_id] = frozenset(excluded)
    return out


_STATE_LITERALS = tuple(sorted(ON_WORDS | OFF_WORDS | {" on", " off"}))
_STATE_WORD = LazyPattern(r"\b(?:" + "|".join(sorted(ON_WORDS | OFF_WORDS | {"on", "off"})) + r")\b", re.IGNORECASE)


def _may_state(text: str) -> bool:
    """A cheap test before reading clauses: the text holds a state word at all."""
    lower = text.lower()
    return any(word in lower for word in _STATE_LITERALS)
