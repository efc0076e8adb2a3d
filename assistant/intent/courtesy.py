"""How long a report is in its own words: greetings, thanks, sign-offs and pleas for help
counted out.

Two rules of the scope stage change with a text's length: from `scope_report_words` words a
report carries its own setting (rule 7 of scope.py: a short question typed here has the chat
as its setting), and from nofailure.POST_WORDS words a question is a forum post rather than
a question typed in the chat. "Hi experts," or "Thanks in advance. Regards, Priya" or
"URGENT!! please help" says nothing of the failure, yet three such words moved an
eighteen-word report across the first line (from the SAP client by situation to unknown).
The lengths count the report's own words: the formulas of courtesy below, where a post has
them (at the start of a line, or as a phrase of their own), are not counted.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

# Counting stops this many words beyond a threshold: courtesy is a few words, a paste is long.
_SLACK = 40

_GREETING = (
    r"^[ \t]*(?:hi|hello|hey|hallo|dear|greetings|good (?:morning|afternoon|evening|day))"
    r"(?:[ \t]+[\w.-]+){0,2}?[ \t]*(?:[,!:]+|$)"  # "Hi experts,", "Dear SAP gurus!", "Hello all"
)
_THANKS = (  # not "thanks to the new kernel, it works": a cause
    r"\b(?:many thanks|thanks|thank you|thx)(?![ \t]+to\b)(?:[ \t]+(?:a lot|so much|very much|in advance"
    r"|for (?:your|any|the) (?:help|support|time|hints?|replies|reply|answers?|ideas?|input)))*[ \t]*[,!.]*"
)
# A sign-off ends the post: "Regards," "Best regards, Priya", "BR" — and the name on its own line after it.
_SIGN_OFF = (
    r"^[ \t]*(?:(?:best|kind|warm|many)[ \t]+)?(?:regards|cheers|br|greetings|sincerely)\b[ \t]*[,.!]*"
    r"[ \t]*[\w.-]*(?:[ \t]*\n[ \t]*(?-i:[A-Z])[\w.-]*(?:[ \t]+(?-i:[A-Z])[\w.-]*)?[ \t]*$)?"
)
_PLEA = (
    # a phrase of its own, not "please help us to create the connection": that is the request
    r"\b(?:urgent(?:ly)?|asap|please help(?:[ \t]+(?:me|us))?|help needed)[ \t]*(?:[!.:,]+|$)"
    r"|\bany (?:help|hints?|ideas?|suggestions?|input|pointers?|advice)[ \t]+(?:would be|is|will be|are)"
    r"(?:[ \t]+(?:much|greatly|highly|really|very much))?[ \t]+(?:appreciated|welcome)[ \t]*[,!.]*"
)
_COURTESY = LazyPattern(f"{_GREETING}|{_SIGN_OFF}|{_THANKS}|{_PLEA}", re.IGNORECASE | re.MULTILINE)


def without_courtesy(text: str) -> str:
    """`text` with its greetings, thanks, sign-offs and pleas for help blanked."""
    return _COURTESY.sub(" ", text)


def own_words(text: str, at_least: int) -> int:
    """How many of the text's words are its own (module docstring), counted far enough to
    compare with `at_least`: a text much longer than that is not read for courtesy."""
    words = len(text.split(maxsplit=at_least + _SLACK))
    if words > at_least + _SLACK:
        return words
    return len(without_courtesy(text).split())
