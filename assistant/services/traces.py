"""A dev_icm trace pasted into `ask` or the chat: answered by the trace analysis, not the router.

A trace names dozens of codes, states, addresses and the ICM's own socket; routing it as
one question picks a topic from whichever line weighs most. The trace reader knows which
handshake failed, with which code, against which partner. So the answer is the trace
answer, and the turn's `Routed` is made from what the trace found: the topic is the main
problem's SCLNT_HTTP message with its cause confirmed (so "how do I fix it?" answers
that cause), and the host to check is that problem's partner (`report.check_targets()`),
never the `local=` socket. Domain imports are inside the functions: importing this
module is free.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from assistant.answers.document import AnswerDoc
    from assistant.intent import DialogueState, Entities, Routed, ScoredCause
    from assistant.intent.result import Scope
    from assistant.kb.knowledge_base import KnowledgeBase
    from assistant.trace.model import AnalyzedHandshake, TraceReport


BY_TRACE = "the SAP system's trace (dev_icm)"


class TraceAnswered(NamedTuple):
    """A pasted trace answered: the turn as the router would record it, the answer, the reading."""

    routed: Routed
    doc: AnswerDoc
    report: TraceReport


def answer_trace(
    text: str, kb: KnowledgeBase, state: DialogueState | None = None, *, for_chat: bool = False
) -> TraceAnswered:
    """Read the pasted trace, build its answer and the dialogue state it leaves."""
    from assistant.answers.trace import build_trace_doc, lead_group, problem_groups
    from assistant.trace.reader import analyze_text

    report = analyze_text(text)
    lead = lead_group(problem_groups(report.failed))
    routed = _routed(report, lead[0] if lead else None, kb, state)
    return TraceAnswered(routed, build_trace_doc(report, kb, for_chat=for_chat), report)


def _routed(
    report: TraceReport, lead: AnalyzedHandshake | None, kb: KnowledgeBase, state: DialogueState | None
) -> Routed:
    """The turn's `Routed`: the main problem's message as topic, its partner as target."""
    from dataclasses import replace

    from assistant.intent import DialogueState, Routed, route

    if lead is not None and lead.sclnt_http is not None and lead.sclnt_http in kb.messages:
        routed = route(lead.sclnt_http, kb, state)
        causes = _cause_first(routed, lead.cause, lead.also)
        found = replace(routed.state, causes=tuple(c.id for c in causes))
        if lead.also is None:  # two causes as likely: the trace confirms neither
            # What the trace said to do stays the follow-ups' next step: the cause's first fix
            # may be to get the very trace the admin pasted ("raise the ICM trace …").
            found = found.with_confirmed_cause(lead.cause, BY_TRACE, step=_as_sentence(lead.advice))
        else:  # … but both fit what it shows: "is it the firewall?" is answered "possibly"
            both = (c for c in (lead.cause, lead.also, *found.shared) if c)
            found = replace(found, shared=tuple(dict.fromkeys(both)))
        routed = replace(routed, causes=causes, state=found)
    elif report.server_role_errors:
        routed = Routed(intent="explain", state=_no_outbound_topic(state, _trace_scope(report, lead)))
    else:
        routed = Routed(intent="explain", state=state or DialogueState())
    routed = replace(routed, scope=_trace_scope(report, lead), entities=_trace_entities(lead, kb))
    target = _target(report, lead)
    if target is None:
        return routed
    url, host, port = target
    entities = replace(routed.entities, urls=(url,), hosts=(host,), ports=(port,))
    return replace(routed, entities=entities, state=replace(routed.state, url=url, host=host, port=port))


def _as_sentence(advice: str) -> str:
    """The trace table's advice ("import the issuing CA …") as the verdict's next step."""
    advice = advice.strip()
    return advice if not advice or advice[-1] in ".!?" else advice + "."


def _no_outbound_topic(state: DialogueState | None, scope: Scope) -> DialogueState:
    """A trace whose errors all have the SAP system as server is a new subject: the
    earlier topic, its causes and its host do not carry over to it; only the proxy the
    user named does, and the turn count. (A trace in which nothing failed keeps the
    conversation: it may show that the call works now.)"""
    from assistant.intent import DialogueState

    before = state or DialogueState()
    return DialogueState(proxy=before.proxy, proxy_url=before.proxy_url, turns=before.turns + 1,
                         scope=scope.kind, scope_strength=scope.strength, scope_reason=scope.reason,
                         scope_pointer=scope.pointer or "")


def _trace_entities(lead: AnalyzedHandshake | None, kb: KnowledgeBase) -> Entities:
    """What the paste itself names: the lead handshake's SapSSL code, never the message id
    the trace led to (routing that id would report it as written, with its number)."""
    from assistant.intent import Entities

    code = lead.handshake.code if lead is not None else None
    return Entities(codes=(code,) if code and code in kb.codes else (), pasted=True)


def _trace_scope(report: TraceReport, lead: AnalyzedHandshake | None) -> Scope:
    """The kind of failure as the trace shows it, not as routing the message id reads it.

    Routing `SCLNT_HTTPnnn` alone would say "the text names SCLNT_HTTPnnn", which the
    paste did not; a trace whose only errors have the ICM as the TLS *server* (an SSL
    server PSE, a peer's alert: abapGit issue 3360) is an inbound problem, and a trace
    without any error says nothing about the kind."""
    from assistant.intent.result import Scope
    from assistant.intent.scopevocab import FAMILIES

    if lead is not None:
        partner = _partner(lead)
        where = f" with {partner}" if partner else ""
        return Scope("sap_http_client", f"the SAP system's ICM trace (dev_icm) shows a failed outbound TLS "
                     f"handshake{where} (the SAP system is the client)", strength=1.0)
    if report.server_role_errors:
        inbound = FAMILIES["sap_server"]
        return Scope(inbound.scope, "the SAP system's ICM trace (dev_icm) shows TLS errors where the ICM is the "
                     "server (an incoming connection), and no failed outbound handshake", inbound.pointer,
                     strength=1.0)
    return Scope("unknown", "an ICM trace (dev_icm) without a failed TLS handshake: it does not say "
                 "what kind of failure it is")


def _cause_first(routed: Routed, cause: str | None, also: str | None = None) -> list[ScoredCause]:
    """The message's causes with the one the trace found first (at the top score), its
    evidence "confirmed" as for a live check's finding: the system's own trace saw it.
    With a second cause as likely (`also`), both lead, at the top score, as signs."""
    from assistant.intent import ScoredCause

    if cause is None:
        return list(routed.causes)
    top = max((c.score for c in routed.causes), default=1.0)
    lead = [ScoredCause(cause, top, "sign"), ScoredCause(also, top, "sign")] if also else [
        ScoredCause(cause, top, "confirmed")]
    firsts = {c.id for c in lead}
    return [*lead, *(c for c in routed.causes if c.id not in firsts)]


def _target(report: TraceReport, lead: AnalyzedHandshake | None) -> tuple[str, str, int] | None:
    """(URL, host, port) of the partner to check: the main problem's, else the first failed one's."""
    from urllib.parse import urlsplit

    targets = report.check_targets()
    if not targets:
        return None
    url = targets[0]
    if lead is not None:
        mine = [t for t in targets if (urlsplit(t).hostname or "") == (lead.handshake.host or "").lower()
                and urlsplit(t).port == lead.handshake.port]
        url = mine[0] if mine else url
    parts = urlsplit(url)
    return url, parts.hostname or "", parts.port or 443


def trace_json(report: TraceReport) -> dict[str, Any]:
    """What `ask --json` adds for a trace: `trace` (the summary) and `handshakes`."""
    from assistant.answers.trace import lead_group, problem_groups

    groups = problem_groups(report.failed)
    lead = lead_group(groups)
    main = lead[0] if lead else None
    summary: dict[str, Any] = {
        "kind": "dev_icm",
        "handshakes": len(report.handshakes),
        "failed": len(report.failed),
        "problems": len(groups),
        "sclnt_http": main.sclnt_http if main else None,
        "cause": main.cause if main else None,
        "also": main.also if main else None,
        "partner": _partner(main) if main else None,
        "advice": main.advice if main else None,
        "import": [i.to_json() for i in main.imports] if main else [],
        "check_targets": report.check_targets(),
        "files": [f.to_json() for f in report.files],
        "server_role_errors": report.server_role_errors,
        "server_role": server_role_json(report),
        "notes": list(report.notes),
    }
    return {"trace": summary, "handshakes": [a.to_json() for a in report.handshakes]}


def _partner(a: AnalyzedHandshake) -> str | None:
    h = a.handshake
    if not h.host:
        return None
    return f"{h.host}:{h.port}" if h.port is not None else h.host


def server_role_json(report: TraceReport) -> list[dict[str, Any]]:
    """The handshakes kept of those with the SAP system as TLS *server* (the first ones; all
    are counted in `server_role_errors`): where, the partner, the PSE the ICM used and the
    trace's own error words — as data, exactly as the trace wrote them."""
    from assistant.trace.codes import pse_node

    return [{
        "file": h.file, "thread": h.thread, "line": h.line, "time": h.time,
        "host": h.host, "port": h.port, "peer": h.peer, "code": h.code, "numeric": h.numeric,
        "pse": h.pse, "pse_node": pse_node(h.pse), "sni_name": h.sni_name, "state": h.state,
        "messages": list(h.messages),
    } for h in report.server_role]
