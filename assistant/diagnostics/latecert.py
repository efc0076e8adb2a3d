"""A client certificate asked for only after the request: per-path client authentication.

A server can leave the handshake without a certificate request and ask for one once it
has read the request and knows the path wants one — by renegotiation in TLS 1.2 (IIS and
Apache do so for one folder or location) or by post-handshake authentication in TLS 1.3
(RFC 8446 4.6.2, only of a client that offered it). The observation then rightly sees no
request in the handshake, and what fails is the HTTP exchange: a 403, or an alert while
the answer is read. Without this step the check said "the server does not ask for a client
certificate" and blamed the user or role for the 403.

The request is recorded on the verdict connection only (its server was verified), so a
certificate the user gave goes, as ever, only to a verified server.
"""

from __future__ import annotations

import socket
from dataclasses import replace

from assistant.diagnostics.deadline import Deadline
from assistant.diagnostics.http import HttpResult, http_get
from assistant.diagnostics.model import Finding
from assistant.diagnostics.observe import Recorder
from assistant.diagnostics.tls import recording

HOW = {
    "renegotiation": "by a TLS 1.2 renegotiation after the request",
    "post-handshake": "by TLS 1.3 post-handshake authentication after the request",
}


def exchange_watching(sock: socket.socket, request: bytes, deadline: Deadline, hook: Recorder | None,
                      version_label: str) -> HttpResult:
    """`http_get`, noting a certificate request the server makes while it answers."""
    watch = hook if hook is not None else Recorder()
    before = len(watch.cert_requests)
    with recording(watch):
        res = http_get(sock, request, deadline)
    if len(watch.cert_requests) > before:
        res.late_cert_request = "post-handshake" if version_label == "TLS 1.3" else "renegotiation"
    return res


def _refused(http: HttpResult) -> bool:
    """The exchange failed after the late request: an alert, a break or an error status."""
    return http.kind in ("client_cert", "broken") or (http.status or 0) >= 400


def late_client_cert(client_cert: Finding, http: HttpResult | None, *, presented: bool) -> Finding:
    """Step 7 told with the late request: the handshake asked for none, the path does."""
    if http is None or http.late_cert_request is None or client_cert.status == "fail":
        return client_cert
    how = HOW[http.late_cert_request]
    data = {**client_cert.data, "requested": True, "requested_after_request": http.late_cert_request}
    if presented:
        verdict = ("refused ours" if _refused(http) else "accepted ours")
        return replace(client_cert, status="fail" if _refused(http) else "ok", data=data,
                       cause="client_cert_rejected" if _refused(http) else None,
                       detail=f"the handshake asked for none, but the server asked for a client "
                              f"certificate {how} and {verdict}")
    if not _refused(http):
        return replace(client_cert, data=data,
                       detail=f"the handshake asked for none; the server asked for a client certificate "
                              f"{how} and went on without one (optional for this path)")
    return replace(client_cert, status="fail", cause="client_cert_required", data=data,
                   detail=f"the handshake asked for none, but the server asked for a client certificate "
                          f"{how} and refused the request without one")


def late_request_step(how: str, *, presented: bool) -> str:
    """The next step for a path that wants a client certificate only after the request."""
    first = (
        "The server asked for a client certificate only after it had read the request "
        f"({how.removeprefix('by ').removesuffix(' after the request')}): the path wants one, "
        "though the handshake does not ask — a per-path client certificate. ")
    if presented:
        first += ("It refused the one given: the SSL client PSE of the destination needs a "
                  "certificate from a CA the server trusts (ask its owner which). ")
    else:
        first += ("Give the SM59 destination an SSL client PSE with an own certificate the server "
                  "accepts (SM59 → Logon & Security: DFAULT or an individual PSE, not ANONYM) and have "
                  "its CA trusted on the server. ")
    return first + (
        "Whether the SAP system answers a certificate request that comes after the handshake is "
        "not known here: if the connection test still fails with a certificate in the PSE, ask the "
        "server's owner to ask for the certificate in the handshake for this host.")


def late_request_http(found: Finding, http: HttpResult | None, *, presented: bool) -> None:
    """Step 8 when the refusal followed a late certificate request: the certificate is the
    cause, not the user, the role or the network."""
    if http is None or http.late_cert_request is None or not _refused(http):
        return
    how = HOW[http.late_cert_request]
    found.status = "fail"
    found.cause = "client_cert_rejected" if presented else "client_cert_required"
    if (http.status or 0) >= 400:
        found.sclnt_http = None  # the server's status comes back to the program, no ICM code
    found.detail = (found.detail.replace(" (the server's own answer, not an ICM error)", "")
                    .replace(" — the server refuses this user or client", "")
                    + f" — the server had asked for a client certificate {how}"
                    + (" and refused ours" if presented else ", and none was sent"))
    found.data["next_step"] = late_request_step(how, presented=presented)
