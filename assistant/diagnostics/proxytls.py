"""A proxy port that speaks TLS, given as a plain HTTP proxy.

SM59's HTTP Proxy Options and SICF's proxy settings hold the proxy as host and port, and
the CONNECT goes to it in plain HTTP. When that port is a TLS port (an HTTPS proxy
listener, or a web server entered as the proxy by mistake), the plain CONNECT meets a TLS
server, which closes without an HTTP answer — and a proxy that closes looks like one that
refuses the tunnel. One unverified ClientHello to the same address tells them apart: it
carries nothing but the handshake (no request, no client certificate) and is closed at
once.
"""

from __future__ import annotations

from assistant.diagnostics.connect import connect_one
from assistant.diagnostics.deadline import Deadline
from assistant.diagnostics.resolve import Address
from assistant.diagnostics.tls import handshake, unverified_probe_context
from assistant.textsafe import escape_control

PROBE_CAP_S = 2.0
# Handshake outcomes only a TLS server produces (an alert, a version or cipher verdict):
# a close, a timeout or bytes that are no TLS say nothing about TLS on the port.
TLS_ANSWERS = frozenset({"mismatch", "client_cert", "handshake_failure", "other"})


def tls_on_port(address: Address | None, deadline: Deadline) -> str | None:
    """What the port at `address` says to a ClientHello: the subject of the certificate it
    sends (shown escaped: untrusted text), "a TLS alert" when it answers TLS with one, None
    when it does not speak TLS (or there was no time to ask)."""
    if address is None or deadline.expired():
        return None
    step = deadline.sub(PROBE_CAP_S)
    try:
        sock = connect_one(address, step.timeout(), step.sockets)
    except OSError:
        return None
    res = handshake(sock, unverified_probe_context(), None, step)
    if res.sock is not None:
        step.sockets.close(res.sock)
        res.sock = None
    if res.ok:
        from assistant.diagnostics.certinfo import der_subject

        return escape_control(der_subject(res.leaf_der)) if res.leaf_der else "no certificate"
    if res.kind in TLS_ANSWERS and res.reason:
        return f"the TLS alert {res.reason}"
    return None


def tls_port_step(proxy: str) -> str:
    """The next step for a proxy port that speaks TLS."""
    return (f"The port {proxy} speaks TLS, not plain HTTP: it is an HTTPS listener (a proxy's TLS port, "
            "or a web server entered as the proxy), and the proxy settings of an SAP system — SICF → "
            "Client → Proxy Settings, SM59 → destination → HTTP Proxy Options — hold a host and port "
            "that take the request in plain HTTP. Ask the proxy team for the proxy's plain HTTP port "
            "and put it there; then check again with `--proxy http://<host>:<port>`.")
