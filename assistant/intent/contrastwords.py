"""Two readings of a contrast in one sentence, in the words of the base.

An admin often says what was done by setting it against what was not, or what is set against
what should be, and neither half holds the base's signs:

- "only X, not Y" ("I imported only the root CA, not the intermediate one", "nur das
  Root-Zertifikat, nicht das Zwischenzertifikat"): what was done and what was not. The part
  not done is the cause's sign, read as missing ("missing intermediate"): the SSL client PSE
  needs the whole chain, root and intermediate (reference sclnt_http_facts.md L235, the
  SSSLERR_PEER_CERT_UNTRUSTED row: "chain (root/intermediate) missing from the SSL client PSE").
  Such a sentence is no import said done either (importdone.py): it says what was left out.
- "X instead of Y" / "X statt Y" / "X rather than Y" ("port 80 statt 443", "the short host
  name instead of the FQDN"): a wrong value, so the setting it names is wrong ("wrong port").
  A wrong port in SM59 is a cause the facts list for ICM_HTTP_CONNECTION_FAILED every time
  (sclnt_http_facts.md L89); the other settings of a destination — host, path, PSE, proxy —
  are set the same way (causes destination_misconfigured, wrong_client_pse_selected).

Like instancewords.py, each reading found is rendered in those words and appended to what the
router reads (plainwords.english); nothing else of the text changes.
"""

from __future__ import annotations

import re

from assistant.intent import german
from assistant.lazyre import LazyPattern

# One clause's part, no stop and no comma inside: "the root CA in STRUST", "das Root-Zertifikat".
_PART = r"[^.,;:!?\n]{1,60}?"
_ONLY_NOT = LazyPattern(
    rf"\bonly (?P<done>{_PART})(?:,| and| but)* not (?P<missing>{_PART})(?=[.,;:!?\n]|$| but\b| and\b)"
    rf"|\bnur (?P<done_de>{_PART})(?:,| und| aber)* nicht (?P<missing_de>{_PART})(?=[.,;:!?\n]|$| aber\b| und\b)",
    re.IGNORECASE,
    literals=("only", "nur "),
)
# Words of the part not done that carry nothing: articles, possessives, "one" standing for the
# noun of the part done ("not the intermediate one"), "the whole/full".
_FILLER = re.compile(
    r"\b(?:the|an?|our|its|their|one|ones|das|den|die|der|dem|ein|eine|einen|unser|unsere|unseren"
    r"|whole|full|complete|entire|yet|also|auch|noch)\b",
    re.IGNORECASE,
)
# A verb at the end of the German part ("nicht das Zwischenzertifikat importiert"): the thing
# not done is before it.
_TRAILING_VERB = re.compile(r"\s+(?:importiert|eingespielt|hinterlegt|hochgeladen|eingetragen|gepflegt)\s*$",
                            re.IGNORECASE)
_LONGEST_MISSING = 4  # words: a longer part is a clause of its own, not the thing left out

# A setting named in a contrast of values: "Port 80 statt 443", "host sapdev instead of the FQDN".
_SETTINGS = r"(?:port|host ?name|host|path(?: prefix)?|pse|ssl client|proxy(?: host| port)?|url|scheme|protocol)"
_INSTEAD = r"(?:instead of|rather than|statt|anstatt|anstelle von|anstelle|an ?stelle von)"
# The setting stands with a value ("port 80", "host name: sapdev", "instead of port 443"): "the proxy
# instead of a direct connection" is a way of calling, not a wrong value.
_VALUE = r"(?:(?:is|ist|=|:|set to|auf) ?)?[\w./:-]*\d[\w./:-]*|(?:(?:is|ist|=|:|set to|auf) ?)?[\w-]+\.[\w.:-]+"
_WRONG_VALUE = LazyPattern(
    rf"\b(?P<setting>{_SETTINGS}) (?:{_VALUE}) {_INSTEAD}\b"
    rf"|\b{_INSTEAD} (?:the |der |dem |den )?(?P<setting_after>{_SETTINGS}) (?:{_VALUE})"
    # a short host name is a value without digits or dots ("host sapdev instead of the FQDN")
    rf"|\b(?P<host>host ?name|host|rechnername) (?:(?:is|ist|=|:) ?)?[\w-]+ {_INSTEAD}\b",
    re.IGNORECASE,
    literals=("instead of", "rather than", "statt", "anstelle", "an stelle"),
)


def _missing_words(part: str) -> str:
    """The thing left out, in few words, German rendered in English ('' when none is left)."""
    part = _TRAILING_VERB.sub("", part)
    rendered = german.english(part) or part
    words = _FILLER.sub(" ", rendered).split()
    return " ".join(words) if 0 < len(words) <= _LONGEST_MISSING else ""


def left_out(text: str) -> list[str]:
    """What "only X, not Y" says was not done, one entry per such sentence (the Ys' words)."""
    found = []
    for m in _ONLY_NOT.finditer(text):
        words = _missing_words(m.group("missing") or m.group("missing_de"))
        if words:
            found.append(words)
    return found


def says_only_part(text: str) -> bool:
    """The text sets what was done against what was not ("only the root, not the intermediate")."""
    return bool(left_out(text))


def wrong_settings(text: str) -> list[str]:
    """The settings a contrast of values names ("port 80 instead of 443": the port)."""
    found = []
    for m in _WRONG_VALUE.finditer(text):
        setting = " ".join((m.group("setting") or m.group("setting_after") or m.group("host")).lower().split())
        found.append("host name" if setting.startswith(("host", "rechner")) else setting)
    return found


def readings(text: str) -> list[str]:
    """The base's words for the contrast readings the text holds, each once."""
    found = [f"missing {words}" for words in left_out(text)]
    found += [f"wrong {setting}" for setting in wrong_settings(text)]
    return list(dict.fromkeys(found))
