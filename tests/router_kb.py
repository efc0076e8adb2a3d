"""A small, self-contained knowledge base for router and answer unit tests.

Built from the model dataclasses (no YAML, no loader) so these tests do not depend on the
bundled content, which other people edit. Texts are short paraphrases of the facts file.
"""

from __future__ import annotations

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, CheckRef, Code, GlossaryEntry, Message, Source

SRC = (Source("https://example.org/facts", "test"),)


def _msg(number: int, constant: str, title: str, causes: tuple[str, ...], *,
         short: bool = False, codes: tuple[str, ...] = (), pitfalls: tuple[str, ...] = (),
         cls: str = "SCLNT_HTTP", keywords: tuple[str, ...] = ()) -> Message:
    confirmed = short
    return Message(
        id=f"{cls}{number:03d}",
        message_class=cls,
        number=number,
        title=title,
        status="confirmed" if confirmed else "inferred",
        short_text=f"{title} ({constant})" if confirmed else None,
        type="E" if confirmed else None,
        icm_constant=constant,
        meaning=f"The ICM reports {constant}.",
        causes=causes,
        codes=codes,
        pitfalls=pitfalls,
        keywords=keywords,
        sap_wording="confirmed" if confirmed else "inferred",
        sources=SRC,
        origin=f"test:{number}",
    )


def _cause(cid: str, title: str, signs: tuple[str, ...], *, codes: tuple[str, ...] = (),
           fix: tuple[str, ...] = (), step: str = "none") -> Cause:
    return Cause(
        id=cid,
        title=title,
        explanation=f"{title}. Explained in our words.",
        signs=signs,
        codes=codes,
        fix=fix or (f"Fix step for {cid} in `STRUST`.",),
        check=CheckRef(step, f"The {step} step looks at it."),
        sources=SRC,
        origin=f"test:{cid}",
    )


def sample_kb() -> KnowledgeBase:
    messages = [
        _msg(400, "ICM_HTTP_CONNECTION_FAILED", "Connection failed", ("connection_refused", "proxy_required")),
        _msg(401, "ICM_HTTP_CONNECTION_BROKEN", "Connection broken", ("connection_broken",)),
        _msg(402, "ICM_HTTP_TIMEOUT", "Timeout error", ("server_timeout", "connect_timeout"), short=True),
        _msg(404, "ICM_HTTP_NO_MORE_MEMORY", "No more memory", ("icm_resource_shortage",)),
        _msg(407, "ICM_HTTP_SSL_ERROR", "SSL error",
             ("tls_version_or_cipher_mismatch", "server_cert_untrusted", "no_tls_on_port", "sni_not_sent"),
             short=True, codes=("SSSLERR_SSL_READ", "SSSLRC_CONN_CLOSED", "SSSLRC_NO_SSL_RESPONSE"),
             pitfalls=("abapGit's 'HTTP error 407' is the ICM SSL error, not HTTP 407 Proxy Authentication Required.",)),
        _msg(410, "ICM_HTTP_UNAUTHORIZED", "Logon failed", ("logon_failed",), short=True),
        _msg(411, "ICM_HTTP_CONNECTION_REFUSED", "Connection refused", ("connection_refused", "proxy_required"),
             codes=("NIECONN_REFUSED",)),
        _msg(413, "ICM_HTTP_PROXY_HOST_UNKNOWN", "Proxy host unknown", ("proxy_host_unknown",)),
        _msg(415, "ICM_HTTP_SSL_CERT_MISMATCH", "Invalid host name in SSL server certificate",
             ("hostname_mismatch", "sni_not_sent"), short=True, codes=("SSSLERR_SERVER_CERT_MISMATCH",)),
        _msg(416, "ICM_HTTP_PROXY_UNAUTHORIZED", "Logon at proxy failed", ("proxy_auth_failed",), short=True),
        _msg(417, "ICM_HTTP_HOST_UNKNOWN", "Host unknown", ("dns_failure",), codes=("NIEHOST_UNKNOWN",)),
        _msg(418, "ICM_HTTP_SSL_PEER_CERT_EXPIRED", "Peer certificate expired", ("server_cert_expired",)),
        _msg(421, "ICM_HTTP_SSL_PEER_CERT_UNTRUSTED", "SSL certificate not trusted",
             ("server_cert_untrusted", "intermediate_missing", "tls_interception"), short=True,
             codes=("SSSLERR_PEER_CERT_UNTRUSTED",)),
        _msg(426, "ICM_HTTP_PROXY_HTTP_ERROR", "Unexpected HTTP status code from HTTP proxy",
             ("proxy_http_error",), short=True),
    ]
    imported = Message(
        id="ZSYN_042123", message_class="ZSYN_042", number=123, title="Synthetic import &1",
        status="imported", short_text="Synthetic import &1", sap_wording="imported",
        sources=SRC, origin="test:zsyn",
    )
    causes = [
        _cause("server_cert_untrusted", "Server certificate chain not trusted by the SSL client PSE",
               ("SSSLERR_PEER_CERT_UNTRUSTED", "peer certificate (chain) is not trusted", "certificate not trusted"),
               codes=("SSSLERR_PEER_CERT_UNTRUSTED",), step="chain"),
        _cause("intermediate_missing", "Intermediate certificate missing",
               ("unable to get local issuer certificate", "intermediate certificate missing"), step="chain"),
        _cause("tls_interception", "A TLS-inspecting proxy replaces the certificate",
               ("zscaler", "tls inspection"), step="chain"),
        _cause("server_cert_expired", "Server certificate expired",
               ("certificate has expired", "PEER_CERT_EXPIRED"), step="chain"),
        _cause("tls_version_or_cipher_mismatch", "TLS version or cipher suite mismatch",
               ("SSSLERR_SSL_READ", "handshake failure", "protocol version", "no shared cipher"),
               codes=("SSSLERR_SSL_READ", "SSSLRC_CONN_CLOSED"), step="tls"),
        _cause("sni_not_sent", "SNI not sent by the SAP client",
               ("client_sni_enabled", "server name indication"), step="tls"),
        _cause("no_tls_on_port", "The port does not speak TLS", ("SSSLRC_NO_SSL_RESPONSE", "Native SSL Error"),
               codes=("SSSLRC_NO_SSL_RESPONSE",), step="tls"),
        _cause("hostname_mismatch", "Host name does not match the certificate",
               ("SSSLERR_SERVER_CERT_MISMATCH", "host name mismatch"), codes=("SSSLERR_SERVER_CERT_MISMATCH",),
               step="tls"),
        _cause("connection_refused", "Nothing listens on the port or a firewall rejects",
               ("NIECONN_REFUSED", "connection refused"), codes=("NIECONN_REFUSED",), step="connect"),
        _cause("connection_broken", "The connection broke", ("connection reset", "NIECONN_BROKEN"), step="connect"),
        _cause("connect_timeout", "Connecting timed out", ("partner not reached",), step="connect"),
        _cause("server_timeout", "The server answers too slowly", ("timed out", "ICM_HTTP_TIMEOUT"), step="http"),
        _cause("dns_failure", "The host name does not resolve", ("NIEHOST_UNKNOWN", "host unknown"),
               codes=("NIEHOST_UNKNOWN",), step="resolve"),
        _cause("proxy_required", "A proxy is required but not configured", ("proxy required",), step="proxy"),
        _cause("proxy_auth_failed", "Proxy logon failed", ("Proxy Authentication Required", "proxy logon"),
               step="proxy"),
        _cause("proxy_host_unknown", "Proxy host name unknown", ("proxy host unknown",), step="proxy"),
        _cause("proxy_http_error", "The proxy answered with an unexpected status", ("proxy status",), step="proxy"),
        _cause("logon_failed", "Logon data wrong", ("logon failed", "401 Unauthorized"), step="http"),
        _cause("icm_resource_shortage", "ICM out of memory", ("out of memory",), step="none"),
        _cause("http_status_from_server", "The server answered with an HTTP error status",
               ("status code", "404 Not Found", "403 Forbidden"), step="http"),
    ]
    codes = [
        Code("SSSLERR_PEER_CERT_UNTRUSTED", "Chain not trusted", -102, "SapSSL", ("PEER_CERT_UNTRUSTED",),
             ("SCLNT_HTTP421",), ("server_cert_untrusted",), sources=SRC),
        Code("SSSLERR_SSL_READ", "SSL_read failed", -58, "SapSSL", (), ("SCLNT_HTTP407",),
             ("tls_version_or_cipher_mismatch",), sources=SRC),
        Code("SSSLRC_CONN_CLOSED", "Peer closed the connection", -10, "SapSSL", ("SSSLERR_CONN_CLOSED",),
             ("SCLNT_HTTP407",), ("tls_version_or_cipher_mismatch",), sources=SRC),
        Code("SSSLRC_NO_SSL_RESPONSE", "No SSL answer", -75, "SapSSL", (), ("SCLNT_HTTP407",),
             ("no_tls_on_port",), sources=SRC),
        Code("SSSLERR_SERVER_CERT_MISMATCH", "Host name mismatch", -30, "SapSSL", (), ("SCLNT_HTTP415",),
             ("hostname_mismatch",), sources=SRC),
        Code("NIECONN_REFUSED", "Connect refused", -10, "NI", (), ("SCLNT_HTTP411",), ("connection_refused",),
             sources=SRC),
        Code("NIEHOST_UNKNOWN", "Host unknown", -2, "NI", (), ("SCLNT_HTTP417",), ("dns_failure",), sources=SRC),
        Code("http_communication_failure", "Transport failure", 1, "ABAP exception", (), (), (), sources=SRC),
    ]
    glossary = [
        GlossaryEntry("STRUST", "transaction", "Trust Manager", "Maintains PSEs.", ("Trust Manager",), sources=SRC),
        GlossaryEntry("SM59", "transaction", "RFC/HTTP destinations", "Destinations.", (), sources=SRC),
        GlossaryEntry("SMICM", "transaction", "ICM monitor", "Trace and services.", (), sources=SRC),
        GlossaryEntry("ssl/client_ciphersuites", "parameter", "Client cipher suites", "Ciphers.", (), sources=SRC),
        GlossaryEntry("icm/HTTPS/client_sni_enabled", "parameter", "SNI for ICM clients", "SNI.", (), sources=SRC),
        GlossaryEntry("510007", "note", "Setting up SSL on AS ABAP", "The SSL note.", ("Note 510007",), sources=SRC),
    ]
    return KnowledgeBase(
        messages={m.id: m for m in [*messages, imported]},
        causes={c.id: c for c in causes},
        codes={c.id: c for c in codes},
        glossary={g.id: g for g in glossary},
    )
