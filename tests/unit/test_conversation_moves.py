"""A conversation that moves between problems (chatback): a restart question with no topic gets
the base's general rule and names no message; going back to an earlier topic continues it, or
asks which one when the pointer fits several; a yes/no question about a cause is answered
plainly from the topic's own evidence first; a pronoun carries a ruling to the names before it.
Each test is a class of turn over several wordings, not one sentence."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.dialogues import answers_to, talk

UNTRUSTED = "SM59 fails with SCLNT_HTTP421, SSL certificate not trusted, calling https://api.partner.de/v1"
REFUSED = "ICM_HTTP_CONNECTION_REFUSED for the SII destination"


@pytest.mark.parametrize("ask", ["do I need to restart the ICM?", "muss ich den ICM neu starten?",
                                 "Do we have to restart the instance after changing a parameter?"])
def test_a_restart_question_without_a_topic_names_no_message(bundled_kb: KnowledgeBase, ask: str) -> None:
    routed = route(ask, bundled_kb)
    assert routed.messages == [] and routed.question is None
    assert not routed.state.has_topic  # the next "how do I fix it?" is about nothing guessed
    verdict = answers_to(bundled_kb, ask)[0].doc.verdict
    assert "SCLNT_HTTP" not in verdict
    assert "Exit Soft" in verdict  # the ICM's restart, as the base says it
    assert "instance" in verdict  # what needs the instance restarted
    # what needs neither, from the base's parameters marked dynamic (never one of ours)
    assert "`icm/conn_timeout`" in verdict and "dynamic" in verdict.lower()
    assert "`icm/traffic_control`" in verdict  # a parameter the base marks not dynamic


def test_a_restart_question_on_a_topic_still_answers_for_the_topic(bundled_kb: KnowledgeBase) -> None:
    first, asked = talk(bundled_kb, UNTRUSTED, "do I need to restart the ICM?")
    assert asked.messages[0].id == "SCLNT_HTTP421" and asked.state.messages[:1] == ("SCLNT_HTTP421",)
