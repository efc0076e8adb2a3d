"""The NI layer inside the ICM's own trace (intent/icmtrace.py) and one-word NI codes
(intent/entities.py): dev_icm printing NiPConnect2 is the SAP HTTP client connecting out, the
classic RFC error block is not; NIETIMEOUT is read as the code it is."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize("text", [
    "SM59 connection test fails, dev_icm shows NiPConnect2: 10.1.2.3:443: connect (111: Connection refused)",
    "In the ICM trace I see *** ERROR => NiIConnect: connection to 10.20.30.40:8443 timed out",
    "dev_icm: NiPConnect2 NIETIMEOUT after 20 s, certificates imported into DFAULT",
])
def test_an_ni_connect_in_the_icm_trace_is_the_http_clients(bundled: KnowledgeBase, text: str) -> None:
    assert route(text, bundled).scope.kind == "sap_http_client"


@pytest.mark.parametrize("text", [
    "ERROR: partner 'saphost:sapgw00' not reached\nLOCATION SAP-Gateway\nCOMPONENT NI (network interface)\n"
    "CALLER NiPConnect2",
    "RFC destination test: NiPConnect2: 10.1.2.3:3300: connect (111: Connection refused), dev_icm has nothing",
])
def test_the_rfc_error_block_stays_the_rfc_layers(bundled: KnowledgeBase, text: str) -> None:
    assert route(text, bundled).scope.kind == "rfc_or_network"


@pytest.mark.parametrize("spelling", ["NIETIMEOUT", "NTETIMEOUT"])
def test_a_one_word_ni_code_names_its_cause(bundled: KnowledgeBase, spelling: str) -> None:
    routed = route(f"SM59 connection test fails, dev_icm: {spelling} after 20 s", bundled)
    assert "NIETIMEOUT" in routed.entities.codes
    assert routed.causes[0].id == "connect_timeout"


def test_a_capitalised_word_is_no_code(bundled: KnowledgeBase) -> None:
    assert "NIETIMEOUT" not in route("Nietimeout in the trace", bundled).entities.codes
