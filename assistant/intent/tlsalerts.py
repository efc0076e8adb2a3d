"""A TLS alert the text reports: the connection ended in the handshake, before any HTTP.

Each runtime words the alert its own way — .NET "Authentication failed because the remote
party sent a TLS alert: 'HandshakeFailure'", Java "Received fatal alert: handshake_failure",
OpenSSL and Node "sslv3 alert handshake failure" / "SSL alert number 40", Python
"[SSL: TLSV1_ALERT_PROTOCOL_VERSION]", Go "remote error: tls: handshake failure". Two
readings follow from it, whatever the runtime:

- an alert's name written in CamelCase (.NET's `TlsAlertDescription`, and the enums of
  other TLS libraries) is the RFC's name: "HandshakeFailure" is handshake_failure, so the
  base's signs, written with the RFC names, meet it;
- no HTTP request was answered over that connection, so the causes that are a target's
  HTTP answer (what a status from the target reads as: httpstatus.status_mapping — the
  logon a 401 refuses, the server's own status) take no evidence from the text's words:
  .NET's "Authentication failed" is the TLS authentication, not a logon.

Names: RFC 8446 section 6.2 and RFC 5246 section 7.2 (the alerts TLS 1.3 dropped).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from assistant.intent.httpstatus import PROXY_AUTHENTICATION_REQUIRED, status_mapping
from assistant.lazyre import LazyPattern

ALERT_NAMES = frozenset(
    """
    close_notify unexpected_message bad_record_mac decryption_failed record_overflow
    decompression_failure handshake_failure no_certificate bad_certificate unsupported_certificate
    certificate_revoked certificate_expired certificate_unknown illegal_parameter unknown_ca
    access_denied decode_error decrypt_error export_restriction protocol_version
    insufficient_security internal_error inappropriate_fallback user_canceled no_renegotiation
    missing_extension unsupported_extension certificate_unobtainable unrecognized_name
    bad_certificate_status_response bad_certificate_hash_value unknown_psk_identity
    certificate_required no_application_protocol
    """.split()
)

_ALERT_REPORTED = LazyPattern(
    r"\b(?:tls|ssl)[ _-]?alert\b|\bfatal alert\b|\bhandshake alert\b|\balert number \d+"
    r"|\b(?:sslv3|tlsv1(?:[._]?[0-3])?)[ _]alert[ _]|\bremote error: tls:"
    r"|\bclosed the transport stream\b",  # .NET SslStream: the far side closed the handshake
    re.IGNORECASE,
    literals=("alert", "remote error", "transport stream"),
)
_CAMEL_WORD = LazyPattern(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+|[A-Z]{2,}\b)+\b")
_CAMEL_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z])")


def reports_a_tls_alert(raw: str) -> bool:
    """The text says a TLS alert ended the handshake (sent or received, any runtime's words),
    or that the far side closed it (.NET: "… because the remote party has closed the
    transport stream"): either way no HTTP was answered."""
    lowered = raw.lower()
    return ("alert" in lowered or "remote error" in lowered or "transport stream" in lowered) \
        and bool(_ALERT_REPORTED.search(raw))


def with_alert_names(text: str) -> str:
    """`text` with each CamelCase alert name written as the RFC's ("'HandshakeFailure'" ->
    "'handshake_failure'"); other words stay as they are."""
    if not reports_a_tls_alert(text):
        return text

    def rfc_name(m: re.Match[str]) -> str:
        name = _CAMEL_SPLIT.sub("_", m.group(0)).lower()
        return name if name in ALERT_NAMES else m.group(0)

    return _CAMEL_WORD.sub(rfc_name, text)


@cache
def answer_causes() -> frozenset[str]:
    """The causes a target's HTTP status reads as (not the proxy's 407)."""
    readings = (status_mapping(s, via_proxy=False) for s in range(400, 600) if s != PROXY_AUTHENTICATION_REQUIRED)
    return frozenset(r.cause for r in readings if r is not None)


def unanswered(contradicted: Mapping[str, frozenset[str]], stems: frozenset[str]) -> dict[str, frozenset[str]]:
    """`contradicted` (per cause, the text's words that do not count for it) with every word
    of the text (`stems`) taken from the causes that are an HTTP answer: a TLS alert ended the
    connection before one."""
    out = dict(contradicted)
    for cause in answer_causes():
        out[cause] = out.get(cause, frozenset()) | stems
    return out
