"""A question about something else entirely, asked during a topic ("what time is it in
Walldorf?"): said to be outside what sapassist knows, with the topic kept for the next turn —
not answered as a follow-up of the topic, and its everyday words ("match", "time") moving
none of the topic's causes. Follow-ups that name no subject stay follow-ups."""

from __future__ import annotations

import pytest

from assistant.answers.howto import OUTSIDE_HEADLINE
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.dialogues import answers_to, talk

TOPIC = "What does SCLNT_HTTP407 mean?"
OUTSIDE = ["what time is it in Walldorf?", "can you write me a poem", "who won the match yesterday",
           "what is the weather in Walldorf?", "wie spät ist es in Walldorf?"]


@pytest.mark.parametrize("aside", OUTSIDE)
def test_a_question_outside_the_domain_is_said_to_be_outside(bundled_kb: KnowledgeBase, aside: str) -> None:
    answered = answers_to(bundled_kb, TOPIC, aside)[-1]
    assert not answered.routed.follow_up
    assert answered.routed.scope.kind == "unknown" and not answered.routed.messages and not answered.routed.causes
    assert answered.doc.headline == OUTSIDE_HEADLINE
    assert answered.routed.state.pending is None  # it asked nothing back


@pytest.mark.parametrize("aside", OUTSIDE)
def test_the_topic_waits_through_a_question_outside(bundled_kb: KnowledgeBase, aside: str) -> None:
    direct = talk(bundled_kb, TOPIC, "how do I fix it?")[-1]
    after = talk(bundled_kb, TOPIC, aside, "how do I fix it?")[-1]
    assert after.follow_up and after.messages[0].id == "SCLNT_HTTP407"
    assert [c.id for c in after.causes[:3]] == [c.id for c in direct.causes[:3]]


@pytest.mark.parametrize("follow_up", ["ok", "what else?", "tell me more", "which SAP note?", "why?",
                                       "does that apply to 7.50?", "wie behebe ich das?", "is there a workaround?"])
def test_a_follow_up_with_no_subject_of_its_own_stays_on_the_topic(bundled_kb: KnowledgeBase, follow_up: str) -> None:
    last = talk(bundled_kb, TOPIC, follow_up)[-1]
    assert last.follow_up and last.messages[0].id == "SCLNT_HTTP407"


TOOL_ERRORS = ["TypeError: Cannot read properties of undefined (reading 'url')",
               "now the script says KeyError: 'x-csrf-token'",
               "Error: missing parameter client in config"]


@pytest.mark.parametrize("topic", [TOPIC, "HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED"])
@pytest.mark.parametrize("error", TOOL_ERRORS)
def test_a_short_tool_error_mid_topic_is_the_tools_own_and_the_topic_waits(
        bundled_kb: KnowledgeBase, topic: str, error: str) -> None:
    # Before: a tool's own error of a few words after a topic was read as its follow-up and
    # answered with the topic's message again. It is answered as the tool's own error, as it
    # is on its own, and the next "how do I fix it?" is still about the topic.
    alone = answers_to(bundled_kb, error)[-1]
    first, said = answers_to(bundled_kb, topic, error)
    assert not said.routed.follow_up and not said.routed.messages
    assert said.doc.headline == alone.doc.headline
    direct = talk(bundled_kb, topic, "how do I fix it?")[-1]
    after = talk(bundled_kb, topic, error, "how do I fix it?")[-1]
    assert after.follow_up and after.messages[0].id == first.routed.messages[0].id
    assert [c.id for c in after.causes[:3]] == [c.id for c in direct.causes[:3]]
