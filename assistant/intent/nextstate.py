"""Stage 8 of the router: the dialogue state the next turn starts from — what the turn
keeps of the topic (its message, causes, codes, statuses, who made the call) and what it
replaces, forgets (another problem's endpoint) or waits for (a question asked)."""

from __future__ import annotations

from assistant.intent.actrequests import asks_to_act
from assistant.intent.asks import asks_in_general
from assistant.intent.callerpse import known_pse
from assistant.intent.carriedsubject import names_a_subject
from assistant.intent.dialogue import (
    Turn,
    asks_a_question,
    asks_whether_it_is,
    says_another_problem,
)
from assistant.intent.evidence import MessageEvidence
from assistant.intent.importmemory import ImportMemory, kept_import_done, kept_ruled
from assistant.intent.intents import IntentDecision
from assistant.intent.nofailure import NO_FAILURE_REASON
from assistant.intent.parsing import ParsedText
from assistant.intent.pronouns import SAID_CHARS
from assistant.intent.recall import with_the_earlier_topics
from assistant.intent.result import Scope, ScoredCause
from assistant.intent.scope import OFF_TOPIC_REASON, TOOL_ERROR_REASON
from assistant.intent.scopecues import find_cues
from assistant.intent.state import DialogueState
from assistant.intent.statedcauses import causes_stated, says_no_proxy
from assistant.intent.statedfacts import StatedFact, stated_facts
from assistant.intent.statedlimits import NOTHING_SAID, StepsSaid, kept_limits
from assistant.intent.statedmemory import kept_statements
from assistant.intent.subject import Subject
from assistant.redact import mask_said

PENDING_TEXT_CHARS = 4000  # what is kept of a text a question was asked about
NO_TOPIC_INTENTS = ("not_understood", "greeting", "thanks", "help", "list")
TOPIC_INTENTS = ("explain", "causes", "fix", "check", "compare")  # remembered as last_intent
# The kinds of evidence that are the text's own pointer to a cause (result.EVIDENCE_ORDER).
OWN_EVIDENCE = frozenset({"confirmed", "literal", "http", "sign", "stated", "title"})  # a proxy named: state.proxy
SHARED_EVIDENCE = frozenset({"code"})  # a code most often lists several causes: it fits each, proves none
EVIDENCED_CAUSES = 8  # at most this many kept per topic


def _pending_text(parsed: ParsedText, question: str | None, scope: Scope) -> str:
    """The text a question asked is about (masked), kept for reading its reply; for the tool's
    own error, which asks nothing, the error its answer quotes (answers.toolerror)."""
    if (question and question != "same_topic") or scope.reason == TOOL_ERROR_REASON:
        return mask_said(parsed.raw[-PENDING_TEXT_CHARS:])
    return ""


def _tool_error_aside(scope: Scope, state: DialogueState, turn: Turn) -> bool:
    """A tool's own error said mid-topic, no follow-up: it replaces no topic, as a question
    outside the domain does not (dialogue.is_a_short_tool_error)."""
    return scope.reason == TOOL_ERROR_REASON and state.has_topic and not turn.follow_up


def next_state(
    state: DialogueState,
    parsed: ParsedText,
    messages: MessageEvidence,
    ranked: list[ScoredCause], shown: list[tuple[str, float]],
    decision: IntentDecision,
    turn: Turn,
    codes: list[str],
    scope: Scope, question: str | None,
    another_client: bool, abap_caller: bool,
    listed: tuple[str, ...] = (), subject: Subject | None = None, said: StepsSaid = NOTHING_SAID, imports: ImportMemory | None = None,
) -> DialogueState:
    """Stage 8: what the next turn starts from. A turn that was not understood keeps the
    topic; a new host forgets the old URL and port; a question asked waits for its answer;
    `ranked`: the causes in the answer's order, the one it led with first (a 401's logon
    cause, read from the status, before the status cause the scope put on top of the ranking):
    a follow-up keeps that lead; `listed`: those of them the answer lists (layercauses.listed_causes), which
    become the topic's causes. `another_client`, `abap_caller`: who made the turn's call
    (caller.caller_of); `subject`: what a follow-up names (intent.subject); `said`: the step said done (stepdone), what the admin cannot use (statedlimits);
    `imports`: the import as the turn stands (importmemory), kept while the topic is."""
    entities, intent = parsed.entities, decision.intent
    answered = tuple(c.id for c in ranked)
    top = tuple(m for m, _ in shown[:3])
    has_own = messages.topic_in_text or turn.follow_up or turn.new_topic or bool(top) or bool(answered)
    # Words an SAP question about no connection, or a how-to reporting no failure, share with causes make no topic.
    off_topic = scope.reason in (OFF_TOPIC_REASON, NO_FAILURE_REASON) or _tool_error_aside(scope, state, turn)
    # A question about a term beside the topic ("what is SNI?", "how do I import a certificate
    # in STRUST?") is answered by the term's entry; the failure is still the one to fix, so the
    # next "how do I fix it?" or "which PSE?" is about it, not about the term alone.
    aside = decision.about_terms and state.has_topic
    keeps_topic = (intent in NO_TOPIC_INTENTS or decision.domain is not None or not has_own or off_topic or aside
                   or asks_in_general(parsed, state)  # "do I need to restart the ICM?" alone sets no topic
                   or asks_to_act(parsed.raw))  # "open a ticket at SAP for me" reports nothing
    # "is it the proxy?" is answered about the proxy; the topic's message and causes stay in
    # their order for the next "how do I fix it?" — so do those of any question about a subject
    # within the topic ("which PSE?", "what about TLS 1.3?"): asked, not reported.
    asked_only = turn.follow_up and not messages.topic_in_text and (
        asks_whether_it_is(parsed.raw) or _asks_about_the_topic(subject, parsed.raw, top, state))
    facts = stated_facts(parsed.raw)
    ruled_out = causes_stated(facts)[1]  # "the proxy is not involved"
    causes = listed if answered and not asked_only else state.causes
    # "another thing: the job fails with timeout" replaces the topic *and* says it is another
    # problem: the earlier host, URL and port are not its endpoint. A new topic about the same
    # call ("the certificate expired yesterday") keeps them.
    forgets_call = not keeps_topic and not turn.follow_up and says_another_problem(parsed.raw)
    host, url, port = (None, None, None) if forgets_call else (state.host, state.url, state.port)
    same = keeps_topic or turn.follow_up
    return with_the_earlier_topics(state, DialogueState(
        messages=state.messages if keeps_topic or asked_only else top,
        causes=state.causes if intent == "not_understood" or keeps_topic else causes,
        # A turn of another problem that is no follow-up (a new report) has none of the old
        # topic's codes: the topic bar would name them beside the new kind of failure.
        codes=tuple(codes) if codes else (state.codes if keeps_topic or turn.follow_up else ()),
        host=entities.hosts[0] if entities.hosts else host,
        url=entities.urls[0] if entities.urls else (None if entities.hosts else url),
        port=entities.ports[0] if entities.ports else (None if entities.hosts else port),
        proxy=_proxy_in_the_path(state, parsed, asked_only, facts),
        proxy_url=entities.proxy_url or state.proxy_url,
        last_intent=intent if intent in TOPIC_INTENTS else state.last_intent,
        turns=state.turns + 1,
        confirmed_cause=state.confirmed_cause if turn.follow_up else None, confirmed_by=state.confirmed_by,
        confirmed_step=state.confirmed_step if turn.follow_up else "",
        scope=state.scope if keeps_topic else scope.kind,
        scope_strength=state.scope_strength if keeps_topic else scope.strength,
        scope_reason=state.scope_reason if keeps_topic else scope.reason,
        scope_pointer=state.scope_pointer if keeps_topic else (scope.pointer or ""),
        pending=question if intent in TOPIC_INTENTS else None,
        pending_text=_pending_text(parsed, question, scope),
        another_client=state.another_client if aside else another_client,
        abap_caller=state.abap_caller if aside else abap_caller,
        caller_pse=known_pse(parsed.raw) or (state.caller_pse if same else ""),
        import_done=kept_import_done(state, imports, same), ruled_by_import=kept_ruled(state, imports, same),
        statuses=statuses_of_the_topic(state, messages, keeps_topic or turn.follow_up),
        said=_said(state, parsed, turn),  # kept with the conversation: no password in it
        stated=kept_statements(state.stated if same else (), facts),
        evidenced=_evidenced(state, ranked, OWN_EVIDENCE, same_topic=same, asked=asked_only or aside, ruled_out=ruled_out),
        shared=_evidenced(state, ranked, SHARED_EVIDENCE, same_topic=same, asked=asked_only or aside, ruled_out=ruled_out),
        steps_done=(*state.steps_done, *((said.done,) if said.done else ())) if same else (),
        cannot_use=kept_limits(state.cannot_use if same else (), said.limits),
    ))


def _proxy_in_the_path(state: DialogueState, parsed: ParsedText, asked_only: bool, facts: tuple[StatedFact, ...]) -> bool:
    """Whether the call goes through a proxy: "is it the proxy?" names none; "and through a
    proxy?" says it goes through one; "we have no proxy" names one that is not in the path."""
    if asked_only and asks_whether_it_is(parsed.raw):
        return state.proxy
    return bool((parsed.entities.proxy or state.proxy) and not says_no_proxy(facts))


def _asks_about_the_topic(subject: Subject | None, raw: str, top: tuple[str, ...], state: DialogueState) -> bool:
    """A question (by its form) about a subject within the topic whose answer names the
    topic's message: it asks about the topic, it reports nothing that moves its causes. One
    that moves the message ("and if the proxy needs a user?" → 416) is a new turn of the topic."""
    named = subject is not None  # intent.subject: None when nothing is named
    same_message = not top or top[:1] == state.messages[:1]
    return named and same_message and asks_a_question(raw)


def _said(state: DialogueState, parsed: ParsedText, turn: Turn) -> str:
    """The text a later ruling reads its names in: this turn's, unless it is a follow-up that
    names nothing ("how do I fix it?") — then the report's, which still holds the names — or
    only a subject of a statement ("what about the firewall?"): the report's with it after,
    for a pronoun in the next turn to mean it (intent.carriedsubject)."""
    if turn.follow_up and state.said and not find_cues(parsed.raw).hits:
        if names_a_subject(parsed.raw):
            return mask_said(f"{state.said}\n{parsed.raw}"[-SAID_CHARS:])
        return state.said
    return mask_said(parsed.raw[-SAID_CHARS:])


def _evidenced(state: DialogueState, ranked: list[ScoredCause], kinds: frozenset[str], *, same_topic: bool,
               asked: bool, ruled_out: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The causes the topic's own words point to by `kinds` of evidence: the turn's (not a
    question's: "is it the proxy?" points nowhere), with the topic's earlier ones while the
    topic stays — none the turn rules out ("the proxy is not involved": statedcauses), so a
    later "is it the proxy?" is not answered yes from the code the admin's statement outweighs."""
    kept = (state.evidenced if kinds is OWN_EVIDENCE else state.shared) if same_topic else ()
    own = () if asked else tuple(c.id for c in ranked if c.evidence in kinds and c.id not in kept)
    return tuple(c for c in (*kept, *own) if c not in ruled_out)[:EVIDENCED_CAUSES]


def statuses_of_the_topic(state: DialogueState, messages: MessageEvidence, same_topic: bool) -> tuple[int, ...]:
    """The statuses the turn reports, else — while the topic stays — the topic's."""
    if messages.http_statuses:
        return tuple(messages.http_statuses)
    return state.statuses if same_topic else ()
