"""`sapassist lookup ID`: one knowledge-base entry, by any id form people use.

Accepts 407, SCLNT_HTTP407, "sclnt_http 407", ICM constants, code ids and aliases
(SSSLERR_…, NIECONN_REFUSED), cause ids and glossary ids (STRUST, profile parameters).
Exit codes: 0 found, 1 unknown id (nearest ids suggested), 2 knowledge-base error.
"""

from __future__ import annotations

import argparse
import json
import sys

from assistant.commands.ask import load_knowledge, render
from assistant.kb.model import Cause, Code, GlossaryEntry, KnowledgeBase, Message
from assistant.textsafe import escape_control

Entry = Message | Cause | Code | GlossaryEntry


def find_entry(kb: KnowledgeBase, raw: str) -> Entry | None:
    """The entry `raw` names, or None."""
    from assistant.intent.entities import clean, extract_entities
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
    if ident.isdigit():
        return kb.message_by_number(int(ident)) if len(ident) <= 3 else kb.glossary.get(ident)
    if lower in kb.causes:
        return kb.causes[lower]
    if upper in index.codes:
        return kb.codes[index.codes[upper]]
    if upper in index.constants:
        return kb.messages[index.constants[upper]]
    if lower in index.glossary:
        return kb.glossary[index.glossary[lower]]
    entities = extract_entities(ident, kb, index)
    for mid in entities.message_ids:
        if mid in kb.messages:
            return kb.messages[mid]
    if entities.codes:
        return kb.codes[entities.codes[0]]
    return None


def nearest_ids(kb: KnowledgeBase, raw: str, limit: int = 5) -> list[str]:
    """Ids close to an unknown one: numeric neighbours for message ids, else fuzzy names."""
    from assistant.intent.entities import clean, extract_entities
    from assistant.intent.fuzzy import best_matches
    from assistant.intent.kbindex import index_for
    from assistant.intent.router import _neighbours

    index = index_for(kb)
    ident = clean(raw).strip()[:200]
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
    kb, code = load_knowledge(args.kb)
    if kb is None:
        return code
    entry = find_entry(kb, args.id)
    if entry is None:
        near = nearest_ids(kb, args.id)
        shown = escape_control(args.id[:200])
        if args.json:
            print(json.dumps({"error": "unknown id", "id": args.id[:200], "nearest": near}, ensure_ascii=False))
        else:
            hint = f" Nearest known ids: {', '.join(near)}." if near else ""
            print(f"sapassist lookup: {shown!s} is not in the knowledge base.{hint}", file=sys.stderr)
        return 1
    if args.json:
        from assistant.kb.export import entry_to_json

        print(json.dumps(entry_to_json(kb, entry), ensure_ascii=False, indent=2))
        return 0
    from assistant.answers.markdown import build_entry_answer

    sys.stdout.write(render(build_entry_answer(kb, entry)))
    return 0
