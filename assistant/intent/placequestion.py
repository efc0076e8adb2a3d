"""A place question about a thing an entry names in its body: "where is the Cloud Connector
log?", "wo finde ich das Log des Cloud Connectors?".

Such a question names a product (an alias of a term entry: "Cloud Connector") and a thing
of it ("log"). The bare how-to rule (howtosubject.product_how_to) read it as about the
product at large — outside — although the entry's own text names that thing (the Cloud
Connector entry names its `ljs_trace.log`). A where-question (where is / where do I find /
wo finde ich / wo ist) whose other words meet the text of an entry it names is answered from
that entry, with the passage that names the thing; what the entry does not say (where the
file lies on disk) the answer does not invent.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from assistant.intent.fuzzy import content_words, normalize, stem
from assistant.intent.german import english
from assistant.intent.intents import IntentDecision
from assistant.intent.parsing import ParsedText
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import GlossaryEntry
from assistant.lazyre import LazyPattern

# Where-questions, English and German, on the cue text.
_WHERE = LazyPattern(r" (where (is|are|do|can|would|should) |wo ([a-z]+ (ich|wir|man)|ist|sind|liegt|liegen) )",
                     literals=("where", "wo"))
# The words of asking for a place, which name no thing ("where do I find …", "wo finde ich").
_PLACE_WORDS = frozenset(stem(w) for w in "where find finde finden found see look locate get wo ist sind liegt".split())


class PlacedThing(NamedTuple):
    """The entry (glossary id) a place question names and the word of its text it asks for."""

    entry: str
    word: str


def place_in_entry(decision: IntentDecision, parsed: ParsedText, kb: KnowledgeBase) -> PlacedThing | None:
    """The entry a where-question names and the thing of it the entry's text names (None
    when it is no where-question, names no entry, or asks for nothing its text names)."""
    if not decision.glossary or _WHERE.search(parsed.cue_text) is None:
        return None
    lowered = parsed.raw.lower()
    for gid in decision.glossary:
        entry = kb.glossary.get(gid)
        if entry is None:
            continue
        word = _thing_named(entry, lowered, f"{parsed.raw} {english(parsed.raw)}")
        if word is not None:
            return PlacedThing(gid, word)
    return None


def _thing_named(entry: GlossaryEntry, lowered: str, text: str) -> str | None:
    """The first word of the question, beside the entry's names it uses, that the entry's text
    holds — in the entry's own form of it."""
    named = " ".join(n for n in (entry.id, *entry.aliases) if n.lower() in lowered)
    if not named:
        return None
    name_stems = {stem(w) for w in content_words(normalize(named))}
    body = {stem(w): w for w in content_words(normalize(entry.text))}
    for w in content_words(normalize(text)):
        # A short word's plural too ("logs": the light stemmer leaves words of four letters alone).
        s = next((f for f in (stem(w), stem(w[:-1]) if w.endswith("s") else "") if f in body), stem(w))
        if s not in name_stems and s not in _PLACE_WORDS and s in body:
            return body[s]  # as the entry writes it ("log" for "logs"): its passage is found by it
    return None


def passage_naming(text: str, word: str) -> str | None:
    """The paragraph of an entry's text that names `word` (one line), or None."""
    pattern = re.compile(rf"\b{re.escape(word)}", re.IGNORECASE)
    for paragraph in re.split(r"\n[ \t]*\n", text):
        if pattern.search(paragraph):
            return " ".join(paragraph.split())
    return None
