"""Through a proxy: does the proxy present the server's certificate, or its own?

A TLS-inspecting proxy ends the TLS connection itself and shows the client a certificate
for the host signed by its own CA. Seen through the proxy alone, that chain looks like
any untrusted one ("import the CA"); only a comparison tells it apart. So when the check
goes through a proxy, the chain seen through it could not be verified, and this machine
can also reach the target directly, one more unverified, read-only handshake (no request,
no client certificate: see `observe`) is made directly, and the two server certificates
are compared. A chain the proxy path verifies is never second-guessed: a healthy check
does not go around the proxy the user named. When they differ and so do
their issuers, the proxy re-signs: `tls_interception`. When the direct way is closed
(the usual reason for a proxy) nothing is said.
"""

from __future__ import annotations

from cryptography import x509

from assistant.diagnostics.causes import TRUST_PSE
from assistant.diagnostics.certinfo import issuer_str
from assistant.diagnostics.checkrun import CheckRun
from assistant.diagnostics.connect import connect_one
from assistant.diagnostics.model import Finding
from assistant.diagnostics.observe import Observation, observe
from assistant.diagnostics.resolve import resolve
from assistant.diagnostics.tls import sni_name

DIRECT_BUDGET_S = 1.5  # resolve, connect and handshake directly, at most


def direct_observation(run: CheckRun) -> Observation | None:
    """The unverified handshake once more, bypassing the proxy (None: no proxy, no time,
    or the target cannot be reached directly)."""
    if run.prepared.proxy is None or run.stopped() or run.deadline.expired():
        return None
    deadline = run.deadline.sub(DIRECT_BUDGET_S)
    target = run.target
    found = resolve(target.host, target.port, deadline)
    if not found.addresses or deadline.expired():
        return None
    try:
        sock = connect_one(found.addresses[0], deadline.timeout(), deadline.sockets)
    except OSError:
        return None
    obs = observe(sock, sni_name(target.host, run.options.sni), deadline)
    return obs if obs.ok and obs.chain_der else None


def interception_finding(via_proxy: Observation | None, direct: Observation | None, *,
                         proxy: str) -> Finding | None:
    """A finding when the proxy shows another server certificate, from another issuer,
    than the target shows directly (called only when the proxy's chain was not verified)."""
    if via_proxy is None or direct is None or not via_proxy.chain_der or not direct.chain_der:
        return None
    if via_proxy.chain_der[0] == direct.chain_der[0]:
        return None
    try:
        seen = x509.load_der_x509_certificate(via_proxy.chain_der[0])
        real = x509.load_der_x509_certificate(direct.chain_der[0])
    except ValueError:
        return None
    if seen.issuer == real.issuer:
        return None  # another certificate of the same CA (a load balancer's): no sign of a proxy
    by_proxy, by_server = issuer_str(seen), issuer_str(real)
    detail = (f"Through the proxy {proxy} the server certificate is issued by {by_proxy}; connecting "
              f"directly from this machine, by {by_server}. The proxy (or a device behind it) inspects "
              f"TLS and presents its own certificate, signed by its CA {by_proxy}.")
    data = {"issuer_via_proxy": by_proxy, "issuer_direct": by_server,
            "next_step": (f"Either import the inspection CA {by_proxy} (its root and intermediate) into "
                          f"the {TRUST_PSE} in STRUST, or ask the security team to exempt this host "
                          "from TLS inspection — needed anyway when the server expects a client "
                          "certificate.")}
    return Finding("chain", "fail", detail + " That CA is not in the trust list.",
                   cause="tls_interception", sclnt_http="SCLNT_HTTP421", data=data)
