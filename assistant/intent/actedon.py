"""A follow-up that says the confirmed cause's import was done: the confirmation was acted on.

After a live check (or a pasted trace) found a cause whose fix is importing CA certificates
("Server uses a self-signed certificate: import … into the SSL client PSE"), the admin's
next turn is often "done, imported it in ANONYM — still fails". The finding has then been
acted on: leading with it again hands back the very step just done, and so would every later
"and now?" or "how do I fix it?", since a confirmed cause leads every follow-up. Such a turn
releases the confirmation, so the causes that remain after an import (intent.importdone:
another PSE than the call uses, the ICM still on the old one, another chain reaching the SAP
system) lead — in this answer and in the next ones, through the topic's cause order.

Structural, no new wording: the statement is importdone's, the causes it concerns are the
base's own `after_import` marks. Only its object may be a pronoun here ("imported it",
"added them"): after an answer that named the certificates to import, that is what it means.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.intent.importdone import FIXED, says_import_done
from assistant.intent.otherhost import imported_elsewhere
from assistant.intent.resolution import without_resolutions
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.intent.state import DialogueState
    from assistant.kb.knowledge_base import KnowledgeBase

# importdone's verbs with a pronoun for their object: read as the certificates named before.
_PRONOUN_OBJECT = LazyPattern(r"\b(imported|added|uploaded|installed)\s+(?:it|them|this|that)\b", re.IGNORECASE,
                              literals=("imported", "added", "uploaded", "installed"))


def released_when_acted_on(state: DialogueState, text: str, kb: KnowledgeBase) -> DialogueState:
    """`state` without its confirmed cause when `text` says that cause's import was done
    (for the failing host, not solved by it); else `state` unchanged."""
    cause = kb.causes.get(state.confirmed_cause or "")
    if cause is None or cause.after_import != FIXED:
        return state
    said = _PRONOUN_OBJECT.sub(r"\1 the certificates", without_resolutions(text))
    if not says_import_done(said) or imported_elsewhere(text) is not None:
        return state
    return state.with_confirmed_cause(None)
