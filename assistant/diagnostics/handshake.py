"""Step 4 explained: why the verdict handshake failed, in SAP's terms.

The handshake alone says little ("handshake failure", "connection closed"); the other
steps' evidence decides what it means: the chain analysis names a certificate problem
better than OpenSSL's verify code, the observation shows a client-certificate request,
the version probe shows which TLS versions the server speaks. These functions only
combine evidence already gathered; they open no connections.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from assistant.diagnostics.bigmessage import TOO_LARGE, TOO_LARGE_DETAIL, TOO_LARGE_STEP
from assistant.diagnostics.causes import UNNAMED_REASON, VERIFY_CODE_CAUSE, message_for
from assistant.diagnostics.http import HttpResult, http_finding
from assistant.diagnostics.httpretry import second_try_note
from assistant.diagnostics.model import Finding
from assistant.diagnostics.observe import Observation
from assistant.diagnostics.offercut import OFFER_CUT_STEP, offer_cut, server_side_fault
from assistant.diagnostics.protocolbreach import PROTOCOL_BREACH_REASONS, breach_step
from assistant.diagnostics.serverkeys import key_exchange_note
from assistant.diagnostics.sni import UNKNOWN_NAME, sni_would_fix_it
from assistant.diagnostics.target import Target
from assistant.diagnostics.tls import NO_APPLICATION_PROTOCOL, TlsResult, Trust, accepted_versions

CLIENT_CERT_CAUSES = ("client_cert_required", "client_cert_rejected")

UNKNOWN_NAME_STEP = (
    "The server refuses the host name the call sends as SNI: use the name the service is "
    "published under (the name in its certificate, as its owner gives it — not an alias or an "
    "IP address) in SM59 → destination → Technical Settings → Target Host; SAP sends that name "
    "as SNI (icm/HTTPS/client_sni_enabled, ssl/client_sni_enabled). If the name is right, the "
    "server's owner must add it to the server's TLS (virtual host) configuration."
)

ALPN_REFUSED = (
    "the server refused the handshake with the TLS alert no_application_protocol (120): it "
    "wants an application protocol this client did not offer in ALPN — this check offers none "
    "and speaks HTTP/1.1. A server that speaks HTTP/2 (h2) only does this to clients that do "
    "not offer h2 (RFC 7301 section 3.2; gRPC servers, for one). An SAP system that does not "
    "offer h2 meets the same refusal in the handshake, an SSL error"
)
ALPN_REFUSED_STEP = (
    "The server takes only clients that offer HTTP/2 (h2) in the TLS handshake. An SAP system "
    "on ABAP Platform 1909 or newer speaks HTTP/2 outbound when the server offers it over TLS: "
    "check that icm/HTTP/client/support_http2 is not set to false (RZ11). An older release "
    "speaks HTTP/1.1 only — then ask the server's owner to accept HTTP/1.1 clients as well."
)


class VerdictSetting(NamedTuple):
    """How the verdict handshake was made, which its explanation refers to.

    (Small immutable records here are NamedTuples: a check imports this module on every
    run, and a NamedTuple class costs a fifth of a dataclass to create.)
    """

    trust: Trust
    sni_on: bool  # the check's SNI setting (an IP literal never gets SNI either way)
    is_ip: bool
    timeout: float
    client_cert_given: bool
    via_proxy: str | None = None  # host:port of the proxy whose CONNECT tunnel carries the handshake


class HandshakeEvidence(NamedTuple):
    """What the other steps found that explains the verdict handshake."""

    probe: dict[str, str] | None = None  # the version probe: label -> accepted | refused | …
    chain_findings: list[Finding] | None = None
    sni_comparison: Finding | None = None
    client_cert_refusal: str | None = None
    observed_suite: str | None = None  # "TLS 1.2 CAMELLIA256-SHA": what the observation agreed on
    dh_bits: int | None = None  # the observation's DHE group size, when it agreed on DHE
    retry_groups: tuple[int, ...] = ()  # the groups the observation's HelloRetryRequests asked for
    observation_cut: bool = False  # the observation's handshake (every version and cipher) was cut


def tls_finding(tls: TlsResult, setting: VerdictSetting, evidence: HandshakeEvidence) -> Finding:
    """Step 4: the verdict handshake, explained by what the other steps found."""
    sni = f"SNI {tls.server_hostname}" if tls.server_hostname and not setting.is_ip else "no SNI"
    trust = "the system trust store" if setting.trust.system else setting.trust.source
    data: dict[str, Any] = {"sni": tls.server_hostname if sni != "no SNI" else None,
                            "trust": trust}
    if tls.reason:
        data["reason"] = tls.reason
    if tls.verify_code is not None:
        data["verify_code"], data["verify_message"] = tls.verify_code, tls.verify_message
    if evidence.probe:
        data["versions"] = evidence.probe
    if tls.received is not None:  # a handshake that timed out: what came meanwhile
        data["handshake_bytes_received"] = tls.received.bytes_received
        data["quiet_ms_at_timeout"] = tls.received.last_data_ms
    if tls.ok:
        return Finding("tls", "ok", f"{tls.version_label} {tls.cipher}, certificate chain "
                       f"verified against {trust} ({sni})", tls.elapsed_ms, data=data)
    if tls.kind == "verify":  # the certificate's message as found, or none where none is known
        detail = f"certificate not accepted: {tls.error} ({sni}, trust: {trust})"
        cause, msg = verify_cause(tls, setting, evidence)
        return Finding("tls", "fail", detail, tls.elapsed_ms, cause=cause, sclnt_http=msg, data=data)
    detail, cause, msg = handshake_failure(tls, setting, evidence)
    note, key_step = (key_exchange_note(tls.reason, evidence.observed_suite, evidence.dh_bits)
                      if cause == "tls_version_or_cipher_mismatch" else ("", ""))
    detail = detail.replace(". In SAP compare", f"{note}. In SAP compare", 1) if note else detail
    step = (key_step or sni_filter_step(tls, cause, evidence.sni_comparison)
            or (OFFER_CUT_STEP if offer_cut(tls, evidence.probe, evidence.observation_cut) else "")
            or unanswered_handshake_step(tls, cause, evidence.probe, setting.via_proxy)
            or cipher_step(cause, evidence.observed_suite)
            or old_tls_step(cause, evidence.probe)
            or (unknown_name_step(evidence.sni_comparison) if cause == "destination_misconfigured" else "")
            or (ALPN_REFUSED_STEP if cause == "server_http2_only" else "")
            or (SERVER_FAULT_STEP if tls.reason == SERVER_INTERNAL_ERROR else "")
            or (TOO_LARGE_STEP if tls.reason == TOO_LARGE else "")
            or (breach_step(tls.reason or "", evidence.retry_groups,
                            "TLS 1.2" in accepted_versions(evidence.probe or {}))
                if tls.reason in PROTOCOL_BREACH_REASONS else ""))
    if step:
        data["next_step"] = step
    return Finding("tls", "fail", detail, tls.elapsed_ms, cause=cause,
                   sclnt_http=msg or message_for(cause) or "SCLNT_HTTP407", data=data)


def cut_on_the_name(tls: TlsResult, setting: VerdictSetting,
                    sni_comparison: Finding | None) -> tuple[str, str, str | None] | None:
    """A handshake closed when the name goes as SNI and completed without SNI (see
    `sni._served_without_sni`): the server does not serve the name (its certificate without
    SNI is for others), or — its certificate is valid for the name — something on the path
    filters by it. None when the observations did not show that."""
    data = sni_comparison.data if sni_comparison is not None else {}
    if not data.get("closed_with_sni") or not setting.sni_on:
        return None
    sent = f"the name {tls.server_hostname} is sent as SNI ({tls.error})"
    if not data.get("without_sni_matches_host"):
        return (f"the server closes the connection when {sent} and completes the handshake without "
                f"SNI, with a certificate for other names ({data.get('without_sni')}): it does not serve "
                "this name on this address — it closes instead of sending the alert unrecognized_name",
                "destination_misconfigured", "SCLNT_HTTP407")
    return (f"the connection is closed when {sent}, while without SNI the server completes the "
            f"handshake with a certificate valid for that name ({data.get('without_sni')}): the server "
            "serves the name, so most likely a device on the path that filters TLS by server name "
            "(a firewall, IPS or proxy with a list of allowed names) cuts it; SAP trace: SSSLRC_CONN_CLOSED",
            "connection_broken", "SCLNT_HTTP407")


_SNI_FILTERED = (
    "The handshake is cut only when the host name goes as SNI, and the server's own certificate is "
    "valid for that name: ask the network or security team whether a firewall, IPS or proxy on the "
    "path filters TLS by server name, and have the name allowed for the SAP application servers "
    "(give them source hosts, target, port and the name). Compare from the application server's "
    "OS: `openssl s_client -connect <host>:<port> -servername <host>` against `-noservername`. "
    "Switching SNI off in the SAP system is no fix: servers that pick their certificate by name need it."
)


def sni_filter_step(tls: TlsResult, cause: str, sni_comparison: Finding | None) -> str:
    """The next step when the cut comes with the name while the server serves it."""
    data = sni_comparison.data if sni_comparison is not None else {}
    if cause == "connection_broken" and tls.kind == "closed" and data.get("without_sni_matches_host"):
        return _SNI_FILTERED
    return ""


SERVER_INTERNAL_ERROR = "TLSV1_ALERT_INTERNAL_ERROR"  # alert 80
SERVER_FAULT_STEP = (
    "The server reports an internal error in its TLS layer: nothing in STRUST, SM59 or the "
    "cipher parameters changes that. Ask the server's owner to look at its TLS or web server "
    "log at the time of the call (a key or certificate it cannot load, a hardware security "
    "module or back end it cannot reach); if the SAP system's dev_icm shows the same alert, "
    "that confirms it."
)


def unknown_name_step(sni_comparison: Finding | None) -> str:
    """The step for a name the server refuses; with the names its certificate without SNI
    holds, when it sent one (they are what it serves on this address)."""
    names = sni_comparison.data.get("names_without_sni") if sni_comparison is not None else None
    if not names:
        return UNKNOWN_NAME_STEP
    listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"{UNKNOWN_NAME_STEP} Without SNI this server sends (unverified) a certificate for "
            f"{listed}: if that is the service you call, use that name as Target Host.")


def verify_cause(tls: TlsResult, setting: VerdictSetting,
                 evidence: HandshakeEvidence) -> tuple[str, str | None]:
    """(cause, SCLNT_HTTP) of a certificate the verdict handshake did not accept.

    Our chain analysis names the cause better than OpenSSL's verify code; the code is
    the fallback. Without SNI, a server whose right certificate comes only with SNI
    is `sni_not_sent`, whatever the wrong certificate's own faults.
    """
    if not setting.sni_on and sni_would_fix_it(evidence.sni_comparison):
        return "sni_not_sent", "SCLNT_HTTP415"
    chain_findings = evidence.chain_findings or []
    first = next((f for f in chain_findings if f.status == "fail" and f.cause), None)
    if first is not None and first.cause is not None:
        return first.cause, first.sclnt_http or message_for(first.cause)
    cause = VERIFY_CODE_CAUSE.get(tls.verify_code or -1, "server_cert_untrusted")
    return cause, message_for(cause)


def handshake_failure(tls: TlsResult, setting: VerdictSetting,
                      evidence: HandshakeEvidence) -> tuple[str, str, str | None]:
    """(detail, cause, SCLNT_HTTP when not the cause's usual one) of a handshake that
    failed before any certificate question."""
    refusal, probe = evidence.client_cert_refusal, evidence.probe
    if tls.kind == "no_tls" and setting.via_proxy:
        return (f"no TLS came through the tunnel of the proxy {setting.via_proxy} ({tls.reason}): "
                "the target's port answers something else (probably plain HTTP — use http:// or "
                "the HTTPS port), or the proxy itself wrote into the tunnel after its 200 (see the "
                "proxy step) (SAP trace: SSSLRC_NO_SSL_RESPONSE)", "no_tls_on_port", None)
    if tls.kind == "no_tls":
        return (f"no TLS on this port ({tls.reason}): the server answered something else, "
                "probably plain HTTP — use http:// or the HTTPS port (SAP trace: "
                "SSSLRC_NO_SSL_RESPONSE)", "no_tls_on_port", None)
    if tls.kind == "timeout" and (slow := trickled(tls, setting)):
        return slow, "server_timeout", None
    if tls.kind == "timeout" and setting.via_proxy:
        return (f"the proxy {setting.via_proxy} opened the tunnel (it answered the CONNECT with "
                f"200) but no TLS answer came through it within the timeout ({setting.timeout:g} s): "
                "the proxy does not carry the tunnel, or the target behind it accepted the "
                "connection and never answers TLS", "server_timeout", None)
    if tls.kind == "timeout":
        return ("the server accepted the TCP connection but did not answer the TLS "
                f"handshake within the timeout ({setting.timeout:g} s)", "server_timeout", None)
    if not setting.sni_on and sni_would_fix_it(evidence.sni_comparison):
        return (f"the server refused the handshake without SNI ({tls.reason or tls.error}); "
                "with SNI it completes it — SAP must send SNI", "sni_not_sent", "SCLNT_HTTP407")
    if tls.kind == "client_cert" and refusal is None:
        return (f"the server answered with a certificate alert ({tls.reason}) although it never asked "
                "for a client certificate (the observation saw no request): not a question of the "
                "SAP side's certificate — the server's own TLS set-up, or a device in between, ends "
                "the handshake; its owner's TLS log says why", "tls_handshake_failed", "SCLNT_HTTP407")
    if refusal is not None and not setting.client_cert_given:
        return ("the server asked for a client certificate and refused the handshake "
                f"without one ({refusal})", "client_cert_required", None)
    if refusal is not None:
        return (f"the server refused the client certificate we presented ({refusal})",
                "client_cert_rejected", None)
    if tls.reason == UNKNOWN_NAME and tls.server_hostname and not setting.is_ip:
        return (f"the server does not know the name {tls.server_hostname} sent as SNI (TLS alert "
                "unrecognized_name): it serves other host names on this address",
                "destination_misconfigured", "SCLNT_HTTP407")
    if tls.reason == NO_APPLICATION_PROTOCOL:
        return ALPN_REFUSED, "server_http2_only", "SCLNT_HTTP407"
    versions = accepted_versions(probe) if probe else []
    speaks = (f"; an unverified version probe found the server accepts {', '.join(versions)}"
              if versions else
              "; an unverified version probe found the server accepts none of TLS 1.0–1.3, "
              "even with all ciphers" if probe else "")
    if tls.kind in ("mismatch", "handshake_failure") or (tls.kind == "closed" and old_tls_only(probe)):
        picks = (f"; offered every cipher (unverified), the server picks {evidence.observed_suite}"
                 if evidence.observed_suite else "")
        return (f"no common TLS version or cipher ({tls.reason or tls.error}); this check "
                f"offered TLS 1.2–1.3 with default ciphers{speaks}{picks}. In SAP compare "
                "ssl/client_ciphersuites (SAP Note 510007)", "tls_version_or_cipher_mismatch", None)
    if tls.kind == "closed" and (cut := cut_on_the_name(tls, setting, evidence.sni_comparison)):
        return cut
    if tls.kind == "closed" and setting.via_proxy:
        return (f"the tunnel through the proxy {setting.via_proxy} was closed during the handshake "
                f"({tls.error}) although the proxy had answered the CONNECT with 200: the proxy "
                "cut it (a TLS or SNI rule, an inspection policy, or its own connection to the "
                "target failed after it said 200) or the target behind it closed it — from here "
                f"the two look the same; SAP trace: SSSLRC_CONN_CLOSED{speaks}",
                "connection_broken", "SCLNT_HTTP407")
    if (own := server_side_fault(tls, probe, evidence.retry_groups, evidence.observation_cut)) is not None:
        return (*own, "SCLNT_HTTP407")
    if tls.kind == "closed":
        return (f"the server closed or reset the connection during the handshake "
                f"({tls.error}); SAP trace: SSSLRC_CONN_CLOSED{speaks}",
                "connection_broken", "SCLNT_HTTP407")
    if tls.reason == SERVER_INTERNAL_ERROR:
        return ("the server answered the handshake with the TLS alert internal_error: it failed on "
                "its own side (RFC 8446 6.2: an error unrelated to the peer), not on this "
                f"request's versions, ciphers or certificates{speaks}", "tls_handshake_failed", None)
    if tls.reason == TOO_LARGE:
        return TOO_LARGE_DETAIL, "tls_handshake_failed", None
    return (f"TLS handshake failed ({tls.reason or tls.error}): {UNNAMED_REASON}; compare with the "
            "ICM trace (dev_icm) of the SAP system", "tls_handshake_failed", None)


_CUT_EVERY_TIME = (
    "The connection is cut before any TLS answer on every try ({tries}), so this is no "
    "sporadic network drop: a firewall, IPS or TLS-inspecting device on the path blocks TLS "
    "to this target, or no TLS server listens on the port (another service that closes on "
    "unexpected data), or the server refuses every TLS version and cipher without an alert. "
    "Test from the application server's OS (`openssl s_client -connect <host>:<port> "
    "-servername <host>`); if it fails the same way, give the network team the source hosts, "
    "target and port."
)
_CUT_ONCE = (
    "The connection was cut before any TLS answer. If it happens on every try, a firewall, "
    "IPS or TLS-inspecting device on the path, or a port without a TLS server, is the usual "
    "reason: test from the application server's OS (`openssl s_client -connect <host>:<port>`) "
    "and ask the network team; if only sometimes, look for network drops (load balancer or "
    "firewall idle timeouts)."
)
_SILENT = (
    "The port accepts TCP but never answers the TLS handshake: that is no slow request — "
    "what listens there does not speak TLS (a service waiting for its client to talk first) "
    "or a firewall or load balancer accepts and then filters the connection. Check that SM59 "
    "→ Technical Settings → Service No. is the server's HTTPS port and test from the "
    "application server's OS (`openssl s_client -connect <host>:<port>`); if it hangs there "
    "too, ask the server's owner or the network team what answers on that port."
)


_TUNNEL_UNANSWERED = (
    "The proxy said 200 to the CONNECT, then the tunnel {what}. Find this CONNECT in the "
    "proxy's log: did the proxy reach the target, and did its own rules (TLS or SNI filter, "
    "inspection) end the connection? Check that SM59 → Technical Settings → Service No. is the "
    "server's HTTPS port, and test from the application server's OS through the proxy "
    "(`curl -v -x http://{proxy} https://<host>:<port>/`); if it fails the same way, the proxy "
    "team or the server's owner can tell which side ends it."
)


STILL_SENDING_MS = 1500  # data this recent at the deadline: the server was still sending


def trickled(tls: TlsResult, setting: VerdictSetting) -> str:
    """The detail of a handshake that timed out although the server sent something (bytes
    came, see `tcpinfo`): still sending at the end (a trickle) or stopped after a start (a
    stall) — not silent either way. "" when nothing came or nobody counted."""
    got = tls.received
    if got is None or got.bytes_received == 0:
        return ""
    source = f"through the tunnel of the proxy {setting.via_proxy}" if setting.via_proxy else "from the server"
    came = f"{got.bytes_received} byte{'s' if got.bytes_received != 1 else ''} of the TLS handshake came {source}"
    head = f"the handshake began but did not complete within the timeout ({setting.timeout:g} s): {came}"
    elapsed_s, quiet_s = tls.elapsed_ms / 1000.0, got.last_data_ms / 1000.0
    if got.last_data_ms <= STILL_SENDING_MS:
        return (f"{head} over {elapsed_s:.1f} s, still arriving when the time ran out — it answers, "
                "far too slowly, rather than not at all")
    return (f"{head} within the first {max(0.0, elapsed_s - quiet_s):.1f} s, then nothing for "
            f"{quiet_s:.1f} s — it began to answer and stalled")


_TRICKLE = (
    "The server answers the handshake, but so slowly that it cannot complete in time — no "
    "silent port and no certificate question. A TLS handshake is a few kilobytes and takes "
    "milliseconds: something throttles this connection — an IPS or firewall that slows "
    "(tarpits) connections it distrusts, a saturated or faulty link{via}, or a server too "
    "overloaded to send. Time it from the application server's OS (`time openssl s_client "
    "-connect <host>:<port> -servername <host>`) and give the result, source and target to the "
    "network team and the server's owner; a longer timeout on the SAP side would at most hide it."
)
_STALL = (
    "The server began the handshake and then stopped sending — no silent port: what listens "
    "speaks, and waits on something before it goes on (a key in a hardware security module, a "
    "back end behind a TLS-terminating load balancer{via}) or a device on the path holds the "
    "rest back. Repeat it from the application server's OS (`openssl s_client -connect "
    "<host>:<port> -servername <host>`): if it hangs at the same point, the server's owner looks "
    "at its TLS log at that time, the network team at the path."
)


def slow_handshake_step(tls: TlsResult, via_proxy: str | None) -> str:
    """The next step for a handshake the server began and did not finish in time."""
    got = tls.received
    if got is None or not got.bytes_received:
        return ""
    step = _TRICKLE if got.last_data_ms <= STILL_SENDING_MS else _STALL
    return step.format(via=", the proxy" if via_proxy else "")


def unanswered_handshake_step(tls: TlsResult, cause: str, probe: dict[str, str] | None,
                              via_proxy: str | None = None) -> str:
    """The next step for a handshake the server never answered: cut without a word
    (repeatedly, when the version probe's fresh connections were all refused too) or
    left hanging. The cause's own first fix step is about sporadic drops or slow
    requests, which these are not. Through a proxy's tunnel the proxy is as likely an
    author as the target: its log comes first."""
    unanswered = {("server_timeout", "timeout"): "carried no TLS answer",
                  ("connection_broken", "closed"): "was closed before the TLS handshake completed"}
    if cause == "server_timeout" and tls.kind == "timeout" and (slow := slow_handshake_step(tls, via_proxy)):
        return slow
    if via_proxy and (what := unanswered.get((cause, tls.kind or ""))):
        return _TUNNEL_UNANSWERED.format(what=what, proxy=via_proxy)
    if cause == "server_timeout" and tls.kind == "timeout":
        return _SILENT
    if cause != "connection_broken" or tls.kind != "closed":
        return ""
    if probe and not accepted_versions(probe) and all(v == "refused" for v in probe.values()):
        return _CUT_EVERY_TIME.format(tries=f"{len(probe) + 1} handshakes, TLS 1.0–1.3, all ciphers")
    return _CUT_ONCE


def cipher_step(cause: str, observed_suite: str | None) -> str:
    """The next step when the versions are common (TLS 1.2 or 1.3) and only the suite is
    not: the observation, which offers every cipher, saw which one the server picks — a
    fact to compare with the SAP system's suites, rather than the generic 'display the
    SSF version'."""
    if cause != "tls_version_or_cipher_mismatch" or not observed_suite:
        return ""
    if not observed_suite.startswith(("TLS 1.2 ", "TLS 1.3 ")):
        return ""  # an old version only: the version is the problem, not the suite
    return (f"Offered every cipher, the server picks {observed_suite}, which this check's default "
            "suites do not include. Compare it with the suites the SAP system offers: "
            "ssl/client_ciphersuites (SAP Note 510007 recommends "
            "150:PFS:HIGH::EC_X25519:EC_P256:EC_HIGH; the dev_icm line SSL_CTX ciphersuites=… at "
            "trace level 2–3 shows what it really offered) — or have the server's owner enable "
            "forward-secret ECDHE suites with AES-GCM.")


def old_tls_step(cause: str, probe: dict[str, str] | None) -> str:
    """The next step when the server speaks only versions below TLS 1.2: the version is
    the problem, the lasting fix is the server's, and what the SAP system offers is in
    its own parameters and trace — not the generic 'display the SSF version'."""
    if cause != "tls_version_or_cipher_mismatch" or not old_tls_only(probe):
        return ""
    old = " and ".join(accepted_versions(probe or {}))
    return (f"The server speaks only {old}, deprecated since 2021 (RFC 8996): ask the server's "
            "owner to enable TLS 1.2 — the lasting fix. Until "
            f"then the SAP system reaches it only if ssl/client_ciphersuites still offers {old} (a "
            "strict TLS 1.2 setup, SAP Note 2384243, does not); dev_icm at trace level 2–3 shows "
            "the protocol versions it offered.")


def tls13_only_finding(tls12: str) -> Finding | None:
    """A warning when the server refused TLS 1.2 after it agreed on TLS 1.3 (see
    `tlssteps.tls12_probe`): the check passes here, the SAP system fails as 407 unless
    TLS 1.3 is switched on there."""
    if tls12 != "refused":
        return None
    return Finding(
        "tls", "warn",
        "the server accepts TLS 1.3 only (an unverified TLS 1.2 handshake was refused). This "
        "machine speaks TLS 1.3; an SAP system only when its kernel and CommonCryptoLib support "
        "it and ssl/client_ciphersuites switches it on (SAP Notes 3318423, 3346659) — else the "
        "call fails there as SCLNT_HTTP407 (SSSLERR_SSL_READ or a closed connection)",
        cause="tls_version_or_cipher_mismatch", sclnt_http="SCLNT_HTTP407",
        data={"versions": {"TLS 1.2": "refused", "TLS 1.3": "accepted"}, "next_step": _TLS13_ONLY_STEP})


_TLS13_ONLY_STEP = (
    "Find out whether the SAP system speaks TLS 1.3: its CommonCryptoLib version (STRUST → "
    "Environment → Display SSF Version) and whether ssl/client_ciphersuites switches TLS 1.3 on "
    "(SAP Notes 3318423, 3346659). If it does not, enable it there or ask the server's owner to "
    "accept TLS 1.2 as well."
)


def old_tls_only(probe: dict[str, str] | None) -> bool:
    """The version probe found only versions below TLS 1.2."""
    versions = set(accepted_versions(probe)) if probe else set()
    return bool(versions) and not versions & {"TLS 1.2", "TLS 1.3"}


def about_versions(tls: TlsResult, obs: Observation | None) -> bool:
    """Was the handshake's failure possibly about versions or ciphers (not about the
    client certificate)? Only then is the version probe worth its connections."""
    return tls.kind in ("mismatch", "closed") or (
        tls.kind == "handshake_failure" and client_cert_refusal(tls, obs, None) is None)


def client_cert_refusal(tls: TlsResult, obs: Observation | None,
                        probe: dict[str, str] | None) -> str | None:
    """The reason when the verdict handshake failed over the client certificate, else None.

    An explicit certificate alert counts always. A generic failure or a closed connection
    counts when the server asked for a certificate and the observation — which speaks
    every version and cipher and presents the same identity — failed as well.
    """
    if tls.kind == "client_cert":
        if obs is not None and obs.cert_requested is False:
            return None  # a certificate alert no request came before: not about ours
        return tls.reason or "certificate alert"
    if tls.kind not in ("handshake_failure", "closed") or obs is None or not obs.cert_requested:
        return None
    if obs.ok or (tls.kind == "closed" and old_tls_only(probe)):
        return None
    return tls.reason or "connection closed"


def http_after_tls_finding(tls: TlsResult, http: HttpResult | None, client_cert: Finding, *,
                           client_cert_given: bool, cancelled: bool,
                           again: HttpResult | None = None, target: Target | None = None) -> Finding:
    """Step 8 after a TLS handshake (or why it was not sent); `again` is the second
    request made when the first broke (see `tlssteps.second_try`)."""
    if http is None:
        why = "the TLS handshake failed" if not tls.ok else (
            "cancelled" if cancelled else "no time left")
        return Finding("http", "skip", f"not sent: {why}")
    sent_sni = tls.server_hostname if target is not None and not target.is_ip else None  # no SNI for an address
    found = http_finding(http, client_cert_sent=client_cert_given, target=target, sni=sent_sni)
    if (http.kind == "broken" and http.status is None and client_cert.status == "fail"
            and client_cert.cause in CLIENT_CERT_CAUSES):
        # TLS 1.3: the refusal can race with the request; the observation saw it
        found.cause, found.sclnt_http = client_cert.cause, client_cert.sclnt_http
        found.detail += " — the server refuses connections without an accepted client certificate"
    elif http.kind == "broken":
        second_try_note(found, http, again, via="tls")
    return found
