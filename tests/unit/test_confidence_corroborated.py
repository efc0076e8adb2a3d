"""The confidence feature `corroborated`: two independent families of evidence say the kind.

Out of fold on dev (benchmarks/confidence_oof.py), the confident misses were reports whose
one piece of evidence was a lone status line (or one browser message) while the story was a
client's or the SAP server's; the answers with a second, independent family of evidence were
right. The feature is the tally's (scopetally.Tally.corroborated), read by the router into
confidence.Features; its coefficient keeps a positive sign, so it never lowers confidence.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.confidence import COEFFICIENTS, NAMED_CAP, SIGNS, Features, confidence
from assistant.intent.scopetally import Tally
from assistant.intent.scopevocab import DECISIVE, INDICATIVE, WEAK
from assistant.intent.weights import WEIGHTS
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

HTTP = "http_status_from_server"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


def _tally(*pieces: tuple[str, str]) -> Tally:
    tally = Tally(0.5)
    for family, strength in pieces:
        tally.add(HTTP, family, 1.0, family, None, strength)
    return tally


def test_two_independent_families_corroborate() -> None:
    assert _tally(("status", DECISIVE), ("app_answer", INDICATIVE)).corroborated(HTTP) == 1.0


@pytest.mark.parametrize("pieces", [
    [("status", DECISIVE)],  # a lone status line
    [("status", DECISIVE), ("app_answer", WEAK)],  # words that only lean are no second family
    [("status", DECISIVE), ("client_status", DECISIVE)],  # one number printed two ways is one fact
])
def test_one_fact_alone_does_not_corroborate(pieces: list[tuple[str, str]]) -> None:
    assert _tally(*pieces).corroborated(HTTP) == 0.0


def test_a_piece_that_counts_nothing_does_not_corroborate() -> None:
    tally = _tally(("status", DECISIVE), ("app_answer", INDICATIVE))
    tally.only_decisive()  # a tool's own error: the indicative piece counts nothing
    assert tally.corroborated(HTTP) == 0.0


@pytest.mark.parametrize(("text", "kind", "corroborated"), [
    ("Our app gets HTTP 403 Forbidden from the server.", HTTP, 0.0),
    ('The token call answers 401 Unauthorized: {"error":"invalid_client","error_description":"Bad client credentials"}',
     HTTP, 1.0),
    ("AxiosError: Request failed with status code 500", HTTP, 0.0),
    ("RFC_COMMUNICATION_FAILURE: SNC error GSS-API(maj): No credentials were supplied", "rfc_or_network", 1.0),
])
def test_the_router_reads_corroboration_into_the_features(kb: KnowledgeBase, text: str, kind: str,
                                                          corroborated: float) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == kind
    assert routed.scope.corroborated == corroborated
    assert routed.confidence_features[COEFFICIENTS.index("conf_corroborated")] == corroborated


def test_corroboration_never_lowers_confidence_and_keeps_the_caps() -> None:
    assert SIGNS[COEFFICIENTS.index("conf_corroborated")] == 1
    w = WEIGHTS._replace(conf_corroborated=2.0)
    inferred = Features(1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    named = inferred._replace(named=1.0)
    for alone in (inferred, named):
        assert confidence(alone._replace(corroborated=1.0), w) >= confidence(alone, w)
    assert confidence(inferred._replace(corroborated=1.0), w) <= NAMED_CAP  # not named: still below 0.8
