"""Case carries meaning only where a word written in capitals is another word than the same
letters in prose: CONNECT the HTTP method against "connect" the verb. A report written all in
capitals (caps lock, a ticket tool that shouts) writes every word so: there the capitals say
nothing, and the verb is no method. A product's name is the product in any case: "sap hana
xs administration tools" is the SAP HANA XS Administration Tools. Sentences invented for the
class; benchmarks/scope_invariance.py (`--only lower,upper`) measures it on dev."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.readings import via_proxy
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


@pytest.mark.parametrize(
    "text",
    [
        "WE ARE UNABLE TO CONNECT TO THE PORTAL, THE BROWSER SHOWS 502 BAD GATEWAY",
        "Since this morning:\nI CANNOT CONNECT TO THE ANALYTICS SERVER\nThe page says 503 Service Unavailable.",
    ],
)
def test_connect_in_a_line_written_in_capitals_is_the_verb(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert not via_proxy(routed.entities, text, text.lower())
    assert routed.scope.kind == "http_status_from_server", routed.scope


@pytest.mark.parametrize(
    "text",
    [
        "HTTP/1.1 403 Forbidden from the proxy on CONNECT",
        "the ICM log shows CONNECT api.partner.de:443 HTTP/1.1 and then 502 Bad Gateway",
    ],
)
def test_connect_written_in_capitals_in_prose_is_the_method(kb: KnowledgeBase, text: str) -> None:
    assert via_proxy(route(text, kb).entities, text, text.lower())


@pytest.mark.parametrize("write", [str, str.lower, str.upper])
@pytest.mark.parametrize(
    "text",
    [
        "Since the patch we can no longer open the SAP HANA Cockpit of the tenant database",
        "You can no longer access the SAP HANA XS Administration Tools, even the formlogin page is not loaded.",
    ],
)
def test_a_product_ui_is_named_in_any_case(kb: KnowledgeBase, text: str, write: object) -> None:
    assert callable(write)
    routed = route(write(text), kb)
    assert (routed.scope.kind, routed.scope.family) == ("sap_server_inbound", "product_ui"), routed.scope


@pytest.mark.parametrize(
    "text",
    [
        "we cannot reach SAP from the portal since the network change",
        "unable to access sap through the admin console of the firewall",
    ],
)
def test_prose_between_sap_and_a_ui_noun_names_no_product(kb: KnowledgeBase, text: str) -> None:
    """Guard: the words between "SAP" and the UI's noun are a name's words, not prose."""
    assert route(text, kb).scope.family != "product_ui"
