"""A certificate that is not valid yet: how far ahead its start lies says whose side it is.

A start minutes ahead is a clock difference (a certificate issued a moment ago by a CA
whose clock runs ahead, or a clock here or on the SAP system running behind); a start
hours or days ahead is a certificate put in place before its start date — a renewal
installed early — which no clock setting explains. Only this machine's clock is read by
the check: the SAP system compares with its own, so both readings are said as what they are.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from assistant.diagnostics.certinfo import iso_utc

CLOCK_SKEW_LIMIT = _dt.timedelta(hours=1)  # below: minutes, a clock matter; above: installed early


@dataclass(frozen=True, slots=True)
class NotYetValid:
    detail: str
    next_step: str
    ahead_seconds: int
    clock_skew: bool


def distance_words(ahead: _dt.timedelta) -> str:
    """`5 days 3 hours`, `2 hours 10 minutes`, `4 minutes 30 seconds`: the largest unit and the
    next one (seconds beside hours would be noise)."""
    seconds = max(int(ahead.total_seconds()), 0)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute"), (secs, "second")]
    first = next((i for i, (n, _unit) in enumerate(parts) if n), len(parts) - 1)
    used = [(n, unit) for n, unit in parts[first:first + 2] if n] or [(0, "second")]
    return " ".join(f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in used)


def not_yet_valid(role: str, subject: str, start: _dt.datetime, now: _dt.datetime,
                  from_trust: bool) -> NotYetValid:
    ahead = start - now
    far = distance_words(ahead)
    readings = (f"it starts at {iso_utc(start)}, {far} after this machine's clock ({iso_utc(now)}); "
                "the SAP system compares with its own clock, which this check does not read")
    owner = "your trust list" if from_trust else "the server's side"
    if ahead < CLOCK_SKEW_LIMIT:
        detail = (f"The {role} {subject} is not valid yet: {readings}. A start {far} ahead is a clock "
                  "difference: a certificate issued moments ago by a CA whose clock runs ahead, or a "
                  "clock here or on the SAP system running behind.")
        step = ("Compare the clocks of the SAP application server (its OS time, in UTC) and of this "
                "machine with a time server (NTP), and correct the one that is off; if both are right, "
                f"the certificate becomes valid at {iso_utc(start)} — the call works from then.")
        return NotYetValid(detail, step, int(ahead.total_seconds()), True)
    detail = (f"The {role} {subject} is not valid yet: {readings}. A start {far} ahead points to a "
              f"certificate put in place before its start date on {owner} (a renewal installed early), "
              f"not to clocks: a clock off by {far} is rare.")
    if from_trust:
        step = (f"Use the copy of this CA certificate that is valid now, or wait until {iso_utc(start)}; "
                "if this machine's clock is wrong, correct it and check again.")
    else:
        step = ("Ask the server's owner to put back the previous certificate (valid now) until "
                f"{iso_utc(start)}, or to install one valid from today — nothing in STRUST or SM59 "
                "changes a certificate's start; if this machine's clock is wrong, correct it and check again.")
    return NotYetValid(detail, step, int(ahead.total_seconds()), False)
