"""A log's routine lines are the program's chatter, not the failure: no keyword is read from them.

Posters paste the screen of a log around the error. A log line carries its level (log4j,
logback, java.util.logging, Python's logging, Maven: ``INFO``, ``DEBUG``, ``TRACE``, ``FINE``,
written in capitals after the line's timestamp or in brackets, "[INFO] …", "INFO:root:…").
A line at a routine level that names no failure ("2024-03-11 10:15:02 INFO [main] Loading
configuration", "INFO:root:Sending request to …") says what the program did, so its words
("configuration", "thread", "process") are no overlap with a cause's words. A routine line that
does name one ("[INFO] BUILD FAILURE", an INFO line wrapping a tool's error output) is read as
any line; and the phrases of a cause written in any line (a sign verbatim) still count — only
the keyword reading, which weighs every word of the text, leaves the routine lines out.
Level names: https://logging.apache.org/log4j/2.x/manual/customloglevels.html,
https://docs.python.org/3/library/logging.html#logging-levels.
"""

from __future__ import annotations

import re

from assistant.intent.finestates import reports_a_failure
from assistant.intent.fuzzy import normalize
from assistant.lazyre import LazyPattern

# A line whose first words are a timestamp, a date or a pid/number (any of them in brackets),
# then a routine level in capitals: the level is the line's own, not a word of its message.
_ROUTINE_LINE = LazyPattern(
    r"^[ \t>]*(?:[\[(]?[\d][\d:.,/T+Z-]*[\])]?[ \t]+){0,3}[\[(]?(?:INFO|DEBUG|TRACE|FINE|FINER|FINEST)\b[^\n]*$",
    re.MULTILINE, literals=("INFO", "DEBUG", "TRACE", "FINE"),
)


def without_routine_log_lines(text: str) -> str:
    """`text` with each routine log line that names no failure blanked (the module docstring);
    the other lines, and the line ends, as they were."""
    def blanked(line: re.Match[str]) -> str:
        return line.group() if reports_a_failure(normalize(line.group()).split()) else ""
    return _ROUTINE_LINE.sub(blanked, text)
