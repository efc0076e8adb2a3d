""""Who has to fix it, us or them?": whose side the topic's fix is on, in one or two lines.

Read off what the router decided, never guessed anew: for the SAP client's call, the lead
cause's fix steps say who does them — a step in an SAP transaction or profile parameter is
the SAP Basis team's, a step for "the server's administrator" the far server's owner's, one
for "the network team" or the firewall the network's. The first step that says decides,
and another side a later step names is said after it ("the server's admin can send the full
chain" beside "import it into STRUST"). A far server's status is that server's to explain;
another client's failure is fixed where that client keeps its settings.
"""

from __future__ import annotations

import re

from assistant.answers.pieces import cause_title
from assistant.answers.verdict import short_step, top_cause
from assistant.intent.result import Routed
from assistant.intent.scope import HTTP, SAP
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause

BASIS, SERVER, NETWORK = "basis", "server", "network"
SIDE_NAMES = {
    BASIS: "the SAP side — the Basis team (`STRUST`, `SM59`, `SMICM`, the profile)",
    SERVER: "the far server's owner (its certificate, chain, TLS settings or answer)",
    NETWORK: "the network or proxy team",
}
# Who fixes another kind of failure, by the kind: another client is fixed in its own settings;
# the SAP system as the server in that system (the caller's settings did their part); RFC and
# the network where the pointer says (the gateway's lists and UCON are the called system's).
OTHER_SIDES = {
    "other_client": "whoever runs the client that made the call{where} — its settings hold the fix, not the SAP "
                    "system's.",
    "sap_server_inbound": "the administrators of the SAP system that was called{where} — it is the server that "
                          "refused or failed, so the fix is there, not in the caller's settings.",
    "rfc_or_network": "whoever runs the side where the fix lives{where} — not the SAP system's HTTP-client "
                      "settings (STRUST's client PSEs, SM59's HTTP destinations).",
}
# Who a fix step is for, by its own words; first match wins (a step that asks the network
# team for the proxy host is the network's, though the proxy is set in SM59 later).
_STEP_SIDES = (
    (NETWORK, re.compile(r"network team|firewall (?:team|admin)|ask (?:the )?network", re.IGNORECASE)),
    (SERVER, re.compile(r"server'?s (?:administrator|admin|owner|operator)|ask the (?:server|partner|provider)"
                        r"|the server must|tell the server", re.IGNORECASE)),
    (BASIS, re.compile(r"`(?:STRUST|SM59|SMICM|RZ10|RZ11|SICF|SOAMANAGER|SE38|ST22|SMGW)`|`(?:ssl|icm)/")),
)


def who_fixes_line(routed: Routed, kb: KnowledgeBase) -> str:
    """The verdict line that answers "who has to fix it?" for the topic ("" with no topic)."""
    kind = routed.scope.kind
    if kind == HTTP:
        return ("**Who fixes it:** the far server's owner first — it answered the call with a status, so the "
                "connection worked; its reason says whether the request (URL, logon, method) must change on your side.")
    if kind not in (SAP, "unknown"):
        entry = kb.glossary.get(routed.scope.pointer or "")
        where = f" ({entry.title})" if entry is not None else ""
        return f"**Who fixes it:** {OTHER_SIDES.get(kind, OTHER_SIDES['other_client']).format(where=where)}"
    cause = top_cause(routed, kb)
    if cause is None:
        return ""
    sides = _sides(cause)
    if not sides:
        return ""
    (first, step), *rest = sides
    line = (f"**Who fixes it:** {SIDE_NAMES[first]}: the likely cause, {_lower(cause_title(cause, kind))}, "
            f"is fixed there — {_lower(short_step(step, 160))}")
    other = next(((s, st) for s, st in rest if s != first), None)
    if other is not None:
        name = SIDE_NAMES[other[0]]
        line += f"\n\n{name[:1].upper()}{name[1:]} has a part too: {_lower(short_step(other[1], 160))}"
    return line


def _sides(cause: Cause) -> list[tuple[str, str]]:
    out = []
    for step in cause.fix:
        side = next((s for s, pattern in _STEP_SIDES if pattern.search(step)), None)
        if side is not None:
            out.append((side, step))
    return out


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
