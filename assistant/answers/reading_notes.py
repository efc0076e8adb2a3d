"""Notes on how the text was read: numbers with two readings, real HTTP statuses, ICM-made
pages, completed code prefixes, typo readings and ids the base does not know.

They stand before (or, in a pasted trace, after) the answer proper; `answers.questions`
puts them together. Every decision here was made by the router and is read off `Routed`.
"""

from __future__ import annotations

from assistant.answers.pieces import message_line, message_ref, message_text
from assistant.answers.situation import SM59_TEST, situation
from assistant.intent.httpstatus import HTTP_REASONS, icm_pages_for
from assistant.intent.result import NumberReading, Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.textsafe import escape_markdown, md_code, md_inline

SAP_SERVER = "sap_server_inbound"  # the kind in which the SAP system is the server a caller reached


def _reading(routed: Routed, number: int) -> NumberReading | None:
    return next((r for r in routed.readings if r.number == number), None)


def ambiguity_block(routed: Routed, kb: KnowledgeBase) -> str:
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
                leads = message_ref(kb, a.message)
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


def icm_reading_notes(routed: Routed) -> str:
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


def statuses_with_an_icm_reading(routed: Routed) -> list[int]:
    """The numbers read, decidedly, as real statuses that also have an SCLNT_HTTP reading: each
    gets one "Not SCLNT_HTTPnnn" — in the verdict's not-line when it has one, else here."""
    return [r.number for r in routed.readings
            if r.lean == "http" and r.decided and r.number in routed.http_statuses
            and any(a.code == r.number and a.kind == "sclnt_http" for a in routed.ambiguity)]


def http_reading_notes(routed: Routed, kb: KnowledgeBase, *, not_said: frozenset[str] = frozenset()) -> str:
    """Lead-in for statuses the wording reads as real HTTP statuses or as ICM-made pages.

    `not_said`: the SCLNT_HTTP messages the verdict's one not-line already names — not said
    twice, nor in a second style. Another client's status (`Routed.another_client`) gets no SAP-terms
    reading and no ICM-made pages: both are about the ABAP client's call (its message,
    `get_status( )` after a failed RECEIVE), which that client does not make. Nor does an
    SM59 connection test, which has no program to call `get_status( )`: no ICM-made pages.
    Nor does a status the SAP system as server answered a caller with, unless the text names
    the ABAP system as that caller: the number is the server's answer, not an ABAP call's."""
    parts = []
    abap_call = not routed.another_client and (routed.scope.kind != SAP_SERVER or routed.abap_caller)
    program = abap_call and situation(routed) != SM59_TEST
    for r in routed.readings:
        reason = HTTP_REASONS.get(r.number, "")
        if r.lean == "icm_page":
            leads = message_ref(kb, r.message)
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
        leads = message_ref(kb, r.message) if abap_call else ""
        if leads:
            text += f" In SAP terms this is {leads}"
            text += f": {r.note}." if r.note else "."
        elif r.note and (abap_call or not r.message):  # a note about the message is the ABAP call's
            text += f" {r.note[0].upper()}{r.note[1:]}."
        text += _icm_made_pages(r.number) if program else ""
        icm = next((a for a in routed.ambiguity if a.code == r.number and a.kind == "sclnt_http"), None)
        if icm is not None and f"SCLNT_HTTP{r.number:03d}" not in not_said:
            text += (
                f"\n\n*Not SCLNT_HTTP{r.number:03d} — {md_inline(icm.meaning)}: that reading applies when the "
                "number came from the ICM (SM59 error text, `get_last_error`, abapGit's "
                "\"HTTP error … occured\").*"
            )
        parts.append(text)
    return "\n\n".join(parts)


def resolved_note(routed: Routed) -> str:
    return "\n\n".join(
        f"*({md_code(written)} is not a full code name; taking it as {md_code(taken)}.)*"
        for written, taken in routed.resolved
    )


def leads_as_unknown(routed: Routed, kb: KnowledgeBase) -> bool:
    """An id the base does not know leads the answer when the text names no known one.

    "SSSLERR_CLIENT_CERT_UNTRUSTED (-109)": the router ranks SCLNT_HTTP407 weakly from the
    code's family, but answering with it would answer the text as another message. A known
    id beside it (a dev_icm paste, "SCLNT_HTTP407 … SSSLERR_NEW (-123)") keeps the lead,
    and the unknown one is a note."""
    if not routed.unknown_ids:
        return False
    e = routed.entities
    known = [m for m in e.message_ids if m in kb.messages]
    return not (known or e.codes or e.icm_constants or e.causes)


def unknown_block(routed: Routed, kb: KnowledgeBase) -> str:
    parts = []
    for u in routed.unknown_ids:
        name = md_code(u.id)
        if u.kind == "message":
            cls, number = u.id[:-3], u.id[-3:]
            near = ", ".join(
                message_line(kb.messages[n]) for n in u.nearest if n in kb.messages
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


def return_codes_note(routed: Routed, kb: KnowledgeBase) -> str:
    """How a `sy-subrc` was read: the usual numbering, which the program may not use."""
    lines = []
    for number, method, code in routed.entities.return_codes:
        entry = kb.codes.get(code)
        name = entry.aliases[0] if entry is not None and entry.aliases else code
        lines.append(f"*sy-subrc {number} of `{method}` read as {md_code(name)} — the numbering the "
                     "Pattern function inserts; check the EXCEPTIONS list of your call.*")
    return "\n\n".join(lines)


def corrections_note(routed: Routed) -> str:
    fixes = routed.entities.corrections
    if not fixes:
        return ""
    shown = ", ".join(f"{escape_markdown(a)} → {escape_markdown(b)}" for a, b in fixes[:5])
    return f"*(read as: {shown})*"
