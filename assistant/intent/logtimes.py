"""A log's times of day and dates are no statuses.

Posters paste the log around an error, and every line starts with a timestamp:
"2024-03-11 10:15:04,550 INFO …". Its milliseconds are three digits ("550"), which the readers of
a status ("a 5xx is a refusal by itself", "three digits 1xx–5xx speak of a call") took for one.
Readers that look for a bare status read the text with these blanked. A line that starts with
a timestamp is the program's text, not the poster's: whether a post is written in English
(failedcall.read_in_english) is read from the other lines.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

# "10:15:02", "10:15:02,114", "10:15:02.114", "2024-03-11".
_TIMESTAMP = LazyPattern(r"\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b|\b\d{4}-\d{2}-\d{2}\b", literals=(":", "-"))


def without_timestamps(text: str) -> str:
    """`text` with a log's times of day and dates blanked."""
    return _TIMESTAMP.sub(" ", text)


# A line that starts with a date or a time of day, perhaps in brackets ("[2024-03-11 10:15:02]").
_LOG_LINE = LazyPattern(r"^[ \t]*\[?(?:\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}:\d{2})\b[^\n]*\n?", re.MULTILINE,
                        literals=(":", "-"))


def without_log_lines(text: str) -> str:
    """`text` without the lines that start with a timestamp (a log's lines)."""
    return _LOG_LINE.sub("", text)
