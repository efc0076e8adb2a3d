"""Whole chat flows driven with Textual's Pilot against the real knowledge base, router,
answer builders and live checks (loopback servers only)."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual import events

from assistant import paths
from assistant.kb.load import LoadResult, load_kb
from assistant.services.knowledge import load_knowledge
from assistant.tui.app import ChatApp
from assistant.tui.launch import build_app
from assistant.tui.slash import BY_NAME
from assistant.tui.widgets.archive import BAR, UserItem
from assistant.tui.widgets.check_progress import CheckProgress
from assistant.tui.widgets.conversation import Answer, UserTurn
from assistant.tui.widgets.entry_panel import EntryPanel
from assistant.tui.widgets.prompt import Prompt
from assistant.tui.widgets.topic import TopicBar
from assistant.wording import step_label
from tests.support import certs, servers
from tests.support.pilot import (
    SIZE,
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

pytestmark = pytest.mark.usefixtures("tui_env")  # conftest.py: history and exports in tmp


# -- loopback servers (tests/support/servers.py: real sockets on 127.0.0.1 only) -----------
# `good` (conftest.py): a TLS server with a generated chain that answers every GET with 200.


@contextmanager
def silent_server() -> Iterator[int]:
    """Accepts TCP connections and never says a word (a hanging TLS endpoint)."""
    with servers.LoopbackServer(servers.silent_handler) as srv:
        yield srv.port


# -- conversation ----------------------------------------------------------------------------


async def test_first_paint_has_welcome_and_focused_prompt() -> None:
    app = ChatApp()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.focused, Prompt)
        welcome = app.query_one(".welcome", Answer)
        assert "example" in welcome.markdown_source
        assert welcome.markdown_source.count("\n- *") == 3  # three example questions
        await ready(pilot, app)
        assert "messages known" in app.query_one(TopicBar).status


async def test_question_gets_a_grounded_answer() -> None:
    kb = load_kb().kb
    message = kb.messages["SCLNT_HTTP407"]
    async with ready_chat() as (app, pilot):
        answer = await answer_to(pilot, app, "What does SCLNT_HTTP407 mean?")
        assert "SCLNT_HTTP407" in answer.markdown_source
        assert message.display_text in answer.markdown_source
        assert [t.text for t in app.query(UserTurn)] == ["What does SCLNT_HTTP407 mean?"]
        topic = app.query_one(TopicBar).topic or ""
        assert topic.startswith("SCLNT_HTTP407")


async def test_follow_up_keeps_the_topic() -> None:
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, "SCLNT_HTTP421")
        follow_up = await answer_to(pilot, app, "how do I fix it?")
        assert "STRUST" in follow_up.markdown_source
        assert (app.query_one(TopicBar).topic or "").startswith("SCLNT_HTTP421")


async def test_the_topic_bar_never_cuts_an_identifier_at_its_edge() -> None:
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, "SCLNT_HTTP421")
        bar = app.query_one(TopicBar)
        assert "(ICM_HTTP_SSL_PEER_CERT_UNTRUSTED)" in (bar.topic or "")  # too long for 80 columns
        await pilot.pause()
        assert bar.shown_topic == "Topic: SCLNT_HTTP421 — SSL certificate not trusted"
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        shown = bar.shown_topic
        assert shown.startswith("Topic: SCLNT_HTTP421") and shown.endswith("…") and "— …" not in shown
        assert shown[:-1] + " " in "Topic: SCLNT_HTTP421 — SSL certificate not trusted "  # after a whole word


async def test_the_base_count_gives_the_topic_its_room_but_a_working_status_stays() -> None:
    # At 60 columns "21 messages known" left "Topic: SCLNT_HTTP411 — Connection…".
    async with ready_chat((60, 24)) as (app, pilot):
        await answer_to(pilot, app, "SCLNT_HTTP411")
        await pilot.pause()
        bar = app.query_one(TopicBar)
        status = bar.query_one("#kb-status")
        assert bar.shown_topic == "Topic: SCLNT_HTTP411 — Connection refused" and not status.display
        app.set_status("reading the certificate file…")  # what the chat is doing stays in view
        await pilot.pause()
        assert status.display and "reading the certificate file…" in screen_text(app)
        app.set_status(None)
        await pilot.resize_terminal(100, 24)
        await pilot.pause()
        assert status.display and "messages known" in screen_text(app)
        assert bar.shown_topic == "Topic: SCLNT_HTTP411 — Connection refused"


async def test_how_do_i_fix_it_is_answered_with_the_first_fix_open() -> None:
    async with ready_chat() as (app, pilot):
        explained = await answer_to(pilot, app, "What does SCLNT_HTTP421 mean?")
        assert not explained.opened  # an explanation: the details wait behind their titles
        fixed = await answer_to(pilot, app, "how do I fix it?")
        fixes = [i for i, key in enumerate(fixed.model.keys) if key.startswith("fix:")]
        assert fixes and fixed.opened == {fixes[0]}  # the first fix, and only it
        shown = fixed.plain_text(76)
        assert "▾ " + fixed.section_titles[fixes[0]] in shown.replace("\n  ", " ")
        assert "STRUST" in shown.split("▾ ", 1)[1]  # its steps are on screen


async def test_another_kinds_topic_is_where_its_fix_lives() -> None:
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, "SCLNT_HTTP421")
        await answer_to(pilot, app, "CPI iFlow HTTP receiver adapter: javax.net.ssl.SSLHandshakeException")
        topic = app.query_one(TopicBar).topic or ""
        kb = load_knowledge().kb
        assert topic == "Another client: " + kb.glossary["SAP_INTEGRATION_KEYSTORE"].title
        await pilot.press("f2")
        assert "TrustedCAs" in (app.query_one(EntryPanel).entry_markdown or "")


@pytest.mark.parametrize(("question", "kind"), [
    ("curl: (6) Could not resolve host: api.example.invalid", "Another client"),
    ("python requests: SSLError certificate verify failed", "Another client"),
    ("Java app: PKIX path building failed", "Another client"),
    ("HTTP 500 from the server in SM59", "The server's HTTP status"),
    ("RFC_COMMUNICATION_FAILURE partner not reached", "RFC / network"),
    ("curl error: SSL certificate problem, PSE not found", "Another client"),  # curl has no PSE
])
async def test_the_topic_bar_names_the_kind_and_the_title_never_a_causes_id(question: str, kind: str) -> None:
    # Another client's DNS failure showed "dns_failure — Host name cannot be resolved …".
    kb = load_knowledge().kb
    # The base's own ids: every cause's, and a glossary entry's that is no SAP term in a
    # title ("JAVA_PKIX", not "PSE"); message ids and ICM/SSL constants are SAP's.
    titles = " ".join(entry.title for entry in kb.glossary.values())
    internal = {*kb.causes, *(gid for gid in kb.glossary if gid not in titles)}
    async with ready_chat((80, 24)) as (app, pilot):
        answer = await answer_to(pilot, app, question)
        await pilot.pause()
        bar = app.query_one(TopicBar)
        assert (bar.topic or "").startswith(kind + ": ")
        assert (bar.topic or "").removeprefix(kind + ": ") in answer.markdown_source  # what the answer is about
        for shown in (bar.topic or "", bar.shown_topic):
            words = set(re.findall(r"[\w/]+", shown))
            assert not words & internal, shown


async def test_questions_typed_while_loading_are_answered() -> None:
    """The real loader, held until the questions are queued, then released."""
    release = threading.Event()

    def held_load(kb_dirs: Sequence[str | Path]) -> LoadResult:
        assert release.wait(20), "the test never released the load"
        return load_knowledge(kb_dirs)

    app = ChatApp(load=held_load)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await submit(pilot, app, "SCLNT_HTTP421")
            await submit(pilot, app, "how do I fix it?")  # refers to the first one's topic
            await pilot.pause(0.3)
            assert app.kb is None and not answers(app)  # really still loading: both wait
            assert "Loading the knowledge base — the answer follows in a moment." in notices(app)
            release.set()
            await wait_until(pilot, lambda: len(answers(app)) == 2, what="both queued answers")
            first, second = (a.markdown_source for a in answers(app))
            assert "SCLNT_HTTP421" in first
            assert "*(about the current topic)*" in second and "STRUST" in second  # in order
    finally:
        release.set()


async def test_the_config_theme_is_the_initial_theme() -> None:
    config_file = paths.config_file()
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text('theme = "textual-light"\n', encoding="utf-8")
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
    config_file.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == ChatApp().theme  # the default stays, and the notice says why
        assert any("unknown theme 'no-such-theme'" in notice for notice in notices(app))


async def test_a_pasted_multi_line_log_is_answered_whole() -> None:
    """Textual's Input keeps only a paste's first line; the chat must keep them all."""
    log = (
        "[Thr 140245] Mon Jun 10 09:12:44:123 2024\n"
        "[Thr 140245] *** ERROR => SSL handshake with api.partner.example:443 failed: "
        "SSSLERR_PEER_CERT_UNTRUSTED (-102)\n"
        "[Thr 140245] IcmConnClientRqCreate: connect failed\n"
    )
    async with ready_chat() as (app, pilot):
        prompt = app.query_one(Prompt)
        prompt.post_message(events.Paste(log))
        await wait_until(pilot, lambda: "SSSLERR" in prompt.value, what="the pasted log in the prompt")
        assert "\n" not in prompt.value  # one line on screen, ↵ for the breaks
        before = answer_total(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: answer_total(app) > before, what="the answer")
        assert app.query(UserTurn).last().text == log.rstrip("\n")  # sent with its line breaks
        assert "SCLNT_HTTP421" in answers(app)[-1].markdown_source  # found on the second line
        await pilot.press("up")
        assert prompt.text == log.rstrip("\n")  # history recalls the whole paste


ST22 = (
    "Runtime Errors         UNCAUGHT_EXCEPTION\n"
    "What happened?\n"
    "    The call to method IF_HTTP_CLIENT~RECEIVE returned http_communication_failure.\n"
    "    Message: SCLNT_HTTP 421 - SSL handshake failed: peer certificate not trusted\n"
    ">>>>>     CALL METHOD lo_client->receive\n"
)


async def test_a_pasted_screen_keeps_its_indentation_where_a_line_wraps() -> None:
    async with ready_chat() as (app, pilot):
        prompt = app.query_one(Prompt)
        prompt.post_message(events.Paste(ST22))
        await wait_until(pilot, lambda: "UNCAUGHT" in prompt.value, what="the paste in the prompt")
        before = answer_total(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: answer_total(app) > before, what="the answer")
        turn = app.query(UserTurn).last()
        live = [line.plain for line in turn.lines(66)]  # its width at 80 columns
        archived = [line.plain.split(BAR, 1)[1][1:] for line in UserItem(turn.shown).render(80)]  # older turns
        for lines in (live, archived):
            wrapped = next(i for i, line in enumerate(lines) if line.rstrip().endswith("returned"))
            assert lines[wrapped + 1].startswith("    http_communication_failure")  # under its own line
            assert any(line.startswith(">>>>>") for line in lines)  # a line without indent stays at the margin


async def test_the_prompts_placeholder_is_never_cut_at_any_width() -> None:
    # At 60 columns it read "… paste one, or type" — the "/help" it points to was cut off.
    app = ChatApp()
    async with app.run_test(size=(80, 24)) as pilot:
        shown = {}
        for columns in (100, 80, 60, 40):
            await pilot.resize_terminal(columns, 24)
            await pilot.pause(0.1)
            shown[columns] = placeholder = app.query_one(Prompt).placeholder
            assert placeholder.endswith("/help") and placeholder in screen_text(app), (columns, placeholder)
        assert shown[100] == shown[80] == "Ask about an SCLNT_HTTP error, paste one, or type /help"
        assert len(shown[40]) < len(shown[60]) < len(shown[80])  # the longest that fits, not the shortest


async def test_typing_in_the_conversation_goes_to_the_prompt() -> None:
    app = ChatApp()
    async with app.run_test(size=SIZE) as pilot:
        app.conversation.focus()
        await pilot.press(*"407")
        prompt = app.query_one(Prompt)
        assert app.focused is prompt and prompt.value == "407"


async def test_side_panel_keeps_the_reading_position() -> None:
    async with ready_chat() as (app, pilot):
        for question in ("SCLNT_HTTP421", "SCLNT_HTTP407", "SCLNT_HTTP411"):
            await answer_to(pilot, app, question)
        middle = answers(app)[1]
        app.conversation.scroll_to_widget(middle, top=True, animate=False, immediate=True)
        await pilot.pause(0.2)
        assert app.conversation.first_visible_turn() is middle
        await pilot.press("f2")
        await pilot.pause(0.3)
        assert app.conversation.first_visible_turn() is middle
        await pilot.press("f2")
        await pilot.pause(0.3)
        assert app.conversation.first_visible_turn() is middle


async def test_long_headings_wrap_instead_of_being_cut() -> None:
    app = ChatApp()
    async with app.run_test(size=(80, 24)) as pilot:
        heading = "Cause: " + " ".join(f"word{n}" for n in range(25)) + " LAST"
        app.say_answer(f"### {heading}\n\nbody")
        await pilot.pause(0.3)
        app.conversation.scroll_end(animate=False)
        await pilot.pause(0.2)
        assert "word24 LAST" in screen_text(app)


@pytest.mark.parametrize("columns", [80, 60])
async def test_another_kinds_headline_wraps_by_phrases_at_80_and_60_columns(columns: int) -> None:
    # It filled the first line and left "trust" alone on the second at 80 columns.
    async with ready_chat((columns, 24)) as (app, pilot):
        answer = await answer_to(pilot, app, "Java app: PKIX path building failed")
        await pilot.pause(0.2)
        headline = answer.doc.headline
        lines = [line.plain for line in answer.lines()]
        shown = lines[: next(i for i, line in enumerate(lines) if not line.strip())]
        assert " ".join(shown) == headline and len(shown) == 2
        assert shown[0] == "Not an SAP HTTP-client error:"
        assert all(line in screen_text(app) for line in shown)


async def test_markup_in_questions_is_shown_literally() -> None:
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, "[bold red]SCLNT_HTTP407[/] \x1b[31mred")
        app.conversation.scroll_to_widget(app.query_one(UserTurn), animate=False, top=True)
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "[bold red]SCLNT_HTTP407[/] \\x1b[31mred" in text


async def test_side_panel_shows_the_topic_entry_and_copy_copies_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "TMUX"):  # no clipboard tool: OSC 52, unconfirmed
        monkeypatch.delenv(var, raising=False)
    async with ready_chat() as (app, pilot):
        answer = await answer_to(pilot, app, "SCLNT_HTTP416")
        panel = app.query_one(EntryPanel)
        assert not panel.display
        await pilot.press("f2")
        assert panel.display
        assert "SCLNT_HTTP416" in panel.entry_markdown
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: app.clipboard == answer.markdown_source, what="the OSC 52 copy")
        await wait_until(pilot, lambda: any("OSC 52" in str(n.message) for n in app._notifications))
        note = next(str(n.message) for n in app._notifications if "OSC 52" in str(n.message))
        assert "Copied" not in note and "whether it arrived depends on the terminal" in note
        saved = paths.data_dir() / "last-answer.md"
        assert str(saved) in note and saved.read_text(encoding="utf-8") == answer.markdown_source
        await pilot.press("f3")
        assert app.theme == "textual-light"


async def test_under_80_columns_the_open_panel_takes_the_width_and_f2_gives_it_back() -> None:
    async with ready_chat() as (app, pilot):
        await answer_to(pilot, app, "SCLNT_HTTP421")
        conversation, panel = app.query_one("#conversation"), app.query_one(EntryPanel)
        await pilot.press("f2")
        await pilot.pause()
        assert conversation.size.width >= 40  # at 80 columns both are shown side by side
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        assert panel.size.width >= 56 and not conversation.display  # not 20 columns each
        await pilot.press("f2")
        await pilot.pause()
        assert conversation.display and conversation.size.width >= 56 and not panel.display
        await pilot.press("f2", "f2")  # open and closed again at 60 columns: the prompt keeps focus
        assert isinstance(app.focused, Prompt)


# -- slash commands --------------------------------------------------------------------------


async def test_slash_commands_and_errors_never_crash() -> None:
    async with ready_chat() as (app, pilot):
        listing = await answer_to(pilot, app, "/list")
        assert "SCLNT_HTTP421" in listing.markdown_source
        entry = await answer_to(pilot, app, "/lookup 415")
        assert "SCLNT_HTTP415" in entry.markdown_source
        assert (app.query_one(TopicBar).topic or "").startswith("SCLNT_HTTP415")
        help_answer = await answer_to(pilot, app, "/help")
        assert "/check URL" in help_answer.markdown_source
        for bad in ("/nonsense", "/check", "/check x --timeout soon", "/lookup NOPE_NOPE", "/cert /no/such/file.pem"):
            before = len(notices(app))
            await submit(pilot, app, bad)
            await wait_until(pilot, lambda before=before: len(notices(app)) > before, what=f"a notice for {bad}")
        assert app.is_running
        await submit(pilot, app, "/lookup SCLNT_HTTP419")
        await wait_until(pilot, lambda: "SCLNT_HTTP419" in notices(app)[-1])
        assert "Nearest known ids: " in notices(app)[-1] and "SCLNT_HTTP418" in notices(app)[-1]
        await submit(pilot, app, "/clear")
        await wait_until(pilot, lambda: not app.query(UserTurn))
        assert app.transcript.turns == [] and app.query_one(TopicBar).topic is None
        assert app.query(".welcome")  # a cleared chat starts like a new one, not blank


def test_every_slash_command_has_a_handler() -> None:
    """The table (slash.py) and what the commands do (slashflow.py) must name the same ones."""
    assert set(ChatApp().slash._handlers) == set(BY_NAME)


async def test_command_palette_offers_slash_commands() -> None:
    async with ready_chat() as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"lookup")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.query_one(Prompt).value == "/lookup ", what="/lookup in the prompt")


async def test_export_writes_the_transcript(tui_env: Path) -> None:
    async with ready_chat() as (app, pilot):
        answer = await answer_to(pilot, app, "What does SCLNT_HTTP411 mean?")
        target = tui_env / "exports" / "chat.md"
        await submit(pilot, app, f"/export {target}")
        await wait_until(pilot, target.exists, what="the export file")
        text = target.read_text(encoding="utf-8")
        assert "What does SCLNT_HTTP411 mean?" in text
        assert answer.markdown_source.strip() in text
        assert str(target) in notices(app)[-1]  # the chat says where it went
        await submit(pilot, app, "/export")
        await wait_until(pilot, lambda: len(list((tui_env / "data").rglob("chat-*.md"))) == 1)


async def test_history_survives_a_restart() -> None:
    first = ChatApp()
    async with first.run_test(size=SIZE) as pilot:
        await ready(pilot, first)
        await pilot.press(*"SCLNT_HTTP410")
        await pilot.press("enter")
        await wait_until(pilot, lambda: answers(first))
    second = ChatApp()
    async with second.run_test(size=SIZE) as pilot:
        prompt = second.query_one(Prompt)
        assert prompt.value == ""
        await pilot.press("up")
        assert prompt.value == "SCLNT_HTTP410"
        await pilot.press("down")
        assert prompt.value == ""


async def test_suggestion_completes_an_id_while_typing() -> None:
    async with ready_chat() as (app, pilot):
        await pilot.press(*"what is SCLNT_HTTP41")
        prompt = app.query_one(Prompt)
        await wait_until(pilot, lambda: prompt._suggestion.startswith("what is SCLNT_HTTP41"), what="a suggestion")
        assert len(prompt._suggestion) > len(prompt.value)
        await pilot.press("tab")  # accepts the suggestion
        assert prompt.value in {f"what is {mid}" for mid in app.kb.messages}  # type: ignore[union-attr]
        assert app.focused is prompt


async def test_answers_to_questions_from_before_clear_are_dropped() -> None:
    from assistant.intent import route

    async with ready_chat() as (app, pilot):
        assert app.kb is not None
        late = route("SCLNT_HTTP402", app.kb)  # what a worker still busy during /clear returns
        before_clear = app.questions.conversation_id
        await submit(pilot, app, "/clear")
        app.questions._routed(before_clear, late, "a late answer")
        await pilot.pause(0.1)
        assert not answers(app) and app.state is None and app.query_one(TopicBar).topic is None
        again = await answer_to(pilot, app, "SCLNT_HTTP402")  # the queue goes on after a late result
        assert "SCLNT_HTTP402" in again.markdown_source


async def test_passwords_typed_in_the_chat_are_masked_on_screen_and_in_the_export(tui_env: Path) -> None:
    async with ready_chat() as (app, pilot):
        closed = servers.free_port()
        await submit(pilot, app, f"/check https://127.0.0.1:{closed} --proxy http://127.0.0.1:{closed} "
                                 "--proxy-user bob:hunter2 --timeout 2")
        await wait_until(pilot, lambda: app.query(CheckProgress) and app.check is None, timeout=15, what="the check")
        target = tui_env / "chat.md"
        await submit(pilot, app, f"/export {target}")
        await wait_until(pilot, target.exists)
        assert "bob:***" in target.read_text(encoding="utf-8")
        assert "hunter2" not in target.read_text(encoding="utf-8")
        assert "hunter2" not in screen_text(app) and "hunter2" not in str(app.history.entries)
        assert all("hunter2" not in turn.text for turn in app.query(UserTurn))


# -- certificates and live checks ------------------------------------------------------------


async def test_cert_subject_markup_is_shown_literally(tmp_path: Path) -> None:
    _root, inter = certs.ca_pair()
    leaf = certs.make_leaf(inter, cn="[red]x[/red] [bold]evil\x1b[2J", sans=("localhost",))
    cert_path, _ = leaf.write(tmp_path, "evil")
    async with ready_chat((160, 40)) as (app, pilot):
        answer = await answer_to(pilot, app, f"/cert {cert_path}")
        assert "[red]x[/red] [bold]evil" in answer.markdown_source
        assert "\x1b" not in answer.markdown_source  # the escape is made visible, not sent
        await pilot.pause(0.2)
        assert "CN=[red]x[/red] [bold]evil\\x1b[2J" in screen_text(app)


async def test_check_against_loopback_tls_server_shows_steps_and_result(
    good: tuple[servers.LoopbackServer, Path],
) -> None:
    srv, ca_file = good
    async with ready_chat() as (app, pilot):
        before = answer_total(app)
        await submit(pilot, app, f"/check https://127.0.0.1:{srv.port} --ca-file {ca_file}")
        await wait_until(pilot, lambda: app.query(CheckProgress), what="the step list")
        progress = app.query_one(CheckProgress)
        await wait_until(pilot, lambda: progress.state == "done", timeout=15, what="the check to finish")
        await wait_until(pilot, lambda: answer_total(app) > before, what="the check answer")
        steps = [f.step for f in progress.findings]
        for step in ("resolve", "connect", "tls", "http"):
            assert step in steps, steps
        rows = [line for line in progress.plain_text(100).splitlines() if line[:1] in "✓!✗–"]
        assert len(rows) == len(progress.findings)  # one row per step, in the order they came
        assert [row[2:].split("  ")[0].strip() for row in rows] == [step_label(f.step) for f in progress.findings]
        http = [f for f in progress.findings if f.step == "http"]
        assert http and http[-1].status == "ok", http
        assert "200" in answers(app)[-1].markdown_source or "ok" in answers(app)[-1].markdown_source.lower()


def _step_groups(progress: CheckProgress, width: int) -> list[str]:
    """Each step's rows of the step list as one text (a row with a status mark starts one)."""
    groups: list[str] = []
    for line in progress.plain_text(width).splitlines()[1:-1]:  # not the title, not the status
        if line[:1] in "✓!✗–":
            groups.append(line)
        elif groups:
            groups[-1] += " " + line.strip()
    return groups


@pytest.mark.parametrize("options", ["", "--proxy http://127.0.0.1:{closed}", "good"])
async def test_every_step_shows_its_time_once(options: str, good: tuple[servers.LoopbackServer, Path]) -> None:
    # A refused connect showed "127.0.0.1:8080 Connection refused (ECONNREFUSED) (0 ms)" and
    # the step's time beside it: one attempt's time in the detail is the step's time again.
    closed = servers.free_port()
    srv, ca_file = good
    command = (f"/check https://127.0.0.1:{srv.port} --ca-file {ca_file}" if options == "good"
               else f"/check https://127.0.0.1:{closed} " + options.format(closed=closed))
    async with ready_chat((80, 24)) as (app, pilot):
        await submit(pilot, app, command)
        await wait_until(pilot, lambda: app.query(CheckProgress) and app.check is None, timeout=15, what="the check")
        progress = app.query_one(CheckProgress)
        timed = [f for f in progress.findings if f.elapsed_ms]
        groups = _step_groups(progress, 74)
        assert len(groups) >= len(timed) >= 1 and any("refused" in g for g in groups) == (options != "good")
        for group in groups:
            assert len(re.findall(r"\d ms\b", group)) <= 1, group


async def test_after_a_check_the_fix_follow_up_gives_the_cause_it_found(tmp_path: Path) -> None:
    """An incomplete chain found live: "how do I fix it?" answers with that cause's fix."""
    with servers.serve_scenario(certs.incomplete_chain(), tmp_path / "incomplete") as (srv, ca_file):
        async with ready_chat() as (app, pilot):
            before = answer_total(app)
            await submit(pilot, app, f"/check https://127.0.0.1:{srv.port} --ca-file {ca_file}")
            await wait_until(pilot, lambda: answer_total(app) > before, timeout=15, what="the check answer")
            assert app.state is not None and app.state.confirmed_cause == "intermediate_missing"
            fix = await answer_to(pilot, app, "how do I fix it?")
            title = app.kb.causes["intermediate_missing"].title if app.kb else ""
            assert f"the live check found: {title}" in fix.markdown_source


async def test_named_host_offers_a_check_and_yes_runs_it() -> None:
    port = servers.free_port()
    async with ready_chat() as (app, pilot):
        offer = await answer_to(pilot, app, f"I get SCLNT_HTTP411 calling https://127.0.0.1:{port}/sap/bc/ping")
        assert "reply **yes**" in offer.markdown_source
        before = answer_total(app)
        await submit(pilot, app, "yes")
        await wait_until(pilot, lambda: app.query(CheckProgress), what="the check to start")
        progress = app.query_one(CheckProgress)
        await wait_until(pilot, lambda: progress.state == "done", timeout=15, what="the check to finish")
        await wait_until(pilot, lambda: answer_total(app) > before)
        connect = [f for f in progress.findings if f.step == "connect"]
        assert connect and connect[-1].status == "fail"
        assert connect[-1].cause == "connection_refused"
        assert "SCLNT_HTTP411" in answers(app)[-1].markdown_source


async def test_escape_cancels_a_check_against_a_silent_server() -> None:
    with silent_server() as port:
        async with ready_chat() as (app, pilot):
            await submit(pilot, app, f"/check https://127.0.0.1:{port} --timeout 3 --no-sni")
            await wait_until(pilot, lambda: app.check is not None, what="the check to start")
            run = app.check
            assert run is not None and run.thread is not None
            progress = app.query_one(CheckProgress)
            await wait_until(pilot, lambda: any(f.step == "connect" for f in progress.findings), what="connect")
            await pilot.press("escape")
            await wait_until(pilot, lambda: progress.state == "cancelled", what="the cancel")
            assert app.check is None
            assert any("cancelled" in n for n in notices(app))
            assert f"/check https://127.0.0.1:{port} --no-sni --timeout 3" in notices(app)[-1]  # retry as typed
            answers_before = answer_total(app)
            # the thread ends (at the latest when its step times out); no late result appears
            thread = run.thread
            await wait_until(pilot, lambda: not thread.is_alive(), timeout=6)
            await asyncio.sleep(0.1)
            assert answer_total(app) == answers_before
            assert app.is_running


async def test_quitting_during_a_check_does_not_wait_for_it() -> None:
    """A step blocked on a silent server only sees the cancel flag when its socket times
    out: quitting must neither wait for that nor leave a thread that keeps the process."""
    with silent_server() as port:
        async with ready_chat() as (app, pilot):
            await submit(pilot, app, f"/check https://127.0.0.1:{port} --timeout 60")
            await wait_until(pilot, lambda: app.check is not None and app.check.progress.findings)
            run = app.check
            assert run is not None and run.thread is not None
            started = time.monotonic()
            await pilot.press("ctrl+q")
        assert time.monotonic() - started < 5
        assert run.cancel.is_set()  # the runner shuts the step in flight down at once
        assert run.thread.daemon  # and the interpreter does not wait for the blocked one


async def test_a_huge_paste_is_held_as_a_placeholder_answered_and_shown_shortened() -> None:
    async with ready_chat() as (app, pilot):
        paste = "SSL handshake failed: SSSLERR_PEER_CERT_UNTRUSTED\n" + "x" * 200_000
        prompt = app.query_one(Prompt)
        prompt.post_message(events.Paste(paste))
        await wait_until(pilot, lambda: prompt.value, what="the placeholder")
        assert len(prompt.value) < 100 and "2 lines" in prompt.value  # typing stays fast
        assert prompt.text == paste
        placeholder = prompt.value
        app.history.add("an earlier question")
        await pilot.press("up")
        assert prompt.value == "an earlier question"
        await pilot.press("down")  # back to the draft, still a placeholder
        assert prompt.value == placeholder and prompt.text == paste
        await pilot.press(*" why?")
        before = answer_total(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: answer_total(app) > before, what="the answer")
        answer = answers(app)[-1]
        assert "SCLNT_HTTP421" in answer.markdown_source
        assert prompt.value == "" and prompt.text == ""
        paste += " why?"
        turn = app.query_one(UserTurn)
        assert turn.text == paste  # the router got all of it
        assert "more characters not shown" in turn.plain_text()
