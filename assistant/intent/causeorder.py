"""The ranked causes in the order the answer reads them: the ranking's order, moved only by
what the text says of the situation (each rule in its own module, applied here in order)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.intent.importdone import import_done_first
from assistant.intent.importmemory import ImportMemory
from assistant.intent.layercauses import own_layer_first, server_tls_first
from assistant.intent.lead import evidence_first
from assistant.intent.pendingchange import pending_change_first
from assistant.intent.privatehost import proxy_not_first_for_a_private_target
from assistant.intent.stagereached import passed_steps_last, steps_reached
from assistant.intent.statedcauses import denied_causes_last
from assistant.intent.subject import Subject, subject_first

if TYPE_CHECKING:
    from assistant.intent.parsing import ParsedText
    from assistant.intent.result import NumberReading, Scope, ScoredCause
    from assistant.kb.knowledge_base import KnowledgeBase


def causes_as_read(causes: list[ScoredCause], subject: Subject | None, parsed: ParsedText,
                   readings: list[NumberReading], kb: KnowledgeBase, scope: Scope,
                   imports: ImportMemory | None = None) -> list[ScoredCause]:
    """The causes of the kind of failure's own layer first (layercauses: an RFC connection
    passes no HTTP proxy; a server met only through its HTTPS UI that gave no answer leads
    with its TLS); none of a step the text shows as passed first (stagereached); a
    follow-up's subject first; none the admin says is not the trouble first (statedcauses);
    a change said made and not yet in force puts the setting not active first (pendingchange);
    for a call to a private address no missing proxy first; after
    an import said done, what remains first — but never a cause the import ruled out by going
    into the PSE the caller is known to use (`imports.ruled`, callerpse; kept for the topic's
    later turns: importmemory), which is not listed at all (`_without`); and last, a cause met only by words shared with
    its long explanation after those with evidence of their own (lead.evidence_first) — the
    order the answer states them in, so its lead and its list, ask --json and the topic kept
    for the next turn name the same first cause."""
    causes = server_tls_first(own_layer_first(causes, scope.kind, kb), scope, readings, parsed.entities, kb)
    causes = passed_steps_last(causes, steps_reached(parsed.raw, parsed.entities, readings, kb), parsed.entities, kb)
    causes = denied_causes_last(causes, parsed.raw, parsed.entities, kb)
    causes = pending_change_first(causes, parsed.raw)
    causes = proxy_not_first_for_a_private_target(subject_first(causes, subject), parsed.entities)
    imports = imports or ImportMemory()
    ruled, before = imports.ruled, imports.said_before
    return _without(evidence_first(import_done_first(_last(causes, ruled), parsed.raw, kb, ruled, before, parsed.entities)), ruled)


def _without(causes: list[ScoredCause], ruled_out: frozenset[str]) -> list[ScoredCause]:
    """`causes` without those ruled out: said last, they were still listed as likely — on a
    follow-up the topic's few causes are all there is, so "imported into a different PSE" came
    third after the import into the very PSE abapGit uses. All of them when nothing else is left."""
    kept = [c for c in causes if c.id not in ruled_out]
    return kept or _last(causes, ruled_out)


def _last(causes: list[ScoredCause], ruled_out: frozenset[str]) -> list[ScoredCause]:
    """`causes` with those ruled out after the others, each part in its order."""
    return [*(c for c in causes if c.id not in ruled_out), *(c for c in causes if c.id in ruled_out)]
