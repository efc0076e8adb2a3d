"""Answers to questions: the `AnswerDoc` for one routed turn, built from `Routed` and the base.

One builder for every front end (`sapassist ask`, the line chat, the Textual chat). It
reads the router's decisions off `Routed` (intent, ranking, follow-up, the ids demoted by
a number's reading) and never makes them again. The answer leads with a verdict (what it
is, the likely cause, the next step, the live-check offer); the details follow as keyed
sections, so a follow-up can leave out what the conversation has already shown.
This module only dispatches: the answer about one entry (and an unknown id, a glossary
term) is `answers.topic`, another kind of failure `answers.other_scope`, the sections they
share `answers.answer_sections`. Entry pages are `answers.entries`, the message list
`answers.listing`, the notes on how the text was read `answers.reading_notes`, the other
intents `answers.replies`.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answers.document import AnswerDoc, Section
from assistant.answers.nofailure import no_failure_doc, reports_no_failure
from assistant.answers.other_scope import other_scope_doc
from assistant.answers.otherhost import with_other_host_first
from assistant.answers.reading_notes import leads_as_unknown
from assistant.answers.resolved import (
    reports_a_finding,
    resolved_doc,
    says_it_is_resolved,
    with_the_finding,
)
from assistant.answers.toolerror import is_tool_error_answer, tool_error_doc
from assistant.answers.topic import glossary_doc, topic_doc, unknown_doc
from assistant.answers.verdict import BEST_MATCH_NOTE, top_cause
from assistant.intent.actrequests import ACT
from assistant.intent.asks import RESTART, WHO_FIXES
from assistant.intent.confidence import QUESTIONS
from assistant.intent.lead import evidence_first, lead_of
from assistant.intent.result import Routed
from assistant.intent.scope import OFF_TOPIC_REASON, SAP
from assistant.intent.wrapped import only_a_wrapping_code
from assistant.kb.knowledge_base import KnowledgeBase


def build_answer(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> str:
    """The Markdown answer for one routed turn (never empty): `build_answer_doc(...).markdown()`."""
    return build_answer_doc(routed, kb, for_chat=for_chat).markdown()


def build_answer_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> AnswerDoc:
    """The answer to one routed turn: headline, verdict and keyed sections.

    `for_chat`: the chat offers live checks itself, so no `sapassist check` command line.
    A cipher-suite parameter named with its value gets what that value means: as the
    answer when the question is about it, after the answer when the text names an error.
    """
    if routed.which_topic and routed.question:
        return _which_topic_doc(routed)
    if ACT in routed.asks:  # "open a ticket at SAP for me": what sapassist can and cannot do
        from assistant.answers.actrequest import act_request_doc

        return act_request_doc(routed, kb, _answer_doc(routed, kb, for_chat=for_chat), for_chat=for_chat)
    resolved = says_it_is_resolved(routed)
    # A report of its own resolution asks for nothing: its cause is found (answers.resolved).
    read = replace(routed, causes=evidence_first(routed.causes), question=None if resolved else routed.question)
    doc = _answer_doc(read, kb, for_chat=for_chat)
    if resolved:
        doc = resolved_doc(routed, kb, doc)
    elif reports_a_finding(routed):
        doc = with_the_finding(routed, kb, doc, UNSURE_HEADLINE)
    elif routed.asks:
        doc = _asked(routed, kb, doc)
    if not resolved:
        doc = with_other_host_first(routed, doc, UNSURE_HEADLINE)
    values = routed.entities.parameter_values
    if not values or routed.intent in ("greeting", "thanks", "help", "list"):
        return doc
    from assistant.answers.ciphersuites import value_sections

    sections = tuple(value_sections(values))
    e = routed.entities
    if e.message_ids or e.codes or e.icm_constants:
        return replace(doc, sections=doc.sections + sections)
    first = sections[0]
    # The value leads; what the answer would have led with follows as a section of its own.
    said = Section(f"lead:{doc.headline}", doc.headline, doc.verdict)
    return AnswerDoc(first.title, first.markdown, (*sections[1:], said, *doc.sections))


def _answer_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    intent = routed.intent
    if routed.how_to:
        from assistant.answers.howto import how_to_doc  # only how-to questions need it

        return how_to_doc(routed, kb, for_chat=for_chat)
    if intent in ("explain", "fix", "causes", "not_understood") and reports_no_failure(routed):
        return no_failure_doc(routed, kb)  # a longer how-to or feasibility question: nothing failed
    if intent in ("greeting", "help", "thanks", "list", "compare", "check", "not_understood"):
        return _reply_doc(routed, kb, for_chat=for_chat)
    if routed.domain:
        from assistant.answers import scoped  # only some answers need it

        return scoped.domain_doc(routed, kb)
    e = routed.entities
    named = e.message_ids or e.icm_constants or e.codes or e.causes or routed.unknown_ids
    decided = [r for r in routed.readings if r.lean in ("http", "icm_page")]
    if leads_as_unknown(routed, kb):
        return unknown_doc(routed, kb, for_chat=for_chat)
    # Another kind of failure leads with what it is and where its fix lives, also when a
    # follow-up asks how to fix it (the SAP client's fix steps are not its fix).
    other = routed.scope.kind not in (SAP, "unknown") and not routed.messages
    if other:
        return _unsure(routed, other_scope_doc(routed, kb, for_chat=for_chat))
    about_term = bool(routed.glossary) and not named and not decided and not routed.follow_up
    if about_term and routed.question:
        # A report about a transaction or term, not a question about it: a guess with
        # evidence is named as such, with the term's checks after it; without one, no
        # "Best guess" that names no guess ("SM59 test connection fails").
        from assistant.answers import terms  # only some answers need it

        if not terms.has_guess(routed):
            return terms.no_error_yet_doc(routed, kb)
        return _unsure(routed, terms.with_term_checks(routed, kb, topic_doc(routed, kb, for_chat=for_chat)))
    if about_term and not routed.reports_problem:
        return _unsure(routed, glossary_doc(routed, kb))
    if is_tool_error_answer(routed) and not routed.messages and not routed.follow_up:
        return tool_error_doc(routed)  # no failed call: the tool's own error, not a question about its calls
    if routed.scope.kind == "unknown" and not routed.messages and not routed.follow_up and routed.causes:
        return _unsure(routed, other_scope_doc(routed, kb, for_chat=for_chat))
    wrapping = only_a_wrapping_code(lead_of(routed, kb), routed.causes, routed.entities, kb)
    if wrapping is not None:  # http_communication_failure alone: no message or cause guessed
        from assistant.answers.wrapped import wrapped_failure_doc

        return wrapped_failure_doc(wrapping, routed, kb, topic_doc(routed, kb, for_chat=for_chat))
    return _unsure(routed, topic_doc(routed, kb, for_chat=for_chat))


def _reply_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    """Answers to turns that are not about one error (imported only for them)."""
    from assistant.answers import replies

    intent = routed.intent
    if intent in ("greeting", "help"):
        return replies.help_doc(kb, greeting=intent == "greeting")
    if intent == "thanks":
        return replies.thanks_doc()
    if intent == "list":
        return replies.list_doc(kb, for_chat=for_chat)
    if intent == "compare":
        chosen = _compared(routed, kb)
        if len(chosen) == 2:
            return replies.compare_doc(routed, kb, chosen)
        return topic_doc(routed, kb, for_chat=for_chat)
    if intent == "check":
        return replies.check_request_doc(routed, kb, for_chat=for_chat)
    return replies.not_understood_doc(routed, kb)


def _asked(routed: Routed, kb: KnowledgeBase, doc: AnswerDoc) -> AnswerDoc:
    """A question beside the topic (intent.asks) answered first; the topic's headline stays,
    and its verdict (what the conversation has shown already) is left out when one is given."""
    from assistant.answers.restart import names_a_topic, restart_lines
    from assistant.answers.whofixes import who_fixes_line

    lines = [who_fixes_line(routed, kb) if WHO_FIXES in routed.asks else "",
             restart_lines(routed, kb) if RESTART in routed.asks else ""]
    said = "\n\n".join(line for line in lines if line)
    if not said:
        return doc
    if RESTART in routed.asks and not names_a_topic(routed):
        return AnswerDoc("Restarting the ICM", said, ())  # no message guessed from "restart"
    return AnswerDoc(doc.headline, said, doc.sections)


UNSURE_HEADLINE = "Not sure yet — one question decides"
NO_CAUSE_YET = ("**Nothing in your text points to one cause yet:** the causes below only share words with it "
                "— no code, status or situation of its own.")


def _which_topic_doc(routed: Routed) -> AnswerDoc:
    """A turn that points back to an earlier problem that several fit: the one question, with
    how to answer it; nothing is answered about a topic that may not be the one meant."""
    listed = "\n".join(f"- {label}" for label in routed.which_topic)
    how = "Reply with its message or code, or say \"the first\" or \"the previous one\"."
    return AnswerDoc("Which problem do you mean?", f"{listed}\n\n{how}", ())


def _unsure(routed: Routed, doc: AnswerDoc) -> AnswerDoc:
    """A low confidence is said in the first line, and the one question that decides is the
    verdict's first line: a heading of two wrapped lines (the questions are long, with code
    spans) would be the whole first screen of an 80-column chat."""
    if not routed.question:
        return doc
    if routed.words_only:
        # No cause with evidence of its own (intent.wordsonly): none is named as the guess.
        offer = [p for p in doc.verdict.split("\n\n") if p.startswith("**Live check:**")]
        return AnswerDoc(UNSURE_HEADLINE, "\n\n".join([f"**{routed.question}**", NO_CAUSE_YET, *offer]), doc.sections)
    # "Best guess" says what the best-match note says: not twice.
    rest = "\n\n".join(p for p in doc.verdict.split("\n\n") if p.strip() != BEST_MATCH_NOTE)
    # An unknown kind has no guess to name: its headline ("Not sure which system or client
    # failed") would only repeat the question. ("Probably not an SAP HTTP-client error" is one.)
    # Nor does an off-topic text whose question says already that it does not read like one.
    no_guess = routed.scope.kind == "unknown" and (
        routed.scope.reason != OFF_TOPIC_REASON or routed.question == QUESTIONS["off_topic"])
    guess = "" if no_guess else f"**Best guess:** {doc.headline}\n\n"
    verdict = f"**{routed.question}**\n\n{guess}{rest}".strip()
    return replace(doc, headline=UNSURE_HEADLINE, verdict=verdict)  # its next step stays the one given


def _compared(routed: Routed, kb: KnowledgeBase) -> list[str]:
    ids = [m.id for m in routed.messages if m.id in kb.messages]
    named = [mid for mid in routed.entities.message_ids if mid in kb.messages]
    return (named + [m for m in ids if m not in named])[:2]


__all__ = ["build_answer", "build_answer_doc", "top_cause"]
