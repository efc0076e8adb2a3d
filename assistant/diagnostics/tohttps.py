"""A plain-http answer that sends the caller to https:// on the same host: that address
once, verified as the TLS steps verify.

"Switch SSL on" is the next step for such a redirect; whether the HTTPS address then
works decides whether it is the last one. So the redirect is followed once — directly, or
through the same proxy with a CONNECT as an https:// check goes — and only over a
connection whose certificate chain and name were verified (`tlssteps.verdict_exchange`:
the request and any client certificate go over nothing else). A redirect to another host
is not followed: the check was asked about this one.
"""

from __future__ import annotations

import socket
from dataclasses import replace

from assistant.diagnostics.checkrun import CheckRun
from assistant.diagnostics.connect import connect_one
from assistant.diagnostics.http import HttpResult
from assistant.diagnostics.model import Finding
from assistant.diagnostics.proxy import open_tunnel
from assistant.diagnostics.redirect import LOOP_VIA_HTTPS_STEP, location_target, same_url
from assistant.diagnostics.target import Target
from assistant.diagnostics.tls import TlsResult
from assistant.diagnostics.tlssteps import verdict_exchange
from assistant.textsafe import escape_control, escape_shown

SSL_ON_STEP = ("The server sends http:// callers to https://: switch SSL on (SM59 → destination → "
               "Logon & Security → SSL Active) and use the HTTPS port.")


def https_hop(finding: Finding, target: Target) -> Target | None:
    """The https:// URL on the same host that a plain-http redirect names, else None."""
    location = finding.data.get("location")
    hop = location_target(location, target) if isinstance(location, str) else None
    if hop is None or not hop.tls or hop.host.lower() != target.host.lower():
        return None
    return replace(hop, host=target.host)  # the host as the user wrote it (SNI, Host header)


def follow_to_https(run: CheckRun, finding: Finding) -> None:
    """Follow the redirect to https:// once and say in `finding` what that address does."""
    finding.data["next_step"] = SSL_ON_STEP
    hop = https_hop(finding, run.target)
    if hop is None:
        finding.detail += "; it leads to another host, which the check does not contact"
        return
    if run.stopped() or run.deadline.expired():
        return
    via = " through the proxy" if run.prepared.proxy is not None else ""
    try:
        sock = _open(run, hop)
    except OSError as exc:
        finding.detail += f"; followed once{via}, {hop} cannot be reached ({escape_control(str(exc))})"
        return
    tls, res, _ = verdict_exchange(run, sock, hop)
    finding.data["https_followed"] = str(hop)
    finding.detail += f"; followed once{via}, {hop} " + _outcome(tls, res)
    if tls.ok and res is not None:
        hop_redirect(finding, res, hop, run.target)
    if not tls.ok:
        finding.data["next_step"] = (
            f"{SSL_ON_STEP} But the HTTPS address {hop} fails the TLS check from here "
            f"({_tls_problem(tls)}): run `sapassist check {hop}` with the SSL client PSE's "
            "trust list (`--ca-file`) and fix that first, or the call fails there next.")


def hop_redirect(finding: Finding, res: HttpResult, hop: Target, target: Target) -> None:
    """The https:// address answers with a redirect of its own: back to the requested
    http:// URL is a loop (http → https → http); to another plain http:// address the call
    would leave TLS again; anything else is named where it leads."""
    location = res.header("Location")
    if res.status is None or not 300 <= res.status < 400 or not location:
        return
    shown = escape_control(location)
    finding.data["https_location"] = shown
    if same_url(location, target, base=hop):
        finding.detail += f" to {shown}, back to the requested URL — a redirect loop (http → https → http)"
        finding.cause = "redirect_loop"
        finding.data.update(redirect_loop=True, loop_through=str(hop), next_step=LOOP_VIA_HTTPS_STEP)
        return
    led_to = location_target(location, hop)
    if led_to is not None and not led_to.tls:
        finding.detail += f" to {shown}: it sends the call back to plain http://, out of TLS"
        finding.data["next_step"] = (
            f"{SSL_ON_STEP} But the HTTPS address {hop} redirects to plain http:// ({shown}): ask the "
            "server's owner which HTTPS address answers without sending the call back to http://.")
        return
    finding.detail += f" to {shown}, which the check does not follow further"


def _open(run: CheckRun, hop: Target) -> socket.socket:
    """A TCP stream to `hop`: through the proxy with a CONNECT, else to the address that
    answered for this host, on the hop's port."""
    proxy = run.prepared.proxy
    if proxy is not None:
        pr = open_tunnel(proxy, hop, run.prepared.credentials, run.deadline)
        if pr.sock is None:
            raise ConnectionError(f"the proxy's CONNECT failed at {pr.stage}: {pr.error or 'status'}")
        return pr.sock
    if run.address is None:
        raise ConnectionError("no address answered")
    family, sockaddr = run.address
    return connect_one((family, (sockaddr[0], hop.port, *sockaddr[2:])), run.deadline.timeout(),
                       run.deadline.sockets)


def _tls_problem(tls: TlsResult) -> str:
    return escape_control(tls.verify_message or tls.reason or tls.error or tls.kind or "handshake failed")


def _outcome(tls: TlsResult, res: HttpResult | None) -> str:
    if not tls.ok:
        return f"fails the TLS check: {_tls_problem(tls)}"
    if res is None or res.status is None:
        why = escape_control(res.error) if res is not None and res.error else "no answer"
        return f"passes the TLS check but gives no HTTP answer ({why})"
    status = f"{res.http_version} {res.status} {escape_shown(res.reason)}".strip()
    return f"passes the TLS check ({tls.version_label}, chain and name verified) and answers {status}"
