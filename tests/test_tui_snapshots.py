"""Snapshot tests of the chat (pytest-textual-snapshot, fixed terminal size).

The app runs in deterministic mode: no cursor blink and no timings (a real check's
milliseconds must never end up in a snapshot). Regenerate with `--snapshot-update` only
after looking at the differences in the report.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from assistant.tui.app import ChatApp
from assistant.tui.widgets.check_progress import CheckProgress
from assistant.tui.widgets.conversation import Answer
from assistant.tui.widgets.prompt import Prompt

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def tui_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        (tmp_path / var).mkdir()
        monkeypatch.setenv(var, str(tmp_path / var))


async def wait_until(pilot: Pilot[object], predicate: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {predicate}"
        await pilot.pause(0.05)


def answer_count(app: ChatApp) -> int:
    return len([a for a in app.query(Answer) if not a.has_class("welcome")])


async def loaded(pilot: Pilot[object]) -> None:
    app = pilot.app
    assert isinstance(app, ChatApp)
    await wait_until(pilot, lambda: app.kb is not None)
    await pilot.pause(0.2)


def ask(text: str, done: Callable[[ChatApp], bool] | None = None) -> Callable[[Pilot[object]], object]:
    async def run_before(pilot: Pilot[object]) -> None:
        app = pilot.app
        assert isinstance(app, ChatApp)
        await loaded(pilot)
        before = answer_count(app)
        app.query_one(Prompt).value = text
        await pilot.press("enter")
        await wait_until(pilot, lambda: answer_count(app) > before and (done is None or done(app)), timeout=15)
        await pilot.pause(0.3)  # let the Markdown finish laying out

    return run_before


def test_snapshot_welcome(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(ChatApp(deterministic=True), terminal_size=SIZE, run_before=loaded)


def test_snapshot_answer(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(
        ChatApp(deterministic=True), terminal_size=SIZE, run_before=ask("What does SCLNT_HTTP416 mean?")
    )


def test_snapshot_check_result(snap_compare: Callable[..., bool]) -> None:
    """A deterministic check: a `.invalid` name fails at the first step (DNS)."""

    def finished(app: ChatApp) -> bool:
        return all(p.state == "done" for p in app.query(CheckProgress))

    assert snap_compare(
        ChatApp(deterministic=True),
        terminal_size=SIZE,
        run_before=ask("/check https://sap-backend.invalid/sap/bc/ping", finished),
    )


def test_snapshot_list_at_80x24(snap_compare: Callable[..., bool]) -> None:
    """The smallest usual terminal: tables without a rule between rows, prompt and footer."""
    assert snap_compare(ChatApp(deterministic=True), terminal_size=(80, 24), run_before=ask("/list"))
