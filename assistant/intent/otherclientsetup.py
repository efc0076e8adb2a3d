"""A set-up question of another client: "how do I call an HTTP endpoint from Java?".

It asks how to make a call (setupquestion.asks_for_the_set_up: only the call's scheme, a
verb of calling) that the scope stage places in another client (a Java program, Node.js,
.NET …). The SAP set-up path is not its answer — SM59, STRUST and the ICM do not take part
in that client's call — and neither is "none of its words is in the knowledge base". Its
answer says that the client's set-up is its own (its trust store, its proxy, its code), that
sapassist covers the SAP side, and points to the base's entries for that client: the term
entries whose title names it as their product ("Java: \"PKIX path building failed\" …").
"""

from __future__ import annotations

import re

from assistant.intent.result import Scope
from assistant.intent.scopecues import cues_in
from assistant.intent.scopevocab_types import OTHER
from assistant.kb.knowledge_base import KnowledgeBase

OTHER_CLIENT = "other_client"
OTHER_SETUP_REASON = "another client's set-up: its own, not the SAP system's HTTP client"
# Where a term entry's title turns from its product to its subject (as howtosubject reads it).
_PRODUCT_PART = re.compile(r" — |: ")


def other_client_scope(scope: Scope) -> Scope:
    """The scope of another client's set-up question, its reason kept after ours."""
    return Scope(OTHER_CLIENT, f"{OTHER_SETUP_REASON} ({scope.reason})")


def is_other_client_setup(scope: Scope) -> bool:
    """The scope of another client's set-up question (other_client_scope)."""
    return scope.kind == OTHER_CLIENT and scope.reason.startswith(OTHER_SETUP_REASON)


def client_entries(text: str, scope: Scope, kb: KnowledgeBase) -> list[str]:
    """'g:ID' keys of the term entries whose title's product the text names and that is the
    client the scope stage saw (its reason names it: "a Java client") or a cue of another
    client in the scope vocabulary (the Cloud Connector), in the base's order."""
    lowered, seen = text.lower(), scope.reason.lower()
    keys = []
    for entry in kb.glossary.values():
        parts = _PRODUCT_PART.split(entry.title, maxsplit=1)
        if entry.kind != "term" or len(parts) < 2:
            continue
        product = parts[0].strip()
        name = re.compile(rf"(?<![\w.]){re.escape(product.lower())}(?![\w])")
        if name.search(lowered) and (name.search(seen) or any(hit.scope == OTHER for hit in cues_in(product))):
            keys.append(f"g:{entry.id}")
    return keys
