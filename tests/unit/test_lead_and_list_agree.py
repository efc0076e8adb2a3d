"""The answer's lead and its list of causes come from one order: the router's causes
(`Routed.causes`, ask --json, the topic kept for the next turn) are already in the order the
answer states them (intent.lead.evidence_first: a cause met only by words shared with its long
explanation is never first while one with evidence of its own is there). And a turn that only
says what worked before or elsewhere ("it worked until last week", "im Browser geht es") is the
topic's call seen from another time or place: a follow-up, not a new problem to ask about.
Conversations invented for the class (English and German)."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.answers.verdict import top_cause
from assistant.intent import route
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

TOPICS = (
    "SM59 connection test to https://api.partner.de fails with SSSLERR_PEER_CERT_UNTRUSTED",
    "SM59 connection test to https://api.partner.de fails with ICM_HTTP_CONNECTION_FAILED",
)
LATER = ("it worked until last week", "It worked until last week, now it fails", "bis letzte Woche hat es funktioniert",
         "In the browser it works", "im Browser geht es", "how do I fix it? it worked until last week")


def _talk(kb: KnowledgeBase, *turns: str) -> Routed:
    state, routed = None, None
    for turn in turns:
        routed = route(turn, kb, state)
        state = routed.state
    assert routed is not None
    return routed


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("later", LATER)
def test_what_worked_before_or_elsewhere_continues_the_topic(bundled_kb: KnowledgeBase, topic: str, later: str) -> None:
    routed = _talk(bundled_kb, topic, later)
    assert routed.follow_up and not routed.new_topic and routed.question is None
    assert routed.messages[0].id == route(topic, bundled_kb).messages[0].id


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("later", LATER)
def test_the_lead_and_the_list_name_the_same_first_cause(bundled_kb: KnowledgeBase, topic: str, later: str) -> None:
    routed = _talk(bundled_kb, topic, later)
    lead = top_cause(routed, bundled_kb)
    assert lead is not None and routed.causes[0].id == lead.id, [c.id for c in routed.causes[:3]]
    assert routed.to_json()["causes"][0]["id"] == lead.id
    assert routed.state.causes[0] == lead.id  # the next "how do I fix it?" is about it too
    doc = build_answer_doc(routed, bundled_kb)
    assert lead.title in doc.verdict
