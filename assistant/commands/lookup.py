"""`sapassist lookup ID`: one knowledge-base entry, by any id form people use.

Accepts 407, SCLNT_HTTP407, "sclnt_http 407", ICM constants, code ids, aliases and
numbers (SSSLERR_…, NIECONN_REFUSED, -102), cause ids, and glossary ids and aliases
(STRUST, profile parameters, "510007" or "note 510007" for an SAP note).
Exit codes: 0 found, 1 unknown id (nearest ids suggested), 2 no id or knowledge-base error.
"""

from __future__ import annotations

import argparse
import json
import sys

from assistant.commands.ask import load_knowledge, render
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, Code, GlossaryEntry, Message
from assistant.textsafe import escape_control

Entry = Message | Cause | Code | GlossaryEntry


def find_entry(kb: KnowledgeBase, raw: str) -> Entry | None:
    """The entry `raw` names, or None."""
    from assistant.intent.entities import clean, extract_entities
    from assistant.intent.fuzzy import normalize
    from assistant.intent.kbindex import index_for

    ident = clean(raw).strip()
    if not ident:
        return None
    for table in (kb.messages, kb.causes, kb.codes, kb.glossary):
        if ident in table:
            return table[ident]
    index = index_for(kb)
    upper, lower = ident.upper(), ident.lower()
    if upper in kb.messages:
        return kb.messages[upper]
    if ident.isdigit() and len(ident) <= 3:
        return kb.message_by_number(int(ident))
    if lower in kb.causes:
        return kb.causes[lower]
    if upper in index.codes:
        return kb.codes[index.codes[upper]]
    if upper in index.constants:
        return kb.messages[index.constants[upper]]
    # glossary ids and aliases: "strust", "510007" (a note), "note 510007"
    gid = index.glossary.get(lower) or dict(index.glossary_phrases).get(normalize(ident))
    if gid:
        return kb.glossary[gid]
    numeric = _numeric_code(kb, ident)
    if numeric is not None:
        return numeric
    entities = extract_entities(ident, kb, index)
    for mid in entities.message_ids:
        if mid in kb.messages:
            return kb.messages[mid]
    if entities.codes:
        return kb.codes[entities.codes[0]]
    return None


def _numeric_code(kb: KnowledgeBase, ident: str) -> Code | None:
    """A low-level code by its number ("-102"), when only one code has it (-10 is both
    NIECONN_REFUSED and SSSLRC_CONN_CLOSED: then the caller lists them as nearest)."""
    found = _codes_with_number(kb, ident)
    return kb.codes[found[0]] if len(found) == 1 else None


def _codes_with_number(kb: KnowledgeBase, ident: str) -> list[str]:
    text = ident.strip("() ")
    if not (text.startswith("-") and text[1:].isdigit() and len(text) <= 8):
        return []
    from assistant.intent.kbindex import index_for

    return list(index_for(kb).codes_by_numeric.get(int(text), []))


def nearest_ids(kb: KnowledgeBase, raw: str, limit: int = 5) -> list[str]:
    """Ids close to an unknown one: numeric neighbours for message ids, else fuzzy names."""
    from assistant.intent.entities import clean, extract_entities
    from assistant.intent.fuzzy import best_matches
    from assistant.intent.kbindex import index_for
    from assistant.intent.router import _neighbours

    index = index_for(kb)
    ident = clean(raw).strip()[:200]
    same_number = _codes_with_number(kb, ident)
    if same_number:
        return same_number[:limit]
    candidates = ident if not ident.isdigit() else f"SCLNT_HTTP{ident.zfill(3)}"
    entities = extract_entities(candidates, kb, index)
    near: list[str] = []
    for mid in entities.message_ids:
        if len(mid) > 3 and mid[-3:].isdigit():
            near.extend(_neighbours(index, mid))
    if not near and ident:
        names = [*kb.messages, *kb.causes, *kb.codes, *kb.glossary]
        if len(names) <= 20_000:
            near = [name for name, _ in best_matches(ident, names, limit=limit, cutoff=60)]
    return list(dict.fromkeys(near))[:limit]


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.id.strip():
        print("sapassist lookup: give an id, e.g. SCLNT_HTTP407, 421, STRUST", file=sys.stderr)
        return 2
    kb, code = load_knowledge(args.kb)
    if kb is None:
        return code
    entry = find_entry(kb, args.id)
    if entry is None:
        near = nearest_ids(kb, args.id)
        shown = escape_control(args.id[:200])
        several = len(_codes_with_number(kb, args.id)) > 1
        if args.json:
            error = "ambiguous number" if several else "unknown id"
            print(json.dumps({"error": error, "id": args.id[:200], "nearest": near}, ensure_ascii=False))
        elif several:
            print(f"sapassist lookup: {shown} is the number of several codes: {', '.join(near)}; "
                  "look one up by name.", file=sys.stderr)
        else:
            hint = f" Nearest known ids: {', '.join(near)}." if near else ""
            print(f"sapassist lookup: {shown} is not in the knowledge base.{hint}", file=sys.stderr)
        return 1
    if args.json:
        from assistant.kb.export import entry_to_json

        print(json.dumps(entry_to_json(kb, entry), ensure_ascii=False, indent=2))
        return 0
    from assistant.answers.markdown import build_entry_answer

    sys.stdout.write(render(build_entry_answer(kb, entry)))
    return 0
