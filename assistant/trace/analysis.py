"""What each handshake means: SCLNT_HTTP message, cause, PSE node, chain, what to import.

The SapSSL code says what SAP reported; a dumped chain (level 3) says why, through the
live check's own chain analysis run offline. The trace cannot show the PSE's certificate
list, so trust findings are kept only where the trace itself failed on trust, or where
the admin gave the exported list (`--ca-file`). Host names are checked against the name
the ICM used (`Target Hostname`, else the summary's host), never against its own socket.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.diagnostics.model import CertInfo, Finding
from assistant.trace.codes import TRUST_CODES, code_meaning, import_target, pse_node
from assistant.trace.model import AnalyzedHandshake, Handshake, ImportAdvice

if TYPE_CHECKING:
    from cryptography import x509

    from assistant.trace.pem import ParsedChain

_TRUST_CAUSES = {"server_cert_untrusted", "intermediate_missing", "server_cert_self_signed"}
_DATE_CAUSES = {"server_cert_expired", "server_cert_not_yet_valid"}
# Causes of chain findings that explain each SapSSL code (the code's message stays).
_FAMILY: dict[str, set[str]] = {
    "SSSLERR_PEER_CERT_UNTRUSTED": _TRUST_CAUSES | _DATE_CAUSES | {"weak_server_key"},
    "SSSLERR_PEER_CERT_EXPIRED": _DATE_CAUSES,
    "SSSLERR_SERVER_CERT_MISMATCH": {"hostname_mismatch"},
}


def analyze_handshakes(
    handshakes: Sequence[Handshake],
    *,
    trust: list[x509.Certificate] | None = None,
    reference: list[x509.Certificate] | None = None,
    now: _dt.datetime | None = None,
) -> list[AnalyzedHandshake]:
    """Analyse every handshake. `trust`: the PSE's exported list (None: not known);
    `reference`: CA list used only to tell a missing root from an intermediate (None:
    the system store, read only when needed); `now`: for handshakes without a time."""
    analyzer = _Analyzer(trust, reference, now or _dt.datetime.now(_dt.UTC))
    return [analyzer.analyze(h) for h in handshakes]


def analyze_handshake(
    h: Handshake,
    *,
    trust: list[x509.Certificate] | None,
    reference: list[x509.Certificate] | None,
    now: _dt.datetime,
) -> AnalyzedHandshake:
    return _Analyzer(trust, reference, now).analyze(h)


@dataclass(slots=True)
class _Analyzer:
    """Analyses with two caches: a level-3 trace dumps the same few chains thousands of
    times, so each distinct chain is parsed once, and each (chain, name, code, PSE, day)
    is analysed once."""

    trust: list[x509.Certificate] | None
    reference: list[x509.Certificate] | None
    now: _dt.datetime
    parsed: dict[tuple[str, ...], tuple[ParsedChain, list[CertInfo]]] = field(default_factory=dict)
    done: dict[tuple[object, ...], AnalyzedHandshake] = field(default_factory=dict)

    def analyze(self, h: Handshake) -> AnalyzedHandshake:
        key = _chain_key(h)
        if key is not None and key in self.done:
            return _reuse(self.done[key], h)
        out = AnalyzedHandshake(h, pse_node=pse_node(h.pse))
        out.cause, out.sclnt_http = code_meaning(h)
        out.also = cut_after_client_hello(h, out.cause)
        if h.certs:
            parsed, infos = self.parse(h)
            _chain(out, parsed, infos, self.trust, self.reference, _handshake_time(h) or self.now)
        elif h.named_chain and h.code in TRUST_CODES:
            _named_chain(out)
        out.advice = advice(out)
        if key is not None:
            self.done[key] = out
        return out

    def parse(self, h: Handshake) -> tuple[ParsedChain, list[CertInfo]]:
        from assistant.diagnostics.certinfo import cert_info
        from assistant.trace.pem import parse_dumped

        key = tuple(c.pem for c in h.certs)
        hit = self.parsed.get(key)
        if hit is None:
            parsed = parse_dumped(h.certs)
            hit = self.parsed[key] = (parsed, [cert_info(c) for c in parsed.certificates])
        return hit


def _chain_key(h: Handshake) -> tuple[object, ...] | None:
    if not h.certs:
        return None
    return (tuple(c.pem for c in h.certs), h.target, h.host, h.sni_name, h.code, h.ok, h.pse, (h.time or "")[:10])


def _reuse(done: AnalyzedHandshake, h: Handshake) -> AnalyzedHandshake:
    """The same analysis for another handshake, with that handshake's own line numbers."""
    index = {c.line: i for i, c in enumerate(done.handshake.certs)}
    return AnalyzedHandshake(
        h, sclnt_http=done.sclnt_http, cause=done.cause, pse_node=done.pse_node, chain=done.chain,
        chain_lines=[h.certs[index[line]].line for line in done.chain_lines], findings=done.findings,
        imports=done.imports, advice=done.advice, missing_issuer=done.missing_issuer, aia_url=done.aia_url,
        also=done.also,
    )


# Codes of a connection the other end (or a box in between) closed without a TLS alert.
_CLOSED_CODES = frozenset({"SSSLRC_CONN_CLOSED", "SSSLERR_CONN_CLOSED", "SSSLERR_SSL_READ"})
MISMATCH_CAUSE = "tls_version_or_cipher_mismatch"
PATH_CUT_CAUSE = "firewall_blocking"
# The SSL library's text for an alert the peer sent: `=> "received a fatal TLS protocol
# version alert message from the peer"` (abapGit issue 3360; docs/research/dev_icm_formats.md).
_PEER_ALERT = re.compile(r"\balert\b", re.IGNORECASE)


def peer_alert(h: Handshake) -> bool:
    """The error stack shows a TLS alert the peer sent: the server's own refusal, no silent close."""
    return any(_PEER_ALERT.search(m) for m in h.messages)


def cut_after_client_hello(h: Handshake, cause: str | None) -> str | None:
    """The other cause as likely as a version/cipher mismatch when the ICM, as client, saw
    its connection closed with no answer the trace shows: no TLS alert from the peer, and
    the state either "TLS read server hello" (the ClientHello sent, the ServerHello awaited)
    or not written at all (trace level 1). A server refusing what was offered and a firewall
    or TLS inspection cutting TLS to that host then look the same in the trace
    (knowledge/codes.yaml DEV_ICM_SERVER_HELLO_A); only an alert shows the mismatch."""
    if cause != MISMATCH_CAUSE or h.code not in _CLOSED_CODES or h.role == "server" or peer_alert(h):
        return None
    state = (h.state or "").lower()
    return PATH_CUT_CAUSE if not state or "read server hello" in state else None


def partner_url(h: Handshake) -> str:
    """The partner as an https URL (the port left out when it is 443)."""
    host, port = h.target or h.host or h.sni_name or "HOST", h.port or 443
    return f"https://{host}" if port == 443 else f"https://{host}:{port}"


def deciding_checks(h: Handshake) -> str:
    """What tells the two readings of a cut apart, run where the ICM runs: does the server
    answer a TLS 1.2 ClientHello with this host name from the application server?"""
    host, port = h.target or h.host or h.sni_name or "HOST", h.port or 443
    return (f"the trace cannot tell these apart: on the application server (where the ICM runs) try "
            f"openssl s_client -connect {host}:{port} -servername {host} -tls1_2; a ServerHello (the "
            f"server's certificate) there means the path is open, so compare ssl/client_ciphersuites and the "
            f"TLS versions with the server's (note 510007); the same cut there means a firewall or TLS "
            f"inspection on the way")


def _handshake_time(h: Handshake) -> _dt.datetime | None:
    if not h.time:
        return None
    try:
        return _dt.datetime.fromisoformat(h.time).replace(tzinfo=_dt.UTC)
    except ValueError:
        return None


def _chain(
    out: AnalyzedHandshake,
    parsed: ParsedChain,
    infos: list[CertInfo],
    trust: list[x509.Certificate] | None,
    reference: list[x509.Certificate] | None,
    when: _dt.datetime,
) -> None:
    from assistant.trace.chaincheck import analyze_trace_chain

    h = out.handshake
    out.chain, out.chain_lines = list(infos), list(parsed.lines)
    if not parsed.certificates:
        return
    host = h.target or h.host or h.sni_name
    analysis = analyze_trace_chain(
        parsed.certificates, host=host or "", trust=trust or [], now=when,
        reference=reference, import_into=import_target(h),
    )
    trust_relevant = h.code in TRUST_CODES or (trust is not None and h.ok is False)
    out.findings = [f for f in analysis.findings if _keep(f, trust_relevant, host is not None)]
    if trust is not None and (h.ok is True) != analysis.trusted and (h.ok or h.code in TRUST_CODES):
        out.findings.append(_list_mismatch_note(h, analysis.trusted))
    family = _FAMILY.get(h.code or "", _TRUST_CAUSES if trust_relevant else set())
    first = next((f for f in out.findings if f.status == "fail" and f.cause in family), None)
    if first is not None and h.ok is False and out.cause != "sni_not_sent":
        out.cause = first.cause
    if trust_relevant and h.ok is False:
        out.missing_issuer, out.aia_url = analysis.missing_issuer, analysis.aia_url
        out.imports = _imports(analysis.to_import, analysis.missing_issuer, analysis.aia_url, import_target(h))


def _imports(to_import: list[CertInfo], missing: str | None, aia: str | None, target: str) -> list[ImportAdvice]:
    """The missing issuer first (the real fix), then certificates from the trace that a
    PSE would also accept as an anchor."""
    out: list[ImportAdvice] = []
    found = next((c for c in to_import if c.subject == missing), None) if missing else None
    if missing and found is not None:
        out.append(ImportAdvice(found.subject, found.fingerprint_sha256, target, "the missing issuer"))
    elif missing:
        where = f"; download it from {aia}" if aia else ""
        out.append(ImportAdvice(missing, None, target, f"the missing issuer, not in the trace{where}"))
    for c in to_import:
        if c is not found:
            note = "or this CA certificate from the trace (a PSE accepts it as anchor)" if missing else ""
            out.append(ImportAdvice(c.subject, c.fingerprint_sha256, target, note))
    return out


def _keep(f: Finding, trust_relevant: bool, host_known: bool) -> bool:
    if f.cause in _TRUST_CAUSES and f.status == "fail" and not trust_relevant:
        return False  # the PSE's list is not known and the handshake did not fail on it
    if f.cause == "hostname_mismatch" and not host_known:
        return False
    return f.status in ("fail", "warn")


def _list_mismatch_note(h: Handshake, trusted: bool) -> Finding:
    """The exported list (--ca-file) and the trace disagree: probably another PSE."""
    if trusted:
        said = "failed on trust, but the exported certificate list (--ca-file) trusts this chain"
    else:
        said = "succeeded, but the exported certificate list (--ca-file) would not trust this chain"
    return Finding(
        step="chain", status="warn",
        detail=(f"The handshake {said}: it is probably not the list of the PSE this handshake used "
                f"({h.pse or 'not named in the trace'}), or the PSE changed since."),
        data={"list_mismatch": True},
    )


def _named_chain(out: AnalyzedHandshake) -> None:
    """Level 2: the error stack names the chain; its last issuer, if no subject, is missing."""
    h = out.handshake
    subjects = {s for s, _ in h.named_chain}
    last_issuer = h.named_chain[-1][1]
    if last_issuer not in subjects:
        out.missing_issuer = last_issuer
        out.imports = [ImportAdvice(last_issuer, None, import_target(h),
                                    "named in the error stack; raise the trace level to 3 for the certificates")]


def advice(a: AnalyzedHandshake) -> str:
    """One line for the table: what to do about this handshake."""
    h = a.handshake
    if h.ok:
        warn = next((f for f in a.findings if f.status == "warn"), None)
        return "nothing (no error logged)" + (f"; note: {warn.detail}" if warn else "")
    if any(f.data.get("list_mismatch") for f in a.findings):
        return f"compare --ca-file with the list of the PSE this handshake used ({import_target(h)})"
    if a.imports:
        first = a.imports[0]
        more = f" (+{len(a.imports) - 1} more)" if len(a.imports) > 1 else ""
        lead = "the server should send its intermediate, or " if a.cause == "intermediate_missing" else ""
        return f"{lead}import {first.subject}{more} into {first.pse_node}"
    if a.also == PATH_CUT_CAUSE:
        return deciding_checks(h)
    return _ADVICE.get(a.cause or "", "see the answer below")


_ADVICE = {
    "sni_not_sent": "send SNI: icm/HTTPS/client_sni_enabled = TRUE (and ssl/client_sni_enabled = TRUE)",
    "tls_version_or_cipher_mismatch": "compare ssl/client_ciphersuites and the TLS versions with the server's (note 510007)",
    "no_tls_on_port": "the port does not answer TLS: check the destination's port and SSL setting",
    "hostname_mismatch": "use the host name the certificate names, or get a certificate for this name",
    "server_cert_expired": "the server owner renews the expired certificate",
    "server_cert_not_yet_valid": "check the clocks; the certificate is not valid yet",
    "server_cert_untrusted": "import the issuing CA into the SSL client PSE (raise the trace level to 3 to see it)",
    "server_cert_self_signed": "import exactly this certificate into the SSL client PSE, if you trust it",
    "proxy_auth_failed": "check the proxy user and password (SICF proxy settings or SM59)",
    "proxy_http_error": "the proxy refused the tunnel: ask its admin to allow this host",
    "tls_handshake_failed": "see the answer below",
}
