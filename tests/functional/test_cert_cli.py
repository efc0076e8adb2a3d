"""`sapassist cert` as a real process, incl. --issuer-of against a loopback TLS server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import certs as c
from tests.support.servers import GoodServer, LoopbackServer, free_port, server_context, tls_handler

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "SAPASSIST_PKCS12_PASSWORD"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "assistant", "cert", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60, env=full_env,
        stdin=subprocess.DEVNULL,
    )


def test_prints_every_certificate(tmp_path: Path) -> None:
    sc = c.good_chain(root_sent=True)
    p = tmp_path / "chain.pem"
    p.write_bytes(sc.leaf.fullchain_pem(include_root=True))
    r = cli(str(p))
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("Subject:") == 3
    assert "CN=localhost, O=sapassist tests" in r.stdout
    assert "DNS:localhost, IP:127.0.0.1, IP:::1" in r.stdout
    assert "EC secp256r1" in r.stdout and "ecdsa-with-SHA256" in r.stdout
    assert "expires in" in r.stdout and "self-signed root" in r.stdout


def test_expired_and_weak(tmp_path: Path) -> None:
    p = tmp_path / "x.pem"
    p.write_bytes(c.expired_leaf().leaf.pem() + c.weak_key_leaf().leaf.pem())
    r = cli(str(p))
    assert r.returncode == 0 and "EXPIRED" in r.stdout and "RSA 1024" in r.stdout


def test_hostile_subject_is_printed_escaped(tmp_path: Path) -> None:
    root = c.make_root()
    leaf = c.make_leaf(root, cn="[red]x\x1b[31mEVIL\x07", sans=("evil.invalid",), key_label="evil")
    p = tmp_path / "evil.pem"
    p.write_bytes(leaf.pem())
    r = cli(str(p))
    assert r.returncode == 0
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "CN=[red]x\\x1b[31mEVIL\\x07" in r.stdout  # literal, markup untouched
    j = cli(str(p), "--json")
    doc = json.loads(j.stdout)
    assert doc["files"][0]["certificates"][0]["subject"].startswith("CN=[red]x\x1b[31mEVIL\x07")
    assert "\x1b" not in j.stdout  # JSON escapes it as \u001b


def test_json_output(tmp_path: Path) -> None:
    sc = c.good_chain()
    p = tmp_path / "id.p12"
    p.write_bytes(sc.leaf.pkcs12(None, extra=[sc.intermediate] if sc.intermediate else []))
    r = cli(str(p), "--json")
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    f = doc["files"][0]
    assert f["format"] == "PKCS#12" and f["key_matches"] is True
    cert = f["certificates"][0]
    assert cert["subject"] == sc.leaf.subject and cert["validity"] == "valid"
    assert set(cert) >= {"issuer", "not_before", "not_after", "key", "signature_algorithm",
                         "fingerprint_sha256", "san", "is_ca"}


def test_pkcs12_password_from_environment_is_never_printed(tmp_path: Path) -> None:
    sc = c.good_chain()
    p = tmp_path / "id.pfx"
    p.write_bytes(sc.leaf.pkcs12(b"Sup3rSecret"))
    ok = cli(str(p), env={"SAPASSIST_PKCS12_PASSWORD": "Sup3rSecret"})
    assert ok.returncode == 0 and sc.leaf.subject in ok.stdout
    assert "Sup3rSecret" not in ok.stdout + ok.stderr
    bad = cli(str(p), env={"SAPASSIST_PKCS12_PASSWORD": "WrongGuess"})
    assert bad.returncode == 2 and "wrong password" in bad.stderr
    assert "WrongGuess" not in bad.stdout + bad.stderr
    missing = cli(str(p))  # no tty, no variable: a clear message, no prompt
    assert missing.returncode == 2 and "SAPASSIST_PKCS12_PASSWORD" in missing.stderr


def test_unreadable_file_exit_2_but_others_still_printed(tmp_path: Path) -> None:
    good = tmp_path / "ok.pem"
    good.write_bytes(c.good_chain().leaf.pem())
    junk = tmp_path / "junk.pem"
    junk.write_text("not a cert")
    r = cli(str(good), str(junk), str(tmp_path / "missing.pem"))
    assert r.returncode == 2
    assert "Subject:" in r.stdout
    assert "not a certificate" in r.stderr and "cannot read" in r.stderr
    assert "Traceback" not in r.stderr


def test_issuer_of_found(tmp_path: Path, good_server: GoodServer) -> None:
    sc, server, _ = good_server
    assert sc.root is not None
    p = tmp_path / "root.cer"
    p.write_bytes(sc.root.der())
    r = cli(str(p), "--issuer-of", f"https://127.0.0.1:{server.port}", "--timeout", "5")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Yes:" in r.stdout and sc.root.subject in r.stdout
    assert "unverified handshake" in r.stdout
    j = cli(str(p), "--issuer-of", f"https://127.0.0.1:{server.port}", "--json")
    doc = json.loads(j.stdout)["issuer_of"]
    assert j.returncode == 0 and doc["found"] is True and doc["file"] == str(p)
    assert [x["subject"] for x in doc["chain"]] == [b.subject for b in sc.served]


def test_issuer_of_intermediate_is_enough(tmp_path: Path, good_server: GoodServer) -> None:
    sc, server, _ = good_server
    assert sc.intermediate is not None
    p = tmp_path / "inter.pem"
    p.write_bytes(sc.intermediate.pem())
    r = cli(str(p), "--issuer-of", f"https://127.0.0.1:{server.port}")
    assert r.returncode == 0 and "issuer of the server certificate" in r.stdout


def test_issuer_of_not_found(tmp_path: Path, good_server: GoodServer) -> None:
    sc, server, _ = good_server
    other = c.make_root(c.OTHER_ROOT_CN)
    p = tmp_path / "other.pem"
    p.write_bytes(other.pem())
    r = cli(str(p), "--issuer-of", f"https://127.0.0.1:{server.port}")
    assert r.returncode == 1
    assert "No:" in r.stdout and sc.root is not None and sc.root.subject in r.stdout


def test_issuer_of_unreachable_server(tmp_path: Path) -> None:
    p = tmp_path / "root.pem"
    p.write_bytes(c.make_root().pem())
    r = cli(str(p), "--issuer-of", f"https://127.0.0.1:{free_port()}", "--timeout", "2")
    assert r.returncode == 2 and "cannot connect" in r.stderr


def test_fetch_server_chain_reads_the_whole_chain(good_server: GoodServer) -> None:
    """In-process: the unverified `observe` handshake returns the chain as sent."""
    from assistant.diagnostics.serverchain import fetch_server_chain

    sc, server, _ = good_server
    got = fetch_server_chain(f"https://localhost:{server.port}/", timeout=5.0)
    assert got.certificates == sc.served_certs() and got.tls_version is not None
    assert "unverified" in got.note


def test_issuer_of_a_root_when_the_server_leaves_out_the_intermediate(tmp_path: Path) -> None:
    """The file holds the root, but without the intermediate the chain stays untrusted."""
    sc = c.incomplete_chain()
    assert sc.root is not None and sc.intermediate is not None
    files = sc.write(tmp_path / "srv")
    root = tmp_path / "root.cer"
    root.write_bytes(sc.root.der())
    with LoopbackServer(tls_handler(server_context(files.chain, files.key))) as server:
        r = cli(str(root), "--issuer-of", f"https://127.0.0.1:{server.port}")
    assert r.returncode == 1
    assert "No: with these files the server's chain is still not trusted" in r.stdout
    assert f"needs {sc.intermediate.subject}" in r.stdout and c.AIA_URL in r.stdout


def test_issuer_of_through_a_proxy(tmp_path: Path, good_server: GoodServer) -> None:
    from tests.support.proxy import ProxyProcess

    sc, server, _ = good_server
    assert sc.root is not None
    p = tmp_path / "root.pem"
    p.write_bytes(sc.root.pem())
    with ProxyProcess("ok") as proxy:
        ok = cli(str(p), "--issuer-of", f"https://localhost:{server.port}", "--proxy", proxy.url)
    with ProxyProcess("deny403") as proxy:
        denied = cli(str(p), "--issuer-of", f"https://localhost:{server.port}", "--proxy", proxy.url)
    assert ok.returncode == 0 and "Yes:" in ok.stdout, ok.stderr
    assert denied.returncode == 2 and "403 Forbidden" in denied.stderr


def test_issuer_of_shares_one_deadline_between_proxy_and_handshake() -> None:
    """A slow proxy and a silent server cost the timeout once, not once per stage."""
    import time

    from assistant.diagnostics.serverchain import ServerChainError, fetch_server_chain
    from tests.support.servers import read_request

    def slow_tunnel_to_nowhere(conn, server) -> None:  # type: ignore[no-untyped-def]
        read_request(conn)
        time.sleep(0.7)
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        server.stop_event.wait(30)  # then nothing: no TLS answer

    with LoopbackServer(slow_tunnel_to_nowhere) as proxy:
        t0 = time.monotonic()
        with pytest.raises(ServerChainError, match="timed out"):
            fetch_server_chain("https://localhost:443/", timeout=1.0,
                               proxy=f"http://127.0.0.1:{proxy.port}")
        elapsed = time.monotonic() - t0
    assert elapsed < 1.5  # correctness bound, not a speed test


def test_issuer_of_unknown_host_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "root.pem"
    p.write_bytes(c.make_root().pem())
    r = cli(str(p), "--issuer-of", "https://no-such-host.sapassist.invalid/", "--timeout", "3")
    assert r.returncode == 2 and "cannot be resolved" in r.stderr and "Traceback" not in r.stderr


def test_pkcs12_password_typed_at_the_prompt_and_ctrl_d(tmp_path: Path) -> None:
    from tests.support.tty import CTRL_D, run_with_tty

    sc = c.good_chain()
    p = tmp_path / "id.pfx"
    p.write_bytes(sc.leaf.pkcs12(b"Cert-Tty-pw"))
    typed = run_with_tty(["cert", str(p)], b"Cert-Tty-pw\n")
    assert typed.prompted and typed.returncode == 0 and sc.leaf.subject in typed.stdout
    assert "Cert-Tty-pw" not in typed.stdout + typed.stderr
    gave_up = run_with_tty(["cert", str(p)], CTRL_D)
    assert gave_up.returncode == 2 and "no password given" in gave_up.stderr
    assert "Traceback" not in gave_up.stderr


def test_cli_and_chat_show_the_same_certificate_markdown(tmp_path: Path) -> None:
    """One presentation (answers.certificates): the CLI renders what the chat's /cert shows."""
    from assistant.answers.render import render_plain
    from assistant.tui.bridge import cert_file_markdown

    sc = c.good_chain(root_sent=True)
    p = tmp_path / "chain.pem"
    p.write_bytes(sc.leaf.fullchain_pem(include_root=True))
    r = cli(str(p))
    assert r.returncode == 0, r.stderr
    assert r.stdout == render_plain(cert_file_markdown(str(p)))


def test_a_bundle_with_one_unreadable_block_shows_the_rest_and_exits_2(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.pem"
    broken = b"-----BEGIN CERTIFICATE-----\nAAAAbad\n-----END CERTIFICATE-----\n"
    bundle.write_bytes(c.good_chain().leaf.pem() + broken)
    r = cli(str(bundle))
    assert r.returncode == 2  # half a bundle is not the whole one
    assert r.stdout.count("Subject:") == 1 and "cannot be parsed" in r.stdout
    assert "1 certificate block cannot be read" in r.stderr
    j = cli("--json", str(bundle))
    assert j.returncode == 2 and len(json.loads(j.stdout)["files"]) == 1
    assert json.loads(j.stdout)["errors"][0]["path"] == str(bundle)
