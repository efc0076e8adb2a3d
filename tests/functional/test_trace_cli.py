"""`sapassist trace` as a real process: table, answers, JSON, exit codes, --extract,
--host, --ca-file, several files. Traces use the public line shapes (tests/support/dev_icm.py
cites each) and certificates from tests/support/certs.py."""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509

from tests.support import certs as c
from tests.support import dev_icm

ROOT = Path(__file__).resolve().parents[2]
SPEC_KEYS = {"thread", "line", "time", "host", "port", "ok", "code", "sclnt_http", "pse", "pse_node",
             "sni", "state", "chain", "cause", "import"}


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SAPASSIST_PKCS12_PASSWORD"}
    return subprocess.run(
        [sys.executable, "-m", "assistant", "trace", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def chain() -> c.Scenario:
    return c.good_chain()


def mixed_trace(path: Path, sc: c.Scenario, **kw: object) -> Path:
    when = _dt.datetime(2024, 5, 13, 1, 5, 55, 690_000)
    hs = [
        dev_icm.Handshake(host="localhost", thread=dev_icm.THREAD_A, when=when,
                          certs=[sc.leaf.cert, sc.intermediate.cert]),
        dev_icm.Handshake(host="api.partner.example", thread=dev_icm.THREAD_B, code="SSSLRC_CONN_CLOSED",
                          sni=False, incomplete=True, pse=dev_icm.CLIENT_PSE),
        dev_icm.Handshake(host="ok.partner.example", thread=dev_icm.THREAD_C, code=None),
    ]
    return dev_icm.write(path, dev_icm.trace(hs), **kw)  # type: ignore[arg-type]


def test_table_and_one_answer_per_problem(tmp_path: Path, chain: c.Scenario) -> None:
    r = cli(str(mixed_trace(tmp_path / "dev_icm", chain)))
    assert r.returncode == 1, r.stderr
    out = r.stdout
    assert "dev_icm trace: 3 TLS handshakes, 2 failed" in out
    assert "SSSLERR_PEER_CERT_UNTRUSTED →" in out and "SCLNT_HTTP421" in out
    assert "SSSLRC_CONN_CLOSED →" in out and "SCLNT_HTTP407" in out
    assert "SSL client Anonymous (ANONYM)" in out and "SSL client Standard (DFAULT)" in out
    assert "nothing (no error logged)" in out
    # one section per problem, each with the knowledge base's cause
    assert out.count("First seen in") == 2
    assert "Server certificate chain not trusted by the SSL client PSE" in out
    assert "SNI not sent by the SAP client" in out
    assert "2024-05-13T01:05:55.690" in out
    assert dev_icm.LOCAL_SOCKET not in out  # the ICM's own socket is never a partner


def test_json_has_the_documented_fields(tmp_path: Path, chain: c.Scenario) -> None:
    r = cli(str(mixed_trace(tmp_path / "dev_icm", chain)), "--json")
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    assert [f["path"] for f in doc["files"]] == [str(tmp_path / "dev_icm")]
    hs = {h["host"]: h for h in doc["handshakes"]}
    assert all(SPEC_KEYS <= set(h) for h in hs.values())
    bad = hs["localhost"]
    assert (bad["ok"], bad["code"], bad["sclnt_http"], bad["pse_node"], bad["sni"], bad["port"]) == (
        False, "SSSLERR_PEER_CERT_UNTRUSTED", "SCLNT_HTTP421", "SSL client Anonymous (ANONYM)", True, 443)
    assert [x["subject"] for x in bad["chain"]] == ["CN=localhost, O=sapassist tests",
                                                  "CN=sapassist Test Intermediate CA, O=sapassist tests"]
    assert bad["import"][0] == {"subject": "CN=sapassist Test Root CA, O=sapassist tests", "fingerprint": None,
                                "pse_node": "SSL client Anonymous (ANONYM)",
                                "note": "the missing issuer, not in the trace"}
    closed = hs["api.partner.example"]
    assert (closed["sni"], closed["state"], closed["cause"]) == (False, "TLS read server hello A", "sni_not_sent")
    assert hs["ok.partner.example"]["ok"] is True
    assert r.stdout.isascii()


def test_only_successful_handshakes_exit_0(tmp_path: Path) -> None:
    p = dev_icm.write(tmp_path / "dev_icm", dev_icm.trace([dev_icm.Handshake(host="ok.example", code=None)]))
    r = cli(str(p))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "No handshake in the trace failed." in r.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_unusable_inputs_exit_2(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    notes = tmp_path / "notes.txt"
    notes.write_text("nothing to see\n")
    for args, message in (
        ([str(tmp_path / "missing")], "cannot read"),
        ([str(fifo)], "not a regular file"),
        ([str(notes)], "does not look like a dev_icm trace"),
        (["/dev/zero"], "not a regular file"),
    ):
        r = cli(*args, timeout=20)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert message in r.stderr and "Traceback" not in r.stderr


def test_a_failure_outranks_an_unreadable_second_file(tmp_path: Path, chain: c.Scenario) -> None:
    r = cli(str(mixed_trace(tmp_path / "dev_icm", chain)), str(tmp_path / "missing"))
    assert r.returncode == 1 and "cannot read" in r.stderr


def test_extract_writes_pem_files_named_after_subjects(tmp_path: Path, chain: c.Scenario) -> None:
    trace = mixed_trace(tmp_path / "dev_icm", chain)
    out_dir = tmp_path / "certs"
    r = cli(str(trace), "--extract", str(out_dir))
    assert r.returncode == 1, r.stderr
    files = sorted(p.name for p in out_dir.iterdir())
    assert files == ["localhost.pem", "sapassist_Test_Intermediate_CA.pem"]
    loaded = x509.load_pem_x509_certificate((out_dir / "sapassist_Test_Intermediate_CA.pem").read_bytes())
    assert loaded == chain.intermediate.cert
    again = cli(str(trace), "--extract", str(out_dir), "--json")
    assert [e["written"] for e in json.loads(again.stdout)["extracted"]] == [False, False]
    assert sorted(p.name for p in out_dir.iterdir()) == files
    blocked = tmp_path / "file"
    blocked.write_text("x")
    r = cli(str(trace), "--extract", str(blocked))
    assert r.returncode == 2 and "not a directory" in r.stderr


def test_host_filter(tmp_path: Path, chain: c.Scenario) -> None:
    r = cli(str(mixed_trace(tmp_path / "dev_icm", chain)), "--host", "*.PARTNER.example", "--json")
    hosts = sorted(h["host"] for h in json.loads(r.stdout)["handshakes"])
    assert hosts == ["api.partner.example", "ok.partner.example"] and r.returncode == 1
    r = cli(str(mixed_trace(tmp_path / "dev_icm", chain)), "--host", "ok.*")
    assert r.returncode == 0


def test_ca_file_export_of_the_pse(tmp_path: Path, chain: c.Scenario) -> None:
    trace = mixed_trace(tmp_path / "dev_icm", chain)
    export = tmp_path / "anonym.p7b"
    export.write_bytes(chain.trust_bytes("p7b"))  # STRUST exports PKCS#7 too
    r = cli(str(trace), "--ca-file", str(export), "--json")
    bad = next(h for h in json.loads(r.stdout)["handshakes"] if h["host"] == "localhost")
    assert bad["import"] == []
    assert any("probably not the list of the PSE" in f["detail"] for f in bad["findings"])
    r = cli(str(trace), "--ca-file", str(tmp_path / "missing.pem"))
    assert r.returncode == 2 and "--ca-file" in r.stderr


def test_several_servers_rotated_crlf_and_stray_bytes(tmp_path: Path, chain: c.Scenario) -> None:
    s1, s2 = tmp_path / "app1", tmp_path / "app2"
    s1.mkdir()
    s2.mkdir()
    old = dev_icm.trace([dev_icm.Handshake(host="old.partner.example", code="SSSLRC_CONN_CLOSED")])
    dev_icm.write(s1 / "dev_icm.old", old, crlf=True)
    mixed_trace(s1 / "dev_icm", chain, crlf=True)
    second = dev_icm.trace([dev_icm.Handshake(host="b\udcfcro.partner.example", code="SSSLERR_SSL_READ")])
    (s2 / "dev_icm").write_bytes("\n".join(second).encode("utf-8", "surrogateescape"))
    r = cli(str(s1 / "dev_icm"), str(s2 / "dev_icm"), str(s1 / "dev_icm.old"), "--json")
    doc = json.loads(r.stdout)
    assert [f["path"] for f in doc["files"]] == [str(s1 / "dev_icm.old"), str(s1 / "dev_icm"), str(s2 / "dev_icm")]
    assert doc["files"][2]["undecodable_lines"] == 3  # summary, target and SNI lines name the host
    hosts = [h["host"] for h in doc["handshakes"]]
    assert "old.partner.example" in hosts and "b\ufffdro.partner.example" in hosts and len(hosts) == 5


def test_hostile_trace_text_is_shown_escaped(tmp_path: Path) -> None:
    p = tmp_path / "dev_icm"
    p.write_text("[Thr 1] *** ERROR => SSL handshake with evil\x1bc\u202e.example:443 failed: SSSLRC_CONN_CLOSED (-10)\n"
                 "[Thr 1] Remote Peer has closed the network connection\x07\n")
    r = cli(str(p))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\u202e" not in r.stdout
    assert "evil\\x1bc\\u202e.example" in r.stdout


SERVER_ROLE_LINES = [
    '  SSL_get_state()==0x11c0 "TLS read finished A"',
    " *** ERROR during secussl_read() from SSL_read()==SSL_ERROR_SSL",
    '  srv SSL session PSE "/usr/sap/QAS/D10/sec/SAPSSLS.pse"',
    '  TLSextSNI server_name="erp.corp.example"',
    " secussl_read: SSL_read() failed  (536875078/0x20001046)",
    '   => "received a fatal TLS certificate unknown alert message from the peer [b]\u00e9[/b]"',
]


def test_json_lists_the_kept_server_role_handshakes_as_data(tmp_path: Path) -> None:
    """Handshakes with the SAP system as server are no problem of ours to analyse, but what
    the trace says of them (PSE, partner, its own words) is data a script wants; the count
    stays as it was."""
    trace = tmp_path / "dev_icm"
    trace.write_text("\n".join(f"[Thr {dev_icm.THREAD_A}]{line}" for line in SERVER_ROLE_LINES) + "\n",
                     encoding="utf-8")
    r = cli(str(trace), "--json")
    assert r.returncode == 0 and r.stdout.isascii(), r.stderr
    out = json.loads(r.stdout)
    assert out["server_role_errors"] == 1 and out["handshakes"] == []
    (kept,) = out["server_role"]
    assert kept["pse"] == "/usr/sap/QAS/D10/sec/SAPSSLS.pse" and kept["pse_node"].startswith("SSL server PSE")
    assert kept["sni_name"] == "erp.corp.example" and kept["thread"] == dev_icm.THREAD_A
    assert any("certificate unknown alert message from the peer [b]\u00e9[/b]" in m for m in kept["messages"])
