"""What a text says about a setting's state, and the causes whose own state it contradicts.

Some causes *are* a setting in a state: `destination_ssl_inactive` (SSL off in the
destination), `proxy_required` (no proxy configured), `sni_not_sent` (SNI off),
`settings_not_active`. Their keywords are the setting's words ("SSL", "active",
"inactive", "proxy", "configured"), so a text that says the opposite — "fails with SSL
active" — or names that state only as what works — "works with SSL inactive" — met them
all the same and ranked the cause first. This module reads such statements in the text and
in each cause's own title and id (the same reader for both: no list of causes), and says
which words of the text a cause must not count, and which causes the text states outright.

A statement is a setting word next to a state word (settingwords.py: each word with what it
means), read by a few rules that hold for every setting:

- the state follows the setting ("SSL inactive", "SNI is not enabled", "SSL ist nicht
  aktiv", "SSL set to inactive", "SNI off"), or a change made precedes it ("I unticked SSL
  Active", "we disabled SNI", "after setting it to active": "it" is the setting stated last);
- a checkbox word after a state names that state's box: "SSL Active unchecked" is SSL off,
  "SSL Inactive selected" SSL off, "SSL Active was not set" SSL off, "SSL Active: X" on;
  "greyed out" says nothing of the state;
- a negation turns round what it stands before, between the setting and its state ("is
  not", "isn't", "nicht", "no longer") or before the setting or the change ("no proxy
  configured", "I have not set SSL to active");
- "SSL and SNI are enabled" states both ("neither SSL nor SNI": both off), "SSL active or
  inactive" and "whether SSL is active or not" both states; a state said of the past ("SSL
  was active, now it is inactive") gives way to a later statement of the same setting;
- it is *what works* when its clause says something works ("works with SSL inactive",
  "mit SSL inaktiv funktioniert es"), unless that is negated ("it does not work with …",
  "funktioniert nicht").
A cause is contradicted when the text states its setting the other way (outside a clause of
what works) or its own state only as what works, and nothing in the text states it its way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from assistant.intent.fuzzy import STOPWORDS, normalize, stem
from assistant.intent.negationwords import (
    BELIEF_VERBS,
    CERTAINTY,
    CONTINUES,
    Hedge,
    hedge_in,
    not_yet,
)
from assistant.intent.sentencebreaks import HARD_NEWLINE
from assistant.intent.settingwords import (
    CHANGES,
    COORDINATORS,
    EITHER_WAY,
    FAILS,
    FILLERS,
    GERMAN_SWITCHED,
    IMPERATIVES,
    NEGATIONS,
    PARTICLES,
    PAST,
    RESTATING,
    STATES,
    SWITCH_VERBS,
    TO_WORDS,
    VALUES,
    WORKS,
    Polarity,
    resolve,
)
from assistant.kb.permemo import per_base
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase

# Where a clause ends: punctuation, or a word that sets what follows against what came before.
CLAUSE_BREAK = LazyPattern(rf"[,;.!?:()\[\]]|{HARD_NEWLINE}|\b(?:but|while|whereas|although|though|however)\b", re.IGNORECASE)
# A parameter or identifier (icm/HTTPS/client_sni_enabled) names a setting, it states nothing.
IDENTIFIER = LazyPattern(r"(?<!\S)\S*[A-Za-z0-9][_/][A-Za-z0-9][^\s,;!?()\[\]]*")  # from a word's start only: linear on one long word; a clause break after it stays
_NOT_A_SETTING = frozenset(STATES) | frozenset(CHANGES) | FILLERS | NEGATIONS | SWITCH_VERBS | WORKS | FAILS
_PRONOUNS = frozenset({"it"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "isn", "aren", "wasn", "weren", "isnt", "wasnt", "ist", "sind", "war", "waren",
                 "wurde", "wurden"})
# What stands for an identifier: no word (it names no setting), and no word character before
# a flag's "= TRUE" ("client_sni_enabled = TRUE" is the parameter's value, said of nothing here).
_NAMED_ONLY = " \u00a7 "
_ARTICLES = frozenset({"the", "a", "an", "our", "this", "der", "die", "das", "den", "dem", "unserer", "unserem"})
_PLACES = frozenset({"in", "im", "for", "on", "at", "of", "within", "fuer", "bei", "auf"})


class Statement(NamedTuple):
    """One setting stated in a state: the setting's word (singular), on or off, and whether
    its clause says that this is what works."""

    setting: str
    on: bool
    works: bool
    words: frozenset[str]  # the stems of the words that state it (the setting and its state)
    hedged: bool = False  # said as a belief ("I think", "I don't think"): no sign of its own (negationwords)

    @property
    def state_words(self) -> frozenset[str]:
        """The stems that say the state ("activ", "configur"), without the setting's own."""
        return self.words - {stem(self.setting)}


class _Read(NamedTuple):
    statement: Statement
    past: bool  # said of the past ("SSL was active"): a later statement of it says what it is now


def statements(text: str, known: frozenset[str] | None = None) -> list[Statement]:
    """Every setting-and-state the text states, clause by clause; a state said of the past
    gives way to a later statement of the same setting the other way. `known`: the settings
    the base knows (cause_claims), which a phrase's setting is read as first: "the call ends
    in SSL is not active" is SSL's state, not that of a setting "ends" (None: any word, as
    for the base's own titles, which say what its settings are)."""
    read: list[_Read] = []
    carried: Hedge | None = None  # a hedge that ended the clause before ("ich glaube nicht, dass …")
    for clause in CLAUSE_BREAK.split(_flag_values(IDENTIFIER.sub(_NAMED_ONLY, _PARENTHESISED.sub(r" \1 ", text)))):
        if not _STATE_WORD.search(clause):
            carried = _hedge_ending(clause)
            continue  # most clauses state nothing: not normalised at all
        tokens = normalize(clause).split()
        hedge = hedge_in(tokens)
        if carried is not None and tokens[:1] and tokens[0] in CONTINUES:
            hedge, tokens = carried, tokens[1:]
        elif hedge is not None and hedge.kind != "belief":
            tokens = tokens[hedge.end:]  # what the denied belief or doubt is about
        carried = None
        if hedge is None and not_yet(tokens):
            continue  # a request or plan ("we asked them to set SSL active"): no state (a date ahead is hedged)
        if tokens and (hedge is None or hedge.kind != "doubt"):
            previous = read[-1].statement.setting if read else None
            read.extend(_hedged(r, hedge) for r in _in_clause(tokens, _says_it_works(tokens), previous, known))
    return [r.statement for n, r in enumerate(read) if not (r.past and _restated_later(r.statement, read[n + 1:]))]


def _hedge_ending(clause: str) -> Hedge | None:
    """A denied belief or doubt that ends a clause stating no setting ("ich glaube nicht"):
    it is about the next clause when that goes on with "dass"/"that"."""
    if not _HEDGE_LITERAL.search(clause):
        return None
    tokens = normalize(clause).split()
    hedge = hedge_in(tokens)
    return hedge if hedge is not None and hedge.kind != "belief" and hedge.end == len(tokens) else None


def _hedged(read: _Read, hedge: Hedge | None) -> _Read:
    """A statement read after a hedge: hedged, and turned round after a denied belief."""
    if hedge is None:
        return read
    s = read.statement
    on = not s.on if hedge.kind == "denied_belief" else s.on
    return read._replace(statement=s._replace(on=on, hedged=True))


def _restated_later(said: Statement, later: list[_Read]) -> bool:
    return any(r.statement.setting == said.setting and r.statement.on != said.on for r in later)


def _flag_values(text: str) -> str:
    """"SSL: Active" and "SSL Active: X" as one phrase: a colon or equals sign after a word and
    before a state, or before a flag's value at the end of its phrase, does not end the clause."""
    return _COLON.sub(lambda m: _joined(text, m), text)


def _joined(text: str, m: re.Match[str]) -> str:
    j = m.start() - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or not (text[j].isalnum() or text[j] == "_"):
        return m.group(0)  # a sign after no word ("= TRUE" of an identifier taken out)
    value = m.group(1)
    return " " + VALUES[value.lower()] if value else " "


def _says_it_works(tokens: list[str]) -> bool:
    """The clause says something works ("works with SSL inactive"), not that it fails."""
    for i, t in enumerate(tokens):
        if t in WORKS:
            before, after = tokens[max(0, i - 3):i], tokens[i + 1:i + 3]
            if not (NEGATIONS.intersection(before) or "t" in before or "longer" in before or "stopped" in before
                    or "nicht" in after):
                return not FAILS.intersection(tokens)
    return False


def _in_clause(tokens: list[str], works: bool, previous: str | None, known: frozenset[str] | None) -> Iterator[_Read]:
    i = 0
    while i < len(tokens):
        found = _statements_at(tokens, i, works, previous, known)
        if found is None:
            i += 1
            continue
        reads, end = found
        yield from reads
        if reads:
            previous = reads[-1].statement.setting
        i = max(end, i + 1)


def _statements_at(tokens: list[str], i: int, works: bool, previous: str | None,
                   known: frozenset[str] | None = None) -> tuple[list[_Read], int] | None:
    """The statements a state word at `i` makes, and the index after them."""
    polarity = _state_at(tokens, i)
    if polarity is None:
        return None
    found = _setting_before(tokens, i, previous, known)
    if found is None:
        return _changed_after(tokens, i, works) if tokens[i] in CHANGES else ([], i + 1)
    setting, at = found
    if _advised(tokens, at):
        return [], i + 1
    on, end = _restated(tokens, i + 1, resolve(True, polarity) if polarity != "unknown" else None)
    if on is None:
        return [], end  # "SSL Active is greyed out": no state said
    between = tokens[at + 1:i]
    on = on != (_negated(between) or _negated_before(tokens, at))
    start = _change_before(tokens, at)
    if start < at:
        on = resolve(on, CHANGES[tokens[start]]) != _negated_before(tokens, start)
    past = bool(PAST.intersection(between)) or (at > 0 and tokens[at - 1] in PAST)
    settings = [*_coordinated(tokens, at), setting]
    states = [on, not on] if tuple(tokens[end:end + 2]) in EITHER_WAY else [on]  # "active or not"
    words = frozenset(stem(t) for t in tokens[start:end] if t not in FILLERS and t not in NEGATIONS)
    reads = [_Read(Statement(_singular(s), o, works, words | {stem(s)}), past) for s in settings for o in states]
    return reads, end + 2 * (len(states) - 1)


def _state_at(tokens: list[str], i: int) -> Polarity | None:
    """A state word at `i`. "on"/"off" count after a verb that switches ("switched on", "turned
    SNI off"), "off" right after a setting ("with SSL off"), "on" where it ends what is said
    of a setting ("SNI on", "SSL on and SNI off"); in "TLS on port 443" it is a preposition."""
    t = tokens[i]
    if t in STATES:
        return STATES[t]
    if t in CHANGES:
        return CHANGES[t]
    if t not in PARTICLES or i == 0:
        return None
    before = tokens[i - 1]
    switched = before in SWITCH_VERBS or (i > 1 and tokens[i - 2] in SWITCH_VERBS and _names_a_setting(before))
    if switched or (t == "off" and _names_a_setting(before) and not before.endswith(("ed", "ing"))) \
            or _ends_a_phrase(tokens, i):
        return PARTICLES[t]
    return None


def _ends_a_phrase(tokens: list[str], i: int) -> bool:
    if tokens[i - 1] in STOPWORDS:
        return False
    return i + 1 == len(tokens) or tokens[i + 1] in COORDINATORS


def _names_a_setting(word: str) -> bool:
    """A word that can be a setting's name: no function word, state word or number."""
    return word.isalpha() and len(word) >= 3 and word not in STOPWORDS and word not in _NOT_A_SETTING


def _setting_before(tokens: list[str], i: int, previous: str | None,
                    known: frozenset[str] | None = None) -> tuple[str, int] | None:
    """The setting a state word at `i` is about: the nearest word before it that is no
    filler, negation or switching verb; "it" is the setting stated last (`previous`). Of
    "X in Y is off", X when the base knows it as a setting or does not know Y ("SSL in the
    destination"), else Y ("ends in SSL": a verb is no setting's name)."""
    j = i - 1
    while j >= 0 and (tokens[j] in FILLERS or tokens[j] in NEGATIONS or tokens[j] in SWITCH_VERBS
                      or _adverb(tokens[j]) or (j == i - 1 and _leads_to_the_state(tokens, j))):
        j -= 1
    if j < 0:
        return None
    if tokens[j] in COORDINATORS and j > 0 and tokens[j - 1] in STATES:
        return (previous, j) if previous is not None else None  # "SSL active or inactive"
    if tokens[j] in _PRONOUNS:
        return (previous, j) if previous is not None else None
    placed = _placed_setting(tokens, j)
    if placed is not None and (known is None or _singular(tokens[placed]) in known
                               or _singular(tokens[j]) not in known):
        return tokens[placed], placed
    return (tokens[j], j) if _names_a_setting(tokens[j]) else None


def _placed_setting(tokens: list[str], j: int) -> int | None:
    """"SSL in the destination is not active", "SSL ist in der Destination nicht aktiv",
    "SSL in SM59 is off": the word at `j` ends a phrase of where the setting is; the setting
    is the word before that phrase."""
    k = j - 1
    while k >= 0 and tokens[k] in _ARTICLES:
        k -= 1
    if k < 1 or tokens[k] not in _PLACES:
        return None
    k -= 1
    while k > 0 and tokens[k] in FILLERS:
        k -= 1  # "SSL ist in der Destination"
    return k if _names_a_setting(tokens[k]) else None


def _adverb(word: str) -> bool:
    """"SSL is currently inactive", "definitely active": an adverb says nothing of the state."""
    return len(word) > 4 and word.endswith("ly") and word not in STATES


def _leads_to_the_state(tokens: list[str], j: int) -> bool:
    """The "to" of "SSL set to inactive", "set SSL to active", "setting it to active", the
    "as" of "marked as disabled", the "auf" of "auf inaktiv gesetzt": part of the switching
    verb, not a preposition that ends the setting's phrase."""
    if tokens[j] not in TO_WORDS:
        return False
    if tokens[j] == "auf":
        return j + 2 < len(tokens) and tokens[j + 2] in GERMAN_SWITCHED
    return (j > 0 and tokens[j - 1] in SWITCH_VERBS) or (j > 1 and tokens[j - 2] in SWITCH_VERBS)


def _restated(tokens: list[str], end: int, on: bool | None) -> tuple[bool | None, int]:
    """A checkbox word or a state said again after the state ("SSL Active unchecked", "SSL
    Active was not set", "SSL Inactive is selected", "SSL Active is off") decides it;
    "greyed out" leaves it unknown (None)."""
    j = end
    while j < len(tokens) and (tokens[j] in FILLERS or tokens[j] in NEGATIONS):
        j += 1
    if j >= len(tokens) or on is None:
        return on, end
    t = tokens[j]
    polarity = STATES.get(t) or RESTATING.get(t) or PARTICLES.get(t)
    if polarity is None:
        return on, end
    if t in SWITCH_VERBS and j + 2 < len(tokens) and tokens[j + 1] in TO_WORDS and tokens[j + 2] in STATES:
        polarity, j = STATES[tokens[j + 2]], j + 2  # "SSL Active set to inactive": the state after "to" says it
    if polarity == "unknown":
        return None, j + 1
    return resolve(on, polarity) != _negated(tokens[end:j]), j + 1


def _advised(tokens: list[str], at: int) -> bool:
    """"untick SSL Active", "check SSL Active in SM59": advice on the setting at `at`, with
    the box named by its label; no state is said ("set SSL to active" says one: "to")."""
    j = at - 1
    while j >= 0 and tokens[j] in _ARTICLES:
        j -= 1
    return j >= 0 and tokens[j] in IMPERATIVES and not (at + 1 < len(tokens) and tokens[at + 1] in TO_WORDS)


def _negated_before(tokens: list[str], at: int) -> bool:
    """A negation right before the setting or the change or switch made to it ("no proxy
    configured", "without SSL active", "I have not set SSL to active")."""
    j = at - 1
    while j >= 0 and (tokens[j] in SWITCH_VERBS or tokens[j] in CHANGES or tokens[j] in _ARTICLES):
        j -= 1
    return j >= 0 and (tokens[j] in NEGATIONS or (tokens[j] == "t" and j > 0 and tokens[j - 1].endswith("n")))


def _change_before(tokens: list[str], at: int) -> int:
    """Where a change made to the setting at `at` starts ("unticked SSL Active"), else `at`."""
    j = at - 1
    while j >= 0 and tokens[j] in _ARTICLES:
        j -= 1
    return j if j >= 0 and tokens[j] in CHANGES else at


def _changed_after(tokens: list[str], i: int, works: bool) -> tuple[list[_Read], int]:
    """A change made before the setting it is about: "we disabled SNI", "after unchecking SSL
    Active" (the state named after the setting is its checkbox's), "after enabling SNI"."""
    j = i + 1
    while j < len(tokens) and tokens[j] in _ARTICLES:
        j += 1
    if j >= len(tokens) or not (_names_a_setting(tokens[j])):
        return [], i + 1
    named_on, end = True, j + 1
    if end < len(tokens) and STATES.get(tokens[end]) in ("on", "off"):
        named_on, end = STATES[tokens[end]] == "on", end + 1
    on = resolve(named_on, CHANGES[tokens[i]]) != _negated_before(tokens, i + 1)
    words = frozenset(stem(t) for t in tokens[i:end] if t not in _ARTICLES)
    return [_Read(Statement(_singular(tokens[j]), on, works, words), False)], end


def _coordinated(tokens: list[str], at: int) -> list[str]:
    """"SSL and SNI are enabled": the setting joined to the one at `at` by and/or."""
    if at >= 2 and tokens[at - 1] in COORDINATORS and _names_a_setting(tokens[at - 2]):
        # "the root CA was not imported and SSL …": a word said of something before it ends
        # that statement, it is no setting joined to this one
        said_of = not _BE.isdisjoint(tokens[max(0, at - 4):at - 2])  # "was (not) imported and SSL …"
        return [] if said_of else [tokens[at - 2]]
    return []


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
        found = {Claim(s.setting, s.on) for s in statements(f"{cause.title}. {cause.id.replace('_', ' ')}")}  # any word
        if found:
            claims[cause.id] = tuple(sorted(found))
    return claims


@per_base
def known_settings(kb: KnowledgeBase) -> frozenset[str]:
    """The settings the base's causes are about (SSL, SNI, the proxy …): their own titles say."""
    return frozenset(claim.setting for claims in cause_claims(kb).values() for claim in claims)


def contradicted_words(text: str, kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Per cause that is a setting in a state, the stems of the text's words that must not
    count for it: the words of statements that contradict it (unless another statement
    agrees), and the state words of statements about other settings ("active" in "SSL
    active" is SSL's state, not that of changed settings)."""
    said = statements(text, known_settings(kb)) if _may_state(text) else []
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


def contradicted_causes(text: str, kb: KnowledgeBase) -> frozenset[str]:
    """The causes that are a setting in a state the text states outright the other way ("SSL
    (Active) is set" against SSL off), with no statement agreeing: listed after the rest."""
    said = [s for s in statements(text, known_settings(kb)) if not s.hedged] if _may_state(text) else []
    out = set()
    for cause_id, claims in cause_claims(kb).items() if said else ():
        agrees = [(s.on == c.on) != s.works for s in said for c in claims if c.setting == s.setting]
        if agrees and not any(agrees):
            out.add(cause_id)
    return frozenset(out)


def stated_causes(text: str, kb: KnowledgeBase) -> frozenset[str]:
    """The causes that are a setting in a state the text states of the failing call ("SSL
    set to inactive", "with SSL Active unchecked the call fails"): the text says what the
    cause is, as a sign of it would. A state named only as what works ("works with SSL
    active") is no statement of the failing state, and a cause the text also states the
    other way (outside a clause of what works) is not stated."""
    said = [s for s in statements(text, known_settings(kb)) if not s.works and not s.hedged] if _may_state(text) else []
    if not said:
        return frozenset()
    out: set[str] = set()
    for cause_id, claims in cause_claims(kb).items():
        agreeing = [s for s in said for c in claims if c.setting == s.setting and c.on == s.on]
        against = [s for s in said for c in claims if c.setting == s.setting and c.on != s.on]
        if agreeing and not against:
            out.add(cause_id)
    return frozenset(out)


# "SSL (Active) is set": a state word in parentheses after a setting is read as written without them.
_PARENTHESISED = LazyPattern(r"\(\s*(" + "|".join(sorted(STATES)) + r")\s*\)", re.IGNORECASE)
_HEDGE_LITERAL = LazyPattern(r"\b(?:" + "|".join(sorted(BELIEF_VERBS | CERTAINTY)) + r")\b", re.IGNORECASE)
_STATE_NAMES = sorted({*STATES, *CHANGES, *PARTICLES})
_STATE_LITERALS = tuple(sorted({*STATES, *CHANGES, " on", " off"}))
_STATE_WORD = LazyPattern(r"\b(?:" + "|".join(_STATE_NAMES) + r")\b", re.IGNORECASE)
# "SSL: Active", "SSL = inactive" (the sign between a setting and its state) and "SSL Active: X",
# "SNI = false" (a flag's value at the end of its phrase: group 1).
_COLON = LazyPattern(
    r"[:=][ \t]*[\"']?(?:(?=(?:" + "|".join(sorted(STATES)) + r")\b)|(" + "|".join(sorted(VALUES))
    + r")[\"']?(?=[ \t]*(?:$|[\n,;.)\]])))",
    re.IGNORECASE | re.MULTILINE, literals=(":", "="),
)


def _may_state(text: str) -> bool:
    """A cheap test before reading clauses: the text holds a state word at all."""
    lower = text.lower()
    return any(word in lower for word in _STATE_LITERALS) or bool(_COLON.search(text))
