"""Sentences that carry no evidence do not make a cause's phrase with the report's words, and
a log's routine lines lend the report no words (benchmarks/scope_invariance.py: `landscape`,
`log_block`). The phrasings are invented."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.kbindex import index_for
from assistant.intent.parsing import parse_text
from assistant.intent.phrasewords import PHRASE_SPAN, word_places
from assistant.intent.routinelog import without_routine_log_lines
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.routes import top_cause

# Reports whose words hold "unknown" (not of a host) and no DNS failure. Not "the reason is
# unknown": that phrase is the reporter's not knowing and is read as no word at all (ignorance.py).
REPORTS = [
    "The connection test of our RFC destination to the partner ends with a logon error, a status "
    "unknown to us, and the partner sees nothing in their logs.",
    "Calling the partner's REST service from our program fails with an exception, an error code "
    "unknown to us; we checked the user and the password twice.",
]
# The setting, added far from those words: "host" is where a system runs, not the host called.
SETTINGS = [
    "Our landscape has three systems, and every system of it runs on a host of its own.",
    "Each of the three systems is installed on its own host.",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("setting", SETTINGS)
def test_words_of_two_sentences_make_no_phrase(report: str, setting: str, kb: KnowledgeBase) -> None:
    # "unknown" in the report and "host" in the setting read as "unknown host", a DNS failure.
    before = top_cause(report, kb)
    assert before != "dns_failure"
    assert top_cause(f"{report}\n{setting}", kb) == before


def test_a_phrase_out_of_order_within_a_sentence_still_counts(kb: KnowledgeBase) -> None:
    causes = [c.id for c in route("The call fails: the host of the partner is unknown to our DNS server.", kb).causes[:1]]
    assert causes == ["dns_failure"]


def test_closeness_is_counted_in_words() -> None:
    near = word_places("the host we call is unknown")
    assert near.together({"host", "unknown"})
    far = word_places("the host " + "word " * PHRASE_SPAN + "is unknown")
    assert not far.together({"host", "unknown"})
    assert far.together({"host", "zertifikat"})  # a word the text does not hold as written is not placed
    assert word_places("unknown " + "x " * 40 + "host " + "y " * 3 + "unknown").together({"host", "unknown"})


LOG_BEFORE = ("2023-11-02 08:01:17,302 INFO  [main] Reading settings from conf/service.properties\n"
              "2023-11-02 08:01:17,655 DEBUG [pool-1] Thread pool started with 8 workers\n")
LOG_AFTER = "[INFO] Process finished, output written to out/result.txt\n"


@pytest.mark.parametrize("report", [
    "Our ABAP report calls the partner's service over HTTPS and gets SSL handshake failed: SSSLERR_PEER_CERT_UNTRUSTED.",
    "The SM59 destination to the partner times out after 30 seconds, the proxy is set in the destination.",
])
def test_routine_log_lines_around_a_report_lend_it_no_words(report: str, kb: KnowledgeBase) -> None:
    # "settings", "thread", "pool", "process", "output" overlapped with causes' words.
    logged = parse_text(f"{LOG_BEFORE}{report}\n{LOG_AFTER}", kb, index_for(kb))
    assert logged.weights == parse_text(report, kb, index_for(kb)).weights
    assert top_cause(f"{LOG_BEFORE}{report}\n{LOG_AFTER}", kb) == top_cause(report, kb)


@pytest.mark.parametrize("line", [
    "[INFO] BUILD FAILURE",
    "2023-11-02 08:01:18,004 INFO  [main] Connection failed: handshake error",
    "2023-11-02 08:01:18,004 WARN  [main] Reading settings took 5 seconds",
    "2023-11-02 08:01:18,004 ERROR [main] Reading settings from conf/service.properties",
    "We saw INFO messages only.",
])
def test_a_log_line_that_names_a_failure_or_is_no_routine_line_stays(line: str) -> None:
    assert without_routine_log_lines(f"{line}\n") == f"{line}\n"


def test_a_routine_line_is_blanked() -> None:
    assert without_routine_log_lines(LOG_BEFORE + "the call fails\n") == "\n\nthe call fails\n"
