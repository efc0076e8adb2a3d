"""Faults of the fifteenth audit (docs/check_scenarios.md, sixth table), against real parts
on loopback: a client certificate asked for only after the request (TLS 1.2 renegotiation,
TLS 1.3 post-handshake authentication), bodies that stop, trickle or break their framing,
certificates of unusual kinds. Each test failed before its fix (where the row says "was:")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from tests.support import certs
from tests.support.checks import check, next_step, step
from tests.support.latecert import LIBSSL, late_cert_context, late_cert_handler
from tests.support.servers import LoopbackServer

# ------------------------------------------------------------------ a client certificate asked for late


@pytest.fixture(scope="module")
def late_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[certs.ScenarioFiles, Path, Path, Path]:
    """The server's files, the CA it trusts for clients, and a client certificate and key
    that CA issued."""
    d = tmp_path_factory.mktemp("late")
    files = certs.good_chain().write(d)
    client = certs.client_cert()
    (d / "client_ca.pem").write_bytes(b"".join(b.pem() for b in client.path_to_root()[1:]))
    (d / "client.pem").write_bytes(client.pem())
    (d / "client.key").write_bytes(client.key_pem())
    return files, d / "client_ca.pem", d / "client.pem", d / "client.key"


_LATE = [pytest.param(False, id="TLS 1.2 renegotiation"), pytest.param(True, id="TLS 1.3 post-handshake")]
_NEEDS_LIBSSL = pytest.mark.skipif(LIBSSL is None, reason="libssl not loadable through ctypes")


@_NEEDS_LIBSSL
@pytest.mark.parametrize("tls13", _LATE)
@pytest.mark.parametrize("require", [False, True], ids=["403 without one", "alert without one"])
def test_a_certificate_asked_for_after_the_request_is_named(
        late_files: tuple[certs.ScenarioFiles, Path, Path, Path], bundled_kb: KnowledgeBase,
        tls13: bool, require: bool) -> None:
    """Was: "the server does not ask for a client certificate" and, for the 403, "the server
    refuses this user or client" (a warning about the user's roles); for the alert, a broken
    connection. The handshake asked for none; the path asked after the request."""
    files, client_ca, _, _ = late_files
    ctx = late_cert_context(files.chain, files.key, client_ca, tls13=tls13, require=require)
    with LoopbackServer(late_cert_handler(ctx, tls13=tls13, require=require)) as srv:
        rep = check(srv.url("/secure"), ca_file=str(files.ca))
    how = "post-handshake authentication" if tls13 else "renegotiation"
    observed = step(rep, "observe", "ok")
    assert "no client certificate requested" in observed.detail  # true of the handshake
    client = step(rep, "client_cert", "fail")
    assert client.cause == "client_cert_required"
    assert "the handshake asked for none" in client.detail and how in client.detail
    assert client.data["requested_after_request"] == ("post-handshake" if tls13 else "renegotiation")
    http = step(rep, "http", "fail")
    assert (rep.verdict, rep.cause, http.cause) == ("error", "client_cert_required", "client_cert_required")
    assert "refuses this user" not in http.detail
    text = next_step(rep, bundled_kb)
    assert "only after it had read the request" in text and "SSL client PSE with an own certificate" in text
    assert "not known here" in text  # whether SAP answers a late request: no source says


@_NEEDS_LIBSSL
@pytest.mark.parametrize("tls13", _LATE)
def test_a_late_request_answered_with_the_certificate_given_passes(
        late_files: tuple[certs.ScenarioFiles, Path, Path, Path], tls13: bool) -> None:
    """The certificate given goes over the verified connection when the path asks for it."""
    files, client_ca, cert, key = late_files
    ctx = late_cert_context(files.chain, files.key, client_ca, tls13=tls13, require=True)
    with LoopbackServer(late_cert_handler(ctx, tls13=tls13, require=True)) as srv:
        rep = check(srv.url("/secure"), ca_file=str(files.ca), client_cert=str(cert), client_key=str(key))
    assert step(rep, "http", "ok").data["status"] == 200
    assert "accepted ours" in step(rep, "client_cert", "ok").detail
    assert rep.cause in (None, "tls_version_or_cipher_mismatch")  # TLS 1.3 only: its own warning


@_NEEDS_LIBSSL
def test_a_path_without_a_late_request_stays_a_plain_status(
        late_files: tuple[certs.ScenarioFiles, Path, Path, Path]) -> None:
    """The control: the same server on another path asks for nothing."""
    files, client_ca, _, _ = late_files
    ctx = late_cert_context(files.chain, files.key, client_ca, tls13=False, require=False)
    with LoopbackServer(late_cert_handler(ctx, tls13=False, require=False)) as srv:
        rep = check(srv.url("/open"), ca_file=str(files.ca))
    assert rep.verdict == "ok"
    assert step(rep, "client_cert", "ok").detail == "the server does not ask for a client certificate"
    assert json.loads(json.dumps(rep.to_json()))["verdict"] == "ok"
