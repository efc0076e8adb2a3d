"""The next step without what the admin said they cannot use (intent.statedlimits).

"I don't have SMICM authorization, only STRUST" answered with the SMICM trace step again reads
as if the turn was not heard. The next step is the first of the cause's own steps, in their
order, that names nothing the admin cannot use; when every open step does, the first is kept
and said to be for someone who can ("Ask a Basis colleague with `SMICM` authorization to …") —
never a transaction the base does not give for it.

A step names a transaction by its code, the OS by "OS" or "operating system", a restart by
"restart".
"""

from __future__ import annotations

import re

from assistant.intent.statedlimits import OS, RESTART

_OS = re.compile(r"\bOS\b|\boperating system\b")
_RESTART = re.compile(r"\brestart", re.IGNORECASE)
_CANNOT = {OS: "use the application server's OS", RESTART: "restart the ICM"}
_WHO = {OS: "with access to the application server's OS", RESTART: "who may restart the ICM"}


def names_a_limit(step: str, limit: str) -> bool:
    """`step` names what `limit` stands for (a transaction id, "OS", "RESTART")."""
    if limit == OS:
        return bool(_OS.search(step))
    if limit == RESTART:
        return bool(_RESTART.search(step))
    return bool(re.search(rf"\b{re.escape(limit)}\b", step, re.IGNORECASE))


def limits_named(step: str, limits: tuple[str, ...]) -> tuple[str, ...]:
    """The limits `step` runs into, in their order."""
    return tuple(x for x in limits if names_a_limit(step, x))


def usable_steps(steps: tuple[str, ...], limits: tuple[str, ...]) -> tuple[str, ...]:
    """The steps that name none of `limits`; all of them when every one names one (the first
    is then handed to someone who can: `for_someone_who_can`)."""
    usable = tuple(s for s in steps if not limits_named(s, limits))
    return usable or steps


def for_someone_who_can(step: str, limits: tuple[str, ...]) -> str:
    """`step` said as one to ask for, naming who can do it; `step` as it is when it names
    none of `limits`."""
    named = limits_named(step, limits)
    if not named:
        return step
    who = " and ".join(_WHO.get(x, f"with `{x}` authorization") for x in named)
    return f"Ask a Basis colleague {who} to do this (you said you cannot): {step[:1].lower()}{step[1:]}"


def skipped_line(skipped: tuple[str, ...], limits: tuple[str, ...]) -> str:
    """Why the next step is not the cause's first: what the `skipped` steps ran into."""
    named = tuple(dict.fromkeys(x for s in skipped for x in limits_named(s, limits)))
    if not named:
        return ""
    codes = [f"`{x}`" for x in named if x not in _CANNOT]
    said = " or ".join([*((f"use {' or '.join(codes)}",) if codes else ()), *(_CANNOT[x] for x in named if x in _CANNOT)])
    return f"You said you cannot {said}: the next step does without it."
