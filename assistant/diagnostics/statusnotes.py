"""Error statuses on a direct request that mean more than "the server refused it".

Two of them are misread often enough to be said plainly:

- **426 Upgrade Required** (RFC 9110 15.5.22): the server will not serve the request over
  this protocol and names the one it wants in `Upgrade` (`TLS/1.2` — RFC 2817's in-band
  switch to TLS, `h2c` — HTTP/2, `websocket`). It shares only its number with the SAP
  message SCLNT_HTTP426, which is the ICM's word for an unexpected status *from a proxy*.
- **An answer from a proxy** when no proxy was configured: a 407 (only a proxy asks for
  the proxy logon, RFC 9110 15.5.8), a `Proxy-Authenticate` or Squid's `X-Squid-Error`.
  The URL then reaches a proxy, not the server — the proxy itself was given as the
  target, or a proxy on the path takes the connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from assistant.redact import untrusted
from assistant.textsafe import escape_control


class StatusNote(NamedTuple):
    """What to add to the finding of such a status."""

    hint: str  # appended to the detail
    cause: str
    next_step: str
    data: dict[str, object]


NOT_SCLNT_HTTP426 = ("HTTP status 426 is the server's own answer — not the SAP message SCLNT_HTTP426, "
                     "which is an unexpected status from a proxy; they share only the number")


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
