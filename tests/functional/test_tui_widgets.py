"""The chat's own widgets, each in a tiny app (as oterm tests its widgets): the one-widget
answer (verdict, sections that open, re-wrap and re-colour without re-parsing) and the
check's step box (time column, the running step)."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

from assistant.answers.document import AnswerDoc, Section
from assistant.diagnostics.model import Finding
from assistant.tui.widgets.answer import Answer
from assistant.tui.widgets.check_progress import CheckProgress

URL = "https://wiki.scn.sap.com/wiki/display/Security/Troubleshooting+Guide"
DOC = AnswerDoc(
    headline="SCLNT_HTTP421 — SSL certificate not trusted (ICM_HTTP_SSL_PEER_CERT_UNTRUSTED)",
    verdict="**Most likely cause:** the root CA is missing from the SSL client PSE.\n\n"
            f"**Next step:** import it in `STRUST`, as {URL} explains.",
    sections=(
        Section("causes:x", "Likely causes", "1. **Root CA missing** — the PSE lacks it.\n2. Another cause."),
        Section("fix:x", "How to fix it", "1. `STRUST` → Change → Import certificate.\n2. Save."),
        Section("sources:x", "Sources", f"- <{URL}>"),
    ),
)


class One(App[None]):
    """A tiny app holding one widget in a scrolling pane."""

    def __init__(self, widget: Any) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield self.widget


def text_of(answer: Answer, width: int = 76) -> str:
    return answer.plain_text(width)


async def test_an_answer_shows_the_verdict_and_only_the_titles_of_its_sections() -> None:
    answer = Answer(DOC)
    async with One(answer).run_test(size=(80, 24)):
        shown = text_of(answer)
        assert "Most likely cause: the root CA is missing" in shown
        assert "Next step: import it in STRUST" in shown
        assert [line for line in shown.splitlines() if line.startswith(("▸", "▾"))] == [
            "▸ Likely causes", "▸ How to fix it", "▸ Sources"]
        assert "Root CA missing" not in shown  # the details wait behind their title
        assert answer.markdown_source == DOC.markdown()  # copies and exports get everything


async def test_clicking_a_section_title_opens_and_closes_it() -> None:
    answer = Answer(DOC)
    async with One(answer).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = next(y for y, line in enumerate(text_of(answer, answer.text_width).splitlines())
                     if line == "▸ How to fix it")
        await pilot.click(Answer, offset=(4, title))
        await pilot.pause()
        assert "▾ How to fix it" in text_of(answer) and "STRUST → Change → Import certificate" in text_of(answer)
        await pilot.click(Answer, offset=(4, title))
        await pilot.pause()
        assert "STRUST → Change" not in text_of(answer)


LONG_TITLES = AnswerDoc(
    headline="SCLNT_HTTP416 — Logon at proxy failed",
    verdict="**Most likely cause:** the proxy rejected the logon.",
    sections=(
        Section("fix:a", "How to fix it — if: Proxy rejected the proxy logon (407 Proxy Authentication Required)",
                "1. Check the proxy user."),
        Section("fix:b", "How to fix it — if: Server certificate chain not trusted by the SSL client PSE",
                "1. Import the root CA."),
    ),
)


async def test_a_long_section_title_wraps_whole_under_its_mark_and_all_its_lines_open_it() -> None:
    answer = Answer(LONG_TITLES)
    async with One(answer).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = text_of(answer, answer.text_width).splitlines()
        assert not any("…" in line for line in lines)  # no title cut at the edge
        first = next(i for i, line in enumerate(lines) if line.startswith("▸ How to fix it — if:")
                     and "Proxy" in lines[i] + lines[i + 1])
        # Broken where its clauses meet, the cause's title whole on the second line, under the text.
        assert lines[first + 1].startswith("  Proxy") and "Required)" in lines[first + 1]
        assert " ".join(line.strip(" ▸") for line in lines[first:first + 2]) == (
            "How to fix it — if: Proxy rejected the proxy logon (407 Proxy Authentication Required)")
        await pilot.click(Answer, offset=(6, first + 1))  # the title's second line
        await pilot.pause()
        assert answer.opened == {0} and "Check the proxy user." in text_of(answer)


async def test_keys_move_between_sections_and_enter_opens_one() -> None:
    answer = Answer(DOC)
    async with One(answer).run_test(size=(80, 24)) as pilot:
        answer.focus()
        await pilot.press("down", "enter")
        assert answer.opened == {1}
        await pilot.press("up", "space")
        assert answer.opened == {0, 1}
        answer.set_all(False)
        assert not answer.opened and not answer.all_open


async def test_a_resize_re_wraps_without_parsing_again_and_urls_stay_whole() -> None:
    answer = Answer(DOC, open_sections=True)
    async with One(answer).run_test(size=(120, 30)) as pilot:
        blocks = answer.model.head  # parsed once
        wide = len(answer.lines())
        await pilot.resize_terminal(72, 30)
        await pilot.pause()
        assert answer.model.head is blocks
        narrow = answer.lines()
        assert len(narrow) > wide  # re-wrapped for the new width
        assert max(line.cell_length for line in narrow) <= answer.text_width
        assert sum(line.plain.count(URL) for line in narrow) == 2  # it fits: never split
        await pilot.resize_terminal(40, 30)
        await pilot.pause()
        pieces = [line.plain.strip(" •-") for line in answer.lines() if "wiki" in line.plain or "Guide" in line.plain]
        assert any(p.endswith("/") for p in pieces)  # longer than a line: broken after a '/'



async def test_a_theme_switch_re_colours_the_painted_lines() -> None:
    answer = Answer(DOC)
    app = One(answer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        headline = answer.render_line(0)
        app.theme = "textual-light"
        await pilot.pause()
        assert answer.render_line(0).text == headline.text
        assert answer.render_line(0) != headline  # same text, the light theme's colours


def _finding(step: str, status: str, detail: str, ms: float) -> Finding:
    return Finding(step, status, detail, ms)  # type: ignore[arg-type]


async def test_the_step_box_keeps_each_time_in_its_own_column_and_shows_the_running_step() -> None:
    box = CheckProgress("https://api.example.com/sap/bc/ping")
    async with One(box).run_test(size=(60, 24)) as pilot:
        assert "running: resolving the host name" in box.plain_text(56)
        box.add_finding(_finding("resolve", "ok", "api.example.com → 192.0.2.10", 2))
        box.add_finding(_finding("connect", "ok", "connected to 192.0.2.10:443 after a long wait "
                                 "that makes this detail wrap over several lines of the box", 1234))
        box.add_finding(_finding("proxy", "skip", "no proxy (direct connection)", 0))
        await pilot.pause()
        shown = box.plain_text(56).splitlines()
        assert "running: TLS handshake" in shown[-1]  # the step after the last that reported
        connect = next(i for i, line in enumerate(shown) if "connect" in line)
        assert shown[connect].endswith("1234 ms")  # on the step's first row, whole
        assert not any(line.rstrip().endswith(("1234", "ms")) for line in shown[connect + 1:-1])
        assert all(len(line) <= 56 for line in shown)
        box.finish("done — verdict: ok", "done", "ok")
        assert box.plain_text(56).splitlines()[-1] == "done — verdict: ok"


async def test_the_step_box_shows_the_steps_not_run_on_one_row() -> None:
    box = CheckProgress("https://no-such-host.invalid/")
    async with One(box).run_test(size=(80, 24)) as pilot:
        box.add_finding(_finding("resolve", "fail", "no-such-host.invalid cannot be resolved", 2))
        for name in ("connect", "proxy", "tls", "observe", "chain", "client_cert", "http"):
            box.add_finding(_finding(name, "skip", "not run: an earlier step failed or time ran out", 0))
        box.finish("done — verdict: error", "done", "error")
        await pilot.pause()
        shown = box.plain_text(76).splitlines()
        assert len(shown) <= 5  # title, the failed step, one row (wrapped) for the rest, the status
        assert sum("not run" in line for line in shown) == 1 and "connect, proxy, TLS" in shown[2]
        assert "the resolve step failed" in " ".join(line.strip() for line in shown[2:4])
