"""A 3xx answer: the endpoint points elsewhere instead of answering.

The check does not follow redirects to other servers; where the `Location` leads decides
what to say: plain http:// (the call would leave TLS), another address (point the
destination there), or the very URL that was asked for — a loop, where another address
is the wrong advice. A redirect to another path on the same server (same scheme, host
and port) is followed once, on a fresh connection checked like the first, to see a loop
through it (A → B → A): see `tlssteps` and `runner`.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin

from assistant.diagnostics.model import Finding
from assistant.diagnostics.target import Target, TargetError, parse_target
from assistant.textsafe import escape_control

if TYPE_CHECKING:
    from assistant.diagnostics.checkrun import CheckRun
    from assistant.diagnostics.deadline import Deadline

# Sends the request for a path on an opened socket: the answer's status and Location, or
# None when there is no answer to judge (the hop's TLS was not verified, nothing came back).
HopExchange = Callable[[socket.socket, Target], "tuple[int | None, str | None] | None"]

_LOOP_STEP = (
    "The server sends the request back to the URL it asked for: a redirect loop, not a new "
    "address, so pointing the destination elsewhere will not help. Usual reasons: an SSL "
    "offloader or load balancer whose http→https rule fires although the call already came "
    "over HTTPS (the server behind it sees plain HTTP), or a logon or cookie redirect that "
    "sends a caller without the expected session cookie back to the same page. Ask the "
    "server's owner which rule redirects this request to itself."
)
LOOP_VIA_HTTPS_STEP = (
    "The server sends http:// callers to https://, and the https:// address sends them back to "
    "the http:// URL: a redirect loop, so switching SSL on in SM59 alone does not help — the "
    "call then gets the redirect back to http://. Usually an SSL offloader or load balancer "
    "in front of the server ends TLS and the server behind it, seeing plain HTTP, redirects "
    "to https:// again (or the two rules disagree). Ask the server's owner to let HTTPS "
    "requests through without the redirect to http://; then use the HTTPS address (SM59 → "
    "destination → Logon & Security → SSL Active)."
)
_ELSEWHERE_STEP = (
    "Point the destination at the address the redirect names, if that is the service: SM59 → "
    "destination → Technical Settings (Target Host, Service No., Path Prefix)."
)


_TO_PLAIN_STEP = (
    "Do not follow this redirect by switching SSL off in SM59: the call, its user and password "
    "and the answer would cross the network unencrypted. Ask the server's owner for the https:// "
    "URL that answers without a redirect — often an SSL offloader or load balancer hands the "
    "request on as plain HTTP and the application builds its redirects for http:// — and set "
    "that in SM59 → destination → Technical Settings (Target Host, Service No., Path Prefix)."
)


def location_target(location: str, target: Target) -> Target | None:
    try:
        return parse_target(urljoin(str(target), location.strip()))
    except (TargetError, ValueError):
        return None


def _origin(target: Target) -> tuple[str, str, int]:
    return target.scheme, target.host.lower(), target.port


def same_url(location: str, target: Target, base: Target | None = None) -> bool:
    """Does `location` (absolute or relative to `base`, the URL that answered with it —
    by default `target`) name the URL that was requested? Scheme, host, port (the default
    one spelt out or not) and path with query must all match."""
    led_to = location_target(location, base or target)
    return led_to is not None and (_origin(led_to), led_to.path) == (_origin(target), target.path)


def hop_on_same_server(finding: Finding, target: Target) -> Target | None:
    """The URL a redirect warning names when it is another path on the same server (worth
    one request to see whether it leads back); None otherwise."""
    location = finding.data.get("location")
    if finding.step != "http" or finding.status != "warn" or finding.data.get("redirect_loop") \
            or not isinstance(location, str):
        return None
    led_to = location_target(location, target)
    if led_to is None or _origin(led_to) != _origin(target) or led_to.path == target.path:
        return None
    return replace(target, path=led_to.path)  # the host as the user wrote it (SNI, Host header)


def _hop_loops(finding: Finding, hop: Target, location: str, target: Target) -> bool:
    """The hop redirects back to the requested URL, or to itself: a loop either way."""
    if same_url(location, target):
        back = "redirects back to the requested URL"
    elif same_url(location, hop):
        back = "redirects to itself"
    else:
        return False
    finding.detail += f"; followed once, {hop.path} {back} — a redirect loop"
    finding.cause = "redirect_loop"
    finding.data.update(redirect_loop=True, loop_through=hop.path, next_step=_LOOP_STEP)
    return True


def loop_through(finding: Finding, hop: Target, status: int | None, location: str | None,
                 target: Target) -> None:
    """What the request to `hop` (the redirect's path on the same server) got: a redirect
    back (a loop), one more redirect, or an answer — which decides the next step, since
    "point the destination at the address named" only helps when that address answers."""
    if status is None:
        return
    if 300 <= status < 400 and location:
        if _hop_loops(finding, hop, location, target):
            return
        shown = escape_control(location)
        finding.detail += f"; followed once, {hop.path} redirects again (Location: {shown})"
        finding.data.update(hop_status=status, next_step=(
            f"The server redirects more than once ({target.path} → {hop.path} → {shown}): pointing "
            f"the destination at {hop.path} still meets a redirect. Ask the server's owner for the "
            "URL that answers this call without a redirect (for example a logon "
            "page or a load-balancer rule), and set that in SM59 → destination → Technical "
            "Settings (Target Host, Service No., Path Prefix)."))
    elif 200 <= status < 300:
        finding.detail += f"; followed once, {hop.path} answers {status}"
        finding.data.update(hop_status=status, next_step=(
            f"Point the destination at the address the redirect names: {hop.path} on the same "
            f"server answers {status}. Set the Path Prefix in SM59 → destination → Technical "
            f"Settings (or the path in the program's URL) to {hop.path}, so the call needs no "
            "redirect."))
    elif status >= 400:
        finding.detail += f"; followed once, {hop.path} answers {status}"
        finding.data.update(hop_status=status, next_step=(
            f"The redirect leads to {hop.path}, which answers {status} itself, so pointing the "
            "destination there does not help either. Ask the server's owner which URL serves "
            "this call, and set it in SM59 → destination → Technical Settings (Path Prefix)."))


def redirect_finding(detail: str, location: str, elapsed_ms: float, data: dict[str, object],
                     target: Target | None = None) -> Finding:
    """The warning for a 3xx with `location` (already escaped for display); `target` is
    the requested URL, when known."""
    if target is not None and same_url(location, target):
        return Finding("http", "warn",
                       f"the server redirects instead of answering: {detail}. The redirect leads "
                       "back to the URL that was requested — a redirect loop",
                       elapsed_ms, cause="redirect_loop",
                       data={**data, "redirect_loop": True, "next_step": _LOOP_STEP})
    led_to = location_target(location, target) if target is not None else None
    if target is not None and led_to is not None and _origin(led_to) == _origin(target):
        return Finding("http", "warn",
                       f"the server redirects instead of answering: {detail}. It leads to another "
                       "path on the same server", elapsed_ms, cause="server_redirect",
                       data={**data, "next_step": _ELSEWHERE_STEP})
    low = location.lower()
    if target is not None and not target.tls and led_to is not None and led_to.tls \
            and led_to.host.lower() == target.host.lower():
        return Finding("http", "warn", f"the server redirects instead of answering: {detail}. It "
                       "sends the plain-http call to HTTPS on the same host", elapsed_ms,
                       cause="server_redirect", data=data)
    if target is not None and target.tls and led_to is not None and not led_to.tls:
        return Finding("http", "warn",
                       f"the server redirects instead of answering: {detail}. The check does not "
                       "follow it: it leads to plain http://, where the HTTPS call's request, its "
                       "logon data and the answer would travel unencrypted", elapsed_ms,
                       cause="server_redirect", data={**data, "to_plain_http": True,
                                                      "next_step": _TO_PLAIN_STEP})
    if low.startswith("http://"):
        where = ("it leads to plain http://, so the call would leave TLS; use the HTTPS address "
                 "the service really answers on")
    elif low.startswith("https://"):
        where = ("if it leads to another host, that host's certificate chain must be trusted in "
                 "the SSL client PSE as well — check it with sapassist check on that address")
    else:
        where = "it is a path on the same server"
    return Finding("http", "warn",
                   f"the server redirects instead of answering: {detail}. The check does not "
                   f"follow redirects; {where}", elapsed_ms, cause="server_redirect",
                   data={**data, "next_step": _ELSEWHERE_STEP})


def follow_once(run: CheckRun, finding: Finding, exchange: HopExchange,
                open_stream: Callable[[Deadline], socket.socket] | None = None) -> None:
    """A redirect to another path on the same server: that path once, on a fresh
    connection (`open_stream`, else the check's own route; `exchange` speaks it: verified
    TLS, or plain http) — does it send the request back (a loop through it)?"""
    hop = hop_on_same_server(finding, run.target)
    if hop is None or run.stopped() or run.deadline.expired():
        return
    try:
        sock = (open_stream or run.open_stream)(run.deadline)
    except OSError:
        return
    answer = exchange(sock, hop)
    if answer is not None:
        loop_through(finding, hop, answer[0], answer[1], run.target)


@dataclass(frozen=True, slots=True)
class OddStatus:
    """A final status the request did not allow for: what it means and what to do."""

    status: Literal["warn", "fail"]
    cause: str
    detail: str
    next_step: str


def status_without_its_conditions(status: int, status_line: str, upgrade: str | None) -> OddStatus | None:
    """A status that is valid only under conditions this plain GET does not meet (RFC 9110):
    a 3xx without Location (nowhere to go), 304 to a request that was not conditional, 101
    to a request that asked for no upgrade. None for any other status."""
    if status == 101:
        protocol = escape_control(upgrade) if upgrade else ""
        to, named = (f" to {protocol}", f" (Upgrade: {protocol})") if protocol else ("", "")
        return OddStatus(
            "fail", "destination_misconfigured",
            f"the server switched the connection{to} although the request asked for no upgrade "
            "(RFC 9110 15.2.2 allows 101 only in answer to an Upgrade request): no HTTP answer follows",
            f"The URL answers '{status_line}'{named}: it is an endpoint of another protocol (such as a "
            "WebSocket), not an HTTP service, so an HTTP call gets no answer there. Check the Path "
            "Prefix and Service No. in SM59 → destination → Technical Settings, and ask the server's "
            "owner for the service's HTTP URL.")
    if status == 304:
        return OddStatus(
            "warn", "server_redirect",
            "304 answers only a conditional request (RFC 9110 15.4.5); this one was not, so there "
            "is no cached copy it could refer to and the call gets no content",
            f"The server answers '{status_line}' to a plain GET: a cache or proxy in front of the "
            "service answers wrongly, or the service does. Ask the server's owner; the SAP call "
            "gets status 304 and an empty body.")
    if 300 <= status < 400:
        return OddStatus(
            "warn", "server_redirect",
            "a redirect without a Location header names no address to go to: a client that "
            "follows redirects has nowhere to go, one that does not gets this status, not the resource",
            f"The server answers '{status_line}' but names no address (no Location header): ask "
            "the server's owner why this request is redirected and where to — often a logon, "
            "session or load-balancer rule that lost its target; check the Path Prefix in SM59 → "
            "destination → Technical Settings.")
    return None
