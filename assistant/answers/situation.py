"""Which of a cause's fix steps leads, by the situation the text reports.

A fix step of the base may say the situation it is for in its first words ("In an SM59
connection test: …", "In a program's call: …"). When the text reports that situation, its
steps come first; the others keep their order after them. Nothing is dropped or reworded:
a program that calls through a destination still has the destination's settings.
"""

from __future__ import annotations

from assistant.intent.result import Routed

SM59_TEST = "In an SM59 connection test"
PROGRAM_CALL = "In a program's call"
# Signs in `Routed` that a program made the call: its error read by get_last_error, or a
# sy-subrc of an ABAP method.
PROGRAM_GLOSSARY = ("GET_LAST_ERROR",)


def situation(routed: Routed) -> str | None:
    """The situation the text reports: an SM59 connection test, a program's call, or None."""
    e = routed.entities
    program = bool(e.return_codes) or any(g in PROGRAM_GLOSSARY for g in (*e.glossary, *routed.glossary))
    sm59 = "SM59" in e.transactions
    if sm59 and not program:
        return SM59_TEST
    if program and not sm59:
        return PROGRAM_CALL
    return None


def in_situation_order(steps: tuple[str, ...], routed: Routed) -> tuple[str, ...]:
    """The steps written for the reported situation first, the rest in their order."""
    lead = situation(routed)
    if lead is None or not any(step.startswith(lead) for step in steps):
        return steps
    return (*(s for s in steps if s.startswith(lead)), *(s for s in steps if not s.startswith(lead)))
