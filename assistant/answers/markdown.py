"""Answers as Markdown strings, built from the router's result and the knowledge base.

No markdown-it here: `ask --json` prints this text without paying for a Markdown parser.
Knowledge-base prose (meanings, fixes) is our own Markdown and goes in as is. Message
texts are not Markdown — a T100 import brings the system's texts verbatim, `*`, `_` and
`<` included — and, like anything from the user (hosts, URLs, unknown ids), pass through
`assistant.textsafe` first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.intent.httpstatus import HTTP_REASONS, icm_pages_for
from assistant.intent.readings import demoted_ids
from assistant.intent.result import NumberReading, Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, Code, GlossaryEntry, Message, Source
from assistant.textsafe import escape_control, escape_markdown, md_code, md_inline

INFERRED_NOTE = "(title derived from the ICM constant — SAP's wording not confirmed)"
IMPORTED_NOTE = "(text imported from your system's T100)"
IMPORTED_ONLY_NOTE = (
    "(SAP's text from your system's T100 import; the knowledge base has no explanation "
    "or causes of its own for this message)"
)
WORDING_LABELS = {  # by Message.text_origin
    "confirmed": "confirmed",
    "derived": "not confirmed (title derived)",
    "imported": "imported from your T100",
}
MAX_CAUSES_SHOWN = 5
MAX_SOURCES = 6

Entry = Message | Cause | Code | GlossaryEntry


# --- small pieces -----------------------------------------------------------------------


def _first_paragraph(text: str) -> str:
    text = text.strip()
    return text.split("\n\n", 1)[0].replace("\n", " ").strip() if text else ""


def _cell(text: str) -> str:
    """Text for a table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _numbered(steps: Sequence[str]) -> str:
    lines = []
    for i, step in enumerate(steps, 1):
        body = step.strip().replace("\n", "\n   ")
        lines.append(f"{i}. {body}")
    return "\n".join(lines)


def message_text(m: Message) -> str:
    """The message's text, escaped so that it renders literally inside a Markdown line."""
    return md_inline(m.display_text)


def message_heading(m: Message) -> str:
    return f"{m.id} — {message_text(m)}"


def wording_note(m: Message) -> str | None:
    """The honesty mark for a message whose text is not SAP's confirmed short text."""
    if m.short_text:
        return None
    if m.imported_text:
        return IMPORTED_NOTE
    return INFERRED_NOTE


def _wording_lines(m: Message) -> str:
    """Under a message heading: whose wording it is, and the user's own T100 text when it
    differs from the confirmed one (issue: shown beside it, never instead of it)."""
    note = wording_note(m)
    lines = [f"*{note}*"] if note else []
    if m.short_text and m.imported_text and m.imported_text != m.short_text:
        lines.append(f"Text in your system (T100): {md_inline(m.imported_text)}")
    if _bare_import(m):
        lines.append(f"*{IMPORTED_ONLY_NOTE}*")
    return "\n\n".join(lines)


def _bare_import(m: Message) -> bool:
    """A T100 import and nothing else: the base has no meaning or causes to add."""
    return m.status == "imported" and not (m.meaning.strip() or m.causes)


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def glossary_heading(g: GlossaryEntry) -> str:
    """`STRUST — Trust Manager`; a title that already names the entry ("SM59 — RFC/HTTP
    destinations", "SAP Note 510007 — …", a parameter) is not prefixed with its id again."""
    return g.title if _alnum(g.id) in _alnum(g.title) else f"{g.id} — {g.title}"


def _message_line(m: Message) -> str:
    note = wording_note(m)
    suffix = f" *{note}*" if note else ""
    return f"**{m.id}** — {message_text(m)}{suffix}"


def _sources_block(sources: Iterable[Source]) -> str:
    seen: set[str] = set()
    lines = []
    for s in sources:
        if s.url in seen:
            continue
        seen.add(s.url)
        note = f" — {s.note}" if s.note else ""
        lines.append(f"- <{s.url}>{note}")
        if len(lines) >= MAX_SOURCES:
            break
    return "**Sources**\n\n" + "\n".join(lines) if lines else ""


# Live checks confirm causes at these steps; a topic without any is no network problem.
LIVE_STEPS = frozenset({"resolve", "connect", "proxy", "tls", "chain", "client_cert", "http"})
GENERIC_CHECK = (
    "run `sapassist check URL`, with URL replaced by the address the call goes to "
    "(SM59 → *Technical Settings*, or the URL in your program)"
)


def _check_target(target: str) -> str:
    safe = escape_control(target)
    return safe if "://" in safe else f"https://{safe}"


def check_command(target: str | None, proxy_url: str | None = None) -> str:
    """The check command line, ready to paste into a shell; without a target the
    placeholder is the word URL.

    URLs are shell-quoted: `?a=1&b=2` unquoted would put the check in the background and
    a `*` would be expanded as a file pattern.
    """
    from shlex import quote

    cmd = "sapassist check " + (quote(_check_target(target)) if target else "URL")
    if proxy_url:
        proxy = escape_control(proxy_url)
        cmd += " --proxy " + quote(proxy if "://" in proxy else "http://" + proxy)
    return md_code(cmd)


def _join(parts: Iterable[str]) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip()) + "\n"


def _code_label(kb: KnowledgeBase, code_id: str) -> str:
    code = kb.codes.get(code_id)
    if code is None:
        return f"`{code_id}`"
    num = f" ({code.numeric})" if code.numeric is not None else ""
    meaning = _first_paragraph(code.meaning)
    return f"`{code.id}`{num}" + (f" — {meaning}" if meaning else "")


# --- blocks used by several answers --------------------------------------------------------


def _reading(routed: Routed, number: int) -> NumberReading | None:
    return next((r for r in routed.readings if r.number == number), None)


def _message_ref(kb: KnowledgeBase, mid: str | None) -> str:
    m = kb.messages.get(mid or "")
    return f"**{m.id}** — {message_text(m)}" if m else ""


def _ambiguity_block(routed: Routed, kb: KnowledgeBase) -> str:
    """Both readings, for the numbers the wording does not decide."""
    if not routed.ambiguity:
        return ""
    lines = []
    numbers: list[int] = []
    for a in routed.ambiguity:
        reading = _reading(routed, a.code)
        if a.code not in numbers and not (reading and reading.decided):
            numbers.append(a.code)
    for number in numbers:
        lines.append(f"**{number} can be read two ways:**\n")
        for a in routed.ambiguity:
            if a.code != number:
                continue
            if a.kind == "http_status":
                label = f"HTTP status **{a.code} {a.meaning}** from the server or a proxy"
                leads = _message_ref(kb, a.message)
                if leads:
                    label += f"; SAP then reports {leads}"
            else:
                m = kb.message_by_number(a.code)
                label = f"ICM code **SCLNT_HTTP{a.code:03d}** — " + (
                    message_text(m) if m else md_inline(a.meaning)
                )
            note = f" — *{a.note}*" if a.note else ""
            lines.append(f"- {label}{note}")
        lines.append("")
    return "\n".join(lines)


def _icm_reading_notes(routed: Routed) -> str:
    """One line per number the wording decides for the ICM: not the HTTP status."""
    lines = []
    for r in routed.readings:
        reason = HTTP_REASONS.get(r.number)
        if r.lean == "icm" and r.decided and reason:
            lines.append(f"*Not HTTP {r.number} {reason}: the wording is an ICM error.*")
    return "\n\n".join(lines)


def _icm_made_pages(number: int) -> str:
    pages = icm_pages_for(number)
    if not pages:
        return ""
    names = " / ".join(f'"{p.title}"' for p in pages)
    return (
        f" Only if you read it with `get_status( )` after a failed RECEIVE: the ICM makes "
        f"{number} {names} pages itself — then `get_last_error` has the real ICM code."
    )


def _http_reading_notes(routed: Routed, kb: KnowledgeBase) -> str:
    """Lead-in for statuses the wording reads as real HTTP statuses or as ICM-made pages."""
    parts = []
    for r in routed.readings:
        reason = HTTP_REASONS.get(r.number, "")
        if r.lean == "icm_page":
            leads = _message_ref(kb, r.message)
            parts.append(
                f"**{r.number} here is not the server's answer:** {r.note}. It is not "
                f"SCLNT_HTTP{r.number:03d} either; read `get_last_error` (or `dev_icm`) for "
                "the ICM's own code" + (f" — usually {leads}." if leads else ".")
            )
            continue
        if r.lean != "http" or r.number not in routed.http_statuses:
            continue
        if not r.decided:  # only a base rate: the two-readings block says it, once
            continue
        source = "the proxy" if r.via == "proxy" else "the server"
        text = (
            f"**This looks like a real HTTP status: {r.number} {reason}** — {source} "
            "answered, so the connection itself worked."
        )
        leads = _message_ref(kb, r.message)
        if leads:
            text += f" In SAP terms this is {leads}"
            text += f": {r.note}." if r.note else "."
        elif r.note:
            text += f" {r.note[0].upper()}{r.note[1:]}."
        text += _icm_made_pages(r.number)
        icm = next((a for a in routed.ambiguity if a.code == r.number and a.kind == "sclnt_http"), None)
        if icm is not None:
            text += (
                f"\n\n*Not SCLNT_HTTP{r.number:03d} — {md_inline(icm.meaning)}: that reading applies when the "
                "number came from the ICM (SM59 error text, `get_last_error`, abapGit's "
                "\"HTTP error … occured\").*"
            )
        parts.append(text)
    return "\n\n".join(parts)


def _resolved_note(routed: Routed) -> str:
    return "\n\n".join(
        f"*({md_code(written)} is not a full code name; taking it as {md_code(taken)}.)*"
        for written, taken in routed.resolved
    )


def _unknown_block(routed: Routed, kb: KnowledgeBase) -> str:
    parts = []
    for u in routed.unknown_ids:
        name = md_code(u.id)
        if u.kind == "message":
            cls, number = u.id[:-3], u.id[-3:]
            near = ", ".join(
                _message_line(kb.messages[n]) for n in u.nearest if n in kb.messages
            )
            http = HTTP_REASONS.get(int(number)) if number.isdigit() else None
            http_line = (
                f" If it came from a server's response instead, HTTP {number} means "
                f"\"{http}\"." if http else ""
            )
            parts.append(
                f"**{name} is not in the knowledge base.** No public source gives SAP's text "
                f"for it, so I will not guess.{http_line}\n\n"
                + (f"Known neighbours: {near}.\n\n" if near else "")
                + "To add it from your own system: open `SE91` → message class "
                f"{md_code(cls)} and read number {number}, or `SE16` → table `T100` "
                f"(SPRSL = your language, ARBGB = {md_code(cls)}); download the rows "
                "as text, then run `sapassist kb import-t100 FILE --output DIR` and use "
                "`--kb DIR` (or add DIR to the config file)."
            )
        else:
            near = ", ".join(f"`{n}`" for n in dict.fromkeys(u.nearest))
            parts.append(
                f"**{name} is not in the knowledge base.**"
                + (f" Closest known codes: {near}." if near else "")
            )
    return "\n\n".join(parts)


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
        brief = _first_paragraph(c.explanation)
        mark = " — **found by the live check**" if c.id == confirmed else ""
        lines.append(f"{i}. **{c.title}** (`{c.id}`){mark}" + (f" — {brief}" if brief else ""))
    return "\n".join(lines)


def _fix_block(routed: Routed, kb: KnowledgeBase, *, n_causes: int) -> str:
    causes = [kb.causes[c.id] for c in routed.causes if c.id in kb.causes and kb.causes[c.id].fix]
    if not causes:
        return ""
    confirmed = routed.state.confirmed_cause
    if confirmed and causes[0].id == confirmed:
        # The live check found this cause: its fix is the answer, the rest is noise.
        return f"**How to fix it** — the live check found: {causes[0].title}\n\n{_numbered(causes[0].fix)}"
    blocks = ["**How to fix it**"]
    for c in causes[:n_causes]:
        blocks.append(f"#### If: {c.title}\n\n{_numbered(c.fix)}")
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


def _related_codes(codes: Sequence[str], kb: KnowledgeBase) -> str:
    if not codes:
        return ""
    return "**Related codes**\n\n" + "\n".join(f"- {_code_label(kb, c)}" for c in codes[:6])


def _pitfalls(m: Message) -> str:
    if not m.pitfalls:
        return ""
    return "**Pitfalls**\n\n" + "\n".join(f"- {p.strip()}" for p in m.pitfalls)


def _corrections_note(routed: Routed) -> str:
    fixes = routed.entities.corrections
    if not fixes:
        return ""
    shown = ", ".join(f"{escape_markdown(a)} → {escape_markdown(b)}" for a, b in fixes[:5])
    return f"*(read as: {shown})*"


def _topic_sources(routed: Routed, kb: KnowledgeBase, main: Entry | None) -> str:
    sources: list[Source] = list(main.sources) if main is not None else []
    for c in routed.causes[:2]:
        cause = kb.causes.get(c.id)
        if cause:
            sources.extend(cause.sources)
    return _sources_block(sources)


# --- intents -------------------------------------------------------------------------------


def _help_text(kb: KnowledgeBase) -> str:
    example = "SCLNT_HTTP407" if "SCLNT_HTTP407" in kb.messages else next(iter(sorted(kb.messages)), "a message id")
    return _join(
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


def messages_to_list(
    kb: KnowledgeBase, message_class: str | None = None, limit: int = LIST_LIMIT
) -> tuple[list[Message], int]:
    """Up to `limit` messages to show (SCLNT_HTTP first, then by class) and how many exist.

    Builds only the classes it shows, so a 100,000-message T100 pack stays cheap.
    """
    if message_class is not None:
        chosen = sorted(kb.messages.values_of_class(message_class), key=lambda m: m.number)
        return chosen[:limit], len(chosen)
    classes = sorted(kb.message_classes(), key=lambda c: (c != "SCLNT_HTTP", c))
    out: list[Message] = []
    for name in classes:
        if len(out) >= limit:
            break
        out += sorted(kb.messages.values_of_class(name), key=lambda m: m.number)
    return out[:limit], len(kb.messages)


def _list_answer(kb: KnowledgeBase, message_class: str | None = None) -> str:
    messages, total = messages_to_list(kb, message_class)
    if not messages:
        return "No messages in the knowledge base" + (f" for class {md_code(message_class)}." if message_class else ".") + "\n"
    rows = ["| Id | Text | SAP's wording |", "|---|---|---|"]
    for m in messages:
        rows.append(f"| {m.id} | {_cell(message_text(m))} | {WORDING_LABELS[m.text_origin]} |")
    more = f"\n\n… and {total - len(messages)} more (`sapassist list --class CLASS`)." if total > len(messages) else ""
    head = f"**{total} known messages.** Ask about any of them, e.g. *what is {messages[0].id}?*"
    return _join([head, "\n".join(rows) + more])


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
        f"| Text | {_cell(message_text(a))} | {_cell(message_text(b))} |",
        f"| ICM constant | {a.icm_constant or '—'} | {b.icm_constant or '—'} |",
        f"| SAP's wording | {WORDING_LABELS[a.text_origin]} | {WORDING_LABELS[b.text_origin]} |",
        f"| Most likely causes | {_cell(causes(a))} | {_cell(causes(b))} |",
    ]
    shared = [c for c in a.causes if c in b.causes]
    only_a = [c for c in a.causes if c not in b.causes]
    only_b = [c for c in b.causes if c not in a.causes]

    def titles(ids: Sequence[str]) -> str:
        return ", ".join(kb.causes[c].title if c in kb.causes else c for c in ids) or "none"

    body = [
        f"## {a.id} vs {b.id}",
        "\n".join(rows),
        f"- **{a.id}**: {_first_paragraph(a.meaning) or message_text(a)}\n"
        f"- **{b.id}**: {_first_paragraph(b.meaning) or message_text(b)}",
        f"**Shared causes:** {titles(shared)}\n\n**Only {a.id}:** {titles(only_a)}\n\n**Only {b.id}:** {titles(only_b)}",
        _ambiguity_block(routed, kb),
    ]
    return _join(body)


def _check_answer(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> str:
    target = routed.check_target
    proxy = routed.entities.proxy_url or routed.state.proxy_url
    if not target:
        return _join(
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
            how = _first_paragraph(cause.check.how)
            looks.append(f"- **{cause.title}** — step `{cause.check.step}`" + (f": {how}" if how else ""))
    if looks:
        parts.append("**What it will tell you about the current topic**\n\n" + "\n".join(looks))
    return _join(parts)


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
            topics.append(f"- {_message_line(kb.messages[ident])}")
        elif kind == "c" and ident in kb.causes:
            topics.append(f"- {kb.causes[ident].title} (`{ident}`)")
        elif kind == "g" and ident in kb.glossary:
            topics.append(f"- `{ident}` — {kb.glossary[ident].title}")
        elif kind == "k" and ident in kb.codes:
            topics.append(f"- {_code_label(kb, ident)}")
    closest = "**Closest topics**\n\n" + "\n".join(topics) if topics else ""
    return _join([lead, closest, "Try: *what is SCLNT_HTTP407?*, paste an error line, or type *help*."])


def _glossary_answer(routed: Routed, kb: KnowledgeBase) -> str:
    parts = []
    for gid in routed.glossary[:3]:
        g = kb.glossary.get(gid)
        if g:
            parts.append(f"## {glossary_heading(g)}\n\n*{g.kind}*\n\n{g.text.strip()}")
    sources = [s for gid in routed.glossary[:3] if gid in kb.glossary for s in kb.glossary[gid].sources]
    parts.append(_sources_block(sources))
    return _join(parts)


def _main_entry(routed: Routed, kb: KnowledgeBase) -> Entry | None:
    """What the answer is about: a named message, else a named code, else the best match.

    A number the wording reads as a real HTTP status is not its SCLNT_HTTP namesake: then
    the message SAP reports for that status leads (HTTP 407 -> SCLNT_HTTP416), or the
    cause when there is no such message (HTTP 404 -> the server answered with an error).
    """
    e = routed.entities
    demoted = demoted_ids(e, routed.readings)
    named = [m for m in e.message_ids if m in kb.messages and m not in demoted]
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
    unknown = _unknown_block(routed, kb)
    if main is None:
        if routed.glossary:
            return _glossary_answer(routed, kb)
        if unknown:
            return _join([unknown, _check_block(routed, kb, for_chat=for_chat)])
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
        parts.append(_corrections_note(routed))
    parts.append(_resolved_note(routed))
    if unknown and not paste_with_topic:
        parts.append(unknown)
    parts.append(_http_reading_notes(routed, kb))
    parts.append(_ambiguity_block(routed, kb))

    codes: list[str] = []
    pitfalls = ""
    if isinstance(main, Message):
        parts.append(f"## {message_heading(main)}")
        parts.append(_wording_lines(main))
        parts.append(_icm_reading_notes(routed))
        if routed.intent != "fix":
            parts.append(f"**What it means**\n\n{main.meaning.strip()}" if main.meaning.strip() else "")
            if main.system_response.strip() and routed.intent == "explain":
                parts.append(f"**What the system does**\n\n{main.system_response.strip()}")
        codes = list(dict.fromkeys([*routed.entities.codes, *main.codes]))
        pitfalls = _pitfalls(main)
    elif isinstance(main, Code):
        num = f" ({main.numeric})" if main.numeric is not None else ""
        parts.append(f"## {main.id}{num}" + (f"\n\n*{main.layer}*" if main.layer else ""))
        parts.append(main.meaning.strip())
        seen_with = [kb.messages[m] for m in main.messages if m in kb.messages]
        if seen_with:
            parts.append("**Seen with**\n\n" + "\n".join(f"- {_message_line(m)}" for m in seen_with))
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
    parts.append(_related_codes(codes, kb))
    parts.append(pitfalls)
    if unknown and paste_with_topic:
        parts.append(unknown)
    parts.append(_check_block(routed, kb, for_chat=for_chat))
    parts.append(_topic_sources(routed, kb, main))
    return _join(parts)


def build_answer(routed: Routed, kb: KnowledgeBase, *, for_chat: bool = False) -> str:
    """The Markdown answer for one routed turn (never empty).

    `for_chat`: the chat offers live checks itself, so no `sapassist check` command line.
    """
    intent = routed.intent
    if intent == "greeting":
        return _join(["Hello! " + _help_text(kb)])
    if intent == "thanks":
        return "You're welcome. Paste the next error or ask another question any time.\n"
    if intent == "help":
        return _help_text(kb)
    if intent == "list":
        return _list_answer(kb)
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
        return _join([_glossary_answer(routed, kb), related.replace("**Likely causes**", "**Related causes**", 1)])
    return _topic_answer(routed, kb, for_chat=for_chat)


# --- one entry (lookup, the chat's side panel) -------------------------------------------------


def build_entry_answer(kb: KnowledgeBase, entry: Entry) -> str:
    """The whole entry as Markdown: everything the base knows about it."""
    if isinstance(entry, Message):
        return _message_entry(kb, entry)
    if isinstance(entry, Cause):
        return _cause_entry(kb, entry)
    if isinstance(entry, Code):
        return _code_entry(kb, entry)
    return _glossary_entry(entry)


def _message_entry(kb: KnowledgeBase, m: Message) -> str:
    note = wording_note(m) or (IMPORTED_ONLY_NOTE if _bare_import(m) else None)
    facts = [
        f"- Message class `{m.message_class}`, number {m.number}" + (f", type {m.type}" if m.type else ""),
        f"- ICM constant `{m.icm_constant}`" if m.icm_constant else "",
        f"- SAP's short text: {md_inline(m.short_text)}" if m.short_text else "- SAP's short text: not known",
        f"- Text from your system (T100): {md_inline(m.imported_text)}" if m.imported_text else "",
    ]
    causes = []
    for i, cid in enumerate(m.causes, 1):
        c = kb.causes.get(cid)
        if c is None:
            causes.append(f"{i}. `{cid}`")
            continue
        step = f" — live check: `{c.check.step}`" if c.check and c.check.step != "none" else ""
        causes.append(f"{i}. **{c.title}** (`{cid}`){step}")
    parts = [
        f"## {message_heading(m)}" + (f"\n\n*{note}*" if note else ""),
        "\n".join(f for f in facts if f),
        f"**What it means**\n\n{m.meaning.strip()}" if m.meaning.strip() else "",
        f"**What the system does**\n\n{m.system_response.strip()}" if m.system_response.strip() else "",
        "**Causes** (most likely first)\n\n" + "\n".join(causes) if causes else "",
    ]
    top = [kb.causes[c] for c in m.causes[:2] if c in kb.causes and kb.causes[c].fix]
    for c in top:
        parts.append(f"#### Fix if: {c.title}\n\n{_numbered(c.fix)}")
    parts += [
        _related_codes(list(m.codes), kb),
        _pitfalls(m),
        f"**Confirm it live**: {GENERIC_CHECK}."
        if any(c.check and c.check.step in LIVE_STEPS for c in (kb.causes.get(x) for x in m.causes) if c)
        else "",
        _sources_block(m.sources),
    ]
    return _join(parts)


def _cause_entry(kb: KnowledgeBase, c: Cause) -> str:
    messages = kb.messages_for_cause(c.id)
    parts = [
        f"## {c.title}\n\n*cause `{c.id}` · {c.severity}*",
        c.explanation.strip(),
        "**Signs**\n\n" + "\n".join(f"- {md_code(s)}" for s in c.signs) if c.signs else "",
        f"**How to fix it**\n\n{_numbered(c.fix)}" if c.fix else "",
        (
            f"**Live check**: step `{c.check.step}`" + (f" — {c.check.how.strip()}" if c.check.how.strip() else "")
            if c.check and c.check.step != "none"
            else ""
        ),
        _related_codes(list(c.codes), kb),
        "**Messages it produces**\n\n" + "\n".join(f"- {_message_line(m)}" for m in messages[:12])
        if messages
        else "",
        _sources_block(c.sources),
    ]
    return _join(parts)


def _code_entry(kb: KnowledgeBase, k: Code) -> str:
    num = f" ({k.numeric})" if k.numeric is not None else ""
    messages = [kb.messages[m] for m in dict.fromkeys([*k.messages, *(m.id for m in kb.messages_for_code(k.id))]) if m in kb.messages]
    causes = [kb.causes[c] for c in k.causes if c in kb.causes]
    parts = [
        f"## {k.id}{num}" + (f"\n\n*{k.layer}*" if k.layer else ""),
        k.meaning.strip(),
        "**Also written as:** " + ", ".join(f"`{a}`" for a in k.aliases) if k.aliases else "",
        "**Seen with**\n\n" + "\n".join(f"- {_message_line(m)}" for m in messages) if messages else "",
        "**Causes**\n\n" + "\n".join(f"- **{c.title}** (`{c.id}`)" for c in causes) if causes else "",
        _sources_block(k.sources),
    ]
    return _join(parts)


def _glossary_entry(g: GlossaryEntry) -> str:
    aliases = ", ".join(f"`{a}`" for a in g.aliases)
    return _join(
        [
            f"## {glossary_heading(g)}\n\n*{g.kind}*",
            f"**Also:** {aliases}" if aliases else "",
            g.text.strip(),
            _sources_block(g.sources),
        ]
    )
