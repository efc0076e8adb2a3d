"""Passwords end to end, against a real hostile proxy process that echoes the credentials
it gets in its status line and headers, and a real authenticating proxy:

- whatever the proxy sends back reaches no output — plain text, `--json`, the chat's
  screen, transcript and export — however short the password;
- the proxy password can come from SAPASSIST_PROXY_PASSWORD or a prompt instead of argv;
- a command replayed from the chat's history asks for the password again and sends it,
  never the mask `***`.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.diagnostics.model import PROXY_PASSWORD_ENV
from assistant.tui.widgets.check_progress import CheckProgress
from assistant.tui.widgets.prompt import Prompt
from assistant.tui.widgets.secret_prompt import SecretPrompt
from tests.support.pilot import ready_chat, screen_text, submit, wait_until
from tests.support.proxy import ProxyProcess
from tests.support.servers import free_port
from tests.support.tty import run_with_tty

ROOT = Path(__file__).resolve().parents[2]
SHORT = "Zq7"  # three characters: far below the old 12-character scrub threshold
PAIR_B64 = base64.b64encode(f"alice:{SHORT}".encode()).decode()


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != PROXY_PASSWORD_ENV}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          cwd=ROOT, env=full, timeout=60, stdin=subprocess.DEVNULL)


def leaked(text: str) -> list[str]:
    return [form for form in (SHORT, PAIR_B64, f"alice:{SHORT}") if form in text]


@pytest.fixture(scope="module")
def echo_proxy() -> ProxyProcess:
    with ProxyProcess(mode="echo407") as proxy:
        yield proxy


@pytest.mark.parametrize("mode", ["echo407", "echo503"])
@pytest.mark.parametrize("as_json", [False, True])
def test_an_echoed_short_password_is_printed_nowhere(mode: str, as_json: bool) -> None:
    with ProxyProcess(mode=mode) as proxy:
        run = cli("check", "https://localhost:1/", "--proxy", proxy.url, "--proxy-user", f"alice:{SHORT}",
                  "--timeout", "3", *(["--json"] if as_json else []))
    assert run.returncode == 1, run.stderr
    assert not leaked(run.stdout + run.stderr), run.stdout
    if as_json:
        proxy_step = next(f for f in json.loads(run.stdout)["findings"] if f["step"] == "proxy")
        detail = proxy_step["detail"]
    else:
        detail = run.stdout
    status = "407 Denied ***" if mode == "echo407" else "503 Refused ***"
    assert status in detail  # the proxy did echo it: the mask stands where the password was


def test_the_password_from_the_environment_is_used_and_not_printed(echo_proxy: ProxyProcess) -> None:
    run = cli("check", "https://localhost:1/", "--proxy", echo_proxy.url, "--proxy-user", "alice",
              "--timeout", "3", "--json", env={PROXY_PASSWORD_ENV: SHORT})
    assert run.returncode == 1 and not leaked(run.stdout + run.stderr)
    proxy_step = next(f for f in json.loads(run.stdout)["findings"] if f["step"] == "proxy")
    assert "407 Denied ***" in proxy_step["detail"] and proxy_step["data"]["credentials_sent"] is True


def test_the_password_from_a_prompt_is_used_and_not_printed(echo_proxy: ProxyProcess) -> None:
    run = run_with_tty(["check", "https://localhost:1/", "--proxy", echo_proxy.url, "--proxy-user", "alice",
                        "--timeout", "3"], SHORT.encode() + b"\n", prompt=b"Proxy password for alice")
    assert run.prompted and run.returncode == 1, run.stderr
    assert "407 Denied ***" in run.stdout and not leaked(run.stdout + run.stderr)


@pytest.mark.parametrize("given", ["alice", "alice:***"])
def test_no_password_anywhere_is_a_usage_error_naming_the_variable(given: str, echo_proxy: ProxyProcess) -> None:
    run = cli("check", "https://localhost:1/", "--proxy", echo_proxy.url, "--proxy-user", given)
    assert run.returncode == 2 and PROXY_PASSWORD_ENV in run.stderr and "Traceback" not in run.stderr


def test_a_password_the_proxy_accepts_gets_through_from_the_environment() -> None:
    with ProxyProcess(mode="ok", user="alice", password="pw with: odd@chars") as proxy:
        run = cli("check", f"https://localhost:{free_port()}/", "--proxy", proxy.url, "--proxy-user", "alice",
                  "--timeout", "3", "--json", env={PROXY_PASSWORD_ENV: "pw with: odd@chars"})
    proxy_step = next(f for f in json.loads(run.stdout)["findings"] if f["step"] == "proxy")
    assert proxy_step["cause"] != "proxy_auth_failed" and "odd@chars" not in run.stdout


# --- the chat ---------------------------------------------------------------------------------


async def _finished_check(pilot, app) -> CheckProgress:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: app.query(CheckProgress) and app.check is None, timeout=20, what="the check")
    return list(app.query(CheckProgress))[-1]


async def test_the_chat_scrubs_an_echoed_password_everywhere(tui_env: Path, echo_proxy: ProxyProcess) -> None:
    async with ready_chat() as (app, pilot):
        await submit(pilot, app, f"/check https://localhost:1/ --proxy {echo_proxy.url} "
                                 f"--proxy-user 'alice:{SHORT}' --timeout 3")
        progress = await _finished_check(pilot, app)
        details = " ".join(f.detail for f in progress.findings)
        assert "407 Denied ***" in details and not leaked(details)
        await pilot.pause(0.2)
        target = tui_env / "chat.md"
        await submit(pilot, app, f"/export {target}")
        await wait_until(pilot, target.exists)
        assert not leaked(target.read_text(encoding="utf-8"))
        assert not leaked(screen_text(app)) and not leaked(str(app.history.entries))
        assert not leaked("\n".join(t.text for t in app.transcript.turns))


async def test_a_replayed_check_asks_for_the_password_and_sends_it(tui_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PROXY_PASSWORD_ENV, raising=False)
    with ProxyProcess(mode="ok", user="alice", password="pw with space") as proxy:
        async with ready_chat() as (app, pilot):
            command = (f"/check https://localhost:{free_port()}/ --proxy {proxy.url} "
                       "--proxy-user alice:'pw with space' --timeout 3")
            await submit(pilot, app, command)
            first = await _finished_check(pilot, app)
            assert all(f.cause != "proxy_auth_failed" for f in first.findings)
            assert app.history.entries[-1].endswith("--proxy-user alice:'***' --timeout 3")
            prompt = app.query_one(Prompt)
            prompt.value = ""
            await pilot.press("up")  # ↑ recalls the masked command
            assert "alice:'***'" in prompt.value and "pw with space" not in prompt.value
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, SecretPrompt), what="the password prompt")
            await pilot.press(*"pw with space", "enter")  # typed into the masked field
            await wait_until(pilot, lambda: len(app.query(CheckProgress)) == 2 and app.check is None,
                             timeout=20, what="the replayed check")
            second = list(app.query(CheckProgress))[-1]
            assert all(f.cause != "proxy_auth_failed" for f in second.findings), [f.detail for f in second.findings]
            assert all("pw with space" not in t for t in app.history.entries)
            assert "pw with space" not in "\n".join(t.text for t in app.transcript.turns)


async def test_escape_at_the_password_prompt_starts_no_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PROXY_PASSWORD_ENV, raising=False)
    async with ready_chat() as (app, pilot):
        await submit(pilot, app, "/check https://localhost:1/ --proxy http://127.0.0.1:1 --proxy-user alice")
        await wait_until(pilot, lambda: isinstance(app.screen, SecretPrompt), what="the password prompt")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, SecretPrompt))
        assert not app.query(CheckProgress)
        assert any("no proxy password given" in t.text for t in app.transcript.turns)
