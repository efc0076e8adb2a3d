"""An id shown to a person in a first line is in words, with the code beside it: a code the
base sees with no message (an ABAP exception such as CREATE_PSE_NOT_FOUND) heads the answer
by what it means, and the wrapping exception's answer says what failed before its name. A
code seen with a message keeps its headline "CODE (-n) → SCLNT_HTTPnnn". Invented texts."""

from __future__ import annotations

import re

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


_BARE_ID_FIRST = re.compile(r"^[A-Za-z0-9]+_[A-Za-z0-9_]+\b")


@pytest.mark.parametrize(
    "text",
    [
        "Our test report for the SSL connection to github.com ends with the exception PSE_NOT_FOUND.",
        "abapGit ends with HTTP_COMMUNICATION_FAILURE.",
    ],
)
def test_a_code_without_a_message_heads_the_answer_in_words(text: str, kb: KnowledgeBase) -> None:
    doc = build_answer_doc(route(text, kb), kb)
    guess = [p.removeprefix("**Best guess:** ") for p in doc.verdict.split("\n\n") if p.startswith("**Best guess:**")]
    shown = guess[0] if guess else doc.headline  # what the answer is headed by
    assert not _BARE_ID_FIRST.match(shown), shown
    assert re.search(r"\([A-Za-z_]+\)", shown), shown


def test_the_code_in_words_is_not_said_again_as_the_most_likely_cause(kb: KnowledgeBase) -> None:
    text = "Our test report for the SSL connection to github.com ends with the exception PSE_NOT_FOUND."
    doc = build_answer_doc(route(text, kb), kb)
    assert "Most likely cause" not in doc.verdict


def test_a_code_seen_with_a_message_keeps_the_message_beside_it(kb: KnowledgeBase) -> None:
    text = "SSL handshake with api.example.org:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)"
    assert build_answer_doc(route(text, kb), kb).headline.startswith("SSSLERR_PEER_CERT_UNTRUSTED (-102) → SCLNT_HTTP421")
