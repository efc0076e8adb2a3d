"""Helpers for driving the chat with Textual's Pilot (Pilot and snapshot tests).

Workers and mounts finish when they finish, so the helpers poll for what a test waits
for instead of pausing a fixed time.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from textual.pilot import Pilot

from assistant.tui.app import ChatApp
from assistant.tui.widgets.conversation import Answer
from assistant.tui.widgets.prompt import Prompt

SIZE = (100, 32)  # the terminal size of most chat tests and snapshots


async def wait_until(pilot: Pilot[Any], predicate: Callable[[], object], timeout: float = 10.0, what: str = "") -> None:
    """Poll instead of a single pause: workers and mounts finish when they finish."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
        await pilot.pause(0.05)


async def ready(pilot: Pilot[Any], app: ChatApp) -> None:
    """Wait for the knowledge base; fail with its load error if it did not come."""
    await wait_until(pilot, lambda: app.kb is not None or app.kb_error, what="knowledge base")
    assert app.kb is not None, app.kb_error


@asynccontextmanager
async def ready_chat(size: tuple[int, int] = SIZE) -> AsyncIterator[tuple[ChatApp, Pilot[Any]]]:
    """A running chat (headless, `size` columns x rows) with its knowledge base loaded."""
    app = ChatApp()
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        yield app, pilot


async def submit(pilot: Pilot[Any], app: ChatApp, text: str) -> None:
    """Send `text` as if typed into the prompt."""
    app.query_one(Prompt).value = text
    await pilot.press("enter")


def answers(app: ChatApp) -> list[Answer]:
    """The assistant's answers that are widgets (the newest; older ones are painted by
    the conversation's archive), not the welcome."""
    return [a for a in app.conversation.query(Answer) if not a.has_class("welcome")]


def answer_total(app: ChatApp) -> int:
    """How many answers the conversation holds, archived ones included."""
    return app.conversation.answer_count


def notices(app: ChatApp) -> list[str]:
    """The chat's notices so far, archived ones included (from the transcript)."""
    return [t.text for t in app.transcript.turns if t.role == "notice"]


def screen_text(app: ChatApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


async def answer_to(pilot: Pilot[Any], app: ChatApp, text: str) -> Answer:
    """Send `text` and wait for the answer it gets."""
    before = answer_total(app)
    await submit(pilot, app, text)
    await wait_until(pilot, lambda: answer_total(app) > before, what=f"an answer to {text!r}")
    return answers(app)[-1]
