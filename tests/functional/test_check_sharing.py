"""What checks share within a process — the TLS contexts and the trust list read from a
file — and that sharing never mixes up what one check sees with another's."""

from __future__ import annotations

import os
import socket
import ssl
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.diagnostics import CheckOptions, run_check
from assistant.diagnostics.deadline import Deadline
from assistant.diagnostics.observe import observe
from assistant.diagnostics.tls import (
    TrustError,
    load_trust,
    unverified_probe_context,
    verify_context,
)
from tests.support import certs
from tests.support.servers import LoopbackServer, tls_server


def test_contexts_are_shared_per_kind(good_files: certs.ScenarioFiles) -> None:
    trust = load_trust(str(good_files.ca))
    assert verify_context(trust) is verify_context(trust)
    assert verify_context(trust, check_hostname=False) is not verify_context(trust)
    assert unverified_probe_context() is unverified_probe_context()
    tls12 = unverified_probe_context(ssl.TLSVersion.TLSv1_2)
    assert tls12 is unverified_probe_context(ssl.TLSVersion.TLSv1_2) is not unverified_probe_context()
    assert tls12.maximum_version == tls12.minimum_version == ssl.TLSVersion.TLSv1_2
    assert tls12.verify_mode == ssl.CERT_NONE and not tls12.check_hostname


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3])
def test_observations_in_parallel_each_hear_their_own_server(good_files: certs.ScenarioFiles,
                                                             version: ssl.TLSVersion) -> None:
    """One shared unverified context, many threads: a server that asks for a client
    certificate is seen asking, the one next to it that does not is not."""
    asking = tls_server(good_files.chain, good_files.key, client_ca=good_files.ca, max_version=version).start()
    quiet = tls_server(good_files.chain, good_files.key, max_version=version).start()
    try:
        def look(server: LoopbackServer) -> bool | None:
            deadline = Deadline(5.0)
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            obs = observe(sock, "localhost", deadline)
            assert obs.ok and obs.chain_der, obs
            return obs.cert_requested

        servers = [asking, quiet] * 8
        with ThreadPoolExecutor(max_workers=8) as pool:
            seen = list(pool.map(look, servers))
    finally:
        asking.stop()
        quiet.stop()
    assert seen == [True, False] * 8


def test_checks_in_parallel_report_their_own_client_certificate_request(good_files: certs.ScenarioFiles) -> None:
    asking = tls_server(good_files.chain, good_files.key, client_ca=good_files.ca).start()
    quiet = tls_server(good_files.chain, good_files.key).start()
    try:
        def requested(server: LoopbackServer) -> object:
            report = run_check(CheckOptions(url=server.url("/"), ca_file=str(good_files.ca), timeout=5))
            return report.to_json()["observed"]["client_cert_requested"]

        with ThreadPoolExecutor(max_workers=6) as pool:
            seen = list(pool.map(requested, [asking, quiet] * 6))
    finally:
        asking.stop()
        quiet.stop()
    assert seen == [True, False] * 6


def test_trust_file_is_read_again_when_it_changes(good_files: certs.ScenarioFiles, tmp_path: Path) -> None:
    other = certs.good_chain().write(tmp_path / "other")
    ca = tmp_path / "ca.pem"
    ca.write_bytes(good_files.ca.read_bytes())
    first = load_trust(str(ca))
    assert load_trust(str(ca)) is first, "an unchanged file is read once"
    ca.write_bytes(other.ca.read_bytes())
    os.utime(ca, ns=(1, 1))  # same inode, maybe the same size: the time stamp tells
    changed = load_trust(str(ca))
    assert changed is not first and changed.certs_der != first.certs_der
    assert changed.certs_der == load_trust(str(other.ca)).certs_der


def test_a_broken_trust_file_fails_every_time_until_fixed(good_files: certs.ScenarioFiles, tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    for _ in range(2):
        with pytest.raises(TrustError):
            load_trust(str(ca))
    ca.write_bytes(good_files.ca.read_bytes())
    assert load_trust(str(ca)).certs_der


def test_a_trust_file_with_a_password_is_not_kept(good_files: certs.ScenarioFiles) -> None:
    """A password-protected trust list is read with its password each time; nothing of it
    is kept between checks."""
    assert load_trust(str(good_files.ca), "unused") is not load_trust(str(good_files.ca), "unused")


def test_remembered_names_are_scrubbed_with_each_checks_own_secrets() -> None:
    """Names are remembered per certificate as raw text; each look scrubs them with the
    secrets of the check in progress, so one check's view never leaks into another's."""
    from assistant.diagnostics.certinfo import issuer_str, subject_str
    from assistant.redact import Scrubber, scrubbing

    secret = "Hunter2-proxy-Passw0rd"
    root = certs.make_root(f"CA {secret}").cert
    assert secret in subject_str(root) and secret in issuer_str(root)
    with scrubbing(Scrubber.for_secrets([secret])):
        assert secret not in subject_str(root) and secret not in issuer_str(root)
        assert subject_str(root).startswith("CN=CA ")
    assert secret in subject_str(root), "the next check without that secret sees the name as sent"
