"""Step 3: reach the target through an HTTP proxy, as SM59's proxy settings do.

Three things can go wrong, each with its own SCLNT_HTTP message: the proxy's name does
not resolve (413), the proxy refuses the TCP connection (412), or the proxy answers the
CONNECT with 407 (416) or another status (426). Squid names the
real problem behind a 503 in `X-Squid-Error`, which we translate.
"""

from __future__ import annotations

import base64
import socket
import time
from dataclasses import dataclass

from assistant.diagnostics.challenge import scheme_names
from assistant.diagnostics.connect import ConnectResult, connect_any, describe_attempts
from assistant.diagnostics.deadline import Deadline, DeadlineExceeded
from assistant.diagnostics.httphead import HeadCut, ResponseHead, head_end, parse_head
from assistant.diagnostics.model import CheckSetupError, Finding
from assistant.diagnostics.pagetext import with_page_words
from assistant.diagnostics.proxyhops import UpstreamSign, upstream_sign
from assistant.diagnostics.proxyprotocol import proxy_speaks, socks5_on_port, socks_reply
from assistant.diagnostics.proxytls import tls_on_port, tls_port_step
from assistant.diagnostics.resolve import ResolveResult, describe_failure, resolve
from assistant.diagnostics.target import ProxyTarget, Target
from assistant.diagnostics.tunnelstart import (
    bare_lf,
    bytes_after_200,
    early_bytes,
    lf_only_note,
)
from assistant.textsafe import escape_control, escape_shown

MAX_HEADER_BYTES = 65536

SQUID_ERRORS = {
    "ERR_DNS_FAIL": "the proxy cannot resolve the target host name (DNS failure behind the proxy)",
    "ERR_CONNECT_FAIL": "the proxy cannot connect to the target (refused or unreachable behind the proxy)",
    "ERR_ACCESS_DENIED": "the proxy's access rules deny this target (ask the proxy team to allow it)",
    "ERR_CACHE_ACCESS_DENIED": "the proxy requires authentication for this target",
    "ERR_READ_TIMEOUT": "the target did not answer the proxy in time",
    "ERR_CONNECT_TIMEOUT": "the proxy's connection to the target timed out",
    "ERR_GATEWAY_FAILURE": "the proxy's upstream gateway failed",
    "ERR_INVALID_URL": "the proxy rejected the target address as invalid",
    # Squid's knowledge base (FailedToSelectSource): no direct connection allowed and none
    # of its parent caches could or might take the request — most often all are down
    "ERR_CANNOT_FORWARD": "the proxy could not forward the request: it may not connect directly and "
                          "no upstream (parent) proxy it may use answered",
}
SQUID_UNREACHED = frozenset({"ERR_DNS_FAIL", "ERR_CONNECT_FAIL", "ERR_READ_TIMEOUT", "ERR_CONNECT_TIMEOUT",
                             "ERR_GATEWAY_FAILURE", "ERR_CANNOT_FORWARD"})

# What a proxy's own status means when no proxy-specific header says more (HTTP
# semantics for a gateway, RFC 9110 15.5.4/15.6.3-5), and what to do about it.
PROXY_REACH = ("from the proxy's network, check that the target's host name resolves there and its "
          "port is open (the proxy's DNS and outbound firewall), that SM59's Target Host and "
          "Service No. are right, and find this request in the proxy's log")
NOT_A_FORWARD_PROXY = (
    "Check that the proxy host and port in SICF → Client → Proxy Settings and SM59 → destination "
    "→ HTTP Proxy Options are the forward proxy's, for HTTPS (ask the proxy team which host and "
    "port take CONNECT): a web server or reverse proxy at that address answers CONNECT this way. "
    "If they are right, ask the proxy team to allow CONNECT to this host and port."
)
PROXY_STATUS: dict[int, tuple[str, str]] = {
    400: ("it did not take the CONNECT as a valid request — a web server or reverse proxy, not a "
          "forward proxy, may answer there (nginx, for one, answers a plain request on its TLS "
          "port this way), or it rejects the target as written", NOT_A_FORWARD_PROXY),
    405: ("the method CONNECT is not allowed there: the address is no forward proxy (a web server "
          "or reverse proxy answers), or tunnelling is switched off for this target", NOT_A_FORWARD_PROXY),
    501: ("it does not implement CONNECT: the address is no forward proxy for HTTPS (a web server "
          "or reverse proxy answers)", NOT_A_FORWARD_PROXY),
    403: ("the proxy's rules deny this target or port",
          "Ask the proxy team to allow this host and port for the SAP application servers "
          "(the proxy's access list or URL filter)."),
    502: ("the proxy could not reach the target (name not resolved or connection failed behind "
          "the proxy)", f"The proxy could not reach the target: {PROXY_REACH}."),
    503: ("the proxy could not serve the request (the target unreachable behind it, or the "
          "proxy itself unavailable)", f"The proxy could not reach the target or is unavailable: {PROXY_REACH}."),
    504: ("the proxy timed out reaching the target",
          f"The proxy's connection to the target timed out: {PROXY_REACH}."),
}


class ProxyCredentials:
    """USER:PASSWORD for the proxy; the password never appears in repr or str."""

    __slots__ = ("_password", "user")

    def __init__(self, user: str, password: str) -> None:
        self.user = user
        self._password = password

    @staticmethod
    def check_user(text: str) -> None:
        """`USER:PASSWORD` or `USER` alone (the password then comes separately)."""
        if not text.partition(":")[0]:
            raise CheckSetupError("{proxy_user} has an empty user name")

    @classmethod
    def resolve(cls, text: str, password: str | None = None) -> ProxyCredentials:
        """The credentials for `proxy_user`: `USER:PASSWORD` as given, or `USER` with the
        password from `password`, else SAPASSIST_PROXY_PASSWORD. A password that is only
        the mask `***` (a command replayed from history or an export) is no password."""
        import os

        from assistant.diagnostics.model import PROXY_PASSWORD_ENV
        from assistant.redact import is_masked

        cls.check_user(text)
        user, colon, given = text.partition(":")
        if colon and not is_masked(given):
            return cls(user, given)
        found = password if password is not None else os.environ.get(PROXY_PASSWORD_ENV)
        if found is None or is_masked(found):
            why = "holds only the mask ***" if colon else "has no password"
            raise CheckSetupError("{proxy_user} {why}: give USER:PASSWORD, set {env} or answer "
                                  "the prompt", why=why, env=PROXY_PASSWORD_ENV)
        return cls(user, found)

    def header(self) -> str:
        raw = f"{self.user}:{self._password}".encode()
        return "Basic " + base64.b64encode(raw).decode("ascii")

    @property
    def pair(self) -> tuple[str, str]:
        """(user, password), for a `redact.Scrubber` — the one place the password leaves."""
        return self.user, self._password

    def __repr__(self) -> str:
        return f"ProxyCredentials(user={self.user!r}, password='***')"

    __str__ = __repr__


@dataclass(slots=True)
class ProxyResult:
    proxy: ProxyTarget
    resolved: ResolveResult | None = None
    connected: ConnectResult | None = None
    response: ResponseHead | None = None
    sock: socket.socket | None = None
    stage: str = "resolve"  # resolve | connect | request | tunnel (done) | forward
    error: str | None = None
    error_kind: str | None = None  # timeout | closed | bad_response
    credentials_sent: bool = False
    elapsed_ms: float = 0.0
    page: bytes = b""  # the start of the page after a refused CONNECT (untrusted: shown only via pagetext)
    early: bytes = b""  # bytes waiting in the tunnel right after the 200 (see tunnelstart)
    bare_lf: bool = False  # the answer's lines end in LF alone
    tls_port: str | None = None  # closed on the CONNECT: what its port says to a ClientHello (proxytls)
    socks: str | None = None  # the port is a SOCKS server's: "SOCKS5" / "SOCKS4" (see proxyprotocol)
    not_http: bytes = b""  # the start of an answer that cannot begin an HTTP status line
    head_cut: bool = False  # its status line came, then it closed before the head ended

    @property
    def ok(self) -> bool:
        return self.sock is not None


class NotHttpAnswer(ValueError):
    """The proxy answered, and its first bytes cannot begin an HTTP status line."""

    def __init__(self, answer: bytes) -> None:
        super().__init__("the answer does not begin with an HTTP status line")
        self.answer = answer


_HTTP_STARTS = frozenset(b"HTTP/"[:n] for n in range(6))  # what the first bytes of a head may be


def read_http_head(sock: socket.socket, deadline: Deadline) -> bytes:
    """Bytes up to and including the blank line ending the header block, nothing after.

    Peeks first and then consumes exactly the head: after a CONNECT, the bytes past the
    blank line belong to the tunnel. Lines may end in LF alone (see `tunnelstart`).
    """
    data = bytearray()
    while True:
        sock.settimeout(deadline.timeout())
        peek = sock.recv(4096, socket.MSG_PEEK)
        if not peek:
            raise HeadCut(bytes(data))
        tail = bytes(data[-3:])
        if bytes(data + peek).lstrip(b"\r\n")[:5] not in _HTTP_STARTS:
            raise NotHttpAnswer(bytes(data + peek)[:64])  # no status line can follow: say so now
        end = head_end(tail + peek)
        take = len(peek) if end < 0 else end - len(tail)
        while take > 0:
            got = sock.recv(take)
            if not got:
                raise HeadCut(bytes(data))
            data += got
            take -= len(got)
        if end >= 0:
            return bytes(data)
        if len(data) > MAX_HEADER_BYTES:
            raise ValueError("header block too large")


PAGE_KEPT = 4096  # of a refused CONNECT's page, this much is read (to see who wrote it)
PAGE_WAIT = 0.5  # seconds, at most, for it: a proxy that sends none must not hold the check


def read_error_page(sock: socket.socket, resp: ResponseHead, deadline: Deadline) -> bytes:
    """The start of the page that came with a refused CONNECT, bounded in bytes and time:
    it may name the proxy that wrote it (see `proxyhops`). Squid forwards only a parent's
    headers, so often there is none; whatever goes wrong here leaves what was read."""
    try:
        want = min(max(int(resp.get("Content-Length") or PAGE_KEPT), 0), PAGE_KEPT)
    except ValueError:
        want = PAGE_KEPT
    data = bytearray()
    end = time.monotonic() + PAGE_WAIT
    try:
        while len(data) < want:
            left = end - time.monotonic()
            if left <= 0:
                break
            sock.settimeout(deadline.timeout(cap=left))
            got = sock.recv(want - len(data))
            if not got:
                break
            data += got
    except (OSError, DeadlineExceeded):
        pass
    return bytes(data)


def reach_proxy(proxy: ProxyTarget, deadline: Deadline) -> ProxyResult:
    """Resolve and connect to the proxy itself (no request yet)."""
    start = time.monotonic()
    result = ProxyResult(proxy)
    result.resolved = resolve(proxy.host, proxy.port, deadline)
    if result.resolved.ok:
        result.stage = "connect"
        result.connected = connect_any(result.resolved.addresses, deadline)
        if result.connected.ok:
            result.stage = "request"
            result.sock = result.connected.sock
    result.elapsed_ms = (time.monotonic() - start) * 1000.0
    return result


def open_tunnel(
    proxy: ProxyTarget, target: Target, credentials: ProxyCredentials | None, deadline: Deadline
) -> ProxyResult:
    """CONNECT target through the proxy; on success `result.sock` is the open tunnel."""
    start = time.monotonic()
    result = reach_proxy(proxy, deadline)
    sock = result.sock
    if sock is None:
        return result
    result.sock = None
    authority = f"{target.host_for_url}:{target.port}"
    lines = [f"CONNECT {authority} HTTP/1.1", f"Host: {authority}", "User-Agent: sapassist"]
    if credentials is not None:
        lines.append(f"Proxy-Authorization: {credentials.header()}")
        result.credentials_sent = True
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")
    try:
        sock.settimeout(deadline.timeout())
        sock.sendall(request)
        head = read_http_head(sock, deadline)
        result.response, result.bare_lf = parse_head(head), bare_lf(head)  # scrubbed there
    except (TimeoutError, DeadlineExceeded):
        result.error_kind, result.error = "timeout", "the proxy did not answer the CONNECT in time"
    except (ConnectionError, OSError) as exc:
        result.response = exc.head if isinstance(exc, HeadCut) else None
        result.head_cut = result.response is not None
        if result.head_cut:
            return _refused_then_closed(result, sock, deadline, start)
        result.error_kind, result.error = "closed", f"the proxy closed the connection: {exc}"
        address = result.connected.address if result.connected else None
        result.tls_port = tls_on_port(address, deadline)
        if result.tls_port is None and socks5_on_port(address, deadline):
            result.socks = "SOCKS5"
    except NotHttpAnswer as exc:
        result.error_kind, result.error = "bad_response", f"not an HTTP proxy answer: {exc}"
        result.socks, result.not_http = socks_reply(exc.answer), exc.answer
    except ValueError as exc:
        result.error_kind, result.error = "bad_response", f"not an HTTP proxy answer: {exc}"
    if result.response is not None and 200 <= result.response.status < 300:
        result.stage, result.sock, result.early = "tunnel", sock, early_bytes(sock)
    else:
        if result.response is not None:
            result.page = read_error_page(sock, result.response, deadline)
        deadline.sockets.close(sock)
    result.elapsed_ms = (time.monotonic() - start) * 1000.0
    return result


def _refused_then_closed(result: ProxyResult, sock: socket.socket, deadline: Deadline,
                         start: float) -> ProxyResult:
    """The proxy's status line came, then it closed: its status is its answer."""
    deadline.sockets.close(sock)
    result.elapsed_ms = (time.monotonic() - start) * 1000.0
    return result


def _auth_schemes(resp: ResponseHead) -> list[str]:
    """The schemes offered, however they are sent: one header per challenge, or several
    challenges in one comma-separated header ("Negotiate, NTLM") — one parse for the
    401's and the 407's challenges, so a Basic among them is never overlooked."""
    return scheme_names(resp.get_all("Proxy-Authenticate"))


def _assumed_port_unreachable(result: ProxyResult, conn: ConnectResult,
                              data: dict[str, object]) -> Finding:
    """The proxy URL named no port and nothing answered on the one guessed: the guess, not
    the proxy, is the first suspect (SM59's HTTP Proxy Options always name a port)."""
    p = result.proxy
    refused = conn.failure_kind == "refused"
    data["port_assumed"] = True
    host = escape_control(f"[{p.host}]" if ":" in p.host else p.host)
    data["next_step"] = (
        f"The proxy URL named no port, so this check tried {p.port}. Give the port the SAP "
        "system uses (SM59 → destination → HTTP Proxy Options → Proxy Service, or SICF → Client → "
        f"Proxy Settings): --proxy http://{host}:PORT, and check again.")
    return Finding("proxy", "fail",
                   f"the proxy {p} {'refuses connections' if refused else 'does not answer'} — no "
                   f"port was given, {p.port} was assumed — {describe_attempts(conn)}",
                   result.elapsed_ms, cause="proxy_refused" if refused else "connect_timeout",
                   sclnt_http="SCLNT_HTTP412" if refused else "SCLNT_HTTP402", data=data)


def proxy_finding(result: ProxyResult, *, mode: str = "CONNECT") -> Finding:
    """`mode` is CONNECT (https through a tunnel) or forward (http:// via the proxy)."""
    p = str(result.proxy)
    data: dict[str, object] = {"proxy": p, "stage": result.stage, "mode": mode,
                               "credentials_sent": result.credentials_sent}
    res = result.resolved
    if res is not None and not res.ok:
        return Finding("proxy", "fail",
                       f"proxy host {result.proxy.host} cannot be resolved: {describe_failure(res)}",
                       result.elapsed_ms, cause="proxy_host_unknown", sclnt_http="SCLNT_HTTP413",
                       data=data)
    conn = result.connected
    if conn is not None and not conn.ok:
        data["attempts"] = [a.to_json() for a in conn.attempts]
        if result.proxy.port_assumed:
            return _assumed_port_unreachable(result, conn, data)
        if conn.failure_kind == "refused":
            return Finding("proxy", "fail",
                           f"the proxy {p} refuses connections (wrong port or proxy down) — "
                           f"{describe_attempts(conn)}", result.elapsed_ms,
                           cause="proxy_refused", sclnt_http="SCLNT_HTTP412", data=data)
        return Finding("proxy", "fail",
                       f"the proxy {p} does not answer (firewall?) — {describe_attempts(conn)}",
                       result.elapsed_ms, cause="connect_timeout", sclnt_http="SCLNT_HTTP402",
                       data=data)
    if mode == "forward":
        return Finding("proxy", "ok",
                       f"connected to proxy {p}; plain HTTP goes through it as a forward request",
                       result.elapsed_ms, data=data)
    if result.socks is not None or result.not_http:
        spoken = proxy_speaks(p, result.not_http, socks=result.socks, request="the CONNECT")
        return Finding("proxy", "fail", spoken.detail, result.elapsed_ms, cause="proxy_refused",
                       data={**data, "proxy_port_speaks": spoken.speaks, "next_step": spoken.next_step})
    if result.error_kind == "closed":
        return _closed_on_connect(result, p, data)
    if result.error is not None:
        cause, msg = ("server_timeout", "SCLNT_HTTP402") if result.error_kind == "timeout" else (
            "proxy_http_error", "SCLNT_HTTP426")
        return Finding("proxy", "fail", f"CONNECT via {p}: {result.error}", result.elapsed_ms,
                       cause=cause, sclnt_http=msg, data=data)
    resp = result.response
    assert resp is not None
    status_text = f"{resp.status} {escape_shown(resp.reason)}".strip()
    data["status"] = resp.status
    if 200 <= resp.status < 300:
        odd = bytes_after_200(resp, result.early, p, status_text, result.elapsed_ms, data)
        lf = lf_only_note(result.bare_lf, data)
        return odd or Finding("proxy", "ok", f"CONNECT via {p}: {status_text}; tunnel open{lf}",
                              result.elapsed_ms, data=data)
    found = proxy_status_finding(resp, result.credentials_sent, p, result.elapsed_ms, data)
    sign = upstream_sign(resp, result.page, result.proxy.host)
    found = found if sign is None else behind_proxy(found, sign, p)
    return with_page_words(found, result.page, cut=result.head_cut)


def behind_proxy(found: Finding, sign: UpstreamSign, proxy: str) -> Finding:
    """The refusal met a proxy behind the configured one: say so, and send the admin to
    the team that runs the configured proxy and its upstream — cause and message stay (the
    SAP system gets this status from its own proxy either way)."""
    found.data["upstream_proxy"] = sign.to_json()
    found.data["answered_by"] = "upstream_proxy" if sign.relayed else "proxy"
    hop = f" ({sign.hop})" if sign.hop else ""
    before = found.data.get("next_step") or ""
    if found.cause == "proxy_auth_failed":
        found.detail += (f"; the logon is asked by an upstream proxy behind {proxy}{hop} — {sign.words}: "
                         f"the credentials given go to {proxy} only, and whether it passes them on or "
                         "logs on upstream itself is its own configuration")
        found.data["next_step"] = (
            f"The logon is asked by an upstream proxy behind {proxy}{hop}. Check the proxy user and "
            "password the call uses (SICF → Client → Proxy Settings, SM59 → HTTP Proxy Options); if "
            f"they are right for {proxy}, ask the team that runs it how it logs on to its upstream "
            "proxy — it may need its own logon there, or pass the client's on.")
        return found
    if sign.relayed:
        own = found.detail.removeprefix(f"proxy {proxy} answered ")
        found.detail = (f"an upstream proxy behind {proxy}{hop} refused the CONNECT and {proxy} relayed "
                        f"its answer — {sign.words}. The upstream proxy answered {own}")
        found.data["next_step"] = (
            f"The refusal comes from an upstream proxy behind {proxy}{hop}, not from {proxy} itself: "
            f"ask the team that runs {proxy} which proxy it forwards to, and have this CONNECT looked "
            "up in that proxy's log. " + str(before)).strip()
        return found
    found.detail += f"; {sign.words}: {proxy} could not pass the CONNECT on to its upstream (parent) proxy"
    found.data["next_step"] = (
        f"{proxy} could not reach the proxy it forwards to: ask the team that runs it whether its "
        "upstream (parent) proxy is up and reachable from it, and whether it may connect directly "
        "to this host — its log shows the failed forward.")
    return found


def _closed_on_connect(result: ProxyResult, proxy: str, data: dict[str, object]) -> Finding:
    """The proxy took the connection and closed it on the CONNECT without a status line:
    it will not open the tunnel and does not say why. SCLNT_HTTP426 is the ICM's word for
    an unexpected *status*; which message SAP shows when there is none is not known here,
    so none is claimed."""
    if result.tls_port is not None:
        return _tls_port_as_proxy(result, proxy, data)
    data["next_step"] = (
        f"Ask the proxy team what the proxy's log says for the source address and time: whether "
        "the SAP application servers may open a CONNECT tunnel to this host and port (its access "
        "rules, or CONNECT not allowed at all). Test from the application server's OS: "
        f"`curl -v -x http://{proxy} https://<host>/`.")
    return Finding("proxy", "fail",
                   f"the proxy {proxy} closed the connection on the CONNECT without any answer "
                   f"({result.error}): it refuses the tunnel without saying why; which SCLNT_HTTP "
                   "message an SAP system shows for a proxy that closes instead of answering is "
                   "not known here", result.elapsed_ms, cause="proxy_refused", data=data)


def _tls_port_as_proxy(result: ProxyResult, proxy: str, data: dict[str, object]) -> Finding:
    """The proxy port closed on the plain CONNECT and answers a TLS ClientHello: it is a
    TLS port, not a plain HTTP proxy port (see `proxytls`)."""
    data["proxy_port_speaks_tls"] = result.tls_port
    data["next_step"] = tls_port_step(proxy)
    return Finding("proxy", "fail",
                   f"the proxy {proxy} closed the connection on the plain-HTTP CONNECT without any "
                   f"answer ({result.error}), and the same port answers a TLS handshake ({result.tls_port}): "
                   "it is a TLS port, not a plain HTTP proxy port; which SCLNT_HTTP message an SAP "
                   "system shows for it is not known here", result.elapsed_ms, cause="proxy_refused",
                   data=data)


def proxy_status_finding(
    resp: ResponseHead, credentials_sent: bool, proxy: str, elapsed_ms: float,
    data: dict[str, object], *, step: str = "proxy",
) -> Finding:
    """A non-2xx answer from the proxy (to a CONNECT or a forwarded request)."""
    status_text = f"{resp.status} {escape_shown(resp.reason)}".strip()
    if resp.status == 407:
        schemes = _auth_schemes(resp)
        data["proxy_authenticate"] = schemes
        sent = ("the credentials given were rejected" if credentials_sent
                else "no credentials were given (--proxy-user)")
        basic = any(s.lower() == "basic" for s in schemes)
        note = ""
        if schemes and not basic:
            offered = ", ".join(schemes)
            note = (f"; the proxy asks for {offered}, not Basic (a user and password, as this "
                    "check sends them)")
            data["next_step"] = (
                f"The proxy offers only {offered} — not Basic, the user-and-password logon that "
                "SICF → Client → Proxy Settings and SM59 → HTTP Proxy Options hold. Ask the proxy "
                "team to allow Basic for the SAP application servers, or to exempt them from the "
                "proxy logon.")
        return Finding(step, "fail",
                       f"proxy {proxy} answered {status_text}: {sent}"
                       f" (Proxy-Authenticate: {', '.join(schemes) or 'none'}){note}",
                       elapsed_ms, cause="proxy_auth_failed", sclnt_http="SCLNT_HTTP416", data=data)
    squid = resp.get("X-Squid-Error")
    extra = ""
    if squid:
        code = escape_control(squid.split(" ", 1)[0])
        data["x_squid_error"] = escape_control(squid)
        extra = f"; X-Squid-Error {code}: " + SQUID_ERRORS.get(code, "see the proxy's error page")
        step_for = 403 if code == "ERR_ACCESS_DENIED" else 502 if code in SQUID_UNREACHED else None
        if step_for is not None:
            data["next_step"] = PROXY_STATUS[step_for][1]
    elif resp.status in PROXY_STATUS:
        meaning, data["next_step"] = PROXY_STATUS[resp.status]
        extra = f": {meaning}"
    return Finding(step, "fail", f"proxy {proxy} answered {status_text}{extra}", elapsed_ms,
                   cause="proxy_http_error", sclnt_http="SCLNT_HTTP426", data=data)
