"""The words and placeholders of T100 message texts.

SAP's T100 texts hold placeholders: `&` or `&1`…`&4` for values filled in at run time,
and `&&` for a literal ampersand. A paste has them filled in ("Connection to host
sap.example.com failed: timeout" for "Connection to host & failed: &"), so the text
index needs the words of a text without its placeholders (`tokens`,
`strip_placeholders`), where the placeholders sit among the words (`text_items`), and a
safe way to tell whether a paste is the text with values filled in (`PlaceholderMatcher`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PLACEHOLDER = re.compile(r"&&|&[1-9]?")
_PLACEHOLDER_SPLIT = re.compile(r"(&&|&[1-9]?)")
_TOKEN = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


def tokens(text: str) -> list[str]:
    """Lower-case words (letters/digits); punctuation and underscores separate."""
    return _TOKEN.findall(text.casefold())


def strip_placeholders(text: str) -> str:
    """T100 text without its placeholders (`&&` is SAP's escaped literal ampersand)."""
    return _PLACEHOLDER.sub(lambda m: "&" if m.group(0) == "&&" else " ", text)


def squash(text: str) -> str:
    """Case-folded, with every run of whitespace one space: how texts are compared whole."""
    return _SPACE.sub(" ", text.casefold()).strip()


@dataclass(frozen=True, slots=True)
class PlaceholderMatcher:
    """Matches a T100 text with its placeholders filled in by arbitrary values.

    The literal fragments between placeholders must appear in order (case and
    whitespace ignored); a fragment at the start/end of the text anchors the match there.
    Implemented with `str.find`, not a regex with `.*?`, so it cannot backtrack
    catastrophically on a long paste.
    """

    fragments: tuple[str, ...]  # normalised literal text between placeholders
    anchored_start: bool
    anchored_end: bool
    literal_words: int

    @classmethod
    def from_text(cls, t100_text: str) -> PlaceholderMatcher | None:
        """None when the text has no placeholder (plain matching is enough) or no literal."""
        last = 0
        pieces: list[str] = []
        for match in _PLACEHOLDER.finditer(t100_text):
            if match.group(0) == "&&":
                continue
            pieces.append(t100_text[last : match.start()])
            last = match.end()
        if not pieces:
            return None
        pieces.append(t100_text[last:])
        parts = [squash(p.replace("&&", "&")) for p in pieces]
        anchored_start, anchored_end = bool(parts[0]), bool(parts[-1])
        fragments = tuple(p for p in parts if p)
        if not fragments:
            return None
        words = sum(len(tokens(f)) for f in fragments)
        return cls(fragments, anchored_start, anchored_end, words)

    def regex(self) -> str:
        """The same rule as a regular expression (documentation, other tools)."""
        body = ".*?".join(re.escape(f).replace(r"\ ", r"\s+") for f in self.fragments)
        return ("^" if self.anchored_start else "") + body + ("$" if self.anchored_end else "")

    def match(self, text: str) -> float:
        """Share of `text` (0..1) explained by this message, or 0.0 when it does not match.

        Filled-in values are explained by the placeholders; text before an anchored start
        or after an anchored end is not (a prefix such as "HTTP error 411 occured:" lowers
        the share but still matches).
        """
        squashed = squash(text)
        if not squashed:
            return 0.0
        pos = 0
        first_at = -1
        for fragment in self.fragments:
            at = squashed.find(fragment, pos)
            if at < 0:
                return 0.0
            if first_at < 0:
                first_at = at
            pos = at + len(fragment)
        head = first_at if self.anchored_start else 0
        tail = 0
        if self.anchored_end:
            last = self.fragments[-1]
            # the rightmost occurrence of the last literal is at or after the greedy one
            tail = len(squashed) - (squashed.rfind(last) + len(last))
        return 1.0 - (head + tail) / len(squashed)


def text_items(variant: str) -> list[str | None]:
    """The text's words and its placeholders (as None), in order (`&&` is neither)."""
    items: list[str | None] = []
    for index, piece in enumerate(_PLACEHOLDER_SPLIT.split(variant)):
        if index % 2:
            if piece != "&&":
                items.append(None)
        else:
            items.extend(tokens(piece))
    return items
