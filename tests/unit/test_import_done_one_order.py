"""On a first turn, after an import said done, the lead and the list come from one order
(answers26, item 3). "abapGit: certificate not trusted … We imported the root CA into
ANONYM." ranked what an import leaves first (importdone: the ICM not restarted), yet the
runner-up rule of intent.lead lifted another cause the best message lists (TLS inspection)
over it — the same report split over two turns led with the import's order. The message
still names what failed (the short text's SCLNT_HTTP421). Bundled base."""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.dialogues import answers_to, talk

REPORTS = [
    ("abapGit: certificate not trusted when pulling from github.com.", "We imported the root CA into ANONYM."),
    ("abapGit: certificate not trusted.", "We already imported the root CA into ANONYM."),
    ("SM59 test: certificate not trusted.", "We already imported the root CA into ANONYM."),
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(("failure", "import_done"), REPORTS)
def test_one_turn_leads_as_two_turns_do(kb: KnowledgeBase, failure: str, import_done: str) -> None:
    one = talk(kb, f"{failure} {import_done}")[-1]
    two = talk(kb, failure, import_done)[-1]
    first = one.causes[0].id
    assert kb.causes[first].after_import == "remains", [c.id for c in one.causes[:4]]
    assert first == two.causes[0].id, ([c.id for c in one.causes[:4]], [c.id for c in two.causes[:4]])
    verdict = answers_to(kb, f"{failure} {import_done}")[-1].markdown.split("\n### ")[0]
    assert kb.causes[first].title in verdict, verdict


def test_the_message_still_names_what_failed(kb: KnowledgeBase) -> None:
    """Where the best-ranked message is the short text's, it stays the one named."""
    failure, import_done = REPORTS[0]
    routed = talk(kb, f"{failure} {import_done}")[-1]
    assert routed.messages[0].id == "SCLNT_HTTP421"
    assert routed.causes[0].id not in kb.messages["SCLNT_HTTP421"].causes  # no listed cause lifted over it
