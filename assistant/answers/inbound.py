"""The next step when the SAP system is the server and answered a caller with a status.

A 401, 403 or 500 that a call *to* the SAP system got was decided there, and the SAP side
keeps why: the Security Audit Log, the service's node in SICF, a short dump, the ICF
Recorder, the ICM's HTTP log. The base's entry `SAP_SERVER_HTTP_LOGS` says which place
shows what, one bullet per status ("401: …", "Any status: …"); the answer's next step is
the bullet for the status the text reports, and the entry follows whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answers.document import Section
from assistant.answers.pieces import sources_block
from assistant.answers.verdict import short_step
from assistant.intent.result import Routed
from assistant.intent.scopevocab import NOT_ABAP_SERVERS
from assistant.kb.knowledge_base import KnowledgeBase

SERVER_LOGS = "SAP_SERVER_HTTP_LOGS"
INBOUND = "sap_server_inbound"
# A bullet led by the statuses it is for ("401:", "403/404:") or by "Any status:".
_LED = re.compile(r"^((?:[1-5]\d\d/)*[1-5]\d\d|Any status):\s*")
FIRST_ERROR_STATUS = 400


@dataclass(frozen=True)
class StatusBullet:
    """One bullet of the entry: the statuses it is for (empty: any status) and its text."""

    statuses: frozenset[int]
    text: str


def status_bullets(text: str) -> list[StatusBullet]:
    """The entry's bullets that are led by statuses, in order (a bullet's wrapped lines joined)."""
    bullets: list[str] = []
    for line in text.splitlines():
        if line.startswith("- "):
            bullets.append(line[2:].strip())
        elif bullets and line.startswith("  ") and line.strip():
            bullets[-1] += " " + line.strip()
        elif not line.strip() and bullets:
            bullets.append("")  # a blank line ends the bullet before it
    out = []
    for bullet in filter(None, bullets):
        led = _LED.match(bullet)
        if led is None:
            continue
        statuses = frozenset() if led.group(1) == "Any status" else frozenset(map(int, led.group(1).split("/")))
        out.append(StatusBullet(statuses, bullet[led.end():]))
    return out


def answered_statuses(routed: Routed) -> list[int]:
    """The error statuses the text reports the SAP system answered with, when it is the server."""
    if routed.scope.kind != INBOUND or routed.scope.family in NOT_ABAP_SERVERS:
        return []  # a server that is no ABAP system keeps its reasons elsewhere (the scope says where)
    return [s for s in routed.call_statuses if s >= FIRST_ERROR_STATUS]


def inbound_step_line(routed: Routed, kb: KnowledgeBase) -> str:
    """"Next step": where the SAP side shows why it answered with the reported status —
    that status's bullet, else the bullet for any status; nothing without a status."""
    statuses = answered_statuses(routed)
    entry = kb.glossary.get(SERVER_LOGS)
    if not statuses or entry is None:
        return ""
    bullets = status_bullets(entry.text)
    chosen = next((b for s in statuses for b in bullets if s in b.statuses), None)
    chosen = chosen or next((b for b in bullets if not b.statuses), None)
    if chosen is None:
        return ""
    step = short_step(chosen.text)
    return f"**Next step:** {step[:1].upper()}{step[1:]}"


def inbound_logs_section(routed: Routed, kb: KnowledgeBase) -> Section | None:
    """The whole entry (every place and status), with its sources, under the next step."""
    entry = kb.glossary.get(SERVER_LOGS)
    if entry is None or not answered_statuses(routed):
        return None
    body = entry.text.strip()
    sources = sources_block(entry.sources)
    if sources:
        body += "\n\n" + sources
    return Section(f"glossary:{entry.id}", entry.title, body)
