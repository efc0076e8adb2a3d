"""HTTP status reason phrases (RFC 9110 and friends).

The router needs them to say the other reading of a bare "HTTP 407": a server's status
"Proxy Authentication Required" versus the ICM code SCLNT_HTTP407 (SSL error). The tables
below say where a real status leads in SAP terms (`status_mapping`: HTTP 407 from a proxy
is SCLNT_HTTP416) and which statuses the ICM makes up itself after a failed call
(`ICM_PAGES`: 404 "Connection Refused", 500 "Native SSL Error").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.intent.fuzzy import normalize

PROXY_AUTHENTICATION_REQUIRED = 407  # always a proxy's own answer, never the target's

HTTP_REASONS: dict[int, str] = {
    100: "Continue",
    101: "Switching Protocols",
    200: "OK",
    201: "Created",
    202: "Accepted",
    204: "No Content",
    301: "Moved Permanently",
    302: "Found",
    303: "See Other",
    304: "Not Modified",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    411: "Length Required",
    412: "Precondition Failed",
    413: "Content Too Large",
    414: "URI Too Long",
    415: "Unsupported Media Type",
    416: "Range Not Satisfiable",
    417: "Expectation Failed",
    418: "I'm a teapot",
    421: "Misdirected Request",
    422: "Unprocessable Content",
    423: "Locked",
    424: "Failed Dependency",
    425: "Too Early",
    426: "Upgrade Required",
    428: "Precondition Required",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
    505: "HTTP Version Not Supported",
    511: "Network Authentication Required",
}

# Older names people still paste (RFC 7231 wording).
HTTP_REASON_ALIASES: dict[str, int] = {
    "payload too large": 413,
    "request entity too large": 413,
    "request-uri too long": 414,
    "requested range not satisfiable": 416,
    "unprocessable entity": 422,
    "proxy authentication required": 407,
    "request time-out": 408,
    "gateway time-out": 504,
}


def reason_phrase(code: int) -> str | None:
    return HTTP_REASONS.get(code)


# --- where an HTTP status leads in SAP terms ------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusMapping:
    """What a real HTTP status means for an SAP HTTP client: the message and cause it leads to.

    `message_number` is the SCLNT_HTTP number SAP reports for that situation (None when the
    status reaches the ABAP program as the server's answer and no ICM error is raised).
    """

    status: int
    message_number: int | None
    cause: str
    note: str


def status_mapping(status: int, *, via_proxy: bool) -> StatusMapping | None:
    """The SAP reading of a real HTTP status, from the proxy (CONNECT) or from the target."""
    if status == 407:
        return StatusMapping(
            407, 416, "proxy_auth_failed",
            "the proxy wants credentials, or rejected the ones sent",
        )
    if via_proxy and 400 <= status <= 599:
        return StatusMapping(
            status, 426, "proxy_http_error",
            "the proxy refused to open the CONNECT tunnel to the target",
        )
    if status == 401:
        return StatusMapping(
            401, 410, "logon_failed",
            "the target rejected the logon (user, password or key); the link to "
            "ICM_HTTP_UNAUTHORIZED is by its name — a program may instead get the 401 "
            "response itself from get_status( )",
        )
    if status == 426:
        return StatusMapping(
            426, None, "http_status_from_server",
            "the target itself wants another protocol; check the ssl/* parameters "
            "(SAP Note 510007) and SAP Note 3112487",
        )
    if 400 <= status <= 599:
        return StatusMapping(
            status, None, "http_status_from_server",
            "the server's own answer; no ICM error is involved",
        )
    return None


@dataclass(frozen=True, slots=True)
class IcmPage:
    """A status page the ICM makes itself after a failed call (not the server's answer)."""

    status: int
    phrase: str  # as normalised text, padded with spaces
    title: str
    message_number: int | None
    cause: str


ICM_PAGES: tuple[IcmPage, ...] = (
    IcmPage(404, " connection refused ", "Connection Refused", 411, "connection_refused"),
    IcmPage(404, " partner not reached ", "Resource not found: Partner not reached", None, "connect_timeout"),
    IcmPage(500, " native ssl error ", "Native SSL Error", 407, "no_tls_on_port"),
    # The processing timeout's page (SAP Note 824554); not icm/conn_timeout (that is 404).
    IcmPage(500, " connection timed out ", "Connection timed out", None, "server_timeout"),
)


def icm_pages_for(status: int) -> tuple[IcmPage, ...]:
    return tuple(p for p in ICM_PAGES if p.status == status)


@lru_cache(maxsize=1)
def reason_phrases() -> frozenset[str]:
    """Every reason phrase, normalized and stripped ("not found", "service unavailable"):
    a message title that is one of them is a status's words before it is the message's."""
    return frozenset(normalize(reason).strip() for reason in HTTP_REASONS.values())


@lru_cache(maxsize=1)
def _http_phrase_table() -> tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]:
    """The reason phrases worth looking for (4xx/5xx, more than one word) and the aliases,
    normalized once instead of on every question."""
    reasons = tuple(
        (code, normalize(reason)) for code, reason in HTTP_REASONS.items() if code >= 400 and " " in reason
    )
    return reasons, tuple((code, normalize(alias)) for alias, code in HTTP_REASON_ALIASES.items())


def http_phrases(normalized: str) -> list[int]:
    """HTTP statuses named by their reason phrase ("forbidden", "bad gateway")."""
    reasons, aliases = _http_phrase_table()
    found = [code for code, phrase in reasons if phrase in normalized]
    for code, phrase in aliases:
        if phrase in normalized and code not in found:
            found.append(code)
    return found
