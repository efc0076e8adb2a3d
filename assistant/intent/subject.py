"""The subject a follow-up names: "what about TLS 1.3?", "and SNI?", "does it matter which
PSE?", "and through a proxy?", "what if the certificate is self-signed?".

An expert answers such a turn *within the topic*: of the causes the topic's message lists,
the ones on that subject lead, and when the topic lists none, that is said plainly (with
where the base does have it). Without this, the topic's damping of the turn's own words and
the last answer's cause order often put the topic's verdict back on top, with nothing on
what was asked.

A subject is found two ways, both from the base, never from a list of sentences: glossary
terms the turn names (a term, a parameter, a transaction), linked to the causes whose
title, explanation or fix mentions the term; and causes the turn's own words point to by
real evidence (a sign, a title, a code), measured as if there were no topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.intent.dialogue import asked_subject, asks_whether_it_is
from assistant.intent.evidence import CauseEvidence
from assistant.intent.importdone import says_import_done
from assistant.intent.parsing import ParsedText
from assistant.intent.result import EVIDENCE_ORDER, KEYWORD_EVIDENCE, ScoredCause
from assistant.intent.state import DialogueState
from assistant.intent.statedfacts import stated_facts
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause
from assistant.kb.permemo import per_base
from assistant.lazyre import LazyPattern

# How much a mention of a named term counts, by where the cause mentions it.
IN_TITLE, IN_EXPLANATION, IN_FIX = 3.0, 2.0, 1.0
# Glossary kinds that are places or tools of every fix (STRUST, SM59 …): naming one asks
# how to use it, it points to no cause of its own.
_ROUTINE_TERMS = frozenset({"STRUST", "SMICM", "SM59", "SICF", "RZ10", "RZ11", "DEV_ICM", "ICM", "SCLNT_HTTP"})
_KEYWORD_RANKS = frozenset(EVIDENCE_ORDER.index(k) for k in KEYWORD_EVIDENCE)
# A topic cause is on the subject when it is at least this close to the closest cause of the
# whole base: a cause that only mentions SNI in passing is not the topic's answer to "and
# SNI?" when the base's SNI cause is another message's.
CLOSE_TO_BEST = 0.75
# A proxy the turn names ("and through a proxy?") is a subject like a glossary term: the
# causes titled by it are the proxy's.
PROXY_NAMES = ("proxy", "proxies")
# "what about HTTP/2?": a subject the base has no term for is still named — when it looks
# like a technical name (a capital after the first letter, a digit, a slash or a dot: HTTP/2,
# TLS 1.2, OAuth, IPv6), not a word of the conversation ("what about the fix?").
_ASKED_ABOUT = LazyPattern(r"^\W*(?:and\s+|but\s+)?(?:what|how)\s+about\s+(?:the\s+|a\s+|an\s+)?(?P<s>[^?!\n]{1,40}?)[\s?.!]*$",
                           re.IGNORECASE)
_TECHNICAL = LazyPattern(r"\w[A-Z]|\d|/|\w\.\w|\b[A-Z]{2,}\b")
MAX_SUBJECT_WORDS = 4
_SAP_CLIENT = "sap_http_client"


@dataclass(frozen=True, slots=True)
class Subject:
    """What a follow-up asks about. `terms`: the glossary entries it names; `causes`: the
    topic message's causes on the subject, closest first; `elsewhere`: causes of the base
    on it that the topic's message does not list; `topic`: that message."""

    terms: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    elsewhere: tuple[str, ...] = ()
    topic: str | None = None
    words: str = ""  # a subject the base has no term for, as the user wrote it ("HTTP/2")
    asked_whether: bool = False  # a yes/no question whether it is the cause ("is it the proxy?")


def _states_without_asking(text: str) -> bool:
    """The turn states what it knows of a cause ("the proxy is not involved", "the firewall
    is open now"; intent.statedfacts) or what was done ("we imported the root CA into
    ANONYM": the PSE is where it went, not what is asked; importdone) and asks nothing: it
    names no subject it asks about."""
    return "?" not in text and (bool(stated_facts(text)) or says_import_done(text))


def subject_of(
    parsed: ParsedText, own: CauseEvidence, state: DialogueState, kb: KnowledgeBase, *, follow_up: bool,
) -> Subject | None:
    """The subject of a follow-up about an SCLNT_HTTP topic, or of a yes/no question about
    any topic (None for any other turn, or one that names nothing: "how do I fix it?"). `own`: the turn's cause evidence as if
    there were no topic (router._undamped)."""
    topic = next((m for m in state.messages[:1] if m in kb.messages), None)
    asked_whether = asks_whether_it_is(parsed.raw)
    # A topic without an SCLNT_HTTP message (a far server's status, an RFC error, another
    # client's) has a subject only for a yes/no question: "is it the proxy?" asks of its causes;
    # an SAP-client topic that named none (a how-to's) has its causes to answer any subject.
    causes_only = state.has_topic and (asked_whether or state.scope == _SAP_CLIENT)
    if not follow_up or (topic is None and not causes_only) or _states_without_asking(parsed.raw):
        return None
    e = parsed.entities
    terms = tuple(t for t in (*e.glossary, *e.parameters, *e.transactions)
                  if t in kb.glossary and t not in _ROUTINE_TERMS)
    named = [(t, (kb.glossary[t].id, *kb.glossary[t].aliases)) for t in terms]
    if e.proxy:
        named.append(("proxy", PROXY_NAMES))
    said = said_causes(own, kb)
    words = "" if named else unnamed_subject(parsed.raw) or _asked_words(parsed.raw, asked_whether and not said, kb)
    mention = _mention_weights(kb, named)
    if words:
        mention = _find_mentions(kb, (words,))  # the user's words: not memoised
    if terms and max(mention.values(), default=0.0) < IN_TITLE:
        # No cause is titled by the term: the parameters its entry names (TLS 1.3: the
        # cipher-suite strings) link it to the causes whose text sets them, one mention each.
        links = [(p, (p,)) for t in terms for p in _parameters_named_by(kb, t) if p not in terms]
        for cause_id, w in _mention_weights(kb, links).items():
            mention[cause_id] = mention.get(cause_id, 0.0) + w
    if not named and not said and not words:
        return None
    weight = {c: mention.get(c, 0.0) + said.get(c, 0.0) for c in {*mention, *said}}
    listed = kb.messages[topic].causes if topic is not None else state.causes
    ordered = sorted(weight, key=lambda c: (-weight[c], listed.index(c) if c in listed else len(listed), c))
    # How close to the base's best a topic cause must be: by the mention of what was named
    # (a cause titled by it), or by the turn's own words when it named no term.
    measure = mention if mention else weight
    close = CLOSE_TO_BEST * max(measure.values(), default=0.0)
    return Subject(
        terms=terms,
        causes=tuple(c for c in ordered if c in listed and measure.get(c, 0.0) >= close),
        # Without a message, the base's causes on the subject are only those close to its best:
        # "is it the proxy?" is about the proxy's causes, not every cause that mentions one.
        elsewhere=tuple(c for c in ordered if c not in listed and (topic is not None or measure.get(c, 0.0) >= close)),
        topic=topic,
        words=words if not (named or said) else "",
        asked_whether=asked_whether,
    )


def _asked_words(raw: str, asked: bool, kb: KnowledgeBase) -> str:
    """What a yes/no question that names no term and points to no cause asks about ("could
    it be the host name?"), when causes of the base mention it; "" otherwise ("is it working
    now?" asks about no subject)."""
    words = asked_subject(raw) if asked else ""
    if not words or len(words.split()) > MAX_SUBJECT_WORDS:
        return ""
    return words if _find_mentions(kb, (words,)) else ""


def said_causes(own: CauseEvidence, kb: KnowledgeBase) -> dict[str, float]:
    """The causes a turn's own words point to by real evidence (a sign, a title, a code —
    not keywords), measured without the topic (`own`: router._undamped)."""
    return {c: v for c, v in own.scores.items()
            if v > 0 and c in kb.causes and own.kinds.get(c) is not None and own.kinds[c] not in _KEYWORD_RANKS}


def unnamed_subject(raw: str) -> str:
    """The subject of "what about X?" when X looks like a technical name, else ""."""
    m = _ASKED_ABOUT.match(raw.strip())
    if m is None:
        return ""
    subject = m.group("s").strip()
    if len(subject.split()) > MAX_SUBJECT_WORDS or not _TECHNICAL.search(subject):
        return ""
    return subject


def _mention_weights(kb: KnowledgeBase, named: Sequence[tuple[str, tuple[str, ...]]]) -> dict[str, float]:
    """Per cause, the sum of its mentions of each named subject (_mentions)."""
    mention: dict[str, float] = {}
    for key, names in named:
        for cause_id, w in _mentions(kb, key, names).items():
            mention[cause_id] = mention.get(cause_id, 0.0) + w
    return mention


def names(name: str, text: str) -> bool:
    """`text` names `name` as a whole word (not ssl/ciphersuites inside ssl/client_ciphersuites)."""
    return re.search(r"(?<![\w/])" + re.escape(name) + r"(?![\w/])", text, re.IGNORECASE) is not None


def parameters_named_in(text: str, kb: KnowledgeBase) -> list[str]:
    """The profile parameters `text` names (by id or alias, as whole words), in the order
    it names them."""
    found: list[tuple[int, str]] = []
    for g in kb.glossary.values():
        if g.kind != "parameter":
            continue
        alternatives = "|".join(re.escape(n) for n in sorted({g.id, *g.aliases}, key=len, reverse=True))
        m = re.search(r"(?<![\w/])(?:" + alternatives + r")(?![\w/])", text)
        if m:
            found.append((m.start(), g.id))
    return [gid for _, gid in sorted(found)]


def _parameters_named_by(kb: KnowledgeBase, term: str) -> tuple[str, ...]:
    """The profile parameters a glossary entry's text names."""
    return tuple(p for p in parameters_named_in(kb.glossary[term].text, kb) if p != term)


def _mentions(kb: KnowledgeBase, key: str, names: tuple[str, ...]) -> dict[str, float]:
    """The causes that mention a subject by one of its `names` (a glossary term's id and
    aliases), weighted by where: a cause titled by it is about it; one whose fix names it
    touches it. `key`: what the names are memoised under."""
    memo = _mentions_memo(kb)
    if key not in memo:
        memo[key] = _find_mentions(kb, names)
    return memo[key]


@per_base
def _mentions_memo(kb: KnowledgeBase) -> dict[str, dict[str, float]]:
    """Per base, the mentions found so far, by the key of what was named."""
    return {}


def _find_mentions(kb: KnowledgeBase, names: tuple[str, ...]) -> dict[str, float]:
    pattern = re.compile(
        r"(?<![\w/])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n.strip()) + r")(?!\w)",
        re.IGNORECASE,
    )
    found = {}
    for cause in kb.causes.values():
        w = _where(cause, pattern)
        if w:
            found[cause.id] = w
    return found


def _where(cause: Cause, pattern: re.Pattern[str]) -> float:
    if pattern.search(cause.title):
        return IN_TITLE
    if pattern.search(cause.explanation) or any(pattern.search(s) for s in cause.signs):
        return IN_EXPLANATION
    if any(pattern.search(step) for step in cause.fix):
        return IN_FIX
    return 0.0


def without_causes(subject: Subject | None, ruled_out: frozenset[str]) -> Subject | None:
    """`subject` without the causes the turn ruled out (callerpse: the import went into the
    PSE the caller uses): a subject named only to say so is no cause to lead with."""
    if subject is None or not ruled_out:
        return subject
    return replace(subject, causes=tuple(c for c in subject.causes if c not in ruled_out),
                   elsewhere=tuple(c for c in subject.elsewhere if c not in ruled_out))


def subject_first(causes: list[ScoredCause], subject: Subject | None) -> list[ScoredCause]:
    """The ranked causes with the topic's causes on the subject first, closest first (a
    cause the ranking left out comes in at the first one's score, as the topic's own); the
    rest keep their order. Causes only elsewhere in the base do not move: the topic's
    message does not list them, and the answer says so."""
    if subject is None or not subject.causes:
        return causes
    top = causes[0].score if causes else 1.0
    by_id = {c.id: c for c in causes}
    # A cause on the subject is the topic's own, not a keyword met by chance (lead.evidence_first).
    first = [ScoredCause(c, by_id[c].score if c in by_id else top, "topic")
             if c not in by_id or by_id[c].keyword_only else by_id[c] for c in subject.causes]
    return first + [c for c in causes if c.id not in subject.causes]
