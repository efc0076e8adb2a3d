"""ICM constants retyped by hand: "ICM_HTTP_SSL Error", "ICM HTTP CONNECTION FAILED".

People copy a constant from a screen by hand and put spaces or hyphens where the
underscores were — and a line's end, where the constant was wrapped ("ICM_HTTP_SSL\nError": a
forum's editor or a PDF refills the lines, and a break may fall inside). Read each run of words after "ICM" as the longest prefix that is a known
constant; the entity reader (entities.py) takes those spans first.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

_ICM_WORDS = LazyPattern(
    r"(?<![A-Za-z0-9])ICM(?:(?:[ \t]*\r?\n[ \t]*|[ _-])[A-Za-z]{2,30}){2,7}", re.IGNORECASE, literals=("icm ", "icm_", "icm-")
)
_WORD_SEPARATOR = LazyPattern(r"[ \t]*\r?\n[ \t]*|[ _-]")
MAX_SPACED_CONSTANTS = 32


def spaced_constants(text: str, known: dict[str, str]) -> list[tuple[int, int]]:
    """Spans of known ICM constants written with spaces or hyphens for some underscores:
    for each run of words after "ICM", the longest prefix that is a known constant. Runs
    with underscores only are left to `_ICM_CONSTANT`; a dense paste costs at most
    MAX_SPACED_CONSTANTS runs."""
    spans: list[tuple[int, int]] = []
    examined = 0
    for m in _ICM_WORDS.finditer(text):
        run = m.group(0)
        if " " not in run and "-" not in run and "\n" not in run:
            continue
        examined += 1
        if examined > MAX_SPACED_CONSTANTS:
            break
        cuts = [sep.start() for sep in _WORD_SEPARATOR.finditer(run)] + [len(run)]
        for cut in reversed(cuts[1:]):
            if constant_name(run[:cut]) in known:
                spans.append((m.start(), m.start() + cut))
                break
    return spans


def constant_name(spaced: str) -> str:
    """The constant a retyped run of words names: its separators made underscores, in capitals."""
    return _WORD_SEPARATOR.sub("_", spaced).upper()
