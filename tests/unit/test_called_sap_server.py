"""The SAP system as the called server told in prose (intent/calledsap.py): the SAP system is
the one called (its ICF path, its role in the sentence, or a thing it serves to a user) and
what failed is fixed on its side — read as `sap_server_inbound`; the status forms, the
server-text catalogue, the client catalogues and a client's destination keep their routes.
The texts are written for these tests in their own words, not copied from any report."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.calledsap import read_called_sap
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

INBOUND = "sap_server_inbound"
HTTP_STATUS = "http_status_from_server"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


# text, how the SAP system is called, what failed on its side
CALLED_SAP_CASES = [
    ("Clicking the Fiori tile for purchase orders: the app is not initialized after the go-live.",
     "served", "service"),
    ("After the transport to quality the service binding was not published there, so the Fiori app "
     "stays empty.", "served", "service"),
    ("Since the import the service for our sales Fiori app is not activated; users see a blank page.",
     "served", "service"),
    ("Opening the service binding preview gives: you have no authorization for this app.",
     "served", "refusal"),
    ("In the browser https://erp.corp.local/sap/opu/odata/sap/ZSALES_SRV/ asks for a user and then "
     "the credentials are rejected again and again.", "icf_path", "refusal"),
    ("When opening https://erp.corp.local/sap/bc/ui5_ui5/sap/zsales/index.html the roles were not "
     "generated for the new users, and the page stays empty.", "icf_path", "roles"),
]


@pytest.mark.parametrize(("text", "called_by", "failure"), CALLED_SAP_CASES)
def test_called_sap_server_is_inbound(kb: KnowledgeBase, text: str, called_by: str, failure: str) -> None:
    reading = read_called_sap(text)
    assert reading is not None and (reading.called_by, reading.failure) == (called_by, failure)
    assert route(text, kb).scope.kind == INBOUND


# Texts the reading must leave alone, with the route each keeps.
GUARDS = [
    # a status the called SAP system sent to a client program is a status
    ("Our Postman call to the S/4 OData API returns 401 Unauthorized.", "http_status_from_server"),
    # a logon a client program made to the system it calls: that program's status, not inbound
    ("The SOAP library passes a wrong password and NetWeaver returns access denied instead of XML.", None),
    # the SAP client's own call out (SM59): the SAP system is the client
    ("SM59 connection test to the partner endpoint /sap/bc/srt/xip/ fails: the service is not active "
     "on their side.", None),
    # another client's trust store, also when the server is an SAP system
    ("Our Java app calls the S/4 OData service and gets PKIX path building failed.", "other_client"),
    # a client's destination built the request: its configuration is where the fix lives
    ("Through our BTP destination the Fiori app says the service binding is not published.", None),
    # a refusal named as a possible cause, not one that happened
    ("App could not be opened due to an incorrect Fiori launchpad configuration or a missing role "
     "assignment.", None),
    # the server-text catalogue keeps its route
    ("dev_icm shows SSSLERR_SSL_ACCEPT for incoming HTTPS connections on port 44300.", INBOUND),
]


@pytest.mark.parametrize(("text", "kind"), GUARDS)
def test_guards_keep_their_routes(kb: KnowledgeBase, text: str, kind: str | None) -> None:
    assert read_called_sap(text) is None
    if kind is not None:
        assert route(text, kb).scope.kind == kind
    else:
        assert route(text, kb).scope.kind != INBOUND


# The reporter's own change to what the SAP system serves (intent/ownchange.py), then a status
# or a refusal: the thing changed is where the fix lives, and the status is its symptom.
OWN_CHANGE_CASES = [
    ("We generated the HTTP service for the upload report in our sandbox; since then every request "
     "to it comes back with 403.", "status"),
    ("After we re-activated the OData service for the sales tile, opening it answers 500.", "status"),
    ("I updated the repository in our development system and now the page only says Forbidden.", "refusal"),
]


@pytest.mark.parametrize(("text", "failure"), OWN_CHANGE_CASES)
def test_own_change_then_status_is_inbound(kb: KnowledgeBase, text: str, failure: str) -> None:
    reading = read_called_sap(text)
    assert reading is not None and (reading.called_by, reading.failure) == ("changed", failure)
    assert route(text, kb).scope.kind == INBOUND


# A change to a BTP object, or the ABAP system named as the caller, makes no SAP system the server.
OWN_CHANGE_GUARDS = [
    ("We created a service instance and a key for the API, and the Python script gets 401.", HTTP_STATUS),
    ("We created the connectivity service and the Node app now gets 401 from the S/4 system.", HTTP_STATUS),
    ("I created a role collection for my user, but the dashboard still returns 403.", HTTP_STATUS),
    ("I updated the repository with abapGit and now the pull gets 401 from GitHub.", None),
]


@pytest.mark.parametrize(("text", "kind"), OWN_CHANGE_GUARDS)
def test_a_change_elsewhere_keeps_its_route(kb: KnowledgeBase, text: str, kind: str | None) -> None:
    assert read_called_sap(text) is None
    routed = route(text, kb).scope.kind
    assert routed == kind if kind is not None else routed != INBOUND
