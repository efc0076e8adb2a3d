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
    # A wrong value ("falscher Port", "der Port ist falsch"): the base says "wrong port".
    "falsch": "wrong",
    "falsche": "wrong",
    "falschen": "wrong",
    "falscher": "wrong",
    "falsches": "wrong",
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
    # A proxy that wants a logon ("der Proxy verlangt eine Authentifizierung").
    "authentifizierung": "authentication",
    "authentisierung": "authentication",
    "verlangt": "requires",
    "erfordert": "requires",
}
# Words German writes as English in this domain ("SSL-Handshake", "Root-CA", "der Proxy"):
# kept in the rendering, in their place, so that the English phrases form across them
# ("Proxy-Authentifizierung fehlgeschlagen" meets "proxy authentication failed"). Only in
# a text that has German words of the table: an English text gets no rendering at all.
LOAN_WORDS: dict[str, str] = {
    word: word for word in "proxy server client ssl tls http https handshake host root ca pse sni port dns".split()
} | {"clients": "client", "servers": "server", "hosts": "host", "ports": "port"}
# German joins nouns into one word ("Zertifikatsfehler", "Verbindungsabbruch"): a word the
# tables lack is read as two of their words, the first with or without its linking "s".
_SHORTEST_PART = 4
_KNOWN = WORDS | LOAN_WORDS
# Two known words and a linking "s" at most: a longer word is no compound of them, and trying
# every cut of it (a pasted 1 MB token) would cost its length squared.
_LONGEST_COMPOUND = 2 * max(map(len, _KNOWN)) + 1


def fold_umlauts(text: str) -> str:
    """The text with umlauts and ß as the German words are kept here ("spät" → "spaet")."""
    return text.translate(_FOLD)


def english(text: str) -> str:
    """The German domain words of `text`, in order, as English ('' when there are none);
    the loan words among them kept (LOAN_WORDS), compounds read as their parts."""
    rendered: list[str] = []
    german = False
    for word in _WORD.findall(text.translate(_FOLD).lower()):
        parts = [WORDS[word]] if word in WORDS else _compound_parts(word)
        if parts:
            german = True
            rendered.extend(parts)
        elif word in LOAN_WORDS:
            rendered.append(LOAN_WORDS[word])
    return " ".join(rendered) if german else ""


def _compound_parts(word: str) -> list[str]:
    """The English of two words that make up `word` (longest first part first): words of
    WORDS or loan words ("Serverzertifikat", "Clientzertifikat"), at least one German; or []."""
    if len(word) > _LONGEST_COMPOUND:
        return []
    for cut in range(len(word) - _SHORTEST_PART, 2, -1):
        head, tail = word[:cut], word[cut:]
        if head.endswith("s") and head not in _KNOWN:
            head = head[:-1]  # the linking s ("Verbindungsfehler")
        if head in _KNOWN and tail in _KNOWN and (head in WORDS or tail in WORDS):
            return [_KNOWN[head], _KNOWN[tail]]
    return []
