"""A change the admin made that is not in force yet: the setting not active leads.

"I changed ssl/client_sni_enabled in RZ10 but the ICM has not been restarted yet, SM59 still
SSL handshake failed" says two things: a setting was changed, and what would bring the change
into force has not happened. Profile changes made in RZ10 take effect only at a restart, and
dynamic changes in SMICM/RZ11 are lost at one (reference sclnt_http_facts.md §5, RZ10/RZ11 and
SMICM); the base's cause `settings_not_active` says the same of imported certificates ("the
running ICM still uses the old state"). So whatever the changed setting would fix — SNI not
sent, a cipher mismatch, an untrusted certificate — is not what the running system does yet:
the change not being in force is the first thing to check.

The reading is of the statement, not of any setting: a change made (a verb of changing, not
negated) to what the cause covers — a profile parameter (a parameter's name such as
`ssl/client_sni_enabled`, the word parameter or profile, RZ10, RZ11, SMICM) or a certificate or
PSE (STRUST) — and, anywhere in the text, a restart not yet done (instancewords.restart_pending:
not a restart the admin may not do) or the change said to be not yet active. A restart said
done ("restarted the ICM, still failing") or a change not made is no such statement.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.intent.instancewords import restart_pending
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.intent.result import ScoredCause

PENDING_CAUSE = "settings_not_active"  # the base's cause: changed settings not active

# A change made, in the past: "changed", "set", "maintained", "imported"; "gepflegt", "geändert".
_CHANGED = LazyPattern(
    r"\b(?:changed|set|maintained|modified|adjusted|updated|added|entered|imported|uploaded|configured"
    r"|enabled|disabled|activated|deactivated|switched|increased|replaced|renewed"
    r"|ge(?:ä|ae)ndert|gepflegt|eingetragen|gesetzt|angepasst|importiert|hinzugef(?:ü|ue)gt|aktiviert"
    r"|deaktiviert|eingespielt)\b",
    re.IGNORECASE,
)
# What the cause covers: a profile parameter (its name, "ssl/client_sni_enabled") or a certificate or PSE.
_CHANGED_THING = LazyPattern(
    r"\b(?:[a-z]+/[a-z_/]+[a-z]|parameters?|profiles?|RZ10|RZ11|SMICM|certificates?|certs?|root ?CA|CA"
    r"|PSEs?|STRUST|Parametern?|Profil(?:e|parameter)?|Zertifikate?)\b",
    re.IGNORECASE,
)
# "not yet active", "not in effect yet", "noch nicht aktiv/wirksam": said of the change, with "yet".
_NOT_YET_ACTIVE = LazyPattern(
    r"\bnot yet (?:active|in effect|effective|applied)\b|\bnot (?:active|in effect|effective|applied) yet\b"
    r"|\bnoch nicht (?:aktiv|wirksam|übernommen)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:not|never|nothing|no|nicht|nichts|nie)\b\W+(?:\w+\W+)?$|n't\W+(?:\w+\W+)?$", re.IGNORECASE)
_SENTENCE = re.compile(r"[.!?;](?=\s|$)|\n")


def change_pending(text: str) -> bool:
    """The text states a change made to a parameter, profile or certificate and that it is
    not in force yet (no restart done, or said not yet active)."""
    if not (restart_pending(text) or _NOT_YET_ACTIVE.search(text)):
        return False
    return any(_states_a_change(sentence) for sentence in _SENTENCE.split(text))


def _states_a_change(sentence: str) -> bool:
    """A change verb not negated ("we did not change anything") in a sentence that names what
    the change was made to."""
    if not _CHANGED_THING.search(sentence):
        return False
    return any(not _NEGATED.search(sentence[max(0, m.start() - 30):m.start()]) for m in _CHANGED.finditer(sentence))


def pending_change_first(causes: list[ScoredCause], text: str) -> list[ScoredCause]:
    """`causes` with the setting not active first when the text states a change not in force
    yet and the ranking holds that cause; else as they are."""
    if not any(c.id == PENDING_CAUSE for c in causes[1:]) or not change_pending(text):
        return causes
    return [*(c for c in causes if c.id == PENDING_CAUSE), *(c for c in causes if c.id != PENDING_CAUSE)]
