"""`sy-subrc 4 after create_by_destination`: a return code read as the exception it stands for.

The classic exceptions of `cl_http_client` and `if_http_client` are numbered by the
caller, but nearly every program keeps the numbering the Pattern function inserts — the
order in which the method declares them (knowledge/codes.yaml cites public programs). So
a return code next to a method name names an exception, as long as the method is named:
without it the number says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Container

from assistant.lazyre import LazyPattern

# method -> sy-subrc -> the knowledge base's code id (the declared order, 1-based)
_BY_METHOD: dict[str, dict[int, str]] = {
    "create_by_destination": {
        1: "CREATE_ARGUMENT_NOT_FOUND",
        2: "CREATE_DESTINATION_NOT_FOUND",
        3: "CREATE_DESTINATION_NO_AUTHORITY",
        4: "CREATE_PLUGIN_NOT_ACTIVE",
    },
    "create_by_url": {
        1: "CREATE_ARGUMENT_NOT_FOUND",
        2: "CREATE_PLUGIN_NOT_ACTIVE",
        4: "CREATE_PSE_NOT_FOUND",
        5: "CREATE_PSE_NOT_FOUND",
        6: "CREATE_PSE_NOT_FOUND",
    },
    "send": {
        1: "http_communication_failure",
        2: "http_invalid_state",
        3: "http_processing_failed",
        4: "http_invalid_timeout",
    },
    "receive": {
        1: "http_communication_failure",
        2: "http_invalid_state",
        3: "http_processing_failed",
    },
}

# "send"/"receive" are English words: only as a method call (->send, =>receive, send( …)
# or in capitals, as ABAP code and SE24 show them.
_METHOD = LazyPattern(
    r"(?i:\b(create_by_destination|create_by_url)\b)"
    r"|(?i:(?:->|=>)\s*(send|receive)\b|\b(send|receive)\s*\()"
    r"|\b(SEND|RECEIVE)\b"
)
_SUBRC = LazyPattern(r"(?i)\bsy-subrc\b\s*(?:=|eq|is|was|of|:|returns?|gives?)?\s*(\d)\b")
NEAR = 120  # characters between the method and its return code


# The Content Server / ArchiveLink wording writes the return code right after the method:
# "Error in HTTP Access: IF_HTTP_CLIENT->RECEIVE 1".
_METHOD_AND_CODE = LazyPattern(
    r"\bIF_HTTP_CLIENT\s*->\s*(send|receive)\s+(\d)\b", re.IGNORECASE, literals=("if_http_client",)
)


def exception_codes(text: str, known: Container[str]) -> list[tuple[int, str, str]]:
    """(sy-subrc, method, code id) for each return code in `text` that names a known
    exception of the method nearest to it."""
    found = _written_after_the_method(text, known)
    if "subrc" not in text.lower():
        return found
    methods = [(m.start(), next(g for g in m.groups() if g).lower()) for m in _METHOD.finditer(text)]
    if not methods:
        return found
    for rc in _SUBRC.finditer(text):
        at, number = rc.start(), int(rc.group(1))
        near = [(abs(at - where), name) for where, name in methods if abs(at - where) <= NEAR]
        if not near:
            continue
        _add_exception(found, number, min(near)[1], known)
    return found


def _written_after_the_method(text: str, known: Container[str]) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    for m in _METHOD_AND_CODE.finditer(text):
        _add_exception(found, int(m.group(2)), m.group(1).lower(), known)
    return found


def _add_exception(found: list[tuple[int, str, str]], number: int, method: str, known: Container[str]) -> None:
    """The exception `number` stands for after `method`, once, if the base knows it."""
    code = _BY_METHOD[method].get(number)
    if code is not None and code in known and all(f[2] != code for f in found):
        found.append((number, method, code))
