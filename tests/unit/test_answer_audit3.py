"""Classes of the third answers audit (docs/research/answers_audit_2.md, "Round 3"), on
the bundled base. Each test first checks that the router hands over the material that
made the answer mislead (so the test can fail), then what the answer shows instead. The
texts are written for the class, not copied from reports."""

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
    ("text", "term", "useful"),
    [
        ("SM59 test connection fails", "SM59", "Technical Settings"),
        ("the connection test in SM59 gives an error", "SM59", "Logon & Security"),
        ("SMICM shows an error", "SMICM", "Trace"),
    ],
)
def test_a_report_naming_a_transaction_but_no_error_says_so_and_gives_what_to_check(
    kb: KnowledgeBase, text: str, term: str, useful: str
) -> None:
    routed = route(text, kb)
    assert routed.question and term in routed.glossary and not routed.entities.message_ids
    doc = build_answer_doc(routed, kb)
    lines = doc.verdict.split("\n\n")
    assert "no error" in doc.headline.lower()
    assert lines[0].startswith(f"**Your text names {term} but no error yet**")
    assert lines[1] == f"**{routed.question}**"
    assert "Best guess" not in doc.verdict  # a guess that names no guess is gone
    first = doc.sections[0]
    assert first.key == f"glossary:{term}" and useful in first.markdown and "meanwhile" in first.title


def test_a_guess_about_a_report_naming_a_transaction_is_named_with_the_transactions_checks(kb: KnowledgeBase) -> None:
    routed = route("SM59 connection test: certificate not trusted", kb)
    assert routed.question and "SM59" in routed.glossary and routed.messages
    doc = build_answer_doc(routed, kb)
    guess = next(v for v in doc.verdict.split("\n\n") if v.startswith("**Best guess:**"))
    assert "SM59" not in guess and routed.messages[0].id in guess  # a guess that names one
    assert doc.sections[0].key == "glossary:SM59" and "meanwhile" in doc.sections[0].title


def test_a_question_about_a_term_still_gets_the_term(kb: KnowledgeBase) -> None:
    routed = route("what is SM59?", kb)
    assert routed.question is None
    doc = build_answer_doc(routed, kb)
    assert doc.headline == "SM59 — RFC/HTTP destinations"
    assert not doc.verdict.endswith(":")  # a list's lead-in is not left hanging as the line


@pytest.mark.parametrize(
    "text",
    [
        "RFC_ERROR_COMMUNICATION partner '10.1.1.1:sapgw00' not reached",  # id not in the title
        "Node.js: Error: unable to get local issuer certificate",  # the title names the id
    ],
)
def test_where_the_fix_lives_names_its_id_once_and_its_heading_fits_80_columns(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    pointer = kb.glossary[routed.scope.pointer or ""]
    doc = build_answer_doc(routed, kb)
    line = next(v for v in doc.verdict.split("\n\n") if v.startswith("**Where the fix lives:**"))
    assert line.count(pointer.id) == 1  # "NODE_EXTRA_CA_CERTS (`NODE_EXTRA_CA_CERTS`)" said it twice
    section = next(s for s in doc.sections if s.key == f"glossary:{pointer.id}")
    assert section.title == pointer.title and len(section.title) <= 80
