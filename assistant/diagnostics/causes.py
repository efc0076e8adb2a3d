"""Which SCLNT_HTTP message the ICM usually reports for each cause the checks can find.

The numbers are those of the ICM constants in `knowledge/messages.yaml`, where each
message says whether SAP's wording is confirmed; several are only `inferred`, so answers
say "usually reported as". Cause ids are knowledge-base cause ids.
"""

from __future__ import annotations

# Where a server's CA certificates go in SAP, in every text that says "import it".
TRUST_PSE = "SSL client PSE of the SM59 destination (SSL client Anonymous or Standard: ANONYM or DFAULT)"

# The catch-all of a failed handshake, titled "… for a reason the live check cannot name", and
# the words its finding's detail has when the check names none: any other detail of that cause
# names the reason itself (an alert, the server's protocol breach, a certificate list too
# large), and the answer leads with it (answers.check).
CATCH_ALL_CAUSE = "tls_handshake_failed"
UNNAMED_REASON = "none of the known causes fits"

CAUSE_MESSAGE: dict[str, str | None] = {
    "dns_failure": "SCLNT_HTTP417",
    "connection_refused": "SCLNT_HTTP411",
    "connect_timeout": "SCLNT_HTTP402",
    "proxy_host_unknown": "SCLNT_HTTP413",
    "proxy_refused": "SCLNT_HTTP412",
    "proxy_auth_failed": "SCLNT_HTTP416",
    "proxy_http_error": "SCLNT_HTTP426",
    "no_tls_on_port": "SCLNT_HTTP407",
    "tls_version_or_cipher_mismatch": "SCLNT_HTTP407",
    "server_timeout": "SCLNT_HTTP402",
    "connection_broken": "SCLNT_HTTP401",
    "client_cert_required": "SCLNT_HTTP407",
    "client_cert_rejected": "SCLNT_HTTP407",
    "tls_handshake_failed": "SCLNT_HTTP407",
    "sni_not_sent": "SCLNT_HTTP415",
    "hostname_mismatch": "SCLNT_HTTP415",
    "wildcard_cert_not_matching": "SCLNT_HTTP415",
    "server_cert_expired": "SCLNT_HTTP418",
    "server_cert_not_yet_valid": "SCLNT_HTTP418",
    "server_cert_expiring_soon": None,
    "server_cert_self_signed": "SCLNT_HTTP421",
    "intermediate_missing": "SCLNT_HTTP421",
    "server_cert_untrusted": "SCLNT_HTTP421",
    "weak_server_key": None,  # whether CommonCryptoLib refuses a weak key or SHA-1, and how, is not documented
    "http_status_from_server": None,
    "server_redirect": None,  # the server's own answer, as a 4xx/5xx is
    "redirect_loop": None,
    "server_http2_only": None,  # SAP's message on a release without HTTP/2 is not known
    "logon_failed": "SCLNT_HTTP410",
}


def message_for(cause: str | None) -> str | None:
    return CAUSE_MESSAGE.get(cause) if cause else None


# OpenSSL X509 verify codes → cause, used only when our own chain analysis is unavailable.
VERIFY_CODE_CAUSE: dict[int, str] = {
    2: "intermediate_missing",  # unable to get issuer certificate
    9: "server_cert_not_yet_valid",
    10: "server_cert_expired",
    18: "server_cert_self_signed",
    19: "server_cert_untrusted",  # self-signed certificate in chain
    20: "intermediate_missing",  # unable to get local issuer certificate
    21: "intermediate_missing",  # unable to verify the first certificate
    62: "hostname_mismatch",
    64: "hostname_mismatch",  # IP address mismatch
    66: "weak_server_key",  # EE key too weak
    67: "weak_server_key",  # CA key too weak
    68: "weak_server_key",  # CA signature digest too weak
}
