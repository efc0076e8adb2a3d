"""Every place a person's text is said back or saved — `ask` (text and `--json`, every field),
the piped chat (its `you>` echo and answers), `chat --json`, the chat's screen, transcript,
history, export and saved conversation — holds no password, whatever its shape: a URL's
`user:password@` or `?sap-password=…`, an authorization header, a key tool's option, or a
password written in prose inside a pasted screen's field that the answer quotes. And a
check offered for a URL typed with its password runs on the URL without it.
"""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region

from tests.support.pilot import ready_chat, screen_text, submit, wait_until

SECRET = "Geheim2024x"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.Zq7"
BASIC = base64.b64encode(f"alice:{SECRET}".encode()).decode()
# One line each (the piped chat reads one question per line).
REPORTS = [
    f"SM59 connection test Status Text: Logon failed with the password {SECRET} for ALICE, HTTP 401",
    f"HTTP/1.1 401 Logon refused, Passwort ist {SECRET}",
    f"SM59 gives HTTP/1.1 407 Proxy Authentication Required with Proxy-Authorization: Basic {BASIC}",
    f"the API call with Authorization: Bearer {TOKEN} returns HTTP/1.1 401 invalid token for this user",
    f"SCLNT_HTTP416 fixed by adding Proxy-Authorization: Basic {BASIC} in SM59",
    f"SM59 to https://h.contoso.com/sap/bc/ping?sap-client=100&sap-password={SECRET} fails with SCLNT_HTTP421",
    f"SM59 to https://alice:{SECRET}@api.contoso.com/x fails with SCLNT_HTTP421",
    f"we run openssl pkcs12 -passin pass:{SECRET} and keytool -storepass {SECRET}, still SCLNT_HTTP407",
    f"das Kennwort lautet '{SECRET} mit Leerzeichen' und SM59 meldet 401",
    # a comparison is said back with its command: curl's -u user:password
    f"SM59 fails with SSSLRC_CONN_CLOSED (-10), curl -u alice:{SECRET} https://api.contoso.com works from the app server",
]
FORMS = (SECRET, TOKEN, BASIC)


def leaked(text: str) -> list[str]:
    return [form for form in FORMS if form in text]


def run(*args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "assistant", *args], input=(stdin or "").encode(),
                          capture_output=True, timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def strings(value: Any, path: str = "") -> list[tuple[str, str]]:
    """Every string of a JSON value, with where it sits."""
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in strings(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [pair for i, v in enumerate(value) for pair in strings(v, f"{path}[{i}]")]
    return [(path, value)] if isinstance(value, str) else []


def test_the_piped_chat_says_no_password_back() -> None:
    proc = run("chat", stdin="\n".join(REPORTS) + "\n")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert proc.stdout.count("you> ") == len(REPORTS)
    assert not leaked(proc.stdout + proc.stderr), [line for line in proc.stdout.splitlines() if leaked(line)]
    assert "Passwort ist ***" in proc.stdout and "Proxy-Authorization: Basic ***" in proc.stdout
    assert "I check https://api.contoso.com/x now" in proc.stdout  # offered without the password


def test_ask_and_chat_json_say_no_password_back_in_any_field() -> None:
    proc = run("chat", "--json", stdin="\n".join(REPORTS) + "\n")
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(objects) == len(REPORTS)
    for obj in objects:
        assert not [(where, text) for where, text in strings(obj) if leaked(text)]
    quoted = [w["text"] for obj in objects for w in obj["screen_words"]]
    assert "Logon failed with the password *** for ALICE, HTTP 401" in quoted
    assert objects[4]["resolution"]["names"].count("Basic ***") == 1
    assert objects[6]["check_target"] == "https://api.contoso.com/x"
    assert objects[5]["check_target"] == "https://h.contoso.com/sap/bc/ping?sap-client=100"
    for report in REPORTS[:2]:
        text = run("ask", report)
        assert text.returncode in (0, 1) and not leaked(text.stdout + text.stderr), text.stdout


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_yes_to_a_check_offered_for_a_url_with_its_password_runs_it_without() -> None:
    port = closed_port()
    proc = run("chat", stdin=f"SM59 to https://alice:{SECRET}@127.0.0.1:{port}/x fails SCLNT_HTTP421\nyes\n")
    assert f"Live check of https://127.0.0.1:{port}/x: error" in proc.stdout, proc.stdout[-2000:]
    assert "credentials in the URL" not in proc.stdout and not leaked(proc.stdout)


def echoing_handler(conn: socket.socket, server: object) -> None:
    """A server that says back the request line it got, in its reason phrase and Location."""
    from tests.support.servers import read_request

    line = read_request(conn).split(b"\r\n", 1)[0]
    path = line.split(b" ")[1] if line.count(b" ") >= 2 else b"/"
    conn.sendall(b"HTTP/1.1 302 You asked " + line + b"\r\nLocation: http://127.0.0.1:1" + path
                 + b"\r\nContent-Length: 0\r\n\r\n")


def test_a_check_sends_a_password_in_the_query_but_shows_and_echoes_it_masked() -> None:
    from tests.support.servers import LoopbackServer

    with LoopbackServer(echoing_handler) as server:
        url = server.url(f"/sap/bc/ping?sap-client=100&sap-password={SECRET}", host="127.0.0.1", scheme="http")
        for extra in ((), ("--json",)):
            proc = run("check", url, "--timeout", "5", *extra)
            assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
            assert "You asked GET /sap/bc/ping?sap-client=100&sap-password=" in proc.stdout  # it was sent
            assert "sap-password=***" in proc.stdout and not leaked(proc.stdout + proc.stderr), proc.stdout


async def test_the_chat_shows_and_saves_no_password_said_in_any_shape(tui_env: Path) -> None:
    async with ready_chat() as (app, pilot):
        for report in (REPORTS[1], REPORTS[3], REPORTS[6], REPORTS[8], REPORTS[9]):
            before = len(app.transcript.turns)
            await submit(pilot, app, report)
            await wait_until(pilot, lambda n=before: len(app.transcript.turns) >= n + 2, what="the answer")
            await pilot.pause(0.1)
            assert not leaked(screen_text(app)), [line for line in screen_text(app).splitlines() if leaked(line)]
        target = tui_env / "chat.md"
        await submit(pilot, app, f"/export {target}")
        await wait_until(pilot, target.exists)
        assert "Passwort ist ***" in app.transcript.turns[0].text
        assert not leaked("\n".join(t.text for t in app.transcript.turns)) and not leaked(str(app.history.entries))
        app.saver.flush()
    saved = [p for p in tui_env.rglob("*") if p.is_file()]
    assert any(p.suffix == ".jsonl" and "conversations" in str(p) for p in saved)
    for path in saved:
        assert not leaked(path.read_text(encoding="utf-8", errors="replace")), path


OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # a clipboard write, as a hostile paste would carry it


def test_usage_errors_quote_what_was_typed_masked_and_inert() -> None:
    for extra in ((), ("--json",)):
        wrong = run("check", "https://h.contoso.com/", "--proxy-password", SECRET, *extra)
        assert wrong.returncode == 2 and "--proxy-password ***" in wrong.stdout + wrong.stderr
        assert not leaked(wrong.stdout + wrong.stderr)
        hostile = run("check", "https://h.contoso.com/", "--bogus", OSC52, *extra)
        assert hostile.returncode == 2 and "\\x1b]52" in hostile.stdout + hostile.stderr
        assert "\x1b" not in hostile.stdout + hostile.stderr and "\x07" not in hostile.stdout + hostile.stderr
    piped = run("chat", stdin=f"/check https://h.contoso.com --proxy-password {SECRET}\n"
                              f"/check https://h.contoso.com --bogus {OSC52}\n")
    assert piped.stdout.count("/check: unrecognized arguments") == 2 and not leaked(piped.stdout)
    assert "\x1b" not in piped.stdout and "\x07" not in piped.stdout


# --- a hostile server's reply: literal, inert and bounded wherever it is shown -----------------

LONG = "[bold red]A[/]" * 3000  # 45 KB of markup in one value
HOSTILE_REPLY = (
    "HTTP/1.1 302 Moved \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ [@click=app.quit]q[/] "
    + LONG + "\r\nServer: evil" + OSC52 + LONG + "\r\nLocation: http://127.0.0.1:1/x\x1b[2J"
    + "B" * 5000 + "\r\nContent-Length: 0\r\n\r\n").encode("latin-1")


@pytest.fixture(scope="module")
def hostile_http() -> Iterator[str]:
    from tests.support.servers import LoopbackServer, http_handler

    with LoopbackServer(http_handler(HOSTILE_REPLY)) as server:
        yield server.url("/", host="127.0.0.1", scheme="http")


def test_a_hostile_reply_is_printed_literally_inert_and_bounded(hostile_http: str) -> None:
    proc = run("check", hostile_http, "--timeout", "5")
    out = proc.stdout
    assert "[@click=app.quit]q[/]" in out and "\\x1b]8;;http://evil.example" in out, out[-3000:]
    assert not any(c in out for c in "\x1b\x07\x9b")
    assert "more characters)" in out and max(len(line) for line in out.splitlines()) < 2000


async def test_the_chat_shows_a_hostile_reply_literally_and_bounded(tui_env: Path, hostile_http: str) -> None:
    from assistant.tui.widgets.check_progress import CheckProgress

    async with ready_chat() as (app, pilot):
        await submit(pilot, app, f"/check {hostile_http} --timeout 5")
        await wait_until(pilot, lambda: app.query(CheckProgress) and app.check is None, timeout=20, what="the check")
        await pilot.pause(0.2)
        progress = list(app.query(CheckProgress))[-1]
        shown = "\n".join(line.text for line in progress.render_lines(Region(0, 0, 100, progress.size.height)))
        assert "[@click=app.quit]q[/]" in shown and "\\x1b]52;c;ZXZpbA==\\x07" in shown
        assert "\x1b" not in shown and progress.size.height < 60, progress.size  # 90 KB of header: no flood
        assert app.is_running  # the markup's action was not taken


async def test_a_notice_quoting_what_was_typed_shows_no_password(tui_env: Path) -> None:
    from assistant.tui.widgets.conversation import Notice

    async with ready_chat() as (app, pilot):
        await submit(pilot, app, f"/lookup Passwort ist {SECRET}")
        await wait_until(pilot, lambda: app.query(Notice), what="the notice")
        shown = [n.shown.plain for n in app.query(Notice)]
        assert any("Passwort ist ***" in text for text in shown) and not leaked(" ".join(shown)), shown
        assert not leaked(screen_text(app))


async def test_a_notice_quoting_a_long_typed_text_is_bounded(tui_env: Path) -> None:
    # "/lookup <a pasted 50 KB line>" quoted all of it in one notice: screens of one line.
    from assistant.tui.widgets.conversation import Notice

    async with ready_chat() as (app, pilot):
        await submit(pilot, app, "/lookup " + "x" * 50_000)
        await wait_until(pilot, lambda: app.query(Notice), what="the notice")
        (notice,) = list(app.query(Notice))
        assert len(notice.text) < 1_000 and "more characters" in notice.text, len(notice.text)


def test_a_recalled_url_whose_query_password_is_the_mask_is_not_sent() -> None:
    from tests.support.servers import LoopbackServer

    with LoopbackServer(echoing_handler) as server:
        proc = run("check", server.url("/p?sap-password=***", host="127.0.0.1", scheme="http"), "--timeout", "3")
        assert proc.returncode == 2 and "sap-password holds only the mask" in proc.stderr
        assert server.connections == 0  # nothing was sent
