"""The one next step of another client's failure, by the stage of the call it failed at.

Why: an answer that says where another client's fix lives ("that client's own trust
store") or what kind of error it is (a client's own network error) without a step left the
reader to work out what to do there. The stage (`check.step` of the first cause the text
shows: name lookup, connection, proxy, TLS handshake, trust, client certificate) says it,
in that client's own terms — no SAP transaction. A scope pointer with its own `next_step`
(Java's PKIX entry, Node's NODE_EXTRA_CA_CERTS …) says it better and goes first
(`scoped.pointer_step_line`); this step is for the answers with none. A client's network error or a database driver's failed connection with
no cause shown is at the connection stage by its kind (`STAGE_OF_FAMILY`).
"""

from __future__ import annotations

import re

from assistant.answers.clientside import first_shown_stage, fix_steps, names_the_abap_side
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

NEXT_STEP = "**Next step:**"
CLIENT_STEP_BY_STAGE = {
    "resolve": ("look the host name up from the machine that client runs on (`nslookup <host>`), then correct it "
                "in that client's configuration or in that machine's DNS or hosts file."),
    "connect": ("from the machine that client runs on, open the same host and port it calls (`curl -v "
                "https://<host>:<port>`); if that fails too, the path is the fix (a firewall rule, or a proxy that "
                "client must be told to use), else that client's own host and port setting."),
    "proxy": ("set the proxy's host, port, user and password in that client's own proxy settings, as the "
              "proxy's administrators give them."),
    "tls": ("compare the TLS versions and cipher suites that client offers, and the host name it sends (SNI), "
            "with what the server accepts; change them in that client's own TLS settings."),
    "chain": ("import the certificate of the CA that issued the server's certificate into that client's own "
              "trust store (not STRUST), then restart that client."),
    "client_cert": ("check the client certificate and key that client is configured with: that the files are "
                    "there, the key belongs to the certificate, and the server trusts its issuer."),
}

# Kinds of another client's failure that name their stage themselves when no cause shows one:
# its own network error, a database driver's connection (intent/scopevocab.py FAMILIES).
STAGE_OF_FAMILY = {"client_network": "connect", "db_client": "connect"}
# SAP's own objects a step names by word, not by id: the destination (SM59's, BTP's), ABAP, SAP.
_SAP_OBJECTS = re.compile(r"\bdestinations?\b|\bABAP\b|\bSAP\b")


def client_step_line(routed: Routed, kb: KnowledgeBase, verdict: list[str]) -> str:
    """"Next step" for another client's failure whose verdict has none: the step of the stage
    the first cause the text shows is seen at. Nothing when no stage before the server's
    answer is shown (the unplaced step says what to read then)."""
    if routed.scope.kind != "other_client" or any(line.startswith(NEXT_STEP) for line in verdict):
        return ""
    shown = first_shown_stage(routed, kb)
    # A stage with no step of ours (the server's answer, "http": a reset, a logon refused, a
    # timeout after connecting) had left the answer with none: the kind's own stage then, as
    # with no stage shown, else the lead cause's first step that applies to that client.
    step = (CLIENT_STEP_BY_STAGE.get(shown) or CLIENT_STEP_BY_STAGE.get(STAGE_OF_FAMILY.get(routed.scope.family or "", ""))
            or (_own_first_step(routed, kb) if shown else ""))
    return f"{NEXT_STEP} {step[:1].upper()}{step[1:]}" if step else ""


def _own_first_step(routed: Routed, kb: KnowledgeBase) -> str:
    """The lead cause's first fix step that applies outside the SAP system, or "" when none
    does: whatever the caller flags say (fix_steps keeps every step for a call they place in
    ABAP), another client's step names nothing of the SAP side — not "check the logon data in
    the destination" for a .NET client."""
    cause = next((kb.causes[c.id] for c in routed.causes if c.id in kb.causes), None)
    steps = fix_steps(cause, routed, kb) if cause is not None else ()
    outside = [s for s in steps if not names_the_abap_side(s, kb) and not _SAP_OBJECTS.search(s)]
    return " ".join(outside[0].split()) if outside else ""
