"""The chat's side of the contracts with the knowledge base, router and diagnostics.

Everything the app needs from other packages goes through these small functions, so the
widgets never depend on another package's internals and the imports stay lazy (the first
paint must not wait for the router, markdown builders or cryptography).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.textsafe import escape_markdown

if TYPE_CHECKING:
    from assistant.intent import DialogueState, Routed
    from assistant.kb.knowledge_base import KnowledgeBase
    from assistant.kb.load import LoadResult
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
    """What `/lookup` finds: the same forms as `sapassist lookup` (407, SCLNT_HTTP407, ICM
    constants, code names, aliases and numbers, cause ids, transactions, notes)."""
    from assistant.commands.lookup import find_entry as lookup_entry

    return lookup_entry(kb, ident)


def nearest_ids(kb: KnowledgeBase, ident: str) -> list[str]:
    """Known ids close to an unknown one, as `sapassist lookup` suggests them."""
    from assistant.commands.lookup import nearest_ids as lookup_nearest

    return lookup_nearest(kb, ident)


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
        text = escape_markdown(message.display_text)  # imported T100 text: literal, "|" too
        rows.append(f"| `{message.id}` | {text} | {wording} |")
    if not rows:
        return "The knowledge base has no messages."
    return (
        f"## Known messages ({total})\n\n| Id | Text | Wording |\n|---|---|---|\n"
        + "\n".join(rows)
        + (f"\n\n… and {total - len(rows)} more (`sapassist list --class CLASS`)." if total > len(rows) else "")
        + "\n\nAsk about one, or `/lookup ID` for its full entry."
    )


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
