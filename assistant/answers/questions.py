"""Answers to questions: the Markdown for one routed turn, built from `Routed` and the base.

One builder for every front end (`sapassist ask`, the line chat, the Textual chat). It
reads the router's decisions off `Routed` (intent, ranking, follow-up, the ids demoted by
a number's reading) and never makes them again. Entry pages are `answers.entries`, the
message list `answers.listing`, the notes on how the text was read `answers.reading_notes`.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answers.pieces import (
    GENERIC_CHECK,
    LIVE_STEPS,
    WORDING_LABELS,
    Entry,
    cell,
    check_command,
    code_label,
    first_paragraph,
    glossary_heading,
    join_parts,
    message_heading,
    message_line,
    message_text,
    numbered,
    pitfalls_block,
    related_codes,
    sources_block,
    wording_lines,
)
from assistant.answers.reading_notes import (
    ambiguity_block,
    corrections_note,
    http_reading_notes,
    icm_reading_notes,
    resolved_note,
    unknown_block,
)
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, Code, Message, Source
from assistant.textsafe import md_code

MAX_CAUSES_SHOWN = 5


def _causes_list(routed: Routed, kb: KnowledgeBase, *, limit: int, detailed: bool) -> str:
    causes = [kb.causes[c.id] for c in routed.causes if c.id in kb.causes][:limit]
    if not causes:
        return ""
    if detailed:
        blocks = ["**Likely causes** (most likely first, ranked by what your text says)"]
        for i, c in enumerate(causes, 1):
            blocks.append(f"### {i}. {c.title}\n\n{c.explanation.strip()}")
        return "\n\n".join(blocks)
    lines = ["**Likely causes** (most likely first, ranked by what your text says)", ""]
    confirmed = routed.state.confirmed_cause
    for i, c in enumerate(causes, 1):
        brief = first_paragraph(c.explanation)
        mark = f" — **found by {routed.state.confirmed_by}**" if c.id == confirmed else ""
        lines.append(f"{i}. **{c.title}** (`{c.id}`){mark}" + (f" — {brief}" if brief else ""))
    return "\n".join(lines)


def _fix_block(routed: Routed, kb: KnowledgeBase, *, n_causes: int) -> str:
    causes = [kb.causes[c.id] for c in routed.causes if c.id in kb.causes and kb.causes[c.id].fix]
    if not causes:
        return ""
    confirmed = routed.state.confirmed_cause
    if confirmed and causes[0].id == confirmed:
        # A live check (or the system's own trace) found this cause: its fix is the answer.
        found = f"{routed.state.confirmed_by} found: {causes[0].title}"
        return f"**How to fix it** — {found}\n\n{numbered(causes[0].fix)}"
    blocks = ["**How to fix it**"]
    for c in causes[:n_causes]:
        blocks.append(f"#### If: {c.title}\n\n{numbered(c.fix)}")
    return "\n\n".join(blocks)


def _network_topic(routed: Routed, kb: KnowledgeBase) -> bool:
    """The likely causes are ones a live check can see (a connection or TLS problem)."""
    for c in routed.causes[:3]:
        cause = kb.causes.get(c.id)
        if cause and cause.check and cause.check.step in LIVE_STEPS:
            return True
    return False


def _check_block(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> str:
    """The command that confirms it live: with the host when known, only when it helps.

    In the chat the UI offers the check itself, so no command line is given there.
    """
    if for_chat:
        return ""
    target = routed.check_target
    proxy = routed.entities.proxy_url or routed.state.proxy_url
    if target:
        return f"**Confirm it live**: {check_command(target, proxy)}"
    if not _network_topic(routed, kb):
        return ""
    return f"**Confirm it live**: {GENERIC_CHECK}."



def _topic_sources(routed: Routed, kb: KnowledgeBase, main: Entry | None) -> str:
    sources: list[Source] = list(main.sources) if main is not None else []
    for c in routed.causes[:2]:
        cause = kb.causes.get(c.id)
        if cause:
            sources.extend(cause.sources)
    return sources_block(sources)


# --- intents -------------------------------------------------------------------------------


def _help_text(kb: KnowledgeBase) -> str:
    example = "SCLNT_HTTP407" if "SCLNT_HTTP407" in kb.messages else next(iter(sorted(kb.messages)), "a message id")
    return join_parts(
        [
            "I explain SAP HTTP-client errors (message class SCLNT_HTTP and the ICM, SapSSL "
            "and NI codes behind them) and tell you how to fix them.",
            "**You can:**\n\n"
            "- paste the error: an SM59 connection test result, a `dev_icm` trace line, "
            "an abapGit popup (\"HTTP error 407 occured: …\")\n"
            f"- ask about a message: *what is {example}?*, *what does 421 mean?*\n"
            "- ask *why?* or *how do I fix it?* about the current topic\n"
            "- compare: *difference between 407 and 421*\n"
            "- list the messages: *list all messages*\n"
            "- check a server live: *check github.com* (or `sapassist check https://github.com`)",
            "Command line: `sapassist ask TEXT`, `sapassist lookup ID`, `sapassist list`, "
            "`sapassist check URL`.",
        ]
    )


LIST_LIMIT = 500


def _compare_answer(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> str:
    ids = [m.id for m in routed.messages if m.id in kb.messages]
    named = [mid for mid in routed.entities.message_ids if mid in kb.messages]
    chosen = (named + [m for m in ids if m not in named])[:2]
    if len(chosen) < 2:
        return _topic_answer(routed, kb, for_chat=for_chat)
    a, b = kb.messages[chosen[0]], kb.messages[chosen[1]]

    def causes(m: Message) -> str:
        return ", ".join(kb.causes[c].title if c in kb.causes else c for c in m.causes[:3]) or "—"

    rows = [
        f"| | {a.id} | {b.id} |",
        "|---|---|---|",
        f"| Text | {cell(message_text(a))} | {cell(message_text(b))} |",
        f"| ICM constant | {a.icm_constant or '—'} | {b.icm_constant or '—'} |",
        f"| SAP's wording | {WORDING_LABELS[a.text_origin]} | {WORDING_LABELS[b.text_origin]} |",
        f"| Most likely causes | {cell(causes(a))} | {cell(causes(b))} |",
    ]
    shared = [c for c in a.causes if c in b.causes]
    only_a = [c for c in a.causes if c not in b.causes]
    only_b = [c for c in b.causes if c not in a.causes]

    def titles(ids: Sequence[str]) -> str:
        return ", ".join(kb.causes[c].title if c in kb.causes else c for c in ids) or "none"

    body = [
        f"## {a.id} vs {b.id}",
        "\n".join(rows),
        f"- **{a.id}**: {first_paragraph(a.meaning) or message_text(a)}\n"
        f"- **{b.id}**: {first_paragraph(b.meaning) or message_text(b)}",
        f"**Shared causes:** {titles(shared)}\n\n**Only {a.id}:** {titles(only_a)}\n\n**Only {b.id}:** {titles(only_b)}",
        ambiguity_block(routed, kb),
    ]
    return join_parts(body)


def _check_answer(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> str:
    target = routed.check_target
    proxy = routed.entities.proxy_url or routed.state.proxy_url
    if not target:
        return join_parts(
            [
                "**Which server should I check?** Give me the host or URL, e.g. "
                "*check github.com* or *check https://api.example.com:8443*.",
                "" if for_chat else f"From the command line: {GENERIC_CHECK}.",
            ]
        )
    how = (
        "It resolves the name, connects, talks TLS, validates the certificate chain and host "
        "name, and sends one HTTP request."
    )
    parts = [
        f"**Live check of {md_code(target)}.** {how}"
        if for_chat
        else f"**Live check of {md_code(target)}**: run {check_command(target, proxy)}. {how}",
    ]
    looks = []
    for c in routed.causes[:4]:
        cause = kb.causes.get(c.id)
        if cause and cause.check and cause.check.step != "none":
            how = first_paragraph(cause.check.how)
            looks.append(f"- **{cause.title}** — step `{cause.check.step}`" + (f": {how}" if how else ""))
    if looks:
        parts.append("**What it will tell you about the current topic**\n\n" + "\n".join(looks))
    return join_parts(parts)


def _not_understood_answer(routed: Routed, kb: KnowledgeBase) -> str:
    lead = (
        "**Your message was empty.** Paste an error text or ask a question."
        if routed.empty
        else "**I did not understand that.** I know SAP HTTP-client errors (SCLNT_HTTP), "
        "the ICM/SapSSL/NI codes behind them and how to fix them."
    )
    topics = []
    for key in routed.suggestions:
        kind, _, ident = key.partition(":")
        if kind == "m" and ident in kb.messages:
            topics.append(f"- {message_line(kb.messages[ident])}")
        elif kind == "c" and ident in kb.causes:
            topics.append(f"- {kb.causes[ident].title} (`{ident}`)")
        elif kind == "g" and ident in kb.glossary:
            topics.append(f"- `{ident}` — {kb.glossary[ident].title}")
        elif kind == "k" and ident in kb.codes:
            topics.append(f"- {code_label(kb, ident)}")
    closest = "**Closest topics**\n\n" + "\n".join(topics) if topics else ""
    return join_parts([lead, closest, "Try: *what is SCLNT_HTTP407?*, paste an error line, or type *help*."])


def _glossary_answer(routed: Routed, kb: KnowledgeBase) -> str:
    parts = []
    for gid in routed.glossary[:3]:
        g = kb.glossary.get(gid)
        if g:
            parts.append(f"## {glossary_heading(g)}\n\n*{g.kind}*\n\n{g.text.strip()}")
    sources = [s for gid in routed.glossary[:3] if gid in kb.glossary for s in kb.glossary[gid].sources]
    parts.append(sources_block(sources))
    return join_parts(parts)


def _main_entry(routed: Routed, kb: KnowledgeBase) -> Entry | None:
    """What the answer is about: a named message, else a named code, else the best match.

    A number the wording reads as a real HTTP status is not its SCLNT_HTTP namesake: then
    the message SAP reports for that status leads (HTTP 407 -> SCLNT_HTTP416), or the
    cause when there is no such message (HTTP 404 -> the server answered with an error).
    """
    e = routed.entities
    named = [m for m in e.message_ids if m in kb.messages and m not in routed.demoted_ids]
    if named:
        ranked = [m.id for m in routed.messages if m.id in named]
        return kb.messages[(ranked or named)[0]]
    for r in routed.readings:
        if r.lean in ("http", "icm_page") and r.message and r.message in kb.messages:
            return kb.messages[r.message]
    if e.codes and not routed.follow_up:
        # A real error code (SSSLERR_*, NIE*) says more than a trace line's state text.
        codes = sorted(e.codes, key=lambda c: kb.codes[c].layer == "ICM trace" if c in kb.codes else True)
        return kb.codes[codes[0]]
    if e.causes:
        return kb.causes[e.causes[0]]
    for r in routed.readings:
        if r.lean in ("http", "icm_page") and r.cause and r.cause in kb.causes:
            return kb.causes[r.cause]
    if routed.messages:
        return kb.messages[routed.messages[0].id]
    if routed.causes:
        return kb.causes[routed.causes[0].id]
    return None


def _topic_answer(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> str:
    main = _main_entry(routed, kb)
    unknown = unknown_block(routed, kb)
    if main is None:
        if routed.glossary:
            return _glossary_answer(routed, kb)
        if unknown:
            return join_parts([unknown, _check_block(routed, kb, for_chat=for_chat)])
        return _not_understood_answer(routed, kb)

    parts: list[str] = []
    named = bool(routed.entities.message_ids or routed.entities.codes or routed.entities.causes)
    if routed.follow_up:
        parts.append("*(about the current topic)*")
    elif not named and not routed.readings:
        parts.append("*(best match for your wording)*")
    # In a pasted trace that named known entries, typo readings and unknown names are
    # side notes: they go to the end instead of standing before the answer.
    paste_with_topic = routed.entities.pasted and named
    if not paste_with_topic:
        parts.append(corrections_note(routed))
    parts.append(resolved_note(routed))
    if unknown and not paste_with_topic:
        parts.append(unknown)
    parts.append(http_reading_notes(routed, kb))
    parts.append(ambiguity_block(routed, kb))

    codes: list[str] = []
    pitfalls = ""
    if isinstance(main, Message):
        parts.append(f"## {message_heading(main)}")
        parts.append(wording_lines(main))
        parts.append(icm_reading_notes(routed))
        if routed.intent != "fix":
            parts.append(f"**What it means**\n\n{main.meaning.strip()}" if main.meaning.strip() else "")
            if main.system_response.strip() and routed.intent == "explain":
                parts.append(f"**What the system does**\n\n{main.system_response.strip()}")
        codes = list(dict.fromkeys([*routed.entities.codes, *main.codes]))
        pitfalls = pitfalls_block(main)
    elif isinstance(main, Code):
        num = f" ({main.numeric})" if main.numeric is not None else ""
        parts.append(f"## {main.id}{num}" + (f"\n\n*{main.layer}*" if main.layer else ""))
        parts.append(main.meaning.strip())
        seen_with = [kb.messages[m] for m in main.messages if m in kb.messages]
        if seen_with:
            parts.append("**Seen with**\n\n" + "\n".join(f"- {message_line(m)}" for m in seen_with))
        codes = [c for c in routed.entities.codes if c != main.id]
    elif isinstance(main, Cause):
        parts.append(f"## {main.title}\n\n{main.explanation.strip()}")

    if routed.intent == "causes":
        parts.append(_causes_list(routed, kb, limit=MAX_CAUSES_SHOWN, detailed=True))
        parts.append(_fix_block(routed, kb, n_causes=1))
    elif routed.intent == "fix":
        parts.append(_causes_list(routed, kb, limit=3, detailed=False))
        parts.append(_fix_block(routed, kb, n_causes=3))
    else:
        parts.append(_causes_list(routed, kb, limit=MAX_CAUSES_SHOWN, detailed=False))
        parts.append(_fix_block(routed, kb, n_causes=2))
    parts.append(related_codes(codes, kb))
    parts.append(pitfalls)
    if unknown and paste_with_topic:
        parts.append(unknown)
    parts.append(_check_block(routed, kb, for_chat=for_chat))
    parts.append(_topic_sources(routed, kb, main))
    return join_parts(parts)


def build_answer(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> str:
    """The Markdown answer for one routed turn (never empty).

    `for_chat`: the chat offers live checks itself, so no `sapassist check` command line.
    A cipher-suite parameter named with its value gets what that value means: first when
    the question is about it, after the answer when the text names an error too.
    """
    body = _answer_body(routed, kb, for_chat=for_chat)
    values = routed.entities.parameter_values
    if not values or routed.intent in ("greeting", "thanks", "help", "list"):
        return body
    from assistant.answers.ciphersuites import value_markdown_block

    e = routed.entities
    if e.message_ids or e.codes or e.icm_constants:
        return join_parts([body, value_markdown_block(values, level=3)])
    return join_parts([value_markdown_block(values, level=2), body])


def _answer_body(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> str:
    intent = routed.intent
    if intent == "greeting":
        return join_parts(["Hello! " + _help_text(kb)])
    if intent == "thanks":
        return "You're welcome. Paste the next error or ask another question any time.\n"
    if intent == "help":
        return _help_text(kb)
    if intent == "list":
        from assistant.answers.listing import message_list_markdown, messages_to_list

        return message_list_markdown(messages_to_list(kb), for_chat=for_chat) + "\n"
    if intent == "compare":
        return _compare_answer(routed, kb, for_chat=for_chat)
    if intent == "check":
        return _check_answer(routed, kb, for_chat=for_chat)
    if intent == "not_understood":
        return _not_understood_answer(routed, kb)
    e = routed.entities
    named = e.message_ids or e.icm_constants or e.codes or e.causes or routed.unknown_ids
    decided = [r for r in routed.readings if r.lean in ("http", "icm_page")]
    if routed.glossary and not named and not decided and not routed.follow_up:
        # "what is STRUST", "which parameter enables SNI": the term first, then context.
        related = _causes_list(routed, kb, limit=3, detailed=False)
        return join_parts([_glossary_answer(routed, kb), related.replace("**Likely causes**", "**Related causes**", 1)])
    return _topic_answer(routed, kb, for_chat=for_chat)
