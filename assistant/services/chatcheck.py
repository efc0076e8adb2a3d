"""How long a live check started from a conversation may take: one setting for both chats.

The Textual chat's `/check` and the piped chat's (`sapassist chat` with standard input not
a terminal, where a `yes` to an offered check runs one too) read their default and their
upper bound here, so a scripted conversation and a typed one give a check the same time
and refuse the same `--timeout`. The bound keeps a chat responsive: `sapassist check`
alone may be given longer (its bound is the diagnostics' own).
"""

from __future__ import annotations

import math

DEFAULT_CHECK_TIMEOUT_S = 5.0  # as `sapassist check` without --timeout
MAX_CHECK_TIMEOUT_S = 120.0


def chat_check_timeout(value: str | None) -> float:
    """The seconds for a chat's check from its `--timeout` value (None: not given).

    Raises ValueError with the sentence a chat shows (what was wrong, what is allowed);
    the module's settings are read at each call, so both chats always agree."""
    if value is None:
        return DEFAULT_CHECK_TIMEOUT_S
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"--timeout needs seconds, not {value!r}") from None
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_CHECK_TIMEOUT_S:
        raise ValueError(f"--timeout must be between 0 and {MAX_CHECK_TIMEOUT_S:g} seconds")
    return seconds
