"""Another product as the caller (intent/othercaller.py): a non-ABAP product in the caller's
role with a reported failed call is another client's failure; the same product as the called
one, or a failure only printed in its console, is no such evidence."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.othercaller import families_only_called, product_callers
from assistant.intent.scopecues import find_cues
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("certificate not trusted when we call the Cloud Integration API", "SCLNT_HTTP421"),
        ("Since Monday our on-premise system gets a handshake failure on every outbound call. The request goes "
         "to the Python service of the logistics partner.", "SCLNT_HTTP407"),
        ("Zertifikat des Servers abgelaufen, was tun? Der Aufruf geht zum CPI-Endpunkt.", "SCLNT_HTTP418"),
        ("proxy logon fails for outbound calls to the Postman mock server", "SCLNT_HTTP416"),
        ("host name cannot be resolved when calling the BTP API", "SCLNT_HTTP417"),
        ("SSL handshake fails -> Java service of the carrier", "SCLNT_HTTP407"),
        # a name of several cues of one family ("BTP", "destination service") is read as one
        ("Zertifikat nicht vertrauenswürdig, was tun? Der Aufruf geht zum BTP destination service-Endpunkt.",
         "SCLNT_HTTP421"),
    ],
)
def test_the_far_servers_name_is_no_evidence_of_the_client(bundled: KnowledgeBase, text: str, message: str) -> None:
    # Without an SAP hit in the text (a short question has the chat as its setting; a longer
    # report is placed by its ABAP system's name), a product named only as the server called
    # had made the report another client's, or nobody's.
    routed = route(text, bundled)
    assert routed.scope.kind == "sap_http_client"
    assert routed.messages[0].id == message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Our Python service calls the S/4 API and fails with CERTIFICATE_VERIFY_FAILED", "other_client"),
        ("CPI calls the ABAP system and the SSL handshake fails", "other_client"),
        ("Our Node app calls S/4 and the connection is refused", "other_client"),
        ("Postman -> S/4 returns 401", "http_status_from_server"),
    ],
)
def test_another_client_calling_sap_keeps_its_verdict(bundled: KnowledgeBase, text: str, kind: str) -> None:
    # The mirror: the product that makes the call is no far server.
    assert route(text, bundled).scope.kind == kind


@pytest.mark.parametrize(
    ("text", "called"),
    [
        ("We call the Cloud Integration endpoint and get a handshake error.", {"pi_cpi"}),
        ("Our iFlow in Cloud Integration calls the partner and fails.", set()),  # the caller
        ("System.Net.Http.HttpRequestException: An error occurred while sending the request.", set()),  # a class name
    ],
)
def test_families_only_called_reads_each_occurrence(text: str, called: set[str]) -> None:
    families = frozenset(h.family for h in find_cues(text).hits if h.scope == "other_client" and h.strength == "weak")
    assert families, "the text names a weak family of another client"
    assert families_only_called(text, families) == called
