"""Chat-only glue over the domain packages: the topic shown at the top, the check offer,
the short "yes", the `/list` table and `/cert`.

What the command line needs as well (loading the base, answering, lookups, check answers)
is `assistant.services`; these are the pieces only the chat has. Imports of other
packages stay inside the functions (the first paint must not wait for the router, the
answer builders or cryptography).
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.textsafe import escape_markdown, md_code

if TYPE_CHECKING:
    from cryptography import x509

    from assistant.diagnostics.certfiles import LoadedFile
    from assistant.intent import DialogueState, Routed
    from assistant.kb.model import Cause, Code, GlossaryEntry, KnowledgeBase, Message

    Entry = Message | Cause | Code | GlossaryEntry

_AFFIRMATIVE = re.compile(
    r"^\s*(y|yes|yep|yeah|sure|ok|okay|go|go ahead|do it|run it|check it|check|"
    r"please|please do|yes,? please|yes,? check it|yes,? do it|test it)\s*[.!]*\s*$",
    re.IGNORECASE,
)


def is_affirmative(text: str) -> bool:
    """A short 'yes' to an offered check."""
    return bool(_AFFIRMATIVE.match(text))


# -- entries ------------------------------------------------------------------------


def list_markdown(kb: KnowledgeBase) -> str:
    """All messages as a table: id, text, whether the wording is SAP's (as `sapassist list`)."""
    from assistant.answers.listing import message_list_markdown, messages_to_list

    return message_list_markdown(messages_to_list(kb), for_chat=True)


# -- router ---------------------------------------------------------------------------


def topic_entry(kb: KnowledgeBase, state: DialogueState | None) -> Entry | None:
    """The entry the conversation is about: the first message, else code, else cause."""
    if state is None:
        return None
    for mid in state.messages:
        if mid in kb.messages:
            return kb.messages[mid]
    for code in state.codes:
        if code in kb.codes:
            return kb.codes[code]
    for cause in state.causes:
        if cause in kb.causes:
            return kb.causes[cause]
    return None


def topic_label(kb: KnowledgeBase, state: DialogueState | None) -> str | None:
    entry = topic_entry(kb, state)
    if entry is None:
        return None
    text = getattr(entry, "display_text", None) or getattr(entry, "title", None)
    return f"{entry.id} — {text}" if text and text != entry.id else str(entry.id)


def named_target(routed: Routed) -> str | None:
    """The URL or host[:port] this very question names (not one from earlier turns):
    only then does the answer offer a check."""
    entities = routed.entities
    return routed.check_target if entities.urls or entities.hosts else None


# -- certificates -----------------------------------------------------------------------


def cert_file_markdown(path: str) -> str:
    """Markdown for every certificate in a file; all certificate text as inline code.

    Only regular files are read: `/cert /dev/zero` or a FIFO would never end. A
    PKCS#12 password comes from the same environment variable as `sapassist cert`
    (the chat cannot ask for it without echoing it).
    """
    from assistant.diagnostics.certfiles import CertFileError, load_cert_file
    from assistant.diagnostics.model import PKCS12_PASSWORD_ENV

    file = Path(path).expanduser()
    if file.exists() and not file.is_file() and not file.is_dir():
        raise CertFileError(f"{path} is not a regular file")
    password = os.environ.get(PKCS12_PASSWORD_ENV)
    try:
        loaded = load_cert_file(file, password.encode() if password is not None else None)
    except CertFileError as exc:
        if exc.needs_password and password is None:
            raise CertFileError(f"{exc} (set {PKCS12_PASSWORD_ENV} before starting sapassist)") from None
        raise
    name = md_code(file.name)
    count = len(loaded.certificates)
    parts = [f"## Certificate file {name}\n\n{escape_markdown(loaded.format)}, {count} certificate(s){_key_note(loaded)}."]
    parts += [f"*Note:* {escape_markdown(note)}" for note in loaded.notes]
    now = datetime.now(UTC)
    parts += [_cert_markdown(n, cert, now) for n, cert in enumerate(loaded.certificates, 1)]
    return "\n\n".join(parts)


def _key_note(loaded: LoadedFile) -> str:
    if not loaded.has_private_key:
        return ""
    if loaded.key_matches:
        return f"; the private key belongs to certificate {(loaded.key_certificate or 0) + 1}"
    if loaded.key_matches is False:
        return "; the private key does **not** match any certificate"
    return "; a private key (not checked)"


_VALIDITY = {
    "valid": "valid, expires in {n} days",
    "expired": "**expired** {n} days ago",
    "not_yet_valid": "**not yet valid** (starts in {n} days)",
}


def _cert_markdown(n: int, cert: x509.Certificate, now: datetime) -> str:
    from assistant.diagnostics.certinfo import cert_info, validity_state

    info = cert_info(cert)
    state, days = validity_state(cert, now)
    validity = _VALIDITY.get(state, "validity not readable").format(n=days)
    ca = "yes" if info.is_ca else "no"
    if info.self_signed:
        ca += " · self-signed"
    lines = [
        f"### {n}. {md_code(info.subject)}",
        "",
        f"- **Subject:** {md_code(info.subject)}",
        f"- **Issuer:** {md_code(info.issuer)}",
        f"- **Valid:** {md_code(info.not_before)} → {md_code(info.not_after)} ({validity})",
        "- **Subject alternative names:** " + (", ".join(md_code(s) for s in info.san) or "none"),
        f"- **Key:** {md_code(info.key)} · **Signature:** {md_code(info.signature_algorithm)}",
        f"- **SHA-256 fingerprint:** {md_code(info.fingerprint_sha256)}",
        f"- **Serial:** {md_code(info.serial)}",
        f"- **CA certificate:** {ca}",
    ]
    if info.aia_ca_issuers:
        lines.append("- **Issuer download (AIA):** " + ", ".join(md_code(u) for u in info.aia_ca_issuers))
    return "\n".join(lines)
