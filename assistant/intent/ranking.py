"""Stage 5 of the router: causes first, messages from causes.

Evidence scores the causes; a message is ranked by its own explicit evidence (its id, its
ICM constant, its codes, its title) plus the causes in evidence that lead to it, through
the base's cause → message links. Each cause hands out one unit of pull, shared among the
messages that list it (more to those that list it early), so a message that lists many
causes gets no pull for that alone: there is no generic prior for SCLNT_HTTP400 or any
other message. A message the text names lends its own cause order to the causes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple

from assistant.intent.evidence import CauseEvidence, MessageEvidence, note_kind
from assistant.intent.kbindex import RouterIndex
from assistant.intent.result import EVIDENCE_ORDER, EvidenceKind
from assistant.intent.weights import Weights
from assistant.kb.knowledge_base import KnowledgeBase

MAX_MESSAGES = 8
MAX_CAUSES = 10
CAUSE_HALF = 2.0  # cause evidence at which its pull on messages reaches one half
QUOTED_SHARE = 0.5  # a message known only by its quoted short text lends half its cause order
EXPLICIT_MIN = 0.5  # a message's own evidence (before causes and keywords) that counts as named


class Ranking(NamedTuple):
    """Messages and causes in order, with their raw evidence."""

    messages: list[tuple[str, float]]
    causes: list[tuple[str, float]]
    strength: float  # the strongest single piece of evidence
    evidence: dict[str, EvidenceKind] = {}  # per ranked cause: the strongest kind that scored it


def rank(
    messages: MessageEvidence,
    causes: CauseEvidence,
    kb: KnowledgeBase,
    index: RouterIndex,
    w: Weights,
    not_lenders: frozenset[str] = frozenset(),
) -> Ranking:
    """Messages and causes in order. `not_lenders`: messages whose own cause order must
    not count (the text only seemed to name them; see router._not_lenders)."""
    msg = defaultdict(float, messages.scores)
    # What the text says of a message itself: its id, constant, codes, title.
    # A quoted short text ("fails with SSL error") is weak evidence for the message, yet
    # the message's own cause order is what the base knows of that phenomenon: it lends.
    explicit = frozenset(
        mid for mid, score in messages.scores.items()
        if (score >= EXPLICIT_MIN or mid in messages.quoted) and mid not in not_lenders
        and not _met_by_one_title_word_only(mid, score, messages)
    )
    for key, score in causes.keywords.items():
        if key.startswith("m:"):
            msg[key[2:]] += w.keyword_message * score
    for mid, pull in _pull_of_causes(causes.scores, kb, index, w).items():
        msg[mid] += pull
    ranked = sorted(((mid, s) for mid, s in msg.items() if mid in kb.messages and s > 0), key=lambda x: (-x[1], x[0]))
    top_raw = ranked[0][1] if ranked else 0.0
    ranked = [(m, s) for m, s in ranked if s >= max(0.3, 0.3 * top_raw)][:MAX_MESSAGES]
    total = defaultdict(float, causes.scores)
    kinds = dict(causes.kinds)
    weak = frozenset(mid for mid in explicit if messages.scores.get(mid, 0.0) < EXPLICIT_MIN)
    for cause_id, value in _cause_prior(ranked, top_raw, explicit, weak, kb, index, w).items():
        total[cause_id] += value
        note_kind(kinds, cause_id, "message")
    ranked_causes = sorted(total.items(), key=_cause_order(ranked, index))
    top_cause = ranked_causes[0][1] if ranked_causes else 0.0
    ranked_causes = [(c, s) for c, s in ranked_causes if s >= max(0.25, 0.15 * top_cause)][:MAX_CAUSES]
    evidence = {c: EVIDENCE_ORDER[kinds[c]] for c, _ in ranked_causes if c in kinds}
    return Ranking(ranked, ranked_causes, max([top_raw, *causes.scores.values(), 0.0]), evidence)


def _met_by_one_title_word_only(mid: str, score: float, messages: MessageEvidence) -> bool:
    """The text meets the message only by one word of its title ("timeout: 5000" in a 401's
    request dump meets "Timeout error"; "timeout constants" in a build log): a word many texts
    have, not the message named — its own cause order says nothing of this text. Anything else
    for it (its id, constant, code, quoted short text, the topic) makes it a lender again."""
    lone = (messages.lone_titles or {}).get(mid)
    return lone is not None and score <= lone + 1e-9


def _cause_order(ranked: list[tuple[str, float]], index: RouterIndex) -> Callable[[tuple[str, float]], tuple]:
    """Causes by score; an exact tie (two signs of the same weight: "verification of the
    server's certificate chain failed" is a sign of the untrusted chain and of the missing
    intermediate) goes to the cause the leading message lists first — the base's order for
    that phenomenon — not to the alphabet."""
    listed = index.causes_of_message.get(ranked[0][0], ()) if ranked else ()
    place = {cause_id: n for n, cause_id in enumerate(listed)}
    return lambda item: (-round(item[1], 9), place.get(item[0], len(place)), item[0])


def _pull_of_causes(
    scores: dict[str, float], kb: KnowledgeBase, index: RouterIndex, w: Weights
) -> dict[str, float]:
    """Per message, the pull of the causes in evidence: each cause's share of all cause
    evidence, times how sure the evidence is, shared among the messages that list it."""
    evidence = {c: s for c, s in scores.items() if s > 0}
    total = sum(evidence.values())
    if not total:
        return {}
    sure = max(evidence.values()) / (max(evidence.values()) + CAUSE_HALF)
    pull: dict[str, float] = defaultdict(float)
    decay, messages_of_cause, known = w.link_decay, index.messages_of_cause, kb.messages
    for cause_id, score in evidence.items():
        links = [(mid, decay**rank) for mid, rank in messages_of_cause.get(cause_id, ()) if mid in known]
        spread = sum([weight for _, weight in links])
        if not spread:
            continue
        share = score / total
        pulled = w.from_causes * sure * share  # (evaluated left to right, as before)
        for mid, weight in links:
            pull[mid] += pulled * weight / spread
    return pull


def _cause_prior(
    ranked: list[tuple[str, float]],
    top_raw: float,
    explicit: frozenset[str],
    quoted_only: frozenset[str],
    kb: KnowledgeBase,
    index: RouterIndex,
    w: Weights,
) -> dict[str, float]:
    """The own cause order of the messages the text names. Several messages listing a
    cause first are one piece of knowledge, not several: the best prior counts, they do
    not add up. A message ranked only through causes lends none (that would be circular)."""
    prior: dict[str, float] = defaultdict(float)
    for mid, score in ranked[:3]:
        share = score / top_raw if top_raw else 0.0
        if share < 0.5 or mid not in explicit:
            continue
        for rank, cause_id in enumerate(index.causes_of_message.get(mid, ())):
            if cause_id in kb.causes:
                lent = w.prior * share / (1 + rank) * (QUOTED_SHARE if mid in quoted_only else 1.0)
                prior[cause_id] = max(prior[cause_id], lent)
    return prior
