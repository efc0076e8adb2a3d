"""A pasted text made safe and small enough to read: ANSI escapes and control characters
dropped (they carry no meaning for routing), and a huge paste cut to its head and tail, where
the error line usually is, so every pattern runs on bounded input. Split out of entities.py.
"""

from __future__ import annotations

from assistant.lazyre import LazyPattern

SCAN_HEAD = 48_000
SCAN_TAIL = 16_000

_ANSI = LazyPattern(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROL = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


TOKEN_SLACK = 256  # how far a cut may move to land between two tokens


def bounded(text: str) -> str:
    """Keep the head and the tail of a huge paste: the error line is usually in one of them.

    Each cut lands on whitespace (within TOKEN_SLACK characters), so no token is split in
    two: a half "ICM_HT" at the cut would be reported as an unknown code."""
    if len(text) <= SCAN_HEAD + SCAN_TAIL:
        return text
    head_end = _space_before(text, SCAN_HEAD)
    tail_start = _space_after(text, len(text) - SCAN_TAIL)
    return text[:head_end] + "\n" + text[tail_start:]


def _space_before(text: str, pos: int) -> int:
    """The last whitespace at or before `pos`, looking back at most TOKEN_SLACK."""
    low = max(0, pos - TOKEN_SLACK)
    return next((i for i in range(pos, low - 1, -1) if text[i].isspace()), low)


def _space_after(text: str, pos: int) -> int:
    """Just past the first whitespace at or after `pos`, looking at most TOKEN_SLACK ahead."""
    end = min(len(text), pos + TOKEN_SLACK)
    return next((i + 1 for i in range(pos, end) if text[i].isspace()), end)


def clean(text: str) -> str:
    """Drop ANSI escapes and control/bidi characters; they carry no meaning for routing."""
    return _CONTROL.sub(" ", _ANSI.sub(" ", text))
