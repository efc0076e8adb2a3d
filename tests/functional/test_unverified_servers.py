"""Nothing but the handshake reaches a server whose verification failed.

A matrix of hostile loopback servers (`tests.support.recording`: they record every client
certificate and every byte of application data, decrypted, also after a refused TLS 1.3
handshake): untrusted root, self-signed, expired and wrong-host certificates; no,
optional or required client certificate; TLS 1.2 and 1.3. The check runs against each
with no identity, with a PKCS#12 identity, with the identity and SNI off, and through a
real CONNECT proxy. No request line, no header and no client certificate may arrive —
and the check still learns what the observation needs: that a certificate is requested,
and whether the server goes on without one. The same servers with a trusted chain are
the control: there the request and the certificate do arrive, so the recorder can fail.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from assistant.diagnostics.model import CheckReport
from tests.support import certs
from tests.support.checks import check, step
from tests.support.proxy import ProxyProcess
from tests.support.recording import RecordingServer
from tests.support.servers import LoopbackServer, server_context

SECRET_PATH = "/sap/bc/ping?apikey=Do-Not-Leak-7f3a"
UNVERIFIED: dict[str, Callable[[], certs.Scenario]] = {
    "untrusted root": certs.untrusted_root,
    "self-signed": certs.self_signed_leaf,
    "expired": certs.expired_leaf,
    "wrong host": certs.wrong_host,
}
MODES = ("none", "optional", "required")
VERSIONS = {"TLS 1.2": ssl.TLSVersion.TLSv1_2, "TLS 1.3": ssl.TLSVersion.TLSv1_3}
CLIENTS = ("no identity", "--pkcs12", "--pkcs12 --no-sni")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The certificate files: each scenario's, the CA clients are issued by, a PKCS#12 identity."""
    base = tmp_path_factory.mktemp("unverified")
    files = {name: make().write(base / name.replace(" ", "-")) for name, make in UNVERIFIED.items()}
    files["trusted"] = certs.good_chain().write(base / "trusted")
    root, inter = certs.ca_pair()
    client = certs.make_client(inter, cn="client that must stay home")
    p12 = base / "client.p12"
    p12.write_bytes(client.pkcs12(b"P12-secret", extra=client.fullchain()[1:]))
    client_ca = base / "client-ca.pem"
    client_ca.write_bytes(root.pem())
    return {"files": files, "p12": p12, "client_ca": client_ca}


@pytest.fixture
def serve(world: dict[str, Any]) -> Iterator[Callable[..., RecordingServer]]:
    started: list[RecordingServer] = []

    def start(scenario: str, mode: str, version: ssl.TLSVersion) -> RecordingServer:
        files = world["files"][scenario]
        server = RecordingServer(files.chain, files.key, client_ca=world["client_ca"],
                                 client_cert=mode, version=version).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def run(world: dict[str, Any], server: RecordingServer, scenario: str, client: str, **extra: Any) -> CheckReport:
    options: dict[str, Any] = {"ca_file": str(world["files"][scenario].ca), "timeout": 5.0, **extra}
    if client != "no identity":
        options.update(pkcs12=str(world["p12"]), pkcs12_password="P12-secret")
    if "--no-sni" in client:
        options["sni"] = False
    return check(server.url(SECRET_PATH), **options)


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("scenario", UNVERIFIED)
def test_nothing_but_the_handshake_reaches_an_unverified_server(
        world: dict[str, Any], serve: Callable[..., RecordingServer],
        scenario: str, mode: str, version: str, client: str) -> None:
    server = serve(scenario, mode, VERSIONS[version])
    report = run(world, server, scenario, client)
    received = server.received
    assert received.handshakes >= 1  # the server was really talked to
    assert bytes(received.application_data) == b"", bytes(received.application_data)[:200]
    assert received.sealed_application_bytes == 0
    assert received.client_certificates == 0
    assert step(report, "tls").status == "fail"
    observed = step(report, "observe").data
    assert observed["client_cert_requested"] is (mode != "none")
    cc = step(report, "client_cert")
    if mode != "none" and client != "no identity":
        assert cc.data["presented"] is False and "was not presented" in cc.detail
    elif mode == "required":
        assert cc.cause == "client_cert_required", cc.detail  # learnt without sending anything
    elif mode == "optional":
        assert "continues without one (optional)" in cc.detail, cc.detail


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("mode", MODES)
def test_the_recorder_sees_what_a_verified_server_is_sent(
        world: dict[str, Any], serve: Callable[..., RecordingServer], mode: str, version: str) -> None:
    """The control: trusted chain, so the request and (when asked) the certificate arrive —
    also the request a TLS 1.3 server refuses for a missing certificate (decrypted)."""
    for client in ("no identity", "--pkcs12", "--pkcs12 --no-sni"):
        server = serve("trusted", mode, VERSIONS[version])
        report = run(world, server, "trusted", client)
        received = server.received
        certificate_sent = client != "no identity" and mode != "none"
        assert (received.client_certificates > 0) is certificate_sent, (client, received)
        if mode == "required" and client == "no identity" and version == "TLS 1.2":
            assert step(report, "tls").cause == "client_cert_required"
            assert not received.application_data  # refused in the handshake: never sent
            continue
        assert step(report, "tls").status == "ok"
        if mode == "required" and client == "no identity":  # TLS 1.3: refused after our Finished
            assert received.sealed_application_bytes > len(SECRET_PATH), received
            continue
        assert f"GET {SECRET_PATH} HTTP/1.1".encode() in received.application_data, (client, received)
        if client != "no identity" and mode != "none":
            assert step(report, "client_cert").status == "ok"


@pytest.mark.parametrize("mode", ["optional", "required"])
def test_through_a_proxy_nothing_reaches_an_unverified_server_either(
        world: dict[str, Any], serve: Callable[..., RecordingServer], mode: str) -> None:
    server = serve("untrusted root", mode, ssl.TLSVersion.TLSv1_3)
    with ProxyProcess() as proxy:
        report = run(world, server, "untrusted root", "--pkcs12", proxy=proxy.url)
    assert step(report, "proxy").status == "ok" and step(report, "tls").status == "fail"
    assert server.received.handshakes >= 1
    assert server.received.nothing_but_handshakes, server.received


def test_the_probe_of_a_tls_port_given_as_the_proxy_sends_nothing_but_a_handshake(world: dict[str, Any]) -> None:
    """A TLS listener given as `--proxy http://…` is probed with one unverified ClientHello
    (diagnostics.proxytls): though the check holds a client identity and the port asks for
    a certificate, neither a certificate nor a byte of data may arrive over it."""
    files = world["files"]["untrusted root"]
    # certificate optional; TLS 1.2, where the server's handshake ends before the client's
    ctx = server_context(files.chain, files.key, client_ca=world["client_ca"], max_version=ssl.TLSVersion.TLSv1_2)
    seen: list[tuple[object, bytes]] = []  # per completed TLS connection: peer certificate, data

    def keep(conn: socket.socket, server: LoopbackServer) -> None:
        conn.settimeout(3.0)
        try:
            tls = ctx.wrap_socket(conn, server_side=True)
        except (OSError, ssl.SSLError):
            return  # the plain CONNECT before the probe
        tls.settimeout(3.0)
        peer, data = tls.getpeercert(), b""
        try:
            while chunk := tls.recv(4096):
                data += chunk
        except (OSError, ssl.SSLError):
            pass
        seen.append((peer, data))

    with LoopbackServer(keep) as port:
        report = check("https://localhost:9/x", proxy=f"http://127.0.0.1:{port.port}", timeout=5.0,
                       pkcs12=str(world["p12"]), pkcs12_password="P12-secret")
        deadline = time.monotonic() + 5.0
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
    found = step(report, "proxy")
    assert found.status == "fail" and "proxy_port_speaks_tls" in found.data, found.data  # the probe ran
    assert seen == [(None, b"")], (seen, port.errors)  # no client certificate, no request
