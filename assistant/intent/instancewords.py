"""Two readings of a sentence about the SAP system's own instances, in the words of the base.

A cause the base knows can be told in words that share none of its signs:

- a comparison of the system's application servers — "works on app server 01 but fails on
  02", "on instance B it fails", "auf Applikationsserver 2 kommt der Fehler", "depending on
  which server the job runs" — is one server that differs from the others. The SSL client
  PSEs are held once per system and distributed to every application server (SAP Help,
  "SSL Client PSEs"; reference sclnt_http_facts.md §5), so one server failing where the
  others work points at its own copy, profile or ICM (causes one_app_server_differs); the
  base's sign for it is "only one application server" (the phrase "one app server" would be
  read beside the servers' own numbers and lose its weight).
- a change that has not been activated — "the ICM has not been restarted yet", "noch nicht
  neu gestartet", "without restarting the ICM" — is the setting not yet in force: RZ10
  profile changes need a restart and dynamic SMICM changes are lost at one (facts §5,
  RZ10/RZ11 and SMICM; causes settings_not_active, sign "not restarted").

Like plainwords.py, each reading found is rendered in those words and appended to what the
router reads; nothing else of the text changes.
"""

from __future__ import annotations

import re

from assistant.lazyre import LazyPattern

# An application server of this system, named as one of several: "app server 01",
# "application server B", "instance 2", "Applikationsserver 1", "Instanz 02", "AS 3".
_INSTANCE = (r"(?:app(?:lication)?[ -]?servers?|applikationsservers?|app-?servers?|(?:dialog )?instances?"
             r"|instanz(?:en)?)")
_TAG = r"(?:\d{1,3}|(?-i:[A-Z])|[a-z][\w-]*\d\w*)\b"
_NAMED = LazyPattern(rf"\b{_INSTANCE} ?(?P<tag>{_TAG})", re.IGNORECASE, literals=("server", "instan"))
# the other one, named by its tag alone once the first was named: "… but fails on 02"
_TAG_ALONE = LazyPattern(r"\b(?:on|auf|at|in) (?P<tag>(?:\d{1,3}|(?-i:[A-Z]))\b)", re.IGNORECASE)
_GOOD = LazyPattern(r"\b(?:works?|working|worked|succeeds?|succeeded|fine|ok|okay|klappt|funktioniert|geht|l(?:ä|ae)uft)\b",
                    re.IGNORECASE)
_BAD = LazyPattern(r"\b(?:fails?|failing|failed|errors?|kommt|bringt|scheitert|schl(?:ä|ae)gt|fehler\w*|dumps?)\b",
                   re.IGNORECASE)
_NEAR = 160  # characters from the first server named to the last: one comparison, not two stories
_BEFORE = 60  # and before it, where "works on …" says what the first one does
# the failure follows the server the call runs on
_WHICH_SERVER = LazyPattern(
    r"\bdepend(?:s|ing)? on (?:which|the) (?:app(?:lication)? |dialog )?(?:server|instance)"
    r"|\bje nach (?:Applikationsserver|Server|Instanz)",
    re.IGNORECASE,
    literals=("depend", "je nach"),
)


def _servers_compared(text: str) -> bool:
    """Two application servers named close together, one said to work and one to fail."""
    named = list(_NAMED.finditer(text))
    if not named:
        return False
    start = named[0].start()
    window = text[max(0, start - _BEFORE):start + _NEAR]
    tags = {m.group("tag").lower() for m in _NAMED.finditer(window)}
    tags |= {m.group("tag").lower() for m in _TAG_ALONE.finditer(window)}
    return len(tags) >= 2 and bool(_GOOD.search(window)) and bool(_BAD.search(window))


# A negation that governs the restart: "not restarted yet", "has not been restarted", "didn't
# restart the ICM", "without restarting", "noch nicht neu gestartet", "ohne Neustart" — not
# "restarted, did not help" (the restart was done).
_NOT_YET = r"(?:(?<![a-z])not|n't|(?<![a-z])never|(?<![a-z])nicht|(?<![a-z])without|(?<![a-z])ohne|(?<![a-z])kein(?:en)?)"
_FILLER = r"(?: (?:yet|been|the|an?|our|ICM|system|server|instance|SAP|noch|den|das|die|der|ICM-?))"
_RESTART = r"(?:restart\w*|re-start\w*|neu ?gestartet|neu ?starten|neustart\w*|durchgestartet|bounced|rebooted)"
_NOT_RESTARTED = LazyPattern(
    rf"{_NOT_YET}{_FILLER}{{0,3}} {_RESTART}\b"
    rf"|\b{_RESTART}{_FILLER}{{0,2}} (?:is |was )?(?:still )?(?:pending|not yet done|not done yet|steht noch aus)\b",
    re.IGNORECASE,
    literals=("restart", "re-start", "gestartet", "starten", "neustart", "bounced", "rebooted"),
)

# A modal of ability or permission earlier in the clause is an ability's negation, not a restart
# still to do: "I cannot restart the ICM", "we can't", "wir dürfen den ICM nicht neu starten" state
# a limit of the admin's (intent/statedlimits.py); "it won't restart" is a failure.
_ABILITY = LazyPattern(r"\b(?:can|cannot|could|may|must|mustn['’]t|won['’]t|allowed|able|unable|kann|konnte|darf|dürfen|duerfen|können|koennen|erlaubt)\b",
                       re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.;:!?\n,]|\b(?:but|aber|and|und)\b", re.IGNORECASE)


def _clause_before(text: str, at: int) -> str:
    """The text of the clause up to `at` (from the last stop, comma or but/and before it)."""
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, at)]
    return text[starts[-1] if starts else 0:at + 12]


def readings(text: str) -> list[str]:
    """The base's words for the instance readings the text holds, each once."""
    found = ["only one application server"] if _servers_compared(text) or _WHICH_SERVER.search(text) else []
    if restart_pending(text):
        found.append("not restarted")
    return found


def restart_pending(text: str) -> bool:
    """The text says a restart has not been done yet ("ICM not restarted yet", "without
    restarting", "noch nicht neu gestartet"), not that the admin may not do one."""
    return any(not _ABILITY.search(_clause_before(text, m.start())) for m in _NOT_RESTARTED.finditer(text))
