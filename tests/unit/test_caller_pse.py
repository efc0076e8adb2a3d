"""An import said done into the PSE the caller is known to use rules out "another PSE".

abapGit and its SSL test report use SSL id ANONYM (glossary PSE_ANONYM; docs.abapgit.org SSL
test; abapGit issue 6768). "We already imported the root CA into SSL client anonymous" on an
abapGit topic was answered "find the PSE the call uses": the admin had just named it. A call
whose PSE is not known (an SM59 destination picks its own) or an import into another PSE
still leaves that cause in front.
"""

from __future__ import annotations

import pytest

from assistant.intent.callerpse import OTHER_PSE_CAUSE, imported_into, known_pse
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.dialogues import answers_to, talk

REPORT = "abapGit pull from github.com fails with SSL handshake failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)"
FIRST_FEW = 3


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize("turns", [
    (REPORT, "we already imported the root CA into SSL client anonymous"),
    (REPORT, "the root and intermediate are already in ANONYM, same error"),
    (f"{REPORT}. We already imported the root CA into SSL client anonymous.",),
    ("ZABAPGIT_TEST_SSL: SSSLERR_PEER_CERT_UNTRUSTED (-102). Root CA was imported into SAPSSLA.pse already.",),
])
def test_an_import_into_the_callers_pse_rules_out_another_pse(kb: KnowledgeBase, turns: tuple[str, ...]) -> None:
    last = talk(kb, *turns)[-1]
    assert OTHER_PSE_CAUSE not in [c.id for c in last.causes[:FIRST_FEW]]
    answer = answers_to(kb, *turns)[-1].markdown
    assert "the cause on it is *Certificate imported into a different PSE" not in answer


@pytest.mark.parametrize("turns", [
    (REPORT, "we already imported the root CA into SSL client standard (DFAULT)"),  # another PSE than abapGit's
    ("SM59 destination test: SSSLERR_PEER_CERT_UNTRUSTED (-102)", "we already imported the root CA into ANONYM"),
])
def test_an_import_elsewhere_or_for_an_unknown_pse_leaves_it(kb: KnowledgeBase, turns: tuple[str, ...]) -> None:
    assert OTHER_PSE_CAUSE in [c.id for c in talk(kb, *turns)[-1].causes[:FIRST_FEW]]


@pytest.mark.parametrize(("text", "caller", "place"), [
    ("abapGit pull fails", "ANONYM", ""),
    ("SM59 test fails; we imported the root CA into DFAULT", "", "DFAULT"),
    ("imported the root CA into ANONYM and DFAULT", "", ""),  # two named: not one PSE
    ("how do I import the root CA into ANONYM?", "", ""),  # a question, not a statement
])
def test_caller_and_place_are_read_from_names_only(text: str, caller: str, place: str) -> None:
    assert (known_pse(text), imported_into(text)) == (caller, place)
