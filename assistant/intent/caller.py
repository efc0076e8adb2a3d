"""Who made the call, as far as the text says: the ABAP client, another client, or nobody named.

Two facts the answers need apart. `another`: a non-ABAP client shows more strongly than
the ABAP one (its runtime, product or way of printing a status) — the answer gives no fix
step of the ABAP side. `abap`: anything at all places the call in the ABAP system (a cue of
the SAP client such as abapGit or SM59, an SCLNT_HTTP id or ICM wording, an ICM constant).
A far server's status with neither ("pyodata … status code: 401", "a Node script gets 401")
was answered as the ABAP client's, with SM59 as its next step.
"""

from __future__ import annotations

from typing import NamedTuple

from assistant.intent.parsing import ParsedText
from assistant.intent.scopecues import Hit
from assistant.intent.scopetally import CLASS_VALUE
from assistant.intent.scopevocab import OTHER, SAP
from assistant.intent.state import DialogueState

CLIENT_STATUS_FAMILY = "client_status"  # a status printed the way a non-ABAP client prints it
# How a number reads as the SAP client's own message: an SCLNT_HTTP id written out or ICM
# wording ("HTTP error 407 occured"). A bare number ("curl: (22) … returned error: 404") only
# shares its digits with a message: it says nothing of who made the call.
SAP_WORDED = frozenset({"explicit", "icm", "icm_http_error"})
NOTHING = -1.0  # below every class of evidence


class Caller(NamedTuple):
    another: bool  # a non-ABAP client made the call (Routed.another_client)
    abap: bool  # something places the call in the ABAP system (Routed.abap_caller)


def caller_of(hits: list[Hit], parsed: ParsedText) -> Caller:
    """The strongest evidence of each side, compared (see the module's docstring)."""
    e = parsed.entities
    worded = e.icm_constants or any(m.context in SAP_WORDED for m in e.numbers if m.message_id)
    sap = 1.0 if worded else NOTHING
    other = NOTHING
    for h in hits:
        if h.scope == SAP:
            sap = max(sap, CLASS_VALUE[h.strength])
        elif h.scope == OTHER or h.family == CLIENT_STATUS_FAMILY:
            other = max(other, CLASS_VALUE[h.strength])
    return Caller(another=other > sap, abap=sap > NOTHING)


def carried_over(caller: Caller, state: DialogueState, *, follow_up: bool, corrected: bool) -> Caller:
    """A follow-up about the same call ("how do I fix it?") keeps who made it; naming the
    ABAP caller ("no — our ABAP report calls it") makes it the ABAP client's."""
    carried = follow_up and not corrected
    return Caller(another=caller.another or (carried and state.another_client),
                  abap=caller.abap or corrected or (carried and state.abap_caller))
