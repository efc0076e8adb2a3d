"""One overall deadline for a check, so it returns in time whatever the server does.

Every step asks the deadline for its socket timeout; a step that gets no time left is
skipped instead of started. The deadline also carries the check's open connections
(`cancel.OpenSockets`), because every step that opens one already gets the deadline:
a cancelled check has no time left, and its connections are shut down at once.
"""

from __future__ import annotations

import math
import time

from assistant.diagnostics.cancel import UNTRACKED, CheckCancelled, OpenSockets

MIN_STEP_S = 0.02  # below this a step cannot do anything useful
MAX_TIMEOUT_S = 86400.0  # socket timeouts overflow far above this; no check needs a day


def timeout_problem(seconds: float) -> str | None:
    """Why `seconds` cannot be a check's budget, as the end of a sentence that starts
    with the option's name ("… must be a number of seconds greater than 0"); None: it can.

    NaN would make every step skip silently and infinity crashes `settimeout`, so both
    are usage errors rather than surprises deep inside a step.
    """
    if not math.isfinite(seconds) or seconds <= 0:
        return "must be a number of seconds greater than 0"
    if seconds > MAX_TIMEOUT_S:
        return f"must be at most {MAX_TIMEOUT_S:g} seconds"
    return None


class DeadlineExceeded(TimeoutError):
    """No time left for the next step."""


class Deadline:
    """The end of the check's budget on the monotonic clock (wall-clock jumps do not count)."""

    def __init__(self, seconds: float, *, sockets: OpenSockets = UNTRACKED) -> None:
        self.start = time.monotonic()
        self.end = self.start + max(0.0, seconds)
        self.sockets = sockets

    def sub(self, seconds: float) -> Deadline:
        """A shorter deadline inside this one (e.g. one probe), with the same connections."""
        return Deadline(min(seconds, self.remaining()), sockets=self.sockets)

    @property
    def cancelled(self) -> bool:
        return self.sockets.cancelled

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def expired(self) -> bool:
        return self.cancelled or self.remaining() < MIN_STEP_S

    def timeout(self, cap: float | None = None) -> float:
        """The socket timeout for the next operation; raises when the time is up or the
        check was cancelled (`CheckCancelled`, also a TimeoutError)."""
        if self.cancelled:
            raise CheckCancelled("the check was cancelled")
        left = self.remaining()
        if left < MIN_STEP_S:
            raise DeadlineExceeded("no time left before the overall deadline")
        return left if cap is None else min(left, cap)


def elapsed_ms(since: float) -> float:
    return (time.monotonic() - since) * 1000.0
