"""How far the call got, as the text proves it: causes of an earlier step do not lead.

A call goes through steps in order: the name resolved, the TCP connection (to the target or
the proxy), the proxy's CONNECT, the TLS handshake, the HTTP exchange. A text that shows a
later step proves every earlier one worked:

- a TLS handshake named ("SSL handshake with host:443 failed", a ServerHello, a TLS alert in
  any runtime's words (intent.tlsalerts), a SapSSL or dev_icm code about the peer's side of
  the handshake) proves the TCP connection
  was open: the name resolved and nothing refused or timed out the connect;
- a refusal the target's application sent (401, 403) proves the handshake worked too: no
  TLS or certificate cause failed it (a 200 is no failure: in a report of one, it is another
  call's — "the SM59 test gives 200, the program gets an SSL error");
- any status the proxy sent (407 Proxy Authentication Required, a CONNECT refused with 403)
  proves the proxy was reached and is configured.

A cause of a step the text shows as passed is listed after the others, unless the text shows
that cause itself (a code, a sign, its title, a check — not a wrapping code's name:
intent.clearevidence): then two attempts may be reported, and the text's own evidence
stands. Before, `http_communication_failure` beside "SSL handshake failed" led with a refused
connection — the exception's first link, which the handshake rules out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from assistant.intent.clearevidence import shows_the_cause
from assistant.intent.result import NumberReading, ScoredCause
from assistant.intent.tlsalerts import reports_a_tls_alert
from assistant.lazyre import LazyPattern

if TYPE_CHECKING:
    from assistant.intent.entitytypes import Entities
    from assistant.kb.knowledge_base import KnowledgeBase

# The steps a live check confirms a cause at (causes.yaml `check.step`) that belong to the handshake.
HANDSHAKE_STEPS = frozenset({"tls", "chain"})
# A handshake proves the connect: causes that are the name or the TCP connect failing.
CONNECT_CAUSES = frozenset({"dns_failure", "connection_refused", "connect_timeout", "proxy_host_unknown", "proxy_refused"})
# A proxy that answered is reached and configured.
PROXY_REACHED_CAUSES = frozenset({"proxy_host_unknown", "proxy_refused", "proxy_required"})
# The SSL client's own setup, without which no handshake starts (checked inside the SAP system).
LOCAL_TLS_CAUSES = frozenset({"client_pse_missing", "crypto_lib_missing"})
# A target's refusal that is its application's answer, not a page the ICM or a proxy made.
ANSWER_STATUSES = frozenset({401, 403})
HANDSHAKE_CODE_LAYERS = frozenset({"SapSSL", "ICM trace"})

_HANDSHAKE_WORDS = LazyPattern(
    r"\bhandshake\b|\b(?:client|server)\s?hello\b", re.IGNORECASE, literals=("handshake", "hello")
)


class Reached(NamedTuple):
    """The steps the text shows as passed."""

    connected: bool = False  # a handshake was under way
    handshake: bool = False  # the target answered with a status of its application
    proxy: bool = False  # the proxy answered

    def ruled_out(self, kb: KnowledgeBase) -> frozenset[str]:
        """The causes of a step before the furthest one passed."""
        out: set[str] = set()
        if self.connected or self.handshake:
            out |= CONNECT_CAUSES
        if self.handshake:
            out |= LOCAL_TLS_CAUSES | {cid for cid, c in kb.causes.items() if c.check and c.check.step in HANDSHAKE_STEPS}
        if self.proxy:
            out |= PROXY_REACHED_CAUSES
        return frozenset(out)


def steps_reached(text: str, entities: Entities, readings: list[NumberReading], kb: KnowledgeBase) -> Reached:
    """What the text proves the call got past (see the module's docstring)."""
    statuses = [r for r in readings if r.lean == "http" and r.decided]
    return Reached(
        connected=_handshake_named(text, entities, kb),
        handshake=any(r.via == "target" and r.number in ANSWER_STATUSES for r in statuses),
        proxy=any(r.via == "proxy" for r in statuses),
    )


def _handshake_named(text: str, entities: Entities, kb: KnowledgeBase) -> bool:
    """A handshake in words, or a code of the handshake's peer side: a SapSSL or dev_icm code
    whose first cause a check confirms at the handshake (not the local PSE or library)."""
    if _HANDSHAKE_WORDS.search(text) or reports_a_tls_alert(text):
        return True
    for code_id in entities.codes:
        code = kb.codes.get(code_id)
        if code is None or code.layer not in HANDSHAKE_CODE_LAYERS or not code.causes:
            continue
        first = kb.causes.get(code.causes[0])
        if first is not None and first.check and first.check.step in HANDSHAKE_STEPS:
            return True
    return False


def passed_steps_last(causes: list[ScoredCause], reached: Reached, entities: Entities,
                      kb: KnowledgeBase) -> list[ScoredCause]:
    """The ranked causes with those of a step the text shows as passed after the rest,
    unless the text shows the cause itself (intent.clearevidence); the order is otherwise kept."""
    ruled_out = reached.ruled_out(kb)
    if not ruled_out:
        return causes
    late = {c.id for c in causes if c.id in ruled_out and not shows_the_cause(c, entities, kb)}
    if not late or len(late) == len(causes):
        return causes
    return [c for c in causes if c.id not in late] + [c for c in causes if c.id in late]
