"""What works elsewhere, read as an expert reads it: a comparison with the failing SAP call.

Admins say what does work: "curl from the app server works", "telnet to 443 works", "it works
in the browser", "Postman gets a 200", "it works from our QA system", "it worked until last
week". Each is a comparison, and what it proves depends on the client and the place:

- the place: the SAP application server itself (the same name resolution, network path and
  firewall rules as the failing call) or another machine (the admin's PC: another path, often
  another proxy), or another SAP system (its own PSE, parameters, kernel and path);
- the client: a TCP probe (telnet, nc, niping) proves only that a connection opens — it sends
  no TLS; curl, wget and openssl also complete a TLS handshake, checked against their own CA
  bundle, not the SSL client PSE (knowledge: glossary "curl, git, PHP and other OpenSSL-based
  clients: their CA bundle"; causes server_cert_untrusted: SAP trusts only the PSE in STRUST);
  a browser trusts its own store and fetches a missing intermediate itself, which the ICM does
  not (causes intermediate_missing; reference anchors_tls.md, "incomplete-chain").

So what it proves is ruled out for the SAP call on the same path — those causes go after the
rest (intent.statedcauses) — and what is left is what differs: SAP's own TLS client (the PSE,
SNI, TLS versions: causes sni_not_sent, tls_version_or_cipher_mismatch), its proxy settings,
this system's settings, or what changed since it worked. Each row is one (client, place),
named by the subject intent.statedwords gives the statement; data only.
"""

from __future__ import annotations

from typing import NamedTuple

# The layers a comparison can prove, as `ask --json` names them.
NAME_RESOLUTION = "name_resolution"
TCP_CONNECT = "tcp_connect"
TLS_HANDSHAKE = "tls_handshake"
SERVER_ANSWERS = "server_answers"  # the server is up and answers (from another machine)
PUBLIC_TRUST = "public_trust"  # its certificate chain is trusted by a public (browser) store
SAP_CLIENT_ACCEPTED = "sap_client_accepted"  # the target accepts a call from an SAP system
SET_UP_ONCE = "set_up_once"  # the call's set-up worked at some time

_BEFORE_TLS = ("dns_failure", "connection_refused", "connect_timeout")
_SAP_TLS = "SAP's own TLS client — its trust list (the SSL client PSE, not the CA store other clients use), SNI, TLS versions"


class Comparison(NamedTuple):
    """One kind of "it works there": the statement's subject (client and place), what it shows
    (`shows`, said back after the user's words), the layers it proves, the causes it rules out
    for the SAP call, what is left that differs, and why the row is right."""

    subject: str
    shows: str
    proves: tuple[str, ...]
    rules_out: tuple[str, ...]
    differs: str
    why: str


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "tcp_probe", "the name resolves and the port accepts a TCP connection from the SAP server",
        (NAME_RESOLUTION, TCP_CONNECT), _BEFORE_TLS,
        "the TLS handshake (a firewall that cuts it, TLS versions, SNI) and SAP's trust list (the SSL client PSE)",
        "telnet, nc or niping on the SAP server resolve the name and open a TCP connection on the call's own "
        "path; they send no TLS, so a box that cuts the handshake later is not ruled out"),
    Comparison(
        "http_probe", "the path and the server's TLS are fine from there",
        (NAME_RESOLUTION, TCP_CONNECT, TLS_HANDSHAKE), (*_BEFORE_TLS, "firewall_blocking"),
        _SAP_TLS + " — and its proxy settings (SICF, SM59)",
        "curl, wget or openssl on the SAP server resolve the name, connect and complete a TLS handshake on the "
        "call's own path: nothing on that path blocks or cuts it. They trust their own CA bundle, not the PSE, "
        "and their own TLS settings, so SAP's trust list, SNI and TLS versions are not shown"),
    Comparison(
        "tcp_probe_elsewhere", "the server accepts TCP connections from that machine",
        (SERVER_ANSWERS,), (),
        "the SAP server's own path — its name resolution, firewall rules and proxy",
        "a TCP probe from another machine goes another way: it shows the port is open to that machine only"),
    Comparison(
        "http_probe_elsewhere", "the server and the URL answer from that machine",
        (SERVER_ANSWERS,), (),
        "the SAP server's path (firewall, proxy), " + _SAP_TLS + " — and how the destination sends the URL and "
        "the credentials",
        "curl or an API client (Postman) on the admin's PC shows the server, the URL and the credentials work "
        "there; the SAP server's path and TLS client and the destination's own settings are another matter"),
    Comparison(
        "browser", "the server is up and its certificate is trusted by the browser's own store",
        (SERVER_ANSWERS, PUBLIC_TRUST), (),
        "SAP's trust list (only what was imported into the SSL client PSE; the ICM fetches no missing "
        "intermediate) and the SAP server's path (firewall, a proxy the browser uses and SAP not)",
        "a browser trusts its own store and fetches a missing intermediate itself; SAP trusts only the PSE in "
        "STRUST; a browser on a PC goes another way, often through a proxy"),
    Comparison(
        "other_system", "the target accepts a call from an SAP system",
        (SAP_CLIENT_ACCEPTED,), (),
        "this system — its SSL client PSE (STRUST), TLS and SNI parameters, kernel and CommonCryptoLib, proxy "
        "settings (SICF), the SM59 destination and its network path",
        "another SAP system has its own PSEs, profile, kernel and network address: the target is fine with "
        "an SAP client, so what differs is on this system's side"),
    Comparison(
        "worked_before", "the set-up was right then",
        (SET_UP_ONCE,), (),
        "what changed since — the server's certificate or CA (a new chain to import), the TLS versions it "
        "accepts, an expired certificate, or this system's kernel, parameters or PSE",
        "a call that worked with the same settings failed when something changed: servers change their "
        "certificates (GitHub, March 2024) and drop old TLS versions (GitHub, February 2018)"),
)

BY_SUBJECT = {row.subject: row for row in COMPARISONS}


def comparison_of(subject: str) -> Comparison | None:
    """The comparison a statement's subject makes, or None for a subject that is none."""
    return BY_SUBJECT.get(subject)
