"""Knowledge-base entries as JSON-ready dicts, for `lookup --json` and `list --json`.

A looked-up entry is self-contained: a message comes with its causes expanded (title,
explanation, fix steps, live check, severity) and its codes with their meaning, so a
script needs no second call. A reference to an id the base lacks is kept with
`"missing": true` rather than dropped.
"""

from __future__ import annotations

from typing import Any

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, CheckRef, Code, GlossaryEntry, Message, Source

Entry = Message | Cause | Code | GlossaryEntry


def _sources(sources: tuple[Source, ...]) -> list[dict[str, str]]:
    return [{"url": s.url, "note": s.note} for s in sources]


def _check(check: CheckRef | None) -> dict[str, str] | None:
    return None if check is None else {"step": check.step, "how": check.how}


def _cause_brief(kb: KnowledgeBase, cause_id: str) -> dict[str, Any]:
    cause = kb.causes.get(cause_id)
    if cause is None:
        return {"id": cause_id, "missing": True}
    return {
        "id": cause.id,
        "title": cause.title,
        "neutral_title": cause.neutral_title,
        "explanation": cause.explanation,
        "other_clients": cause.other_clients,
        "fix": list(cause.fix),
        "check": _check(cause.check),
        "severity": cause.severity,
        "after_import": cause.after_import,
    }


def _code_brief(kb: KnowledgeBase, code_id: str) -> dict[str, Any]:
    code = kb.codes.get(code_id)
    if code is None:
        return {"id": code_id, "missing": True}
    return {"id": code.id, "numeric": code.numeric, "layer": code.layer, "meaning": code.meaning}


def _message_brief(kb: KnowledgeBase, message_id: str) -> dict[str, Any]:
    m = kb.messages.get(message_id)
    if m is None:
        return {"id": message_id, "missing": True}
    return {"id": m.id, "number": m.number, "status": m.status, "short_text": m.short_text, "title": m.title}


def entry_kind(entry: Entry) -> str:
    return {Message: "message", Cause: "cause", Code: "code", GlossaryEntry: "glossary"}[type(entry)]


def entry_to_json(kb: KnowledgeBase, entry: Entry) -> dict[str, Any]:
    """The full entry, references expanded."""
    common = {"kind": entry_kind(entry), "id": entry.id}
    tail = {"sap_wording": entry.sap_wording, "sources": _sources(entry.sources), "origin": entry.origin}
    if isinstance(entry, Message):
        return {
            **common,
            "message_class": entry.message_class,
            "number": entry.number,
            "type": entry.type,
            "status": entry.status,
            "short_text": entry.short_text,
            "title": entry.title,
            "title_is_ours": entry.short_text is None and entry.imported_text is None,
            "imported_text": entry.imported_text,
            "icm_constant": entry.icm_constant,
            "meaning": entry.meaning,
            "system_response": entry.system_response,
            "causes": [_cause_brief(kb, c) for c in entry.causes],
            "codes": [_code_brief(kb, c) for c in entry.codes],
            "pitfalls": list(entry.pitfalls),
            "keywords": list(entry.keywords),
            **tail,
        }
    if isinstance(entry, Cause):
        return {
            **common,
            "title": entry.title,
            "neutral_title": entry.neutral_title,
            "explanation": entry.explanation,
            "signs": list(entry.signs),
            "fix": list(entry.fix),
            "check": _check(entry.check),
            "severity": entry.severity,
            "after_import": entry.after_import,
            "codes": [_code_brief(kb, c) for c in entry.codes],
            "messages": [_message_brief(kb, m.id) for m in kb.messages_for_cause(entry.id)],
            **tail,
        }
    if isinstance(entry, Code):
        return {
            **common,
            "numeric": entry.numeric,
            "layer": entry.layer,
            "aliases": list(entry.aliases),
            "meaning": entry.meaning,
            "messages": [_message_brief(kb, m) for m in entry.messages],
            "causes": [_cause_brief(kb, c) for c in entry.causes],
            **tail,
        }
    return {
        **common,
        "glossary_kind": entry.kind,
        "title": entry.title,
        "text": entry.text,
        "aliases": list(entry.aliases),
        "shared_aliases": list(entry.shared_aliases),
        "next_step": entry.next_step,
        **tail,
    }


def kb_to_json_summary(kb: KnowledgeBase, message_class: str | None = None) -> list[dict[str, Any]]:
    """One line per message, sorted by class and number (for `list --json`)."""
    chosen = kb.messages.values() if message_class is None else kb.messages.values_of_class(message_class)
    messages = sorted(chosen, key=lambda m: (m.message_class, m.number))
    return [
        {
            "id": m.id,
            "number": m.number,
            "class": m.message_class,
            "status": m.status,
            "short_text": m.short_text,
            "title": m.title,
            "imported_text": m.imported_text,
            "icm_constant": m.icm_constant,
        }
        for m in messages
    ]
