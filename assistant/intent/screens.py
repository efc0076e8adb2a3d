"""What a pasted SAP screen shows besides the error: parts of its layout that are no evidence.

People paste a screen as it is. An ST22 short dump ends with the source code around the
point of termination ("Source Code Extract", one numbered line each, `>>>>>` at the
statement that raised). That code is the program, not what happened: abapGit's
CHECK_HTTP_200 lists `WHEN 401.` … `WHEN 407.` and "(HTTP 407). Check your credentials"
whatever status the server sent, and a reader that took those numbers and words as
the report's would answer a proxy problem for a 403. The dump's own sections (the
exception, "Error analysis" with the exception text, "Chosen variables" with the values
at the time) stay.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

# A line of the extract: its number (or the `>>>>>` marker) then the code, either after
# "|" (ST22 since 7.0 EHP) or after blanks (older releases and copies that lost the bar).
_SOURCE_LINE = re.compile(r"[ \t]*(?:>{5,}|\d{1,6})[ \t]*(?:\||[ \t](?=[ \t]*\S))")
_MARKER_LINE = re.compile(r"[ \t]*>{5,}")
# The extract's heading (English, German) and its column headings ("Line  SourceCde",
# "Zeile  SText").
_HEADING = LazyPattern(
    r"^[ \t]*(?:Source[ \t]+Code[ \t]+Extract|Quelltextausschnitt)\b",
    re.IGNORECASE | re.MULTILINE,
    literals=("source", "quelltext"),
)
_COLUMNS = re.compile(r"[ \t]*(?:Line|Zeile)[ \t]+(?:SourceCde|SText|Source[ \t]*Code)\b", re.IGNORECASE)


def without_program_source(text: str) -> str:
    """`text` with a short dump's source extract blanked (each of its lines left empty).

    A run of numbered lines counts as the extract only where the dump marks it: under the
    "Source Code Extract" heading, or holding the `>>>>>` line of the termination point —
    numbered lines elsewhere ("404  Not Found" in a table) are left alone."""
    if ">>>>>" not in text and not _HEADING.search(text):
        return text
    lines = text.split("\n")
    blanked = False
    start = 0
    while start < len(lines):
        end = _run_end(lines, start)
        if end > start and _is_extract(lines, start, end):
            for i in range(start, end):
                if _SOURCE_LINE.match(lines[i]):
                    lines[i] = ""
                    blanked = True
        start = max(end, start + 1)
    return "\n".join(lines) if blanked else text


def _run_end(lines: list[str], start: int) -> int:
    """End of the run of source lines (blank lines and column headings inside) at `start`."""
    end = start
    while end < len(lines) and (
        _SOURCE_LINE.match(lines[end]) or (end > start and not lines[end].strip())
        or _COLUMNS.match(lines[end])
    ):
        end += 1
    return end


def _is_extract(lines: list[str], start: int, end: int) -> bool:
    if any(_MARKER_LINE.match(lines[i]) for i in range(start, end)):
        return True
    for i in range(start - 1, -1, -1):  # the nearest non-blank line above is the heading
        if lines[i].strip():
            return bool(_HEADING.search(lines[i]))
    return False
