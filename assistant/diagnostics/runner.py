"""Run the steps in order against one endpoint and fold the findings into a report.

The runner owns the overall deadline (`--timeout`): every step gets what is left, so a
check returns in time whatever the server does. Findings are emitted in step order; the
report's SCLNT_HTTP message and cause are those of the first failing finding (or, when
nothing fails, the first warning).

A cancel (the `cancel` flag) takes effect at once: the check's connections are shut
down (see `cancel.py`), the step in flight ends as "cancelled" and so do the steps after
it — never as the broken connection or timeout the shutdown looks like.
"""

from __future__ import annotations

import datetime as _dt
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.diagnostics.cancel import UNTRACKED, Cancel, CancelWatcher, OpenSockets
from assistant.diagnostics.causes import VERIFY_CODE_CAUSE, message_for
from assistant.diagnostics.client_auth import ClientIdentity, client_cert_finding, load_identity
from assistant.diagnostics.connect import connect_any, connect_finding, connect_one
from assistant.diagnostics.deadline import Deadline, timeout_problem
from assistant.diagnostics.http import HttpResult, build_request, http_finding, http_get
from assistant.diagnostics.model import (
    PKCS12_PASSWORD_ENV,
    STEP_ORDER,
    CertInfo,
    CheckOptions,
    CheckReport,
    Finding,
    Verdict,
)
from assistant.diagnostics.observe import LABEL, Observation, chain_from_socket, observe
from assistant.diagnostics.proxy import (
    ProxyCredentials,
    ProxyResult,
    open_tunnel,
    proxy_finding,
    reach_proxy,
)
from assistant.diagnostics.resolve import Address, resolve, resolve_finding
from assistant.diagnostics.target import ProxyTarget, Target, parse_proxy, parse_target
from assistant.diagnostics.tls import (
    TlsResult,
    Trust,
    accepted_versions,
    handshake,
    load_trust,
    probe_versions,
    sni_name,
    unverified_probe_context,
    verify_context,
)
from assistant.textsafe import escape_control

FindingCallback = Callable[[Finding], None]


class CheckSetupError(ValueError):
    """Options that cannot work (bad URL, unreadable files); meant for the user."""


@dataclass(slots=True)
class PreparedCheck:
    """Everything parsed and loaded up front, so usage errors surface before any traffic."""

    options: CheckOptions
    target: Target
    trust: Trust
    identity: ClientIdentity | None
    proxy: ProxyTarget | None
    credentials: ProxyCredentials | None


def prepare(options: CheckOptions) -> PreparedCheck:
    """Validate options and load files; raises CheckSetupError with a clear message."""
    try:
        problem = timeout_problem(options.timeout)
        if problem is not None:
            raise ValueError(problem)
        if options.pkcs12 and (options.client_cert or options.client_key):
            raise ValueError("use either --client-cert/--client-key or --pkcs12, not both")
        if options.client_key and not options.client_cert:
            raise ValueError("--client-key needs --client-cert")
        target = parse_target(options.url)
        proxy = parse_proxy(options.proxy) if options.proxy else None
        if options.proxy_user and not proxy:
            raise ValueError("--proxy-user needs --proxy")
        creds = ProxyCredentials.parse(options.proxy_user) if options.proxy_user else None
        # one variable for every protected file, in every front end
        env_password = os.environ.get(PKCS12_PASSWORD_ENV)
        ca_password = options.ca_file_password
        trust = load_trust(options.ca_file, env_password if ca_password is None else ca_password)
        identity_password = options.pkcs12_password
        key_password = options.client_key_password
        identity = load_identity(
            cert=options.client_cert, key=options.client_key, pkcs12=options.pkcs12,
            pkcs12_password=env_password if identity_password is None else identity_password,
            key_password=env_password if key_password is None else key_password,
        )
    except CheckSetupError:
        raise
    except ValueError as exc:
        raise CheckSetupError(str(exc)) from None
    return PreparedCheck(options, target, trust, identity, proxy, creds)


def run_check(
    options: CheckOptions,
    *,
    on_finding: FindingCallback | None = None,
    cancel: Cancel | None = None,
) -> CheckReport:
    """Check one endpoint. Raises CheckSetupError for unusable options (before any traffic)."""
    return run_prepared(prepare(options), on_finding=on_finding, cancel=cancel)


def run_prepared(
    prepared: PreparedCheck,
    *,
    on_finding: FindingCallback | None = None,
    cancel: Cancel | None = None,
) -> CheckReport:
    return _Check(prepared, on_finding, cancel).run()


# --------------------------------------------------------------------------- the check


class _Check:
    """One check of one endpoint: owns the deadline, the findings so far and the extras.

    A class rather than a pipeline of functions because the steps share a lot — the
    route (direct or tunnel) to open more connections, the deadline, the cancel flag.
    """

    def __init__(self, p: PreparedCheck, on_finding: FindingCallback | None,
                 cancel: Cancel | None) -> None:
        self.p, self.t, self.o = p, p.target, p.options
        self.on_finding, self.cancel = on_finding, cancel
        self.findings: list[Finding] = []
        self.chain: list[CertInfo] = []
        self.extra: dict[str, Any] = {}
        self.start = time.monotonic()
        # only a check that can be cancelled keeps books of its connections
        self.sockets = OpenSockets() if cancel is not None else UNTRACKED
        self.deadline = Deadline(self.o.timeout, sockets=self.sockets)
        self.address: Address | None = None  # the address that answered (direct route)
        self.cancelled = False

    # ---- plumbing

    def emit(self, finding: Finding) -> None:
        """Record a finding. Once cancelled, what goes wrong is the cancel's doing (a shut
        down socket looks like a broken connection): such a finding becomes "cancelled"."""
        if finding.status != "ok" and self.stopped():
            if any(f.step == finding.step for f in self.findings):
                return
            finding = Finding(finding.step, "skip", CANCELLED, finding.elapsed_ms)
        self.findings.append(finding)
        if self.on_finding is not None:
            self.on_finding(finding)

    def stopped(self) -> bool:
        if self.cancel is not None and self.cancel.is_set():
            self.cancelled = True
        return self.cancelled

    def open_stream(self, deadline: Deadline) -> socket.socket:
        """A fresh TCP stream to the target: direct, or a new tunnel through the proxy."""
        if self.p.proxy is not None:
            pr = open_tunnel(self.p.proxy, self.t, self.p.credentials, deadline)
            if pr.sock is None:
                raise ConnectionError(f"proxy tunnel failed at {pr.stage}: {pr.error or 'status'}")
            return pr.sock
        assert self.address is not None
        return connect_one(self.address, deadline.timeout(), deadline.sockets)

    def finish(self) -> CheckReport:
        """Every step appears once in the report, skipped ones with the reason."""
        done = {f.step for f in self.findings}
        why = CANCELLED if self.stopped() else "not run: an earlier step failed or time ran out"
        for step in STEP_ORDER:
            if step not in done:
                self.emit(Finding(step, "skip", why))
        self.findings.sort(key=lambda f: STEP_ORDER.index(f.step) if f.step in STEP_ORDER else 99)
        verdict, cause, msg = fold(self.findings)
        return CheckReport(
            target=str(self.t), verdict=verdict, sclnt_http=msg, cause=cause,
            findings=self.findings, chain=self.chain,
            elapsed_ms=(time.monotonic() - self.start) * 1000.0, cancelled=self.cancelled,
            extra=self.extra,
        )

    # ---- steps

    def run(self) -> CheckReport:
        """The steps, watched for a cancel when there is a flag; then the report."""
        watcher = CancelWatcher(self.cancel, self.sockets).start() if self.cancel is not None else None
        try:
            self.steps()
        finally:
            if watcher is not None:
                watcher.stop()
            self.sockets.close_all()
        return self.finish()

    def steps(self) -> None:
        """All steps in order; a step that cannot run leaves its place to `finish`."""
        sock = self.reach()
        if sock is None:
            return
        if self.stopped():
            self.sockets.close(sock)
            return
        if not self.t.tls:
            for step in ("tls", "observe", "chain", "client_cert"):
                self.emit(Finding(step, "skip", "plain http:// — no TLS"))
            self.do_http(sock)
            return
        self.do_tls(sock)

    def reach(self) -> socket.socket | None:
        """Steps 1–3: resolve, connect, proxy. Returns the connected stream or None."""
        if self.p.proxy is not None:
            self.emit(Finding("resolve", "skip", f"{self.t.host} is resolved by the proxy"))
            self.emit(Finding("connect", "skip", "the connection goes through the proxy"))
            pr: ProxyResult
            if self.t.tls:
                pr = open_tunnel(self.p.proxy, self.t, self.p.credentials, self.deadline)
                self.emit(proxy_finding(pr))
            else:
                pr = reach_proxy(self.p.proxy, self.deadline)
                self.emit(proxy_finding(pr, mode="forward"))
            return pr.sock
        rr = resolve(self.t.host, self.t.port, self.deadline)
        self.emit(resolve_finding(rr))
        if not rr.ok or self.stopped():
            return None
        cr = connect_any(rr.addresses, self.deadline)
        self.emit(connect_finding(cr))
        self.emit(Finding("proxy", "skip", "no proxy (direct connection)"))
        self.address = cr.address
        return cr.sock

    def do_tls(self, sock: socket.socket) -> None:
        """Steps 4–8 over TLS: gather all evidence first, then emit in step order.

        The verdict connection decides; the observations and the version probe only
        explain, so they run after it and only while time is left.
        """
        tls, http, verified_chain = self.verdict_exchange(sock)
        if self.stopped() and not tls.ok:
            return  # interrupted handshake: nothing to explain, `finish` says cancelled
        obs, alt = self.observations(tls, http)
        probe = self.version_probe(tls, obs)
        chain_der = verified_chain or (list(obs.chain_der) if obs is not None else [])
        chain_findings = self.analyze(chain_der, tls)
        sni_finding = self.compare_sni(obs, alt)
        refusal = client_cert_refusal(tls, obs, probe)
        self.emit(self.tls_finding(tls, probe, chain_findings, sni_finding, refusal))
        self.emit(self.observe_finding(obs, chain_der))
        if sni_finding is not None:
            self.emit(sni_finding)
        for f in chain_findings:
            self.emit(f)
        if http is not None and http.kind == "client_cert":
            refusal = http.ssl_reason
        cc = client_cert_finding(obs, self.p.identity, rejected_reason=refusal,
                                 completed_request=bool(http and http.complete))
        self.emit(cc)
        self.emit(self.tls_http_finding(tls, http, cc))

    def verdict_exchange(self, sock: socket.socket) -> tuple[TlsResult, HttpResult | None, list[bytes]]:
        """The handshake as SAP would do it and, if it succeeds, the request on that connection.

        The request goes right after the handshake, as SAP sends it: a TLS 1.3 server
        refuses a missing client certificate only on this first read, and a server that
        takes one connection at a time is free again for the observations.
        """
        host = self.t.host
        server_hostname = sni_name(host, self.o.sni)
        ctx = verify_context(self.p.trust, self.p.identity,
                             check_hostname=server_hostname is not None or self.t.is_ip)
        if self.t.is_ip:
            server_hostname = host  # not sent as SNI, but needed for the IP SAN check
        tls = handshake(sock, ctx, server_hostname, self.deadline)
        if tls.ok and not ctx.check_hostname:
            self.check_name_without_sni(tls)
        http: HttpResult | None = None
        verified_chain: list[bytes] = []
        try:
            if tls.ok and tls.sock is not None:
                verified_chain, _ = chain_from_socket(tls.sock)
                if not self.stopped():
                    http = http_get(tls.sock, build_request(self.t), self.deadline)
        finally:
            if tls.sock is not None:
                self.sockets.close(tls.sock)
                tls.sock = None
        return tls, http, verified_chain

    def observations(self, tls: TlsResult, http: HttpResult | None
                     ) -> tuple[Observation | None, Observation | None]:
        """Step 5 twice: with our SNI setting, then with the other one to compare."""
        if tls.kind in ("no_tls", "timeout") or self.stopped() or self.deadline.expired():
            return None, None
        host, use_sni = self.t.host, self.o.sni
        # probe for a client-certificate refusal only when the verdict request did not complete
        probe_request = None if http is not None and http.complete else build_request(self.t)
        obs = self.observe_once(sni_name(host, use_sni), self.p.identity, probe_request)
        alt = None
        if obs is not None and obs.chain_der and not self.t.is_ip and not self.deadline.expired():
            alt = self.observe_once(sni_name(host, not use_sni), None, None)
        return obs, alt

    def version_probe(self, tls: TlsResult, obs: Observation | None) -> dict[str, str] | None:
        """Which TLS versions the server accepts, when the handshake failed in a way that
        may be about versions or ciphers (not when it was about the client certificate)."""
        about_versions = tls.kind in ("mismatch", "closed") or (
            tls.kind == "handshake_failure" and client_cert_refusal(tls, obs, None) is None)
        if not about_versions or self.stopped() or self.deadline.expired():
            return None
        probe = probe_versions(self.open_stream, sni_name(self.t.host, self.o.sni), self.deadline)
        self.extra["accepted_versions"] = accepted_versions(probe)
        return probe

    def tls_http_finding(self, tls: TlsResult, http: HttpResult | None, cc: Finding) -> Finding:
        """Step 8 after a TLS handshake (or why it was not sent)."""
        if http is None:
            why = "the TLS handshake failed" if not tls.ok else (
                "cancelled" if self.cancelled else "no time left")
            return Finding("http", "skip", f"not sent: {why}")
        hf = http_finding(http, client_cert_sent=self.p.identity is not None)
        if (http.kind == "broken" and http.status is None and cc.status == "fail"
                and cc.cause in CLIENT_CERT_CAUSES):
            # TLS 1.3: the refusal can race with the request; the observation saw it
            hf.cause, hf.sclnt_http = cc.cause, cc.sclnt_http
            hf.detail += " — the server refuses connections without an accepted client certificate"
        return hf

    def check_name_without_sni(self, tls: TlsResult) -> None:
        """Python checks the host name only together with SNI; without, we check it here."""
        from assistant.diagnostics.hostmatch import der_matches_host  # loads cryptography

        host = self.t.host
        if tls.leaf_der is None or der_matches_host(tls.leaf_der, host):
            return
        tls.ok, tls.kind, tls.verify_code = False, "verify", 62
        tls.verify_message = f"Hostname mismatch, certificate is not valid for {host!r}"
        tls.error = f"{tls.verify_message} (checked by sapassist: SNI is off)"
        if tls.sock is not None:
            self.sockets.close(tls.sock)
            tls.sock = None

    def observe_once(self, server_hostname: str | None, identity: ClientIdentity | None,
                     request: bytes | None) -> Observation | None:
        """One unverified handshake on a fresh connection (None: no connection in time)."""
        try:
            sock = self.open_stream(self.deadline)
        except OSError:
            return None
        ctx = unverified_probe_context()
        if identity is not None:
            identity.apply(ctx)
        return observe(sock, server_hostname, self.deadline, ctx=ctx,
                       client_cert_sent=identity is not None, probe_request=request)

    def analyze(self, chain_der: list[bytes], tls: TlsResult) -> list[Finding]:
        """Step 6 (the certificates helper's analysis) plus the chain listing for the report."""
        if not chain_der:
            return [Finding("chain", "skip", "no certificate was received")]
        start = time.monotonic()
        from cryptography import x509

        from assistant.diagnostics.certinfo import cert_info
        from assistant.diagnostics.chain import analyze_chain

        try:
            certs = [x509.load_der_x509_certificate(d) for d in chain_der]
        except ValueError as exc:
            return [Finding("chain", "fail", f"the server sent an unparsable certificate: {exc}",
                            cause="tls_handshake_failed", sclnt_http="SCLNT_HTTP407")]
        self.chain = [cert_info(c) for c in certs]
        trust = None if self.p.trust.system else [
            x509.load_der_x509_certificate(d) for d in self.p.trust.certs_der]
        verify_error = None
        if not tls.ok and tls.kind == "verify":
            verify_error = f"{tls.verify_message} (X509 verify code {tls.verify_code})"
        analysis = analyze_chain(
            certs, host=self.t.host, trust=trust, now=_dt.datetime.now(_dt.UTC),
            verified_ok=tls.ok if tls.kind in (None, "verify") else None,
            verify_error=verify_error,
        )
        found: list[Finding] = list(analysis.findings)
        to_import = analysis.to_import
        if to_import:
            self.extra["to_import"] = [c.to_json() for c in to_import]
        for attr in ("missing_issuer", "aia_url"):
            if getattr(analysis, attr, None):
                self.extra[attr] = getattr(analysis, attr)
        elapsed = (time.monotonic() - start) * 1000.0
        if not found:
            return [Finding("chain", "ok", f"{len(certs)} certificate(s): no problem found", elapsed)]
        for f in found:
            if not f.elapsed_ms:
                f.elapsed_ms = elapsed / len(found)
        return found

    def compare_sni(self, obs: Observation | None, alt: Observation | None) -> Finding | None:
        """Does the server send another certificate with SNI than without?"""
        if obs is None or alt is None or not obs.chain_der or not alt.chain_der:
            return None
        if obs.chain_der[0] == alt.chain_der[0]:
            self.extra["sni_same_certificate"] = True
            return None
        self.extra["sni_same_certificate"] = False
        from assistant.diagnostics.hostmatch import der_matches_host

        host = self.t.host
        with_sni, without_sni = (obs, alt) if self.o.sni else (alt, obs)
        without_ok = der_matches_host(without_sni.chain_der[0], host)
        with_ok = der_matches_host(with_sni.chain_der[0], host)
        subj_without = _subject(without_sni.chain_der[0])
        subj_with = _subject(with_sni.chain_der[0])
        data = {"with_sni": subj_with, "without_sni": subj_without}
        if self.o.sni and not without_ok:
            return Finding(
                "observe", "warn",
                f"without SNI the server sends another certificate ({subj_without}) that does not "
                f"match {host}: if SAP does not send SNI (profile parameter "
                "icm/HTTPS/client_sni_enabled), the check fails with SCLNT_HTTP415",
                cause="sni_not_sent", data=data)
        if not self.o.sni and with_ok:
            return Finding(
                "observe", "ok",
                f"with SNI the server sends the right certificate ({subj_with}); without SNI it "
                f"sends {subj_without}", data={**data, "sni_fixes_it": True})
        return Finding("observe", "ok",
                       f"the certificate differs with SNI ({subj_with}) and without ({subj_without})",
                       data=data)

    def tls_finding(self, tls: TlsResult, probe: dict[str, str] | None,
                    chain_findings: list[Finding], sni_finding: Finding | None,
                    refusal: str | None) -> Finding:
        """Step 4: the verdict handshake, explained by what the other steps found."""
        sni = f"SNI {tls.server_hostname}" if tls.server_hostname and not self.t.is_ip else "no SNI"
        trust = "the system trust store" if self.p.trust.system else self.p.trust.source
        data: dict[str, Any] = {"sni": tls.server_hostname if sni != "no SNI" else None,
                                "trust": trust}
        if tls.reason:
            data["reason"] = tls.reason
        if tls.verify_code is not None:
            data["verify_code"], data["verify_message"] = tls.verify_code, tls.verify_message
        if probe:
            data["versions"] = probe
        if tls.ok:
            return Finding("tls", "ok", f"{tls.version_label} {tls.cipher}, certificate chain "
                           f"verified against {trust} ({sni})", tls.elapsed_ms, data=data)
        if tls.kind == "verify":
            detail = f"certificate not accepted: {tls.error} ({sni}, trust: {trust})"
            cause, msg = self.verify_cause(tls, chain_findings, sni_finding)
        else:
            detail, cause, msg = self.handshake_failure(tls, probe, refusal)
        return Finding("tls", "fail", detail, tls.elapsed_ms, cause=cause,
                       sclnt_http=msg or message_for(cause) or "SCLNT_HTTP407", data=data)

    def verify_cause(self, tls: TlsResult, chain_findings: list[Finding],
                     sni_finding: Finding | None) -> tuple[str, str | None]:
        """(cause, SCLNT_HTTP) of a certificate the verdict handshake did not accept.

        Our chain analysis names the cause better than OpenSSL's verify code; the code is
        the fallback. Without SNI, a server whose right certificate comes only with SNI
        is `sni_not_sent`, whatever the wrong certificate's own faults.
        """
        if not self.o.sni and sni_finding is not None and sni_finding.data.get("sni_fixes_it"):
            return "sni_not_sent", "SCLNT_HTTP415"
        first = next((f for f in chain_findings if f.status == "fail" and f.cause), None)
        if first is not None and first.cause is not None:
            return first.cause, first.sclnt_http or message_for(first.cause)
        cause = VERIFY_CODE_CAUSE.get(tls.verify_code or -1, "server_cert_untrusted")
        return cause, message_for(cause)

    def handshake_failure(self, tls: TlsResult, probe: dict[str, str] | None,
                          refusal: str | None) -> tuple[str, str, str | None]:
        """(detail, cause, SCLNT_HTTP when not the cause's usual one) of a handshake that
        failed before any certificate question."""
        if tls.kind == "no_tls":
            return (f"no TLS on this port ({tls.reason}): the server answered something else, "
                    "probably plain HTTP — use http:// or the HTTPS port (SAP trace: "
                    "SSSLRC_NO_SSL_RESPONSE)", "no_tls_on_port", None)
        if tls.kind == "timeout":
            return ("the server accepted the TCP connection but did not answer the TLS "
                    f"handshake within the timeout ({self.o.timeout:g} s)", "server_timeout", None)
        if refusal is not None and self.p.identity is None:
            return ("the server asked for a client certificate and refused the handshake "
                    f"without one ({refusal})", "client_cert_required", None)
        if refusal is not None:
            return (f"the server refused the client certificate we presented ({refusal})",
                    "client_cert_rejected", None)
        versions = accepted_versions(probe) if probe else []
        speaks = (f"; an unverified version probe found the server accepts {', '.join(versions)}"
                  if versions else
                  "; an unverified version probe found the server accepts none of TLS 1.0–1.3, "
                  "even with all ciphers" if probe else "")
        if tls.kind in ("mismatch", "handshake_failure") or (tls.kind == "closed" and old_tls_only(probe)):
            return (f"no common TLS version or cipher ({tls.reason or tls.error}); this check "
                    f"offered TLS 1.2–1.3 with default ciphers{speaks}. In SAP compare "
                    "ssl/client_ciphersuites (SAP Note 510007)", "tls_version_or_cipher_mismatch", None)
        if tls.kind == "closed":
            return (f"the server closed or reset the connection during the handshake "
                    f"({tls.error}); SAP trace: SSSLRC_CONN_CLOSED{speaks}",
                    "connection_broken", "SCLNT_HTTP407")
        return (f"TLS handshake failed ({tls.reason or tls.error}): none of the known causes "
                "fits; compare with the ICM trace (dev_icm) of the SAP system",
                "tls_handshake_failed", None)

    def observe_finding(self, obs: Observation | None, chain_der: list[bytes]) -> Finding:
        if obs is None:
            return Finding("observe", "skip", f"{LABEL}: not run")
        parts = []
        if obs.ok:
            parts.append(f"{obs.version_label} {obs.cipher}")
        else:
            parts.append(f"handshake ended: {escape_control(obs.error or obs.kind or '?')}")
        chain = obs.chain_der or chain_der
        if chain:
            names = ", ".join(f"#{i + 1} {_subject(d)}" for i, d in enumerate(chain))
            parts.append(f"{len(chain)} certificate(s) sent in this order: {names}")
        if obs.cert_requested is None:
            parts.append("client certificate request: cannot be seen on this Python")
        elif obs.cert_requested:
            cas = "; ".join(escape_control(n) for n in obs.ca_names) or "none listed"
            parts.append(f"the server asks for a client certificate (acceptable CAs: {cas})")
        else:
            parts.append("no client certificate requested")
        if self.extra.get("sni_same_certificate") is True:
            parts.append("same certificate with and without SNI")
        data = {"version": obs.version, "cipher": obs.cipher, "chain_source": obs.chain_source,
                "client_cert_requested": obs.cert_requested,
                "acceptable_ca_names": [escape_control(n) for n in obs.ca_names]}
        self.extra["observed"] = data
        return Finding("observe", "ok" if obs.ok or chain else "skip",
                       f"{LABEL}: " + "; ".join(parts), obs.elapsed_ms, data=data)

    def do_http(self, sock: socket.socket) -> None:
        """Step 8 for http:// (direct, or as a forward request through the proxy)."""
        forward = self.p.proxy is not None
        auth = self.p.credentials.header() if forward and self.p.credentials else None
        request = build_request(self.t, absolute_form=forward, proxy_authorization=auth)
        try:
            res = http_get(sock, request, self.deadline)
        finally:
            self.sockets.close(sock)
        finding = http_finding(res, via_forward_proxy=str(self.p.proxy) if forward else None,
                               credentials_sent=auth is not None)
        if res.kind == "broken" and res.status is None and not forward:
            # TLS servers often drop a plain request without a word
            finding.detail += " — if this port expects TLS, check https:// (SM59: SSL active)"
        self.emit(finding)


# --------------------------------------------------------------------------- helpers

CLIENT_CERT_CAUSES = ("client_cert_required", "client_cert_rejected")
CANCELLED = "cancelled"


def old_tls_only(probe: dict[str, str] | None) -> bool:
    """The version probe found only versions below TLS 1.2."""
    versions = set(accepted_versions(probe)) if probe else set()
    return bool(versions) and not versions & {"TLS 1.2", "TLS 1.3"}


def client_cert_refusal(tls: TlsResult, obs: Observation | None,
                        probe: dict[str, str] | None) -> str | None:
    """The reason when the verdict handshake failed over the client certificate, else None.

    An explicit certificate alert counts always. A generic failure or a closed connection
    counts when the server asked for a certificate and the observation — which speaks
    every version and cipher and presents the same identity — failed as well.
    """
    if tls.kind == "client_cert":
        return tls.reason or "certificate alert"
    if tls.kind not in ("handshake_failure", "closed") or obs is None or not obs.cert_requested:
        return None
    if obs.ok or (tls.kind == "closed" and old_tls_only(probe)):
        return None
    return tls.reason or "connection closed"



def fold(findings: list[Finding]) -> tuple[Verdict, str | None, str | None]:
    """(verdict, cause, SCLNT_HTTP) from the first failing, else first warning finding."""
    for status, verdict in (("fail", "error"), ("warn", "warning")):
        hits = [f for f in findings if f.status == status]
        if hits:
            best = next((f for f in hits if f.cause or f.sclnt_http), hits[0])
            return verdict, best.cause, best.sclnt_http  # type: ignore[return-value]
    return "ok", None, None


def _subject(der: bytes) -> str:
    from cryptography import x509

    try:
        return escape_control(x509.load_der_x509_certificate(der).subject.rfc4514_string())
    except ValueError:
        return "<unparsable certificate>"
