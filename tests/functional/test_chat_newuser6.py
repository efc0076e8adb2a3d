"""newuser6's pass: what a new admin called wrong in five conversations at 80x24, driven as
real processes (`sapassist chat --json`, the piped chat that keeps the dialogue state) and
the real chat (Pilot).

- "ok imported the root ca in strust ssl client standard, didnt help" after a "why?" was read
  as a new question about STRUST (topic SCLNT_HTTP414, the term's entry): a report of what
  was done on the topic's call, longer than a short follow-up, lost the topic.
- "SM59 says ANONYM. imported there too, still the same ssl error" — the answer to the step
  "find the PSE the call really uses" — got that very step again, and an answer about ANONYM
  as if asked ("SCLNT_HTTP421 lists no cause on SSL client Anonymous …"): the PSE read out of
  the destination was not taken as the PSE in use, "imported there" not as an import, and
  once it was, the follow-up rule brought the import's own cause back as the lead.
- ^y without a clipboard tool: the note's file name broke mid-word in a 40-column toast.
"""

from __future__ import annotations

import pytest

from assistant import paths
from assistant.tui.app import ChatApp
from tests.support.dialogues import next_step_of, piped_chat
from tests.support.pilot import answer_to, ready, screen_text, wait_until

chat = piped_chat
next_step = next_step_of

REPORT = "sm59 test fails with SSL handshake faild, peer cert untrusted. host is api.partner-bank.de:443"


def test_a_long_report_of_an_import_done_keeps_the_topic() -> None:
    for between in ("why?", "how do I fix it?"):
        first, _, done = chat(REPORT, between, "ok imported the root ca in strust ssl client standard, didnt help")
        assert first["messages"][0]["id"] == "SCLNT_HTTP421"
        # the same call, the import done: the topic stays, and the causes left after an import lead
        assert done["follow_up"] is True, between
        assert done["messages"][0]["id"] == "SCLNT_HTTP421", between
        assert done["causes"][0]["id"] != "server_cert_untrusted", done["causes"]


def test_the_pse_sm59_names_with_an_import_there_is_not_asked_for_again() -> None:
    # The answer asked which PSE the destination uses; the admin read it in SM59 and imported there.
    _, other_pse, answered, later = chat(REPORT, "ok imported the root ca in strust ssl client standard, didn't help",
                                         "SM59 says ANONYM. imported there too, still the same ssl error", "and now?")
    assert other_pse["causes"][0]["id"] == "wrong_client_pse_selected"
    assert "Find the PSE the call really uses" in next_step(other_pse)
    for turn in (answered, later):
        assert turn["messages"][0]["id"] == "SCLNT_HTTP421"
        assert turn["causes"][0]["id"] != "wrong_client_pse_selected", turn["causes"]
        assert "Find the PSE the call really uses" not in next_step(turn), next_step(turn)


def test_a_pse_sm59_names_without_an_import_rules_nothing_out() -> None:
    # The opposite: the PSE named, nothing imported there yet — the other-PSE cause may stay.
    _, other_pse, named = chat(REPORT, "ok imported the root ca in strust ssl client standard, didn't help",
                               "SM59 says ANONYM")
    assert other_pse["causes"][0]["id"] == named["causes"][0]["id"] == "wrong_client_pse_selected"


def test_the_pse_read_out_of_sm59_is_not_answered_as_a_question_about_it() -> None:
    _, _, answered = chat(REPORT, "ok imported the root ca in strust ssl client standard, didn't help",
                          "SM59 says ANONYM. imported there too, still the same ssl error")
    assert answered["subject"] is None
    assert "lists no cause on SSL client Anonymous" not in answered["answer"]


@pytest.mark.usefixtures("tui_env")
async def test_the_copy_note_shows_the_saved_file_whole_at_80x24(monkeypatch: pytest.MonkeyPatch) -> None:
    # At 80x24 the note was a 40-column toast: the file the answer went to broke mid-name
    # ("…/last-answer.m" / "d."), so it could not be read off the screen or copied.
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "TMUX"):  # no clipboard tool: OSC 52, unconfirmed
        monkeypatch.delenv(var, raising=False)
    app = ChatApp()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # toasts drawn, as in a terminal
        await ready(pilot, app)
        await answer_to(pilot, app, "SCLNT_HTTP421")
        await pilot.press("ctrl+y")
        saved = str(paths.data_dir() / "last-answer.md")
        await wait_until(pilot, lambda: bool(app.screen.query("Toast")), what="the copy note on screen")
        await pilot.pause(0.3)
        assert any(saved in line for line in screen_text(app).splitlines()), screen_text(app)
