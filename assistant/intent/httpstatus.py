"""HTTP status reason phrases (RFC 9110 and friends).

The router needs them to say the other reading of a bare "HTTP 407": a server's status
"Proxy Authentication Required" versus the ICM code SCLNT_HTTP407 (SSL error).
"""

from __future__ import annotations

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
