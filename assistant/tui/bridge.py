"""The chat's side of the contracts with the knowledge base, router and diagnostics.

Everything the app needs from other packages goes through these small functions, so the
widgets never depend on another package's internals and the imports stay lazy (the first
paint must not wait for the router, markdown builders or cryptography).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.textsafe import escape_markdown, md_code

if TYPE_CHECKING:
    from assistant.kb.load import LoadResult
    from assistant.kb.model import KnowledgeBase

Entry = Any  # Message | Cause | Code | GlossaryEntry

_AFFIRMATIVE = re.compile(
    r"^\s*(y|yes|yep|yeah|sure|ok|okay|go|go ahead|do it|run it|check it|check|"
    r"please|please do|yes,? please|yes,? check it|yes,? do it|test it)\s*[.!]*\s*$",
    re.IGNORECASE,
)


def is_affirmative(text: str) -> bool:
    """A short 'yes' to an offered check."""
    return bool(_AFFIRMATIVE.match(text))


# -- knowledge base ---------------------------------------------------------------------


def load_knowledge(kb_dirs: Sequence[str | Path] = ()) -> LoadResult:
    """The layered base with the router's and the text index's caches primed.

    The same start as `sapassist ask`: with a big imported pack the indexes come from the
    loader's derived-data cache instead of being rebuilt in the chat process each start.
    Call it off the UI thread; it never raises on bad knowledge files (see `load_kb`).
    """
    from assistant.intent.kbindex import prime_indexes
    from assistant.kb.load import load_kb

    result = load_kb(list(kb_dirs))
    prime_indexes(result)
    return result



def find_entry(kb: KnowledgeBase, ident: str) -> Entry | None:
    """Any entry by id, number ('407'), alias or ICM constant, case-insensitive."""
    key = ident.strip()
    if not key:
        return None
    folded = key.casefold()
    if key.isdigit():
        for message_class in ("SCLNT_HTTP", *sorted(kb.message_classes())):
            found = kb.message_by_number(int(key), message_class)
            if found is not None:
                return found
    for table in (kb.messages, kb.codes, kb.causes, kb.glossary):
        if key in table:
            return table[key]
        for entry_id in table:  # compare keys first: a big pack builds only the match
            if entry_id.casefold() == folded:
                return table[entry_id]
    for message in kb.messages.curated_values():  # bare T100 rows have no ICM constant
        if message.icm_constant and message.icm_constant.casefold() == folded:
            return message
    for code in kb.codes.values():
        if any(a.casefold() == folded for a in code.aliases):
            return code
    for gloss in kb.glossary.values():
        if any(a.casefold() == folded for a in gloss.aliases):
            return gloss
    return None


def entry_markdown(kb: KnowledgeBase, entry: Entry) -> str:
    from assistant.answers.markdown import build_entry_answer

    return str(build_entry_answer(kb, entry))


def list_markdown(kb: KnowledgeBase) -> str:
    """All messages as a table: id, text, whether the wording is SAP's."""
    from assistant.answers.markdown import messages_to_list

    chosen, total = messages_to_list(kb)
    rows = []
    for message in chosen:
        wording = "SAP's text" if message.wording_confirmed else "our title"
        text = escape_markdown(message.display_text).replace("|", "\\|")
        rows.append(f"| `{message.id}` | {text} | {wording} |")
    if not rows:
        return "The knowledge base has no messages."
    return (
        f"## Known messages ({total})\n\n| Id | Text | Wording |\n|---|---|---|\n"
        + "\n".join(rows)
        + (f"\n\n… and {total - len(rows)} more (`sapassist list --class CLASS`)." if total > len(rows) else "")
        + "\n\nAsk about one, or `/lookup ID` for its full entry."
    )


# -- router -----------------------------------------------------------------------------


def _ids(value: object) -> list[str]:
    out: list[str] = []
    if value is None or isinstance(value, str):
        return [value] if value else []
    if isinstance(value, Iterable):
        for item in value:
            ident = item if isinstance(item, str) else getattr(item, "id", None)
            if isinstance(ident, str):
                out.append(ident)
    return out


def topic_ids(state: object) -> list[str]:
    """The ids the dialogue state is about: messages first, then codes, then causes."""
    if state is None:
        return []
    ids: list[str] = []
    for attr in ("messages", "codes", "causes"):
        ids.extend(_ids(getattr(state, attr, None)))
    topic = getattr(state, "topic", None)
    if isinstance(topic, str) and topic not in ids:
        ids.insert(0, topic)
    return ids


def topic_entry(kb: KnowledgeBase, state: object) -> Entry | None:
    for ident in topic_ids(state):
        entry = find_entry(kb, ident)
        if entry is not None:
            return entry
    return None


def topic_label(kb: KnowledgeBase, state: object) -> str | None:
    entry = topic_entry(kb, state)
    if entry is None:
        return None
    text = getattr(entry, "display_text", None) or getattr(entry, "title", None)
    return f"{entry.id} — {text}" if text and text != entry.id else str(entry.id)


def named_target(routed: object) -> str | None:
    """The URL or host[:port] this very question names (used to offer a check)."""
    entities = getattr(routed, "entities", None)
    urls = _ids(getattr(entities, "urls", None))
    if urls:
        return urls[0]
    hosts = _ids(getattr(entities, "hosts", None))
    if hosts:
        ports = list(getattr(entities, "ports", ()) or ())
        port = ports[0] if ports else None
        return f"{hosts[0]}:{port}" if port and port != 443 else hosts[0]
    return None


def check_target(routed: object) -> str | None:
    """What a 'check it' refers to: the router's target (text first, then the topic)."""
    target = getattr(routed, "check_target", None)
    if isinstance(target, str) and target:
        return target
    state = getattr(routed, "state", None)
    for attr in ("url", "host"):
        value = getattr(state, attr, None)
        if isinstance(value, str) and value:
            return value
    return None


# -- certificates -----------------------------------------------------------------------


def cert_file_markdown(path: str) -> str:
    """Markdown for every certificate in a file; all certificate text as inline code."""
    from assistant.diagnostics.certfiles import load_cert_file
    from assistant.diagnostics.certinfo import cert_info

    loaded = load_cert_file(Path(path).expanduser())
    certs = list(getattr(loaded, "certificates", None) or getattr(loaded, "certs", []))
    name = md_code(Path(path).name)
    if not certs:
        return f"{name} holds no certificate."
    parts = [f"## Certificate file {name}\n\n{len(certs)} certificate(s)."]
    now = datetime.now(UTC)
    for n, cert in enumerate(certs, 1):
        info = cert_info(cert)
        lines = [
            f"### {n}. {md_code(info.subject)}",
            "",
            f"- **Subject:** {md_code(info.subject)}",
            f"- **Issuer:** {md_code(info.issuer)}",
            f"- **Valid:** {md_code(info.not_before)} → {md_code(info.not_after)} ({_validity(info.not_before, info.not_after, now)})",
        ]
        if info.san:
            lines.append("- **Subject alternative names:** " + ", ".join(md_code(s) for s in info.san))
        lines += [
            f"- **Key:** {md_code(info.key)} · **Signature:** {md_code(info.signature_algorithm)}",
            f"- **SHA-256 fingerprint:** {md_code(info.fingerprint_sha256)}",
            f"- **CA certificate:** {'yes' if info.is_ca else 'no'}"
            + (" · self-signed" if info.self_signed else ""),
        ]
        if info.aia_ca_issuers:
            lines.append("- **Issuer download (AIA):** " + ", ".join(md_code(u) for u in info.aia_ca_issuers))
        parts.append("\n".join(lines))
    if getattr(loaded, "has_private_key", False):
        parts.append("The file also holds a private key.")
    return "\n\n".join(parts)


def _validity(not_before: str, not_after: str, now: datetime) -> str:
    try:
        start = datetime.fromisoformat(not_before.replace("Z", "+00:00"))
        end = datetime.fromisoformat(not_after.replace("Z", "+00:00"))
    except ValueError:
        return "dates not readable"
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    if end.tzinfo is None:
        end = end.replace(tzinfo=UTC)
    if now < start:
        return "**not yet valid**"
    if now > end:
        return "**expired**"
    days = (end - now).days
    return f"expires in {days} days" if days < 60 else "valid"
