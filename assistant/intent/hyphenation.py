"""A word a PDF or a mail hyphenated at a line's end is the word.

Text copied out of a PDF (an SAP Note, a KBA, a vendor's manual) keeps the typesetter's breaks:
"certifi-\\ncate", "hand-\\nshake", "authenti-\\ncation". Read as two pieces, neither is a
word of the failure ("certifi" meets no sign). A hyphen at a line's end between two small
letters is such a break: the pieces are joined when the whole is a word ("certificate"), and
a compound keeps its hyphen on one line ("client-\\nside" -> "client-side"). A hyphen after a
space (a bullet, a dash) or before a capital, a digit or an indented line is left alone.
"""

from __future__ import annotations

import re

from assistant.intent.fuzzy import is_word

_BROKEN = re.compile(r"\b([A-Za-z]*[a-z])-[ \t]*\n(?=([a-z]+)\b)")


def without_line_end_hyphens(text: str) -> str:
    """`text` with each word hyphenated at a line's end made one again (module docstring)."""
    if "-\n" not in text and "- \n" not in text and "-\t\n" not in text:
        return text
    return _BROKEN.sub(_rejoined, text)


def _rejoined(m: re.Match[str]) -> str:
    head, tail = m.group(1), m.group(2)
    return head if is_word((head + tail).lower()) else head + "-"
