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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.intent import DialogueState, Routed
    from assistant.kb.knowledge_base import KnowledgeBase
    from assistant.kb.model import Cause, Code, GlossaryEntry, Message

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
    """The entry the conversation is about: the first message, else code, else cause —
    except for another kind of failure (a Java client's trust store, the SAP system as
    server …): there it is where its fix lives, not an SAP HTTP-client cause."""
    if state is None:
        return None
    pointer = _pointer(kb, state)
    if pointer is not None and not state.messages:
        return pointer
    return _reported_entry(kb, state)


def topic_page(kb: KnowledgeBase, state: DialogueState | None) -> str | None:
    """The side panel's Markdown: the topic's entry, read for the topic's kind of failure.
    For another kind, where its fix lives (the pointer's glossary entry) comes first, then
    the message or cause the conversation is about, told as the SAP client's view."""
    if state is None:
        return None
    from assistant.services.answering import entry_page

    entries = [e for e in (_pointer(kb, state), _reported_entry(kb, state)) if e is not None]
    kind = _read_for(state)
    return "\n".join(entry_page(kb, e, kind) for e in entries) if entries else None


def _read_for(state: DialogueState) -> str | None:
    """The kind the topic's entries are read for. A far server's status that the SAP system's
    own call got (an SM59 test, an ABAP program) is the SAP HTTP client's failure: its entries
    are written for that very call, so they are read as they are — not prefaced "written for
    the SAP HTTP client, not for the failure this topic is about"."""
    if state.scope == "http_status_from_server" and state.abap_caller and not state.another_client:
        return None
    return state.scope


def _other_kind(state: DialogueState) -> bool:
    return state.scope not in (None, "sap_http_client", "unknown")


def _pointer(kb: KnowledgeBase, state: DialogueState) -> GlossaryEntry | None:
    """Another kind's glossary entry where its fix lives (Java trust store, NODE_EXTRA_CA_CERTS)."""
    return kb.glossary.get(state.scope_pointer) if _other_kind(state) and state.scope_pointer else None


def _reported_entry(kb: KnowledgeBase, state: DialogueState) -> Entry | None:
    """The first message, else code, else cause of the topic."""
    for mid in state.messages:
        if mid in kb.messages:
            return kb.messages[mid]
    for code in state.codes:
        if code in kb.codes:
            return kb.codes[code]
    from assistant.intent.layercauses import cause_can_be_behind

    other_kind = _other_kind(state)
    for cause in state.causes:
        # Another kind's answer leaves out causes that cannot be behind it (a Java
        # client has no SSL client PSE): so does the topic.
        if cause in kb.causes and (not other_kind or cause_can_be_behind(cause, state.scope or "", kb)):
            return kb.causes[cause]
    return None


# The kinds of failure other than the SAP HTTP client, in the topic bar's few words.
KIND_WORDS = {
    "other_client": "Another client",
    "http_status_from_server": "The server's HTTP status",
    "sap_server_inbound": "SAP system as server",
    "rfc_or_network": "RFC / network",
}


def topic_label(kb: KnowledgeBase, state: DialogueState | None, term: str | None = None) -> str | None:
    """The topic in words a user knows: another kind of failure says which kind, then
    the entry's title. Only ids a user meets elsewhere are shown (an SCLNT_HTTP message,
    an ICM or SSL constant, a transaction or parameter); a cause's id is the base's own
    ("dns_failure") and stays out — the title says it. `term`: the glossary entry the
    last answer was about, which is then the topic, not a cause its words met."""
    if term in kb.glossary:
        return kb.glossary[term].title
    if state is None:
        return None
    entry = topic_entry(kb, state)
    kind = KIND_WORDS.get(state.scope or "")
    if entry is None:
        # Another kind whose answer names no place of its fix and lists no cause: its
        # topic is what the answer said it is ("What it is: …").
        return f"{kind}: {_sentence_start(state.scope_reason)}" if kind and state.scope_reason else None
    words = _entry_words(entry, state.scope)
    return f"{kind}: {words}" if kind else words


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def _entry_words(entry: Entry, scope: str | None) -> str:
    """A cause in the words of the kind's reader: "Another client: SNI not sent", not
    "… by the SAP client" (answers.pieces.cause_title)."""
    from assistant.kb.model import Cause, GlossaryEntry

    if isinstance(entry, Cause):
        from assistant.answers.pieces import cause_title

        return cause_title(entry, scope)
    if isinstance(entry, GlossaryEntry):
        return entry.title
    text = getattr(entry, "display_text", None)
    return f"{entry.id} — {text}" if text and text != entry.id else str(entry.id)


def named_target(routed: Routed) -> str | None:
    """The URL or host[:port] this very question names (not one from earlier turns), when a
    check can reach it: only then does the answer offer a check (`Routed.offered_target`,
    which the verdict and the piped chat read too)."""
    return routed.offered_target


# -- certificates -----------------------------------------------------------------------


def cert_file_markdown(path: str) -> str:
    """Markdown for every certificate in a file, as `sapassist cert` shows it too.

    Only regular files are read (`load_cert_file` refuses `/dev/zero` and FIFOs). A
    PKCS#12 password comes from the same environment variable as `sapassist cert`
    (the chat cannot ask for it without echoing it).
    """
    from assistant.answers.certificates import certificate_file_markdown
    from assistant.diagnostics.certfiles import CertFileError, load_cert_file
    from assistant.diagnostics.model import PKCS12_PASSWORD_ENV

    password = os.environ.get(PKCS12_PASSWORD_ENV)
    try:
        loaded = load_cert_file(Path(path).expanduser(), password.encode() if password is not None else None)
    except CertFileError as exc:
        if exc.needs_password and password is None:
            raise CertFileError(f"{exc} (set {PKCS12_PASSWORD_ENV} before starting sapassist)") from None
        raise
    return certificate_file_markdown(loaded)
