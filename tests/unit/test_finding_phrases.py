"""A sentence that names the cause the writer found ("it turned out …", "the problem was …",
"the issue was …", "es lag am …") is a finding, not a fix seen to work: only "solved by …" or
the call said to work in the same sentence makes it solved. The phrases are one list of data
(intent.resolutionwords); every example written there is read through the reader here, so a
phrase added without its reading fails. Dev sources: tutorials-3763-cc-tunnel-failed ("The
issue was because I was trying to connect from home"), noderfc-250-cal-db-down ("the issue
was with the DB"), nwrfcnet-58-conversion-error-password ("The reason was that …"),
tutorials-5718-bas-no-systems-not-logged-in-cf ("It turns out … and all was well": solved)."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.intent.resolution import resolution_statements
from assistant.intent.resolutionwords import FINDING, SOLVING
from assistant.kb.knowledge_base import KnowledgeBase


def _read(text: str) -> list[tuple[str, bool]]:
    return [(s.names, s.solved) for s in resolution_statements(text)]


@pytest.mark.parametrize("example", [p.example for p in FINDING])
def test_every_finding_phrase_reads_as_a_finding(example: str) -> None:
    read = _read(example)
    assert read and read[-1][1] is False, read


@pytest.mark.parametrize("example", [p.example for p in SOLVING])
def test_every_solving_phrase_reads_as_solved(example: str) -> None:
    read = _read(example)
    assert read and read[-1][1] is True, read


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("It turned out the root CA was missing.", "root CA was missing"),
        ("The problem was the proxy.", "proxy"),
        ("The issue was an expired intermediate.", "expired intermediate"),
        ("The culprit was the corporate firewall.", "firewall"),
        ("The issue was because I was trying to connect from home.", "connect from home"),
        ("Root cause: the ICM was not restarted after the import.", "ICM was not restarted"),
        ("Die Ursache war der fehlende Proxy-Eintrag in SM59.", "Proxy-Eintrag"),
        ("Es stellte sich heraus, dass das Zwischenzertifikat fehlte.", "Zwischenzertifikat"),
    ],
)
def test_a_cause_found_is_a_finding(text: str, holds: str) -> None:
    read = _read(text)
    assert read and holds in read[-1][0] and read[-1][1] is False, read


@pytest.mark.parametrize(
    "text",
    [
        "The problem was the proxy, fixed now.",
        "It turned out the CA bundle was outdated; replacing it solved it.",
        "It turns out that I needed to log on to Cloud Foundry first and all was well.",
        "It turns out that I needed to log on to\nCloud Foundry first and all was well.",  # a wrapped line
        "The issue was the missing intermediate, after importing it the test works now.",
        "Das Problem lag am fehlenden Zwischenzertifikat, nach dem Import funktioniert es jetzt.",
    ],
)
def test_a_finding_whose_sentence_says_it_works_is_solved(text: str) -> None:
    read = _read(text)
    assert read and read[-1][1] is True, read


@pytest.mark.parametrize(
    "text",
    [
        "SM59 test to https://api.partner.de fails with SSSLERR_PEER_CERT_UNTRUSTED. "
        "It turned out the root CA was missing in the PSE.",
        "SM59 test to https://api.partner.de fails with ICM_HTTP_CONNECTION_FAILED. The problem was the proxy.",
    ],
)
def test_a_finding_is_said_first_as_the_finding(bundled_kb: KnowledgeBase, text: str) -> None:
    doc = build_answer_doc(route(text, bundled_kb), bundled_kb)
    first = doc.verdict.split("\n\n")[0]
    assert first.startswith("**Your text found:**"), first
    assert not doc.headline.startswith("Solved")
