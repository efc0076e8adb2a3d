"""Error statuses on a direct request that mean more than "the server refused it".

Two of them are misread often enough to be said plainly:

- **426 Upgrade Required** (RFC 9110 15.5.22): the server will not serve the request over
  this protocol and names the one it wants in `Upgrade` (`TLS/1.2` — RFC 2817's in-band
  switch to TLS, `h2c` — HTTP/2, `websocket`). It shares only its number with the SAP
  message SCLNT_HTTP426, which is the ICM's word for an unexpected status *from a proxy*.
- **429 Too Many Requests** (RFC 6585 section 4): the server limits the caller's request
  rate, often with `Retry-After` saying how long to wait.
- **A client certificate asked for at the HTTP level**: a server that asks for a client
  certificate in the handshake, goes on without one and then answers the request with an
  error page about it — nginx's 400 "No required SSL certificate was sent" (its code 496)
  or "The SSL certificate error" (495), IIS's 403.7/403.16. The handshake looks fine; the
  certificate is still what is missing or refused.
- **An answer from a proxy** when no proxy was configured: a 407 (only a proxy asks for
  the proxy logon, RFC 9110 15.5.8), a `Proxy-Authenticate` or Squid's `X-Squid-Error`.
  The URL then reaches a proxy, not the server — the proxy itself was given as the
  target, or a proxy on the path takes the connection.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from assistant.diagnostics.samenumber import not_the_sap_message
from assistant.redact import untrusted
from assistant.textsafe import escape_control


class StatusNote(NamedTuple):
    """What to add to the finding of such a status."""

    hint: str  # appended to the detail
    cause: str
    next_step: str
    data: dict[str, object]


NOT_SCLNT_HTTP426 = not_the_sap_message(426)


def upgrade_required(upgrade: str | None) -> StatusNote:
    """426: what the server's `Upgrade` header asks for, and what to do."""
    shown = _shown(upgrade or "")
    wanted = shown.lower()
    if "tls" in wanted:
        step = ("The server wants TLS: call it with https:// — SM59 → destination → Logon & Security "
                "→ SSL Active, the server's HTTPS port as Service No. and its certificate chain in the "
                "SSL client PSE (STRUST).")
    elif "h2" in wanted or "http/2" in wanted:
        step = ("The server wants HTTP/2. An SAP system on ABAP Platform 1909 or newer speaks HTTP/2 "
                "outbound when the server offers it in the TLS handshake (unless "
                "icm/HTTP/client/support_http2 = false): call it with https:// (SSL Active in SM59); an "
                "older release speaks HTTP/1.1 only — then ask the server's owner to accept HTTP/1.1.")
    elif "websocket" in wanted:
        step = ("The server wants a WebSocket connection: this path is an endpoint of another protocol. "
                "Ask the service's owner for its HTTP URL and put its path in SM59 → Technical Settings "
                "→ Path Prefix.")
    else:
        step = ("Ask the server's owner which protocol it requires on this URL (it names "
                f"{shown or 'none'} in Upgrade) and whether the service has an HTTP/1.1 URL.")
    said = f"the server requires another protocol (Upgrade: {shown or 'not sent'})"
    return StatusNote(f" — {said}; {NOT_SCLNT_HTTP426}", "destination_misconfigured", step,
                      {"upgrade": shown})


PROXY_SIGNS = ("Proxy-Authenticate", "X-Squid-Error")


def proxy_answered(status: int, header: Callable[[str], str | None]) -> StatusNote | None:
    """A direct request answered the way only a proxy answers; None otherwise. `header`
    looks a response header up by name."""
    signs = [f"{name}: {_shown(value)}" for name in PROXY_SIGNS if (value := header(name))]
    if status != 407 and not signs:
        return None
    what = f"{status} and {', '.join(signs)}" if signs else f"{status}"
    step = ("The answer comes from a proxy, not from the server: either the host and port called are "
            "a proxy's — then put the proxy into SM59 → destination → HTTP Proxy Options (or SICF → "
            "Client → Proxy Settings) and the real server into Technical Settings → Target Host — or a "
            "proxy on the network path takes the connection; then ask the network team, and if the SAP "
            "system must go through it, set it and its logon in those proxy settings.")
    return StatusNote(f" — an answer only a proxy gives ({what}): the URL reaches a proxy, not the server",
                      "destination_misconfigured", step, {"answered_by_proxy": signs or [str(status)]})


SHOWN_CHARS = 120


def _shown(value: str) -> str:
    """A header value as the server sent it (scrubbed of this check's secrets, control
    characters escaped), cut to a length a sentence can carry."""
    text = escape_control(untrusted(value))
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def rate_limited(retry_after: str | None) -> StatusNote:
    """429: the server's rate limit, and how long it asks to wait."""
    wait = _shown(retry_after or "")
    hint = (" — the server limits how many requests it takes from this caller (rate limit)"
            + (f"; Retry-After: {wait}" if wait else ""))
    step = ("The server rate-limits the calls: wait " + (f"as Retry-After says ({wait}) " if wait else "a while ")
            + "and try again, then find out which limit the SAP system's calls exceed (the API's "
            "documentation or its owner: per user, per token or per source address — all application "
            "servers behind one outbound address share a per-address limit) and lower the call rate, "
            "spread the calls out, or log on for a higher quota.")
    return StatusNote(hint, "http_status_from_server", step, {"retry_after": wait} if wait else {})


# Error pages that say the request lacked (or had a bad) client certificate; matched on
# the first bytes of the body, never shown.
_CERT_PAGE = re.compile(rb"(?i)no required ssl certificate|ssl certificate error|client certificate")
CERT_PAGE_STATUSES = (400, 403, 495, 496)


def client_cert_at_request(status: int, body_head: bytes, *, requested: bool, presented: bool,
                           ca_names: list[str] | None = None) -> StatusNote | None:
    """The server asked for a client certificate in the handshake, let it complete and
    then refused the request with a page about the certificate; None otherwise."""
    if not requested or status not in CERT_PAGE_STATUSES or not _CERT_PAGE.search(body_head):
        return None
    if presented:
        return StatusNote(
            " — its page is about the client certificate: the server took ours in the handshake and "
            "refuses it for the request", "client_cert_rejected",
            "The server refuses the client certificate the call presents, at the HTTP level: ask its "
            "owner which CA and which certificate it accepts for this URL, and put such a certificate "
            "into the SSL client PSE the destination uses (STRUST; SM59 → Logon & Security).",
            {"client_cert_page": True})
    return StatusNote(
        " — its page is about the client certificate: the server asked for one in the handshake, "
        "went on without it and refuses the request (nginx with ssl_verify_client, IIS requiring "
        "certificates answer this way)", "client_cert_required",
        "The server requires a client certificate for this URL, although its handshake lets a call "
        "without one through. Choose a PSE with an own certificate: SM59 → destination → Logon & "
        "Security → SSL client certificate = DFAULT or an individual PSE (ANONYM never presents one), "
        + (f"issued by one of the CAs the server names: {'; '.join(ca_names[:5])}." if ca_names else
           "from a CA the server accepts — ask its owner which."),
        {"client_cert_page": True})
