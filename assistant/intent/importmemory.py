"""What the topic's turns said of the CA import, kept for the turns after it.

"ok imported the root CA, didn't help" is answered with what an import leaves (importdone);
the next turn, "and now?", says nothing of the import — read alone, it would hand the import
back as the lead. So the state keeps that the import was said done on the topic, and which
causes it ruled out (into the PSE the caller uses: callerpse); a follow-up reads them as if
it had said them again. A new topic forgets both (intent.nextstate).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.intent.callerpse import import_stated, ruled_out_by_the_pse
from assistant.intent.importdone import fixed_by_import
from assistant.intent.otherhost import imported_elsewhere

if TYPE_CHECKING:
    from assistant.intent.state import DialogueState
    from assistant.kb.knowledge_base import KnowledgeBase


@dataclass(frozen=True, slots=True)
class ImportMemory:
    """The import as the turn stands: `done` — this turn or an earlier one on the topic said
    it was done; `said_before` — an earlier one did; `ruled` — causes the import ruled out
    (importdone puts them last); `settled` — causes that head no answer (what the import
    fixes, and what it ruled out)."""

    done: bool = False
    said_before: bool = False
    ruled: frozenset[str] = frozenset()
    settled: frozenset[str] = frozenset()


def import_memory(text: str, pse_in_use: str, state: DialogueState, follow_up: bool,
                  kb: KnowledgeBase) -> ImportMemory:
    """The turn's own statement of the import joined with the topic's (on a follow-up only)."""
    said_before = follow_up and state.import_done
    ruled = ruled_out_by_the_pse(text, pse_in_use, kb) | (frozenset(state.ruled_by_import) if follow_up else frozenset())
    # One notion of "the import was done": this turn's statement (in importdone's words or by
    # the PSE it went into: callerpse) for the failing host, or the topic's. Whatever raises it
    # settles what an import fixes — a flag beside a narrower set had let "imported it there"
    # keep the import's own cause as a lead candidate.
    done = said_before or (import_stated(text, pse_in_use, kb) and imported_elsewhere(text) is None)
    settled = (fixed_by_import(kb) if done else frozenset()) | ruled
    return ImportMemory(done, said_before, ruled, settled)


def kept_import_done(state: DialogueState, imports: ImportMemory | None, same_topic: bool) -> bool:
    """What the next state keeps: said done now, or earlier on a topic that goes on."""
    return bool(imports and imports.done) or (state.import_done and same_topic)


def kept_ruled(state: DialogueState, imports: ImportMemory | None, same_topic: bool) -> tuple[str, ...]:
    """The causes ruled out by the import, this turn's and (on a topic that goes on) the earlier ones."""
    return tuple(sorted({*(imports.ruled if imports else ()), *(state.ruled_by_import if same_topic else ())}))
