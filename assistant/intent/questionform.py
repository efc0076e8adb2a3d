"""A turn that is a question by its form (kept apart from dialogue.py so that readers the parse
stage calls — statedlimits — need no part of the dialogue)."""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

# A question by its form: a question mark at its end, or a question word first ("which PSE",
# "welches PSE"). Said of a subject within the topic, it asks; it reports nothing.
_QUESTION = LazyPattern(
    r"\?\s*$|^\W*(?:and\s+|but\s+|so\s+|und\s+)?(?:which|what|where|how|does|do|is|are|can|should|"
    r"welche[srmn]?|was|wo|wie|muss|ist)\b",
    re.IGNORECASE,
)


def asks_a_question(raw: str) -> bool:
    """The turn is a question by its form (`_QUESTION`), not a statement."""
    return bool(_QUESTION.search(raw.strip()))
