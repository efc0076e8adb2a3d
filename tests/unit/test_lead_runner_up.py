"""A close runner-up heads the answer (intent.lead) when the best-ranked message lists it —
but never one the text meets only by the base's ordinary words ("certificate", "PSE",
"STRUST": each in one entry in ten or more) while the first cause is one the text shows.
"Certificate not exist in PSE" had "certificate not trusted" as its best guess, by the
words every certificate cause has, instead of the PSE that does not exist."""

from __future__ import annotations

import math

import pytest

from assistant.intent import route
from assistant.intent.kbindex import index_for
from assistant.intent.lead import evidence_first
from assistant.intent.parsing import parse_text
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.real_eval import load_real
from tests.support.router_eval import load_eval


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


def test_a_runner_up_met_by_ordinary_words_only_never_heads_the_answer(kb: KnowledgeBase) -> None:
    texts = [i["text"] for i in load_real("dev")] + [i["text"] for i in load_eval()["items"]]
    index = index_for(kb)
    ordinary = math.log(1 + 10)  # a word in one entry in ten or more

    def telling_words(text: str, cause: str) -> set[str]:
        words = parse_text(text, kb, index).weights
        return {s for s in words if f"c:{cause}" in index.postings.get(s, {}) and index.idf[s] > ordinary}

    wrong = []
    for text in texts:
        routed = route(text, kb)
        lead = routed.lead
        ranked = evidence_first([c for c in routed.causes if c.id in kb.causes])
        if lead is None or lead.kind != "cause" or not ranked or ranked[0].keyword_only:
            continue
        heading = next((c for c in ranked if c.id == lead.entry), None)
        if heading is not None and heading is not ranked[0] and heading.keyword_only \
                and not telling_words(text, heading.id):
            wrong.append((text[:60], lead.entry, ranked[0].id))
    assert wrong == []


def test_a_pse_that_does_not_exist_is_not_an_untrusted_certificate(kb: KnowledgeBase) -> None:
    routed = route("Our report stops with: certificate not exist in PSE, although the cert is installed in STRUST", kb)
    assert routed.lead is not None
    assert routed.lead.entry == "client_pse_missing"
    assert routed.messages[0].id == "SCLNT_HTTP414"
