"""Issue 11 in the real chat (Pilot, real knowledge base, loopback servers only): the
verdict first, follow-ups without repeats, checks compared with what the user reported,
an export fit for a ticket, conversations saved and resumed, and the smaller items."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.tui.app import ChatApp
from assistant.tui.launch import build_app
from assistant.tui.widgets import conversation as conversation_module
from assistant.tui.widgets.answer import Answer
from assistant.tui.widgets.check_progress import CheckProgress
from assistant.tui.widgets.entry_panel import EntryPanel
from assistant.tui.widgets.prompt import Prompt
from assistant.tui.widgets.resume_picker import ResumePicker
from assistant.tui.widgets.topic import TopicBar
from tests.support import certs, servers
from tests.support.pilot import (
    answer_to,
    answer_total,
    answers,
    notices,
    ready,
    ready_chat,
    screen_text,
    submit,
    wait_until,
)

pytestmark = pytest.mark.usefixtures("tui_env")  # conftest.py: history, conversations, exports in tmp

PASTE = "SM59 connection test to https://api.partner.corp fails: SSSLERR_PEER_CERT_UNTRUSTED"


async def check_done(pilot: object, app: ChatApp, before: int) -> Answer:
    await wait_until(pilot, lambda: answer_total(app) > before, timeout=20, what="the check's answer")  # type: ignore[arg-type]
    return answers(app)[-1]


# -- the answer's shape ------------------------------------------------------------------------


async def test_the_verdict_and_the_check_offer_are_on_screen_at_80x24() -> None:
    async with ready_chat(size=(80, 24)) as (app, pilot):
        answer = await answer_to(pilot, app, PASTE)
        await pilot.pause(0.3)
        screen = screen_text(app)
        assert answer.doc.headline.split(" ")[0] in screen
        assert "Most likely cause:" in screen and "Next step:" in screen
        assert "Live check: reply yes" in screen and "https://api.partner.corp" in screen
        assert "▸ How to fix it" in screen  # the details wait behind their titles
        assert PASTE.split(":")[0] in screen  # shown from the question down


async def test_f1_after_a_long_answer_shows_the_help_like_typing_help() -> None:
    """F1 is "/help" without typing: after a long answer read from its top (the pane no
    longer follows the bottom), the help it adds must come into view, and the conversation
    shows the same "/help" turn the saved transcript records."""
    async with ready_chat(size=(80, 24)) as (app, pilot):
        await answer_to(pilot, app, "What does SCLNT_HTTP407 mean?")
        await pilot.pause(0.5)
        before = answer_total(app)
        await pilot.press("f1")
        await wait_until(pilot, lambda: answer_total(app) > before, what="the help")
        await pilot.pause(0.3)
        screen = screen_text(app)
        assert "What I can do" in screen
        assert "/help" in [t.text for t in app.transcript.turns if t.role == "user"]
        assert "▌ /help" in screen


async def test_a_follow_up_shows_only_what_is_new() -> None:
    async with ready_chat() as (app, pilot):
        first = await answer_to(pilot, app, "SCLNT_HTTP421")
        follow = await answer_to(pilot, app, "and through a proxy?")
        assert first.doc.keys and not first.doc.keys & follow.doc.keys
        assert app.session.shown >= first.doc.keys | follow.doc.keys


async def test_how_do_i_fix_it_opens_the_fix_of_the_cause_the_answer_names_even_if_shown_before() -> None:
    async with ready_chat() as (app, pilot):
        first = await answer_to(
            pilot, app, "HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SERVER_CERT_MISMATCH (-57)")
        lead_fix = next(s.key for s in first.doc.sections if s.key.startswith("fix:"))
        follow = await answer_to(pilot, app, "how do I fix it?")
        cause = lead_fix.removeprefix("fix:")
        assert app.session.state is not None and app.session.state.causes[0] == cause
        assert lead_fix in follow.doc.keys  # asked for again: shown again, …
        assert {follow.model.keys[i] for i in follow.opened} == {lead_fix}  # … and open
        assert not (first.doc.keys - {lead_fix}) & follow.doc.keys  # the rest only when new


async def test_ctrl_o_opens_the_details_of_the_answer_on_screen() -> None:
    async with ready_chat() as (app, pilot):
        answer = await answer_to(pilot, app, "SCLNT_HTTP421")
        await pilot.press("ctrl+o")
        assert answer.all_open and "▾ How to fix it" in answer.plain_text()
        await pilot.press("ctrl+o")
        assert not answer.opened


# -- checks ------------------------------------------------------------------------------------


async def test_a_follow_up_naming_a_subject_shows_the_fix_of_the_cause_it_leads_with() -> None:
    async with ready_chat() as (app, pilot):
        first = await answer_to(pilot, app, "SCLNT_HTTP407")
        follow = await answer_to(pilot, app, "what about TLS 1.3?")
        # The cause the follow-up leads with: 407's cause on TLS 1.3 (the topic's own lead stays
        # in the state for the next "how do I fix it?": the question reports nothing).
        lead = "tls_version_or_cipher_mismatch"
        assert f"fix:{lead}" in first.doc.keys  # shown (closed) in the first answer …
        fixes = [k for k in follow.doc.keys if k.startswith("fix:")]
        assert f"fix:{lead}" in fixes  # … and again under the subject's answer


async def test_a_direct_check_after_we_are_behind_a_proxy_says_so() -> None:
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, "SM59 connection test to https://api.partner.invalid fails with ICM_HTTP_CONNECTION_FAILED")
        await answer_to(pilot, app, "we are behind a proxy")
        before = answer_total(app)
        await submit(pilot, app, "/check https://api.partner.invalid --timeout 2")
        checked = await check_done(pilot, app, before)
        assert "You said a proxy is in the way" in checked.doc.verdict
        assert app.session.state is not None and app.session.state.messages[0] == "SCLNT_HTTP400"


async def test_a_check_compares_only_with_what_the_user_reported() -> None:
    port = servers.free_port()  # nothing listens: the check finds SCLNT_HTTP411
    url = f"https://127.0.0.1:{port}/sap/bc/ping"
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, f"I get SCLNT_HTTP421 calling {url}")
        before = answer_total(app)
        await submit(pilot, app, "yes")
        first = await check_done(pilot, app, before)
        assert "You reported **SCLNT_HTTP421**" in first.doc.verdict and "**SCLNT_HTTP411**" in first.doc.verdict
        assert (app.query_one(TopicBar).topic or "").startswith("SCLNT_HTTP421")  # the topic stays
        before = answer_total(app)
        await submit(pilot, app, f"/check {url}")
        second = await check_done(pilot, app, before)
        assert "You reported **SCLNT_HTTP421**" in second.doc.verdict  # not the 411 the first check found
    async with ready_chat() as (app, pilot):
        before = answer_total(app)
        await submit(pilot, app, f"/check {url}")
        alone = await check_done(pilot, app, before)
        assert "You reported" not in alone.markdown_source  # nothing was reported
        assert (app.query_one(TopicBar).topic or "").startswith("SCLNT_HTTP411")  # then it leads


async def test_a_finished_check_shows_its_verdict_at_80x24() -> None:
    port = servers.free_port()  # nothing listens: every step after connect is skipped
    async with ready_chat(size=(80, 24)) as (app, pilot):
        await answer_to(pilot, app, f"I get SCLNT_HTTP421 calling https://127.0.0.1:{port}/x")
        before = answer_total(app)
        await submit(pilot, app, "yes")
        answer = await check_done(pilot, app, before)
        await pilot.pause(0.3)
        screen = screen_text(app)
        assert answer.doc.headline.split(" ")[0] in screen  # "Live check of …"
        assert "SCLNT_HTTP411" in screen and "Next step:" in screen  # not just the step box


async def test_a_running_check_says_which_step_runs() -> None:
    with servers.LoopbackServer(servers.silent_handler) as srv:
        async with ready_chat() as (app, pilot):
            await submit(pilot, app, f"/check https://127.0.0.1:{srv.port} --timeout 4 --no-sni")
            await wait_until(pilot, lambda: app.query(CheckProgress), what="the step box")
            box = app.query_one(CheckProgress)
            await wait_until(pilot, lambda: any(f.step == "proxy" for f in box.findings), what="proxy")
            assert box.status_text.startswith("running: TLS handshake")
            await pilot.press("escape")


@pytest.fixture(scope="module")
def client_cert_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[servers.LoopbackServer, Path, Path]]:
    """A server that requires a client certificate, its trust list and a protected .p12."""
    d = tmp_path_factory.mktemp("clientcert")
    files = certs.good_chain().write(d)
    client = certs.client_cert()
    p12 = d / "client.p12"
    p12.write_bytes(client.pkcs12(b"Chat-P12-secret", extra=client.fullchain()[1:]))
    with servers.tls_server(files.chain, files.key, client_ca=files.ca, require_client_cert=True) as srv:
        yield srv, files.ca, p12


async def test_check_with_a_client_certificate_from_a_pkcs12_file(
    client_cert_server: tuple[servers.LoopbackServer, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    srv, ca, p12 = client_cert_server
    monkeypatch.setenv("SAPASSIST_PKCS12_PASSWORD", "Chat-P12-secret")
    async with ready_chat() as (app, pilot):
        before = answer_total(app)
        await submit(pilot, app, f"/check {srv.url()} --ca-file {ca} --pkcs12 {p12}")
        await check_done(pilot, app, before)
        box = app.query_one(CheckProgress)
        client = [f for f in box.findings if f.step == "client_cert"]
        assert client and client[-1].status == "ok", box.findings
        assert [f.status for f in box.findings if f.step == "http"] == ["ok"]
        assert "Chat-P12-secret" not in screen_text(app) + app.transcript.to_markdown()


async def test_the_export_keeps_each_check_with_its_steps_and_timings_and_reads_plainly(
    tmp_path: Path, tui_env: Path
) -> None:
    with servers.serve_scenario(certs.self_signed_leaf(), tmp_path / "self") as (srv, _ca):
        async with ready_chat() as (app, pilot):
            before = answer_total(app)
            await submit(pilot, app, f"/check https://127.0.0.1:{srv.port}/")  # not in any trust list
            await check_done(pilot, app, before)
            target = tmp_path / "ticket.md"
            await submit(pilot, app, f"/export {target}")
            await wait_until(pilot, lambda: target.exists(), what="the export")
    text = target.read_text(encoding="utf-8")
    steps = text.split("### Steps and timings", 1)[1].split("\n### ", 1)[0]
    lines = [line for line in steps.splitlines() if line.startswith("- ")]
    assert [re.match(r"- . \*\*([a-zA-Z ]+)\*\*", line).group(1) for line in lines][:4] == [  # type: ignore[union-attr]
        "resolve", "connect", "proxy", "TLS"]
    timed = {re.match(r"- . \*\*([a-zA-Z ]+)\*\*", line).group(1) for line in lines  # type: ignore[union-attr]
             if re.search(r"\*\* \(\d+(\.\d)? ms\)", line)}
    assert {"resolve", "connect", "TLS"} <= timed, steps
    assert "self-signed certificate" in steps and "X509 verify code 18)" in steps
    assert "\\-" not in steps and "\\(" not in steps and "\\." not in steps


# -- saved conversations ------------------------------------------------------------------------


async def test_clear_keeps_the_conversation_and_resume_brings_it_back() -> None:
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, "SCLNT_HTTP421")
        first_id = app.session.conversation_id
        await submit(pilot, app, "/clear")
        assert not answers(app) and app.session.conversation_id != first_id
        assert any("/resume brings it back" in str(n.message) for n in app._notifications)
        await submit(pilot, app, "/resume")
        await wait_until(pilot, lambda: isinstance(app.screen, ResumePicker), what="the picker")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(answers(app)) == 1, what="the resumed answer")
        assert answers(app)[0].doc.headline.startswith("SCLNT_HTTP421")
        assert app.session.conversation_id == first_id
        assert app.state is not None and app.state.messages[:1] == ("SCLNT_HTTP421",)


async def test_sapassist_resume_continues_the_latest_conversation() -> None:
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, "SCLNT_HTTP416")
        await answer_to(pilot, app, "how do I fix it?")
    resumed = build_app(resume="latest")
    async with resumed.run_test(size=(100, 32)) as pilot:
        await ready(pilot, resumed)
        await wait_until(pilot, lambda: len(answers(resumed)) == 2, what="the saved answers")
        assert [t.text for t in resumed.transcript.turns if t.role == "user"] == ["SCLNT_HTTP416", "how do I fix it?"]
        follow = await answer_to(pilot, resumed, "and through a proxy?")
        assert follow.doc.headline.startswith("SCLNT_HTTP416")  # the topic came back too


async def test_resume_with_nothing_saved_says_so() -> None:
    app = build_app(resume="latest")
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, lambda: any("Cannot resume" in n for n in notices(app)))
        assert "no saved conversations" in notices(app)[-1]


# -- smaller items -------------------------------------------------------------------------------


async def test_backspace_does_not_bring_the_deleted_text_back_as_a_suggestion() -> None:
    async with ready_chat() as (app, pilot):
        prompt = app.query_one(Prompt)
        await pilot.press(*"SCLNT_HTTP42")
        await wait_until(pilot, lambda: prompt._suggestion == "SCLNT_HTTP421", what="the suggestion")
        await pilot.press("1", "backspace")
        await pilot.pause(0.2)
        assert prompt.value == "SCLNT_HTTP42" and prompt._suggestion == ""
        await pilot.press("backspace", "2")  # typing again brings suggestions back
        await wait_until(pilot, lambda: prompt._suggestion == "SCLNT_HTTP421", what="the suggestion again")


async def test_the_topic_panel_keeps_identifiers_whole_at_80_columns() -> None:
    async with ready_chat(size=(80, 24)) as (app, pilot):
        await answer_to(pilot, app, "SCLNT_HTTP421")
        await pilot.press("f2")
        await pilot.pause(0.3)
        panel = app.query_one(EntryPanel)
        entry = panel.query_one(Answer)
        lines = [line.plain for line in entry.lines()]
        ids = set(re.findall(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", panel.entry_markdown))
        assert ids
        for ident in ids:
            if len(ident) < entry.text_width:
                assert any(ident in line for line in lines), ident


# -- a long conversation -------------------------------------------------------------------------


async def test_a_long_conversation_keeps_a_few_widgets_and_paints_the_rest() -> None:
    async with ready_chat() as (app, pilot):
        for n in range(7):
            await answer_to(pilot, app, f"SCLNT_HTTP4{10 + n}")
        conversation = app.conversation
        assert len(conversation.turns) <= conversation_module.KEEP_LIVE
        assert answer_total(app) == 7 and conversation.archive.answer_count == 7 - len(answers(app))
        painted = conversation.archive.plain_text(conversation.archive.text_width)
        assert "▌ SCLNT_HTTP410" in painted  # the first question, archived with its bar
        assert len(list(app.screen.walk_children())) < 80  # not a widget tree per answer


async def test_archived_turns_take_the_lines_their_widgets_took(monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving turns into the archive must not move the text on screen."""
    monkeypatch.setattr(conversation_module, "KEEP_LIVE", 100)
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, "I get SCLNT_HTTP421 calling https://api.example.com — what now?")
        await submit(pilot, app, "/nonsense")  # a notice
        await answer_to(pilot, app, "SCLNT_HTTP407")
        await pilot.pause(0.3)
        conversation = app.conversation
        before = conversation.virtual_size.height
        monkeypatch.setattr(conversation_module, "KEEP_LIVE", 1)
        conversation._archive_old()
        await pilot.pause(0.3)
        assert len(conversation.turns) == 1 and len(conversation.archive.items) == 6  # welcome too
        assert conversation.virtual_size.height == before


async def test_an_archived_answer_opens_on_a_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conversation_module, "KEEP_LIVE", 1)
    async with ready_chat(size=(100, 40)) as (app, pilot):
        await answer_to(pilot, app, "SCLNT_HTTP416")
        await answer_to(pilot, app, "SCLNT_HTTP411")
        archive = app.conversation.archive
        app.conversation.scroll_home(animate=False)
        await pilot.pause(0.2)
        lines = archive.plain_text(archive.text_width).splitlines()
        title = next(y for y, line in enumerate(lines) if "▸ How to fix it" in line)
        await pilot.click(archive, offset=(6, title))
        await pilot.pause(0.2)
        assert "▾ How to fix it" in archive.plain_text(archive.text_width).splitlines()[title]


async def test_a_resize_keeps_the_archived_turn_being_read_in_view(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conversation_module, "KEEP_LIVE", 1)
    async with ready_chat(size=(100, 30)) as (app, pilot):
        for question in ("SCLNT_HTTP416", "SCLNT_HTTP411", "SCLNT_HTTP407", "SCLNT_HTTP402"):
            await answer_to(pilot, app, question)
        conversation, archive = app.conversation, app.conversation.archive
        target = next(i for i, item in enumerate(archive.items) if getattr(getattr(item, "shown", None), "plain", "") == "SCLNT_HTTP411")
        conversation.scroll_to(y=archive.virtual_region.y + archive.item_start(target), animate=False, immediate=True)
        await pilot.pause(0.2)
        conversation.release_anchor()
        for width in (70, 100):
            conversation.keep_reading_position()
            await pilot.resize_terminal(width, 30)
            await pilot.pause(0.3)
            top = int(conversation.scroll_y) - archive.virtual_region.y
            assert archive.item_at(top) == target, width


async def test_going_back_to_an_earlier_topic_puts_it_back_in_the_topic_bar_at_80x24() -> None:
    async with ready_chat(size=(80, 24)) as (app, pilot):
        await answer_to(pilot, app, "SM59 fails with SCLNT_HTTP421 calling https://api.partner.corp")
        await answer_to(pilot, app, "ICM_HTTP_CONNECTION_REFUSED for the SII destination")
        assert (app.query_one(TopicBar).topic or "").startswith("SCLNT_HTTP411")
        back = await answer_to(pilot, app, "back to the first error, which PSE do I import into?")
        await pilot.pause(0.3)
        assert back.doc.headline.startswith("SCLNT_HTTP421")
        assert (app.query_one(TopicBar).topic or "").startswith("SCLNT_HTTP421")
        assert "SCLNT_HTTP421" in screen_text(app)
