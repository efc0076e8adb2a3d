"""A far server's HTTP status whose number is also an SCLNT_HTTP message number.

The numbers of class SCLNT_HTTP are the ICM's client error codes (ICMDEF: 400 =
ICM_HTTP_CONNECTION_FAILED … 426 = ICM_HTTP_PROXY_HTTP_ERROR; see
/work/shared/reference/sclnt_http_facts.md §2–3 and knowledge/messages.yaml), and they run
through the same range as HTTP's 4xx statuses. abapGit writes both as "HTTP error NNN", and
its troubleshooting page files SCLNT_HTTP421 (certificate not trusted) under "421 -
Misdirected Request" — so an admin who reads "421" from a server goes to STRUST for a
certificate that is fine. Every such status is said to be the server's own answer, with the
SAP message it is not.

`misdirected_step` says what a 421 means for the call: the server will not serve the name
it was asked for on this connection — the name this check sent (SNI and Host) is named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.diagnostics.target import Target

# The ICM constant of each SCLNT_HTTP message (knowledge/messages.yaml `icm_constant`, a
# unit test keeps the two equal); SAP's short text where it is confirmed.
ICM_CLIENT_ERRORS: dict[int, str] = {
    400: "ICM_HTTP_CONNECTION_FAILED",
    401: "ICM_HTTP_CONNECTION_BROKEN",
    402: "Timeout error (ICM_HTTP_TIMEOUT)",
    403: "ICM_HTTP_SERVICE_UNAVAILABLE",
    404: "ICM_HTTP_NO_MORE_MEMORY",
    405: "ICM_HTTP_INTERNAL_ERROR",
    406: "ICM authorization error (ICM_HTTP_NO_PERMISSION)",
    407: "SSL error (ICM_HTTP_SSL_ERROR)",
    408: "ICM_HTTP_SSLPROXY_ERROR",
    409: "ICM_HTTP_NOT_FOUND",
    410: "Logon failed (ICM_HTTP_UNAUTHORIZED)",
    411: "ICM_HTTP_CONNECTION_REFUSED",
    412: "ICM_HTTP_PROXY_CONN_REFUSED",
    413: "ICM_HTTP_PROXY_HOST_UNKNOWN",
    414: "ICM_HTTP_SSL_CRED_NOT_FOUND",
    415: "Invalid host name in SSL server certificate (ICM_HTTP_SSL_CERT_MISMATCH)",
    416: "Logon at proxy failed (ICM_HTTP_PROXY_UNAUTHORIZED)",
    417: "ICM_HTTP_HOST_UNKNOWN",
    418: "ICM_HTTP_SSL_PEER_CERT_EXPIRED",
    421: "SSL certificate not trusted (ICM_HTTP_SSL_PEER_CERT_UNTRUSTED)",
    426: "Unexpected HTTP status code from HTTP proxy (ICM_HTTP_PROXY_HTTP_ERROR)",
}


def not_the_sap_message(status: int) -> str:
    """The sentence that keeps a server's status apart from the SAP message of the same
    number; "" when no SCLNT_HTTP message has that number."""
    meaning = ICM_CLIENT_ERRORS.get(status)
    if meaning is None:
        return ""
    named = f"'{meaning}'" if "(" in meaning else f"({meaning})"  # a short text is quoted
    return (f"HTTP status {status} is the server's own answer — not the SAP message "
            f"SCLNT_HTTP{status} {named}, an error of the SAP system's own HTTP client; they "
            "share only the number")


def misdirected_step(sni: str | None, target: Target) -> str:
    """421 (RFC 9110 15.5.20): the server cannot serve the request's name on this
    connection. What it asked for follows from what was sent: no SNI (an IP address, SNI
    off) — it needs the name in the handshake; SNI and Host the same name — it does not
    serve that name on this port (a shared host or CDN without it)."""
    host, host_header = target.host, target.host_header
    sent = (f"this check sent the name {sni} as SNI and 'Host: {host_header}'" if sni else
            f"this check sent no SNI and 'Host: {host_header}'" if target.tls else
            f"this check sent 'Host: {host_header}' over plain HTTP")
    if target.tls and not sni:
        what = ("It needs the name in the TLS handshake: call the service by its name in SM59 → "
                "Technical Settings → Target Host (an IP address is never sent as SNI), and make sure "
                "the SAP system sends SNI (icm/HTTPS/client_sni_enabled, ssl/client_sni_enabled).")
    else:
        what = (f"It does not serve {host} on this address and port — typical of shared hosting or a "
                "CDN that has no site of that name there. Ask the service's owner for the name it is "
                "published under and put that into SM59 → Technical Settings → Target Host (not an IP "
                "address or an alias); the SAP system must send it as SNI too (icm/HTTPS/"
                "client_sni_enabled, ssl/client_sni_enabled).")
    return (f"{not_the_sap_message(421)}: the certificate is not what failed. With 421 Misdirected "
            f"Request the server says the request reached it on a connection for another host: it "
            f"will not serve the name asked for here — {sent}. {what}")
