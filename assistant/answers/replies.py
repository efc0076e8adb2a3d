"""Answers that are not about one error: greetings, help, the list, a comparison, a check
request, a glossary term and "not understood". Each is an `AnswerDoc` like every answer."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answers.document import AnswerDoc, Section
from assistant.answers.pieces import (
    GENERIC_CHECK,
    WORDING_LABELS,
    cause_title,
    cell,
    check_command,
    code_label,
    first_paragraph,
    glossary_heading,
    message_line,
    message_text,
    sources_block,
)
from assistant.answers.reading_notes import ambiguity_block
from assistant.diagnostics.idnform import url_host_unicode_form
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import GlossaryEntry, Message
from assistant.textsafe import escape_markdown, md_code


def help_doc(kb: KnowledgeBase, *, greeting: bool = False) -> AnswerDoc:
    example = "SCLNT_HTTP407" if "SCLNT_HTTP407" in kb.messages else next(iter(sorted(kb.messages)), "a message id")
    usage = (
        "- paste the error: an SM59 connection test result, a `dev_icm` trace line, "
        "an abapGit popup (\"HTTP error 407 occured: …\")\n"
        f"- ask about a message: *what is {example}?*, *what does 421 mean?*\n"
        "- ask *why?* or *how do I fix it?* about the current topic\n"
        "- compare: *difference between 407 and 421*\n"
        "- ask about the setup: *which profile parameters matter?*, *which transactions do I need?*\n"
        "- list the messages: *list all messages*\n"
        "- check a server live: *check github.com* (or `sapassist check https://github.com`)\n\n"
        "Command line: `sapassist ask TEXT`, `sapassist lookup ID`, `sapassist list`, "
        "`sapassist check URL`."
    )
    return AnswerDoc(
        headline="Hello!" if greeting else "What I can do",
        verdict=(
            "I explain SAP HTTP-client errors (message class SCLNT_HTTP and the ICM, SapSSL "
            "and NI codes behind them) and tell you how to fix them."
        ),
        sections=(Section("help:usage", "You can", usage),),
    )


def thanks_doc() -> AnswerDoc:
    return AnswerDoc("You're welcome", "Paste the next error or ask another question any time.")


def list_doc(kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    from assistant.answers.listing import message_list_markdown, messages_to_list

    listing = messages_to_list(kb)
    body = message_list_markdown(listing, for_chat=for_chat)
    body = body.split("\n\n", 1)[1] if body.startswith("## ") and "\n\n" in body else body
    return AnswerDoc(
        headline=f"Known messages ({listing.total})",
        verdict="Every message the knowledge base knows, SCLNT_HTTP first.",
        sections=(Section("list:messages", "Messages", body),),
    )


def compare_doc(routed: Routed, kb: KnowledgeBase, chosen: Sequence[str]) -> AnswerDoc:
    a, b = kb.messages[chosen[0]], kb.messages[chosen[1]]

    def causes(m: Message) -> str:
        return ", ".join(kb.causes[c].title if c in kb.causes else c for c in m.causes[:3]) or "—"

    def titles(ids: Sequence[str]) -> str:
        return ", ".join(kb.causes[c].title if c in kb.causes else c for c in ids) or "none"

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
    verdict = (
        f"- **{a.id}**: {first_paragraph(a.meaning) or message_text(a)}\n"
        f"- **{b.id}**: {first_paragraph(b.meaning) or message_text(b)}"
    )
    sections = [
        Section(f"compare:{a.id}:{b.id}", "Side by side", "\n".join(rows)),
        Section(
            f"compare-causes:{a.id}:{b.id}",
            "Causes",
            f"**Shared causes:** {titles(shared)}\n\n**Only {a.id}:** {titles(only_a)}\n\n"
            f"**Only {b.id}:** {titles(only_b)}",
        ),
        Section("reading:ambiguity", "How your text was read", ambiguity_block(routed, kb)),
    ]
    return AnswerDoc(f"{a.id} vs {b.id}", verdict, tuple(sections))


def check_request_doc(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> AnswerDoc:
    target = routed.check_target
    proxy = routed.entities.proxy_url or routed.state.proxy_url
    if not target:
        verdict = (
            "Give me the host or URL, e.g. *check github.com* or *check https://api.example.com:8443*."
            + ("" if for_chat else f"\n\nFrom the command line: {GENERIC_CHECK}.")
        )
        return AnswerDoc("Which server should I check?", verdict)
    how = (
        "It resolves the name, connects, talks TLS, validates the certificate chain and host "
        "name, and sends one HTTP request."
    )
    verdict = how if for_chat else f"Run {check_command(target, proxy)}. {how}"
    looks = []
    for c in routed.causes[:4]:
        cause = kb.causes.get(c.id)
        if cause and cause.check and cause.check.step != "none":
            step_how = first_paragraph(cause.check.how)
            looks.append(f"- **{cause_title(cause, routed.scope.kind)}** — step `{cause.check.step}`" + (f": {step_how}" if step_how else ""))
    sections = (Section(f"check-looks:{target}", "What it will tell you about the current topic", "\n".join(looks)),)
    written = url_host_unicode_form(target)  # an `xn--` host: the name as typed beside it, as the report's header
    aside = "" if written is None else f" ({escape_markdown(written)})"
    return AnswerDoc(f"Live check of {md_code(target)}{aside}", verdict, sections)


SAP_CLIENT = "sap_http_client"
SHOWN_BY_A_CUE = 0.5  # Scope.strength of an indicative cue: the text shows who failed


def not_understood_doc(routed: Routed, kb: KnowledgeBase) -> AnswerDoc:
    if routed.empty:
        return AnswerDoc("Your message was empty", "Paste an error text or ask a question.")
    if routed.scope.kind == SAP_CLIENT and routed.scope.strength >= SHOWN_BY_A_CUE and routed.question:
        return _sap_client_failure_without_its_code(routed)
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
    verdict = (
        "I know SAP HTTP-client errors (SCLNT_HTTP), the ICM/SapSSL/NI codes behind them and "
        "how to fix them. Try: *what is SCLNT_HTTP407?*, paste an error line, or type `/help`."
    )
    if routed.question:  # a report in words the base does not know: what would decide
        verdict = f"**{routed.question}**\n\n{verdict}"
    sections = (Section("suggestions", "Closest topics", "\n".join(topics)),) if topics else ()
    return AnswerDoc("I did not understand that", verdict, sections)


def _sap_client_failure_without_its_code(routed: Routed) -> AnswerDoc:
    """The text shows the ABAP HTTP client failed (CX_REST_CLIENT_EXCEPTION, an HTTP client
    dump) but not which error it hid: that much is understood; the question decides the
    rest. No list of loosely matching topics (an SAP note, a transaction) beside it."""
    verdict = (
        f"**{routed.question}**\n\nThe text shows the SAP system's HTTP client failed ({routed.scope.reason}), "
        "not why: the exception or dump only wraps the failure. Its error text — `get_last_error` after the "
        "exception, the SM59 connection test of the destination, or the matching lines in `dev_icm` — names "
        "the SCLNT_HTTP message, and with it the cause."
    )
    return AnswerDoc("An SAP HTTP-client failure, without its error text", verdict)


def glossary_sections(routed: Routed, kb: KnowledgeBase, ids: Sequence[str]) -> list[Section]:
    """One section per glossary entry asked about, and their sources."""
    sections = []
    for gid in ids:
        g = kb.glossary.get(gid)
        if g:
            sections.append(Section(f"glossary:{g.id}", _section_heading(g), f"*{g.kind.capitalize()}:* {g.text.strip()}"))
    sources = [s for gid in ids if gid in kb.glossary for s in kb.glossary[gid].sources]
    block = sources_block(sources)
    if block:
        sections.append(Section("sources:" + ",".join(ids), "Sources", block.split("\n\n", 1)[1]))
    return sections


def _section_heading(g: GlossaryEntry) -> str:
    """A term's heading in an answer: its title. A term's id with an underscore is the base's
    key ("CLOUD_CONNECTOR_TRUST — SAP Cloud Connector — …"), not a word anyone writes; a
    transaction, parameter, note or acronym ("ICM") keeps its id (glossary_heading)."""
    return g.title if g.kind == "term" and "_" in g.id else glossary_heading(g)
