"""A negated "work" says something failed, like "fails" or "error" (issue 8): "SM59 does
not work" is a report about SM59, not a question about the term. On the bundled base."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    "text",
    ["SM59 does not work", "SM59 doesn't work", "SM59 is not working", "SM59 no longer works",
     "SM59 stopped working", "SM59 funktioniert nicht"],
)
def test_a_negated_work_reports_a_problem_like_fails(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    fails = route("SM59 test fails", kb)
    assert routed.reports_problem and fails.reports_problem
    doc = build_answer_doc(routed, kb)
    assert "**Your text names SM59 but no error yet**" in doc.verdict  # as for "SM59 test fails"
    assert doc.headline == build_answer_doc(fails, kb).headline


@pytest.mark.parametrize("text", ["it works now", "how does SM59 work?", "what is SM59"])
def test_work_without_a_negation_is_no_problem_word(kb: KnowledgeBase, text: str) -> None:
    assert not route(text, kb).reports_problem
