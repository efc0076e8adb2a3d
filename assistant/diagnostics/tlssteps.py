"""Steps 4–8 over TLS: the verdict exchange, the observations, the analyses, the findings.

All evidence is gathered first and the findings are emitted afterwards in step order,
because each step's explanation may depend on a later one (a failed handshake is
explained by the chain analysis, the observation or the version probe). The verdict
connection decides; the observations and the version probe only explain, so they run
after it and only while time is left.
"""

from __future__ import annotations

import socket
import ssl

from assistant.diagnostics.chainstep import chain_step
from assistant.diagnostics.checkrun import CheckRun
from assistant.diagnostics.client_auth import client_cert_finding
from assistant.diagnostics.handshake import (
    HandshakeEvidence,
    VerdictSetting,
    about_versions,
    client_cert_refusal,
    http_after_tls_finding,
    tls13_only_finding,
    tls_finding,
)
from assistant.diagnostics.http import HttpResult, build_request
from assistant.diagnostics.interception import (
    direct_observation,
    interception_finding,
    unconfirmed_interception,
)
from assistant.diagnostics.latecert import exchange_watching, late_client_cert, late_request_http
from assistant.diagnostics.model import Finding
from assistant.diagnostics.namefirst import name_checked_first
from assistant.diagnostics.observe import (
    HAS_MSG_CALLBACK,
    Observation,
    Recorder,
    chain_from_socket,
    observation_finding,
    observe,
    settle,
)
from assistant.diagnostics.plainanswer import answer_to_hello, explain_plain_answer
from assistant.diagnostics.redirect import follow_once
from assistant.diagnostics.sni import (
    UNKNOWN_NAME,
    absolute_name_finding,
    check_name_without_sni,
    compare_sni,
)
from assistant.diagnostics.statusnotes import client_cert_at_request
from assistant.diagnostics.target import Target
from assistant.diagnostics.tls import (
    CLIENT_CERT_REASONS,
    TlsResult,
    accepted_versions,
    handshake,
    probe_versions,
    sni_name,
    verify_context,
    version_verdict,
)


def tls_steps(run: CheckRun, sock: socket.socket) -> None:
    """Steps 4–8 on the connected stream `sock`; every finding goes to `run.emit`."""
    tls, http, verified_chain = verdict_exchange(run, sock)
    if run.stopped() and not tls.ok:
        return  # interrupted handshake: nothing to explain, the report says cancelled
    obs, alt = observations(run, tls)
    probe = version_probe(run, tls, obs)
    chain_der = verified_chain or (list(obs.chain_der) if obs is not None else [])
    chain = chain_step(chain_der, tls, host=run.target.host, trust=run.prepared.trust)
    run.chain = chain.certificates
    run.extra.update(chain.extra)
    # Only a chain the proxy path could not verify is compared with the direct one: a
    # healthy check through a proxy never goes around it (nor spends the time on it).
    direct = direct_observation(run) if not tls.ok else None
    intercepted = interception_finding(obs, direct, proxy=str(run.prepared.proxy))
    if intercepted is not None:  # first, so that it explains a failed handshake (see handshake.py)
        chain.findings.insert(0, intercepted)
    elif direct is None and run.prepared.proxy is not None and not tls.ok:
        hedge = unconfirmed_interception(chain.findings, obs, chain.extra, proxy=str(run.prepared.proxy))
        if hedge is not None:
            chain.findings.append(hedge)
    sni = compare_sni(obs, alt, host=run.target.host, sni_on=run.options.sni)
    if sni.same_certificate is not None:
        run.extra["sni_same_certificate"] = sni.same_certificate
    refusal = client_cert_refusal(tls, obs, probe)
    suite = f"{obs.version_label} {obs.cipher}" if obs is not None and obs.ok and obs.cipher else None
    evidence = HandshakeEvidence(probe, chain.findings, sni.finding, refusal, suite,
                                 obs.dh_bits if obs is not None else None,
                                 obs.retry_groups if obs is not None else (),
                                 obs is not None and obs.kind == "closed")
    found = tls_finding(tls, verdict_setting(run), evidence)
    if tls.kind == "no_tls" and not run.stopped():
        answer = answer_to_hello(run.open_stream, sni_name(run.target.host, run.options.sni), run.deadline)
        found = explain_plain_answer(found, answer, run.target.port)
    run.emit(found)
    absolute = absolute_name_finding(run.target.host)
    if absolute is not None:
        run.emit(absolute)
    tls12 = tls12_probe(run, tls)
    if tls12 is not None:
        run.extra["tls12_after_tls13"] = tls12
        only13 = tls13_only_finding(tls12)
        if only13 is not None:
            run.emit(only13)
    observed = observation_finding(obs, chain_der, same_with_and_without_sni=sni.same_certificate is True)
    if obs is not None:
        run.extra["observed"] = observed.data
    run.emit(observed)
    if sni.finding is not None:
        run.emit(sni.finding)
    for f in chain.findings:
        run.emit(f)
    if tls.ok and verified_chain and run.other_addresses:
        sibling_step(run, verified_chain[0])
    if http is not None and http.kind == "client_cert":
        refusal = http.ssl_reason
    identity = run.prepared.identity
    client_cert = client_cert_finding(obs, identity, rejected_reason=refusal,
                                      completed_request=bool(http and http.complete),
                                      server_verified=tls.ok)
    client_cert = late_client_cert(client_cert, http, presented=identity is not None)
    run.emit(client_cert)
    again = second_try(run, http) if client_cert.status != "fail" else None
    found = http_after_tls_finding(tls, http, client_cert, client_cert_given=identity is not None,
                                   cancelled=run.cancelled, again=again, target=run.target)
    certificate_page(found, http, client_cert, presented=identity is not None)
    late_request_http(found, http, presented=identity is not None)
    follow_redirect_once(run, found)
    run.emit(found)


def certificate_page(found: Finding, http: HttpResult | None, client_cert: Finding, *, presented: bool) -> None:
    """An error page about the client certificate, from a server that asked for one in the
    handshake (see `statusnotes.client_cert_at_request`): the certificate is the cause."""
    if http is None or found.status != "warn" or http.status is None:
        return
    names = client_cert.data.get("acceptable_ca_names")
    note = client_cert_at_request(http.status, http.body_head,
                                  requested=client_cert.data.get("requested") is True, presented=presented,
                                  ca_names=names if isinstance(names, list) else None)
    if note is None:
        return
    found.status, found.cause, found.sclnt_http = "fail", note.cause, None
    found.detail = found.detail.replace(" (the server's own answer, not an ICM error)", "") + note.hint
    found.data.update(note.data)
    found.data["next_step"] = note.next_step


def sibling_step(run: CheckRun, verified_leaf: bytes) -> None:
    """The name's other addresses that answered: the same certificate as the verified one
    (see `siblings`)? Read-only handshakes, within the check's deadline."""
    from assistant.diagnostics.siblings import address_text, read_siblings, sibling_finding

    if run.address is None or run.stopped() or run.deadline.expired():
        return
    siblings = read_siblings(run.other_addresses, sni_name(run.target.host, run.options.sni), run.deadline)
    trust = run.prepared.trust
    found = sibling_finding(siblings, verified_leaf, address_text(run.address), host=run.target.host,
                            trust_der=None if trust.system else trust.certs_der)
    if found is not None:
        run.emit(found)


def follow_redirect_once(run: CheckRun, found: Finding) -> None:
    """A redirect to another path on the same server: see redirect.follow_once; the hop's
    connection is verified like the first, and judged only when it was."""

    def verified(sock: socket.socket, hop: Target) -> tuple[int | None, str | None] | None:
        tls, res, _ = verdict_exchange(run, sock, hop)
        return (res.status, res.header("Location")) if tls.ok and res is not None else None

    follow_once(run, found, verified)


def second_try(run: CheckRun, http: HttpResult | None) -> HttpResult | None:
    """The request once more, on a fresh connection verified like the first, when the
    first broke without a TLS reason: does it break on every try (the server refuses it)
    or only now and then (a drop)? None when not needed or not possible in time."""
    if http is None or http.kind != "broken" or http.ssl_reason or run.stopped() or run.deadline.expired():
        return None
    try:
        sock = run.open_stream(run.deadline)
    except OSError:
        return None
    tls, again, _ = verdict_exchange(run, sock)
    return again if tls.ok else None


def verdict_setting(run: CheckRun) -> VerdictSetting:
    return VerdictSetting(trust=run.prepared.trust, sni_on=run.options.sni, is_ip=run.target.is_ip,
                          timeout=run.options.timeout,
                          client_cert_given=run.prepared.identity is not None,
                          via_proxy=str(run.prepared.proxy) if run.prepared.proxy is not None else None)


def verdict_exchange(run: CheckRun, sock: socket.socket,
                     target: Target | None = None) -> tuple[TlsResult, HttpResult | None, list[bytes]]:
    """The handshake as SAP would do it and, if it succeeds, the request on that connection.

    The request goes right after the handshake, as SAP sends it: a TLS 1.3 server
    refuses a missing client certificate only on this first read, and a server that
    takes one connection at a time is free again for the observations. Only this
    connection, whose server was verified, ever carries the request or the client
    certificate (with SNI off and an identity, see `namefirst`).
    """
    target, identity = target or run.target, run.prepared.identity  # another path: same server
    server_hostname = sni_name(target.host, run.options.sni)
    check_hostname = server_hostname is not None or target.is_ip
    hook = Recorder() if identity is not None else None  # an identity's context is never shared
    if identity is not None and not check_hostname:
        tls = name_checked_first(run, sock, identity, hook=hook)
    else:
        ctx = verify_context(run.prepared.trust, identity, check_hostname=check_hostname)
        if hook is not None and HAS_MSG_CALLBACK:
            ctx._msg_callback = hook  # type: ignore[attr-defined]
        if target.is_ip:
            server_hostname = target.host  # not sent as SNI, but needed for the IP SAN check
        tls = handshake(sock, ctx, server_hostname, run.deadline)
    if tls.ok and not check_hostname:
        check_name_without_sni(tls, target.host, run.sockets)
    http: HttpResult | None = None
    verified_chain: list[bytes] = []
    try:
        if tls.ok and tls.sock is not None:
            verified_chain, _ = chain_from_socket(tls.sock)
            if hook is not None:  # TLS 1.3 judges our certificate after the handshake:
                http = refused_on_arrival(tls.sock, hook, run)  # hear it before we write
            if http is None and not run.stopped():
                http = exchange_watching(tls.sock, build_request(target), run.deadline, hook,
                                         tls.version_label)
    finally:
        if tls.sock is not None:
            run.sockets.close(tls.sock)
            tls.sock = None
    return tls, http, verified_chain


def refused_on_arrival(ssock: ssl.SSLSocket, hook: Recorder, run: CheckRun) -> HttpResult | None:
    """The server's refusal of the certificate we presented, when it comes before any
    request (TLS 1.3: right after the handshake; a request written into a closing
    connection would provoke a reset that loses the alert). None: it went on."""
    verdict = settle(ssock, hook, run.deadline)
    if not verdict or not verdict.startswith("rejected"):
        return None
    reason = verdict.split(" ", 1)[1].strip("()")
    return HttpResult(kind="client_cert" if reason in CLIENT_CERT_REASONS else "broken",
                      ssl_reason=reason, error=f"TLS alert/error while reading: {reason}")


def observations(run: CheckRun, tls: TlsResult) -> tuple[Observation | None, Observation | None]:
    """Step 5 twice: with our SNI setting, then with the other one to compare. Unverified
    connections: no client certificate, no request (see `observe`)."""
    if tls.kind in ("no_tls", "timeout") or run.stopped() or run.deadline.expired():
        return None, None
    target, use_sni = run.target, run.options.sni
    obs = observe_once(run, sni_name(target.host, use_sni))
    alt = None
    # compare with the other SNI setting; without SNI also after a refused handshake,
    # which SNI may be all that is missing for; with SNI refused as an unknown name, the
    # certificate sent without SNI names the names the server does serve (also when it
    # closes on the name instead of saying unrecognized_name)
    compare = obs is not None and (bool(obs.chain_der) or (not obs.ok and (
        not use_sni or obs.alert == UNKNOWN_NAME or obs.kind == "closed")))
    if compare and not target.is_ip and not run.deadline.expired():
        alt = observe_once(run, sni_name(target.host, not use_sni))
    return obs, alt


def observe_once(run: CheckRun, server_hostname: str | None) -> Observation | None:
    """One unverified handshake on a fresh connection (None: no connection in time)."""
    try:
        sock = run.open_stream(run.deadline)
    except OSError:
        return None
    return observe(sock, server_hostname, run.deadline)


def version_probe(run: CheckRun, tls: TlsResult, obs: Observation | None) -> dict[str, str] | None:
    """Which TLS versions the server accepts, when the handshake failed in a way that
    may be about versions or ciphers (not when it was about the client certificate)."""
    if not about_versions(tls, obs) or run.stopped() or run.deadline.expired():
        return None
    probe = probe_versions(run.open_stream, sni_name(run.target.host, run.options.sni), run.deadline)
    run.extra["accepted_versions"] = accepted_versions(probe)
    return probe


def tls12_probe(run: CheckRun, tls: TlsResult) -> str | None:
    """After a TLS 1.3 verdict handshake: does the server take TLS 1.2 too? This machine
    speaks 1.3, an SAP system only where it was enabled, so a 1.3-only server works here
    and fails there. One unverified handshake, nothing sent; None when not asked."""
    if not tls.ok or tls.version_label != "TLS 1.3" or run.stopped() or run.deadline.expired():
        return None
    return version_verdict(run.open_stream, sni_name(run.target.host, run.options.sni), run.deadline,
                           ssl.TLSVersion.TLSv1_2)
