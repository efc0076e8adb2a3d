"""A pasted text made small enough to read: a huge paste cut to its head and tail, where the
error line usually is, so every pattern runs on bounded input. Split out of entities.py; the
characters that are no text (ANSI escapes, control characters, odd spaces) are read by
intent.cleantext.
"""

from __future__ import annotations

SCAN_HEAD = 48_000
SCAN_TAIL = 16_000

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

