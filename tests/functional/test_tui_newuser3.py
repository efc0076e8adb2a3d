"""newuser3's conversations in the real chat (Pilot, real knowledge base): a follow-up whose
sections were all shown before says where they are, and a follow-up on the SAP system's 403
keeps where its side shows why as the next step."""

from __future__ import annotations

import pytest

from tests.support.pilot import answer_to, ready_chat, screen_text

pytestmark = pytest.mark.usefixtures("tui_env")  # conftest.py: history, conversations, exports in tmp

INBOUND_403 = "We call our S/4HANA OData service from Postman and get 403 Forbidden."


async def test_a_follow_up_with_every_section_shown_names_them_at_80x24() -> None:
    async with ready_chat(size=(80, 24)) as (app, pilot):
        await answer_to(pilot, app, INBOUND_403)
        await answer_to(pilot, app, "how do I fix it?")
        last = await answer_to(pilot, app, "which log shows why?")
        await pilot.pause(0.3)
        assert not last.doc.sections
        assert "SICF" in last.doc.verdict  # the 403's next step, kept from the topic
        screen = screen_text(app)
        assert "Shown above in this conversation:" in screen
        assert "Where the called SAP system shows" in screen
        assert "**" not in screen  # no markup shown raw
