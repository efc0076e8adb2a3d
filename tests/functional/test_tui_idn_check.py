"""The chat's live check names an `xn--` host with its Unicode form, as the report's header
does: the progress widget's title and the note kept in the transcript spoke only of
`xn--bcher-kva…` while the admin had written `bücher…`. Driven through the real app (Pilot);
`.invalid` names only, which never resolve."""

from __future__ import annotations

from assistant.tui.widgets.check_progress import CheckProgress
from tests.support.pilot import notices, ready_chat, submit, wait_until

SHOWN = "https://xn--bcher-kva.invalid/ (bücher.invalid)"


async def test_the_progress_of_a_check_of_an_idn_host_names_its_unicode_form() -> None:
    async with ready_chat() as (app, pilot):
        await submit(pilot, app, "/check https://xn--bcher-kva.invalid/ --timeout 2")
        await wait_until(pilot, lambda: bool(app.query(CheckProgress)), what="the check's progress")
        progress = app.query_one(CheckProgress)
        assert progress.target == SHOWN
        assert f"Live check of {SHOWN}" in notices(app)
        await wait_until(pilot, lambda: progress.state != "running", timeout=15, what="the check to end")


async def test_a_plain_host_is_named_as_it_was() -> None:
    async with ready_chat() as (app, pilot):
        await submit(pilot, app, "/check https://erp.sapassist.invalid/ --timeout 2")
        await wait_until(pilot, lambda: bool(app.query(CheckProgress)), what="the check's progress")
        progress = app.query_one(CheckProgress)
        assert progress.target == "https://erp.sapassist.invalid/"
        assert "Live check of https://erp.sapassist.invalid/" in notices(app)
        await wait_until(pilot, lambda: progress.state != "running", timeout=15, what="the check to end")
