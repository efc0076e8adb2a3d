"""newuser4's pass, as real processes: what the piped chat and `check --file` say when asked
for something they cannot do as asked.

- `chat --resume` with standard input not a terminal: the piped chat keeps no saved
  conversations, so it says so (exit 2) instead of answering as if the conversation had
  been continued;
- an endpoints file whose entry has `proxy_user` but no `proxy` names the file's key and the
  entry, not the command line's flags the file never had.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin.encode(),
                          capture_output=True, timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def test_a_piped_chat_says_it_cannot_resume() -> None:
    for resume in (["--resume"], ["--resume", "abc123"]):
        text = run("chat", *resume, stdin="how do I fix it?\n")
        assert text.returncode == 2 and "Traceback" not in text.stderr
        assert "--resume" in text.stderr and "not a terminal" in text.stderr, text.stderr
        assert "you> " not in text.stdout  # nothing answered as if continued
        as_json = run("chat", "--json", *resume, stdin="how do I fix it?\n")
        assert as_json.returncode == 2
        assert json.loads(as_json.stdout.splitlines()[0])["exit_code"] == 2
    # `sapassist --resume` before the command is the same option.
    assert run("--resume", "chat", stdin="SCLNT_HTTP421\n").returncode == 2


def test_a_piped_chat_without_resume_still_answers() -> None:
    text = run("chat", stdin="SCLNT_HTTP421\n")
    assert text.returncode == 0 and "you> SCLNT_HTTP421" in text.stdout


def test_an_endpoint_with_a_proxy_user_but_no_proxy_names_the_files_key(tmp_path: Path) -> None:
    endpoints = tmp_path / "endpoints.yaml"
    endpoints.write_text("- https://a.invalid\n- {url: https://b.invalid, proxy_user: alice}\n", encoding="utf-8")
    for extra in ([], ["--json"]):
        proc = run("check", "--file", str(endpoints), "--timeout", "1", *extra)
        said = proc.stdout + proc.stderr
        assert "Traceback" not in said
        assert "--proxy-user needs --proxy" not in said, said
        assert "entry 2" in said and "proxy_user" in said and "proxy" in said, said
        assert f"{endpoints}:2" in said, said
    # Given on the command line, the flags are still named by the command line's spelling.
    endpoints.write_text("- https://a.invalid\n", encoding="utf-8")
    proc = run("check", "--file", str(endpoints), "--proxy-user", "bob", "--timeout", "1")
    assert "--proxy-user needs --proxy" in proc.stdout + proc.stderr


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed when the block ends: a real refusal on loopback


def test_a_yes_no_question_after_a_check_names_what_the_check_found() -> None:
    # Before: after the live check found the connection refused, "is it the firewall?" was
    # answered "Nothing you said points to …", as if no check had run.
    report = f"HTTP error 411 occured: ICM_HTTP_CONNECTION_REFUSED calling https://127.0.0.1:{_closed_port()}/x"
    proc = run("chat", "--json", stdin=f"{report}\nyes\nis it the firewall?\nis it the proxy?\n")
    assert proc.returncode == 0, proc.stderr
    *_, firewall, proxy = (json.loads(line) for line in proc.stdout.splitlines())
    for asked in (firewall, proxy):
        verdict = asked["answer"].split("\n\n")[1]
        assert verdict.startswith("**Probably not — the live check found another cause:**"), verdict
        assert "Connection refused" in verdict
