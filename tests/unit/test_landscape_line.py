"""A sentence that only describes the landscape lends a report no keywords; "host" beside a
failure or a call stays evidence (landscapeline.py; benchmarks/scope_invariance.py:
`landscape`). The phrasings are invented."""

from __future__ import annotations

import pytest

from assistant.intent.kbindex import index_for
from assistant.intent.landscapeline import describes_the_landscape, without_landscape_sentences
from assistant.intent.parsing import parse_text
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.routes import top_cause

# Reports that name their failure in a few words only, so that a word more can move their cause.
REPORTS = [
    "The pull of the repository into our ABAP system stops with a communication failure, and the "
    "same pull worked last week.",
    "Our connector reads the tables of the ABAP system over RFC and now fails with a schema error "
    "after the move to RISE.",
    "The refresh of the report in the cloud service fails with an error saying the source is not supported.",
]
LANDSCAPES = [
    "Our landscape has a DEV, a QAS and a PRD system, each on its own host.",
    "All three systems are installed on one host with Linux.",
]
# Sentences with "host" or "server" that say more than where a system stands.
EVIDENCE = [
    "The host is not found.",
    "Our system runs on host sapprd01 and calls the partner's API.",
    "The PRD system runs on its own host behind the proxy.",
    "Since the move the system installed on the new server cannot reach the partner.",
    "Each system runs on its own host, and the certificate of the partner is not trusted.",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize("landscape", LANDSCAPES)
@pytest.mark.parametrize("report", REPORTS)
def test_a_landscape_sentence_does_not_move_the_top_cause(report: str, landscape: str, kb: KnowledgeBase) -> None:
    assert top_cause(f"{report}\n{landscape}", kb) == top_cause(report, kb)


@pytest.mark.parametrize("landscape", LANDSCAPES)
def test_a_landscape_sentence_gives_no_keyword(landscape: str, kb: KnowledgeBase) -> None:
    parsed = parse_text(f"{REPORTS[0]} {landscape}", kb, index_for(kb))
    assert "host" not in parsed.weights


@pytest.mark.parametrize("landscape", LANDSCAPES)
def test_the_landscape_is_read_as_such(landscape: str) -> None:
    assert describes_the_landscape(landscape)
    read = without_landscape_sentences(f"{REPORTS[0]}\n{landscape}")
    assert REPORTS[0] in read
    assert "host" not in read


@pytest.mark.parametrize("sentence", EVIDENCE)
def test_host_beside_a_failure_or_a_call_stays_evidence(sentence: str, kb: KnowledgeBase) -> None:
    assert not describes_the_landscape(sentence)
    assert without_landscape_sentences(sentence) == sentence
    parsed = parse_text(f"{REPORTS[0]} {sentence}", kb, index_for(kb))
    assert parsed.weights.keys() & {"host", "server"}
