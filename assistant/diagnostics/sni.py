"""SNI: does the server send another certificate with SNI than without, and does the
certificate fit the host name when SNI is off?

SAP sends SNI only when the profile parameter icm/HTTPS/client_sni_enabled says so, and
many servers (virtual hosts, load balancers) choose their certificate by it. Comparing
the observations with and without SNI tells whether that is what breaks the check.
"""

from __future__ import annotations

from typing import NamedTuple

from assistant.diagnostics.cancel import OpenSockets
from assistant.diagnostics.model import Finding
from assistant.diagnostics.observe import Observation
from assistant.diagnostics.tls import TlsResult
from assistant.textsafe import escape_control

UNKNOWN_NAME = "TLSV1_UNRECOGNIZED_NAME"  # RFC 6066 alert 112, to a server name it does not serve
SHOWN_NAMES = 5


class SniComparison(NamedTuple):
    """What the two observations say: a finding when the certificates differ, and whether
    they were the same (None: not compared)."""

    finding: Finding | None = None
    same_certificate: bool | None = None


def compare_sni(obs: Observation | None, alt: Observation | None, *, host: str,
                sni_on: bool) -> SniComparison:
    """Does the server send another certificate with SNI than without?

    `obs` was made with the check's SNI setting (`sni_on`), `alt` with the other one.
    """
    if obs is None or alt is None:
        return SniComparison()
    refused = (_refused_one_way(obs, alt, sni_on=sni_on)
               or _served_without_sni(obs, alt, sni_on=sni_on, host=host))
    if refused is not None:
        return SniComparison(refused, same_certificate=False)
    if not obs.chain_der or not alt.chain_der:
        return SniComparison()
    if obs.chain_der[0] == alt.chain_der[0]:
        return SniComparison(same_certificate=True)
    from assistant.diagnostics.hostmatch import der_matches_host

    with_sni, without_sni = (obs, alt) if sni_on else (alt, obs)
    without_ok = der_matches_host(without_sni.chain_der[0], host)
    with_ok = der_matches_host(with_sni.chain_der[0], host)
    subj_without = _shown_subject(without_sni.chain_der[0])
    subj_with = _shown_subject(with_sni.chain_der[0])
    data = {"with_sni": subj_with, "without_sni": subj_without}
    if sni_on and not without_ok:
        finding = Finding(
            "observe", "warn",
            f"without SNI the server sends another certificate ({subj_without}) that does not "
            f"match {host}: if SAP does not send SNI (profile parameter "
            "icm/HTTPS/client_sni_enabled), the check fails with SCLNT_HTTP415",
            cause="sni_not_sent", data=data)
    elif not sni_on and with_ok:
        finding = Finding(
            "observe", "ok",
            f"with SNI the server sends the right certificate ({subj_with}); without SNI it "
            f"sends {subj_without}", data={**data, "sni_fixes_it": True})
    else:
        finding = Finding("observe", "ok",
                          f"the certificate differs with SNI ({subj_with}) and without ({subj_without})",
                          data=data)
    return SniComparison(finding, same_certificate=False)


# How a server ends a handshake it will not make without SNI: the unrecognized_name alert,
# a generic handshake_failure or another alert, or a close. Not a timeout (that is time
# running out, not a refusal) and not a question of certificates or of TLS on the port.
REFUSAL_KINDS = ("other", "handshake_failure", "closed", "mismatch")


def _refused_one_way(obs: Observation, alt: Observation, *, sni_on: bool) -> Finding | None:
    """The server completes the handshake with SNI and refuses it without (a server that
    needs SNI, as many cloud front ends do), told from the two observations."""
    with_sni, without_sni = (obs, alt) if sni_on else (alt, obs)
    if not (with_sni.ok and with_sni.chain_der) or without_sni.ok or without_sni.kind not in REFUSAL_KINDS:
        return None
    how = escape_control(without_sni.alert or without_sni.error or "connection closed")
    data = {"with_sni": _shown_subject(with_sni.chain_der[0]), "without_sni_refused": how}
    if sni_on:
        return Finding(
            "observe", "warn",
            f"without SNI the server refuses the handshake ({how}); with SNI it completes it: "
            "if SAP does not send SNI (profile parameter icm/HTTPS/client_sni_enabled), the call "
            "fails there with SCLNT_HTTP407 (SSL error)",
            cause="sni_not_sent", sclnt_http="SCLNT_HTTP407", data=data)
    return Finding(
        "observe", "ok",
        f"with SNI the server completes the handshake and sends {data['with_sni']}; without SNI "
        f"it refuses it ({how})", data={**data, "sni_fixes_it": True})


def _served_without_sni(obs: Observation, alt: Observation, *, sni_on: bool, host: str) -> Finding | None:
    """The server refuses the name sent as SNI (alert unrecognized_name) but completes the
    handshake without SNI: the certificate it sends then names the host names it serves
    on this address — the names an admin can choose the Target Host from."""
    closed = obs.kind == "closed"
    if not sni_on or obs.ok or not (obs.alert == UNKNOWN_NAME or closed) or not (alt.ok and alt.chain_der):
        return None
    subject, names = _shown_subject(alt.chain_der[0]), _served_names(alt.chain_der[0])
    listed = ", ".join(names[:SHOWN_NAMES]) + (
        f" and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES else "")
    how = (f"closes the connection on the name ({escape_control(obs.error or 'closed')})" if closed
           else "refuses the name (unrecognized_name)")
    data: dict[str, object] = {"without_sni": subject, "names_without_sni": names}
    if closed:
        from assistant.diagnostics.hostmatch import der_matches_host

        data["closed_with_sni"] = True
        data["without_sni_matches_host"] = der_matches_host(alt.chain_der[0], host)
    return Finding(
        "observe", "ok",
        f"with SNI the server {how}; without SNI it completes the "
        f"handshake and sends {subject}" + (f", a certificate for {listed}" if names else ""),
        data=data)


def _served_names(der: bytes) -> list[str]:
    """The DNS names (else the CNs) of a certificate, shown safely (untrusted text)."""
    from cryptography import x509

    from assistant.diagnostics.certinfo import common_names, san_list

    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return []
    dns = [item[4:] for item in san_list(cert) if item.startswith("DNS:")]
    return [escape_control(name) for name in (dns or common_names(cert))]


def absolute_name_finding(host: str) -> Finding | None:
    """A host name written with a final dot (an absolute DNS name, `erp.example.com.`):
    the check leaves the dot out of SNI and the certificate check (see `tls.sni_name`),
    so what it reports is about the name without it. Whether the SAP system's SSL
    library does the same is not documented in our sources: say so, and that Target
    Host in SM59 should not carry the dot. None for other names."""
    from assistant.diagnostics.target import tls_name

    name = tls_name(host)
    if name == host:
        return None
    return Finding(
        "tls", "warn",
        f"the host name {host} ends with a dot (an absolute DNS name): the check sends SNI and "
        f"checks the certificate as {name}, without the dot, as RFC 6066 (section 3) wants and "
        "browsers and curl do; whether the SAP system's SSL library leaves the dot out is not "
        "documented in the sources here — if Target Host in SM59 carries it, a certificate for "
        f"{name} may be refused there (SCLNT_HTTP415) or a server that picks its certificate by "
        "SNI may not know the name",
        cause="destination_misconfigured",
        data={"absolute_name": host, "name_checked": name,
              "next_step": (f"remove the final dot from the Target Host: SM59 → destination → "
                            f"Technical Settings → Target Host {name}, then run the Connection "
                            "Test again.")})


def sni_would_fix_it(comparison: Finding | None) -> bool:
    """Without SNI the server's right certificate comes only with SNI (see `compare_sni`)."""
    return comparison is not None and bool(comparison.data.get("sni_fixes_it"))


def check_name_without_sni(tls: TlsResult, host: str, sockets: OpenSockets) -> None:
    """Python checks the host name only together with SNI; without, we check it here.

    A certificate that does not fit turns the handshake into a verify failure (X509
    code 62, as OpenSSL reports it) and its connection is closed.
    """
    from assistant.diagnostics.hostmatch import der_matches_host  # loads cryptography

    if tls.leaf_der is None or der_matches_host(tls.leaf_der, host):
        return
    tls.ok, tls.kind, tls.verify_code = False, "verify", 62
    tls.verify_message = f"Hostname mismatch, certificate is not valid for {host!r}"
    tls.error = f"{tls.verify_message} (checked by sapassist: SNI is off)"
    if tls.sock is not None:
        sockets.close(tls.sock)
        tls.sock = None


def _shown_subject(der: bytes) -> str:
    from assistant.diagnostics.certinfo import der_subject

    return escape_control(der_subject(der))
