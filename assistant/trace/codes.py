"""What a SapSSL code in dev_icm leads to, and which STRUST node a PSE file is.

The code → message pairs follow knowledge/codes.yaml (its `messages` lists, first entry)
and the KBA/docs cited in docs/research/dev_icm_formats.md; the causes are knowledge-base
cause ids. A code we do not know keeps its name but gets no SCLNT_HTTP message: we do not
guess one. PSE file names: SAPSSLA.pse is SSL client Anonymous, SAPSSLC.pse SSL client
Standard, SAPSSLS*.pse an SSL server PSE; anything else is an individual SSL client PSE.
"""

from __future__ import annotations

import posixpath

from assistant.diagnostics.causes import message_for
from assistant.trace.model import Handshake

# code → (cause, SCLNT_HTTP message the HTTP client reports)
CODES: dict[str, tuple[str, str | None]] = {
    "SSSLERR_PEER_CERT_UNTRUSTED": ("server_cert_untrusted", "SCLNT_HTTP421"),
    "SSSLERR_PEER_CERT_EXPIRED": ("server_cert_expired", "SCLNT_HTTP418"),
    "SSSLERR_SERVER_CERT_MISMATCH": ("hostname_mismatch", "SCLNT_HTTP415"),
    "SSSLRC_CONN_CLOSED": ("tls_version_or_cipher_mismatch", "SCLNT_HTTP407"),
    "SSSLERR_CONN_CLOSED": ("tls_version_or_cipher_mismatch", "SCLNT_HTTP407"),
    "SSSLERR_SSL_READ": ("tls_version_or_cipher_mismatch", "SCLNT_HTTP407"),
    "SSSLRC_NO_SSL_RESPONSE": ("no_tls_on_port", "SCLNT_HTTP407"),
    "SSSLERR_NO_SSL_RESPONSE": ("no_tls_on_port", "SCLNT_HTTP407"),
    "SSSLERR_ALERT_PROTOCOL_VERSION": ("tls_version_or_cipher_mismatch", "SCLNT_HTTP407"),
    "SSSLERR_ALERT_HANDSHAKE_FAILURE": ("tls_handshake_failed", "SCLNT_HTTP407"),
    "SSSLERR_SSL_CONNECT": ("tls_handshake_failed", None),
}
TRUST_CODES = {"SSSLERR_PEER_CERT_UNTRUSTED"}
# Codes a missing SNI explains as well (AWS SDK for SAP ABAP troubleshooting: NO_SSL_RESPONSE
# and host-name mismatch with client_sni_enabled off; KBA 3391859 checks SNI for MISMATCH).
SNI_CODES = {
    "SSSLERR_SERVER_CERT_MISMATCH", "SSSLRC_NO_SSL_RESPONSE", "SSSLERR_NO_SSL_RESPONSE",
    "SSSLRC_CONN_CLOSED", "SSSLERR_CONN_CLOSED", "SSSLERR_SSL_READ",
}
INCOMPLETE_MESSAGE = "SCLNT_HTTP407"  # knowledge/codes.yaml DEV_ICM_INCOMPLETE_HANDSHAKE

ANONYMOUS = "SSL client Anonymous (ANONYM)"
STANDARD = "SSL client Standard (DFAULT)"
UNKNOWN_PSE = "the SSL client PSE of the destination (SSL client Anonymous or Standard)"


def code_meaning(h: Handshake) -> tuple[str | None, str | None]:
    """(cause, SCLNT_HTTP message) from the trace alone, before any chain analysis."""
    if h.proxy_status is not None:
        cause = "proxy_auth_failed" if h.proxy_status == 407 else "proxy_http_error"
        return cause, message_for(cause)
    if h.ok is not False:
        return None, None
    if h.code is None:
        return "tls_handshake_failed", INCOMPLETE_MESSAGE if h.incomplete else None
    cause, message = CODES.get(h.code, ("tls_handshake_failed", None))
    if h.code in SNI_CODES and h.sni is False:
        cause = "sni_not_sent"
    return cause, message


def pse_node(path: str | None) -> str | None:
    """The STRUST node of a PSE file (None when the trace does not name one)."""
    if not path:
        return None
    base = posixpath.basename(path.replace("\\", "/"))
    name = base.lower()
    if name == "sapssla.pse":
        return ANONYMOUS
    if name == "sapsslc.pse":
        return STANDARD
    if name.startswith("sapssls"):
        return f"SSL server PSE ({base})"
    return f"individual SSL client PSE (file {base})"


def import_target(h: Handshake) -> str:
    """Where a CA certificate for this handshake goes."""
    return pse_node(h.pse) or UNKNOWN_PSE
