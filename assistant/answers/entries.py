"""Entry pages: everything the base knows about one message, cause, code or glossary term.

What `sapassist lookup ID`, the chat's `/lookup ID` and its side panel show. Answers to
questions (ranked by what the user wrote) are `answers.questions`.
"""

from __future__ import annotations

from assistant.answers.pieces import (
    GENERIC_CHECK,
    IMPORTED_ONLY_NOTE,
    LIVE_STEPS,
    SAP_SIDE_KINDS,
    Entry,
    bare_import,
    cause_title,
    code_meaning,
    glossary_heading,
    join_parts,
    message_heading,
    message_line,
    numbered,
    pitfalls_block,
    related_codes,
    sources_block,
    wording_note,
)
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, Code, GlossaryEntry, Message
from assistant.textsafe import md_code, md_inline

# A cause's entry is the SAP HTTP client's: read beside another kind of failure (a Java
# client, curl, the SAP system as server), that is said before its explanation.
SAP_TERMS_NOTE = (
    "*In SAP terms:* its explanation and fix are written for the SAP HTTP client — the ABAP system's own "
    "call (STRUST, SM59, the SSL client PSE){called} — not for the failure this topic is about."
)


def build_entry_answer(kb: KnowledgeBase, entry: Entry, kind: str | None = None) -> str:
    """The whole entry as Markdown: everything the base knows about it. `kind`: the kind of
    failure it is read for (Scope.kind); a cause read for another kind than the SAP HTTP
    client's is titled in that kind's words and says first that the rest is SAP's view."""
    if isinstance(entry, Message):
        return _message_entry(kb, entry)
    if isinstance(entry, Cause):
        return _cause_entry(kb, entry, kind)
    if isinstance(entry, Code):
        return _code_entry(kb, entry)
    return _glossary_entry(entry)


def _message_entry(kb: KnowledgeBase, m: Message) -> str:
    note = wording_note(m) or (IMPORTED_ONLY_NOTE if bare_import(m) else None)
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
        parts.append(f"#### Fix if: {c.title}\n\n{numbered(c.fix)}")
    parts += [
        related_codes(list(m.codes), kb),
        pitfalls_block(m),
        f"**Confirm it live**: {GENERIC_CHECK}."
        if any(c.check and c.check.step in LIVE_STEPS for c in (kb.causes.get(x) for x in m.causes) if c)
        else "",
        sources_block(m.sources),
    ]
    return join_parts(parts)


def _cause_entry(kb: KnowledgeBase, c: Cause, kind: str | None) -> str:
    messages = kb.messages_for_cause(c.id)
    parts = [
        f"## {cause_title(c, kind)}\n\n*cause `{c.id}` · {c.severity}*",
        *_explained(c, kind),
        "**Signs**\n\n" + "\n".join(f"- {md_code(s)}" for s in c.signs) if c.signs else "",
        f"**{_fix_heading(kind)}**\n\n{numbered(c.fix)}" if c.fix else "",
        (
            f"**Live check**: step `{c.check.step}`" + (f" — {c.check.how.strip()}" if c.check.how.strip() else "")
            if c.check and c.check.step != "none"
            else ""
        ),
        related_codes(list(c.codes), kb),
        "**Messages it produces**\n\n" + "\n".join(f"- {message_line(m)}" for m in messages[:12])
        if messages
        else "",
        sources_block(c.sources),
    ]
    return join_parts(parts)


def _explained(c: Cause, kind: str | None) -> list[str]:
    """The SAP client's explanation, then what the same words mean from another client;
    for another kind of failure the note that this is SAP's view comes first, with the
    SAP-side title, and then what the other client's words mean, before SAP's explanation."""
    if (kind or "") in SAP_SIDE_KINDS:
        return [c.explanation.strip(), c.other_clients.strip()]
    called = f", where this cause is called *{md_inline(c.title)}*" if c.title != cause_title(c, kind) else ""
    explanation, other = c.explanation.strip(), c.other_clients.strip()
    # Right under the note the explanation needs no heading; after the other clients' words it does.
    return [
        SAP_TERMS_NOTE.format(called=called),
        other,
        f"**For the SAP HTTP client**\n\n{explanation}" if explanation and other else explanation,
    ]


def _fix_heading(kind: str | None) -> str:
    return "How to fix it" if (kind or "") in SAP_SIDE_KINDS else "How to fix it — on the SAP HTTP client"


def _code_entry(kb: KnowledgeBase, k: Code) -> str:
    num = f" ({k.numeric})" if k.numeric is not None else ""
    messages = [kb.messages[m] for m in dict.fromkeys([*k.messages, *(m.id for m in kb.messages_for_code(k.id))]) if m in kb.messages]
    causes = [kb.causes[c] for c in k.causes if c in kb.causes]
    parts = [
        f"## {k.id}{num}",
        code_meaning(k),
        "**Also written as:** " + ", ".join(f"`{a}`" for a in k.aliases) if k.aliases else "",
        "**Seen with**\n\n" + "\n".join(f"- {message_line(m)}" for m in messages) if messages else "",
        "**Causes**\n\n" + "\n".join(f"- **{c.title}** (`{c.id}`)" for c in causes) if causes else "",
        sources_block(k.sources),
    ]
    return join_parts(parts)


def _glossary_entry(g: GlossaryEntry) -> str:
    aliases = ", ".join(f"`{a}`" for a in (*g.aliases, *g.shared_aliases))
    return join_parts(
        [
            f"## {glossary_heading(g)}",
            f"**Also:** {aliases}" if aliases else "",
            f"*{g.kind.capitalize()}:* {g.text.strip()}",
            sources_block(g.sources),
        ]
    )
