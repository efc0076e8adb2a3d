"""The Textual chat answers how-tos by what they are about, as `ask` does
(tests/unit/test_howto_subjects.py): the set-up path for a question about making the call,
a German how-to as its English twin, an outside subject as outside."""

from __future__ import annotations

import pytest

from assistant.answers.howto import OUTSIDE_HEADLINE
from tests.support.pilot import answer_to, ready_chat, screen_text

pytestmark = pytest.mark.usefixtures("tui_env")  # conftest.py: history, conversations, exports in tmp


async def test_the_chat_gives_the_set_up_path_and_reads_german_and_outside_subjects() -> None:
    async with ready_chat() as (app, pilot):
        setup = await answer_to(pilot, app, "how do I call an HTTPS API from ABAP?")
        assert setup.doc.headline.startswith("Steps from the entry: Calling an external HTTP or HTTPS service")
        await pilot.pause(0.2)
        assert "type G" in screen_text(app)  # the first step is in the verdict, on screen
        german = await answer_to(pilot, app, "wie importiere ich ein Zertifikat in STRUST?")
        assert german.doc.headline.startswith("STRUST")
        outside = await answer_to(pilot, app, "which transactions do I need for HANA backups?")
        assert outside.doc.headline == OUTSIDE_HEADLINE
