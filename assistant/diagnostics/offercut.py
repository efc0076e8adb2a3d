"""A handshake cut for what the ClientHello offers, not for where it goes.

When the verdict handshake and the observation (every version and cipher) are both cut,
while the version probe — one version at a time, on fresh connections to the same port —
completes one of TLS 1.2 or 1.3, the route and the port are fine: the server, or a device
in front of it, refuses by the content of the ClientHello. Which part cannot be told from
here: the versions offered together (intolerance of an offer that includes TLS 1.3), the
cipher list, or the message's size — RFC 7685 (the ClientHello padding extension) exists
because at least one TLS implementation hangs on ClientHello records of 256 to 511 bytes.
The SAP system's ClientHello differs from this check's, so the SM59 test decides.
"""

from __future__ import annotations

from assistant.diagnostics.protocolbreach import breach_detail
from assistant.diagnostics.tls import TlsResult, accepted_versions

OFFER_CUT_STEP = (
    "The server, or a device in front of it (a load balancer, a firewall), cuts the handshake "
    "for what the ClientHello offers: the SAP system's ClientHello differs from this check's, "
    "so run the SM59 connection test to see whether it is cut too. To find the trigger, "
    "compare from the application server's OS `openssl s_client -connect <host>:<port> "
    "-servername <host>` as it is, with `-tls1_2`, with `-tls1_3` and with a short `-cipher` "
    "list, and give the server's owner the form that is cut: the lasting fix is an update or "
    "a setting of that server or device, not STRUST or SM59."
)


def offer_cut(tls: TlsResult, probe: dict[str, str] | None, observation_cut: bool) -> str | None:
    """The TLS step's detail when the cut depends on the ClientHello; None otherwise (a
    sporadic drop lets the observation through; a server cut on every try accepts none)."""
    if tls.kind != "closed" or not observation_cut or not probe:
        return None
    modern = [v for v in accepted_versions(probe) if v in ("TLS 1.2", "TLS 1.3")]
    if not modern:
        return None
    return (f"the server closed or reset the connection on this ClientHello ({tls.error}) and on "
            "the one offering every version and cipher, yet completed a handshake offering "
            f"{' or '.join(modern)} alone (the version probe, same port): it refuses something in "
            "the ClientHello, not the route or the port — the versions offered together, the "
            "cipher list, or the message's size (RFC 7685: some servers hang on ClientHellos of "
            "256 to 511 bytes); SAP trace: SSSLRC_CONN_CLOSED")


def server_side_fault(tls: TlsResult, probe: dict[str, str] | None, retry_groups: tuple[int, ...],
                      observation_cut: bool) -> tuple[str, str] | None:
    """(detail, cause) of a handshake the server ended for what it was sent or sent itself:
    its own messages break TLS (see `protocolbreach`), or it cuts by the ClientHello's
    content. None for every other failure."""
    breach = breach_detail(tls.reason or "", retry_groups)
    if breach is not None:
        versions = accepted_versions(probe) if probe else []
        found = f"; an unverified version probe found the server accepts {', '.join(versions)}" if versions else ""
        return breach + found, "tls_handshake_failed"
    by_offer = offer_cut(tls, probe, observation_cut)
    return (by_offer, "connection_broken") if by_offer is not None else None
