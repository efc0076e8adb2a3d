"""After an import said done, the answer leads with what an import leaves, in its own order.

"abapGit … 421 …" then "we imported the root CA into SSL client anonymous": the list put the
causes an import leaves first (importdone: the ICM still on the old PSE …), yet the lead went
back to the first cause SCLNT_HTTP421 lists — the untrusted chain, whose fix (import the CA)
the admin had just done — because a cause the best message lists was lifted over the first
(lead.decide_lead). The PSE named as where the import went was also read as the turn's
subject ("SCLNT_HTTP421 lists no cause on SSL client Anonymous (ANONYM) PSE"), and the PSE's
names, the signs of "the SSL client PSE is missing", made that cause lead although the import
went into it. One order now: the lead is the first cause the list shows.
"""

from __future__ import annotations

import pytest

from assistant.intent.callerpse import OTHER_PSE_CAUSE, PSE_MISSING_CAUSE
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.dialogues import answers_to, talk

ABAPGIT_421 = ("abapGit pull fails: HTTP error 421 occured: SSL handshake with github.com:443 failed: "
               "SSSLERR_PEER_CERT_UNTRUSTED (-102)")
ABAPGIT_CODE = "abapGit pull from github.com fails with SSL handshake failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)"
ABAPGIT_WORDS = "abapGit pull from github fails: certificate not trusted."


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize("turns", [
    (ABAPGIT_421, "we imported the root CA into SSL client anonymous"),
    (ABAPGIT_421, "the root and intermediate are already in ANONYM, same error"),
    (ABAPGIT_CODE, "we already imported the root CA into SSL client anonymous"),
    (ABAPGIT_CODE, "root CA was imported into SAPSSLA.pse already, still the same"),
    (f"{ABAPGIT_421}. We already imported the root CA into SSL client anonymous.",),
    (f"{ABAPGIT_WORDS} We already imported the root CA into ANONYM.",),
])
def test_after_an_import_into_the_callers_pse_the_lead_is_what_remains(kb: KnowledgeBase,
                                                                      turns: tuple[str, ...]) -> None:
    routed = talk(kb, *turns)[-1]
    first = routed.causes[0].id
    assert kb.causes[first].after_import == "remains", [c.id for c in routed.causes[:5]]
    assert first not in {OTHER_PSE_CAUSE, PSE_MISSING_CAUSE}
    verdict = answers_to(kb, *turns)[-1].markdown.split("\n### ")[0]
    # One order: the verdict's lead is the list's first cause, and nothing about the PSE the
    # import went into is taken for a question about it.
    assert kb.causes[first].title in verdict, verdict
    assert "lists no cause on" not in verdict and "Import certificate" not in verdict, verdict


def test_an_import_into_a_pse_the_call_may_not_use_leads_with_that_pse(kb: KnowledgeBase) -> None:
    """An SM59 destination names its own PSE: the import into ANONYM may have missed it."""
    routed = talk(kb, "SM59 destination test: SSSLERR_PEER_CERT_UNTRUSTED (-102)",
                  "we already imported the root CA into ANONYM")[-1]
    assert routed.causes[0].id == OTHER_PSE_CAUSE
