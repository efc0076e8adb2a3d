"""The words that say what state a setting is in, each with what it means (data only).

settingstates.py reads a setting and its state with these words; what a word means is
written here once, not in the reader's rules. A word means one of:

- `on` / `off`: a state by itself ("SSL inactive", "SNI disabled", "SSL ist deaktiviert");
- `affirm` / `deny`: a checkbox's or radio button's value. It says whether what is named
  holds: after a name that is itself a state — SM59's "SSL Active", the "Inactive" radio
  button — "checked" keeps it and "unchecked" turns it round ("SSL Active unchecked" is SSL
  off, "SSL Inactive selected" is SSL off too); after a bare setting it is on or off ("SNI
  unticked");
- `unknown`: says the control cannot be changed, not its state ("SSL Active is greyed out").

Where the words come from: SM59 → *Logon & Security* → *Security Options* sets SSL Active
or Inactive (help.sap.com, "Specifying that a connection should use SSL"; the source of the
base's destination_ssl_inactive); SICF activates and deactivates services; people name
checkboxes by their label and write their value as checked/ticked, X or blank (a flag as
SE16 and pasted screens show it), in English and German.
"""

from __future__ import annotations

from typing import Literal

from assistant.intent.negationwords import NEGATIONS as SHARED_NEGATIONS

Polarity = Literal["on", "off", "affirm", "deny", "unknown"]

# A state by itself, after the setting it is about.
STATES: dict[str, Polarity] = {
    "active": "on", "activated": "on", "enabled": "on", "configured": "on", "sent": "on", "maintained": "on",
    "inactive": "off", "deactivated": "off", "disabled": "off", "unconfigured": "off",
    "aktiv": "on", "aktiviert": "on", "eingeschaltet": "on", "angeschaltet": "on", "konfiguriert": "on",
    "inaktiv": "off", "deaktiviert": "off", "ausgeschaltet": "off", "abgeschaltet": "off",
    # checkbox words that mean a checkbox wherever they stand
    "ticked": "affirm", "angehakt": "affirm",
    "unticked": "deny", "unchecked": "deny", "deselected": "deny", "unselected": "deny",
    "greyed": "unknown", "grayed": "unknown", "ausgegraut": "unknown",
}
# Checkbox words that mean one only after a state named before them: "SSL Active checked",
# "SSL Inactive is selected", "SSL Active was not set", "Haken bei SSL aktiv nicht gesetzt"
# ("I checked SSL" is verifying, "cache cleared" no setting).
RESTATING: dict[str, Polarity] = {
    "checked": "affirm", "selected": "affirm", "set": "affirm", "marked": "affirm",
    "gesetzt": "affirm", "markiert": "affirm", "ausgewaehlt": "affirm",
    "cleared": "deny", "unset": "deny", "missing": "deny", "fehlt": "deny",
}
# A change someone made, before the setting: "I unticked SSL Active", "we disabled SNI",
# "after enabling SNI". Imperatives ("enable SNI") are advice, not a state: not here.
CHANGES: dict[str, Polarity] = {
    "enabled": "on", "activated": "on", "ticked": "affirm",
    "enabling": "on", "activating": "on", "ticking": "affirm",
    "disabled": "off", "deactivated": "off", "unticked": "deny", "unchecked": "deny", "deselected": "deny",
    "cleared": "deny",
    "disabling": "off", "deactivating": "off", "unticking": "deny", "unchecking": "deny", "deselecting": "deny",
}
# Advice to change it, before the setting: "untick SSL Active", "check SSL Active in SM59",
# "aktivieren Sie SSL aktiv": the state named after the setting is the box's name, not its state.
IMPERATIVES = frozenset({"untick", "uncheck", "tick", "check", "select", "deselect", "enable", "disable",
                         "activate", "deactivate", "switch", "turn", "aktivieren", "deaktivieren",
                         "setzen", "anhaken"})
# A flag's value after "SSL Active:" or "SSL =" at the end of its phrase, as the checkbox
# word it stands for.
VALUES: dict[str, str] = {
    "x": "ticked", "yes": "ticked", "true": "ticked", "ja": "ticked",
    "no": "unticked", "false": "unticked", "blank": "unticked", "empty": "unticked", "nein": "unticked",
}
# "on"/"off" are states only where they end what is said of a setting (settingstates).
PARTICLES: dict[str, Polarity] = {"on": "on", "off": "off"}
SWITCH_VERBS = frozenset({"switched", "turned", "switch", "turn", "set", "setting", "switching", "turning", "marked"})
# The word after a switching verb that leads to the state: "set to inactive", "marked as
# disabled", German "auf inaktiv gesetzt" (its verb after the state).
TO_WORDS = frozenset({"to", "as", "auf"})
GERMAN_SWITCHED = frozenset({"gesetzt", "gestellt", "geschaltet", "umgestellt"})
NEGATIONS = SHARED_NEGATIONS  # one list for every reader (negationwords)
# A state said of the past: a later statement of the same setting says what it is now.
PAST = frozenset({"was", "were", "war", "waren", "previously", "before", "initially", "originally",
                  "vorher", "zuvor", "frueher", "urspruenglich"})
# Words between a setting and its state that do not change it.
FILLERS = frozenset({"is", "are", "was", "were", "be", "been", "being", "that", "which", "still", "already", "now",
                     "also", "both", "then", "t", "isn", "wasn", "aren", "weren", "s", "flag", "checkbox", "option",
                     "field", "setting", "longer", "more", "remains", "remained", "stays", "stayed", "left", "out",
                     "ist", "sind", "war", "waren", "wird", "wurde", "wurden", "bleibt", "noch", "schon", "bereits",
                     "jetzt", "nun", "mehr", "auch", "immer", "haken", "kaestchen", "tick", "checkmark",
                     "haekchen"}) | PAST
COORDINATORS = frozenset({"and", "or", "nor", "und", "oder"})
# "whether SSL is active or not": both states.
EITHER_WAY = (("or", "not"), ("oder", "nicht"))
WORKS = frozenset({"works", "work", "worked", "working", "succeeds", "succeeded", "fine", "ok", "okay",
                   "funktioniert", "klappt"})
FAILS = frozenset({"fail", "fails", "failed", "failing", "error", "errors", "fehler", "fehlgeschlagen"})


def resolve(named_on: bool, polarity: Polarity) -> bool:
    """The state a word gives to what is named before it: `on`/`off` say it outright,
    `affirm` keeps the named state ("SSL Active checked"), `deny` turns it round."""
    if polarity == "on":
        return True
    if polarity == "off":
        return False
    return named_on if polarity == "affirm" else not named_on
