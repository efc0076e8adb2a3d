"""The code an RFC error block states in numbers.

An RFC or SAP GUI connection reports its failure as a block of labelled lines (`LOCATION`,
`ERROR`, `COMPONENT`, `RC`, `DETAIL`, `ERRNO` …; see the glossary's RFC_PARTNER_NOT_REACHED).
`COMPONENT` names the layer that failed and `RC` is that layer's own return code: with
`COMPONENT NI (network interface)`, `RC -10` is the NI code -10, NIECONN_REFUSED, as surely
as if the name were written (NI return codes: SAP Note 63342, listed by OWASP pysap). The
number alone says nothing: -10 is also SapSSL's SSSLRC_CONN_CLOSED, so only the layer the
block names decides. The NI layer returns -10 for a connect that failed in any way, so a
block with the system call's own reason (`ERRNO TEXT Connection timed out`) is read by that
reason (a sign of its cause), not by the summary code.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase

# The block's layers by the word its COMPONENT line starts with, as the base names them (Code.layer).
LAYERS = {"NI": "NI"}
# "COMPONENT   NI (network interface)"; a line of a string pasted from JavaScript or Python
# keeps its quote in front ("'COMPONENT   NI …\n' +"), so the label need not start the line.
_COMPONENT = LazyPattern(r"\bCOMPONENT[ \t]+([A-Za-z]+)\b", literals=("COMPONENT",))
_ERRNO_TEXT = LazyPattern(r"\bERRNO[ \t]+TEXT\b", literals=("ERRNO",))
_RC = LazyPattern(r"(?:^|['\"])[ \t]*RC[ \t]+(-\d{1,4})\b", re.MULTILINE, literals=("RC",))


def block_codes(text: str, kb: KnowledgeBase) -> list[str]:
    """The codes of the layer the text's RFC block names, read from its RC lines."""
    component = _COMPONENT.search(text)
    layer = LAYERS.get(component.group(1).upper()) if component else None
    if layer is None or _ERRNO_TEXT.search(text):
        return []
    numbers = {int(m.group(1)) for m in _RC.finditer(text)}
    return sorted(code.id for code in kb.codes.values() if code.layer == layer and code.numeric in numbers)
