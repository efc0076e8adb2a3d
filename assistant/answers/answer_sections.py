"""The sections several answers share: likely causes, fixes, the live-check command,
sources and how the text was read. Each answer kind (`answers.topic`, `answers.other_scope`)
picks and titles them; one place builds them, so a section's key means the same content
wherever it is shown (the chat skips a key it has shown)."""

from __future__ import annotations

from zlib import crc32

from assistant.answers.clientside import fix_steps, source_fits
from assistant.answers.document import Section
from assistant.answers.pieces import (
    GENERIC_CHECK,
    LIVE_STEPS,
    MAX_SOURCES,
    OTHER_CLIENT_CHECK,
    Entry,
    cause_title,
    check_command,
    full_explanation,
    gist,
    numbered,
    sources_block,
)
from assistant.answers.privateaddress import private_address_note
from assistant.answers.reading_notes import (
    ambiguity_block,
    corrections_note,
    http_reading_notes,
    icm_reading_notes,
    resolved_note,
    return_codes_note,
    unknown_block,
)
from assistant.answers.statednote import stated_note
from assistant.intent.hosts import can_be_called
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Source


def section_key(prefix: str, text: str) -> str:
    """A key for a section whose content depends on this turn's text (a reading note)."""
    return f"{prefix}:{crc32(text.encode('utf-8')):08x}"


def causes_section(
    routed: Routed, kb: KnowledgeBase, main: Entry | None, *, limit: int, detailed: bool, floor: float = 0.0,
    brief: bool = True,
) -> Section | None:
    causes = [kb.causes[c.id] for c in routed.causes if c.id in kb.causes and c.score >= floor][:limit]
    if not causes:
        return None
    title = "Likely causes (most likely first, ranked by what your text says)"
    other = routed.another_client
    # Another client's call: the explanations are the ABAP client's (SICF, SM59, the PSE);
    # only what the base says about other clients is theirs — a different text, a different key.
    key = "causes:" + ",".join(c.id for c in causes) + (":other" if other else "")
    kind = routed.scope.kind
    if detailed:
        blocks = [f"**{i}. {cause_title(c, kind)}** (`{c.id}`)\n\n{c.other_clients.strip()}" if other
                  else f"**{i}. {cause_title(c, kind)}**\n\n{full_explanation(c)}" for i, c in enumerate(causes, 1)]
        return Section(key + ":detailed", title, "\n\n".join(b.strip() for b in blocks))
    lines = []
    confirmed = routed.state.confirmed_cause
    for i, c in enumerate(causes, 1):
        # The entry the answer is about has its explanation above: no paragraph twice.
        summary = "" if main is c or not brief else gist(c.other_clients) if other else " ".join(
            gist(t) for t in (c.explanation, c.other_clients) if t.strip())
        mark = f" — **found by {routed.state.confirmed_by}**" if c.id == confirmed else ""
        mark += private_address_note(c.id, routed) + ("" if c.id == confirmed else stated_note(c.id, routed))
        lines.append(f"{i}. **{cause_title(c, kind)}** (`{c.id}`){mark}" + (f" — {summary}" if summary else ""))
    return Section(key, title, "\n".join(lines))


def fix_sections(routed: Routed, kb: KnowledgeBase, *, n_causes: int) -> list[Section]:
    """The first causes' fixes: for another client's call only the steps that are not the
    ABAP side's (clientside.fix_steps), and no section for a cause with none left."""
    fixes = [(kb.causes[c.id], fix_steps(kb.causes[c.id], routed, kb)) for c in routed.causes if c.id in kb.causes]
    causes = [(c, steps) for c, steps in fixes if steps]
    if not causes:
        return []
    confirmed = routed.state.confirmed_cause
    if confirmed and causes[0][0].id == confirmed:
        # A live check (or the system's own trace) found this cause: its fix is the answer.
        c, steps = causes[0]
        found = f"How to fix it — {routed.state.confirmed_by} found: {cause_title(c, routed.scope.kind)}"
        return [Section(f"fix:{c.id}:found", found, numbered(steps))]
    return [Section(f"fix:{c.id}", f"How to fix it — if: {cause_title(c, routed.scope.kind)}", numbered(steps))
            for c, steps in causes[:n_causes]]


def _network_topic(routed: Routed, kb: KnowledgeBase) -> bool:
    """The likely causes are ones a live check can see (a connection or TLS problem)."""
    for c in routed.causes[:3]:
        cause = kb.causes.get(c.id)
        if cause and cause.check and cause.check.step in LIVE_STEPS:
            return True
    return False


def check_section(routed: Routed, kb: KnowledgeBase, *, for_chat: bool) -> Section | None:
    """The command that confirms it live, only when it helps; the chat offers checks itself."""
    if for_chat:
        return None
    target = routed.check_target
    proxy = routed.entities.proxy_url or routed.state.proxy_url
    if target and can_be_called(target):  # never a single-label or example name
        return Section(f"check:{target}", "Confirm it live", f"Run {check_command(target, proxy)}.")
    if not _network_topic(routed, kb):
        return None
    key, how = ("check:generic:other", OTHER_CLIENT_CHECK) if routed.another_client else ("check:generic", GENERIC_CHECK)
    return Section(key, "Confirm it live", f"{how[0].upper()}{how[1:]}.")


def sources_section(
    routed: Routed, kb: KnowledgeBase, main: Entry | None, *, n_causes: int = 2, limit: int = MAX_SOURCES,
) -> Section | None:
    """The sources of what the answer explains: the entry it is about and its first
    `n_causes` causes, at most `limit` of them."""
    sources: list[Source] = list(main.sources) if main is not None else []
    for c in routed.causes[:n_causes]:
        cause = kb.causes.get(c.id)
        if cause:
            sources.extend(cause.sources)
    block = sources_block((s for s in sources if source_fits(s, routed)), limit=limit)
    if not block:
        return None
    return Section(f"sources:{main.id if main is not None else 'topic'}", "Sources", block.split("\n\n", 1)[1])


def reading_section(
    routed: Routed, kb: KnowledgeBase, *, paste_with_topic: bool, not_said: frozenset[str] = frozenset(),
) -> Section | None:
    """How the text was read: typo readings, completed names, unknown ids, the readings of
    numbers. In a pasted trace that named known entries, typo readings and unknown names
    are side notes and go to the end instead. `not_said`: the message the verdict already
    says a number is not (reading_notes.http_reading_notes)."""
    parts = [] if paste_with_topic else [corrections_note(routed)]
    parts += [resolved_note(routed), return_codes_note(routed, kb)]
    if not paste_with_topic:
        parts.append(unknown_block(routed, kb))
    parts += [http_reading_notes(routed, kb, not_said=not_said), ambiguity_block(routed, kb), icm_reading_notes(routed)]
    text = "\n\n".join(p.strip() for p in parts if p and p.strip())
    return Section(section_key("reading", text), "How your text was read", text) if text else None
