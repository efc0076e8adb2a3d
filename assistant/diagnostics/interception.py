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
(the usual reason for a proxy) nothing can be compared, and an untrusted chain seen through
the proxy is either the target's CA or the proxy's: the finding says both and keeps the
certificate's own cause (`unconfirmed_interception`), because importing the proxy's CA
trusts everything it re-signs — a choice the admin makes knowingly.
"""

from __future__ import annotations

from typing import Any

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


# The chain causes an inspecting proxy's own CA produces when it is not trusted.
TRUST_FAILURES = frozenset({"server_cert_untrusted", "intermediate_missing", "server_cert_self_signed"})


def _top_ca(via_proxy: Observation, extra: dict[str, Any]) -> str | None:
    """The CA to name: the issuer the trust list lacks, else the issuer of the last
    certificate the proxy path sent (the top of its chain)."""
    missing = extra.get("missing_issuer")
    if isinstance(missing, str) and missing:
        return missing
    try:
        return issuer_str(x509.load_der_x509_certificate(via_proxy.chain_der[-1]))
    except ValueError:
        return None


def unconfirmed_interception(chain_findings: list[Finding], via_proxy: Observation | None,
                             extra: dict[str, Any], *, proxy: str) -> Finding | None:
    """Through a proxy, a chain that failed for want of trust and no direct view to compare:
    a warning that names both readings, and the trust finding's next step asks which CA it
    is before it is imported. None when the chain failed for another reason."""
    failed = next((f for f in chain_findings if f.status == "fail" and f.cause in TRUST_FAILURES), None)
    if failed is None or via_proxy is None or not via_proxy.chain_der:
        return None
    ca = _top_ca(via_proxy, extra)
    if ca is None:
        return None
    failed.data.setdefault("next_step", (
        f"find out whose CA `{ca}` is before you import it into the {TRUST_PSE} in STRUST: the "
        f"certificate came through the proxy {proxy}, and this machine could not compare it with a "
        "direct connection to the target. If it is the target's CA, import it (and its chain). "
        "If it is the proxy's own (TLS inspection: the proxy re-signs every server's certificate), "
        "importing it trusts whatever the proxy re-signs — either do that knowingly, or ask the "
        "security team to exempt this host from inspection (needed anyway when the server expects "
        "a client certificate)."))
    detail = (f"The certificate came through the proxy {proxy}, and this machine could not compare "
              f"it with a direct connection to the target: {ca} is either the target's CA or "
              "the proxy's own (a TLS-inspecting proxy presents every host's certificate signed "
              "by its CA). Ask the proxy team whether it inspects TLS for this host.")
    # No cause: "Also found" would state the inspection as a fact; this is one reading of two.
    return Finding("chain", "warn", detail,
                   data={"issuer_via_proxy": ca, "interception_possible": True, "compared_directly": False})
