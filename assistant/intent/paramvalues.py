"""Entity: a TLS cipher-suite parameter named together with its value.

"ssl/client_ciphersuites = 150:PFS:HIGH::EC_P256:EC_HIGH", "what does
ssl/client_ciphersuites 918 mean", "SETENV_27 = SAPSSL_CLIENT_CIPHERSUITES=150:…",
"[dpf] ssl/ciphersuites=135:…" (dev_icm's start block). The value is a number, a number
with a cipher string, or a cipher string alone (it must then hold a ':', so "… mean" or
"… for S/4HANA" is no value). The spans are returned so the number is not read again
as a message number ("= 400:HIGH" is not SCLNT_HTTP400). Linear-time regexes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from assistant.lazyre import LazyPattern

_PARAMETER = r"(ssl/(?:client_)?ciphersuites|SAPSSL_(?:CLIENT_)?CIPHERSUITES)"
_JOIN = r"(?:[ \t]*(?:=|:)[ \t]*|[ \t]+(?:(?:is|to|of|value|=)[ \t]+)?)"
_VALUE_CHARS = r"[A-Za-z0-9_+!\-@=:]"
_VALUE = (
    r"(\d{1,12}(?::" + _VALUE_CHARS + r"*)?(?![\w.]*\d)"
    r"|[!+]?[A-Za-z][A-Za-z0-9_+!\-]*(?::" + _VALUE_CHARS + r"*)*:" + _VALUE_CHARS + r"+)"
)
_PARAMETER_VALUE = LazyPattern(
    r"(?<![\w/])" + _PARAMETER + _JOIN + r"[\"'`]?" + _VALUE, re.IGNORECASE, literals=("ciphersuites",)
)


class ParameterValue(NamedTuple):
    parameter: str  # as written (ssl/ciphersuites, SAPSSL_CLIENT_CIPHERSUITES …)
    value: str
    start: int  # the value's span in the text
    end: int


def parameter_values(text: str) -> list[ParameterValue]:
    """Every cipher-suite parameter with a value in `text`, in order."""
    out = []
    for m in _PARAMETER_VALUE.finditer(text):
        value = m.group(2).rstrip(":")
        out.append(ParameterValue(m.group(1).lower(), value, m.start(2), m.start(2) + len(value)))
    return out
