"""The one way tests build a knowledge base: a small pack on disk, or a small base in memory.

On disk (YAML files, for tests of the loader, the validator, the cache and the CLI):

- `write_pack(directory, {name: text})` writes knowledge files (text is dedented) and
  returns the directory; `message_yaml(...)` is one message entry with the required fields;
- `BASE_PACK`: a small valid pack with one entry of every kind and references between
  them (messages ZTEST001/ZTEST002, causes cause_a/cause_b, code CODE_A, glossary STRUST);
- `install_bundled(directory, monkeypatch)` writes `BASE_PACK` there and makes it the
  bundled base (the `small_bundled_base` fixture in conftest.py).

In memory (`sample_kb()`): built from the model dataclasses, no YAML and no loader, so the
router and answer tests depend neither on the bundled content, which other people edit,
nor on the loader. Its texts are short paraphrases of the facts file.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from assistant import paths
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Cause, CheckRef, Code, GlossaryEntry, Message, Source

# --- on disk ---------------------------------------------------------------------------

_BASE_MESSAGES = """\
messages:
  - id: ZTEST001
    message_class: ZTEST
    number: 1
    type: E
    status: confirmed
    short_text: "Test failure (ICM_TEST_FAILURE)"
    title: "Test failure"
    icm_constant: ICM_TEST_FAILURE
    meaning: "The **test** failed."
    system_response: "Processing stops."
    causes: [cause_a, cause_b]
    codes: [CODE_A]
    pitfalls: ["Not the same as `HTTP 401`."]
    keywords: [testing]
    sap_wording: confirmed
    sources: [{url: "https://example.org/ztest001", note: "example"}]
  - id: ZTEST002
    message_class: ZTEST
    number: 2
    type: null
    status: inferred
    title: "Test timeout"
    icm_constant: ICM_TEST_TIMEOUT
    causes: [cause_b]
    sap_wording: inferred
    sources:
      - url: "https://example.org/icmdef"
"""

_BASE_REST = """\
causes:
  - id: cause_a
    title: "Cause A"
    explanation: "A is wrong."
    signs: ["CODE_A"]
    codes: [CODE_A]
    fix: ["Open STRUST and fix A."]
    check: {step: chain, how: "Looks at the chain."}
    severity: error
    sap_wording: own_words
    sources: [{url: "https://example.org/a"}]
  - id: cause_b
    title: "Cause B"
    fix: ["Wait."]
    severity: warning
    sap_wording: own_words
    sources: [{url: "https://example.org/b"}]
codes:
  - id: CODE_A
    numeric: -102
    layer: SapSSL
    aliases: [A]
    meaning: "Code A."
    messages: [ZTEST001]
    causes: [cause_a]
    sap_wording: confirmed
    sources: [{url: "https://example.org/code-a"}]
glossary:
  - id: STRUST
    kind: transaction
    title: "Trust Manager"
    text: "Manages PSEs."
    sap_wording: own_words
    sources: [{url: "https://example.org/strust"}]
"""

BASE_PACK = {"10_messages.yaml": _BASE_MESSAGES, "20_rest.yaml": _BASE_REST}


def write_pack(directory: Path, files: dict[str, str | bytes]) -> Path:
    """Knowledge files written into `directory` (made if missing; files already there stay):
    text is dedented, bytes are written as they are (for encodings and binary junk)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = directory / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content), encoding="utf-8")
    return directory


def message_yaml(mid: str, number: int, *, cls: str = "ZTEST", title: str = "A title",
                 status: str = "inferred", extra: str = "") -> str:
    """One message entry (as a YAML list item) with the required fields."""
    short = f'\n    short_text: "{title} (SAP)"' if status == "confirmed" else ""
    return (
        f"  - id: {mid}\n    message_class: {cls}\n    number: {number}\n"
        f"    status: {status}{short}\n    title: \"{title}\"\n    sap_wording: {status}\n"
        f"    sources: [{{url: \"https://example.org/{mid}\"}}]\n{extra}"
    )


def install_bundled(directory: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`BASE_PACK` written to `directory`, standing in for the bundled base (which other
    tests cover) for the rest of the test."""
    write_pack(directory, BASE_PACK)
    monkeypatch.setattr(paths, "bundled_knowledge_dir", lambda: directory)
    return directory


# --- in memory -------------------------------------------------------------------------

SRC = (Source("https://example.org/facts", "test"),)  # the source of every entry below


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
