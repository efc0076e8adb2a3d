"""An encrypted private key in a separate `--client-key` file: the password comes from
SAPASSIST_PKCS12_PASSWORD or, on a terminal, a prompt — in `sapassist check` and in
`run_check` — and never shows up anywhere. Against a real loopback server that requires
a client certificate."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from assistant.cli import main
from assistant.diagnostics import CheckOptions
from assistant.diagnostics.model import CheckSetupError
from assistant.diagnostics.prepare import prepare
from tests.support import certs
from tests.support.checks import check, step
from tests.support.servers import LoopbackServer, tls_server

ENV = "SAPASSIST_PKCS12_PASSWORD"
# shorter than the CLI's scrub threshold: if it leaked, no scrubbing would hide it
KEY_PW = "Kq7-key-pw"
WRONG_PW = "Zz4-nope"


@dataclass(frozen=True)
class Setup:
    server: LoopbackServer
    ca: Path
    cert: Path  # the client certificate chain, no key inside
    key_pkcs8: Path  # ENCRYPTED PRIVATE KEY
    key_traditional: Path  # BEGIN EC PRIVATE KEY with Proc-Type: 4,ENCRYPTED
    key_plain: Path


def _encrypted(client: certs.Bundle, fmt: serialization.PrivateFormat) -> bytes:
    return client.key.private_bytes(serialization.Encoding.PEM, fmt,
                                    serialization.BestAvailableEncryption(KEY_PW.encode()))


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    d = tmp_path_factory.mktemp("clientkey")
    files = certs.good_chain().write(d)
    client = certs.client_cert()
    cert, plain = client.write_fullchain(d, "client")
    pkcs8, traditional = d / "client-pkcs8.key", d / "client-traditional.key"
    pkcs8.write_bytes(_encrypted(client, serialization.PrivateFormat.PKCS8))
    traditional.write_bytes(_encrypted(client, serialization.PrivateFormat.TraditionalOpenSSL))
    assert b"ENCRYPTED PRIVATE KEY" in pkcs8.read_bytes()
    assert b"Proc-Type: 4,ENCRYPTED" in traditional.read_bytes()
    with tls_server(files.chain, files.key, client_ca=files.ca, require_client_cert=True) as srv:
        yield Setup(srv, files.ca, cert, pkcs8, traditional, plain)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- run_check (library, chat)


@pytest.mark.parametrize("key_format", ["pkcs8", "traditional"])
def test_encrypted_key_opens_with_the_environment_password(setup: Setup, key_format: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    key = setup.key_pkcs8 if key_format == "pkcs8" else setup.key_traditional
    monkeypatch.setenv(ENV, KEY_PW)
    rep = check(setup.server.url(), ca_file=str(setup.ca), client_cert=str(setup.cert), client_key=str(key))
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings]
    cc = step(rep, "client_cert", "ok")
    assert "accepted" in cc.detail and "sapassist client" in cc.data["client_subject"]
    assert KEY_PW not in json.dumps(rep.to_json()) and KEY_PW not in repr(rep)


def test_encrypted_key_opens_with_a_password_in_the_options(setup: Setup,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    opts = CheckOptions(url=setup.server.url(), ca_file=str(setup.ca), client_cert=str(setup.cert),
                        client_key=str(setup.key_pkcs8), client_key_password=KEY_PW)
    assert KEY_PW not in repr(opts)
    rep = check(setup.server.url(), ca_file=str(setup.ca), client_cert=str(setup.cert),
                client_key=str(setup.key_pkcs8), client_key_password=KEY_PW)
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings]


def test_a_password_meant_for_another_file_does_not_break_a_plain_key(setup: Setup,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "for-the-pse-file")  # one variable for every protected file
    rep = check(setup.server.url(), ca_file=str(setup.ca), client_cert=str(setup.cert),
                client_key=str(setup.key_plain))
    assert rep.verdict == "ok", [f.to_json() for f in rep.findings]


@pytest.mark.parametrize(("password", "message"), [
    (None, "a password is needed"),
    (WRONG_PW, "wrong password for the private key"),
])
def test_missing_or_wrong_key_password_is_a_setup_error(setup: Setup, password: str | None, message: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    if password is None:
        monkeypatch.delenv(ENV, raising=False)
    else:
        monkeypatch.setenv(ENV, password)
    opts = CheckOptions(url=setup.server.url(), client_cert=str(setup.cert), client_key=str(setup.key_pkcs8))
    with pytest.raises(CheckSetupError) as err:
        prepare(opts)
    text = str(err.value)
    assert message in text and ENV in text and str(setup.key_pkcs8) in text
    assert err.value.options == ("client_key",)  # named by field; the CLI says --client-key
    assert KEY_PW not in text and WRONG_PW not in text


# --------------------------------------------------------------------------- sapassist check


def test_cli_takes_the_key_password_from_the_environment(setup: Setup, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, KEY_PW)
    code, out, err = run_cli(capsys, setup.server.url(), "--ca-file", str(setup.ca), "--client-cert",
                             str(setup.cert), "--client-key", str(setup.key_traditional), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["verdict"] == "ok" and KEY_PW not in out + err
    assert [f["status"] for f in data["findings"] if f["step"] == "client_cert"] == ["ok"]


@pytest.mark.parametrize("password", [None, WRONG_PW])
def test_cli_missing_or_wrong_key_password_is_exit_2(setup: Setup, password: str | None,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    if password is None:
        monkeypatch.delenv(ENV, raising=False)  # and stdin is no terminal here: no prompt
    else:
        monkeypatch.setenv(ENV, password)
    code, out, err = run_cli(capsys, setup.server.url(), "--ca-file", str(setup.ca), "--client-cert",
                             str(setup.cert), "--client-key", str(setup.key_pkcs8))
    assert code == 2 and out == ""
    assert "--client-key" in err and ENV in err and "Traceback" not in err
    assert KEY_PW not in err and WRONG_PW not in err


def test_cli_asks_for_the_key_password_on_a_terminal(setup: Setup) -> None:
    from tests.support.tty import run_with_tty

    run = run_with_tty(["check", setup.server.url(), "--ca-file", str(setup.ca), "--client-cert",
                        str(setup.cert), "--client-key", str(setup.key_pkcs8), "--json"], f"{KEY_PW}\n".encode())
    assert run.prompted and str(setup.key_pkcs8) in run.stderr
    assert run.returncode == 0 and json.loads(run.stdout)["verdict"] == "ok", run.stderr
    assert KEY_PW not in run.stdout + run.stderr  # echo off, never printed


def test_cli_wrong_password_at_the_prompt_is_exit_2(setup: Setup) -> None:
    from tests.support.tty import run_with_tty

    run = run_with_tty(["check", setup.server.url(), "--ca-file", str(setup.ca), "--client-cert",
                        str(setup.cert), "--client-key", str(setup.key_pkcs8)], f"{WRONG_PW}\n".encode())
    assert run.prompted and run.returncode == 2 and run.stdout == ""
    assert "wrong password for the private key" in run.stderr and "--client-key" in run.stderr
    assert ENV in run.stderr and WRONG_PW not in run.stderr and "Traceback" not in run.stderr


def test_cli_does_not_ask_for_a_plain_key(setup: Setup) -> None:
    from tests.support.tty import run_with_tty

    run = run_with_tty(["check", setup.server.url(), "--ca-file", str(setup.ca), "--client-cert",
                        str(setup.cert), "--client-key", str(setup.key_plain), "--json"], None, timeout=20)
    assert not run.prompted and run.returncode == 0, run.stderr
