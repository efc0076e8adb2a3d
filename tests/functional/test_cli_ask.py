"""`sapassist ask / lookup / list` as real processes: output, JSON shape, exit codes."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.commands.ask import NOT_TEXT
from assistant.kb.load import load_kb
from tests.support.kb import write_pack


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


def ask_json(*args: str, stdin: bytes | None = None) -> tuple[int, dict[str, Any]]:
    proc = cli("ask", "--json", *args, stdin=stdin)
    assert "Traceback" not in proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture(scope="module", autouse=True)
def needs_messages() -> None:
    if not load_kb(use_cache=False).kb.messages:
        pytest.skip("the bundled knowledge base has no messages yet")


def test_ask_json_shape() -> None:
    code, out = ask_json("HTTP error 421 occured: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)")
    assert code == 0
    assert out["intent"] == "explain"
    top = out["messages"][0]
    assert top["id"] == "SCLNT_HTTP421" and top["number"] == 421
    assert set(top) >= {"id", "number", "short_text", "title", "score"}
    assert out["causes"][0]["id"] == "server_cert_untrusted"
    assert set(out["causes"][0]) >= {"id", "title", "score"}
    assert out["causes"][0]["evidence"] == "code"  # the kind of evidence that made it (SSSLERR_…)
    assert {"kind": "http_status", "code": 421, "meaning": "Misdirected Request"}.items() <= out["ambiguity"][0].items()
    assert "SSSLERR_PEER_CERT_UNTRUSTED" in out["entities"]["codes"]
    # the wording decides (ICM error text), so the HTTP reading is a one-line note, not a lead-in
    assert out["answer"].startswith("## SCLNT_HTTP421")
    assert "Not HTTP 421 Misdirected Request" in out["answer"]
    assert "sapassist check https://github.com" in out["answer"]


def test_ask_json_prints_no_password_typed_in_a_url() -> None:
    # entities.proxy_url and check_target held "http://basis:Geheim2024@…" in clear.
    code, out = ask_json("SM59 to https://api:Target2024@api.x.example/path fails with HTTP error 421 occured, "
                         "the proxy is http://basis:Geheim2024@proxy.corp:8080")
    printed = json.dumps(out)
    assert code == 0
    assert "Geheim2024" not in printed and "Target2024" not in printed
    # what a script passes to `sapassist check`, which refuses credentials in a URL
    assert out["check_target"] == "https://api.x.example/path"
    assert out["entities"]["urls"] == ["https://api:***@api.x.example/path"]
    assert out["entities"]["proxy_url"] == "http://basis:***@proxy.corp:8080"


def test_ask_json_inferred_message_has_null_short_text() -> None:
    _, out = ask_json("SCLNT_HTTP417")
    assert out["messages"][0]["short_text"] is None
    assert out["messages"][0]["title"]


def test_ask_reads_stdin() -> None:
    code, out = ask_json(stdin=b"RC=411 Connect to github.com:443 failed: NIECONN_REFUSED(-10)\n")
    assert code == 0 and out["messages"][0]["id"] == "SCLNT_HTTP411"


def test_ask_plain_is_rendered_text() -> None:
    proc = cli("ask", "what is SCLNT_HTTP407")
    assert proc.returncode == 0
    assert "SCLNT_HTTP407 — SSL error (ICM_HTTP_SSL_ERROR)\n===" in proc.stdout
    assert "**" not in proc.stdout and "\x1b" not in proc.stdout


def test_ask_exit_codes_for_bad_input() -> None:
    assert cli("ask", "   ").returncode == 2
    assert cli("ask", stdin=b"").returncode == 2
    nonsense = cli("ask", "qwxz plmokn")
    assert nonsense.returncode == 1 and "Closest topics" in nonsense.stdout


def test_ask_survives_binary_junk_and_a_big_paste() -> None:
    # Random bytes hold stray digits ("411") and words; they must not be explained as SAP errors.
    junk = random.Random(7).randbytes(200_000)
    proc = cli("ask", "--json", stdin=junk)
    # no answer: only the one JSON error object a --json caller reads (test_json_usage_errors)
    assert proc.returncode == 2 and json.loads(proc.stdout) == {"error": NOT_TEXT, "exit_code": 2}
    assert "binary data, not text" in proc.stderr and "Traceback" not in proc.stderr
    # A coloured log and a Windows (cp1252) file are text, not binary.
    coloured = b"\x1b[31mERROR\x1b[0m HTTP error 407 occured: ICM_HTTP_SSL_ERROR\n" * 50
    code, out = ask_json(stdin=coloured)
    assert code == 0 and out["messages"][0]["id"] == "SCLNT_HTTP407"
    code, out = ask_json(stdin="Zertifikat für die Verbindung ungültig: SCLNT_HTTP421 äöüß".encode("cp1252"))
    assert code == 0 and out["messages"][0]["id"] == "SCLNT_HTTP421"
    big = b"x" * 1_000_000 + b"\nHTTP error 407 occured: ICM_HTTP_SSL_ERROR"
    code, out = ask_json(stdin=big)
    assert code == 0 and out["messages"][0]["id"] == "SCLNT_HTTP407"


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        ("407", "SCLNT_HTTP407"),
        ("SCLNT_HTTP407", "SCLNT_HTTP407"),
        ("sclnt_http 421", "SCLNT_HTTP421"),
        ("ICM_HTTP_TIMEOUT", "SCLNT_HTTP402"),
        ("SSSLERR_PEER_CERT_UNTRUSTED", "SSSLERR_PEER_CERT_UNTRUSTED"),
        ("server_cert_untrusted", "server_cert_untrusted"),
        ("strust", "STRUST"),
    ],
)
def test_lookup_any_id_form(ident: str, expected: str) -> None:
    proc = cli("lookup", ident, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == expected


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        ("510007", "SAPNOTE_510007"),  # an SAP note by its number
        ("note 510007", "SAPNOTE_510007"),
        ("-102", "SSSLERR_PEER_CERT_UNTRUSTED"),  # a code by its number, as dev_icm prints it
        ("(-58)", "SSSLERR_SSL_READ"),
    ],
)
def test_lookup_notes_and_code_numbers(ident: str, expected: str) -> None:
    proc = cli("lookup", ident, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == expected


def test_lookup_of_a_number_several_codes_share_names_them() -> None:
    proc = cli("lookup", "-10")
    assert proc.returncode == 1
    assert "NIECONN_REFUSED" in proc.stderr and "SSSLRC_CONN_CLOSED" in proc.stderr
    assert json.loads(cli("lookup", "--json", "-10").stdout)["error"] == "ambiguous number"


def test_lookup_without_an_id_is_a_usage_error() -> None:
    proc = cli("lookup", "  ")
    assert proc.returncode == 2 and "give an id" in proc.stderr


def test_list_marks_an_imported_text_for_an_inferred_message(tmp_path: Path) -> None:
    download = tmp_path / "t100.txt"
    download.write_text("SPRSL\tARBGB\tMSGNR\tTEXT\nE\tSCLNT_HTTP\t411\tConnection to &1 refused\n", encoding="utf-8")
    pack = tmp_path / "pack"
    assert cli("kb", "import-t100", str(download), "--output", str(pack)).returncode == 0
    row = next(line for line in cli("list", "--kb", str(pack)).stdout.splitlines() if line.startswith("SCLNT_HTTP411"))
    assert "imported" in row and "Connection to &1 refused" in row
    assert "derived" not in row and "not confirmed" not in row


def test_lookup_message_expands_causes() -> None:
    out = json.loads(cli("lookup", "421", "--json").stdout)
    assert out["causes"][0]["id"] == "server_cert_untrusted"
    assert out["causes"][0]["fix"]


def test_lookup_unknown_id() -> None:
    proc = cli("lookup", "SCLNT_HTTP419")
    assert proc.returncode == 1
    assert "SCLNT_HTTP418" in proc.stderr and "SCLNT_HTTP421" in proc.stderr
    out = json.loads(cli("lookup", "SCLNT_HTTP419", "--json").stdout)
    assert out["error"] == "unknown id" and "SCLNT_HTTP418" in out["nearest"]


def test_lookup_text_mode() -> None:
    proc = cli("lookup", "SCLNT_HTTP415")
    assert proc.returncode == 0 and "SCLNT_HTTP415" in proc.stdout and "Causes" in proc.stdout


def test_list_plain_and_json() -> None:
    from assistant.answers.listing import message_list_text, messages_to_list

    proc = cli("list")
    assert proc.returncode == 0 and "SCLNT_HTTP407" in proc.stdout and "SCLNT_HTTP426" in proc.stdout
    assert proc.stdout == message_list_text(messages_to_list(load_kb().kb, limit=None))  # the chat's table
    rows = json.loads(cli("list", "--json", "--class", "sclnt_http").stdout)
    assert [r["id"] for r in rows][:2] == ["SCLNT_HTTP400", "SCLNT_HTTP401"]
    assert cli("list", "--class", "ZNOTHERE").returncode == 1


def test_broken_extra_pack_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write_pack(tmp_path, {"bad.yaml": "messages: [ {id: 1\n"})
    proc = cli("ask", "--kb", str(tmp_path), "SCLNT_HTTP407")
    assert proc.returncode == 0
    assert "warning:" in proc.stderr and "bad.yaml" in proc.stderr
    assert "SCLNT_HTTP407" in proc.stdout


def test_chat_loop_keeps_the_topic() -> None:
    proc = cli("chat", stdin=b"SCLNT_HTTP421\nhow do I fix it?\n/quit\nnever read\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("SCLNT_HTTP421") >= 2
    assert "How to fix it" in proc.stdout
