"""Another product as the caller (intent/othercaller.py): a non-ABAP product in the caller's
role with a reported failed call is another client's failure; the same product as the called
one, or a failure only printed in its console, is no such evidence."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.othercaller import product_callers
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    ("text", "caller"),
    [
        ("Since the update Cloud Integration cannot reach the supplier's endpoint.", "cloud integration"),
        ("We send the file from our iFlow to the partner and it fails.", "iflow"),
        ("We saw the following handshake error in the SAP PO system:", "sap po"),
    ],
)
def test_the_product_in_the_callers_role_is_read(text: str, caller: str) -> None:
    assert product_callers(text) == [caller]


@pytest.mark.parametrize(
    "text",
    [
        "Our ABAP report calls the Cloud Integration endpoint and the call fails.",  # the called one
        "I get certificate errors in the browser console.",  # where a message was printed
        "I cannot see any errors in the Cloud Connector.",  # no failure there
        "We use Business Application Studio for the app.",  # only named
    ],
)
def test_the_called_or_only_named_product_is_no_caller(text: str) -> None:
    assert product_callers(text) == []


def test_a_java_middleware_named_as_caller_with_a_failed_handshake_is_another_client(bundled: KnowledgeBase) -> None:
    # "in the SAP PO system" placed the call in an ABAP system (PO was no other SAP product),
    # and the handshake failure read as the SAP client's by situation.
    text = ("Our SAP PO system sends the orders to the partner's REST API. Since Monday every call ends in a "
            "handshake failure in the SAP PO system, although nothing changed on our side.")
    routed = route(text, bundled)
    assert routed.scope.kind == "other_client"
    assert not routed.messages


def test_a_status_the_far_server_sent_still_wins_over_the_caller(bundled: KnowledgeBase) -> None:
    # The caller's evidence is capped below the answer (rule 2), as names of the receiver are.
    text = "When I hit send in Postman I get the error 401 Unauthorized from the Cloud Integration endpoint."
    assert route(text, bundled).scope.kind == "http_status_from_server"


@pytest.mark.parametrize(
    "text",
    [
        "Our ABAP report calls the Cloud Integration endpoint through SM59 and the connection test fails with "
        "SSL handshake error",
        "From our ECC we call the CPI endpoint with cl_http_client and the connection fails with an SSL handshake error",
        "We call the BTP destination service API from ABAP and get an SSL error",
    ],
)
def test_a_product_only_called_from_an_abap_system_leaves_the_sap_client(bundled: KnowledgeBase, text: str) -> None:
    # The called product's name said where the call went; it no longer outweighs the ABAP caller.
    routed = route(text, bundled)
    assert routed.scope.kind == "sap_http_client"


def test_a_product_named_with_no_abap_caller_keeps_its_lean(bundled: KnowledgeBase) -> None:
    # Without the SAP client's side in the text the role reading alone decides nothing.
    text = "I am having difficulties consuming data via OData in Power BI: the authentication fails."
    assert route(text, bundled).scope.kind == "other_client"
