"""The answer about one entry of the base: a message, a code or a cause the router led
with (`intent.lead`), with its meaning, causes, fixes, related codes and pitfalls; and the
answers for a text that names no entry: an id the base does not know, a glossary term."""

from __future__ import annotations

from dataclasses import replace

from assistant.answers.answer_sections import (
    causes_section,
    check_section,
    fix_sections,
    reading_section,
    section_key,
    sources_section,
)
from assistant.answers.comparison import compared_now, comparison_lines
from assistant.answers.document import AnswerDoc, Section, assemble
from assistant.answers.nextstep import next_step
from assistant.answers.otherwording import two_readings_line
from assistant.answers.pieces import (
    Entry,
    code_meaning,
    full_explanation,
    message_heading,
    message_line,
    message_text,
    related_codes,
    wording_lines,
)
from assistant.answers.quoting import screen_lines
from assistant.answers.reading_notes import corrections_note, unknown_block
from assistant.answers.subject import (
    names_the_likely_cause,
    subject_line,
    subject_sections,
    yes_no_line,
)
from assistant.answers.verdict import (
    cause_line,
    check_offer_line,
    first_line,
    top_cause,
)
from assistant.answers.why import why_line
from assistant.intent.lead import lead_of
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, Code, Message

MAX_CAUSES_SHOWN = 5


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
    """The answer is headed by the most likely cause itself (or a code in its words): a
    "Most likely cause" line would repeat the headline (unless a check found it, which that
    line says)."""
    top = top_cause(routed, kb)
    said = _code_in_words(main, kb) if isinstance(main, Code) else main
    return top is not None and said is top and routed.state.confirmed_cause != top.id


def _code_in_words(code: Code, kb: KnowledgeBase) -> Cause | None:
    """The cause whose title says a code in words: its first cause, for an ABAP exception the
    base sees with no message (CREATE_PSE_NOT_FOUND: the PSE is missing), which would otherwise
    head the answer as a bare id; None for any other code (headed as written, by its message)."""
    if code.layer != "ABAP exception" or any(m in kb.messages for m in code.messages) or not code.causes:
        return None  # a SapSSL or NI code is a trace's word, shown as pasted; its first cause is no meaning
    return kb.causes.get(code.causes[0])


def _reported_as_line(routed: Routed, kb: KnowledgeBase, main: Entry) -> str:
    """Under a cause that leads instead of the best-matching message: the message the
    router chose for it (the best-ranked one that lists it, first in `messages`)."""
    lead = lead_of(routed, kb)
    m = kb.messages.get(lead.message or "") if isinstance(main, Cause) else None
    return f"**SAP reports it as:** {m.id} — {message_text(m)}" if m is not None else ""


def _shown_as(routed: Routed, kb: KnowledgeBase, code: Code) -> str:
    """For a headline code (SSSLERR_PEER_CERT_UNTRUSTED): " → SCLNT_HTTP421", the best-ranked
    message it is seen with — what the admin finds in SM59 or get_last_error. In the
    headline, not a verdict line of its own: the verdict's lines are the first screen."""
    m = next((s.id for s in routed.messages if s.id in code.messages and s.id in kb.messages), None)
    return f" → {m}" if m else ""


def _headline(main: Entry, kb: KnowledgeBase) -> str:
    if isinstance(main, Message):
        return message_heading(main)
    if isinstance(main, Code):
        words = _code_in_words(main, kb)
        if words is not None:  # an id shown to a person is in words, the code beside them
            return f"{words.title} ({main.id})"
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


def topic_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    main = _main_entry(routed, kb)
    if main is None:
        return _no_entry_doc(routed, kb, for_chat=for_chat)
    named = bool(routed.entities.message_ids or routed.entities.codes or routed.entities.causes)
    paste_with_topic = routed.entities.pasted and named
    step = next_step(routed, kb)
    verdict = [
        yes_no_line(routed, kb),  # "is it the proxy?": yes or no first
        first_line(routed, kb, named),
        two_readings_line(routed, kb),  # "sclnt_http 404 partner not reached": the number's and the words'
        subject_line(routed, kb),
        *comparison_lines(routed, kb),  # "You said “curl from the app server works”: …"
        *screen_lines(routed),
        _reported_as_line(routed, kb, main),
        "" if _headline_is_the_cause(routed, kb, main) or names_the_likely_cause(routed) or compared_now(routed)
        else cause_line(routed, kb),
        why_line(routed, kb),  # a bare "why?": why that cause
        step.line,
        check_offer_line(routed, for_chat=for_chat),
    ]
    sections: list[Section | None] = [
        reading_section(routed, kb, paste_with_topic=paste_with_topic),
        *subject_sections(routed, kb),
        _meaning_section(routed, kb, main),
    ]
    if routed.intent == "causes":
        sections.append(causes_section(routed, kb, main, limit=MAX_CAUSES_SHOWN, detailed=True))
        sections += fix_sections(routed, kb, n_causes=1)
    elif routed.intent == "fix":
        sections.append(causes_section(routed, kb, main, limit=3, detailed=False))
        sections += fix_sections(routed, kb, n_causes=3)
    else:
        sections.append(causes_section(routed, kb, main, limit=MAX_CAUSES_SHOWN, detailed=False))
        sections += fix_sections(routed, kb, n_causes=2)
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
            sections.append(Section(section_key("notes", notes), "Also in your text", notes))
    sections += [check_section(routed, kb, for_chat=for_chat), sources_section(routed, kb, main)]
    shown_as = _shown_as(routed, kb, main) if isinstance(main, Code) else ""
    return assemble(_headline(main, kb) + shown_as, verdict, sections, step=step.given)


def _no_entry_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    from assistant.answers import replies  # only some answers need them

    if routed.glossary:
        return glossary_doc(routed, kb)
    unknown = unknown_block(routed, kb)
    if not unknown:
        return replies.not_understood_doc(routed, kb)
    ids = ", ".join(u.id for u in routed.unknown_ids)
    first, _, rest = unknown.partition("\n\n")
    sections = [Section(section_key("unknown", rest), "How to get its text", rest) if rest else None,
                check_section(routed, kb, for_chat=for_chat)]
    return assemble(f"{ids} is not in the knowledge base", [first], sections)


def glossary_doc(routed: Routed, kb: KnowledgeBase) -> AnswerDoc:
    """"what is STRUST", "which parameter enables SNI": the term first, then context."""
    from assistant.answers import replies  # only some answers need them
    from assistant.answers.terms import lead_sentence

    ids = routed.glossary[:3]
    sections = replies.glossary_sections(routed, kb, ids)
    first = kb.glossary.get(ids[0]) if ids else None
    headline = sections[0].title if sections else "Glossary"
    verdict = lead_sentence(first.text) if first is not None else ""
    if first is not None and sections and sections[0].key == f"glossary:{first.id}":
        sections[0:1] = _rest_of_the_entry(sections[0], first.text)
    related = causes_section(routed, kb, None, limit=3, detailed=False)
    if related is not None:
        sections.insert(len(sections) - 1, Section(related.key, "Related causes", related.markdown))
    return assemble(headline, [verdict], sections)


def _rest_of_the_entry(section: Section, text: str) -> list[Section]:
    """The headline and the verdict are the entry's title and first paragraph already: its
    section keeps only what follows (nothing, when the entry is that one paragraph)."""
    rest = text.strip().split("\n\n", 1)[1:]
    return [replace(section, title="In detail", markdown=rest[0].strip())] if rest and rest[0].strip() else []


def unknown_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    """An id the base does not know leads, before anything else the text says."""
    from assistant.answers import scoped  # only some answers need them

    headline, verdict, details = scoped.unknown_lines(routed, kb)
    # Causes the rest of the text shows; one met only by words a cause's explanation shares
    # (or the SSL family an unknown SapSSL code names) would answer the id as a guess.
    shown = replace(routed, causes=[c for c in routed.causes if not c.keyword_only])
    related = causes_section(shown, kb, None, limit=3, detailed=False)
    sections: list[Section | None] = [details]
    if related is not None:
        sections.append(Section(related.key, "What the rest of your text points to", related.markdown))
    sections += [reading_section(routed, kb, paste_with_topic=True), check_section(routed, kb, for_chat=for_chat)]
    return assemble(headline, verdict, sections)
