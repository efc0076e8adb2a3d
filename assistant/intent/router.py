"""route(): text + dialogue state -> intent, scope, ranked causes and messages. A pure function.

A turn goes through named stages, each handing its decision to the next on a typed
record, and the decisions end up on `Routed`:

1. `parse_text` (parsing.py): entities, completed prefixes, corrected and weighed words;
   a reply to the question the last answer asked is read together with what it was about;
2. `message_evidence` (evidence.py): ids, constants, codes, numbers and their readings;
3. `cause_evidence_read` (evidence.py, resolvedcauses.py): signs, titles, codes, keywords, resolutions;
4. `_turn`: does the turn continue the current topic, or name a new problem?
5. `decide_scope` (scope.py): what kind of failure the text describes;
6. `rank` (ranking.py): causes first, messages from causes and their own evidence;
7. `decide_intent` (intents.py): what the user wants, unknown ids, domain questions;
8. confidence and the one question (confidence.py); `_next_state`.

Every weight is in weights.py (fitted by benchmarks/fit_router.py); nothing here knows a
particular message or test sentence.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace

from assistant.intent import callerpse
from assistant.intent.asks import asks_in_general, asks_of
from assistant.intent.caller import Caller, caller_of, carried_over
from assistant.intent.causeorder import causes_as_read
from assistant.intent.confidence import (
    LOW,
    QUESTIONS,
    Features,
    confidence,
    exact_text_kind,
    lead,
    question_kind,
)
from assistant.intent.dialogue import (
    Turn,
    names_a_client,
    read_turn,
    scope_of_the_turn,
    with_the_chosen_caller,
)
from assistant.intent.entities import DEFAULT_CLASS
from assistant.intent.evidence import (
    CauseEvidence,
    MessageEvidence,
    message_evidence,
    note_kind,
)
from assistant.intent.failedcall import names_a_symptom, reports_a_failed_call
from assistant.intent.fuzzy import normalize
from assistant.intent.howtoroute import in_the_domain
from assistant.intent.howtoterms import how_to_confidence
from assistant.intent.httpstatus import reason_phrases
from assistant.intent.importmemory import ImportMemory, import_memory
from assistant.intent.inconversation import read_in_conversation
from assistant.intent.intents import (
    UNDERSTOOD,
    IntentDecision,
    decide_intent,
    default_suggestions,
    understood_by_scope,
)
from assistant.intent.kbindex import RouterIndex, index_for, says_it_fails
from assistant.intent.layercauses import listed_causes
from assistant.intent.lead import Lead, decide_lead, lead_cause_first, lead_first, own_messages
from assistant.intent.nextstate import next_state
from assistant.intent.nofailure import NO_FAILURE_REASON
from assistant.intent.otherhost import imported_elsewhere
from assistant.intent.otherwording import other_wording
from assistant.intent.parsing import ParsedText, clean_text
from assistant.intent.places import places_asked
from assistant.intent.ranking import Ranking, rank
from assistant.intent.recall import topic_label, which_topic_question
from assistant.intent.resolvedcauses import cause_evidence_read, resolution_of
from assistant.intent.result import NumberReading, Routed, Scope, ScoredCause, ScoredMessage
from assistant.intent.ruledcues import evidence_cues
from assistant.intent.scope import CLASS_VALUE, OFF_TOPIC_REASON, SAP, decide_scope
from assistant.intent.scope import HTTP as HTTP_SCOPE
from assistant.intent.scope import TOOL_ERROR_REASON as OWN_ERROR
from assistant.intent.scopecues import find_cues
from assistant.intent.scopetally import trust_store_beside_an_answer
from assistant.intent.scopevocab import INDICATIVE
from assistant.intent.screenwords import screen_words
from assistant.intent.setaside import set_aside_messages
from assistant.intent.state import DialogueState
from assistant.intent.statedfacts import stated_as_typed, thought_as_typed
from assistant.intent.statedlimits import steps_said
from assistant.intent.subject import Subject, said_causes, subject_of, without_causes
from assistant.intent.weights import WEIGHTS, Weights
from assistant.intent.wordsonly import ask_when_only_words, words_only_question
from assistant.intent.wrapped import ask_for_the_wrapped_text
from assistant.kb.knowledge_base import KnowledgeBase

SHORT_REQUEST_WORDS = 6  # "check github.com please": a request, not a report


def _squash(raw: float) -> float:
    """Map raw evidence to 0..1 for display; monotone, so rankings are unchanged."""
    return round(1.0 - math.exp(-raw / 2.0), 3)


STATUS_CAUSE = "http_status_from_server"


def route(
    text: str, kb: KnowledgeBase, state: DialogueState | None = None, *, weights: Weights | None = None
) -> Routed:
    """Understand one user turn. Pure: same text, base, state and weights give the same result."""
    w = weights or WEIGHTS
    state = state or DialogueState()
    index = index_for(kb)
    raw_text = clean_text(text)
    if not raw_text.strip():
        return _empty_turn(state, kb)
    parsed, state, chosen, recalled = read_in_conversation(raw_text, state, kb, index)
    messages = message_evidence(parsed, kb, index, w)
    causes = cause_evidence_read(parsed, messages, state, kb, index, w)
    hits = with_the_chosen_caller((found := find_cues(parsed.raw)).hits, chosen)
    undamped = _undamped(parsed, messages, causes, state, kb, index, w)
    turn = read_turn(parsed, messages, undamped, state, index, hits)
    subject, imports = _subject_and_imports(parsed, undamped, state, kb, turn, messages)
    if turn.new_topic and not messages.topic_in_text:
        # A new problem: its evidence must not be damped by the old topic's causes.
        messages = messages._replace(scores=defaultdict(float, {m: s for m, s in messages.scores.items()}))
        causes = cause_evidence_read(parsed, _fresh(messages), DialogueState(), kb, index, w)
    if turn.follow_up:
        _lean_on_topic(state, messages, causes, kb, w)
    evidence = evidence_cues(hits, found, parsed.raw)
    scope = scope_of_the_turn(decide_scope(parsed, messages, causes, kb, w, evidence), turn, messages, state)
    if not _on_the_topics_causes(turn, messages, state):
        _scope_cause_leads(scope, causes, kb)  # a follow-up keeps the cause its topic's answer led with
    ranking = rank(messages, causes, kb, index, w, _not_lenders(scope, messages.readings, kb) | _topic_lent_already(turn, messages, state))
    decision, scope, ranking = in_the_domain(understood_by_scope(decide_intent(  # a how-to: its domain terms
        parsed, messages, ranking, turn.follow_up, state, kb, index, causes.keywords), scope), scope, ranking, parsed, kb, turn.outside, messages.quoted)
    general = asks_in_general(parsed, state)  # "do I need to restart the ICM?" with no topic: no message guessed
    bare = general or _topic_names_no_message(turn, messages, undamped, state, kb)  # no message to name
    shown = [] if bare else _messages_to_show(ranking, scope, decision, messages, parsed, kb)
    measured = shown  # measured on what was ranked: a message derived from the leading cause adds no certainty
    if turn.caller_corrected and scope.kind == SAP:
        # The correction brings no failure of its own: the carried-over causes' pulls rank
        # the catch-all messages that list them all; the SAP client reports the lead cause's.
        shown = _message_of_leading_cause(ranking, kb, index) or shown
    scored_causes = causes_as_read(_scored(ranking), subject, parsed, messages.readings, kb, scope, imports)
    lead = _lead(shown, scored_causes, parsed, messages, state, turn, kb, imports)
    shown = lead_first(shown, lead)  # the message the answer names is messages[0]
    scored_causes = lead_cause_first(scored_causes, lead)  # … and its best guess causes[0]
    # A follow-up about another client's call ("how do I fix it?") is still about that client.
    caller = carried_over(caller_of(evidence, parsed), state,
                          follow_up=turn.follow_up and not messages.topic_in_text, corrected=turn.caller_corrected)
    conf, question, features = _confidence(parsed, messages, ranking, measured, scope, decision, turn, w, caller, general)
    conf, question, asked = _asked(conf, question, lead, scored_causes, (parsed, decision, scope, turn), kb, features)
    codes = list(parsed.entities.codes) or (list(state.codes) if turn.follow_up else [])
    said = steps_said(raw_text, state, kb, on_the_topic=turn.follow_up and not messages.topic_in_text)  # "did that"
    return Routed(
        intent=decision.intent,
        messages=[ScoredMessage(m, _squash(s)) for m, s in shown],
        causes=scored_causes,
        ambiguity=messages.ambiguity, entities=parsed.entities,
        state=replace(state, turns=state.turns + 1) if recalled.candidates else next_state(  # asked which: kept
            state, parsed, messages, scored_causes[:5], shown, decision, turn, codes, scope, question, caller.another,
            caller.abap, _listed_ids(scored_causes, scope, messages, state, turn, kb), subject, said, imports),
        unknown_ids=decision.unknown,
        suggestions=decision.suggestions,
        codes=codes,
        glossary=[g for g in decision.glossary if not trust_store_beside_an_answer(g, parsed.raw, messages)],
        follow_up=turn.follow_up, http_statuses=messages.http_statuses,
        readings=messages.readings,
        resolved=parsed.resolved,
        demoted_ids=messages.demoted,
        topic_in_text=messages.topic_in_text,
        scope=scope,
        confidence=conf,
        question=which_topic_question(recalled.candidates, kb) or (QUESTIONS[question] if question else None),
        new_topic=turn.new_topic, domain=decision.domain, how_to=decision.how_to, place_word=decision.place_word,
        confidence_features=features,
        reports_problem=_reports_problem(parsed) or names_a_symptom(parsed.raw, messages.quoted),
        another_client=caller.another, abap_caller=caller.abap,
        screen_words=screen_words(parsed.raw), resolution=resolution_of(parsed.raw, kb, index, w), asks=asks_of(parsed),
        lead=lead, words_only=asked is not None, imported_elsewhere=imported_elsewhere(parsed.raw),
        subject=subject, places=places_asked(parsed, follow_up=turn.follow_up and not messages.topic_in_text, limits=said.limits),
        which_topic=tuple(topic_label(t, kb) for t in recalled.candidates),
        stated=stated_as_typed(parsed.raw, parsed.as_typed), thought=thought_as_typed(parsed.raw, parsed.as_typed),
        step_done=said.done, other_wording=other_wording(parsed, scored_causes, kb, index),
    )


def _listed_ids(causes: list[ScoredCause], scope: Scope, messages: MessageEvidence, state: DialogueState,
                turn: Turn, kb: KnowledgeBase) -> tuple[str, ...]:
    """The first five ranked causes the answer lists (layercauses.listed_causes): the topic's."""
    confirmed = state.confirmed_cause if turn.follow_up else None
    return tuple(c.id for c in listed_causes(causes[:5], scope.kind, messages.readings, kb, confirmed=confirmed))


def _subject_and_imports(parsed: ParsedText, undamped: CauseEvidence, state: DialogueState, kb: KnowledgeBase,
                         turn: Turn, messages: MessageEvidence) -> tuple[Subject | None, ImportMemory]:
    """What a follow-up names (intent.subject), without a cause the import rules out, and the import as
    the turn stands (importmemory: into the SSL client PSE the call is known to use — callerpse:
    "imported into ANONYM" for abapGit — said on this turn or earlier on the topic)."""
    subject = callerpse.setting_not_asked(subject_of(parsed, undamped, state, kb, follow_up=turn.follow_up
                                           and not messages.topic_in_text), parsed.raw)
    pse_in_use = callerpse.known_pse(parsed.raw) or (state.caller_pse if turn.follow_up else "")
    imports = import_memory(parsed.raw, pse_in_use, state, turn.follow_up, kb)
    return without_causes(subject, imports.ruled), imports


def _scored(ranking: Ranking) -> list[ScoredCause]:
    """The ranked causes, each with its squashed score and its kind of evidence; the answer
    reads them in intent.causeorder's order."""
    return [ScoredCause(c, _squash(s), ranking.evidence.get(c)) for c, s in ranking.causes]


def _empty_turn(state: DialogueState, kb: KnowledgeBase) -> Routed:
    """An empty turn: nothing understood, the topic kept, the suggestions offered."""
    return Routed(intent="not_understood", state=replace(state, turns=state.turns + 1),
                  suggestions=default_suggestions(kb), empty=True)


def _topic_lent_already(turn: Turn, messages: MessageEvidence, state: DialogueState) -> frozenset[str]:
    """In a follow-up, the topic's messages: they lent their cause order in the turn that
    set the topic, whose ranked causes (state.causes) carry it with what else that turn
    showed (a code, a proxy); lending again would put their usual order back on top."""
    return frozenset(state.messages) if _on_the_topics_causes(turn, messages, state) else frozenset()


def _on_the_topics_causes(turn: Turn, messages: MessageEvidence, state: DialogueState) -> bool:
    """A follow-up that names no topic of its own, after an answer that ranked causes: its
    causes lean on that answer's order (state.causes, the cause it led with first)."""
    return turn.follow_up and not messages.topic_in_text and bool(state.causes)


def _not_lenders(scope: Scope, readings: list[NumberReading], kb: KnowledgeBase) -> frozenset[str]:
    """Messages whose own cause order must not count, because the scope read what matched
    them as something else: every number the wording reads as a real HTTP status only shares
    its digits with a message (HTTP 404 is not SCLNT_HTTP404; intent.setaside) and, for a
    server's status, a message whose title is a status's reason phrase ("Service Unavailable"
    is 503's, not SCLNT_HTTP403's). A phrase that describes the phenomenon itself ("self signed
    certificate in certificate chain") still lends: its causes are knowledge about that
    phenomenon, whoever the client is."""
    excluded = set(set_aside_messages(scope, readings, kb))
    if scope.kind == HTTP_SCOPE:
        reasons = reason_phrases()
        excluded.update(mid for mid, m in kb.messages.items() if normalize(m.title).strip() in reasons)
    return frozenset(excluded)


def _scope_cause_leads(scope: Scope, causes: CauseEvidence, kb: KnowledgeBase) -> None:
    """A status the far server sent is itself the phenomenon the base's cause
    `http_status_from_server` describes: with that scope, it leads the causes (a 401's
    logon cause stays next to it), whatever the loose words of the text suggest."""
    if scope.kind == "http_status_from_server" and STATUS_CAUSE in kb.causes:
        top = max(causes.scores.values(), default=0.0)
        causes.scores[STATUS_CAUSE] = max(causes.scores[STATUS_CAUSE], top + 0.01)
        note_kind(causes.kinds, STATUS_CAUSE, "scope")


def confidence_features(routed: Routed) -> list[float] | None:
    """The features the confidence was computed from (None when it was fixed by the
    intent: greetings, lists …) — what benchmarks/fit_router.py calibrates on."""
    return list(routed.confidence_features) if routed.confidence_features else None


def _fresh(messages: MessageEvidence) -> MessageEvidence:
    """A copy whose scores a second evidence pass may add to without touching the first."""
    return messages._replace(scores=defaultdict(float, messages.scores))


def _undamped(
    parsed: ParsedText,
    messages: MessageEvidence,
    causes: CauseEvidence,
    state: DialogueState,
    kb: KnowledgeBase,
    index: RouterIndex,
    w: Weights,
) -> CauseEvidence:
    """The turn's cause evidence as if there were no topic: what decides whether it names
    a new problem (the topic's own damping would hide exactly that)."""
    if messages.topic_in_text or not state.has_topic:
        return causes
    return cause_evidence_read(parsed, _fresh(messages), DialogueState(), kb, index, w)


def _lean_on_topic(
    state: DialogueState, messages: MessageEvidence, causes: CauseEvidence, kb: KnowledgeBase, w: Weights
) -> None:
    """A follow-up: the topic's messages count, and its own words weigh more against the
    topic's usual cause order; a cause a live check found leads, whatever that order."""
    for position, mid in enumerate(state.messages):
        if mid in kb.messages:
            messages.scores[mid] += w.state / (1 + position)
    for cause_id in causes.scores:
        causes.scores[cause_id] *= w.follow_up_focus
    for position, cause_id in enumerate(state.causes[:3]):
        if cause_id in kb.causes:
            # The last answer's causes, in its order: what the first turn showed (a code, a
            # sign) still counts, not only the topic message's usual cause order.
            causes.add(cause_id, w.state / (2 + position), "topic")
    if state.confirmed_cause in kb.causes:
        causes.add(state.confirmed_cause, w.confirmed, "confirmed")


# Causes of a call that did not get through (where a proxy in the way is the deciding question).
NETWORK_PATH_CAUSES = frozenset({
    "proxy_required", "connect_timeout", "connection_refused", "dns_failure", "firewall_blocking", "connection_broken",
})


def _asked(conf: float, question: str | None, lead: Lead, causes: list[ScoredCause],
           turn_read: tuple[ParsedText, IntentDecision, Scope, Turn], kb: KnowledgeBase,
           features: tuple[float, ...]) -> tuple[float, str | None, str | None]:
    """The confidence and question after the two rules that ask whatever the calibration
    says: only a wrapping code named (intent.wrapped), only shared words (intent.wordsonly);
    and the latter's question (None when it does not apply)."""
    parsed, decision, scope, turn = turn_read
    conf, question = ask_for_the_wrapped_text(conf, question, lead, causes, parsed.entities, kb)
    asked = _words_only(parsed, decision, scope, causes, turn, kb) if features else None
    conf, question = ask_when_only_words(conf, question, asked)
    return conf, question, asked


def _words_only(parsed: ParsedText, decision: IntentDecision, scope: Scope, causes: list[ScoredCause], turn: Turn,
                kb: KnowledgeBase) -> str | None:
    """The question to ask when a failure to diagnose (not a how-to, a term or a domain
    question) has causes that only share words with it (intent.wordsonly); else None."""
    if scope.reason == NO_FAILURE_REASON or not _reports_problem(parsed):
        return None
    return words_only_question(decision.intent, scope.kind, causes, parsed.entities, parsed.raw, kb,
                               follow_up=turn.follow_up, proxy_decides=_proxy_decides(causes, parsed))


def _proxy_decides(causes: list[ScoredCause], parsed: ParsedText) -> bool:
    """Whether a proxy in the way is the deciding question: the best guesses are failures of
    the network path, a missing proxy among them, and the text names no proxy."""
    top = [c.id for c in causes[:3]]
    return bool(top) and top[0] in NETWORK_PATH_CAUSES and "proxy_required" in top and not parsed.entities.proxy


def _messages_to_show(
    ranking: Ranking,
    scope: Scope,
    decision: IntentDecision,
    messages: MessageEvidence,
    parsed: ParsedText,
    kb: KnowledgeBase,
) -> list[tuple[str, float]]:
    """Only the SAP HTTP client's scope leads with an SCLNT_HTTP message (another class,
    from the user's own T100, is shown whatever the scope); an id the base does not know
    is never answered as another message."""
    if decision.domain or decision.about_terms or decision.how_to:
        return []
    named_unknown = [u for u in decision.unknown if u.kind == "message"]
    named_known = [m for m in parsed.entities.message_ids if m in kb.messages and m not in messages.demoted]
    if named_unknown and not named_known:
        return []
    if scope.kind == SAP or (scope.kind == "unknown" and named_known):
        return ranking.messages
    return [(m, s) for m, s in ranking.messages if not m.startswith(DEFAULT_CLASS)]


def _message_of_leading_cause(ranking: Ranking, kb: KnowledgeBase, index: RouterIndex) -> list[tuple[str, float]]:
    """The message the leading cause points to (the one that lists it first), for a turn
    that made another client's topic the SAP client's ("no — our ABAP report calls it"):
    the carried-over causes are too weak to pull a message over the ranking's threshold,
    yet the SAP client reports the leading one as a message (a refused connection as
    SCLNT_HTTP411). Its score is the cause's own, so the confidence stays as weak as the
    evidence. When two messages list it first, the one with fewer causes is the one the SAP
    client reports for it (an untrusted chain: SCLNT_HTTP421, not the catch-all SSL error
    407 that lists every handshake failure)."""
    if not ranking.causes:
        return []
    cause, score = ranking.causes[0]
    links = sorted((rank, len(index.causes_of_message.get(mid, ())), mid)
                   for mid, rank in index.messages_of_cause.get(cause, ()) if mid in kb.messages)
    return [(links[0][2], score)] if links else []


def _topic_names_no_message(turn: Turn, messages: MessageEvidence, own: CauseEvidence, state: DialogueState,
                            kb: KnowledgeBase) -> bool:
    """A follow-up on an SAP-client topic that named no message — a how-to or a term's
    question (no failure reported), a wrapping code alone, "no error named yet" — names none
    either, unless it names one or points to a cause by its own words ("and what if the proxy
    needs a user?" → 416): "do I need to restart the ICM?" after "how do I import a root CA
    into STRUST?" is no SCLNT_HTTP407 the user never had. `own`: the turn's evidence alone."""
    return (turn.follow_up and not state.messages and state.scope == SAP and not messages.topic_in_text
            and not said_causes(own, kb))


def _lead(shown: list[tuple[str, float]], causes: list[ScoredCause], parsed: ParsedText, messages: MessageEvidence,
          state: DialogueState, turn: Turn, kb: KnowledgeBase, imports: ImportMemory) -> Lead:
    """What the answer is about and the message it names (intent.lead), decided here once so that the
    answer and `messages[0]` cannot disagree; causes whose fix the topic says was done, or that the
    import into the caller's own PSE ruled out (importmemory), head it no more."""
    return decide_lead(
        [m for m, _ in shown], causes, parsed.entities, messages.readings, demoted=messages.demoted,
        follow_up=turn.follow_up, confirmed=state.confirmed_cause if turn.follow_up else None, kb=kb,
        own=own_messages(messages.quoted, parsed.raw, parsed.entities), settled=imports.settled)


def _reports_problem(parsed: ParsedText) -> bool:
    """The text says something failed ("SM59 test fails", "error", "does not work"),
    whatever else it names."""
    return says_it_fails(parsed.stems, parsed.normalized)


def _describes_problem(parsed: ParsedText, messages: MessageEvidence, ranking: Ranking) -> bool:
    """The text reports a failure (a message, a code, or a sentence with evidence), not
    only a host to check or two ids to compare."""
    entities = parsed.entities
    if messages.topic_in_text or entities.codes or entities.numbers:
        return True
    return ranking.strength >= UNDERSTOOD and parsed.n_words > SHORT_REQUEST_WORDS


def _confidence(
    parsed: ParsedText,
    messages: MessageEvidence,
    ranking: Ranking,
    shown: list[tuple[str, float]],
    scope: Scope,
    decision: IntentDecision,
    turn: Turn,
    w: Weights,
    caller: Caller,
    general: bool = False,
) -> tuple[float, str | None, tuple[float, ...]]:
    """How sure the answer is (calibrated), the question to ask when it is not, and the
    features it was computed from. `caller`: who made the call; with the names the text
    gives (dialogue.names_a_client), whether it names a non-ABAP program that makes it,
    so the question does not ask which (confidence.question_kind). `general`: a restart question
    with no topic (intent.asks), which the base's general rule answers: nothing to ask."""
    if general:
        return 1.0, None, ()
    if decision.intent in ("greeting", "thanks", "help", "list") or decision.domain:
        return 1.0, None, ()
    if decision.how_to:
        return how_to_confidence(decision.how_to_share), None, ()  # steps asked for: no error text to ask for
    no_failure = scope.reason in (NO_FAILURE_REASON, OWN_ERROR)  # a how-to, a tool's own error: nothing to ask
    if decision.intent in ("check", "compare") and not _describes_problem(parsed, messages, ranking):
        return 1.0, None, ()  # "check github.com": the answer is the check itself
    # A check or comparison asked for within a report is still an answer about the
    # report: how sure it is depends on the same evidence as any other.
    if decision.intent == "not_understood":
        # "ORA-12541: TNS:no listener", "how do I bake bread": asking for SM59's text first
        # would presume an SAP HTTP-client failure the text never spoke of.
        off_topic = scope.reason == OFF_TOPIC_REASON
        return 0.0, None if no_failure else "off_topic" if off_topic else exact_text_kind(scope.kind), ()
    scores = [s for _, s in shown] or [s for _, s in ranking.causes]
    first, second = ([*scores, 0.0, 0.0])[:2]
    entities = parsed.entities
    written_out = {m.message_id for m in entities.numbers if m.context in ("explicit", "icm", "icm_http_error")}
    written_out |= {mid for mid in entities.message_ids if not any(n.message_id == mid for n in entities.numbers)}
    named = bool(shown) and shown[0][0] in written_out  # an id or constant, not a bare number
    unclear = any(not r.decided for r in messages.readings)
    sap = scope.kind == SAP
    features = Features(
        evidence=scope.strength,
        scope_lead=lead(scope.top, scope.top - scope.margin),
        rival=scope.rival,
        named=1.0 if (named if sap else scope.strength >= 1.0) else 0.0,
        message_lead=lead(first, second) if sap else 0.0,
        unclear=1.0 if unclear else 0.0,
        unknown=1.0 if scope.kind == "unknown" else 0.0,
    )
    conf = confidence(features, w)
    copied_only = bool(shown) and shown[0][0] == messages.copied_title
    specific = bool(entities.message_ids or entities.icm_constants or entities.codes)
    guessed = (sap and (bool(shown) or _reports_problem(parsed)) and not turn.follow_up and not specific
               and scope.strength < CLASS_VALUE[INDICATIVE])
    if turn.unsure or (unclear and not named) or copied_only or guessed:
        # Two readings the wording does not decide, maybe the same topic, only a short
        # text that many failures share ("SSL error"), or an SAP-client message guessed
        # from words alone, with nothing specific of the SAP client ("SM59 test fails"):
        # ask. (On the dev reports such guesses were right in 5 of 8, the rest in 87 %.)
        conf = min(conf, LOW - 0.01)
    # A term asked about ("ICM", "what is STRUST?") is no failure to ask about, whatever the
    # calibration makes of an unknown scope.
    term_only = bool(decision.glossary) and not _reports_problem(parsed) and not shown
    if term_only or no_failure or (conf >= LOW and scope.kind != "unknown"):
        return conf, None, tuple(features)
    # Whether a proxy is in the way decides only a failure of the network path itself.
    proxy_open = ({c for c, _ in ranking.causes[:3]} >= {"proxy_required"} and not parsed.entities.proxy
                  and bool(ranking.causes) and ranking.causes[0][0] in NETWORK_PATH_CAUSES)
    kind = question_kind(
        unclear_number=unclear, scope_kind=scope.kind, has_message=bool(shown),
        proxy_vs_direct=proxy_open, shifted=turn.unsure, off_topic=scope.reason == OFF_TOPIC_REASON,
        names_client=caller.another or names_a_client(parsed.raw), reports_call=reports_a_failed_call(parsed.raw),
    )
    return conf, kind, tuple(features)


__all__ = ["DEFAULT_CLASS", "route"]
