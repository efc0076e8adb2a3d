"""Python warnings about certificates (a negative serial number, a CN longer than X.509
allows) are findings and notes in our words — never lines on stderr, also when Python
is told to show every warning (`-W always`)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from assistant.diagnostics.certfiles import load_cert_file
from assistant.diagnostics.certinfo import cert_info
from tests.support.checks import check, step
from tests.support.servers import openssl_path, tls_server

ROOT = Path(__file__).resolve().parents[2]
LONG_CN = "a-very-long-host-name-that-nobody-should-use." * 2 + "example"  # 97 characters


def long_cn_cert(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate whose CN is longer than RFC 5280's 64 (cryptography only
    warns when reading it; building it needs its check switched off)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, LONG_CN, _validate=False)])
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                .public_key(key.public_key()).serial_number(7)
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
                .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
                .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "long-cn.pem", directory / "long-cn.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def negative_serial_cert(directory: Path) -> Path:
    if openssl_path() is None:
        pytest.skip("openssl is not installed")
    path = directory / "negative-serial.pem"
    subprocess.run([openssl_path(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", str(directory / "neg.key"), "-out", str(path), "-days", "3",
                    "-subj", "/CN=negative.example", "-set_serial", "-5"], check=True, capture_output=True)
    return path


def cli(*args: str, python_flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    return subprocess.run([sys.executable, *python_flags, "-m", "assistant", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)


@pytest.mark.openssl
@pytest.mark.parametrize("flags", [(), ("-W", "always")])
def test_cert_file_warnings_are_notes_not_stderr(tmp_path: Path, flags: tuple[str, ...]) -> None:
    negative = negative_serial_cert(tmp_path)
    long_cn, _key = long_cn_cert(tmp_path)
    run = cli("cert", str(negative), str(long_cn), python_flags=flags)
    assert run.returncode == 0 and run.stderr == ""
    assert "serial number is negative or zero, which RFC 5280 forbids" in run.stdout
    assert "has 97 characters; X.509 allows 1–64" in run.stdout


@pytest.mark.openssl
def test_loading_in_process_lets_no_warning_escape(tmp_path: Path) -> None:
    negative = negative_serial_cert(tmp_path)
    with warnings.catch_warnings(record=True) as escaped:
        warnings.simplefilter("always")
        loaded = load_cert_file(negative)
    assert not escaped
    assert "negative or zero" in cert_info(loaded.certificates[0]).warnings[0]
    assert "negative or zero" in cert_info(loaded.certificates[0]).warnings[0]  # again: still told


def test_a_server_with_a_long_cn_gets_a_chain_finding(tmp_path: Path) -> None:
    cert, key = long_cn_cert(tmp_path)
    with tls_server(cert, key) as srv, warnings.catch_warnings(record=True) as escaped:
        warnings.simplefilter("always")
        report = check(srv.url(), ca_file=str(cert))
    assert not [w for w in escaped if "Attribute" in str(w.message)]
    finding = next(f for f in report.findings if f.step == "chain" and f.data.get("warnings"))
    assert finding.status == "warn" and "has 97 characters" in finding.detail
    assert step(report, "tls").status == "ok"  # a warning, not the verdict
    assert report.chain[0].warnings and "97 characters" in report.to_json()["chain"][0]["warnings"][0]


def test_the_check_command_prints_the_finding_and_nothing_on_stderr(tmp_path: Path) -> None:
    cert, key = long_cn_cert(tmp_path)
    with tls_server(cert, key) as srv:
        run = cli("check", srv.url(), "--ca-file", str(cert), python_flags=("-W", "always"))
    assert run.stderr == "" and "has 97 characters" in run.stdout
