"""A how-to outside the domain, in both chats as a user meets them: the piped `sapassist chat`
(JSON and plain, real processes) and the Textual chat (Pilot) say it is not an SAP
HTTP-client question and what sapassist covers — no entry's steps, no message, no topic —
while a how-to naming a term of the domain still gets its entry's steps."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support.pilot import answer_to, ready_chat, screen_text

OUTSIDE = "how do I create a transport request?"
INSIDE = "where do I set the proxy?"


def _chat(*args: str, stdin: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "assistant", "chat", *args], input=stdin.encode(),
                          capture_output=True, timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
    return proc.stdout.decode("utf-8", "replace")


def test_the_piped_chat_answers_an_outside_how_to_honestly() -> None:
    lines = [json.loads(line) for line in _chat("--json", stdin=f"{OUTSIDE}\nhow do I fix it?\n{INSIDE}\n").splitlines()]
    outside, follow_up, inside = lines
    assert outside["scope"]["kind"] == "unknown" and not outside["causes"] and not outside["messages"]
    assert outside["confidence"] < 0.5 and outside["question"] is None
    assert outside["answer"].startswith("## Not an SAP HTTP-client question")
    assert "Steps from the entry" not in outside["answer"] and "what does SCLNT_HTTP" in outside["answer"]
    assert not follow_up["messages"]  # the outside question set no topic to fix
    assert inside["causes"][0]["id"] == "proxy_required" and inside["answer"].startswith("## Steps from the entry")
    plain = _chat(stdin=f"{OUTSIDE}\n")
    assert f"you> {OUTSIDE}" in plain and "Not an SAP HTTP-client question" in plain
    assert "What sapassist covers" in plain and "SSL client PSE" not in plain


@pytest.mark.usefixtures("tui_env")
async def test_the_chat_answers_an_outside_how_to_honestly() -> None:
    async with ready_chat() as (app, pilot):
        answer = await answer_to(pilot, app, OUTSIDE)
        text = "\n".join(line.plain for line in answer.model.lines(78))
        assert "Not an SAP HTTP-client question" in text and "What sapassist covers" in text
        assert "SSL client PSE" not in text and "Steps from the entry" not in text
        assert "SSL client PSE" not in screen_text(app)  # the topic bar names no entry either
