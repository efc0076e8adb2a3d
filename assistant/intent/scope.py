"""The scope stage: what kind of failure the text describes, before any message is named.

Kinds (issue 8): `sap_http_client` (the ABAP HTTP client / ICM as client),
`http_status_from_server` (a status the far server sent), `sap_server_inbound` (the SAP
system is the TLS/HTTP server), `rfc_or_network` (RFC, gateway, NI without the HTTP
client), `other_client` (a non-ABAP client with its own trust store) and `unknown`.

Each kind sums the weights of the evidence pointing to it: the cues of scopecues.py
(runtimes, tools, protocol layers) and what the earlier stages found (SCLNT_HTTP ids,
ICM-worded numbers, SapSSL/NI codes of an outbound call, real HTTP statuses and where
they came from, causes in evidence). The kind with the most wins; below `scope_min`
the scope is unknown. Only the SAP HTTP client's scope may lead with an SCLNT_HTTP
message; for every other kind the answer leads with what it is and where its fix lives.
"""

from __future__ import annotations

from collections import defaultdict

from assistant.intent.evidence import CauseEvidence, MessageEvidence
from assistant.intent.parsing import ParsedText
from assistant.intent.result import Scope
from assistant.intent.scopecues import SCOPES, cues_in
from assistant.intent.weights import Weights
from assistant.kb.knowledge_base import KnowledgeBase

SAP = "sap_http_client"
HTTP = "http_status_from_server"
UNDECIDED_SHARE = 0.6  # a status read as HTTP only by base rate (401/403/404) counts less
_CLIENT_LAYERS = ("SapSSL", "NI", "ICM trace", "ABAP exception", "ICF", "get_last_error")


class _Tally:
    """Per kind: the summed weight, and each piece's weight, reason and pointer."""

    def __init__(self) -> None:
        self.scores: defaultdict[str, float] = defaultdict(float)
        self.pieces: defaultdict[str, list[tuple[float, str, str | None]]] = defaultdict(list)

    def add(self, kind: str, weight: float, reason: str, pointer: str | None = None) -> None:
        self.scores[kind] += weight
        self.pieces[kind].append((weight, reason, pointer))

    def why(self, kind: str) -> tuple[str, str | None]:
        """The strongest piece's reason, and the strongest pointer (where the fix lives)."""
        pieces = sorted(self.pieces[kind], key=lambda p: -p[0])
        reason = pieces[0][1] if pieces else ""
        pointer = next((p[2] for p in pieces if p[2]), None)
        return reason, pointer


def decide_scope(
    parsed: ParsedText, messages: MessageEvidence, causes: CauseEvidence, kb: KnowledgeBase, w: Weights
) -> Scope:
    tally = _Tally()
    found = cues_in(parsed.raw)
    families = {cue.name for cue in found}
    # A status a proxy sent is the SAP client's error (416, 426), not the far server's answer.
    from_proxy = any(r.lean == "http" and r.via == "proxy" for r in messages.readings)
    for cue in found:
        if from_proxy and cue.scope == HTTP:
            continue
        tally.add(cue.scope, getattr(w, cue.weight), cue.reason, cue.pointer)
    _evidence_for_the_sap_client(parsed, messages, kb, w, tally)
    _statuses(messages, kb, w, tally)
    elsewhere = any(tally.scores[k] > 0 for k in SCOPES if k != SAP)
    top_cause = max(causes.scores.values(), default=0.0)
    if top_cause > 0 and not elsewhere and "abap_client" not in families:
        tally.add(SAP, w.scope_sap_causes * min(1.0, top_cause / 2.0),
                  "an SAP HTTP-client problem, by the situation described")
    ranked = sorted(((tally.scores[k], -SCOPES.index(k), k) for k in SCOPES[:-1]), reverse=True)
    (best, _, kind), (second, _, _) = ranked[0], ranked[1]
    if best < w.scope_min:
        return Scope("unknown", "nothing in the text says which system or client failed", margin=best, top=best)
    reason, pointer = tally.why(kind)
    return Scope(kind, reason, pointer, _not_message(parsed, kind, kb), best - second, best)


def _evidence_for_the_sap_client(
    parsed: ParsedText, messages: MessageEvidence, kb: KnowledgeBase, w: Weights, tally: _Tally
) -> None:
    entities = parsed.entities
    named = [
        m for m in entities.numbers
        if m.context in ("explicit", "icm", "icm_http_error") and m.message_id
    ]
    if named or entities.icm_constants:
        ident = entities.icm_constants[0] if entities.icm_constants else named[0].message_id
        tally.add(SAP, w.scope_sap_id, f"the text names {ident}, an SAP HTTP-client (ICM) error")
    elif any(r.lean == "icm" and r.decided for r in messages.readings):
        tally.add(SAP, w.scope_sap_id * 0.8, "the number is worded as an ICM error")
    client_codes = [
        c for c in entities.codes
        if c in kb.codes and kb.codes[c].layer in _CLIENT_LAYERS and (kb.codes[c].messages or kb.codes[c].causes)
    ]
    if client_codes:
        tally.add(SAP, w.scope_sap_code, f"{client_codes[0]} comes from the SAP system's outbound call")
    elif entities.unknown_codes and any(u.upper().startswith(("SSSL", "ICM_", "NIE")) for u in entities.unknown_codes):
        tally.add(SAP, w.scope_sap_code * 0.5, "a SapSSL / ICM / NI code")


def _statuses(messages: MessageEvidence, kb: KnowledgeBase, w: Weights, tally: _Tally) -> None:
    """A real status: from a proxy, the SAP client reports it (416, 426); from the far
    server, it is the server's answer; an ICM-made page belongs to the SAP client."""
    for r in messages.readings:
        if r.lean == "icm_page":
            tally.add(SAP, w.scope_sap_id * 0.8, f"{r.number} here is a page the ICM made after a failed call")
        elif r.lean == "http":
            share = 1.0 if r.decided else UNDECIDED_SHARE
            if r.via == "proxy" and r.message and r.message in kb.messages:
                tally.add(SAP, w.scope_sap_id * 0.8 * share, f"HTTP {r.number} reaches the SAP client as {r.message}")
            else:
                tally.add(HTTP, w.scope_http_status * share, f"HTTP {r.number} is the far server's own answer")


def _not_message(parsed: ParsedText, kind: str, kb: KnowledgeBase) -> str | None:
    """The SCLNT_HTTP message a number in the text shares its digits with, when the text
    is not an SAP HTTP-client error."""
    if kind == SAP:
        return None
    for mention in parsed.entities.numbers:
        if mention.message_id and mention.message_id in kb.messages and mention.context != "explicit":
            return mention.message_id
    return None
