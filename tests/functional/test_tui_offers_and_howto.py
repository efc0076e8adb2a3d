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


async def test_the_topic_bar_names_the_term_a_how_to_was_about() -> None:
    """After "how do I import a certificate in STRUST?" the topic is STRUST, not the cause
    its words also met (an untrusted chain); the next report moves it on."""
    from assistant.tui.widgets.topic import TopicBar

    async with ready_chat() as (app, pilot):
        for text, expected in [
            ("how do I import a certificate in STRUST?", "STRUST — Trust Manager"),
            ("what is SNI?", "SNI (TLS Server Name Indication)"),
            ("HTTP error 411 occured: ICM_HTTP_CONNECTION_REFUSED", "SCLNT_HTTP411"),
        ]:
            before = len(answers(app))
            await submit(pilot, app, text)
            await wait_until(pilot, lambda n=before: len(answers(app)) > n, timeout=15, what="the answer")
            await pilot.pause()
            assert (app.query_one(TopicBar).topic or "").startswith(expected), text


def test_the_welcomes_example_is_one_a_check_is_offered_for() -> None:
    """The welcome's example that names an endpoint names one a check can reach (not a
    reserved example name, which no answer offers to check)."""
    import re

    from assistant.intent.hosts import can_be_called
    from assistant.tui.texts import WELCOME

    hosts = re.findall(r"(?:https?://)?([a-z0-9.-]+\.[a-z]{2,})(?::\d+)?", WELCOME)
    assert hosts, WELCOME
    assert all(can_be_called(h) for h in hosts), hosts
