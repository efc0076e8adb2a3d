"""Run the steps in order against one endpoint and fold the findings into a report.

The check owns one overall deadline (`timeout`): every step gets what is left, so a
check returns in time whatever the server does. Findings are emitted in step order; the
report's SCLNT_HTTP message and cause are those of the first failing finding (or, when
nothing fails, the first warning).

A cancel (the `cancel` flag) takes effect at once: the check's connections are shut
down (see `cancel.py`), the step in flight ends as "cancelled" and so do the steps after
it — never as the broken connection or timeout the shutdown looks like.

Where the parts live: `prepare` (options and files, before any traffic), `checkrun`
(what the steps share), steps 1–3 and plain HTTP here, steps 4–8 over TLS in
`tlssteps`, their analysis in `handshake`, `sni` and `chainstep`.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from assistant.diagnostics.cancel import Cancel, CancelWatcher
from assistant.diagnostics.checkrun import CheckRun, FindingCallback
from assistant.diagnostics.connect import (
    answering_others,
    connect_any,
    connect_finding,
    reconnect_after_reset,
    try_other_addresses,
)
from assistant.diagnostics.deadline import Deadline
from assistant.diagnostics.http import (
    HttpResult,
    build_request,
    http_finding,
    http_get,
    tls_port_finding,
)
from assistant.diagnostics.httpretry import second_try_note
from assistant.diagnostics.model import CheckOptions, CheckReport, Finding
from assistant.diagnostics.prepare import PreparedCheck, prepare
from assistant.diagnostics.proxy import ProxyResult, open_tunnel, proxy_finding, reach_proxy
from assistant.diagnostics.proxyhint import direct_timeout_hint
from assistant.diagnostics.proxyprotocol import proxy_speaks, socks5_on_port, socks_reply
from assistant.diagnostics.proxytls import tls_on_port, tls_port_step
from assistant.diagnostics.redirect import follow_once
from assistant.diagnostics.resolve import resolve, resolve_finding
from assistant.diagnostics.resources import raise_if_exhausted
from assistant.diagnostics.target import Target
from assistant.diagnostics.tlssteps import tls_steps
from assistant.diagnostics.tohttps import follow_to_https
from assistant.redact import scrubbing


def run_check(
    options: CheckOptions,
    *,
    on_finding: FindingCallback | None = None,
    cancel: Cancel | None = None,
) -> CheckReport:
    """Check one endpoint. Raises CheckSetupError for unusable options (before any traffic)."""
    return run_prepared(prepare(options), on_finding=on_finding, cancel=cancel)


def run_prepared(
    prepared: PreparedCheck,
    *,
    on_finding: FindingCallback | None = None,
    cancel: Cancel | None = None,
) -> CheckReport:
    """The steps, watched for a cancel when there is a flag; then the report."""
    run = CheckRun(prepared, on_finding, cancel)
    watcher = CancelWatcher(cancel, run.sockets).start() if cancel is not None else None
    try:
        with scrubbing(prepared.scrubber):  # what servers send loses this check's secrets
            run_steps(run)
    except (OSError, RuntimeError) as exc:  # a step's own errors are findings; not these
        raise_if_exhausted(exc)
        raise
    finally:
        if watcher is not None:
            watcher.stop()
        run.sockets.close_all()
    return run.report()


def run_steps(run: CheckRun) -> None:
    """All steps in order; a step that cannot run leaves its place to `CheckRun.report`."""
    sock = reach_target(run)
    if sock is None:
        return
    if run.stopped():
        run.sockets.close(sock)
        return
    if not run.target.tls:
        for step in ("tls", "observe", "chain", "client_cert"):
            run.emit(Finding(step, "skip", "plain http:// — no TLS"))
        plain_http_step(run, sock)
        return
    tls_steps(run, sock)


def reach_target(run: CheckRun) -> socket.socket | None:
    """Steps 1–3: resolve, connect, proxy. Returns the connected stream or None."""
    target, proxy = run.target, run.prepared.proxy
    if proxy is not None:
        run.emit(Finding("resolve", "skip", f"{target.host} is resolved by the proxy"))
        run.emit(Finding("connect", "skip", "the connection goes through the proxy"))
        pr: ProxyResult
        if target.tls:
            pr = open_tunnel(proxy, target, run.prepared.credentials, run.deadline)
            run.emit(proxy_finding(pr))
        else:
            pr = reach_proxy(proxy, run.deadline)
            run.emit(proxy_finding(pr, mode="forward"))
            run.proxy_address = pr.connected.address if pr.connected else None
        return pr.sock
    rr = resolve(target.host, target.port, run.deadline)
    run.emit(resolve_finding(rr))
    if not rr.ok or run.stopped():
        return None
    cr = connect_any(rr.addresses, run.deadline)
    reconnect_after_reset(cr, rr.addresses, run.deadline)
    try_other_addresses(cr, rr.addresses, run.deadline)
    connected = direct_timeout_hint(connect_finding(cr, tls=target.tls, url=target.shown), target.host,
                                    tls=target.tls)
    run.emit(connected)
    run.emit(Finding("proxy", "skip", "no proxy given (direct connection)" if connected.data.get(
        "proxy_suggested") else "no proxy (direct connection)"))
    run.address = cr.address
    run.other_addresses = answering_others(cr, rr.addresses)
    return cr.sock


def plain_http_step(run: CheckRun, sock: socket.socket) -> None:
    """Step 8 for http:// (direct, or as a forward request through the proxy)."""
    proxy, credentials = run.prepared.proxy, run.prepared.credentials
    forward = proxy is not None
    auth = credentials.header() if forward and credentials else None
    request = build_request(run.target, absolute_form=forward, proxy_authorization=auth)
    try:
        res = http_get(sock, request, run.deadline)
    finally:
        run.sockets.close(sock)
    finding = http_finding(res, via_forward_proxy=str(proxy) if forward else None,
                           credentials_sent=auth is not None, target=run.target)
    if res.kind == "broken" and res.status is None and not forward:
        # TLS servers often drop a plain request without a word: ask the port in its language
        spoken = tls_spoken_here(run)
        if spoken.startswith(("succeeds", "gets")):
            finding = tls_port_finding(f"{res.error}; a TLS handshake on the same port {spoken}",
                                       res.elapsed_ms, finding.data)
        else:
            finding.detail += " — if this port expects TLS, check https:// (SM59: SSL active)"
            if spoken:
                finding.detail += f"; a TLS handshake on the same port {spoken}"
            second_try_note(finding, res, plain_second_try(run, request), via="plain")
    elif res.kind == "broken" and res.status is None and forward and (
            proxy_tls := tls_on_port(run.proxy_address, run.deadline)) is not None:
        finding = Finding("http", "fail", f"{res.error}: the proxy {proxy} closed the connection on the "
                          f"plain-HTTP request, and the same port answers a TLS handshake ({proxy_tls}): it "
                          "is a TLS port, not a plain HTTP proxy port", res.elapsed_ms, cause="proxy_refused",
                          data={**finding.data, "proxy_port_speaks_tls": proxy_tls,
                                "next_step": tls_port_step(str(proxy))})
    elif forward and ((socks := _socks_proxy(run, res)) is not None or (
            res.kind == "bad_response" and "headless_document" not in finding.data)):  # a page: relayed
        speech = proxy_speaks(str(proxy), res.answer_start if res.kind == "bad_response" else b"", socks=socks,
                              request="the forward request")
        finding = Finding("http", "fail", speech.detail, res.elapsed_ms, cause="proxy_refused",
                          data={**finding.data, "proxy_port_speaks": speech.speaks, "next_step": speech.next_step})
    elif res.kind == "broken":
        second_try_note(finding, res, plain_second_try(run, request), via="proxy" if forward else "plain")
    elif str(finding.data.get("location", "")).lower().startswith("https://") and 300 <= (res.status or 0) < 400:
        finding.cause = "destination_ssl_inactive"  # the server sends plain-HTTP callers to HTTPS
        follow_to_https(run, finding)
    else:
        follow_plain_redirect_once(run, finding, auth)
    run.emit(finding)


def _socks_proxy(run: CheckRun, res: HttpResult) -> str | None:
    """The forward request met a SOCKS port: its binary reply, or a close and a SOCKS5
    answer to the greeting (asked after the port was found to speak no TLS either)."""
    if res.kind == "bad_response":
        return socks_reply(res.answer_start)
    if res.kind == "broken" and res.status is None:
        return "SOCKS5" if socks5_on_port(run.proxy_address, run.deadline) else None
    return None


def follow_plain_redirect_once(run: CheckRun, finding: Finding, proxy_authorization: str | None) -> None:
    """A plain redirect to another path on the same server: see redirect.follow_once —
    through a forward proxy as a forward request again, like the first."""
    proxy = run.prepared.proxy

    def plain(sock: socket.socket, hop: Target) -> tuple[int | None, str | None]:
        request = build_request(hop, absolute_form=proxy is not None, proxy_authorization=proxy_authorization)
        try:
            res = http_get(sock, request, run.deadline)
        finally:
            run.sockets.close(sock)
        return res.status, res.header("Location")

    follow_once(run, finding, plain, open_stream=None if proxy is None else _forward_stream(run))


def _forward_stream(run: CheckRun) -> Callable[[Deadline], socket.socket]:
    """A fresh connection to the forward proxy (a plain request needs no CONNECT)."""
    proxy = run.prepared.proxy
    assert proxy is not None

    def open_stream(deadline: Deadline) -> socket.socket:
        sock = reach_proxy(proxy, deadline).sock
        if sock is None:
            raise ConnectionError("the proxy cannot be reached")
        return sock

    return open_stream


def plain_second_try(run: CheckRun, request: bytes) -> HttpResult | None:
    """The plain request once more on a fresh connection (to the target, or to the
    forward proxy), after the first broke: on every try, or now and then? None when no
    connection could be made in time."""
    if run.stopped() or run.deadline.expired():
        return None
    proxy = run.prepared.proxy
    try:
        sock = reach_proxy(proxy, run.deadline).sock if proxy is not None else run.open_stream(run.deadline)
    except OSError:
        return None
    if sock is None:
        return None
    try:
        return http_get(sock, request, run.deadline)
    finally:
        run.sockets.close(sock)


TLS_QUESTION_S = 2.0  # a TLS server answers a ClientHello at once; an HTTP one may wait for more


def tls_spoken_here(run: CheckRun) -> str:
    """Does the port of an http:// URL answer a TLS handshake? One unverified handshake
    on a fresh connection, nothing sent over it (see `observe`). "succeeds (…)" or "gets
    a certificate back" when it does; "got no answer within N s (…)" when the probe's own
    short limit ran out — an HTTP server waiting for the end of a request header never
    answers a ClientHello, and the check must not wait its whole budget for it; "" else."""
    if run.stopped() or run.deadline.expired():
        return ""
    from assistant.diagnostics.observe import observe  # loads ssl only for this question

    limit = run.deadline.sub(TLS_QUESTION_S)
    own_limit = limit.end < run.deadline.end  # else the check's own deadline ends it
    try:
        sock = run.open_stream(limit)
    except OSError:
        return ""
    obs = observe(sock, None if run.target.is_ip else run.target.host, limit)
    if obs.ok:
        return f"succeeds ({obs.version_label})"
    if obs.chain_der or obs.kind == "client_cert":
        return "gets a certificate back"
    if obs.kind == "timeout" and own_limit and not run.stopped():
        return (f"got no answer within {TLS_QUESTION_S:g} s (this question's own limit): "
                "whatever listens there does not answer TLS")
    return ""

