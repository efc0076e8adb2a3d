"""Every command under an ASCII-only output encoding degrades to ASCII instead of a
traceback (item 14), and JSON output is valid UTF-8 / valid JSON whatever bytes the
arguments hold (item 13)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.console import degrade
from tests.support import certs
from tests.support.servers import LoopbackServer, tls_server

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str | bytes], *, encoding: str | None = None, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, cwd=ROOT,
                          env=env, timeout=60, input=stdin)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoopbackServer, Path]:
    files = certs.good_chain().write(tmp_path_factory.mktemp("enc"))
    with tls_server(files.chain, files.key) as srv:
        yield srv, files.ca


def commands(server: tuple[LoopbackServer, Path], tmp: Path) -> dict[str, list[str]]:
    srv, ca = server
    t100 = tmp / "t100.txt"
    t100.write_text("SPRSL\tARBGB\tMSGNR\tTEXT\nE\tZTEST\t001\tÄnderung – „Text“ → ok\n", encoding="utf-8")
    trace = tmp / "dev_icm"
    trace.write_text("trc file: \"dev_icm\"\n[Thr 1] *** ERROR => SSL handshake with h:443 failed: "
                     "SSSLERR_PEER_CERT_UNTRUSTED (-102) — Zertifikat ungültig\n", encoding="utf-8")
    return {
        "ask": ["ask", "SCLNT_HTTP421"],
        "ask --json": ["ask", "--json", "SCLNT_HTTP421 – Zertifikat für Müller"],
        "lookup": ["lookup", "SCLNT_HTTP407"],
        "lookup --json": ["lookup", "--json", "421"],
        "list": ["list"],
        "list --json": ["list", "--json"],
        "kb validate": ["kb", "validate"],
        "kb path": ["kb", "path"],
        "kb import-t100": ["kb", "import-t100", str(t100), "--output", str(tmp / "pack")],
        "check": ["check", srv.url(), "--ca-file", str(ca)],
        "check --json": ["check", srv.url(), "--ca-file", str(ca), "--json"],
        "cert": ["cert", str(ca)],
        "trace": ["trace", str(trace)],
        "chat (piped)": ["chat"],
        "--help": ["--help"],
    }


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_every_command_degrades_instead_of_failing(server: tuple[LoopbackServer, Path], tmp_path: Path,
                                                   encoding: str) -> None:
    for name, args in commands(server, tmp_path).items():
        done = run(list(args), encoding=encoding,
                   stdin=b"SCLNT_HTTP421 \xe2\x80\x94 why?\n" if name.startswith("chat") else b"")
        err = done.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in done.stderr and "UnicodeEncodeError" not in err, (name, err)
        assert done.returncode in (0, 1), (name, done.returncode, err)
        if encoding == "ascii":
            done.stdout.decode("ascii")  # raises if anything but ASCII got out
            done.stderr.decode("ascii")
        if name.endswith("--json"):
            json.loads(done.stdout)


def test_the_em_dash_becomes_two_hyphens_and_accents_go() -> None:
    done = run(["ask", "SCLNT_HTTP421"], encoding="ascii")
    assert b"SCLNT_HTTP421 -- SSL certificate not trusted" in done.stdout


def test_the_degrade_handler_keeps_json_json() -> None:
    import codecs

    codecs.register_error("test-degrade", degrade)
    text = json.dumps({"t": "a “quoted” — path → ü 😀 \udcff"}, ensure_ascii=False)
    degraded = text.encode("ascii", errors="test-degrade").decode("ascii")
    assert json.loads(degraded)["t"] == "a 'quoted' -- path -> u \U0001f600 \udcff"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=1, max_size=24).filter(lambda b: b"\x00" not in b and not b.startswith(b"-")),
       st.sampled_from(["lookup", "ask"]))
def test_json_output_is_valid_utf8_whatever_the_argument_bytes(raw: bytes, command: str) -> None:
    done = run([command, "--json", raw])
    assert done.returncode in (0, 1, 2), done.stderr
    if done.returncode == 2 and not done.stdout:
        return  # e.g. an empty question: a usage message on stderr
    text = done.stdout.decode("utf-8")  # raises on 0xff 0xfe
    json.loads(text)
