"""A yes/no question whether something is the cause is a class by its form, not by its verb:
"is it the proxy?", "could it be the host name?", "might it be the certificate?", "do you think
it's the proxy?", "is it maybe …", "kann es am Proxy liegen?" — each asks the same, and each
gets the same plain yes/no line first, also when what it names is no glossary term (a host
name, the certificate): then the causes that mention its words are what it asks about. The
sentences are invented for the class (dev has no such follow-up: its items are single reports)."""

from __future__ import annotations

import pytest

from assistant.intent.dialogue import asked_subject, asks_whether_it_is
from assistant.intent.state import DialogueState
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.services.answering import answer_question

FORMS = [
    ("is it the proxy?", "proxy"),
    ("could it be the host name?", "host name"),
    ("might it be the certificate?", "certificate"),
    ("may it be the firewall?", "firewall"),
    ("can it be the proxy?", "proxy"),
    ("would it be the firewall?", "firewall"),
    ("is it maybe the proxy?", "proxy"),
    ("do you think it is the proxy?", "proxy"),
    ("do you think it's the certificate?", "certificate"),
    ("maybe it is the firewall?", "firewall"),
    ("could it possibly be the host name?", "host name"),
    ("might the proxy be the problem?", "proxy"),
    ("can the certificate be the cause?", "certificate"),
    ("kann es am Proxy liegen?", "Proxy"),
    ("könnte es die Firewall sein?", "Firewall"),
]


@pytest.mark.parametrize(("text", "subject"), FORMS)
def test_every_modal_form_asks_whether_it_is(text: str, subject: str) -> None:
    assert asks_whether_it_is(text)
    assert asked_subject(text) == subject


@pytest.mark.parametrize("text", ["the proxy is required", "how do I set the proxy?", "what is SNI?"])
def test_a_statement_or_another_question_is_no_yes_no_question(text: str) -> None:
    assert not asks_whether_it_is(text)


_YES_NO = ("**Yes", "**No", "**Nothing you said", "**Possibly", "**Probably")
_TOPIC = "SM59 connection test fails with ICM_HTTP_CONNECTION_FAILED calling https://api.partner.de"


@pytest.mark.parametrize("text", [text for text, _ in FORMS])
def test_every_modal_form_gets_the_yes_no_line_first(bundled_kb: KnowledgeBase, text: str) -> None:
    state = answer_question(_TOPIC, bundled_kb, DialogueState()).routed.state
    answered = answer_question(text, bundled_kb, state)
    first = answered.doc.verdict.split("\n\n")[0]
    assert first.startswith(_YES_NO), first


def test_a_question_about_no_subject_gets_no_yes_no_line(bundled_kb: KnowledgeBase) -> None:
    state = answer_question(_TOPIC, bundled_kb, DialogueState()).routed.state
    answered = answer_question("is it working now?", bundled_kb, state)
    assert not answered.doc.verdict.startswith(_YES_NO)
    assert "has nothing on" not in answered.doc.verdict
