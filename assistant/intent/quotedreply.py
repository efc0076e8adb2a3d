"""A question someone else asked, quoted in the post, is not the reporter's report.

Forum and issue posts answer an earlier reply by quoting it ("> Did you check STRUST?",
"> Which SSL client PSE does the destination use?") and writing below it. The quoted
question is the helper's guess: its words (STRUST, the PSE, the proxy) say what someone
wondered, not what the reporter saw, and read as the report's they place the call in an
ABAP system or lend a cause. A quote that asks nothing stays: issue trackers show a pasted
error as a quote ("> SSL handshake with … failed"), and that is the reporter's own paste.
"""

from __future__ import annotations

import re

# A run of quoted lines: ">" then a blank or text, not ">>" (a log's own arrows, a nested quote).
_QUOTE_RUN = re.compile(r"^[ \t]*>(?!>)[^\n]*(?:\n[ \t]*>(?!>)[^\n]*)*", re.MULTILINE)
_QUOTE_MARK = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)


def without_quoted_questions(text: str) -> str:
    """`text` with each quoted run that ends in a question blanked (its lines left empty)."""
    if ">" not in text:
        return text
    return _QUOTE_RUN.sub(_blank_if_asking, text)


def _blank_if_asking(run: re.Match[str]) -> str:
    quoted = _QUOTE_MARK.sub("", run.group()).rstrip()
    return "\n" * run.group().count("\n") if quoted.endswith("?") else run.group()
