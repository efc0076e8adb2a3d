"""`sapassist chat` with standard input not a terminal, as a real process: the questions are
echoed, the dialogue state carries, `--json` gives one object per line, `/check` and a
"yes" to an offered check run a live check (against a closed loopback port), and a huge
paste is answered in bounded time and output."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

from assistant.commands.linechat import MAX_LINE_BYTES, MAX_TURNS


def chat(stdin: bytes, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", *args], input=stdin, capture_output=True, timeout=timeout
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_text_mode_echoes_each_question_and_keeps_the_topic() -> None:
    proc = chat(b"SCLNT_HTTP421\nhow do I fix it?\n")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    out = proc.stdout
    first, second = out.split("you> how do I fix it?")
    assert first.startswith("you> SCLNT_HTTP421")
    assert "SCLNT_HTTP421" in second.splitlines()[1]  # the follow-up stays on the topic
    assert first.count("Sources") == 1 and "Sources" not in second  # shown once per conversation


def test_json_mode_prints_one_ask_json_object_per_line() -> None:
    proc = chat(b"SCLNT_HTTP421\nhow do I fix it?\n/nonsense\n", "--json")
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 3
    first, second, third = lines
    assert {"intent", "messages", "causes", "scope", "confidence", "question", "answer"} <= set(first)
    assert first["messages"][0]["id"] == "SCLNT_HTTP421" and not first["follow_up"]
    assert second["follow_up"] and second["messages"][0]["id"] == "SCLNT_HTTP421"
    assert "note" in third


def test_slash_check_runs_a_live_check() -> None:
    port = closed_port()
    proc = chat(f"/check https://127.0.0.1:{port} --timeout 2\n".encode())
    assert proc.returncode == 0
    assert "you> /check" in proc.stdout and "SCLNT_HTTP411" in proc.stdout


def test_yes_to_an_offered_check_runs_it_instead_of_repeating_the_topic() -> None:
    port = closed_port()
    proc = chat(f"SCLNT_HTTP421 calling https://127.0.0.1:{port}\nyes\n".encode(), "--json")
    answer, check = (json.loads(line) for line in proc.stdout.splitlines())
    assert "reply **yes**" in answer["answer"]
    assert check["check"]["sclnt_http"] == "SCLNT_HTTP411"


def test_a_ten_megabyte_paste_is_bounded_in_time_and_output() -> None:
    one_line = b"SSSLERR_SSL_READ " + b"x" * (10 * 1024 * 1024) + b"\n"
    start = time.perf_counter()
    proc = chat(one_line)
    assert time.perf_counter() - start < 30
    assert proc.returncode == 0 and len(proc.stdout) < 200_000
    assert f"longer than {MAX_LINE_BYTES // 1024} KB" in proc.stdout
    many = b"".join(b"line %d with some words\n" % i for i in range(MAX_TURNS + 50))
    proc = chat(many, "--json")
    last = json.loads(proc.stdout.splitlines()[-1])
    assert "stopped after" in last["note"]


def test_a_check_after_we_are_behind_a_proxy_says_it_went_direct_and_keeps_the_reported_message() -> None:
    # Behind a proxy only the proxy resolves outside names: a direct check's DNS failure
    # (417) may mean just that. The answer says so, and the message the user reported
    # (400) stays the topic, as the chat's own checks do.
    proc = chat(b"SM59 connection test to https://api.partner.invalid fails with ICM_HTTP_CONNECTION_FAILED\n"
                b"we are behind a proxy\ncheck it\nhow do I fix it?\n", "--json")
    first, _, checked, follow = [json.loads(line) for line in proc.stdout.splitlines()]
    assert first["messages"][0]["id"] == "SCLNT_HTTP400"
    assert checked["check"]["sclnt_http"] == "SCLNT_HTTP417"
    assert "You said a proxy is in the way" in checked["answer"]
    assert "You reported **SCLNT_HTTP400**" in checked["answer"]
    assert follow["messages"][0]["id"] == "SCLNT_HTTP400"


def test_a_check_through_the_proxy_is_not_told_it_went_direct() -> None:
    port = closed_port()
    proc = chat(f"SCLNT_HTTP400 from SM59\nwe are behind a proxy\n"
                f"/check https://api.partner.invalid --proxy http://127.0.0.1:{port} --timeout 2\n".encode(), "--json")
    checked = [json.loads(line) for line in proc.stdout.splitlines()][-1]
    assert checked["check"]["sclnt_http"] == "SCLNT_HTTP412"  # the proxy's port is closed
    assert "You said a proxy is in the way" not in checked["answer"]


def test_json_follow_ups_that_name_a_subject_answer_it_within_the_topic() -> None:
    # A real process and the conversation as an admin has it: every turn stays on 407, each
    # leads with 407's cause on what was asked, or says plainly that 407 lists nothing on it.
    turns = ["SCLNT_HTTP407", "what about TLS 1.3?", "and through a proxy?", "does it matter which PSE?",
             "what if the certificate is self-signed?"]
    proc = chat("".join(t + "\n" for t in turns).encode(), "--json")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    first, tls, proxy, pse, self_signed = (json.loads(line) for line in proc.stdout.splitlines())
    assert first["subject"] is None
    assert all(t["follow_up"] and t["messages"][0]["id"] == "SCLNT_HTTP407" for t in (tls, proxy, pse, self_signed))
    assert tls["causes"][0]["id"] == "tls_version_or_cipher_mismatch" and tls["subject"]["terms"] == ["TLS13_ABAP"]
    assert "`ssl/client_ciphersuites`" in tls["answer"] and "TLS 1.3 on AS ABAP" in tls["answer"]
    assert proxy["causes"][0]["id"] == "tls_interception"
    assert "within SCLNT_HTTP407" in proxy["answer"]
    assert pse["causes"][0]["id"] in ("server_cert_untrusted", "wrong_client_pse_selected")
    assert self_signed["subject"]["causes"] == [] and self_signed["subject"]["elsewhere"][0] == "server_cert_self_signed"
    assert "SCLNT_HTTP407 lists no cause on" in self_signed["answer"] and "SCLNT_HTTP421" in self_signed["answer"]


def test_json_sap_named_as_the_caller_after_curls_error_gives_the_sap_message() -> None:
    proc = chat(b"curl: (60) SSL certificate problem: unable to get local issuer certificate\nand if SAP calls it?\n",
                "--json")
    curl, sap = (json.loads(line) for line in proc.stdout.splitlines())
    assert curl["another_client"] and not curl["messages"]
    assert not sap["another_client"] and sap["messages"][0]["id"] == "SCLNT_HTTP421"
    assert sap["scope"]["kind"] == "sap_http_client"
