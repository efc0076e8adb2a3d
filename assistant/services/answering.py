"""From what the user typed to the answer: questions, lookups and live-check reports.

The command line and the chat answer the same way through these functions; only what
they do with the Markdown differs (print it, or show it in the conversation). The
results are NamedTuples: cheap to define on the `ask --json` path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from assistant.answers.document import AnswerDoc
    from assistant.diagnostics.model import CheckReport
    from assistant.intent import DialogueState, Routed
    from assistant.intent.lookup import Entry
    from assistant.kb.knowledge_base import KnowledgeBase
    from assistant.trace.model import TraceReport


class Answered(NamedTuple):
    """One question answered: what the router made of it, the answer as a document
    (verdict and keyed sections) and as Markdown without the sections already `shown`.

    `trace`: the text was a dev_icm trace, answered by the trace analysis (its reading).
    """

    routed: Routed
    doc: AnswerDoc
    markdown: str
    trace: TraceReport | None = None


def answer_question(
    text: str,
    kb: KnowledgeBase,
    state: DialogueState | None = None,
    *,
    for_chat: bool = False,
    shown: frozenset[str] = frozenset(),
) -> Answered:
    """Route one turn and build its answer; `routed.state` is the next dialogue state.

    `for_chat`: the chat offers live checks (and `/lookup`) itself, so the answer names no
    command line for them. `shown`: the keys of the sections this conversation has shown
    already (the union of earlier `doc.keys`); `markdown` leaves them out, so a follow-up
    shows only what is new. `doc` always has every section. A pasted dev_icm trace is
    answered by the trace analysis (`services.traces`): its routed turn has the main
    problem as topic and its partner as the host to check.
    """
    from assistant.trace.detect import looks_like_dev_icm

    if looks_like_dev_icm(text):
        from assistant.services.traces import answer_trace

        traced = answer_trace(text, kb, state, for_chat=for_chat)
        return Answered(traced.routed, traced.doc, traced.doc.without(shown).markdown(), traced.report)
    from assistant.answers.questions import build_answer_doc
    from assistant.intent import route

    routed = route(text, kb, state)
    doc = build_answer_doc(routed, kb, for_chat=for_chat)
    return Answered(with_the_step_given(routed, doc), doc, follow_up_doc(doc, routed, shown).markdown())


def with_the_step_given(routed: Routed, doc: AnswerDoc) -> Routed:
    """`routed` whose next state remembers the fix step the answer gave as its next step
    (`AnswerDoc.step`): a later "did that" means that step (intent.stepdone)."""
    from dataclasses import replace

    if routed.state.step_given == doc.step:
        return routed
    return replace(routed, state=replace(routed.state, step_given=doc.step))


def follow_up_doc(doc: AnswerDoc, routed: Routed, shown: frozenset[str]) -> AnswerDoc:
    """The answer as a conversation shows it, the same in the chat and the piped chat: without
    the sections shown already — except that "how do I fix it?", and a follow-up that names a
    subject ("what about TLS 1.3?"), always get the fix of the cause the answer leads with,
    shown before or not: that is what they ask (not another cause's fix, first not shown)."""
    if routed.intent == "fix" or routed.subject is not None:
        first = next((s.key for s in doc.sections if s.key.startswith("fix:") and s.markdown.strip()), None)
        shown = shown - {first} if first else shown
    return doc.without(shown)


def answer_to_json(answered: Answered, kb: KnowledgeBase) -> dict[str, Any]:
    """`sapassist ask --json`: the routed turn with the ranked entries' texts and the answer."""
    routed = answered.routed
    out = routed.to_json()
    messages = []
    for scored in routed.messages:
        m = kb.messages[scored.id]
        messages.append(
            {
                "id": m.id,
                "number": m.number,
                "message_class": m.message_class,
                "short_text": m.short_text if m.short_text else None,
                "title": m.title,
                "status": m.status,
                "score": scored.score,
            }
        )
    out["messages"] = messages
    # `neutral_title`: the title without naming the SAP side ("SNI not sent"), which the
    # answer shows for another kind of failure; null when the title names no side.
    out["causes"] = [
        {"id": c.id, "title": kb.causes[c.id].title, "neutral_title": kb.causes[c.id].neutral_title,
         "score": c.score, "evidence": c.evidence}
        for c in routed.causes
        if c.id in kb.causes
    ]
    out["check_target"] = routed.check_target  # without the credentials a URL was typed with
    # A non-ABAP client made the call: its fix lives in that client (the answer leaves the
    # ABAP side's steps out). Added beside the existing fields; nothing renamed.
    out["another_client"] = routed.another_client
    out["abap_caller"] = routed.abap_caller
    out["answer"] = answered.markdown
    if answered.trace is not None:
        from assistant.services.traces import trace_json

        out.update(trace_json(answered.trace))
    return out


class Lookup(NamedTuple):
    """What an id names: the entry, or the ids nearest to it (`several`: the id is the
    number of several codes, e.g. -10, and `nearest` lists them)."""

    entry: Entry | None
    nearest: list[str]
    several: bool = False


def look_up(kb: KnowledgeBase, ident: str) -> Lookup:
    """`sapassist lookup ID` and `/lookup ID`: any id form people use (see intent.lookup)."""
    from assistant.intent.lookup import codes_with_number, find_entry, nearest_ids

    entry = find_entry(kb, ident)
    if entry is not None:
        return Lookup(entry, [])
    return Lookup(None, nearest_ids(kb, ident), several=len(codes_with_number(kb, ident)) > 1)


def entry_page(kb: KnowledgeBase, entry: Entry, kind: str | None = None) -> str:
    """Everything the base knows about one entry, as Markdown; `kind`: the kind of failure
    it is read for (a cause beside another client's error is told in that client's words)."""
    from assistant.answers.entries import build_entry_answer

    return build_entry_answer(kb, entry, kind)


def state_after_lookup(kb: KnowledgeBase, entry: Entry, state: DialogueState | None) -> DialogueState:
    """The entry looked up becomes the topic, as if the user had asked about it."""
    from assistant.intent import route

    return route(entry.id, kb, state).state


class CheckAnswered(NamedTuple):
    """A live check's report as an answer, and the dialogue state it leaves."""

    doc: AnswerDoc
    state: DialogueState | None

    @property
    def markdown(self) -> str:
        return self.doc.markdown()


def reported_after(routed: Routed, reported: tuple[str, ...]) -> tuple[str, ...]:
    """The messages the user reports, after a question: a message named in the text
    itself (not a follow-up's topic, not a check's result) — what a later check is
    compared with. Shared by every front end that runs checks in a conversation."""
    if routed.topic_in_text and not routed.follow_up and routed.messages:
        return (routed.messages[0].id,)
    return reported


PROXY_NOT_USED = (
    "**You said a proxy is in the way:** this check went *directly* from this machine, so a "
    "name that does not resolve or a call that times out here may only mean that. "
    "`/check URL --proxy http://host:port` checks the way the SAP system calls."
)


def answer_check(
    report: CheckReport,
    kb: KnowledgeBase,
    state: DialogueState | None,
    *,
    reported: Sequence[str] = (),
    via_proxy: bool = False,
) -> CheckAnswered:
    """The report as an answer (found, the SCLNT_HTTP message it explains, cause, fix).

    `reported`: the messages the *user* reported in this conversation — only those are
    compared with what the check saw (an earlier check's result is not a report).
    `via_proxy`: the check went through a proxy; when the user said one is in the way and
    it did not, the answer says so (a direct DNS failure may only mean that). The
    topic follows the check only when it found the reported message or nothing was
    reported; otherwise the user's message stays the topic (the check ran from another
    machine and may see something else).
    """
    from assistant.answers.check import build_check_doc

    # Another client's topic: the finding is said for that client first (its call, its fix).
    another = state is not None and (state.another_client or state.scope == "other_client")
    doc = build_check_doc(report, kb, reported=reported, another_client=another)
    if state is not None and state.proxy and not via_proxy:
        from dataclasses import replace

        doc = replace(doc, verdict=f"{doc.verdict.rstrip()}\n\n{PROXY_NOT_USED}")
    if another and state is not None:
        # That client's failure stays the topic (an SCLNT_HTTP message is no topic of
        # its call); what the check found is its confirmed cause.
        return CheckAnswered(doc, state.with_confirmed_cause(report.cause, step=check_step(report, kb))
                             if report.cause else state)
    if not report.sclnt_http or (reported and report.sclnt_http not in reported):
        return CheckAnswered(doc, state)
    from assistant.intent import route

    found = route(report.sclnt_http, kb, state).state
    return CheckAnswered(doc, found.with_confirmed_cause(report.cause, step=check_step(report, kb)))


def check_step(report: CheckReport, kb: KnowledgeBase) -> str:
    """The check's own next step, kept for the follow-ups ("how do I fix it?") when it says
    more than the cause's first fix does (what the check saw: cut on every try, the
    certificate to import); "" when it is that first fix."""
    from assistant.answers.check import check_next_step
    from assistant.answers.verdict import short_step

    step = check_next_step(report, kb)
    cause = kb.causes.get(report.cause) if report.cause else None
    return "" if cause is None or not cause.fix or step == short_step(cause.fix[0]) else step
