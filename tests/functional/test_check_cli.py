"""`sapassist check` end to end: JSON shape, exit codes, usage errors, secrets, escaping,
the knowledge-base answer and `--file` batches."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.answers.check import build_check_answer
from assistant.cli import main
from assistant.wording import step_label
from tests.support import certs
from tests.support.checks import check
from tests.support.proxy import ProxyProcess
from tests.support.servers import (
    LoopbackServer,
    alert_handler,
    free_port,
    serve_scenario,
    tls_server,
)

REPO = Path(__file__).resolve().parents[2]
SECRET = "Zq9-proxy-pw"


# `good` (a trusted loopback HTTPS server and its CA file) comes from conftest.py.


@pytest.fixture(scope="module")
def untrusted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LoopbackServer, Path]]:
    with serve_scenario(certs.untrusted_root(), tmp_path_factory.mktemp("untrusted")) as served:
        yield served


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    from assistant.kb.load import load_kb

    return load_kb(use_cache=False).kb


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_shape_and_exit_0(good, capsys) -> None:  # type: ignore[no-untyped-def]
    srv, ca = good
    code, out, _ = run_cli(capsys, srv.url(), "--ca-file", str(ca), "--json")
    data = json.loads(out)
    assert code == 0
    assert {"target", "verdict", "sclnt_http", "cause", "findings", "chain", "elapsed_ms"} <= set(data)
    assert data["verdict"] == "ok" and data["sclnt_http"] is None
    assert [f["step"] for f in data["findings"]] == [
        "resolve", "connect", "proxy", "tls", "observe", "chain", "client_cert", "http"]
    for f in data["findings"]:
        assert f["status"] in ("ok", "warn", "fail", "skip") and isinstance(f["elapsed_ms"], float)
    for c in data["chain"]:
        assert {"subject", "issuer", "not_before", "not_after", "key", "signature_algorithm",
                "fingerprint_sha256"} <= set(c)


def test_error_exit_1_and_kb_answer(untrusted, capsys, kb) -> None:  # type: ignore[no-untyped-def]
    srv, ca = untrusted
    code, out, _ = run_cli(capsys, srv.url(), "--ca-file", str(ca))
    assert code == 1
    assert "SCLNT_HTTP421" in out and "STRUST" in out
    assert "sapassist Untrusted Root CA" in out  # the certificate to import is named
    # every step has its line, named as the chat names it (assistant.wording)
    for name in ("resolve", "connect", "TLS", "observe", "chain", "client cert", "HTTP"):
        assert re.search(rf"[✓!✗–] {name}( \(|:| —)", out), name


def test_answer_uses_the_knowledge_base(untrusted, kb) -> None:  # type: ignore[no-untyped-def]
    srv, ca = untrusted
    report = check(srv.url(), ca_file=str(ca))
    md = build_check_answer(report, kb)
    cause = kb.causes["server_cert_untrusted"]
    assert cause.title in md
    assert cause.fix[0].strip()[:40] in md
    assert "### What to import into STRUST" in md
    assert md.count("\n- ✗ ") >= 2 and "- ✓ **resolve**" in md


def test_answer_compares_what_the_user_reported(untrusted, good, kb) -> None:  # type: ignore[no-untyped-def]
    srv, ca = untrusted
    report = check(srv.url(), ca_file=str(ca))
    assert report.sclnt_http == "SCLNT_HTTP421"
    differs = build_check_answer(report, kb, reported=["SCLNT_HTTP407"])
    assert "You reported **SCLNT_HTTP407**" in differs and "shows **SCLNT_HTTP421**" in differs
    assert "You reported" not in build_check_answer(report, kb, reported=["SCLNT_HTTP421"])
    assert "You reported" not in build_check_answer(report, kb)
    good_srv, good_ca = good
    healthy = build_check_answer(check(good_srv.url(), ca_file=str(good_ca)), kb, reported=["SCLNT_HTTP421"])
    assert "endpoint looks healthy" in healthy and "--ca-file" in healthy


def test_hostile_certificate_subject_is_shown_literally(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    root, inter = certs.ca_pair()
    leaf = certs.make_leaf(inter, cn="[red]x\x1b[2J*bold*", key_label="leaf:hostile")
    sc = certs.Scenario("hostile", leaf, [leaf, inter], [root], root=root, intermediate=inter)
    files = sc.write(tmp_path)
    resp = b"HTTP/1.1 200 OK\r\nServer: evil\x1b[31mred\r\nContent-Length: 0\r\n\r\n"
    with tls_server(files.chain, files.key, response=resp) as srv:
        report = check(srv.url(), ca_file=str(files.ca))
    md = build_check_answer(report, kb)
    assert "\x1b" not in md and "\\x1b" in md
    html = MarkdownIt().render(md)
    assert "[red]x" in html and "<strong>bold</strong>" not in html and "<em>bold</em>" not in html
    assert "\x1b" not in json.dumps(report.to_json(), ensure_ascii=False).replace("\\u001b", "")


def test_proxy_password_never_printed(good, capsys) -> None:  # type: ignore[no-untyped-def]
    srv, ca = good
    with ProxyProcess("ok", "basis", SECRET + "x") as proxy:  # wrong password → 407
        code, out, err = run_cli(capsys, srv.url(), "--ca-file", str(ca), "--proxy", proxy.url,
                                 "--proxy-user", f"basis:{SECRET}", "--json")
        assert code == 1 and json.loads(out)["cause"] == "proxy_auth_failed"
        code2, out2, err2 = run_cli(capsys, srv.url(), "--proxy", proxy.url,
                                    "--proxy-user", f"basis:{SECRET}")
    assert code2 == 1
    for text in (out, err, out2, err2):
        assert SECRET not in text
    assert "basis" in out2 or "credentials" in out2


@pytest.mark.parametrize(("argv", "message"), [
    (["ftp://host/"], "unsupported scheme"),
    (["https://"], "no host"),
    (["https://localhost:99999/"], "invalid port"),
    (["localhost", "--ca-file", "/nonexistent/ca.pem"], "--ca-file: cannot read"),
    (["localhost", "--client-cert", "a.pem", "--pkcs12", "b.p12"], "not both"),
    (["localhost", "--client-cert", "/nonexistent/c.pem"], "--client-cert: cannot read"),
    (["localhost", "--proxy-user", "nocolon", "--proxy", "http://p:1"], "USER:PASSWORD"),
    (["localhost", "--timeout", "0"], "--timeout"),
    ([], "give a URL"),
])
def test_usage_errors_exit_2_without_traceback(capsys, argv: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err and out == ""


def test_batch_file_table_and_json_lines(good, untrusted, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    gsrv, gca = good
    usrv, uca = untrusted
    (tmp_path / "pse.pem").write_bytes(gca.read_bytes())
    endpoints = tmp_path / "endpoints.yaml"
    endpoints.write_text(
        f"- url: {gsrv.url()}\n  ca_file: pse.pem\n"  # relative to the YAML file
        f"- url: {usrv.url()}\n  ca_file: {uca}\n  timeout: 2\n"
        f"- https://127.0.0.1:{free_port()}/\n"
        "- url: 'ftp://bad'\n"
    )
    code, out, _ = run_cli(capsys, "--file", str(endpoints), "--concurrency", "2")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split() == ["TARGET", "VERDICT", "SCLNT_HTTP", "CAUSE"]
    assert "ok" in lines[1] and "SCLNT_HTTP421" in lines[2] and "server_cert_untrusted" in lines[2]
    assert "SCLNT_HTTP411" in lines[3] and "unsupported scheme" in lines[4]
    code, out, _ = run_cli(capsys, "--file", str(endpoints), "--json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["verdict"] for r in rows] == ["ok", "error", "error", "error"]
    assert rows[1]["cause"] == "server_cert_untrusted" and rows[2]["sclnt_http"] == "SCLNT_HTTP411"
    core = {"target", "verdict", "sclnt_http", "cause", "findings", "chain", "elapsed_ms", "cancelled"}
    assert all(core <= set(r) for r in rows)  # an unusable entry has the same core shape
    assert "unsupported scheme" in rows[3]["error"]


def test_batch_file_errors_are_usage_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "e.yaml"
    bad.write_text("- url: x\n  colour: red\n")
    code, _, err = run_cli(capsys, "--file", str(bad))
    assert code == 2 and "unknown key" in err and "colour" in err
    bad.write_text("[unclosed\n")
    code, _, err = run_cli(capsys, "--file", str(bad))
    assert code == 2 and "YAML syntax error" in err and f"{bad}:" in err


def test_fresh_process_json(good) -> None:  # type: ignore[no-untyped-def]
    srv, ca = good
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "check", srv.url(), "--ca-file", str(ca), "--json"],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == "ok"


def test_pkcs12_trust_list_password_from_environment(good, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    srv, _ = good
    sc_trust = tmp_path / "pse.pfx"
    sc_trust.write_bytes(certs.good_chain().trust_bytes("p12", b"Env-Trust-pw"))
    monkeypatch.setenv("SAPASSIST_PKCS12_PASSWORD", "Env-Trust-pw")
    code, out, err = run_cli(capsys, srv.url(), "--ca-file", str(sc_trust), "--json")
    assert code == 0 and json.loads(out)["verdict"] == "ok"
    assert "Env-Trust-pw" not in out + err
    monkeypatch.setenv("SAPASSIST_PKCS12_PASSWORD", "Wrong-Trust-pw")
    code, out, err = run_cli(capsys, srv.url(), "--ca-file", str(sc_trust))
    assert code == 2 and "wrong password" in err and out == ""
    assert "Wrong-Trust-pw" not in err and "Traceback" not in err


@pytest.mark.parametrize("content", [b"not a certificate\n", b"\x30\x03\x02\x01\x00", b""])
def test_bad_ca_file_is_a_usage_error(tmp_path: Path, capsys, content: bytes) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "trust.p7b"
    bad.write_bytes(content)
    code, out, err = run_cli(capsys, "https://localhost:1/", "--ca-file", str(bad))
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.startswith("sapassist check: --ca-file:") and str(bad) in err


def test_timeout_help_says_it_is_one_budget(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "one budget for the whole check" in " ".join(capsys.readouterr().out.split())


def test_unclassified_tls_failure_answer_shows_the_generic_fix(kb) -> None:  # type: ignore[no-untyped-def]
    with LoopbackServer(alert_handler(50)) as srv:  # fatal decode_error alert
        report = check(srv.url())
    md = build_check_answer(report, kb)
    cause = kb.causes["tls_handshake_failed"]
    assert report.cause == "tls_handshake_failed" and cause.title in md
    assert "SMICM" in md and "dev_icm" in md and "510007" in md
    assert "tls_handshake_failed" in kb.messages["SCLNT_HTTP407"].causes
    assert "client_cert_rejected" in kb.messages["SCLNT_HTTP407"].causes


# --------------------------------------------------------------------------- passwords on a terminal


@pytest.fixture(scope="module")
def client_cert_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LoopbackServer, Path, Path]]:
    """A server that requires a client certificate, its trust list and a protected .p12."""
    d = tmp_path_factory.mktemp("clientcert")
    files = certs.good_chain().write(d)
    client = certs.client_cert()
    p12 = d / "client.p12"
    p12.write_bytes(client.pkcs12(b"Tty-P12-secret", extra=client.fullchain()[1:]))
    with tls_server(files.chain, files.key, client_ca=files.ca, require_client_cert=True) as srv:
        yield srv, files.ca, p12


def test_pkcs12_password_typed_at_the_prompt(client_cert_server) -> None:  # type: ignore[no-untyped-def]
    from tests.support.tty import run_with_tty

    srv, ca, p12 = client_cert_server
    run = run_with_tty(["check", srv.url(), "--ca-file", str(ca), "--pkcs12", str(p12), "--json"],
                       b"Tty-P12-secret\n")
    assert run.prompted and run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["verdict"] == "ok"
    assert "Tty-P12-secret" not in run.stdout + run.stderr  # echo is off, nothing printed


@pytest.mark.parametrize(("typed", "code", "message"), [
    (b"\x04", 2, "no password given"),  # Ctrl-D: a message, not an EOFError traceback
    (b"wrong\n", 2, "wrong password for the PKCS#12 file"),  # a short password garbles nothing
])
def test_bad_answers_at_the_prompt(client_cert_server, typed: bytes, code: int, message: str) -> None:  # type: ignore[no-untyped-def]
    from tests.support.tty import run_with_tty

    srv, ca, p12 = client_cert_server
    run = run_with_tty(["check", srv.url(), "--ca-file", str(ca), "--pkcs12", str(p12)], typed)
    assert run.prompted and run.returncode == code
    assert message in run.stderr and "--pkcs12" in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""


def test_unprotected_pkcs12_and_pem_trust_list_ask_nothing(client_cert_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.support.tty import run_with_tty

    srv, ca, _ = client_cert_server
    client = certs.client_cert()
    open_p12 = tmp_path / "open.p12"
    open_p12.write_bytes(client.pkcs12(None, extra=client.fullchain()[1:]))
    run = run_with_tty(["check", srv.url(), "--ca-file", str(ca), "--pkcs12", str(open_p12),
                        "--json"], None, timeout=20)
    assert not run.prompted and run.returncode == 0, run.stderr


def test_pkcs12_trust_list_password_typed_at_the_prompt(good, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.support.tty import run_with_tty

    srv, _ = good
    pse = tmp_path / "pse.p12"
    pse.write_bytes(certs.good_chain().trust_bytes("p12", b"Tty-Trust-pw"))
    run = run_with_tty(["check", srv.url(), "--ca-file", str(pse), "--json"], b"Tty-Trust-pw\n")
    assert run.prompted and str(pse) in run.stderr
    assert run.returncode == 0 and json.loads(run.stdout)["verdict"] == "ok", run.stderr


# --------------------------------------------------------------------------- more usage errors


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "1e12"])
def test_unusable_timeouts_are_usage_errors(capsys, value: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(capsys, "https://localhost:1/", f"--timeout={value}")
    assert code == 2 and "--timeout must be" in err and out == "" and "Traceback" not in err


def test_json_is_ascii_so_hostile_subjects_cannot_drive_the_terminal(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root, inter = certs.ca_pair()
    hostile = "x\u009b31m\u202eevil"  # C1 CSI and a bidi override in a subject
    leaf = certs.make_leaf(inter, cn=hostile, key_label="leaf:c1")
    sc = certs.Scenario("c1", leaf, [leaf, inter], [root], root=root, intermediate=inter)
    files = sc.write(tmp_path)
    with tls_server(files.chain, files.key) as srv:
        code, out, _ = run_cli(capsys, srv.url(), "--ca-file", str(files.ca), "--json")
    assert code == 0 and out.isascii()
    assert json.loads(out)["chain"][0]["subject"].startswith(f"CN={hostile}")  # still the raw data


def test_batch_entry_option_types_are_checked(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "e.yaml"
    bad.write_text("- url: https://localhost:1/\n  no_sni: 'false'\n")
    code, _, err = run_cli(capsys, "--file", str(bad))
    assert code == 2 and "no_sni must be true or false" in err


def test_batch_entry_with_its_own_ca_file_does_not_get_the_ca_file_password(tmp_path: Path) -> None:
    from assistant.diagnostics.batch import load_endpoints
    from assistant.diagnostics.model import CheckOptions

    endpoints = tmp_path / "e.yaml"
    endpoints.write_text("- https://a.invalid/\n- {url: 'https://b.invalid/', ca_file: other.p12}\n")
    defaults = CheckOptions(url="", ca_file="/pse/main.p12", ca_file_password="for-main-only")
    first, second = load_endpoints(str(endpoints), defaults)
    assert first.ca_file_password == "for-main-only"
    assert second.ca_file == str(tmp_path / "other.p12") and second.ca_file_password is None


def test_imported_message_text_is_not_read_as_markdown(kb) -> None:  # type: ignore[no-untyped-def]
    """A T100 text comes from the user's file: `*` and `[..](..)` in it are literal."""
    import dataclasses

    from assistant.diagnostics.model import CheckReport
    from assistant.kb.knowledge_base import KnowledgeBase

    original = kb.messages["SCLNT_HTTP411"]
    odd = dataclasses.replace(original, short_text=None, imported_text="*Verbindung* [abgelehnt](x)")
    messages = {k: v for k, v in kb.messages.items() if k != "SCLNT_HTTP411"}
    messages["SCLNT_HTTP411"] = odd
    local_kb = KnowledgeBase(messages=messages, causes=kb.causes, codes=kb.codes, glossary=kb.glossary)
    report = CheckReport("https://h:1/", "error", "SCLNT_HTTP411", "connection_refused")
    md = build_check_answer(report, local_kb)
    from markdown_it import MarkdownIt

    html = MarkdownIt().render(md)
    assert "*Verbindung* [abgelehnt](x)" in html and "<em>Verbindung" not in html and "<a " not in html


def test_answer_without_the_step_list_still_says_what_failed(untrusted, kb) -> None:  # type: ignore[no-untyped-def]
    """The chat shows the steps live in its box and leaves them out of the answer; the
    verdict still names what the check found, its cause and the next step."""
    srv, ca = untrusted
    report = check(srv.url(), ca_file=str(ca))
    full, short = build_check_answer(report, kb), build_check_answer(report, kb, steps=False)
    assert "- ✓ **resolve**" in full and "\n- ✗ " in full
    assert "\n- ✗ " not in short and "- ✓ **resolve**" not in short
    verdict = short.split("###", 1)[0]
    assert "fails as **SCLNT_HTTP421**" in verdict and "Cause:" in verdict and "Next step:" in verdict


def test_steps_an_early_failure_kept_from_running_share_one_line(capsys, kb) -> None:  # type: ignore[no-untyped-def]
    # A real refused port (nothing listens on a just-freed loopback port) and a real
    # unknown name (.invalid): at 80x24 one line per step not run filled the screen.
    for url, failed in ((f"https://127.0.0.1:{free_port()}/", "connect"), ("https://no-such-host.invalid/", "resolve")):
        report = check(url)
        skipped = [f for f in report.findings if f.detail.startswith("not run:")]
        assert len(skipped) >= 4  # the runner still reports every step once (JSON keeps them)
        md = build_check_answer(report, kb)
        assert "an earlier step failed" not in md
        line = next(x for x in md.splitlines() if "**not run**" in x)
        assert line.endswith(f"the {failed} step failed")
        assert all(step_label(f.step) in line for f in skipped)
    code, out, _ = run_cli(capsys, f"https://127.0.0.1:{free_port()}/")
    assert code != 0 and out.count("not run") == 1 and "not run: TLS, observe, chain, client cert, HTTP" in out


def test_a_silent_ports_verdict_keeps_the_hedge_its_line_gives(kb) -> None:  # type: ignore[no-untyped-def]
    """The connect line says SAP reports a silent port as 402 or 400: the line names 402
    once, and the verdict names both, not 402 alone."""
    from tests.support.servers import unanswered_connect_port

    with unanswered_connect_port() as port:
        report = check(f"https://127.0.0.1:{port}/sap/bc/ping", timeout=1.5)
    if report.cause == "connection_refused":
        pytest.skip("this kernel refuses instead of dropping SYNs to a full queue")
    assert report.sclnt_http == "SCLNT_HTTP402"
    md = build_check_answer(report, kb)
    connect = next(line for line in md.splitlines() if line.startswith("- ✗ **connect**"))
    assert connect.count("SCLNT_HTTP402") == 1 and "SCLNT_HTTP400" in connect
    verdict = md.split("\n\n")[1]
    assert "**SCLNT_HTTP402**" in verdict and "**SCLNT_HTTP400**" in verdict
