"""The answer for another kind of failure than the SAP HTTP client's (a far server's
status, another client, the SAP system as server, RFC, unknown): what it is and where its
fix lives first, then the closest causes in SAP terms."""

from __future__ import annotations

from dataclasses import replace

from assistant.answers.answer_sections import (
    causes_section,
    check_section,
    fix_sections,
    reading_section,
    sources_section,
)
from assistant.answers.bodystep import status_next_step
from assistant.answers.clientside import (
    abap_side_applies,
    client_fix_line,
    client_fix_sections,
    sap_calls_section,
)
from assistant.answers.clientstep import client_step_line
from assistant.answers.comparison import compared_now, comparison_lines
from assistant.answers.document import AnswerDoc, Section, assemble
from assistant.answers.inbound import inbound_logs_section, inbound_step_line
from assistant.answers.nextstep import NextStep
from assistant.answers.pieces import CAUSE_EVIDENCE_FLOOR
from assistant.answers.statusmeaning import specific_cause_first, status_meaning_line
from assistant.answers.subject import yes_no_line
from assistant.answers.verdict import (
    cause_line,
    check_offer_line,
    statuses_in_order,
    top_cause,
)
from assistant.intent.result import Routed
from assistant.intent.scope import OFF_TOPIC_REASON
from assistant.kb.knowledge_base import KnowledgeBase

UNKNOWN_CAUSES_TITLE = "If the SAP system makes the call, the closest causes"
# Beside another kind of failure the base's causes (written for the SAP HTTP client) are
# listed under their neutral titles (`pieces.cause_title`): the heading says which view
# that is, and its first line what the list holds — not "In SAP terms", which the titles
# are not. (title, what the list is)
CLOSEST_CAUSES: dict[str, tuple[str, str]] = {
    "other_client": (
        "Closest known causes, named for any client",
        "Causes from the knowledge base (written for the SAP HTTP client) that fit your text, "
        "named without the SAP side; where the base says what a cause means for other clients, "
        "that follows its title.",
    ),
    "sap_server_inbound": (
        "Closest known causes, named for the client that calls the SAP system",
        "Causes from the knowledge base (written for the SAP system's own outbound calls) that "
        "fit your text, named for whichever client calls; titles only: their explanations are "
        "about the SAP system as the client.",
    ),
    "rfc_or_network": (
        "Closest known causes of a failed connection",
        "Causes from the knowledge base (written for SAP's HTTP calls) that fit your text; "
        "titles only: their explanations are about the HTTP client (ICM, SM59), not RFC.",
    ),
}


def other_scope_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    """Another kind of failure: what it is and where its fix lives, then the closest
    causes in SAP terms (their fix only for a server's status, the others' fixes are
    about the SAP client's PSEs and would mislead)."""
    from assistant.answers import replies, scoped  # only some answers need them

    # The causes listed, the likely cause and its fix all come from the ones that fit.
    routed = specific_cause_first(replace(routed, causes=scoped.causes_that_fit(routed, kb)), kb)
    kind = routed.scope.kind
    unknown = kind == "unknown"
    # An unknown kind with its question: the question says what is open, and what either
    # answer leads to is one line each — no long explanations on the first screen.
    asks = unknown and bool(routed.question)
    off_topic = routed.scope.reason == OFF_TOPIC_REASON  # causes met by chance are no answer
    verdict = scoped.verdict_lines(routed, kb, asks=asks, off_topic=off_topic)
    both = statuses_in_order(routed, kb)  # the proxy's and the far server's, in order
    if both and verdict and any(f"HTTP {n} " in verdict[0] for n in routed.http_statuses):
        verdict[0] = both  # "What it is: HTTP 401 is the far server's …" would say one of them twice
    else:
        verdict.insert(1, both)
    http = kind == "http_status_from_server"
    main = top_cause(routed, kb)
    step = status_next_step(routed, kb) if http else NextStep()
    if http:
        # The cause that is this kind itself ("the server answered with an HTTP error
        # status") would only repeat the headline as a "Most likely cause".
        # Two statuses (the proxy's and the far server's): the proxy's is fixed first, and the
        # line that says so names both — a meaning of the far server's would say it again.
        verdict += ["" if both else status_meaning_line(routed, kb),
                    "" if (main is not None and main.id == kind) or compared_now(routed) else cause_line(routed, kb),
                    step.line]
    # The SAP system as server answered with a status: where its side shows why.
    verdict.append(inbound_step_line(routed, kb))
    if kind == "other_client" and routed.scope.pointer is None and not asks and not off_topic:
        verdict.append(client_fix_line(routed, kb))  # no home named for this client: by the step it failed at
    if not http and not asks and not off_topic:
        verdict.append(scoped.pointer_step_line(routed, kb, verdict))  # where the fix lives, and what to do there
        verdict.append(client_step_line(routed, kb, verdict))  # another client's: by the stage it failed at
    verdict.append(check_offer_line(routed, for_chat=for_chat) if http else "")
    verdict[1:1] = comparison_lines(routed, kb)  # after what it is: "You said “it works in Postman”: …"
    verdict.insert(0, yes_no_line(routed, kb))  # "is it the proxy?": yes or no first
    pointer = scoped.pointer_section(routed, kb)
    if pointer is not None and routed.intent == "fix":
        # "How do I fix it?" about another kind: where its fix lives is the answer, shown
        # again under its own key (the conversation skips sections it has shown).
        pointer = Section(f"fix:{pointer.key}", f"How to fix it — {pointer.title}", pointer.markdown)
    named = [g for g in routed.glossary[:3] if not (pointer and pointer.key.endswith(f"glossary:{g}"))
             and not scoped.calling_clients_trust(g, kind)]
    sections: list[Section | None] = [
        reading_section(routed, kb, paste_with_topic=False, not_said=scoped.not_said(routed, kb, asks=asks)),
        pointer,
        inbound_logs_section(routed, kb),
        *[s for s in replies.glossary_sections(routed, kb, named) if not s.key.startswith("sources:")],
    ]
    floor = 0.0 if http else CAUSE_EVIDENCE_FLOOR
    brief = not asks and kind not in scoped.TITLES_ONLY_KINDS
    related = None if off_topic else causes_section(routed, kb, main if http else None, limit=3, detailed=False,
                                                      floor=floor, brief=brief)
    if related is not None:
        sections.append(_closest_causes(related, kind, http=http))
    if http:
        sections += [s for s in fix_sections(routed, kb, n_causes=1) if not _only_the_next_step(s, verdict)]
        if routed.intent == "fix" and main is not None and not routed.another_client and not abap_side_applies(routed):
            # "How do I fix it?" with no caller named at all: the ABAP side's steps, said as its
            # case (another client's status is that client's: no ABAP step at all).
            sections.append(sap_calls_section(main, routed))
        sections.append(check_section(routed, kb, for_chat=for_chat))
    elif pointer is None and routed.intent == "fix" and not abap_side_applies(routed) and not off_topic:
        sections += client_fix_sections(routed, kb)
    sections.append(sources_section(routed, kb, main, n_causes=0, limit=scoped.MAX_SOURCES) if http else None)
    headline = scoped.OFF_TOPIC_HEADLINE if off_topic else scoped.KIND_HEADLINES.get(kind, "Not an SAP HTTP-client error")
    return assemble(headline, verdict, sections, step=step.given)


def _closest_causes(related: Section, kind: str, *, http: bool) -> Section:
    """The causes list under the heading that says what it is for this kind of failure."""
    if http:
        return Section(related.key, "Likely causes", related.markdown)
    if kind in CLOSEST_CAUSES:
        title, what = CLOSEST_CAUSES[kind]
        # Its own key: the same causes under SAP titles (a topic answer) are another text.
        return Section(f"{related.key}:{kind}", title, f"{what}\n\n{related.markdown}")
    return Section(related.key, UNKNOWN_CAUSES_TITLE, related.markdown)


def _only_the_next_step(section: Section, verdict: list[str]) -> bool:
    """A fix of one step that the verdict's "Next step" shows whole: the same sentence twice."""
    body = " ".join(section.markdown.split())
    return body.startswith("1. ") and "\n2. " not in section.markdown and any(
        " ".join(line.split()) == f"**Next step:** {body[3:]}" for line in verdict)
