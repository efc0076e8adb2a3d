"""Which of a cause's fix steps apply when another client made the call.

The base's fixes are written for the ABAP HTTP client: most steps are done in the SAP
system (an SM59 destination, a STRUST PSE, a profile parameter, an ABAP method). When a
Java, Node, BTP … client got the answer (`Routed.another_client`), those steps are not
its fix — that client's fix lives in that client — so only the steps that name nothing of
the ABAP side are shown ("Confirm with the target's owner which logon method it
expects."). No step is reworded or invented: a cause with none left shows no fix.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause

# Glossary kinds that live in the ABAP system: transactions, profile parameters, reports.
ABAP_SIDE_KINDS = ("transaction", "parameter", "report")
# Words of the ABAP side that are terms, not ids: the PSE, the ICM and its trace.
ABAP_SIDE_WORDS = ("PSE", "ICM", "dev_icm")
_ABAP_CALL = r"->|=>|\w\( \)"  # an ABAP method call: IF_HTTP_CLIENT->SEND, get_status( )
# An SAP product or note by name: "SAP Business ByDesign", "SAP S/4HANA Cloud", "SAP Note
# 510007" — never the bare word ("for every client, not just SAP.").
_SAP_PRODUCT = r"\bSAP (?=[A-Z0-9])"


def fix_steps(cause: Cause, routed: Routed, kb: KnowledgeBase) -> tuple[str, ...]:
    """The cause's fix steps for this turn: all of them, or for another client's call
    only those that name nothing of the ABAP side."""
    if not routed.another_client:
        return cause.fix
    pattern = _abap_side_pattern(kb)
    return tuple(step for step in cause.fix if not pattern.search(step))


def _abap_side_pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    ids = tuple(sorted(g.id for g in kb.glossary.values() if g.kind in ABAP_SIDE_KINDS))
    return _pattern(ids)


@lru_cache(maxsize=8)
def _pattern(ids: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the ids or words as a whole word, a profile parameter of the same family
    (`ssl/*`, `icm/server_port_<xx>`: the part before the slash), or an ABAP call."""
    families = sorted({i.split("/", 1)[0] for i in ids if "/" in i})
    words = sorted({*(re.escape(i) for i in ids if "/" not in i), *ABAP_SIDE_WORDS})
    alternatives = [
        rf"(?<![\w/])(?:{'|'.join(words)})(?!\w)" if words else "",
        rf"(?<![\w/])(?:{'|'.join(map(re.escape, families))})/" if families else "",
        _ABAP_CALL,
        _SAP_PRODUCT,
    ]
    return re.compile("|".join(f"(?:{a})" for a in alternatives if a))
