"""Snapshot tests of the chat (pytest-textual-snapshot, fixed terminal size).

The app runs in deterministic mode: no cursor blink and no timings (a real check's
milliseconds must never end up in a snapshot). Regenerate with `--snapshot-update` only
after looking at the differences in the report.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from assistant.tui.app import ChatApp
from assistant.tui.widgets.check_progress import CheckProgress
from tests.support.pilot import SIZE, answers, ready, submit, wait_until

pytestmark = pytest.mark.usefixtures("tui_env")  # conftest.py: history and exports in tmp


async def loaded(pilot: Pilot[object]) -> None:
    app = pilot.app
    assert isinstance(app, ChatApp)
    await ready(pilot, app)
    await pilot.pause(0.2)


def ask(text: str, done: Callable[[ChatApp], bool] | None = None) -> Callable[[Pilot[object]], object]:
    async def run_before(pilot: Pilot[object]) -> None:
        app = pilot.app
        assert isinstance(app, ChatApp)
        await loaded(pilot)
        before = len(answers(app))
        await submit(pilot, app, text)
        await wait_until(pilot, lambda: len(answers(app)) > before and (done is None or done(app)), timeout=15)
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


def test_snapshot_answer_with_verdict_and_check_offer_at_80x24(snap_compare: Callable[..., bool]) -> None:
    """Issue 11: at the smallest usual terminal the verdict — likely cause, next step and
    the live-check offer — is on screen without scrolling; the details are titles."""
    assert snap_compare(
        ChatApp(deterministic=True),
        terminal_size=(80, 24),
        run_before=ask("SM59 connection test to https://api.partner.corp fails: SSSLERR_PEER_CERT_UNTRUSTED"),
    )
