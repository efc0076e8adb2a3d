"""Accuracy of the router on the evaluation set (tests/eval/router_eval.yaml), bundled base.

The set was written from the reference facts, not from the router's output; the
threshold leaves room for honest misses instead of tuning the router to the set.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.router_eval import load_eval, run_eval

THRESHOLD = 0.95


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    result = load_kb(use_cache=False)
    if not result.kb.messages:
        pytest.skip("the bundled knowledge base has no messages yet")
    return result.kb


def test_eval_set_is_big_and_varied() -> None:
    data = load_eval()
    items = data["items"]
    turns = sum(len(d) for d in data["dialogues"])
    assert len(items) + turns >= 80
    intents = {i["intent"] for i in items if "intent" in i}
    assert {"explain", "causes", "fix", "check", "list", "compare", "help", "greeting",
            "thanks", "not_understood"} <= intents
    assert sum("ambiguous" in i for i in items) >= 5
    assert sum("unknown" in i for i in items) >= 3


def test_router_accuracy(bundled: KnowledgeBase) -> None:
    right, total, report = run_eval(bundled)
    accuracy = right / total
    assert accuracy >= THRESHOLD, f"accuracy {accuracy:.2%} ({right}/{total}); misses:\n" + "\n".join(report)


# --- general mechanisms, on the bundled base (its signs and titles) -------------------------


@pytest.mark.parametrize(
    "text", ["target server only supports TLS 1.3", "partner turned off TLSv1.0 and SSLv3"]
)
def test_protocol_versions_point_to_the_version_cause(bundled: KnowledgeBase, text: str) -> None:
    routed = route(text, bundled)
    assert routed.causes[0].id == "tls_version_or_cipher_mismatch"


def test_ordinary_words_do_not_carry_a_cause(bundled: KnowledgeBase) -> None:
    # "target" is in a cause title ("Logon at the target failed"), but says nothing here.
    routed = route("the target system cannot be called from our server", bundled)
    assert not routed.causes or routed.causes[0].id != "logon_failed"


def test_a_transaction_named_is_where_not_why(bundled: KnowledgeBase) -> None:
    with_place = route("NIECONN_REFUSED in SM59", bundled)
    assert with_place.causes[0].id == route("NIECONN_REFUSED", bundled).causes[0].id


def test_a_cause_title_in_the_text_is_a_sign(bundled: KnowledgeBase) -> None:
    routed = route("proxy host name cannot be resolved", bundled)
    assert routed.causes[0].id == "proxy_host_unknown"
