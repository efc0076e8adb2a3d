"""What a pasted SAP screen shows besides the error: parts of its layout that are no evidence.

People paste a screen as it is. An ST22 short dump ends with the source code around the
point of termination ("Source Code Extract", one numbered line each, `>>>>>` at the
statement that raised). That code is the program, not what happened: abapGit's
CHECK_HTTP_200 lists `WHEN 401.` … `WHEN 407.` and "(HTTP 407). Check your credentials"
whatever status the server sent, and a reader that took those numbers and words as
the report's would answer a proxy problem for a 403. The dump's own sections (the
exception, "Error analysis" with the exception text, "Chosen variables" with the values
at the time) stay.

A result table copied with its frame (SM59's test result, SRT_UTIL's error log, a
Markdown table in an issue) puts "|" before every field: "| Status Text | SSL Peer
Certificate Untrusted |" must read as the field "Status Text" with its value, as the
screen without the frame would.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.lazyre import LazyPattern

# A screen copied is a few KB; in a long paste only its first and last SCREEN_WINDOW
# characters are read for a layout (where a pasted screen sits beside a log), so a dense
# megabyte paste costs what a screen does.
SCREEN_WINDOW = 16_000

# A run of extract lines: each its number (or the `>>>>>` marker) then the code, either
# after "|" (ST22 since 7.0 EHP) or after blanks (older releases and copies that lost the
# bar); blank lines may stand between them.
_SOURCE_LINE = r"[ \t]*(?:>{5,}|\d{1,6})[ \t]*(?:\||[ \t]+(?=\S))[^\n]*"
_SOURCE_RUN = LazyPattern(rf"^{_SOURCE_LINE}(?:\n(?:[ \t]*\n)*{_SOURCE_LINE})*", re.MULTILINE)
_SOURCE_LINE_IN_RUN = LazyPattern(rf"^{_SOURCE_LINE}", re.MULTILINE)
_MARKER_LINE = LazyPattern(r"^[ \t]*>{5,}", re.MULTILINE)
# The extract's heading (English, German) and its column headings ("Line  SourceCde",
# "Zeile  SText").
_HEADING = LazyPattern(
    r"^[ \t]*(?:Source[ \t]+Code[ \t]+Extract|Quelltextausschnitt)\b",
    re.IGNORECASE | re.MULTILINE,
    literals=("source", "quelltext"),
)
_COLUMNS = LazyPattern(r"[ \t]*(?:Line|Zeile)[ \t]+(?:SourceCde|SText|Source[ \t]*Code)\b", re.IGNORECASE)


def _at_the_ends(text: str, read: Callable[[str], str]) -> str:
    """`read` applied to a long text's first and last SCREEN_WINDOW characters (cut at
    line ends), the middle as it is; a short text is read whole."""
    if len(text) <= 2 * SCREEN_WINDOW:
        return read(text)
    head_end = text.rfind("\n", 0, SCREEN_WINDOW) + 1
    tail_start = text.find("\n", len(text) - SCREEN_WINDOW) + 1
    if head_end <= 0 or tail_start <= head_end:
        return text  # one immense line: no screen has that shape
    return read(text[:head_end]) + text[head_end:tail_start] + read(text[tail_start:])


def without_program_source(text: str) -> str:
    """`text` with a short dump's source extract blanked (each of its lines left empty).

    A run of numbered lines counts as the extract only where the dump marks it: under the
    "Source Code Extract" heading, or holding the `>>>>>` line of the termination point —
    numbered lines elsewhere ("404  Not Found" in a table) are left alone."""
    if ">>>>>" not in text and not _HEADING.search(text):
        return text
    return _at_the_ends(text, _blank_extracts)


def _blank_extracts(text: str) -> str:
    parts: list[str] = []
    done = 0
    for run in _SOURCE_RUN.finditer(text):
        if _MARKER_LINE.search(run.group()) or _under_the_heading(text, run.start()):
            parts += [text[done : run.start()], _SOURCE_LINE_IN_RUN.sub("", run.group())]
            done = run.end()
    return "".join([*parts, text[done:]]) if parts else text


def _under_the_heading(text: str, start: int) -> bool:
    """The nearest line above `start` that is neither blank nor the column headings is
    the extract's heading."""
    for line in reversed(text[max(0, start - 400) : start].split("\n")):
        if line.strip() and not _COLUMNS.match(line):
            return bool(_HEADING.search(line))
    return False


# A framed row: "|" first and last on the line. A rule: only "-", "=", "+" and "|".
_FRAMED_ROW = LazyPattern(r"^[ \t]*\|(.*)\|[ \t]*$", re.MULTILINE)
_RULE = LazyPattern(r"^[ \t]*[|+]?[ \t]*[-=][-=+| \t]{2,}[|+]?[ \t]*$", re.MULTILINE)


def without_table_frames(text: str) -> str:
    """`text` with table frames taken off: rules left empty, a framed row's cells set apart
    by blanks (its line, and so its field at the start of the line, stays)."""
    return text if "|" not in text else _at_the_ends(text, _unframed)


def _unframed(text: str) -> str:
    text = _RULE.sub("", text)
    return _FRAMED_ROW.sub(lambda m: "   ".join(cell.strip() for cell in m.group(1).split("|")), text)


# A screen's field whose value is no status or message number: the source line of a dump
# ("the termination point is in line 402"), and — as a field at the start of its line, as
# ST22's header lists them, not "the HTTP client 403" in a sentence — the client ("Client
# 400", "Mandant 500") and the work process. A copied field list may set the value far off.
_FIELD_BEFORE = LazyPattern(
    r"(?:\b(?:line|zeile)|^[ \t]*(?:client|mandant|clt|work[ \t]+process|workprozess))[ \t]*[:=.]?[ \t]*$",
    re.IGNORECASE,
)
_FIELD_REACH = 40  # characters before a value within which its label is looked for


def after_a_field_label(text: str, start: int, before: str) -> bool:
    """The number at `start` is the value of such a field. `before` is a few characters
    before it: the label is looked up only after a word (or blanks), so a dense paste of
    numbers costs no search per number."""
    word_end = before.rstrip(" \t:=.")
    if word_end and not word_end[-1].isalpha():
        return False
    label = text[max(0, start - _FIELD_REACH) : start]
    return bool(_FIELD_BEFORE.search(label[label.rfind("\n") + 1 :]))


# The PI/PO message monitor (SXMB_MONI) names the ICM's code with its constant: "Error while
# sending by HTTP (error code: 402, error text: ICM_HTTP_TIMEOUT)".
_ICM_TEXT_AFTER = LazyPattern(r"[ \t]*[,;]?[ \t]*error[ _-]?text[ \t]*[:=]?[ \t]*[\"']?ICM_", re.IGNORECASE)


def icm_constant_follows(text: str, end: int) -> bool:
    """The error code ending at `end` is followed by its ICM constant as the error text."""
    return bool(_ICM_TEXT_AFTER.match(text, end))


# A system-log row (SM21, a log read with sapcontrol, a work process trace line) starts
# with its time (a date may stand before it) and lists the work process's type and number
# and the client before the user and the text: "10:14:22 DIA 004 400 BASIS01 … ICM_HTTP_…".
# Those columns are no status and no message number; the row's text after them is read.
_LOG_ROW_COLUMNS = LazyPattern(
    r"[ \t]*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[ \t,;|]+)?"
    r"\d{1,2}:\d\d(?::\d\d)?(?:[.,:]\d{1,6})?(?:[ \t]*[AP]M)?"
    r"(?:[ \t,;|]+(?:DIA|BTC|BGD|UPD|UP2|SPO|ENQ|ICM|GWY|\d{1,3}))*[ \t,;|]+",
    re.IGNORECASE,
)
_ROW_REACH = 60  # the columns before a log row's text fit in this many characters


def column_or_field_value(text: str, start: int, before: str) -> bool:
    """The number at `start` is a field's value (`after_a_field_label`) or stands in a log
    row's columns (`in_a_log_rows_columns`)."""
    return after_a_field_label(text, start, before) or in_a_log_rows_columns(text, start)


def in_a_log_rows_columns(text: str, start: int) -> bool:
    """The number at `start` stands in the leading columns of a log row (after its time,
    among the work process and the client), not in the row's text."""
    line_start = text.rfind("\n", max(0, start - _ROW_REACH), start) + 1
    if line_start == 0 and start > _ROW_REACH:
        return False  # the line is longer than any row's columns
    columns = text[line_start:start]
    if ":" not in columns or not columns.lstrip()[:1].isdigit():
        return False  # the cheap test first: a dense paste of numbers costs no match
    return bool(_LOG_ROW_COLUMNS.fullmatch(columns))


# SOAMANAGER's "Ping Web Service" gives the HTTP status of the service's answer as its
# return code: "Web service ping failed (RC=405). Service Ping ERROR: Method not allowed".
_SERVICE_PING_BEFORE = LazyPattern(r"\bservice[ \t]+ping\b[^\n]{0,30}$", re.IGNORECASE)


def service_ping_rc(text: str, start: int) -> bool:
    """The return code at `start` is the one a web service ping reports: the far server's
    status, not an ICM code."""
    return bool(_SERVICE_PING_BEFORE.search(text[max(0, start - 60) : start]))


# A message's long text copied from its popup (F1 on the message, SE91's "Long Text"):
# the short text, "Message no. SCLNT_HTTP407", then SAP's documentation under the headings
# "Diagnosis", "System Response", "Procedure" (German: Diagnose, Systemreaktion,
# Vorgehen). The id is what the user reports; the documentation is SAP's text for every
# system, not what happened here, and its words and ids ("see message …", "HTTP 403") are
# no evidence. A section runs over indented and blank lines up to a line flush left after
# a blank one (the user's own words after the popup).
_POPUP_ID = LazyPattern(
    r"^[ \t]*(?:Message[ \t]+no\.?|Message[ \t]+number|Meldungsnr\.?|Nachrichtennr\.?|Nachrichtennummer)"
    r"[ \t]*:?[ \t]*/?[A-Za-z][\w/]*[ \t]*\d{3}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
    literals=("message", "meldung", "nachricht"),
)
_DOC_HEADING = re.compile(
    r"[ \t]*(?:Diagnosis|System[ \t]+Response|Procedure(?:[ \t]+for[ \t]+System[ \t]+Administration)?"
    r"|Diagnose|Systemreaktion|Systemaktivit\w+ten|Vorgehen(?:[ \t]+f\w+r[ \t]+die[ \t]+Systemadministration)?)[ \t]*:?[ \t]*",
    re.IGNORECASE,
)


def without_message_documentation(text: str) -> str:
    """`text` with a pasted message popup's documentation sections blanked (each line
    left empty); a text without the popup's "Message no." line is left as it is."""
    found = _POPUP_ID.search(text[:SCREEN_WINDOW])
    if found is None:
        return text
    lines = text[found.end() :].split("\n")
    in_section = after_blank = False
    for i, line in enumerate(lines):
        if _DOC_HEADING.fullmatch(line):
            in_section, after_blank, lines[i] = True, False, ""
        elif not line.strip():
            after_blank = in_section
        elif in_section and (not after_blank or line[:1] in " \t"):
            lines[i], after_blank = "", False
        else:
            in_section = False
    return text[: found.end()] + "\n".join(lines)
