"""What the user said of a cause, said back beside it (intent.statedcauses).

"The firewall blocks port 443" made the firewall the likely cause: the answer says so where it
names it — "you said …" is the evidence. What the user said as a belief ("I think the firewall
blocks port 443") is no evidence, but it was read: "you think …" says it back where a
statement would be. A cause the user said is not the trouble ("the
certificate is valid until 2027") that the answer still lists — the system printed its code —
says what the user said, so the admin sees it was read and why it stays. The words are the
user's own: shown literally (controls escaped, Markdown inert), passwords masked, cut.
"""

from __future__ import annotations

from assistant.answers.quoting import user_words
from assistant.intent.result import Routed
from assistant.intent.statedcauses import said_of

SAID_CHARS = 160


def _words(said: str) -> str:
    """The user's words as a literal quotation (answers.quoting.user_words: one way for all)."""
    return user_words(said, SAID_CHARS)


def you_said(said: str) -> str:
    """ "you said “…”": the user's words said back, literally and masked."""
    return f"you said {_words(said)}"


def stated_note(cause_id: str, routed: Routed) -> str:
    """For a cause's line in the list: " — you said “…”" (and, for one the user ruled out,
    that it is listed for the rest of the evidence), " — you think “…”" for what the user
    said as a belief; "" when the text states nothing of it."""
    fact = said_of(cause_id, routed.stated)
    if fact is None:
        return _you_think(cause_id, routed, " — you think {}")
    if fact.affirmed:
        return f" — you said {_words(fact.said)}"
    return f" — you said {_words(fact.said)}; listed for what else in your text points to it"


def stated_aside(cause_id: str, routed: Routed) -> str:
    """For the verdict's "Most likely cause" line: " (you said “…”)", or for a cause the user
    ruled out that leads all the same, that what the system printed points to it; "" else."""
    fact = said_of(cause_id, routed.stated)
    if fact is None:
        return _you_think(cause_id, routed, " (you think {})")
    if fact.affirmed:
        return f" (you said {_words(fact.said)})"
    return f" (you said {_words(fact.said)}, but what the system printed points to it all the same)"


def _you_think(cause_id: str, routed: Routed, form: str) -> str:
    """What the user said of the cause as a belief ("I think the firewall blocks port 443"),
    said back as what they think: it was read, and weighed as no evidence (negationwords)."""
    fact = said_of(cause_id, routed.thought)
    return "" if fact is None else form.format(_words(fact.said))
