"""`sapassist chat --json` as a real process: a follow-up that only says what works elsewhere
("it works fine in the browser from my laptop", "curl from the app server works", "telnet to
port 443 works from the app server") re-ranks the topic's causes and leads with what that
shows and the cause now first — not the topic's answer again, nor "nothing new"."""

from __future__ import annotations

import json

from assistant.answers.document import NOTHING_NEW
from tests.functional.test_chat_piped import chat

TOPIC = "SM59 test fails: SSL handshake with api.vendor.com:443 failed: SSSLRC_CONN_CLOSED (-10)"
FOLLOW_UPS = ("it works fine in the browser from my laptop", "curl from the app server works",
              "telnet to port 443 works from the app server")


def _turns(*lines: str) -> list[dict[str, object]]:
    proc = chat("\n".join(lines).encode() + b"\n", "--json")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def _verdict(turn: dict[str, object]) -> list[str]:
    return str(turn["answer"]).split("\n### ", 1)[0].split("\n\n")[1:]


def test_each_follow_up_leads_with_what_it_shows_not_the_topic_again() -> None:
    turns = _turns(TOPIC, *FOLLOW_UPS)
    assert len(turns) == 4
    answers = [str(t["answer"]) for t in turns[1:]]
    assert len(set(answers)) == 3  # none repeats another word for word
    for said, turn in zip(FOLLOW_UPS, turns[1:], strict=True):
        verdict = _verdict(turn)
        assert turn["follow_up"] and NOTHING_NEW not in str(turn["answer"])
        lead = next(p for p in verdict if not p.startswith("*("))  # after "(about the current topic)"
        assert lead.startswith(f"**You said** “{said}”: "), verdict
        assert any(p.startswith("**Now first:** ") for p in verdict), verdict
    browser, curl, telnet = (_verdict(t) for t in turns[1:])
    assert any("so what differs is SAP's trust list" in p for p in browser)
    now = next(p for p in curl if p.startswith("**Now first:** "))
    assert now == ("**Now first:** No common TLS version or cipher suite. “Firewall blocks or cuts the connection” "
                   "moved to the end of the list.")
    assert [c["id"] for c in turns[2]["causes"]][-1] == "firewall_blocking"  # type: ignore[index]
    assert any("so what differs is the TLS handshake" in p for p in telnet)


def test_the_first_answer_already_ranks_the_firewall_second_without_a_comparison() -> None:
    first = _turns(TOPIC)[0]
    assert [c["id"] for c in first["causes"]][:2] == [  # type: ignore[index]
        "tls_version_or_cipher_mismatch", "firewall_blocking"]


async def test_the_chat_screen_leads_a_comparison_follow_up_with_it() -> None:
    from tests.support.pilot import answer_to, ready_chat, screen_text

    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, TOPIC)
        await answer_to(pilot, app, "curl from the app server works")
        await pilot.pause(0.2)
        shown = " ".join(screen_text(app).split())
        assert "You said “curl from the app server works”" in shown
        assert "Now first: No common TLS version or cipher suite" in shown
        assert "Nothing new to add" not in shown
