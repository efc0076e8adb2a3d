"""The keyword index's common words do not flip with an unrelated entry: "fail" sat at the
common-share edge, and one more glossary entry of any kind ("Zebra") made it a keyword and
moved six routes (answers16). Generic failure words are never one entry's keyword."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.kb.model import GlossaryEntry
from tests.support.router_eval import load_eval


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _with_one_more_entry(kb: KnowledgeBase) -> KnowledgeBase:
    extra = GlossaryEntry(id="ZEBRA", kind="term", title="Zebra", text="A striped animal.")
    return KnowledgeBase(messages=kb.messages, causes=kb.causes, codes=kb.codes,
                         glossary={**kb.glossary, extra.id: extra})


def test_an_unrelated_entry_moves_no_route(kb: KnowledgeBase) -> None:
    grown = _with_one_more_entry(kb)
    texts = [item["text"] for item in load_eval()["items"]]
    moved = []
    for text in texts:
        before, after = route(text, kb), route(text, grown)
        if (before.scope.kind, [m.id for m in before.messages[:1]]) != (
            after.scope.kind, [m.id for m in after.messages[:1]]
        ):
            moved.append(text)
    assert not moved
