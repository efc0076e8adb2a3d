"""One overall deadline for a check, so it returns in time whatever the server does.

Every step asks the deadline for its socket timeout; a step that gets no time left is
skipped instead of started.
"""

from __future__ import annotations

import time

MIN_STEP_S = 0.02  # below this a step cannot do anything useful


class DeadlineExceeded(TimeoutError):
    """No time left for the next step."""


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.start = time.monotonic()
        self.end = self.start + max(0.0, seconds)

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() < MIN_STEP_S

    def timeout(self, cap: float | None = None) -> float:
        """The socket timeout for the next operation; raises when the time is up."""
        left = self.remaining()
        if left < MIN_STEP_S:
            raise DeadlineExceeded("no time left before the overall deadline")
        return left if cap is None else min(left, cap)


def elapsed_ms(since: float) -> float:
    return (time.monotonic() - since) * 1000.0
