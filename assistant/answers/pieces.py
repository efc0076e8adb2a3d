"""Small Markdown pieces shared by every answer: headings, wording marks, sources, labels.

No markdown-it here (nor in any answer builder): `ask --json` prints the Markdown without
paying for a parser. Knowledge-base prose (meanings, fixes) is our own Markdown and goes
in as is. Message texts are not Markdown — a T100 import brings the system's texts
verbatim, `*`, `_` and `<` included — and, like anything from the user (hosts, URLs,
unknown ids), pass through `assistant.textsafe` first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, Code, GlossaryEntry, Message, Source
from assistant.textsafe import escape_control, md_code, md_inline
from assistant.wording import WORDING

INFERRED_NOTE = "(title derived from the ICM constant — SAP's wording not confirmed)"
IMPORTED_NOTE = "(text imported from your system's T100)"
IMPORTED_ONLY_NOTE = (
    "(SAP's text from your system's T100 import; the knowledge base has no explanation "
    "or causes of its own for this message)"
)
WORDING_LABELS = WORDING  # by Message.text_origin: the words `sapassist list` and /list use
MAX_SOURCES = 6
# Live checks confirm causes at these steps; a topic without any is no network problem.
LIVE_STEPS = frozenset({"resolve", "connect", "proxy", "tls", "chain", "client_cert", "http"})
GENERIC_CHECK = (
    "run `sapassist check URL`, with URL replaced by the address the call goes to "
    "(SM59 → *Technical Settings*, or the URL in your program)"
)
# The same for another client's call (Java, Node, BTP …): no SM59 there.
OTHER_CLIENT_CHECK = (
    "run `sapassist check URL`, with URL replaced by the address that client calls "
    "(the URL in its own configuration)"
)

Entry = Message | Cause | Code | GlossaryEntry
# The kinds of failure (`Scope.kind`, `DialogueState.scope`) read from the SAP side: the
# SAP HTTP client's own call, and a kind not known yet (its causes are headed "If the SAP
# system makes the call"). Every other kind — another client, the server's status, the
# SAP system as server, RFC — is read by someone whose call has no "SAP client" in it.
SAP_SIDE_KINDS = frozenset({"", "sap_http_client", "unknown"})


def cause_title(cause: Cause, kind: str | None) -> str:
    """The cause's title for this kind of failure: "SNI not sent by the SAP client" for the
    SAP client's call, "SNI not sent" for a Java client's (`Cause.neutral_title`)."""
    return cause.title_for((kind or "") in SAP_SIDE_KINDS)


# Beside another kind's answer, an SAP cause is shown only with evidence of its own (a sign,
# a code: about 1.4 raw, see router._squash), not for words it merely shares with the text.
CAUSE_EVIDENCE_FLOOR = 0.5
# Evidence that the text itself shows a cause — a code, one of its signs, its title, a status
# reading, a check's finding — not words shared with its explanation, a one-word sign, or a
# place in a message's list: enough to name where a fix lives, or to lead before the general.
SHOWN_BY_THE_TEXT = frozenset({"confirmed", "code", "literal", "sign", "stated", "title", "http"})

def join_parts(parts: Iterable[str]) -> str:
    """The non-empty parts as paragraphs, ending in one newline."""
    return "\n\n".join(p.strip() for p in parts if p and p.strip()) + "\n"


def first_paragraph(text: str) -> str:
    text = text.strip()
    return text.split("\n\n", 1)[0].replace("\n", " ").strip() if text else ""


_LAST_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z`*\"(][^.;!?]*:$)")


def gist(text: str) -> str:
    """The first paragraph as a one-line summary. A paragraph that leads in to a list
    ("Typical reasons:", "… not from the network:") would end on a colon with nothing
    after it: a last sentence that is only the lead-in is left out, a whole paragraph
    that is one ends as a sentence."""
    para = first_paragraph(text)
    if not para.endswith(":"):
        return para
    parts = _LAST_SENTENCE.split(para)
    if len(parts) > 1:
        return " ".join(parts[:-1]).strip()
    return para[:-1].rstrip() + "."


def full_explanation(cause: Cause) -> str:
    """A cause explained for a question: the SAP client's view, then what the same words
    mean from another client. A live check or an ICM trace is the SAP client's view and
    shows `cause.explanation` alone."""
    return "\n\n".join(p.strip() for p in (cause.explanation, cause.other_clients) if p.strip())


def cell(text: str) -> str:
    """Text for a table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def numbered(steps: Sequence[str]) -> str:
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


def wording_lines(m: Message) -> str:
    """Under a message heading: whose wording it is, and the user's own T100 text when it
    differs from the confirmed one (issue: shown beside it, never instead of it)."""
    note = wording_note(m)
    lines = [f"*{note}*"] if note else []
    if m.short_text and m.imported_text and m.imported_text != m.short_text:
        lines.append(f"Text in your system (T100): {md_inline(m.imported_text)}")
    if bare_import(m):
        lines.append(f"*{IMPORTED_ONLY_NOTE}*")
    return "\n\n".join(lines)


def bare_import(m: Message) -> bool:
    """A T100 import and nothing else: the base has no meaning or causes to add."""
    return m.status == "imported" and not (m.meaning.strip() or m.causes)


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def glossary_heading(g: GlossaryEntry) -> str:
    """`STRUST — Trust Manager`; a title that already names the entry ("SM59 — RFC/HTTP
    destinations", "SAP Note 510007 — …", a parameter) is not prefixed with its id again."""
    return g.title if _alnum(g.id) in _alnum(g.title) else f"{g.id} — {g.title}"


def message_line(m: Message) -> str:
    note = wording_note(m)
    suffix = f" *{note}*" if note else ""
    return f"**{m.id}** — {message_text(m)}{suffix}"


def message_ref(kb: KnowledgeBase, mid: str | None) -> str:
    """`**ID** — text` for a known message id, else ""."""
    m = kb.messages.get(mid or "")
    return f"**{m.id}** — {message_text(m)}" if m else ""


def sources_block(sources: Iterable[Source], *, limit: int = MAX_SOURCES) -> str:
    seen: set[str] = set()
    lines = []
    for s in sources:
        if s.url in seen:
            continue
        seen.add(s.url)
        note = f" — {s.note}" if s.note else ""
        lines.append(f"- <{s.url}>{note}")
        if len(lines) >= limit:
            break
    return "**Sources**\n\n" + "\n".join(lines) if lines else ""


def _check_target(target: str) -> str:
    safe, _ = _without_userinfo(escape_control(target))
    return safe if "://" in safe else f"https://{safe}"


def _without_userinfo(url: str) -> tuple[str, str | None]:
    """The URL without its `user:password@` part, and the user: a command line the answer
    prints never replays a password typed in the text (the check asks for it instead)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    authority, slash, path = rest.partition("/")
    userinfo, at, host = authority.rpartition("@")
    if not at:
        return url, None
    user = userinfo.split(":", 1)[0] or None
    return f"{scheme}{sep}{host}{slash}{path}", user


def check_command(target: str | None, proxy_url: str | None = None) -> str:
    """The check command line, ready to paste into a shell; without a target the
    placeholder is the word URL.

    URLs are shell-quoted: `?a=1&b=2` unquoted would put the check in the background and
    a `*` would be expanded as a file pattern.
    """
    from shlex import quote

    cmd = "sapassist check " + (quote(_check_target(target)) if target else "URL")
    if proxy_url:
        proxy, user = _without_userinfo(escape_control(proxy_url))
        cmd += " --proxy " + quote(proxy if "://" in proxy else "http://" + proxy)
        if user:
            cmd += " --proxy-user " + quote(user)  # the check asks for the password
    return md_code(cmd)


def code_meaning(code: Code) -> str:
    """The code's meaning with its layer leading the first sentence (`*SapSSL:* The SAP
    side …`), never a lone label line above it."""
    meaning = code.meaning.strip()
    if not code.layer:
        return meaning
    return f"*{code.layer}:* {meaning}" if meaning else f"A {code.layer} code."


def code_label(kb: KnowledgeBase, code_id: str) -> str:
    code = kb.codes.get(code_id)
    if code is None:
        return f"`{code_id}`"
    num = f" ({code.numeric})" if code.numeric is not None else ""
    meaning = gist(code.meaning)
    return f"`{code.id}`{num}" + (f" — {meaning}" if meaning else "")


def related_codes(codes: Sequence[str], kb: KnowledgeBase) -> str:
    if not codes:
        return ""
    return "**Related codes**\n\n" + "\n".join(f"- {code_label(kb, c)}" for c in codes[:6])


def pitfalls_block(m: Message) -> str:
    if not m.pitfalls:
        return ""
    return "**Pitfalls**\n\n" + "\n".join(f"- {p.strip()}" for p in m.pitfalls)
