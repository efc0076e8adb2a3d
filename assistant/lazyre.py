"""Regular expressions compiled on first use instead of at import.

`re.compile` costs 0.1–0.6 ms per pattern on the project's machine, and a fresh
`sapassist ask --json` imports about a hundred module-level patterns, many of which
only some texts reach (a greeting, a return code after a method name, a pasted
trace). A `LazyPattern` is declared like a compiled pattern and used through the same
methods; it compiles on the first call and then delegates, so a question pays only for
the patterns it reaches. `re`'s own cache is not used: it holds 512 patterns and a
long-running chat would compile evicted ones again.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

SHORT_TEXT = 64  # characters: below this a compiled regex scans faster than the literal test


class LazyPattern:
    """`re.compile(pattern, flags)`, done the first time a method needs it.

    `literals`, when given, are strings one of which every match contains (in lower case
    for a case-insensitive pattern): `search`, `finditer` and `findall` then scan only a
    text that holds one — a substring test costs far less than a regex scan of a trace —
    and `sub`/`subn` return such a text as it is.
    A case-insensitive pattern is always run on non-ASCII text, where `re` knows more
    case equivalents than `str.lower` ("ſ" matches "s", "K" the Kelvin sign "k").
    """

    __slots__ = ("_compiled", "_folded", "flags", "literals", "pattern")

    def __init__(self, pattern: str, flags: int = 0, *, literals: tuple[str, ...] = ()) -> None:
        self.pattern = pattern
        self.flags = flags
        self.literals = literals
        self._folded = bool(flags & re.IGNORECASE)
        self._compiled: re.Pattern[str] | None = None

    def may_match(self, string: str) -> bool:
        """False only when no match is possible: the text holds none of the literals. A
        short text is scanned once the pattern is compiled (that costs less than looking
        for the literals); before, the literals decide, so a short question does not
        compile (0.1–1.7 ms each) the patterns whose words it lacks."""
        literals = self.literals
        if not literals or (len(string) < SHORT_TEXT and self._compiled is not None):
            return True
        if self._folded:
            if not string.isascii():
                return True
            string = _lowered(string)
        return any(literal in string for literal in literals)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if this is the first use)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.literals and not self.may_match(string):
            return None
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        if self.literals and not self.may_match(string):
            return iter(())
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if self.literals and not self.may_match(string):
            return []
        return self.compiled().findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        if self.literals and not self.may_match(string):
            return string
        return self.compiled().sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        if self.literals and not self.may_match(string):
            return string, 0
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self.compiled().split(string, maxsplit)

    def __reduce__(self) -> tuple[Callable[..., LazyPattern], tuple[str, int, tuple[str, ...]]]:
        """Pickled as its source (the loader's cache stores tables holding patterns)."""
        return (_rebuilt, (self.pattern, self.flags, self.literals))

    def __repr__(self) -> str:
        literals = f", literals={self.literals!r}" if self.literals else ""
        return f"LazyPattern({self.pattern!r}, {self.flags!r}{literals})"


_LAST_LOWERED: tuple[str, str] = ("", "")


def _lowered(string: str) -> str:
    """`string.lower()`, kept for the last string asked: the patterns of one text ask in turn."""
    global _LAST_LOWERED
    last = _LAST_LOWERED
    if last[0] is string:
        return last[1]
    lower = string.lower()
    _LAST_LOWERED = (string, lower)
    return lower


def _rebuilt(pattern: str, flags: int, literals: tuple[str, ...]) -> LazyPattern:
    return LazyPattern(pattern, flags, literals=literals)
