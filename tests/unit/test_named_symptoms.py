"""A named symptom is a reported problem whatever verbs stand (answers26, item 1).

"abapGit: certificate not trusted when pulling … we imported the root CA into ANONYM" has
no "fails" or "error", yet it reports a failure: a message's short text ("certificate not
trusted"), a refusal ("connection refused") or a timeout ("timed out") is the symptom
itself. Such a report is no question about the PSE it names: it must not be answered as
the ANONYM term's definition. On the bundled base."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


GLOSSARY_TITLE = "SSL client Anonymous (ANONYM) PSE"


@pytest.mark.parametrize(
    "text",
    [
        "abapGit: certificate not trusted when pulling from github.com. We imported the root CA into ANONYM.",
        "abapGit pull: SSL certificate not trusted. ANONYM holds the root CA.",
        "abapGit: connection refused when pulling from github.com. We imported the root CA into ANONYM.",
        "abapGit: timed out when pulling from github.com, the root CA is in ANONYM.",
    ],
)
def test_a_named_symptom_beside_a_term_is_a_reported_problem(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.reports_problem
    doc = build_answer_doc(routed, kb)
    assert GLOSSARY_TITLE not in doc.headline, doc.headline


@pytest.mark.parametrize(
    "text", ["ANONYM", "what is ANONYM?", "which PSE is ANONYM", "we imported the root CA into ANONYM"]
)
def test_a_term_without_a_symptom_reports_no_problem(kb: KnowledgeBase, text: str) -> None:
    assert not route(text, kb).reports_problem
