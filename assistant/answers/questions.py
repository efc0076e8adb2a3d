"""Answers to questions: the `AnswerDoc` for one routed turn, built from `Routed` and the base.

One builder for every front end (`sapassist ask`, the line chat, the Textual chat). It
reads the router's decisions off `Routed` (intent, ranking, follow-up, the ids demoted by
a number's reading) and never makes them again. The answer leads with a verdict (what it
is, the likely cause, the next step, the live-check offer); the details follow as keyed
sections, so a follow-up can leave out what the conversation has already shown.
Entry pages are `answers.entries`, the message list `answers.listing`, the notes on how
the text was read `answers.reading_notes`, the other intents `answers.replies`.
"""

from __future__ import annotations

from dataclasses import replace
from zlib import crc32

from assistant.answers.clientside import client_fix_sections, fix_steps
from assistant.answers.document import AnswerDoc, Section, assemble
from assistant.answers.pieces import (
    CAUSE_EVIDENCE_FLOOR,
    GENERIC_CHECK,
    LIVE_STEPS,
    MAX_SOURCES,
    OTHER_CLIENT_CHECK,
    Entry,
    cause_title,
    check_command,
    code_meaning,
    full_explanation,
    gist,
    message_heading,
    message_line,
    message_text,
    numbered,
    related_codes,
    sources_block,
    wording_lines,
)
from assistant.answers.quoting import screen_lines
from assistant.answers.reading_notes import (
    ambiguity_block,
    corrections_note,
    http_reading_notes,
    icm_reading_notes,
    leads_as_unknown,
    resolved_note,
    return_codes_note,
    unknown_block,
)
from assistant.answers.subject import names_the_likely_cause, subject_line, subject_sections
from assistant.answers.verdict import (
    BEST_MATCH_NOTE,
    cause_line,
    check_offer_line,
    first_line,
    next_step_line,
    top_cause,
)
from assistant.intent.confidence import QUESTIONS
from assistant.intent.lead import evidence_first, lead_of
from assistant.intent.result import Routed
from assistant.intent.scope import OFF_TOPIC_REASON, SAP
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, Code, Message, Source

MAX_CAUSES_SHOWN = 5


def build_answer(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> str:
    """The Markdown answer for one routed turn (never empty): `build_answer_doc(...).markdown()`."""
    return build_answer_doc(routed, kb, for_chat=for_chat).markdown()


def build_answer_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> AnswerDoc:
    """The answer to one routed turn: headline, verdict and keyed sections.

    `for_chat`: the chat offers live checks itself, so no `sapassist check` command line.
    A cipher-suite parameter named with its value gets what that value means: as the
    answer when the question is about it, after the answer when the text names an error.
    """
    doc = _answer_doc(replace(routed, causes=evidence_first(routed.causes)), kb, for_chat=for_chat)
    values = routed.entities.parameter_values
    if not values or routed.intent in ("greeting", "thanks", "help", "list"):
        return doc
    from assistant.answers.ciphersuites import value_sections

    sections = tuple(value_sections(values))
    e = routed.entities
    if e.message_ids or e.codes or e.icm_constants:
        return replace(doc, sections=doc.sections + sections)
    first = sections[0]
    return AnswerDoc(first.title, first.markdown, sections[1:] + doc.sections)


def _answer_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    intent = routed.intent
    if intent in ("greeting", "help", "thanks", "list", "compare", "check", "not_understood"):
        return _reply_doc(routed, kb, for_chat=for_chat)
    if routed.domain:
        from assistant.answers import scoped  # only some answers need it

        return scoped.domain_doc(routed, kb)
    e = routed.entities
    named = e.message_ids or e.icm_constants or e.codes or e.causes or routed.unknown_ids
    decided = [r for r in routed.readings if r.lean in ("http", "icm_page")]
    if leads_as_unknown(routed, kb):
        return _unknown_doc(routed, kb, for_chat=for_chat)
    # Another kind of failure leads with what it is and where its fix lives, also when a
    # follow-up asks how to fix it (the SAP client's fix steps are not its fix).
    other = routed.scope.kind not in (SAP, "unknown") and not routed.messages
    if other:
        return _unsure(routed, _other_scope_doc(routed, kb, for_chat=for_chat))
    about_term = bool(routed.glossary) and not named and not decided and not routed.follow_up
    if about_term and routed.question:
        # A report about a transaction or term, not a question about it: a guess with
        # evidence is named as such, with the term's checks after it; without one, no
        # "Best guess" that names no guess ("SM59 test connection fails").
        from assistant.answers import terms  # only some answers need it

        if not terms.has_guess(routed):
            return terms.no_error_yet_doc(routed, kb)
        return _unsure(routed, terms.with_term_checks(routed, kb, _topic_doc(routed, kb, for_chat=for_chat)))
    if about_term and not routed.reports_problem:
        return _unsure(routed, _glossary_doc(routed, kb))
    if routed.scope.kind == "unknown" and not routed.messages and not routed.follow_up and routed.causes:
        return _unsure(routed, _other_scope_doc(routed, kb, for_chat=for_chat))
    return _unsure(routed, _topic_doc(routed, kb, for_chat=for_chat))


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
        return _topic_doc(routed, kb, for_chat=for_chat)
    if intent == "check":
        return replies.check_request_doc(routed, kb, for_chat=for_chat)
    return replies.not_understood_doc(routed, kb)


UNSURE_HEADLINE = "Not sure yet — one question decides"
UNKNOWN_CAUSES_TITLE = "If the SAP system makes the call, the closest causes"


def _unsure(routed: Routed, doc: AnswerDoc) -> AnswerDoc:
    """A low confidence is said in the first line, and the one question that decides is the
    verdict's first line: a heading of two wrapped lines (the questions are long, with code
    spans) would be the whole first screen of an 80-column chat."""
    if not routed.question:
        return doc
    # "Best guess" says what the best-match note says: not twice.
    rest = "\n\n".join(p for p in doc.verdict.split("\n\n") if p.strip() != BEST_MATCH_NOTE)
    # An unknown kind has no guess to name: its headline ("Not sure which system or client
    # failed") would only repeat the question. ("Probably not an SAP HTTP-client error" is one.)
    # Nor does an off-topic text whose question says already that it does not read like one.
    no_guess = routed.scope.kind == "unknown" and (
        routed.scope.reason != OFF_TOPIC_REASON or routed.question == QUESTIONS["off_topic"])
    guess = "" if no_guess else f"**Best guess:** {doc.headline}\n\n"
    verdict = f"**{routed.question}**\n\n{guess}{rest}".strip()
    return AnswerDoc(UNSURE_HEADLINE, verdict, doc.sections)


def _unknown_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    """An id the base does not know leads, before anything else the text says."""
    from assistant.answers import scoped  # only some answers need them

    headline, verdict, details = scoped.unknown_lines(routed, kb)
    # Causes the rest of the text shows; one met only by words a cause's explanation shares
    # (or the SSL family an unknown SapSSL code names) would answer the id as a guess.
    shown = replace(routed, causes=[c for c in routed.causes if not c.keyword_only])
    related = _causes_section(shown, kb, None, limit=3, detailed=False)
    sections: list[Section | None] = [details]
    if related is not None:
        sections.append(Section(related.key, "What the rest of your text points to", related.markdown))
    sections += [_reading_section(routed, kb, paste_with_topic=True), _check_section(routed, kb, for_chat=for_chat)]
    return assemble(headline, verdict, sections)


def _other_scope_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    """Another kind of failure: what it is and where its fix lives, then the closest
    causes in SAP terms (their fix only for a server's status, the others' fixes are
    about the SAP client's PSEs and would mislead)."""
    from assistant.answers import replies, scoped  # only some answers need them

    # The causes listed, the likely cause and its fix all come from the ones that fit.
    routed = replace(routed, causes=scoped.causes_that_fit(routed, kb))
    kind = routed.scope.kind
    unknown = kind == "unknown"
    # An unknown kind with its question: the question says what is open, and what either
    # answer leads to is one line each — no long explanations on the first screen.
    asks = unknown and bool(routed.question)
    off_topic = routed.scope.reason == OFF_TOPIC_REASON  # causes met by chance are no answer
    verdict = scoped.verdict_lines(routed, kb, asks=asks, off_topic=off_topic)
    http = kind == "http_status_from_server"
    main = top_cause(routed, kb)
    if http:
        # The cause that is this kind itself ("the server answered with an HTTP error
        # status") would only repeat the headline as a "Most likely cause".
        verdict += ["" if main is not None and main.id == kind else cause_line(routed, kb), next_step_line(routed, kb)]
    verdict.append(check_offer_line(routed, for_chat=for_chat) if http else "")
    pointer = scoped.pointer_section(routed, kb)
    if pointer is not None and routed.intent == "fix":
        # "How do I fix it?" about another kind: where its fix lives is the answer, shown
        # again under its own key (the conversation skips sections it has shown).
        pointer = Section(f"fix:{pointer.key}", f"How to fix it — {pointer.title}", pointer.markdown)
    named = [g for g in routed.glossary[:3] if not pointer or not pointer.key.endswith(f"glossary:{g}")]
    sections: list[Section | None] = [
        _reading_section(routed, kb, paste_with_topic=False, not_said=scoped.not_said(routed, kb, asks=asks)),
        pointer,
        *[s for s in replies.glossary_sections(routed, kb, named) if not s.key.startswith("sources:")],
    ]
    floor = 0.0 if http else CAUSE_EVIDENCE_FLOOR
    brief = not asks and kind not in scoped.TITLES_ONLY_KINDS
    related = None if off_topic else _causes_section(routed, kb, main if http else None, limit=3, detailed=False,
                                                      floor=floor, brief=brief)
    if related is not None:
        title = "Likely causes" if http else UNKNOWN_CAUSES_TITLE if kind == "unknown" else "In SAP terms, the closest causes"
        sections.append(Section(related.key, title, related.markdown))
    if http:
        sections += [s for s in _fix_sections(routed, kb, n_causes=1) if not _only_the_next_step(s, verdict)]
        sections.append(_check_section(routed, kb, for_chat=for_chat))
    elif pointer is None and routed.intent == "fix" and routed.another_client and not off_topic:
        sections += client_fix_sections(routed, kb)
    sections.append(_sources_section(routed, kb, main, n_causes=0, limit=scoped.MAX_SOURCES) if http else None)
    headline = scoped.OFF_TOPIC_HEADLINE if off_topic else scoped.KIND_HEADLINES.get(kind, "Not an SAP HTTP-client error")
    return assemble(headline, verdict, sections)


def _only_the_next_step(section: Section, verdict: list[str]) -> bool:
    """A fix of one step that the verdict's "Next step" shows whole: the same sentence twice."""
    body = " ".join(section.markdown.split())
    return body.startswith("1. ") and "\n2. " not in section.markdown and any(
        " ".join(line.split()) == f"**Next step:** {body[3:]}" for line in verdict)


def _compared(routed: Routed, kb: KnowledgeBase) -> list[str]:
    ids = [m.id for m in routed.messages if m.id in kb.messages]
    named = [mid for mid in routed.entities.message_ids if mid in kb.messages]
    return (named + [m for m in ids if m not in named])[:2]


# --- sections --------------------------------------------------------------------------------


def _key(prefix: str, text: str) -> str:
    """A key for a section whose content depends on this turn's text (a reading note)."""
    return f"{prefix}:{crc32(text.encode('utf-8')):08x}"


def _causes_section(
    routed: Routed, kb: KnowledgeBase, main: Entry | None, *, limit: int, detailed: bool, floor: float = 0.0,
    brief: bool = True,
) -> Section | None:
    causes = [kb.causes[c.id] for c in routed.causes if c.id in kb.causes and c.score >= floor][:limit]
    if not causes:
        return None
    title = "Likely causes (most likely first, ranked by what your text says)"
    other = routed.another_client
    # Another client's call: the explanations are the ABAP client's (SICF, SM59, the PSE);
    # only what the base says about other clients is theirs — a different text, a different key.
    key = "causes:" + ",".join(c.id for c in causes) + (":other" if other else "")
    kind = routed.scope.kind
    if detailed:
        blocks = [f"**{i}. {cause_title(c, kind)}** (`{c.id}`)\n\n{c.other_clients.strip()}" if other
                  else f"**{i}. {cause_title(c, kind)}**\n\n{full_explanation(c)}" for i, c in enumerate(causes, 1)]
        return Section(key + ":detailed", title, "\n\n".join(b.strip() for b in blocks))
    lines = []
    confirmed = routed.state.confirmed_cause
    for i, c in enumerate(causes, 1):
        # The entry the answer is about has its explanation above: no paragraph twice.
        summary = "" if main is c or not brief else gist(c.other_clients) if other else " ".join(
            gist(t) for t in (c.explanation, c.other_clients) if t.strip())
        mark = f" — **found by {routed.state.confirmed_by}**" if c.id == confirmed else ""
        lines.append(f"{i}. **{cause_title(c, kind)}** (`{c.id}`){mark}" + (f" — {summary}" if summary else ""))
    return Section(key, title, "\n".join(lines))


def _fix_sections(routed: Routed, kb: KnowledgeBase, *, n_causes: int) -> list[Section]:
    """The first causes' fixes: for another client's call only the steps that are not the
    ABAP side's (clientside.fix_steps), and no section for a cause with none left."""
    fixes = [(kb.causes[c.id], fix_steps(kb.causes[c.id], routed, kb)) for c in routed.causes if c.id in kb.causes]
    causes = [(c, steps) for c, steps in fixes if steps]
    if not causes:
        return []
    confirmed = routed.state.confirmed_cause
    if confirmed and causes[0][0].id == confirmed:
        # A live check (or the system's own trace) found this cause: its fix is the answer.
        c, steps = causes[0]
        found = f"How to fix it — {routed.state.confirmed_by} found: {cause_title(c, routed.scope.kind)}"
        return [Section(f"fix:{c.id}:found", found, numbered(steps))]
    return [Section(f"fix:{c.id}", f"How to fix it — if: {cause_title(c, routed.scope.kind)}", numbered(steps))
            for c, steps in causes[:n_causes]]


def _network_topic(routed: Routed, kb: KnowledgeBase) -> bool:
    """The likely causes are ones a live check can see (a connection or TLS problem)."""
    for c in routed.causes[:3]:
        cause = kb.causes.get(c.id)
        if cause and cause.check and cause.check.step in LIVE_STEPS:
            return True
    return False


def _check_section(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> Section | None:
    """The command that confirms it live, only when it helps; the chat offers checks itself."""
    if for_chat:
        return None
    target = routed.check_target
    proxy = routed.entities.proxy_url or routed.state.proxy_url
    if target:
        return Section(f"check:{target}", "Confirm it live", f"Run {check_command(target, proxy)}.")
    if not _network_topic(routed, kb):
        return None
    key, how = ("check:generic:other", OTHER_CLIENT_CHECK) if routed.another_client else ("check:generic", GENERIC_CHECK)
    return Section(key, "Confirm it live", f"{how[0].upper()}{how[1:]}.")


def _sources_section(
    routed: Routed, kb: KnowledgeBase, main: Entry | None, *, n_causes: int = 2, limit: int = MAX_SOURCES,
) -> Section | None:
    """The sources of what the answer explains: the entry it is about and its first
    `n_causes` causes, at most `limit` of them."""
    sources: list[Source] = list(main.sources) if main is not None else []
    for c in routed.causes[:n_causes]:
        cause = kb.causes.get(c.id)
        if cause:
            sources.extend(cause.sources)
    block = sources_block(sources, limit=limit)
    if not block:
        return None
    return Section(f"sources:{main.id if main is not None else 'topic'}", "Sources", block.split("\n\n", 1)[1])


def _main_entry(routed: Routed, kb: KnowledgeBase) -> Entry | None:
    """What the answer is about, as the router decided it (intent.lead): a named message,
    the message or cause a number's reading leads to, a named code or cause, else the best
    match — or the most likely cause when the best-matching message does not list it."""
    lead = lead_of(routed, kb)
    if lead.entry is None:
        return None
    if lead.kind == "message":
        return kb.messages[lead.entry]
    if lead.kind == "code":
        return kb.codes[lead.entry]
    return kb.causes[lead.entry]


def _headline_is_the_cause(routed: Routed, kb: KnowledgeBase, main: Entry) -> bool:
    """The answer is headed by the most likely cause itself: a "Most likely cause" line
    would repeat the headline (unless a check found it, which that line says)."""
    top = top_cause(routed, kb)
    return top is not None and main is top and routed.state.confirmed_cause != top.id


def _reported_as_line(routed: Routed, kb: KnowledgeBase, main: Entry) -> str:
    """Under a cause that leads instead of the best-matching message: the message the
    router chose for it (the best-ranked one that lists it, first in `messages`)."""
    lead = lead_of(routed, kb)
    m = kb.messages.get(lead.message or "") if isinstance(main, Cause) else None
    return f"**SAP reports it as:** {m.id} — {message_text(m)}" if m is not None else ""


def _headline(main: Entry) -> str:
    if isinstance(main, Message):
        return message_heading(main)
    if isinstance(main, Code):
        return f"{main.id} ({main.numeric})" if main.numeric is not None else main.id
    if isinstance(main, Cause):
        return main.title
    return main.id


def _meaning_section(routed: Routed, kb: KnowledgeBase, main: Entry) -> Section:
    parts: list[str] = []
    if isinstance(main, Message):
        parts.append(wording_lines(main))
        if routed.intent != "fix" and main.meaning.strip():
            parts.append(main.meaning.strip())
        if main.system_response.strip() and routed.intent == "explain":
            parts.append(f"**What the system does**\n\n{main.system_response.strip()}")
    elif isinstance(main, Code):
        parts.append(code_meaning(main))
        seen_with = [kb.messages[m] for m in main.messages if m in kb.messages]
        if seen_with:
            parts.append("**Seen with**\n\n" + "\n".join(f"- {message_line(m)}" for m in seen_with))
    elif isinstance(main, Cause):
        parts.append(full_explanation(main))
    return Section(f"meaning:{main.id}", "What it means", "\n\n".join(p for p in parts if p.strip()))


def _reading_section(
    routed: Routed, kb: KnowledgeBase, *, paste_with_topic: bool, not_said: str | None = None,
) -> Section | None:
    """How the text was read: typo readings, completed names, unknown ids, the readings of
    numbers. In a pasted trace that named known entries, typo readings and unknown names
    are side notes and go to the end instead. `not_said`: the message the verdict already
    says a number is not (reading_notes.http_reading_notes)."""
    parts = [] if paste_with_topic else [corrections_note(routed)]
    parts += [resolved_note(routed), return_codes_note(routed, kb)]
    if not paste_with_topic:
        parts.append(unknown_block(routed, kb))
    parts += [http_reading_notes(routed, kb, not_said=not_said), ambiguity_block(routed, kb), icm_reading_notes(routed)]
    text = "\n\n".join(p.strip() for p in parts if p and p.strip())
    return Section(_key("reading", text), "How your text was read", text) if text else None


def _topic_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    main = _main_entry(routed, kb)
    if main is None:
        return _no_entry_doc(routed, kb, for_chat=for_chat)
    named = bool(routed.entities.message_ids or routed.entities.codes or routed.entities.causes)
    paste_with_topic = routed.entities.pasted and named
    verdict = [
        first_line(routed, kb, named),
        subject_line(routed, kb),
        *screen_lines(routed),
        _reported_as_line(routed, kb, main),
        "" if _headline_is_the_cause(routed, kb, main) or names_the_likely_cause(routed) else cause_line(routed, kb),
        next_step_line(routed, kb),
        check_offer_line(routed, for_chat=for_chat),
    ]
    sections: list[Section | None] = [
        _reading_section(routed, kb, paste_with_topic=paste_with_topic),
        *subject_sections(routed, kb),
        _meaning_section(routed, kb, main),
    ]
    if routed.intent == "causes":
        sections.append(_causes_section(routed, kb, main, limit=MAX_CAUSES_SHOWN, detailed=True))
        sections += _fix_sections(routed, kb, n_causes=1)
    elif routed.intent == "fix":
        sections.append(_causes_section(routed, kb, main, limit=3, detailed=False))
        sections += _fix_sections(routed, kb, n_causes=3)
    else:
        sections.append(_causes_section(routed, kb, main, limit=MAX_CAUSES_SHOWN, detailed=False))
        sections += _fix_sections(routed, kb, n_causes=2)
    codes: list[str] = []
    pitfalls: Section | None = None
    if isinstance(main, Message):
        codes = list(dict.fromkeys([*routed.entities.codes, *main.codes]))
        if main.pitfalls:
            pitfalls = Section(f"pitfalls:{main.id}", "Pitfalls", "\n".join(f"- {p.strip()}" for p in main.pitfalls))
    elif isinstance(main, Code):
        codes = [c for c in routed.entities.codes if c != main.id]
    related = related_codes(codes, kb)
    if related:
        sections.append(Section(f"codes:{main.id}", "Related codes", related.split("\n\n", 1)[1]))
    sections.append(pitfalls)
    if paste_with_topic:
        notes = "\n\n".join(p for p in (unknown_block(routed, kb), corrections_note(routed)) if p)
        if notes:
            sections.append(Section(_key("notes", notes), "Also in your text", notes))
    sections += [_check_section(routed, kb, for_chat=for_chat), _sources_section(routed, kb, main)]
    return assemble(_headline(main), verdict, sections)


def _no_entry_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    from assistant.answers import replies  # only some answers need them

    if routed.glossary:
        return _glossary_doc(routed, kb)
    unknown = unknown_block(routed, kb)
    if not unknown:
        return replies.not_understood_doc(routed, kb)
    ids = ", ".join(u.id for u in routed.unknown_ids)
    first, _, rest = unknown.partition("\n\n")
    sections = [Section(_key("unknown", rest), "How to get its text", rest) if rest else None,
                _check_section(routed, kb, for_chat=for_chat)]
    return assemble(f"{ids} is not in the knowledge base", [first], sections)


def _glossary_doc(routed: Routed, kb: KnowledgeBase) -> AnswerDoc:
    """"what is STRUST", "which parameter enables SNI": the term first, then context."""
    from assistant.answers import replies  # only some answers need them
    from assistant.answers.terms import lead_sentence

    ids = routed.glossary[:3]
    sections = replies.glossary_sections(routed, kb, ids)
    first = kb.glossary.get(ids[0]) if ids else None
    headline = sections[0].title if sections else "Glossary"
    verdict = lead_sentence(first.text) if first is not None else ""
    related = _causes_section(routed, kb, None, limit=3, detailed=False)
    if related is not None:
        sections.insert(len(sections) - 1, Section(related.key, "Related causes", related.markdown))
    return assemble(headline, [verdict], sections)


__all__ = ["build_answer", "build_answer_doc", "top_cause"]
