"""Finding one knowledge-base entry by any id form people use, and the ids near an unknown one.

`sapassist lookup ID` and the chat's `/lookup ID` both answer with these: 407,
SCLNT_HTTP407, "sclnt_http 407", ICM constants, code ids, aliases and numbers
(SSSLERR_…, NIECONN_REFUSED, -102), cause ids, and glossary ids and aliases (STRUST,
profile parameters, "510007" or "note 510007" for an SAP note). Pure functions of the
text and the base, like the router.
"""

from __future__ import annotations

from assistant.intent.cleantext import clean
from assistant.intent.entities import extract_entities
from assistant.intent.fuzzy import best_matches, normalize
from assistant.intent.kbindex import RouterIndex, index_for
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, Code, GlossaryEntry, Message

Entry = Message | Cause | Code | GlossaryEntry

MAX_FUZZY_NAMES = 20_000  # above this, fuzzy name matching costs more than it helps


def find_entry(kb: KnowledgeBase, raw: str) -> Entry | None:
    """The entry `raw` names, or None."""
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
    found = codes_with_number(kb, ident)
    return kb.codes[found[0]] if len(found) == 1 else None


def codes_with_number(kb: KnowledgeBase, ident: str) -> list[str]:
    """The code ids whose number `ident` is ("-10" -> two codes); [] when it is no number."""
    text = ident.strip("() ")
    if not (text.startswith("-") and text[1:].isdigit() and len(text) <= 8):
        return []
    return list(index_for(kb).codes_by_numeric.get(int(text), []))


def neighbour_ids(index: RouterIndex, message_id: str) -> tuple[str, ...]:
    """The known message ids numbered just below and above `message_id` (two each side)."""
    cls, number = message_id[:-3], int(message_id[-3:])
    known = index.known_numbers.get(cls, [])
    below = [n for n in known if n < number][-2:]
    above = [n for n in known if n > number][:2]
    return tuple(f"{cls}{n:03d}" for n in [*below, *above])


def nearest_ids(kb: KnowledgeBase, raw: str, limit: int = 5) -> list[str]:
    """Ids close to an unknown one: numeric neighbours for message ids, else fuzzy names."""
    index = index_for(kb)
    ident = clean(raw).strip()[:200]
    same_number = codes_with_number(kb, ident)
    if same_number:
        return same_number[:limit]
    candidates = ident if not ident.isdigit() else f"SCLNT_HTTP{ident.zfill(3)}"
    entities = extract_entities(candidates, kb, index)
    near: list[str] = []
    for mid in entities.message_ids:
        if len(mid) > 3 and mid[-3:].isdigit():
            near.extend(neighbour_ids(index, mid))
    if not near and ident:
        names = [*kb.messages, *kb.causes, *kb.codes, *kb.glossary]
        if len(names) <= MAX_FUZZY_NAMES:
            near = [name for name, _ in best_matches(ident, names, limit=limit, cutoff=60)]
    return list(dict.fromkeys(near))[:limit]
