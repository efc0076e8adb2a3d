"""Spanish, Portuguese, French and Italian words admins write about these errors, in English.

SAP Community has Spanish, Portuguese, French and Italian spaces, and admins describe the
same failures there ("certificado no confiable", "conexão recusada", "le certificat a
expiré", "certificato non attendibile").
As for German (german.py), a small table of the words that carry the meaning in this
domain is enough to meet the English signs; everything else is left alone. Accents are
folded first, so "conexión" and "conexion" are one word.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z]+")

# Two words that mean one thing ("not trusted"): looked up before the single words.
PHRASES: dict[str, str] = {
    "no confiable": "not trusted",
    "nao confiavel": "not trusted",
    "non fiable": "not trusted",
    "pas approuve": "not trusted",
    "tiempo agotado": "timeout",
    "tempo esgotado": "timeout",
    "delai depasse": "timeout",
    "nombre de host": "host name",
    "nome do host": "host name",
    "nom d hote": "host name",
    "mot de passe": "password",
    "non attendibile": "not trusted",
    "non affidabile": "not trusted",
    "tempo scaduto": "timeout",
    "nome host": "host name",
    "non valido": "invalid",
}

WORDS: dict[str, str] = {
    # certificates
    "certificado": "certificate",
    "certificados": "certificates",
    "certificat": "certificate",
    "certificats": "certificates",
    "caducado": "expired",
    "vencido": "expired",
    "expirado": "expired",
    "expire": "expired",
    "confiable": "trusted",
    "confiavel": "trusted",
    "fiable": "trusted",
    "approuve": "trusted",
    "autofirmado": "self signed",
    "autoassinado": "self signed",
    "autosigne": "self signed",
    "cadena": "chain",
    "cadeia": "chain",
    "chaine": "chain",
    "intermedio": "intermediate",
    "intermediario": "intermediate",
    "intermediaire": "intermediate",
    "raiz": "root",
    "racine": "root",
    "invalido": "invalid",
    "valido": "valid",
    # connections
    "conexion": "connection",
    "conexao": "connection",
    "connexion": "connection",
    "rechazada": "refused",
    "rechazado": "refused",
    "recusada": "refused",
    "recusado": "refused",
    "refusee": "refused",
    "agotado": "timeout",
    "esgotado": "timeout",
    "desconocido": "unknown",
    "desconhecido": "unknown",
    "inconnu": "unknown",
    "servidor": "server",
    "serveur": "server",
    # failures and logons
    "fallo": "failed",
    "fallida": "failed",
    "falha": "failed",
    "falhou": "failed",
    "echec": "failed",
    "echoue": "failed",
    "erro": "error",
    "erreur": "error",
    "contrasena": "password",
    "senha": "password",
    "usuario": "user",
    "utilisateur": "user",
    "importado": "imported",
    "importe": "imported",
    # Italian
    "certificato": "certificate",
    "certificati": "certificates",
    "scaduto": "expired",
    "scaduta": "expired",
    "attendibile": "trusted",
    "affidabile": "trusted",
    "autofirmato": "self signed",
    "catena": "chain",
    "radice": "root",
    "connessione": "connection",
    "rifiutata": "refused",
    "rifiutato": "refused",
    "sconosciuto": "unknown",
    "errore": "error",
    "fallito": "failed",
    "fallita": "failed",
    "utente": "user",
    "importato": "imported",
    # the far side's certificate renewed or changed (see plainwords.py: not yet trusted)
    "renovado": "renewed",
    "renovada": "renewed",
    "renovo": "renewed",
    "renovou": "renewed",
    "renouvele": "renewed",
    "rinnovato": "renewed",
    "trocou": "changed",
    "trocado": "changed",
    "cambiado": "changed",
    "reemplazado": "replaced",
    "substituido": "replaced",
    "remplace": "replaced",
    "sostituito": "replaced",
    # a failure that comes and goes
    "intermitente": "intermittent",
    "intermitentemente": "intermittent",
    "intermittente": "intermittent",
    "intermittent": "intermittent",
}


def _folded(text: str) -> str:
    """Lower case, accents removed (only a text with non-ASCII letters needs the Unicode
    pass), apostrophes and hyphens as spaces ("d'hôte" → "d hote")."""
    lowered = text.lower()
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _JOINERS.sub(" ", lowered)


_JOINERS = re.compile(r"['’\-]")


def english(text: str) -> str:
    """The Spanish/Portuguese/French domain words of `text` as English ('' when none)."""
    words = _WORD.findall(_folded(text))
    if _KEYS.isdisjoint(words):
        return ""
    folded = " ".join(words)
    found: list[str] = []
    for phrase, meaning in PHRASES.items():
        if f" {phrase} " in f" {folded} ":
            found.append(meaning)
            folded = f" {folded} ".replace(f" {phrase} ", " ").strip()
    found += [WORDS[w] for w in folded.split() if w in WORDS]
    return " ".join(found)


_KEYS = frozenset(WORDS) | frozenset(phrase.split()[0] for phrase in PHRASES)
