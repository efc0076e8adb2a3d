"""What an answer is about, decided once: the entry that heads it and the SCLNT_HTTP
message it names.

The router decides it (`Routed.lead`) and puts that message first in `Routed.messages`;
the answer builder reads it instead of choosing again. Before, the answer picked its
message itself (the first ranked message listing the most likely cause) while
`messages[0]` was the best-ranked message overall, so `ask --json` and the plain answer
could name two different messages for one question.

The order, as the answer has always read a turn: a message the text names; the message a
number's reading leads to (HTTP 407 from a proxy -> SCLNT_HTTP416); a code the text names;
a cause written out; the cause a number's reading leads to; else the best-ranked message —
unless it does not list the most likely cause (met by wording only, it would head an
answer whose likely cause it does not report): then a close runner-up among the first
three causes that it does list heads the answer, with that message named (the message's
rank sums all the evidence); failing that, the most likely cause heads the answer and the
message named is the best-ranked one that lists it, the one SAP reports for that cause
through the base's cause -> message links. The cause heading the answer is `causes[0]`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from assistant.intent.clearevidence import shows_the_cause, wrapping_code
from assistant.intent.entitytypes import Entities
from assistant.intent.importdone import named_by_the_import
from assistant.intent.proxies import names_the_proxy_host, proxy_links_first
from assistant.intent.result import NumberReading, ScoredCause

if TYPE_CHECKING:
    from assistant.intent.result import Routed
    from assistant.kb.knowledge_base import KnowledgeBase

LeadKind = Literal["message", "code", "cause", "none"]
DECIDED_LEANS = ("http", "icm_page")
LEAD_CANDIDATES = 3  # the causes close enough to the first to head an answer (as "a right cause in the top 3")
# … and how close: at least this share of the first one's score. Set by hand from the dev and
# authored turns where the two disagreed: the five where the agreeing cause was right or as
# likely were at 0.79–0.98; an authored "intermittent" report (the broken connection at 0.74,
# the timeout at 0.48, share 0.65) must keep its broken connection.
CLOSE_RUNNER_UP = 0.75  # readings that lead to a message or cause of their own


class OwnMessages(NamedTuple):
    """What the text says of the messages itself, beside a code: the messages whose short text
    it quotes, and whether the host a code is about is the proxy's (intent.proxies)."""

    quoted: frozenset[str] = frozenset()
    proxy_host: bool = False


def own_messages(quoted: frozenset[str], raw: str, entities: Entities) -> OwnMessages:
    """What the text says of messages itself beside a code (see OwnMessages)."""
    return OwnMessages(quoted, bool(entities.codes) and names_the_proxy_host(raw, entities.hosts, entities.proxy_url))


@dataclass(frozen=True, slots=True)
class Lead:
    """`kind`/`entry`: the entry that heads the answer; `message`: the SCLNT_HTTP message
    the answer names (the entry itself, or what SAP reports for the leading cause), None
    when it names none. The router puts `message` first in `Routed.messages`."""

    kind: LeadKind = "none"
    entry: str | None = None
    message: str | None = None


def evidence_first(causes: Sequence[ScoredCause]) -> list[ScoredCause]:
    """The causes in the router's order, except that those the text shows (a code, a sign,
    a title, a status, the named message's own order …) come before those met only by
    words it shares with a cause's long explanation: a keyword-only cause is listed, but
    never the lead cause (its line, its next step, its fix) while a cause with real
    evidence is there (only the first such cause moves up: the rest keep their order)."""
    if not any(c.keyword_only for c in causes[:1]):
        return list(causes)
    # Only the lead moves: the rest keep the router's order (a cause the admin denied stays last).
    at = next((i for i, c in enumerate(causes) if not c.keyword_only), None)
    return list(causes) if at is None else [causes[at], *causes[:at], *causes[at + 1:]]


def leading_cause(causes: Sequence[ScoredCause], confirmed: str | None, kb: KnowledgeBase) -> str | None:
    """The most likely cause as the answer states it: one a live check or trace confirmed,
    else the first with evidence of its own (evidence_first)."""
    if confirmed and confirmed in kb.causes and any(c.id == confirmed for c in causes):
        return confirmed
    return next((c.id for c in evidence_first(causes) if c.id in kb.causes), None)


def decide_lead(
    messages: Sequence[str],
    causes: Sequence[ScoredCause],
    entities: Entities,
    readings: Sequence[NumberReading],
    *,
    demoted: frozenset[str],
    follow_up: bool,
    confirmed: str | None,
    kb: KnowledgeBase,
    own: OwnMessages | None = None,
    settled: frozenset[str] = frozenset(),
) -> Lead:
    """What the answer is about and which message it names (see the module's docstring).
    `messages`: the ranked messages to show, best first; `own`: what the text says of messages
    itself (None for a `Routed` built by hand: a code names no message then); `settled`: the
    causes the import said done on the topic settles (intent.importmemory: what an import
    fixes, and what the import into the caller's own PSE ruled out) — none of them heads the
    answer. One set, not a set and a flag beside it: the two had disagreed for an import said
    only by where it went ("imported it into ANONYM": a flag raised, nothing settled)."""
    named = [m for m in entities.message_ids if m in kb.messages and m not in demoted]
    if named:
        return _message(next((m for m in messages if m in named), named[0]))
    for r in readings:
        if r.lean in DECIDED_LEANS and r.message and r.message in kb.messages:
            return _message(r.message)
    if entities.codes and not follow_up:
        # A real error code (SSSLERR_*, NIE*) says more than a trace line's state text, and
        # more than a code that wraps any failure (http_communication_failure, which the
        # reply to "what is the exact error text?" brings back beside the text it asked for).
        codes = sorted(entities.codes, key=lambda c: _says_less(c, kb))
        told = None if own is None else _message_the_cause_points_to(codes[0], messages, causes, entities, own, kb)
        return Lead("code", codes[0], told)
    if entities.causes:
        return Lead("cause", entities.causes[0])  # written out: no message is guessed for it
    for r in readings:
        if r.lean in DECIDED_LEANS and r.cause and r.cause in kb.causes:
            return _cause(r.cause, messages, kb)
    top = leading_cause(causes, confirmed, kb)
    if messages:
        best = messages[0]
        if top is not None and top not in kb.messages[best].causes and settled & set(kb.messages[best].causes) \
                and (follow_up or named_by_the_import(top, kb)):
            # The fix of the message's causes was done ("imported the root CA"), on the topic or
            # in a first turn whose lead is a cause the statement itself signs (importdone): the
            # message still names what failed, and the first cause in the answer's own order —
            # what an import leaves — says why; none of its list is lifted over that, so lead
            # and list come from one order.
            return _message(best)
        if top is not None and top not in kb.messages[best].causes and not follow_up:
            agreeing = _cause_of_the_best_message(best, causes, kb, settled) if top != confirmed else None
            return Lead("cause", agreeing, best) if agreeing else _cause(top, messages, kb)
        if top is not None and top not in kb.messages[best].causes and top != confirmed:
            # A follow-up that moved the message ("and if the proxy needs a user?" → 416) is
            # about a cause that message lists, not the old topic's lead it does not — nor a cause
            # the import said done settles (a cause the import fixes is not handed back).
            listed = next((c.id for c in evidence_first(causes)[:LEAD_CANDIDATES]
                           if c.id in kb.messages[best].causes and c.id not in settled), None)
            if listed is not None:
                return Lead("cause", listed, best)
        return _message(best)
    first = next((c.id for c in evidence_first(causes) if c.id in kb.causes), None)
    return _cause(first, messages, kb) if first is not None else Lead()


def _says_less(code: str, kb: KnowledgeBase) -> tuple[bool, bool]:
    """Sort key of named codes, the most telling first: a code the base does not know or that
    wraps any failure (intent.clearevidence: it names no message) last,
    a trace line's state text after a real error code."""
    known = kb.codes.get(code)
    if known is None:
        return True, True
    return wrapping_code(code, kb), known.layer == "ICM trace"


def _cause_of_the_best_message(best: str, causes: Sequence[ScoredCause], kb: KnowledgeBase,
                               settled: frozenset[str] = frozenset()) -> str | None:
    """Among the few most likely causes (with evidence of their own), the first that the
    best-ranked message lists. The message's rank sums all the evidence (every cause's pull,
    its own words), the single first cause does not: when a close runner-up agrees with that
    sum, it heads the answer and the best-ranked message stays the one named. On the dev
    reports where the two disagreed, the best-ranked message was the right one each time.
    A cause whose fix the text says was done (`settled`) is no such runner-up."""
    listed = kb.messages[best].causes
    candidates = evidence_first(causes)[:LEAD_CANDIDATES]
    if not candidates:
        return None
    close = CLOSE_RUNNER_UP * candidates[0].score
    # A cause met only by the base's ordinary words (evidence "family": "certificate",
    # "PSE") is no runner-up beside a first cause the text shows: "Certificate not exist in
    # PSE" is the PSE missing, not "certificate not trusted" by the words every cause has.
    ordinary_ok = candidates[0].keyword_only
    return next((c.id for c in candidates if c.id in listed and c.id in kb.causes and c.score >= close
                 and (ordinary_ok or c.evidence != "family") and c.id not in settled), None)


def _message_the_cause_points_to(code_id: str, messages: Sequence[str], causes: Sequence[ScoredCause],
                                 entities: Entities, own: OwnMessages, kb: KnowledgeBase) -> str | None:
    """For a code the text names with no message of its own (no id, ICM constant or quoted
    short text): the message the first cause points to, when the text shows that cause
    itself (intent.clearevidence). Among the ranked messages that list it, the first the code
    lists — the message it usually surfaces as (SSSLERR_PEER_CERT_UNTRUSTED: 421, then 407;
    SSSLRC_CONN_CLOSED: 407), the proxy's first when the code is about the proxy's host or
    the cause about the proxy (NIECONN_REFUSED: 412); for a wrapping code, whose list has no
    order, the one listing the cause earliest, then the one with fewer causes (an untrusted
    chain: 421, not the catch-all 407). None keeps the ranking's best."""
    first = next(iter(evidence_first(causes)), None)
    if first is None or entities.icm_constants or own.quoted & set(messages) or not shows_the_cause(first, entities, kb):
        return None
    listing = [m for m in messages if first.id in kb.messages[m].causes]
    seen_with = [] if wrapping_code(code_id, kb) else [m for m in kb.codes[code_id].messages if m in listing]
    if own.proxy_host or kb.causes[first.id].title.lower().startswith("proxy"):
        seen_with = proxy_links_first(seen_with, lambda m: _about_the_proxy(m, kb))
    if seen_with:
        return seen_with[0]
    ranked = [(kb.messages[m].causes.index(first.id), len(kb.messages[m].causes), i, m) for i, m in enumerate(listing)]
    return min(ranked)[-1] if ranked else None


def _about_the_proxy(mid: str, kb: KnowledgeBase) -> bool:
    """A message about the proxy itself: its ICM constant says so (as intent.evidence reads it)."""
    return "PROXY" in (kb.messages[mid].icm_constant or "")


def _message(mid: str) -> Lead:
    return Lead("message", mid, mid)


def _cause(cause: str, messages: Sequence[str], kb: KnowledgeBase) -> Lead:
    """A cause heads the answer; the message named is the best-ranked one that lists it."""
    reported = next((m for m in messages if cause in kb.messages[m].causes), None)
    return Lead("cause", cause, reported)


def lead_first(shown: list[tuple[str, float]], lead: Lead) -> list[tuple[str, float]]:
    """The ranked messages with the one the answer names first (the rest keep their order).
    Moved up by the decision, it shows at least the score of the one it passed: a reader of
    `ask --json` sees the list in score order, as the first one is the answer's."""
    at = next((i for i, (mid, _) in enumerate(shown) if mid == lead.message), 0)
    if at == 0:
        return shown
    lifted = (shown[at][0], max(shown[at][1], shown[0][1]))
    return [lifted, *shown[:at], *shown[at + 1:]]


def lead_cause_first(causes: list[ScoredCause], lead: Lead) -> list[ScoredCause]:
    """The causes with the one heading the answer first (the rest keep their order), so
    `causes[0]` is the answer's best guess, as `messages[0]` is the message it names."""
    at = next((i for i, c in enumerate(causes) if lead.kind == "cause" and c.id == lead.entry), 0)
    return causes if at == 0 else [causes[at], *causes[:at], *causes[at + 1:]]


def lead_of(routed: Routed, kb: KnowledgeBase) -> Lead:
    """The router's decision; for a `Routed` built by hand (a trace's turn, a test) the
    same decision made from its fields."""
    if routed.lead is not None:
        return routed.lead
    return decide_lead(
        [m.id for m in routed.messages if m.id in kb.messages], routed.causes, routed.entities, routed.readings,
        demoted=routed.demoted_ids, follow_up=routed.follow_up, confirmed=routed.state.confirmed_cause, kb=kb,
    )
