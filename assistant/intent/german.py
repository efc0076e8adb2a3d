"""German words admins mix into their questions, rendered in English for matching.

The knowledge base is English; many SAP admins write "Zertifikat abgelaufen" or paste a
German SM59 text. A small table of the words that carry the meaning in this domain is
enough to meet the English signs ("certificate expired"); everything else is left alone.
"""

from __future__ import annotations

import re

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_WORD = re.compile(r"[a-z]+")

WORDS: dict[str, str] = {
    "zertifikat": "certificate",
    "zertifikats": "certificate",
    "zertifikate": "certificates",
    "zertifikatskette": "certificate chain",
    "kette": "chain",
    "zwischenzertifikat": "intermediate certificate",
    "stammzertifikat": "root certificate",
    "wurzelzertifikat": "root certificate",
    "abgelaufen": "expired",
    "laeuft": "expires",
    "ungueltig": "invalid",
    "gueltig": "valid",
    "vertrauenswuerdig": "trusted",
    "vertraut": "trusted",
    "nicht": "not",
    "kein": "no",
    "keine": "no",
    "verbindung": "connection",
    "verbindungen": "connections",
    "verbindungstest": "connection test",
    "abgelehnt": "refused",
    "verweigert": "refused",
    "zeitueberschreitung": "timeout",
    "zeitlimit": "timeout",
    "fehlgeschlagen": "failed",
    "schlaegt": "fails",
    "fehler": "error",
    "unbekannt": "unknown",
    "rechner": "host",
    "rechnername": "host name",
    "anmeldung": "logon",
    "kennwort": "password",
    "passwort": "password",
    "benutzer": "user",
    "abgebrochen": "broken",
    "unterbrochen": "broken",
    "erreichbar": "reachable",
    "selbstsigniert": "self signed",
    "aufgeloest": "resolved",
    "aufloesen": "resolve",
    "namensaufloesung": "name resolution dns",
    "passt": "match",
    "stimmt": "match",
    "antwort": "response",
    "zugriff": "access",
    "importiert": "imported",
    "eingespielt": "imported",
    # What the call was doing when it failed ("Fehler beim Anlegen des HTTP-Clients").
    "beim": "while",
    "anlegen": "creating",
    "erzeugen": "creating",
    "erstellen": "creating",
    "senden": "sending",
    "empfangen": "receiving",
    "aufruf": "call",
    "aufrufen": "call",
    "ausgehend": "outbound",
    "ausgehende": "outbound",
    "ausgehenden": "outbound",
    "kommunikationsfehler": "communication error",
    "gesperrt": "blocked",
    # The far side's certificate changed ("Zertifikatswechsel beim Partner", "der Server hat
    # ein neues Zertifikat"): the sign of a new certificate the PSE does not trust yet.
    "zertifikatswechsel": "renewed their certificate",
    "zertifikatstausch": "renewed their certificate",
    "erneuert": "renewed",
    "ausgetauscht": "replaced",
    "gewechselt": "changed",
    # only the background job fails: another application server or user (plainwords.py)
    "hintergrundjob": "one app server S_ICF",
    "hintergrundverarbeitung": "one app server S_ICF",
    "hintergrund": "one app server S_ICF",
    "sporadisch": "intermittent",
    "zeitweise": "intermittent",
    # What the admin asks ("wie behebe ich das?", "warum?", "was bedeutet 421?"): the
    # follow-up's intent, as the English words say it.
    "behebe": "fix",
    "beheben": "fix",
    "loesen": "solve",
    "loese": "solve",
    "loesung": "solution",
    "warum": "why",
    "wieso": "why",
    "weshalb": "why",
    "ursache": "cause",
    "bedeutet": "means",
}


def english(text: str) -> str:
    """The German domain words of `text`, in order, as English ('' when there are none)."""
    words = _WORD.findall(text.translate(_FOLD).lower())
    return " ".join(WORDS[w] for w in words if w in WORDS)
