"""Naming a PSE as the place of a done import is no sign that a PSE is missing (answers26,
item 2). "… imported the root CA into ANONYM" names the PSE by the very names the cause
"SSL client PSE missing" has for signs; with no caller whose PSE is known (an SM59
destination), that cause was still listed among the first. The import says the PSE exists.
A text that also shows a sign of a missing PSE of its own keeps the cause. Bundled base."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.callerpse import PSE_MISSING_CAUSE
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

SHOWN = 5  # the causes an answer lists


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _listed(kb: KnowledgeBase, text: str) -> list[str]:
    return [c.id for c in route(text, kb).causes[:SHOWN]]


@pytest.mark.parametrize("text", [
    "SM59 test fails with SSL certificate not trusted. The root CA was imported into ANONYM.",
    "SM59 connection test: SSSLERR_PEER_CERT_UNTRUSTED (-102). We already imported the root CA into SSL client anonymous.",
    "Our report gets SSL certificate not trusted from the partner; the root and intermediate were imported into SAPSSLA.pse.",
    "SM59 test fails with SSL certificate not trusted although we imported the root CA into DFAULT.",
])
def test_a_done_import_into_a_named_pse_lists_no_missing_pse(kb: KnowledgeBase, text: str) -> None:
    assert PSE_MISSING_CAUSE not in _listed(kb, text)


@pytest.mark.parametrize("text", [
    "SM59 test fails: SSSLERR_CRED_NOT_FOUND. We imported the root CA into ANONYM.",
    "Our report fails with PSE not found; we imported the root CA into ANONYM.",
])
def test_a_sign_of_its_own_keeps_the_missing_pse(kb: KnowledgeBase, text: str) -> None:
    assert PSE_MISSING_CAUSE in _listed(kb, text)
