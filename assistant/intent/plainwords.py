"""Plain English descriptions of a time-out, in the words the base's signs use.

Admins often describe a time-out without the word: "the call hangs", "SM59 runs for a
minute and then fails", "no response after 60 seconds", "it takes forever". The signs of
the base say "timed out" (connect_timeout, server_timeout). Like the German and Romance
renderings (german.py, romance.py), the description is rendered in those words and
appended to what the router reads; nothing else of the text changes.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

_DURATION = r"(?:\d+|a|one|two|three|five|ten|few|several|some) ?(?:s|secs?|seconds?|mins?|minutes?)"
_ENDING = r"(?:fail\w*|error\w*|cancel+(?:s|ed|ing)?|abort\w*|stop\w*|ends?|ended|dump\w*|breaks?|broke|terminat\w*)"
_WAITED = LazyPattern(
    r"\b(?:hangs?|hanging|hung|freez(?:es|ing)|frozen)\b(?! up)"  # "socket hang up" is a reset
    r"|\bwait(?:s|ing|ed)? (?:forever|endlessly|indefinitely)\b"
    r"|\b(?:takes?|taking|took) (?:forever|ages|(?:very |too |so |really )?long)\b"
    r"|\bnever (?:returns|answers|responds|comes back|completes|finishes)\b"
    r"|\b(?:gets?|got|getting|receives?|received|there is|there's|but|and|with) no (?:response|answer|reply)\b"
    r"|\bno (?:response|answer|reply) (?:from|at all|received|comes|came)\b"
    r"|\b(?:does not|doesn't|did not|didn't) (?:respond|answer|reply)\b"
    rf"|\b(?:after|for|takes?|took|runs? for|running for|waits? for|waiting for) (?:about |around |approx\.? |nearly |almost |some )?"
    rf"{_DURATION}\b[^.\n]{{0,40}}\b{_ENDING}"
    rf"|\b{_ENDING}\b[^.\n]{{0,30}}\bafter (?:about |around |approx\.? |nearly |almost |some )?{_DURATION}\b",
    re.IGNORECASE,
)
_WINDOW = 6000  # a long paste: its head and tail, where people describe what happened


def english(text: str) -> str:
    """'timed out' when the text describes a time-out in plain words, else ''."""
    if len(text) > 2 * _WINDOW:
        text = text[:_WINDOW] + "\n" + text[-_WINDOW:]
    return "timed out" if _WAITED.search(text) else ""
