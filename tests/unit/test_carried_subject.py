"""A short answer whose subject is a pronoun ("it blocks it", "no, it's open", "sie ist offen",
"die blockiert nicht") or an elliptic yes/no ("yes it does" after "does the firewall block port
443?") states something of the subject the last turn named: the real router, turn after turn,
reads it as that subject's statement, and the answer quotes it as typed with what it was read
as. Any other short "it …" turn is read as typed. Conversations invented for the class."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.result import Routed
from assistant.kb.knowledge_base import KnowledgeBase

TOPIC = "SM59 connection test to https://api.partner.de fails with ICM_HTTP_CONNECTION_FAILED"


# Subjects read from the same words: an answer about one is not a statement of the other.
_TWINS = {"port": ("firewall",), "firewall": ("port",)}


def _talk(kb: KnowledgeBase, *turns: str) -> Routed:
    state = None
    routed = None
    for turn in turns:
        routed = route(turn, kb, state)
        state = routed.state
    assert routed is not None
    return routed


@pytest.mark.parametrize(
    ("asked", "answer", "subject", "affirmed"),
    [
        ("what about the firewall?", "it blocks it", "firewall", True),
        ("what about the firewall?", "no, it's open", "firewall", False),
        ("what about the firewall?", "no, it isnt blocking", "firewall", False),
        ("is port 443 open?", "no, it's blocked", "port", True),
        ("does the firewall block port 443?", "yes it does", "firewall", True),
        ("does the firewall block port 443?", "no, it doesn't", "firewall", False),
        ("is the port open?", "yes it is", "port", False),
        ("und die Firewall?", "die blockiert nicht", "firewall", False),
        ("und die Firewall?", "sie ist offen", "firewall", False),
        ("and the proxy?", "it is not involved", "proxy_path", False),
        # a question's subject, not the last name it says, is what a short answer speaks of
        ("is port 443 open in the firewall?", "no, it's blocked", "port", True),
        ("is port 443 open in the firewall?", "yes, it is open", "port", False),
        ("is the port open on the firewall?", "no, it's blocked", "port", True),
        ("does the firewall block port 443?", "yes, it blocks it", "firewall", True),
    ],
)
def test_a_pronouns_answer_states_the_last_turns_subject(bundled_kb: KnowledgeBase, asked: str, answer: str,
                                                         subject: str, affirmed: bool) -> None:
    routed = _talk(bundled_kb, TOPIC, asked, answer)
    assert (subject, affirmed) in {(f.subject, f.affirmed) for f in routed.stated}, routed.stated
    assert not any(f.subject != subject and f.subject in _TWINS.get(subject, ()) for f in routed.stated), routed.stated
    said = next(f.said for f in routed.stated if f.subject == subject)
    typed, read_as = said.split(" (", 1)  # the words as typed, with what they were read as in parentheses
    assert typed in answer and ")" in read_as, said


def test_the_statement_is_kept_for_the_topic(bundled_kb: KnowledgeBase) -> None:
    routed = _talk(bundled_kb, TOPIC, "what about the firewall?", "it blocks it")
    assert routed.causes[0].id == "firewall_blocking"
    assert any(s.startswith("firewall|1|") for s in routed.state.stated)


@pytest.mark.parametrize("answer", ["it only happens in the background job", "yes it does", "it works"])
def test_no_subject_to_carry_no_statement(bundled_kb: KnowledgeBase, answer: str) -> None:
    routed = _talk(bundled_kb, TOPIC, "how do I fix it?", answer)
    assert routed.stated == ()
