"""An import said done on the topic holds for the turns after it (intent.importmemory).

"ok imported the root CA, didn't help" is answered with what an import leaves; the next
"and now?" says nothing of the import and, read alone, handed the import's own cause back as
the lead (newuser6's conversation). A new topic forgets what the earlier one said.
"""

from __future__ import annotations

import pytest

from assistant.intent.importmemory import import_memory
from assistant.intent.state import DialogueState
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.dialogues import talk

REPORT = "sm59 test fails with SSL handshake failed, peer cert untrusted. host is api.partner-bank.de:443"
LATER = ("and now?", "what else can it be?", "and then?")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _fixed_by_import(kb: KnowledgeBase) -> set[str]:
    return {cid for cid, cause in kb.causes.items() if cause.after_import == "fixed"}


@pytest.mark.parametrize("later", LATER)
def test_a_later_turn_does_not_lead_with_what_the_import_fixed(kb: KnowledgeBase, later: str) -> None:
    turns = talk(kb, REPORT, "we imported the root ca in strust, didn't help", later)
    said, after = turns[1], turns[2]
    assert said.causes[0].id not in _fixed_by_import(kb)  # the turn that says it (importdone)
    assert after.follow_up
    assert after.causes[0].id not in _fixed_by_import(kb), [c.id for c in after.causes[:3]]
    assert after.state.import_done


def test_the_pse_ruled_out_earlier_stays_ruled_out(kb: KnowledgeBase) -> None:
    turns = talk(kb, REPORT, "ok imported the root ca in strust ssl client standard, didn't help",
                 "SM59 says ANONYM. imported there too, still the same ssl error", "and now?")
    after = turns[3]
    assert "wrong_client_pse_selected" in after.state.ruled_by_import
    assert after.causes[0].id not in {"wrong_client_pse_selected", "client_pse_missing"}
    assert after.causes[0].id not in _fixed_by_import(kb)


def test_a_new_topic_forgets_the_import(kb: KnowledgeBase) -> None:
    turns = talk(kb, REPORT, "we imported the root ca in strust, didn't help",
                 "another thing: a different job fails with ICM_HTTP_CONNECTION_FAILED to host x.example.com")
    assert turns[1].state.import_done
    assert not turns[2].state.import_done
    assert turns[2].state.ruled_by_import == ()


def test_without_an_import_said_a_follow_up_is_unchanged(kb: KnowledgeBase) -> None:
    turns = talk(kb, REPORT, "and now?")
    assert not turns[1].state.import_done
    assert turns[1].causes[0].id == turns[0].causes[0].id


def test_an_import_said_by_where_it_went_settles_what_an_import_fixes(kb: KnowledgeBase) -> None:
    # "imported there" with the PSE named: the import is said done (callerpse), so what an
    # import fixes is settled too — one notion, not a flag raised beside an empty set.
    memory = import_memory("SM59 says ANONYM. imported there too, still 407", "", DialogueState(), False, kb)
    assert memory.done
    assert _fixed_by_import(kb) <= memory.settled


def test_an_import_into_the_pse_said_with_a_pronoun_is_an_import(kb: KnowledgeBase) -> None:
    turns = talk(kb, "What does SCLNT_HTTP407 mean?", "I imported it into the client PSE, still 407")
    after = turns[1]
    assert after.state.import_done
    assert after.causes[0].id not in _fixed_by_import(kb), [c.id for c in after.causes[:3]]


@pytest.mark.parametrize("import_said", ["I imported it into ANONYM", "imported the root CA into SSL client anonymous",
                                         "we imported it into SAPSSLA.pse, still the same"])
def test_the_pse_abapgit_uses_is_read_with_the_topic(kb: KnowledgeBase, import_said: str) -> None:
    # abapGit named on the first turn, the import into its PSE (ANONYM) said on the second:
    # "imported into a different PSE than the call uses" and "the PSE is missing" are ruled
    # out, as when both are said in one turn — not listed as likely causes on the follow-up
    # (they had been, third and fourth, because the topic's few causes were all it listed).
    _, said = talk(kb, "abapGit pull fails, SSL certificate not trusted", import_said)
    assert said.follow_up and said.state.caller_pse == "ANONYM"
    listed = {c.id for c in said.causes}
    assert not listed & {"wrong_client_pse_selected", "client_pse_missing"}, [c.id for c in said.causes]
    assert said.causes
