"""Where letter case says something, and where a text's capitals say nothing.

A few readers keep their case because it tells two words apart: CONNECT the HTTP method
against "connect" the verb (readings.py, signs.py' capital-word signs), an SAP constant
against the English word of the same letters. A line written all in capitals — caps lock, a
ticket tool that shouts — writes every word so, and there the capitals tell nothing apart:
"I CANNOT CONNECT TO THE SERVER" holds the verb. Such a reader asks `in_capitals_on_purpose`
of each match: the line around it holds a lower-case letter, so its capitals were chosen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_LOWER = re.compile(r"[a-zäöüß]")


def in_capitals_on_purpose(text: str, start: int, end: int) -> bool:
    """The match at `start`:`end` stands in a line that is not written all in capitals."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:] if line_end < 0 else text[line_start:line_end]
    return _LOWER.search(line) is not None


def any_on_purpose(text: str, matches: Iterable[re.Match[str]]) -> bool:
    """Some match of a case-sensitive pattern stands where capitals were chosen."""
    return any(in_capitals_on_purpose(text, m.start(), m.end()) for m in matches)
