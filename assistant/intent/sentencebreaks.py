"""Where a sentence ends, one rule for every reader of what a user states (finestates,
statedfacts, ruledcues, resolution, settingstates).

Prose pasted from a mail or a forum is often wrapped: "I imported the root CA and that
solved\nthe problem". Each reader split at every line break, so the end of such a sentence was
read as a sentence of its own and the statement lost its end ("solved" with nothing after
it, a negation cut from its verb). A line break is a sentence's end unless it is a soft wrap:
the line before ends inside a sentence (a letter, a digit, a comma or a hyphen) and the next
line goes on at once with a small letter — or the line before ends in a word no sentence ends
in (an article, a preposition, a conjunction: "log on to\nCloud Foundry"). A log line, a list item or a line that starts with
a capital, a space, a bracket or a sign still starts a sentence of its own.
"""

from __future__ import annotations

# Words no sentence ends in: a line that ends in one goes on in the next, whatever its first letter.
_GOES_ON = """a an the to of for with from by at in on into and or that my our your this these
    der die das den dem des ein eine einen und oder mit von vom zu zum zur auf im fuer""".split()
_NOT_AFTER_A_WORD_THAT_GOES_ON = "".join(rf"(?<!\b{w})" for w in _GOES_ON)
# A line break that ends a sentence (pattern text, joined into the readers' own; case kept
# even in a pattern that ignores it): not a soft wrap.
# The lookahead first: the fifty lookbehinds run only where a line break is, not at every
# character of a 1 MB paste (that cost 0.1 s).
HARD_NEWLINE = rf"(?:(?<![\w,-])\n|(?=\n){_NOT_AFTER_A_WORD_THAT_GOES_ON}(?-i:\n(?![a-zäöüß])))"
# A sentence's end: "!", "?", a full stop before a space or the end, or a hard line break.
SENTENCE_BREAK = rf"[!?]|\.(?=\s|$)|{HARD_NEWLINE}"
