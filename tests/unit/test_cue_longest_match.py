"""A known name holding a shorter cue is that name, not the cue (longest match).

"Ariba Cloud Integration Gateway" is SAP Ariba's gateway that an ERP back end calls, not SAP
Cloud Integration (CPI); "CPI-C" is the RFC layer's protocol, not CPI; "SAP Internal Server
Error" is the ICF's own page, not a far server's plain "Internal Server Error". The cue
matcher lets the longest name win: a cue counts only where it stands outside a longer cue
of another family or a longer product name of scopevocab.CONTAINING_NAMES.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.scopecues import cues_in, find_cues
from assistant.intent.scopevocab import CONTAINING_NAMES
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def families(text: str) -> set[str]:
    return {hit.family for hit in cues_in(text)}


@pytest.mark.parametrize(
    ("text", "masked", "kept"),
    [
        ("our ERP sends the orders to Ariba Cloud Integration Gateway", "pi_cpi", None),
        ("the SAP Ariba Cloud Integration Gateway (CIG) add-on calls the gateway", "pi_cpi", None),
        ("CPI-C error: connection closed by partner", "pi_cpi", "rfc"),
        ("the browser shows 500 SAP Internal Server Error", "status", "icf_service"),
    ],
)
def test_a_cue_inside_a_longer_name_is_that_names(text: str, masked: str, kept: str | None) -> None:
    found = families(text)
    assert masked not in found
    assert kept is None or kept in found


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # the same cue outside the longer name still counts, in the same text too
        ("our Cloud Integration iFlow cannot reach the backend", "pi_cpi"),
        ("Ariba Cloud Integration Gateway forwards it; our Cloud Integration tenant fails", "pi_cpi"),
        ("the CPI tenant fails, not the CPI-C connection", "pi_cpi"),
        ("the API returns 500 Internal Server Error", "status"),
    ],
)
def test_the_cue_outside_the_longer_name_still_counts(text: str, family: str) -> None:
    assert family in families(text)


def test_every_containing_name_holds_a_cue_it_masks() -> None:
    """A name in the table is there because a cue stands inside it; one that holds none
    would mask nothing and is dead weight."""
    for name, _source in CONTAINING_NAMES:
        assert find_cues(name).candidates, name


def test_the_erp_calling_ariba_cig_without_sni_is_the_sap_client(kb: KnowledgeBase) -> None:
    text = ("Our SAP ERP back end connects to Ariba Cloud Integration Gateway and the SSL handshake fails "
            "since the gateway presents SNI certificates")
    assert route(text, kb).scope.kind != "other_client"
