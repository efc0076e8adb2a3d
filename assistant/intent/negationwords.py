"""The words that turn a statement round or weaken it, and how far they reach (shared by
every reader of what a user states: settingstates, statedfacts, resolution, importdone).

Each reader had its own list, so one read "the root CA was never imported" as negated and
another did not. This module is the one list; a reader may add words of its own meaning
(finestates' "no longer", "stopped"), never leave one of these out.

Scope — how far a negation reaches — is the reader's clause: up to a comma, semicolon or
sentence end, or a word that sets what follows against what came before ("but", "however",
"aber"): "SSL is not active, but SNI is enabled" negates SSL only. Readers cut clauses with
CLAUSE_BREAK_WORDS and their own punctuation.

Hedges ("I think", "probably", "seems", "vielleicht") are carried one way by every reader: a
hedged statement is never evidence of its own — no sign (settingstates.stated_causes), no
stated fact (statedfacts), never "solved" (resolution: at most a finding) — but where a
reader only sets words aside (a setting stated the other way than a cause) it is read with
its polarity. A request or a plan ("we asked the security team to open port 443", "they plan
to renew the certificate", "wir haben gebeten, den Port freizuschalten") is no state either:
`not_yet` finds it, and every reader reads such a clause as no statement of a fact. "Will"
negated ("won't let us out", "will not connect") is a refusal now, not a date ahead. A denied belief ("I don't think SSL is active", "ich glaube nicht, dass …")
is a hedged negation: it turns round what follows it in its clause, and is hedged. Doubt
("not sure whether SSL is active", "nicht sicher, ob …") states nothing.

Words are as `fuzzy.normalize` leaves them (lower case, umlauts folded), after
typednegations spelt negations out ("doesn't" -> "does not"); "t" after a word ending in
"n" is a negation typed without its apostrophe's letter ("isn t").
"""

from __future__ import annotations

from typing import Literal, NamedTuple

NEGATIONS = frozenset("""not no never without neither nor none nothing cannot nicht kein keine keinen keiner keinem
    keines ohne nie niemals nichts""".split())
# Words of a guess or belief: the statement is hedged.
BELIEFS = frozenset("""maybe perhaps possibly probably might may suspect suspects suspected think thinks thought
    guess assume assumed believe believed wonder wondering seems seem seemed likely unlikely apparently looks looked
    scheint scheinen schien anscheinend scheinbar
    vielleicht eventuell evtl moeglicherweise vermutlich vermute vermuten glaube glauben wahrscheinlich""".split())
# A date ahead ("will expire", "bald"): what is said does not hold yet.
FUTURE = frozenset("will soon won bald".split())
HEDGES = BELIEFS | FUTURE
# Words of a request or a plan: what is asked for or planned does not hold yet ("we asked the
# team to open port 443", "the renewal is scheduled", "wir haben gebeten …", "ist beantragt").
# ("request", "requested", "plan" are not among them: "the request is blocked", "the requested
# URL was rejected", "the service plan" are states.)
PLANS = frozenset("""asked ask asks asking planned planning intend intends intended scheduled gebeten bitten
    beantragt beauftragt geplant planen""".split())
# Words that say a plan when "to" follows ("they plan to renew", "we want to open", "going to").
PLANS_BEFORE_TO = frozenset("plan plans want wants wanted going".split())
# Verbs of belief: negated ("I don't think", "glaube nicht") they turn round what follows.
BELIEF_VERBS = frozenset("think believe suppose guess expect glaube denke vermute".split())
# Words of certainty: negated ("not sure", "nicht sicher") nothing after them is stated.
CERTAINTY = frozenset("sure certain sicher".split())
# Words that end a negation's reach, besides punctuation.
CLAUSE_BREAK_WORDS = frozenset("but however although though while whereas aber doch jedoch obwohl".split())
# A clause that goes on after a hedge that ended the clause before ("ich glaube nicht, dass …").
CONTINUES = frozenset("that dass whether ob".split())
NEGATION_SPAN = 2  # words before a belief verb a negation may stand in ("do not think")

HedgeKind = Literal["belief", "denied_belief", "doubt"]


class Hedge(NamedTuple):
    """A hedge in a clause: where its words end (`end`: what follows is what it is said of)
    and its kind."""

    end: int
    kind: HedgeKind


def is_negation(tokens: list[str], i: int) -> bool:
    """The token at `i` negates: a negation word, or the "t" of "isn t"."""
    t = tokens[i]
    return t in NEGATIONS or (t == "t" and i > 0 and tokens[i - 1].endswith("n"))


def negated_within(tokens: list[str], start: int, end: int) -> bool:
    """A negation among `tokens[start:end]`."""
    return any(is_negation(tokens, i) for i in range(max(0, start), min(end, len(tokens))))


def refuses(tokens: list[str], i: int) -> bool:
    """The future word at `i` is negated right after it ("will not", "won't" spelt out): a
    refusal now ("the firewall won't let us out"), not a date ahead."""
    return tokens[i] in FUTURE and negated_within(tokens, i + 1, i + 2)


def not_yet(tokens: list[str]) -> bool:
    """The clause says what is asked for, planned or ahead, not a state ("we asked them to open
    the port", "they plan to renew the certificate", "we will open it tomorrow"); "won't"
    is a refusal and states."""
    for i, t in enumerate(tokens):
        if t in PLANS or (t in PLANS_BEFORE_TO and tokens[i + 1:i + 2] in (["to"], ["zu"])):
            return True
        if t in FUTURE and not refuses(tokens, i):
            return True
    return False


def hedge_in(tokens: list[str]) -> Hedge | None:
    """The first hedge of a clause: a denied belief ("do not think", "glaube nicht"), doubt
    ("not sure"), or any other hedge word; None for a clause said outright ("I am sure …"
    is no hedge)."""
    for i, t in enumerate(tokens):
        denied = negated_within(tokens, i - NEGATION_SPAN, i) or negated_within(tokens, i + 1, i + 2)
        if t in CERTAINTY:
            if denied:
                return Hedge(i + 1 + (tokens[i + 1:i + 2] == ["nicht"]), "doubt")
            continue
        if t in BELIEF_VERBS and denied:
            return Hedge(i + 1 + (tokens[i + 1:i + 2] == ["nicht"]), "denied_belief")
        if t in HEDGES and not refuses(tokens, i):
            return Hedge(i + 1, "belief")
    return None
