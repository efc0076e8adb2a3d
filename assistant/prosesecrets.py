"""Passwords written in prose, masked where a person's or a server's words are said back.

`redact.mask_secrets` masks the forms a command line or a header holds (and masked text must
still parse back); what a person types in a sentence needs more, and `redact.mask_said`
applies this module after it:

- a password named by a word and a verb ("… with the password Geheim2024", "Passwort ist …",
  "Kennwort lautet '…'"). The password is one word, or all of a quoted run. Straight after
  "password" a lowercase word is a noun phrase ("password given", "password policy"), not a
  password; after a verb ("is", "ist", "is set to", "lautet") it is one, unless it says what
  the password is like ("is wrong", "ist abgelaufen", "was changed") or is a word of the
  sentence ("is for …");
- a short key with ":" or "=" ("pw: …", "pwd=…", "pass: …", "PIN: …"), as people write logon
  data in a note;
- a user and its password written as a pair after a word of logon ("user admin:…",
  "credentials RFCUSER / …", "basic auth admin/…", "Benutzer admin:…"): the part after the
  colon or slash is masked, unless it is a port (digits only: "login api.example.org:443") or
  the word "password" itself ("user / password");
- a token after the name of its scheme ("Bearer eyJhbGci…", "Basic dXNlcjpwYXNz") outside a
  header: a word with a capital after its first letter, a digit or a final "=" — so "Basic
  Authentication" stays a phrase.

The mask itself is left as it is, so masking twice changes nothing.
"""

from __future__ import annotations

import re

_VERBS = r"is|was|ist|war|to|auf|set|now|lautet|lautete|has|been|wurde|gesetzt"
_NO_PASSWORD = (
    _VERBS + r"|for|of|and|or|in|on|at|by|with|from|as|the|a|an|it|that|which|must|should|can|could|does"
    r"|did|will|would|had|have|wrong|incorrect|correct|invalid|valid|locked|missing|required|empty|blank"
    r"|unknown|not|no|too|ok|okay|fine|still|also|nicht|kein|falsch|korrekt|richtig|abgelaufen|gesperrt"
    r"|leer|und|oder|für|mit|der|die|das|den|dem|des|ein|eine|einen|im|zu|wird|muss|[a-z]+(?:ed|ing)")
_NOT_MASKED_YET = r"(?![*]{3}(?:[\s.,;:!?)\]'\"]|$))"
_PROSE_PASSWORD = re.compile(
    rf"\b((?:password|passwort|kennwort|pwd)\s+((?:(?:{_VERBS})\s+)*))"
    + _NOT_MASKED_YET
    + rf"(?!(?:{_NO_PASSWORD})(?:[\s.,;:!?)]|$))"
    r"('[^'\n]*'|\"[^\"\n]*\"|\S+)",
    re.IGNORECASE)
_LOWERCASE_WORD = re.compile(r"[a-zäöüß]+[.,;:!?)]*")
_SHORT_KEY = re.compile(r"\b((?:pw|pwd|pass|passwd|pin)\s*[:=]\s*)" + _NOT_MASKED_YET + r"('[^'\n]*'|\"[^\"\n]*\"|\S+)",
                        re.IGNORECASE)
_LOGON_WORD = (r"user(?:name)?|user\s+id|login|logon|credentials?|basic(?:\s+auth(?:entication)?)?|auth"
               r"|benutzer(?:name)?|anmeldedaten|zugangsdaten")
# Words after a logon word that name a thing, not a user ("login page / Fiori", "logon error: …").
_NOT_A_USER = ("page|screen|data|name|id|prompt|dialog|popup|form|mask|window|type|method|procedure|error|errors"
               "|failed|fails|failure|works|worked|and|or|the|a|an|via|with|to|for|in|on|at|seite|fehler|daten")
_PAIR = re.compile(
    rf"\b((?:{_LOGON_WORD})\s*(?:(?:is|are|=|:|with|mit|ist|sind|of)\s*)?"
    r"['\"]?(?!(?:" + _NOT_A_USER + r")\b)[^\s:/@'\"*]{1,64}(?::|\s*/\s*))"
    + _NOT_MASKED_YET
    + r"([^\s'\"]+)",
    re.IGNORECASE)
_NO_SECRET = re.compile(r"\d{1,5}(?:[/?#]\S*)?|password|passwort|kennwort|pw|pwd|\*+", re.IGNORECASE)
_TRAILING = ".,;)"  # a sentence's punctuation; "!" or "?" may be the password's own
_SCHEME_TOKEN = re.compile(r"\b((?:Bearer|Basic)\s+)" + _NOT_MASKED_YET + r"([A-Za-z0-9._~+/-]{8,}=*)", re.IGNORECASE)
_LOOKS_ENCODED = re.compile(r".[^A-Z]*[A-Z].*|.*\d.*|.*=", re.S)


def _prose_masked(m: re.Match[str], mask: str) -> str:
    if not m.group(2) and _LOWERCASE_WORD.fullmatch(m.group(3)):
        return m.group(0)  # "password given", "password prompt": a noun phrase
    return m.group(1) + mask


def _kept_punctuation(value: str) -> str:
    """The sentence's punctuation after a password typed in prose ("…:Secret123, and"): kept."""
    return value[len(value.rstrip(_TRAILING)):]


def _short_key_masked(m: re.Match[str], mask: str) -> str:
    value = m.group(2)
    tail = "" if value[:1] in "'\"" else _kept_punctuation(value)
    return m.group(1) + mask + tail


def _pair_masked(m: re.Match[str], mask: str) -> str:
    secret = m.group(2).rstrip(_TRAILING)
    if not secret or _NO_SECRET.fullmatch(secret):
        return m.group(0)  # a port ("login host:443"), or the word "password" itself
    return m.group(1) + mask + _kept_punctuation(m.group(2))


def _token_masked(m: re.Match[str], mask: str) -> str:
    token = m.group(2)
    looks_encoded = _LOOKS_ENCODED.fullmatch(token) is not None and not token[1:].islower()
    return m.group(1) + mask if looks_encoded else m.group(0)


def masked_in_prose(text: str, mask: str) -> str:
    """`text` with each password written in prose (see the module docstring) replaced by `mask`."""
    text = _PROSE_PASSWORD.sub(lambda m: _prose_masked(m, mask), text)
    text = _SCHEME_TOKEN.sub(lambda m: _token_masked(m, mask), text)
    text = _SHORT_KEY.sub(lambda m: _short_key_masked(m, mask), text)
    return _PAIR.sub(lambda m: _pair_masked(m, mask), text)
