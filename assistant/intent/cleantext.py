"""The characters the router reads as nothing but a gap between words.

ANSI escapes (a terminal's colours), control and bidi characters carry no meaning for routing;
spaces other than U+0020 (a word processor's or a web page's no-break space, thin and
ideographic spaces) and a tab between fields (a table pasted out of the SAP GUI or a terminal)
are a space to the reader, while every pattern spells a space " ". Each is read as one space.
"""

from __future__ import annotations

from assistant.lazyre import LazyPattern

_ANSI = LazyPattern(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Control and bidi characters, and the spaces other than U+0020 (no-break, thin, narrow
# no-break, ideographic …: text copied out of a word processor or a web page has them between
# its words, and every pattern spells a space " "): each read as a space, in one pass.
_CONTROL = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\xa0\u1680\u2000-\u200f\u202a-\u202f\u205f\u2066-\u2069\u3000\ufeff]")
# A tab after a word is a gap between fields (a table pasted out of the SAP GUI or a terminal),
# read as a space; a tab that indents a line ("\tat com.sap…") stays.
_INLINE_TAB = LazyPattern(r"(?<=\S)\t+")


def clean(text: str) -> str:
    """Drop ANSI escapes and control/bidi characters, and read every other space (and a tab
    between fields) as a space: they carry no meaning for routing."""
    text = _CONTROL.sub(" ", _ANSI.sub(" ", text))
    return _INLINE_TAB.sub(" ", text) if "\t" in text else text
