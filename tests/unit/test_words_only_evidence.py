"""A cause met only by the words it shares with the text is no diagnosis: when no cause of
an SAP-client report has evidence beyond word overlap (no message, constant, code or number,
no sign, status, situation or finding), the answer says so in its first lines and asks the one
thing that decides, instead of headlining the best of them as "the most likely cause". The
name of an exception that wraps every failure, written as words ("a HTTP communication
failure"), is no sign of a missing proxy (a cause that lists the name among its signs). Across the boundary: a cause with a sign of
its own still leads. The texts are invented for the class."""

from __future__ import annotations

import pytest

from assistant.answers.questions import UNSURE_HEADLINE, build_answer_doc
from assistant.intent import route
from assistant.intent.confidence import LOW, QUESTIONS
from assistant.intent.result import KEYWORD_EVIDENCE
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


WORDS_ONLY = [
    "Since we applied the latest SAP note, abapGit no longer asks for my credentials and fails to connect to "
    "the online repositories. The SSL test report says everything is fine.",
    "Since the weekend our abapGit installation fails to connect to the repositories. Nothing was "
    "changed on our side as far as I know.",
]


@pytest.mark.parametrize("text", WORDS_ONLY)
def test_causes_met_by_shared_words_alone_are_not_headlined(text: str, kb: KnowledgeBase) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.causes and all(c.evidence in KEYWORD_EVIDENCE for c in routed.causes)
    assert routed.confidence < LOW
    assert routed.question in (QUESTIONS["exact_text"], QUESTIONS["proxy"])
    doc = build_answer_doc(routed, kb)
    assert doc.headline == UNSURE_HEADLINE
    first_lines = doc.verdict.split("\n\n")[:2]
    assert "Nothing in your text points to one cause" in first_lines[1]
    assert "Most likely cause" not in doc.verdict and "Best guess" not in doc.verdict


@pytest.mark.parametrize(
    "text",
    [
        "When I clone my repository with abapGit I get the following error: HTTP communication failure.",
        "ZABAPGIT_TEST_SSL ends with a Http Communication Failure, could you please help?",
    ],
)
def test_an_exception_written_as_words_is_the_exception_not_a_proxy_guess(text: str, kb: KnowledgeBase) -> None:
    routed = route(text, kb)
    assert routed.words_only and routed.confidence < LOW
    assert routed.question == QUESTIONS["exact_text"]
    doc = build_answer_doc(routed, kb)
    assert "proxy" not in doc.headline.lower()
    assert "Most likely cause" not in doc.verdict


def test_a_cause_with_a_sign_of_its_own_still_leads(kb: KnowledgeBase) -> None:
    text = ("Since the weekend our abapGit installation fails to connect to the repositories. Our network "
            "team says the corporate proxy now requires authentication.")
    routed = route(text, kb)
    assert routed.causes and routed.causes[0].evidence not in KEYWORD_EVIDENCE
    assert "Nothing in your text points to one cause" not in build_answer_doc(routed, kb).verdict
