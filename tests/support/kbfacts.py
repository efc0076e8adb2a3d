"""Find the checkable SAP facts a knowledge-base text states.

The product promises never to invent an SAP note number, profile parameter, transaction
or SapSSL/NI/ICM code. A test can only hold it to that if it can find those facts in free
text, so this module names each kind by its written shape (and, for transactions, by the
contexts SAP texts put them in) and returns them normalised, so that `icm/server_port_<xx>`
and `icm/server_port_xx` count as one parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

NOTE = "note"
PARAMETER = "parameter"
TRANSACTION = "transaction"
CODE = "code"
KINDS = (NOTE, PARAMETER, TRANSACTION, CODE)


@dataclass(frozen=True)
class Mention:
    """One fact a text states: its kind and its normalised spelling."""

    kind: str
    value: str


# "note 510007", "SAP Notes 510007 and 2384290", "KBA 3569644", "notes 1848999/2450794".
_NOTE_AFTER_WORD = re.compile(
    r"\b(?:[Nn]otes?|KBAs?)\s+((?:\d{4,8}(?:\s*(?:,|/|&|\band\b|\bor\b)\s*)?)+)"
)
# A bare 6-7 digit number is how notes are cited in running text ("see 2124480"); the
# glossary's ids spell them SAPNOTE_<n> / KBA_<n>.
_BARE_NOTE = re.compile(r"(?<![\w.,/:#-])\d{6,7}(?![\w/.]\d|[\w/])")
_NOTE_ID = re.compile(r"\b(?:SAPNOTE|KBA)_(\d{4,8})\b")
# Before a number, these make it the end of a range ("0–9999999", "-1 … 9999999").
_RANGE_BEFORE = re.compile(r"(?:[–…-]|\bto)\s*$")

# Profile parameters have the form <area>/<name>; only SAP's areas count, so prose such
# as "host/port" or "user/password" is not read as one.
_PARAMETER_AREAS = (
    "icm", "ssl", "rdisp", "is", "snc", "ssf", "sec", "gw", "login", "ms", "wdisp",
    "abap", "auth", "rsau", "dbs", "ccl", "spnego", "ztta", "rsdb", "em",
)
_SLASH_PARAMETER = re.compile(
    r"(?<![\w/.$-])(?:" + "|".join(_PARAMETER_AREAS) + r")/[A-Za-z0-9_]+(?:/[A-Za-z0-9_]+)*"
    r"(?:_?<[a-z]+>)?"
)
# Parameters (and environment variables set from the profile) written in capitals.
_CAPITAL_PARAMETER = re.compile(
    r"\b(?:SAPSSL_[A-Z][A-Z_]*[A-Z]|SECUDIR|SETENV_\d+|DIR_[A-Z]+(?:_[A-Z]+)*"
    r"|SAP_IPv6_ACTIVE|SAPLOCALHOST(?:FULL)?)\b"
)
_PLACEHOLDER_SUFFIX = re.compile(r"_?(?:<[a-z]+>|xx|nn)$")

# Transactions: letters followed by a two- or three-digit number (SM59, RZ10, ST22), a
# namespaced transaction (/IWFND/MAINT_SERVICE), a word after "transaction", and the first
# word of a menu path ("SMICM → Goto").
_NUMBERED_TRANSACTION = re.compile(r"\b[A-Z]{2,4}\d{2,3}[A-Z]?\b")
_NAMESPACED_TRANSACTION = re.compile(r"(?<![\w/])/[A-Z0-9]{3,}/[A-Z0-9_]{3,}\b")
_NAMED_TRANSACTION = re.compile(
    r"\b(?:[Tt]ransactions?|[Tt]-?codes?)\s+`?(/?[A-Z][A-Z0-9_/]{2,})`?"
    r"|`?\b([A-Z][A-Z0-9_]{2,})`?\s+transaction\b"
)
# A menu path of two or more steps ("SMICM → Goto → Trace File"); its first step is the
# transaction when no arrow comes shortly before it.
_MENU_PATH = re.compile(r"`?\b([A-Z][A-Z0-9_]{2,})`?\s+(?:→|->)[^→\n]{1,40}(?:→|->)")
# Written like a transaction but not one (patch levels, hash and key names, RFC numbers).
_NOT_TRANSACTIONS = re.compile(r"^(?:PL\d+|SHA\d+|MD\d|RSA\d+|RFC\d+|TLS\d+|SSL\d+|EC\w*|P\d+)$")

_CODE = re.compile(r"\b(?:SSSLERR|SSSLRC|SSSLERROR|NIE|NTE|ICM_HTTP)_?[A-Z0-9]+(?:_[A-Z0-9]+)*\b")
_CODE_PREFIXES = ("SSSLERR_", "SSSLRC_", "SSSLERROR_", "NIE", "NTE", "ICM_HTTP_")


def strings_in(value: object) -> list[str]:
    """Every string in a knowledge entry's value (lists and mappings walked through)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    return []


def _after_arrow(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    return "→" in before or "->" in before


def normalise_parameter(name: str) -> str:
    """One spelling for a parameter family: `icm/server_port_<n>`, `_xx`, `_<xx>` → `_<xx>`."""
    stem = _PLACEHOLDER_SUFFIX.sub("", name)
    return stem + "_<xx>" if stem != name else name


def notes(text: str) -> Iterator[str]:
    for match in _NOTE_AFTER_WORD.finditer(text):
        yield from re.findall(r"\d{4,8}", match.group(1))
    for match in _BARE_NOTE.finditer(text):
        if not _RANGE_BEFORE.search(text[: match.start()]):
            yield match.group(0)
    for match in _NOTE_ID.finditer(text):
        yield match.group(1)


def parameters(text: str) -> Iterator[str]:
    for match in _SLASH_PARAMETER.finditer(text):
        yield normalise_parameter(match.group(0))
    for match in _CAPITAL_PARAMETER.finditer(text):
        yield match.group(0)


def transactions(text: str) -> Iterator[str]:
    found = [m.group(0) for m in _NUMBERED_TRANSACTION.finditer(text)]
    found += [m.group(0) for m in _NAMESPACED_TRANSACTION.finditer(text)]
    found += [m.group(1) or m.group(2) for m in _NAMED_TRANSACTION.finditer(text)]
    found += [m.group(1) for m in _MENU_PATH.finditer(text) if not _after_arrow(text, m.start())]
    for name in found:
        name = name.rstrip("/")
        if not _NOT_TRANSACTIONS.match(name):
            yield name


def codes(text: str) -> Iterator[str]:
    for match in _CODE.finditer(text):
        code = match.group(0)
        # A prefix alone ("SSSLERR_…", "ICM_HTTP_*") names a family, not a code.
        if code not in _CODE_PREFIXES and not code.endswith("_"):
            yield code


def mentions(text: str) -> set[Mention]:
    """Every note, parameter, transaction and code `text` states."""
    found = {Mention(NOTE, n) for n in notes(text)}
    found |= {Mention(PARAMETER, p) for p in parameters(text)}
    found |= {Mention(TRANSACTION, t) for t in transactions(text)}
    found |= {Mention(CODE, c) for c in codes(text)}
    return found
