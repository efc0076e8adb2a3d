"""Which of the base's causes can be behind a kind of failure at all, and the ranked causes
with those first.

The base's causes are written for the SAP HTTP client; another kind of failure passes only
some of its steps. Each cause names the live-check step that sees it (`check.step`): a server's
status is seen by the step that reads the answer (`http`); another client (Java, Node, .NET …)
has none of the SAP system's own parts (step `none`: PSE, crypto library, ICM); an RFC / NI
connection opens TCP and logs on, passing no HTTP proxy, TLS handshake, chain or client
certificate of the HTTP client; a call *to* the SAP system shares with the SAP client what
holds for any server and its callers, not the causes of its own outbound call (its proxy,
its client side, its destinations). The answers list only these (answers.scoped); the
ranking puts them first, so the causes a kind's answer reads are its own layer's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.intent.clearevidence import shows_the_cause
from assistant.intent.result import ScoredCause

if TYPE_CHECKING:
    from assistant.intent.entitytypes import Entities
    from assistant.intent.result import NumberReading, Scope
    from assistant.kb.knowledge_base import KnowledgeBase

ANSWER_STEP = "http"
SAP_OWN_STEP = "none"
PROXY_STEP = "proxy"
SAP_CLIENT = "sap_http_client"
# An RFC / NI connection opens TCP and logs on (SNC is its own layer): it passes no HTTP
# proxy, no TLS handshake, no certificate chain and no client certificate of the HTTP client.
RFC_PATH_STEPS = ("resolve", "connect", ANSWER_STEP, SAP_OWN_STEP)
# A call *to* the SAP system shares with the SAP client's causes what holds for any server
# and its callers (the server's certificate, TLS versions, the ICM, the HTTP answer) — not
# the causes whose title places them in the SAP system's own outbound call: its client
# side (SSL client PSE, client certificate, "SAP client"), its destinations, its proxy.
# A server the caller meets only through its own HTTPS UI (the Cloud Connector's administration
# UI, a Java server: its TLS versions and ciphers are its JVM's, its UI certificate is
# self-signed until replaced — glossary CLOUD_CONNECTOR_UI_CERTIFICATE). A browser that got no
# page from it failed that server's TLS, whatever else the text's words meet.
SERVER_TLS_FAMILIES = frozenset({"cc_admin"})
SERVER_TLS_CAUSES = ("tls_version_or_cipher_mismatch", "server_cert_self_signed", "server_cert_untrusted")
# An RFC / NI connection passes no ICM and makes no HTTP exchange: a cause whose title places
# it in the ICM, the HTTP client or the HTTP request and its answer is not the RFC layer's
# own, whatever its check step ("ICM out of resources", "ICM has no HTTPS set up", "Server did
# not answer within the timeout" — the ICM's processing timeout; "HTTP destination (S_ICF)").
# What it shares with an RFC connection stays: the logon, a broken connection, the crypto
# library (SNC uses it too), one application server that differs.
_ICM_OR_HTTP_EXCHANGE = re.compile(r"\b(?:ICM|HTTP|SSL client|saphttp|answer(?:ed|s)?|redirect\w*|request)\b", re.I)
_OUTBOUND_SETUP = re.compile(r"\b(?:client|destination|proxy|the call|SAP application server|saphttp)\b", re.I)


def cause_can_be_behind(cause_id: str, kind: str, kb: KnowledgeBase) -> bool:
    """Whether the cause can be behind this kind of failure at all, by the live-check step
    that sees it (the chat's topic bar asks too: it names no cause the answer left out)."""
    cause = kb.causes.get(cause_id)
    step = cause.check.step if cause is not None and cause.check is not None else SAP_OWN_STEP
    if kind == "http_status_from_server":
        return step == ANSWER_STEP
    if kind == "other_client":
        return step != SAP_OWN_STEP
    if kind == "rfc_or_network":
        return step in RFC_PATH_STEPS and cause is not None and not _ICM_OR_HTTP_EXCHANGE.search(cause.title)
    if kind == "sap_server_inbound":
        return step != PROXY_STEP and cause is not None and not _OUTBOUND_SETUP.search(cause.title)
    return True


def own_layer_first(causes: list[ScoredCause], kind: str, kb: KnowledgeBase) -> list[ScoredCause]:
    """The ranked causes with those that can be behind `kind` first, each group in its order
    (the SAP client's and an unknown kind's are all its own: unchanged)."""
    if kind in (SAP_CLIENT, "unknown"):
        return causes
    own = [c for c in causes if cause_can_be_behind(c.id, kind, kb)]
    return [*own, *[c for c in causes if c not in own]]


def server_tls_first(causes: list[ScoredCause], scope: Scope, readings: list[NumberReading],
                     entities: Entities, kb: KnowledgeBase) -> list[ScoredCause]:
    """For a server met only through its HTTPS UI (SERVER_TLS_FAMILIES) that gave no answer
    (no status read) and a text that shows no cause of its own among the first: that
    server's TLS causes lead, at the first cause's score, in the base's order of them."""
    if scope.family not in SERVER_TLS_FAMILIES or any(r.lean == "http" for r in readings):
        return causes
    if any(shows_the_cause(c, entities, kb) for c in causes[:len(SERVER_TLS_CAUSES)]):
        return causes
    ranked = {c.id: c for c in causes}
    top = causes[0].score if causes else 0.0
    lead = [ranked.get(cid) or ScoredCause(cid, top, "scope") for cid in SERVER_TLS_CAUSES if cid in kb.causes]
    return [*lead, *[c for c in causes if c.id not in SERVER_TLS_CAUSES]]


def listed_causes(causes: list[ScoredCause], kind: str, readings: list[NumberReading], kb: KnowledgeBase,
                  *, confirmed: str | None = None) -> list[ScoredCause]:
    """The causes an answer of this kind lists — the one place that decides it: the answer
    (answers.scoped `causes_that_fit`) lists these, and they become the topic's causes, so
    neither the topic bar nor a follow-up brings back a cause the answer left out.

    The SAP client: all of them. Beside another kind, a cause met only by words the text
    shares with its long explanation (`ScoredCause.keyword_only`) is noise: an unknown kind
    lists those the text shows; the others those the text shows that can be behind that kind
    (`cause_can_be_behind`), a cause a status reading names, and one a check or trace found
    (`confirmed`). A message the scope sets aside lends none (router `_not_lenders`)."""
    if kind == SAP_CLIENT:
        return list(causes)
    if kind == "unknown":
        # Which system failed is open: a cause is listed for the SAP client's case only when
        # the text shows it — not "TCP connection could not be opened in time" for a report
        # whose only link to it is the word "connection".
        return [c for c in causes if not c.keyword_only]
    named = {r.cause for r in readings if r.cause}
    return [c for c in causes if c.id in named or c.id == confirmed
            or (not c.keyword_only and cause_can_be_behind(c.id, kind, kb))]
