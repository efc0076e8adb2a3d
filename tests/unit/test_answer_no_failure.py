"""The answer to a longer question that reports no failure (answers/nofailure.py): it says
plainly that the text describes no failed call and what sapassist can help with; it asks no
error text, guesses no client and lists no causes of failures the text never reported. The
entries the text names stay as sections. The phrasings are invented."""

from __future__ import annotations

import pytest

from assistant.answers.document import AnswerDoc
from assistant.answers.questions import build_answer_doc
from assistant.intent import Routed, route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

CREDENTIALS = ("In our automation project a script builds the request for a REST call to a web service and gets an "
               "access token with a client secret kept in the script itself. Where can we store these credentials "
               "securely, what is the best practice?")
RFC_ROLES = ("We are connecting our warehouse system to the ERP with an RFC destination of type 3 in SM59. On the "
             "Logon and Security tab we entered a technical user. Which roles should we assign to that user, and "
             "are there SAP documents on this?")
FILES = ("We are moving from PI/PO to Cloud Integration and would like to pick up files from the application "
         "server directories of our S/4HANA system. There is no file adapter in Cloud Integration, so please "
         "suggest the supported ways to implement this.")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _answer(text: str, kb: KnowledgeBase) -> tuple[Routed, AnswerDoc]:
    routed = route(text, kb)
    return routed, build_answer_doc(routed, kb)


@pytest.mark.parametrize("text", [CREDENTIALS, RFC_ROLES, FILES])
def test_the_answer_says_no_failed_call_is_described(kb: KnowledgeBase, text: str) -> None:
    routed, doc = _answer(text, kb)
    assert routed.question is None  # no error text asked, no client to choose
    assert "no failed call" in doc.headline.lower()
    assert "SCLNT_HTTP" in doc.verdict  # what it can help with
    assert "Which program makes the call" not in doc.markdown()
    assert "I did not understand" not in doc.headline
    titles = " ".join(s.title for s in doc.sections).lower()
    assert "cause" not in titles  # no causes of a failure the text never reported


def test_the_entries_the_text_names_stay(kb: KnowledgeBase) -> None:
    _, doc = _answer(RFC_ROLES, kb)
    assert any(s.key == "glossary:SM59" for s in doc.sections)
    # a how-to about them: the headline says what follows, not "nothing to diagnose"
    assert "nothing to diagnose" not in doc.headline and "entries it names" in doc.headline


def test_without_a_named_entry_the_headline_says_nothing_is_to_diagnose(kb: KnowledgeBase) -> None:
    _, doc = _answer(CREDENTIALS, kb)
    assert not any(s.key.startswith("glossary:") for s in doc.sections)
    assert "nothing to diagnose" in doc.headline


def test_a_question_without_a_failure_makes_no_topic(kb: KnowledgeBase) -> None:
    """The causes its words met are no failure to fix: the next "how do I fix it?" does not
    get their steps as if they were the topic's."""
    routed = route(RFC_ROLES, kb)
    assert routed.state.causes == ()
    assert routed.state.messages == ()
    follow = route("how do I fix it?", kb, routed.state)
    assert "(about the current topic)" not in build_answer_doc(follow, kb).markdown()
