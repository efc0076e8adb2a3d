"""Who wrote an error status that came back through a forward proxy — the proxy or the server?

An http:// URL through a forward proxy gets one answer for two possible authors: the
proxy answers 403 itself when its rules deny the target and 502/503/504 when it cannot
reach the target (or not in time), and it relays the same statuses when the server, or
a gateway in front of it, sends them. The answer is judged by what it carries: Squid's
`X-Squid-Error`, a `Server` header that names the proxy's host, or an error page that
names it make it the proxy's. A `Via` header naming the proxy only says the answer
passed through it (RFC 9110 7.6.3: a proxy adds Via to the messages it forwards, and
some put it on their own pages too). With none of them the check says it cannot tell,
and how to find out. A 407 is always a proxy's: it asks for the proxy logon.
"""

from __future__ import annotations

import re

from assistant.diagnostics.httphead import ResponseHead
from assistant.diagnostics.model import Finding
from assistant.diagnostics.pagetext import with_page_words
from assistant.diagnostics.proxy import PROXY_REACH, proxy_status_finding
from assistant.redact import untrusted
from assistant.textsafe import escape_control

GATEWAY_STATUSES = (502, 503, 504)
PROXY_OWN_STATUSES = (403, *GATEWAY_STATUSES)  # what a forward proxy answers itself, and relays too


def forward_proxy_answer(resp: ResponseHead, body_head: bytes, proxy: str, credentials_sent: bool,
                         elapsed_ms: float, data: dict[str, object]) -> Finding | None:
    """The finding for an error status to a forwarded request (`proxy`: host:port as
    configured): the proxy's, or "may be the proxy's"; None when nothing points to the
    proxy (the server's own answer). Its page's words are shown as for a refused CONNECT —
    scrubbed, escaped, cut — since they name the rule or the reason the proxy team needs."""
    found = _forward_finding(resp, body_head, proxy, credentials_sent, elapsed_ms, data)
    if found is None:
        return None
    if found.data.get("answered_by") == "unknown":
        return with_page_words(found, body_head, hand_to="Its page's words may tell who answered")
    return with_page_words(found, body_head)


def _forward_finding(resp: ResponseHead, body_head: bytes, proxy: str, credentials_sent: bool,
                     elapsed_ms: float, data: dict[str, object]) -> Finding | None:
    if resp.status == 407:
        return forwarded_logon(proxy_status_finding(resp, credentials_sent, proxy, elapsed_ms, data,
                                                    step="http"))
    if resp.status >= 400 and resp.get("X-Squid-Error"):  # Squid's own error pages carry it
        return no_connect_message(proxy_status_finding(resp, credentials_sent, proxy, elapsed_ms, data,
                                                       step="http"))
    if resp.status not in PROXY_OWN_STATUSES:
        return None
    host = proxy_host(proxy)
    sign = proxy_signature(resp, body_head, host)
    if sign:
        found = proxy_status_finding(resp, credentials_sent, proxy, elapsed_ms, data, step="http")
        found.detail += f" ({sign})"
        found.data["answered_by"] = "proxy"
        return no_connect_message(found)
    return uncertain_finding(resp, proxy, host, elapsed_ms, data)


FORWARDED_MESSAGE = (
    "; SCLNT_HTTP426 (unexpected HTTP status code from HTTP proxy) is known for a proxy's answer "
    "to the CONNECT of an https:// call — which message an SAP system shows when the proxy "
    "answers a plain http:// request itself is not known here"
)


def no_connect_message(found: Finding) -> Finding:
    """The proxy's own status for a forwarded request: what it says stays, the message
    known only for a CONNECT (426) is not claimed."""
    found.sclnt_http = None
    found.detail += FORWARDED_MESSAGE
    return found


FORWARDED_LOGON = (
    "; SCLNT_HTTP416 (Logon at proxy failed) says only that the logon at the proxy failed, and "
    "SAP's proxy settings hold a user and password for HTTP as for HTTPS — but no source found "
    "says which message an SAP system shows when the proxy answers a plain http:// request with "
    "407, so none is named here"
)
FORWARDED_LOGON_STEP = (
    "The proxy wants a logon for plain http:// too: check the proxy user and password the call "
    "uses for HTTP — SICF → Client → Proxy Settings keeps them apart from those for HTTPS; "
    "SM59 → HTTP Proxy Options holds the destination's own."
)


def forwarded_logon(found: Finding) -> Finding:
    """The proxy's 407 to a forwarded request: the proxy logon failed (cause and what the
    proxy offers stay), but SCLNT_HTTP416 is not claimed — no source ties it to a plain
    http:// request (SICF's separate HTTP user and password are the place to look)."""
    found.sclnt_http = None
    found.detail += FORWARDED_LOGON
    found.data.setdefault("next_step", FORWARDED_LOGON_STEP)
    return found


SHOWN_MAX = 200  # a header value is shown up to this many characters


def shown(value: str) -> str:
    """A header value as server text is shown: control characters escaped, length bounded."""
    text = escape_control(value)
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX] + "…"


def proxy_host(proxy: str) -> str:
    """`host:port` or `[v6]:port` → the host."""
    return proxy.rpartition(":")[0].strip("[]") or proxy


def names_host(text: str, host: str) -> bool:
    """`host` appears in `text` as a whole name (not as part of a longer one)."""
    pattern = rf"(?<![\w.-]){re.escape(host)}(?![\w-]|\.[\w-])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def proxy_signature(resp: ResponseHead, body_head: bytes, host: str) -> str:
    """What makes the answer the proxy's own, in words; "" when nothing does."""
    server = resp.get("Server") or ""
    if server and names_host(server, host):
        return f"its Server header names the proxy: {shown(server)}"
    if body_head and names_host(untrusted(body_head.decode("latin-1")), host):
        return f"its error page names the proxy's host {host}"
    return ""


# Why a forward proxy answers a status itself, why a server sends the same one, and the
# next step for each author — by status (a gateway status shares one entry).
WHO_MIGHT = {
    403: ("when its rules deny the target (its access list or URL filter), and relays a 403 the "
          "server sends when it refuses the user or client",
          "If the proxy made it, its rules deny this target: ask the proxy team to allow this host "
          "and port for the SAP application servers — the proxy's log shows whether it answered. If it "
          "relayed the server's answer, the server refuses this user or client: ask its owner which "
          "user or role it accepts (SM59 → Logon & Security)."),
    502: ("when it cannot reach the target (or not in time), and relays the same status from the "
          "server or a gateway in front of it",
          f"If the proxy made it, it could not reach the target — {PROXY_REACH}; the log also shows "
          "whether the proxy made it. If it relayed the server's answer, the server or a gateway in "
          "front of it cannot serve the request now: ask its owner whether the service is up."),
}


def uncertain_finding(resp: ResponseHead, proxy: str, host: str, elapsed_ms: float,
                      data: dict[str, object]) -> Finding:
    """A 403 or 502/503/504 that may be the proxy's or the server's: the headers shown
    literally, no SCLNT_HTTP message and no cause claimed, a next step that finds out."""
    status_text = f"{resp.status} {escape_control(resp.reason)}".strip()
    seen = [f"{name}: {shown(resp.get(name) or '')}" for name in ("Server", "Via") if resp.get(name)]
    via = resp.get("Via") or ""
    passed = (" — its Via header names the proxy: the answer passed through it, which a proxy's own "
              "page may say as well") if via and names_host(via, host) else ""
    why, then = WHO_MIGHT[403 if resp.status == 403 else 502]
    detail = (f"the answer {resp.http_version} {status_text} came back through the proxy {proxy} "
              f"and may be the proxy's own: a forward proxy answers {resp.status} itself {why}. "
              "Nothing in this answer tells which (no X-Squid-Error; "
              f"neither a Server header nor the page names {host})"
              + (f"; {', '.join(seen)}" if seen else "") + passed)
    step = f"Find out who answered {resp.status}. {then}"
    return Finding("http", "warn", detail, elapsed_ms,
                   data={**data, "answered_by": "unknown", "next_step": step})
