"""The real chat (Pilot): a live check is offered only for a name a check can reach, like
the verdict and the piped chat (Routed.offered_target) — "yes" after an answer about a
single-label or example name runs nothing; a how-to about a term shows its steps open."""

from __future__ import annotations

import pytest

from assistant.tui.widgets.check_progress import CheckProgress
from tests.support.pilot import answers, ready_chat, submit, wait_until

pytestmark = pytest.mark.usefixtures("tui_env")


@pytest.mark.parametrize("text", [
    "https://sapdatahubtrial answers 502 Bad Gateway",
    "SSL handshake with api.example.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED",
])
async def test_no_offer_for_a_name_no_check_can_reach(text: str) -> None:
    async with ready_chat() as (app, pilot):
        before = len(answers(app))
        await submit(pilot, app, text)
        await wait_until(pilot, lambda: len(answers(app)) > before, timeout=15, what="the answer")
        assert app.questions.offered_target is None
        before = len(answers(app))
        await submit(pilot, app, "yes")
        await wait_until(pilot, lambda: len(answers(app)) > before, timeout=15, what="the reply to yes")
        assert not app.query(CheckProgress)


async def test_a_reachable_name_is_still_offered() -> None:
    async with ready_chat() as (app, pilot):
        before = len(answers(app))
        await submit(pilot, app, "SSL handshake with api.partner.corp:443 failed: SSSLERR_PEER_CERT_UNTRUSTED")
        await wait_until(pilot, lambda: len(answers(app)) > before, timeout=15, what="the answer")
        assert app.questions.offered_target == "api.partner.corp"


async def test_a_how_to_about_a_term_shows_its_steps_open() -> None:
    """ "how do I import a certificate in STRUST?" is answered by STRUST's steps, shown open
    (a how-to is a request for steps, like "how do I fix it?")."""
    async with ready_chat() as (app, pilot):
        before = len(answers(app))
        await submit(pilot, app, "how do I import a certificate in STRUST?")
        await wait_until(pilot, lambda: len(answers(app)) > before, timeout=15, what="the answer")
        model = answers(app)[-1].model
        opened = [model.titles[i] for i in sorted(model.opened)]
        assert opened == ["In detail"], model.titles
        assert "Add to Certificate List" in "\n".join(line.plain for line in model.lines(78))
