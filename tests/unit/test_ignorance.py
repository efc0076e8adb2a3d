"""A cause the reporter does not know yet (intent/ignorance.py) is no unknown host."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.ignorance import without_ignorance
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize("text", [
    "SM59 connection test fails with an exception. The root cause is unknown so far.",
    "SM59 connection test fails. Reason unknown.",
    "Die Ursache ist noch unbekannt, der SM59 Verbindungstest schlägt fehl",
])
def test_a_cause_not_known_yet_names_no_unknown_host(bundled: KnowledgeBase, text: str) -> None:
    routed = route(text, bundled)
    assert "SCLNT_HTTP417" not in [m.id for m in routed.messages[:1]]
    assert "dns_failure" not in [c.id for c in routed.causes[:1]]


@pytest.mark.parametrize("text", ["SM59: host unknown", "SM59 test: the host name is unknown", "SM59: Host unbekannt",
                                  "NIEHOST_UNKNOWN in dev_icm"])
def test_an_unknown_host_still_is_one(bundled: KnowledgeBase, text: str) -> None:
    routed = route(text, bundled)
    assert routed.messages[0].id == "SCLNT_HTTP417" and routed.causes[0].id == "dns_failure"


def test_only_the_phrase_is_blanked() -> None:
    text = "The cause is unknown. NIEHOST_UNKNOWN for host x.example"
    kept = without_ignorance(text)
    assert len(kept) == len(text) and "NIEHOST_UNKNOWN for host x.example" in kept and "cause" not in kept
