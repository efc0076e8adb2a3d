"""Both chats give a live check the same time: the Textual chat's `/check` and the piped
chat's (`/check`, and a `yes` to an offered check) read one setting,
`services.chatcheck`. Proved by changing that setting and seeing both front ends follow:
a check of a silent loopback server (TCP accepted, no TLS answer) runs for the setting's
default, and a `--timeout` over its bound is refused by both with the same sentence."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from assistant.commands.linechat import run_piped
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.services import chatcheck
from assistant.services.knowledge import load_knowledge
from assistant.tui.widgets.check_progress import CheckProgress
from tests.support import servers
from tests.support.pilot import answer_total, notices, ready_chat, submit, wait_until

SHORT_DEFAULT = 0.6  # far below the shipped 5 s: a check that honours it ends quickly
QUICK = 2.5  # default + the deadline's 0.5 s slack + a loaded machine; 5 s would exceed it


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = load_knowledge([])
    assert not result.problems
    return result.kb


@contextmanager
def silent_server() -> Iterator[int]:
    """Accepts TCP connections and never says a word: a check waits until its budget ends."""
    with servers.LoopbackServer(servers.silent_handler) as srv:
        yield srv.port


def piped(kb: KnowledgeBase, lines: str) -> tuple[str, float]:
    out = io.StringIO()
    started = time.monotonic()
    run_piped(kb, as_json=False, stdin=io.BytesIO(lines.encode()), out=out)
    return out.getvalue(), time.monotonic() - started


def test_the_shipped_setting_is_five_seconds_at_most_two_minutes() -> None:
    assert chatcheck.chat_check_timeout(None) == 5.0
    assert chatcheck.chat_check_timeout("120") == 120.0
    for bad in ("121", "0", "-1", "nan", "inf", "soon"):
        with pytest.raises(ValueError, match="--timeout"):
            chatcheck.chat_check_timeout(bad)


@pytest.mark.parametrize("how", ["/check URL", "yes to the offer"])
def test_the_piped_chat_gives_a_check_the_shared_default(
        kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    monkeypatch.setattr(chatcheck, "DEFAULT_CHECK_TIMEOUT_S", SHORT_DEFAULT)
    with silent_server() as port:
        url = f"https://127.0.0.1:{port}/"
        lines = f"/check {url}\n" if how == "/check URL" else f"SCLNT_HTTP402 calling {url}\nyes\n"
        out, seconds = piped(kb, lines)
    assert "Live check of" in out
    assert seconds < QUICK, f"the check ran {seconds:.1f} s: not the shared default"


def test_the_piped_chat_refuses_a_timeout_over_the_shared_bound(
        kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chatcheck, "MAX_CHECK_TIMEOUT_S", 1.0)
    out, _ = piped(kb, "/check https://127.0.0.1:9/ --timeout 2\n")
    assert "/check: --timeout must be between 0 and 1 seconds" in out
    assert "Live check of" not in out


async def test_the_textual_chat_gives_a_check_the_shared_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chatcheck, "DEFAULT_CHECK_TIMEOUT_S", SHORT_DEFAULT)
    with silent_server() as port:
        async with ready_chat() as (app, pilot):
            before = answer_total(app)
            started = time.monotonic()
            await submit(pilot, app, f"/check https://127.0.0.1:{port}/")
            await wait_until(pilot, lambda: app.check is not None or answer_total(app) > before, what="the check")
            progress = app.query_one(CheckProgress)
            await wait_until(pilot, lambda: progress.state == "done", timeout=15, what="the check to finish")
            seconds = time.monotonic() - started
    assert seconds < QUICK, f"the check ran {seconds:.1f} s: not the shared default"


async def test_the_textual_chat_refuses_a_timeout_over_the_shared_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chatcheck, "MAX_CHECK_TIMEOUT_S", 1.0)
    async with ready_chat() as (app, pilot):
        await submit(pilot, app, "/check https://127.0.0.1:9/ --timeout 2")
        await wait_until(pilot, lambda: any("--timeout" in n for n in notices(app)), what="the refusal")
        assert any("--timeout must be between 0 and 1 seconds" in n for n in notices(app))
        assert app.check is None
