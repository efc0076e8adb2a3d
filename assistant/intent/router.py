"""route(): text + dialogue state -> intent, ranked messages and causes. A pure function.

A turn goes through named stages, each handing its decision to the next on a typed
record, and the decisions end up on `Routed`:

1. `parse_text` (parsing.py): entities, completed prefixes, corrected and weighed words;
2. `message_evidence` (evidence.py): ids, constants, codes, numbers and their readings;
   the ids a reading demotes;
3. `cause_evidence` (evidence.py): signs, titles, codes, keywords, HTTP readings;
4. `_follow_up`: does the turn continue the current topic? (then `_lean_on_topic`);
5. `_rank`: keyword and cause evidence lift messages; the top messages' own cause order
   is a prior for the causes; both lists are cut where the evidence thins out;
6. `_decide_intent`: what the user wants, and whether the text was understood at all;
7. `_next_state`: the dialogue state the next turn starts from.

Every weight is generic; nothing here knows a particular message or test sentence.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace
from typing import NamedTuple

from assistant.intent import cues
from assistant.intent.entities import DEFAULT_CLASS, Entities
from assistant.intent.evidence import (
    CauseEvidence,
    MessageEvidence,
    cause_evidence,
    message_evidence,
)
from assistant.intent.fuzzy import best_matches
from assistant.intent.httpstatus import HTTP_REASONS
from assistant.intent.kbindex import RouterIndex, index_for
from assistant.intent.parsing import ParsedText, clean_text, parse_text
from assistant.intent.result import Routed, ScoredCause, ScoredMessage, UnknownId
from assistant.intent.state import DialogueState
from assistant.kb.knowledge_base import KnowledgeBase

W_STATE = 2.5  # the current topic, for follow-ups
W_CONFIRMED = 4.0  # the cause a live check found, for follow-ups on its topic
W_KEYWORD_MESSAGE = 1.2
W_PROPAGATE = 0.6  # cause evidence lifting the messages that list the cause
W_PRIOR = 1.2  # a message's own cause ranking
UNDERSTOOD = 0.5  # below this much evidence the text is not understood
MAX_MESSAGES = 8
MAX_CAUSES = 10
FOLLOW_UP_WORDS = 12
FOLLOW_UP_FOCUS = 2.5
POPULAR = ("SCLNT_HTTP407", "SCLNT_HTTP421", "SCLNT_HTTP411", "SCLNT_HTTP402", "SCLNT_HTTP415")
NO_TOPIC_INTENTS = ("not_understood", "greeting", "thanks", "help", "list")
TOPIC_INTENTS = ("explain", "causes", "fix", "check", "compare")  # remembered as last_intent


class Ranking(NamedTuple):
    """Stage 5: messages and causes in order, with their raw evidence."""

    messages: list[tuple[str, float]]
    causes: list[tuple[str, float]]
    strength: float  # the strongest single piece of evidence


class IntentDecision(NamedTuple):
    """Stage 6: what the user wants and what the answer may name."""

    intent: str
    unknown: list[UnknownId]
    glossary: list[str]
    suggestions: list[str]


def _squash(raw: float) -> float:
    """Map raw evidence to 0..1 for display; monotone, so rankings are unchanged."""
    return round(1.0 - math.exp(-raw / 2.0), 3)


def route(text: str, kb: KnowledgeBase, state: DialogueState | None = None) -> Routed:
    """Understand one user turn. Pure: same text, base and state give the same result."""
    state = state or DialogueState()
    index = index_for(kb)
    raw_text = clean_text(text)
    if not raw_text.strip():
        return Routed(
            intent="not_understood",
            state=replace(state, turns=state.turns + 1),
            suggestions=_default_suggestions(kb),
            empty=True,
        )
    parsed = parse_text(raw_text, kb, index)
    messages = message_evidence(parsed, kb, index)
    causes = cause_evidence(parsed, messages, state, kb, index)
    follow_up = _follow_up(parsed, messages, state)
    if follow_up:
        _lean_on_topic(state, messages, causes, kb)
    ranking = _rank(messages, causes, kb, index)
    decision = _decide_intent(parsed, messages, ranking, follow_up, state, kb, index, causes.keywords)
    codes = list(parsed.entities.codes) or (list(state.codes) if follow_up else [])
    return Routed(
        intent=decision.intent,
        messages=[ScoredMessage(m, _squash(s)) for m, s in ranking.messages],
        causes=[ScoredCause(c, _squash(s)) for c, s in ranking.causes],
        ambiguity=messages.ambiguity,
        entities=parsed.entities,
        state=_next_state(state, parsed.entities, messages, ranking, decision.intent, follow_up, codes),
        unknown_ids=decision.unknown,
        suggestions=decision.suggestions,
        codes=codes,
        glossary=decision.glossary,
        follow_up=follow_up,
        http_statuses=messages.http_statuses,
        readings=messages.readings,
        resolved=parsed.resolved,
        demoted_ids=messages.demoted,
        topic_in_text=messages.topic_in_text,
    )


def _follow_up(parsed: ParsedText, messages: MessageEvidence, state: DialogueState) -> bool:
    """Stage 4: a turn with no topic of its own, short or pointing back, continues the
    current topic ("how do I fix it?", "and through a proxy?")."""
    if messages.topic_in_text or not state.has_topic:
        return False  # (the intent probe below is only needed past this point)
    entities, cue_text = parsed.entities, parsed.cue_text
    probe = _intent(cue_text, parsed.n_words, entities, state, False, len(messages.scores))
    asks_glossary = bool(entities.transactions or entities.parameters or entities.glossary)
    return (
        probe not in ("greeting", "thanks", "help", "list")
        and not (asks_glossary and probe == "explain" and cues.EXPLAIN.search(cue_text))
        and (
            parsed.n_words <= FOLLOW_UP_WORDS
            or bool(cues.ANAPHORA.search(cue_text))
            or bool(cues.CONTINUATION.search(cue_text))
        )
    )


def _lean_on_topic(
    state: DialogueState, messages: MessageEvidence, causes: CauseEvidence, kb: KnowledgeBase
) -> None:
    """A follow-up: the topic's messages count, and its own words weigh more against the
    topic's usual cause order; a cause a live check found leads, whatever that order."""
    for rank, mid in enumerate(state.messages):
        if mid in kb.messages:
            messages.scores[mid] += W_STATE / (1 + rank)
    for cause_id in causes.scores:
        causes.scores[cause_id] *= FOLLOW_UP_FOCUS
    if state.confirmed_cause in kb.causes:
        causes.scores[state.confirmed_cause] += W_CONFIRMED


def _rank(
    messages: MessageEvidence, causes: CauseEvidence, kb: KnowledgeBase, index: RouterIndex
) -> Ranking:
    """Stage 5: keyword and cause evidence lift messages (weakly next to named ids); the
    top messages' own cause ranking is a prior for the causes."""
    msg = messages.scores
    for key, score in causes.keywords.items():
        if key.startswith("m:"):
            msg[key[2:]] += W_KEYWORD_MESSAGE * score
    for cause_id, ev in causes.scores.items():
        for mid, rank in index.messages_of_cause.get(cause_id, []):
            msg[mid] += W_PROPAGATE * (ev / (ev + 1.0)) / (1 + 0.5 * rank)
    ranked = sorted(((mid, s) for mid, s in msg.items() if mid in kb.messages), key=lambda x: (-x[1], x[0]))
    top_raw = ranked[0][1] if ranked else 0.0
    ranked = [(m, s) for m, s in ranked if s >= max(0.3, 0.3 * top_raw)][:MAX_MESSAGES]
    total = defaultdict(float, causes.scores)
    for cause_id, value in _cause_prior(ranked, top_raw, kb, index).items():
        total[cause_id] += value
    ranked_causes = sorted(total.items(), key=lambda x: (-x[1], x[0]))
    top_cause = ranked_causes[0][1] if ranked_causes else 0.0
    ranked_causes = [(c, s) for c, s in ranked_causes if s >= max(0.25, 0.15 * top_cause)][:MAX_CAUSES]
    return Ranking(ranked, ranked_causes, max([top_raw, *causes.scores.values(), 0.0]))


def _cause_prior(
    ranked: list[tuple[str, float]], top_raw: float, kb: KnowledgeBase, index: RouterIndex
) -> dict[str, float]:
    """The top messages' own cause order. Several messages listing a cause first are one
    piece of knowledge, not several: the best prior counts, they do not add up (else the
    usual suspects drown the wording)."""
    prior: dict[str, float] = defaultdict(float)
    for mid, score in ranked[:3]:
        share = score / top_raw if top_raw else 0.0
        if share < 0.5:
            continue
        for rank, cause_id in enumerate(index.causes_of_message.get(mid, ())):
            if cause_id in kb.causes:
                prior[cause_id] = max(prior[cause_id], W_PRIOR * share / (1 + rank))
    return prior


def _decide_intent(
    parsed: ParsedText,
    messages: MessageEvidence,
    ranking: Ranking,
    follow_up: bool,
    state: DialogueState,
    kb: KnowledgeBase,
    index: RouterIndex,
    keywords: dict[str, float],
) -> IntentDecision:
    """Stage 6: the intent the cues say, unless the text was not understood at all."""
    entities = parsed.entities
    unknown = _unknown(entities, kb, index, messages.demoted)
    glossary = [*entities.transactions, *entities.parameters, *entities.glossary]
    readable_numbers = any(n.message_id or n.number in HTTP_REASONS for n in entities.numbers)
    understood = (
        messages.topic_in_text or follow_up or readable_numbers or ranking.strength >= UNDERSTOOD
    )
    intent = _intent(
        parsed.cue_text, parsed.n_words, entities, state, messages.topic_in_text, len(ranking.messages)
    )
    if intent == "compare" and not (follow_up or state.messages):
        if len([m for m in entities.message_ids if m in kb.messages]) < 2:
            intent = "explain"
    if intent == "explain" and not understood and not glossary and not entities.hosts:
        intent = "not_understood"
    if intent == "explain" and not (understood or glossary or ranking.messages or unknown):
        intent = "not_understood"
    if intent in ("causes", "fix") and not understood and not glossary:
        intent = "not_understood"
    suggestions = _suggestions(parsed.raw, keywords, kb, index) if intent == "not_understood" else []
    return IntentDecision(intent, unknown, glossary, suggestions)


def _next_state(
    state: DialogueState,
    entities: Entities,
    messages: MessageEvidence,
    ranking: Ranking,
    intent: str,
    follow_up: bool,
    codes: list[str],
) -> DialogueState:
    """Stage 7: what the next turn starts from. A turn that was not understood keeps the
    topic; a new host forgets the old URL and port."""
    top = tuple(m for m, _ in ranking.messages[:3])
    keeps_topic = intent in NO_TOPIC_INTENTS or not (messages.topic_in_text or follow_up or top)
    causes = tuple(c for c, _ in ranking.causes[:5]) if ranking.causes else state.causes
    return DialogueState(
        messages=state.messages if keeps_topic else top,
        causes=state.causes if intent == "not_understood" else causes,
        codes=tuple(codes) if codes else state.codes,
        host=entities.hosts[0] if entities.hosts else state.host,
        url=entities.urls[0] if entities.urls else (None if entities.hosts else state.url),
        port=entities.ports[0] if entities.ports else (None if entities.hosts else state.port),
        proxy=entities.proxy or state.proxy,
        proxy_url=entities.proxy_url or state.proxy_url,
        last_intent=intent if intent in TOPIC_INTENTS else state.last_intent,
        turns=state.turns + 1,
        confirmed_cause=state.confirmed_cause if follow_up else None,
        confirmed_by=state.confirmed_by,
    )


def _unknown(
    entities: Entities, kb: KnowledgeBase, index: RouterIndex, skip: frozenset[str]
) -> list[UnknownId]:
    unknown_messages = [m for m in entities.message_ids if m not in kb.messages and m not in skip]
    out: list[UnknownId] = []
    if unknown_messages:
        from assistant.intent.lookup import neighbour_ids  # rarely needed: not on every import

        out = [UnknownId(mid, "message", neighbour_ids(index, mid)) for mid in unknown_messages]
    for name in entities.unknown_codes:
        near = best_matches(name, index.code_names + index.constant_names, limit=8, cutoff=60)
        names = list(dict.fromkeys(_code_or_constant(index, n) for n, _ in near))
        out.append(UnknownId(name, "code", tuple(names[:3])))
    return out


def _code_or_constant(index: RouterIndex, name: str) -> str:
    return index.codes.get(name) or index.constants.get(name) or name


def _intent(
    normalized: str,
    n_words: int,
    entities: Entities,
    state: DialogueState,
    topic_in_text: bool,
    n_messages: int,
) -> str:
    explicit_topic = topic_in_text or bool(entities.numbers)
    chatty = not explicit_topic and not entities.hosts
    if chatty and n_words <= 6 and cues.GREETING.search(normalized):
        return "greeting"
    if chatty and n_words <= 10 and cues.THANKS.search(normalized):
        return "thanks"
    if chatty and cues.HELP.search(normalized):
        return "help"
    if cues.COMPARE.search(normalized) and n_messages >= 2:
        return "compare"
    if not entities.message_ids and not entities.codes and cues.LIST.search(normalized):
        return "list"
    wants_check = bool(
        cues.CHECK_REQUEST.search(normalized)
        or cues.CHECK_RUN.search(normalized)
        or cues.REACHABLE.search(normalized)
    )
    if wants_check and (
        entities.hosts or entities.urls or (state.host and (n_words <= 6 or cues.ANAPHORA.search(normalized)))
        or (n_words <= 3 and cues.ANAPHORA.search(normalized))
        or cues.CHECK_RUN.search(normalized)
    ):
        return "check"
    if cues.FIX.search(normalized):
        return "fix"
    if cues.CAUSES.search(normalized):
        return "causes"
    if cues.EXPLAIN.search(normalized):
        return "explain"
    if cues.CONTINUATION.search(normalized) and state.last_intent in ("explain", "causes", "fix"):
        return state.last_intent
    return "explain"


def _default_suggestions(kb: KnowledgeBase) -> list[str]:
    keys = [f"m:{mid}" for mid in POPULAR if mid in kb.messages]
    if len(keys) < 3:
        keys += [f"m:{mid}" for mid in sorted(kb.messages) if f"m:{mid}" not in keys]
    if not keys:
        keys = [f"c:{cid}" for cid in sorted(kb.causes)]
    return keys[:5]


def _suggestions(
    text: str, keyword: dict[str, float], kb: KnowledgeBase, index: RouterIndex
) -> list[str]:
    """The closest topics: keyword hits first, then fuzzy title matches, then popular ones."""
    keys: list[str] = [
        key for key, _ in sorted(keyword.items(), key=lambda kv: -kv[1]) if key[0] in "mcg"
    ][:3]
    query = " ".join(text.split())[:200]
    if query:
        for label, _ in best_matches(query, index.topic_labels, limit=5, cutoff=55):
            key = index.topic_labels[label]
            if key not in keys:
                keys.append(key)
    for key in _default_suggestions(kb):
        if len(keys) >= 5:
            break
        if key not in keys:
            keys.append(key)
    return keys[:5]


__all__ = ["DEFAULT_CLASS", "route"]
