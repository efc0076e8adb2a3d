"""A far server's status, said for the caller: what the number means and whose side
fixes it, and the specific cause the text shows behind it.

"The server answered with an HTTP status" is true of every 4xx and 5xx and says nothing
about what to do: a 401 is the caller's logon, a 403 the server's authorizations (or its
CSRF check), a 502 the server behind a gateway. The base's entry `HTTP_ERROR_STATUSES`
says that per status, one bullet each ("403: …", as `SAP_SERVER_HTTP_LOGS` does for the
SAP system as server); the verdict quotes the bullet of the status the text reports.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answers.inbound import status_bullets
from assistant.answers.pieces import SHOWN_BY_THE_TEXT
from assistant.intent.httpstatus import HTTP_REASONS
from assistant.intent.lead import Lead
from assistant.intent.result import Routed, ScoredCause
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause

STATUS_MEANINGS = "HTTP_ERROR_STATUSES"
HTTP_SCOPE = "http_status_from_server"
FIRST_ERROR_STATUS = 400


def server_statuses(routed: Routed) -> list[int]:
    """The error statuses the far server (not a proxy on the way) answered with, in order."""
    by_proxy = {r.number for r in routed.readings if r.lean == "http" and r.via == "proxy"}
    return [s for s in routed.http_statuses if s >= FIRST_ERROR_STATUS and s not in by_proxy]


def status_meaning_line(routed: Routed, kb: KnowledgeBase) -> str:
    """"What HTTP 403 Forbidden means: …" for the first reported status the entry has a
    bullet for; "" for another kind of failure, no status, or none the entry covers."""
    entry = kb.glossary.get(STATUS_MEANINGS)
    if routed.scope.kind != HTTP_SCOPE or entry is None:
        return ""
    bullets = status_bullets(entry.text)
    for status in server_statuses(routed):
        bullet = next((b for b in bullets if status in b.statuses), None)
        if bullet is not None:
            reason = HTTP_REASONS.get(status)
            name = f"HTTP {status} {reason}" if reason else f"HTTP {status}"
            return f"**What {name} means:** {bullet.text}"
    return ""


def specific_cause_first(routed: Routed, kb: KnowledgeBase) -> Routed:
    """A far server's status leads its causes with the general one ("the server answered
    with an HTTP error status"), which only repeats the headline. When the text shows a
    cause of its own behind the status — the signs of a refused CSRF token — and that
    cause fits the status reported (its own text names it, or no status is given), that
    cause leads instead: its title is the likely cause, its fix the next step."""
    causes = routed.causes
    if routed.scope.kind != HTTP_SCOPE or not causes or causes[0].id != HTTP_SCOPE:
        return routed
    statuses = server_statuses(routed)
    shown = next((c for c in causes[1:] if _shown_for(c, statuses, kb)), None)
    if shown is None:
        return routed
    rest = [c for c in causes if c is not shown]
    return replace(routed, causes=[shown, *rest], lead=Lead("cause", shown.id))


def _shown_for(scored: ScoredCause, statuses: list[int], kb: KnowledgeBase) -> bool:
    cause = kb.causes.get(scored.id)
    return cause is not None and scored.evidence in SHOWN_BY_THE_TEXT and (
        not statuses or any(_names_status(cause, s) for s in statuses))


def _names_status(cause: Cause, status: int) -> bool:
    """The cause's explanation or one of its signs names the status as a number."""
    words = " ".join((cause.explanation, *cause.signs)).replace("(", " ").replace(")", " ").split()
    return str(status) in words
