"""Is the named SAP system the caller or the called? (intent/systemrole.py)

Rule 7 of scope.py takes causes of the base for the SAP HTTP client's only when something
places the call in an ABAP system. "S/4HANA", "ECC", "the SAP backend" used to place it
wherever they stood, while most reports name the SAP system as the server another program
calls ("our Node app connects to the SAP backend", "Postman -> S/4 API returns 401"). Only
the caller places the call; the strong words of the SAP client (SM59, STRUST, cl_http_client,
SOAMANAGER, SCLNT_HTTP) place it whatever the role sentence says. The phrasings are invented.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.abapsetting import names_an_abap_system
from assistant.intent.systemrole import Role, system_mentions
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

CALLER, CALLED, SETTING = Role.CALLER, Role.CALLED, Role.SETTING

ROLES = [
    # called: the object of a call, after "to"/"against" with a request, a service's owner
    ("we call the S/4HANA OData service and get a 409", CALLED),
    ("our Node app connects to the SAP backend", CALLED),
    ("Postman -> S/4 API returns 401", CALLED),
    ("sending a request to the S/4 system fails", CALLED),
    ("requests against our ECC time out", CALLED),
    ("the service of the ECC system is slow", CALLED),
    ("fetching data from the S/4 system fails", CALLED),
    ("we cannot reach the S/4 system", CALLED),  # negated: still the one called
    ("the ECC returns 401 to every request", CALLED),
    ("our NetWeaver system does not respond", CALLED),
    ("the NetWeaver actually returned access denied", CALLED),
    ("deploying the app to SAP NetWeaver fails", CALLED),
    ("I try to log on to my ABAP system from Eclipse", CALLED),
    ("the S/4 system is called by our middleware", CALLED),  # passive
    ("the CRM system is not reachable", CALLED),
    ("the NetWeaver login page shows an error", CALLED),
    ("the call does not come from our ECC but from Postman", CALLED),  # ruled out as the caller
    ("wir wollen auf das S/4 zugreifen", CALLED),
    ("das ECC antwortet mit 401", CALLED),
    ("wir rufen das S/4 auf", CALLED),
    # caller: the subject of call/send/connect/reach, "from our ECC" with a call
    ("our S/4 system calls the external API", CALLER),
    ("from our ECC we call the Google API", CALLER),
    ("we call the Google API from our ECC", CALLER),
    ("outbound calls from S/4 fail", CALLER),
    ("the ECC cannot reach the partner's server", CALLER),  # negated: still the caller
    ("our SAP backend posts the invoices to the portal", CALLER),
    ("the connection from the S4HANA system to the bank fails", CALLER),
    ("the S/4 API is called from our ECC", (CALLED, CALLER)),  # passive: the one called, the one it is called from
    ("our ABAP system tries to connect to GitHub", CALLER),
    ("wir rufen aus dem S/4 eine REST-API auf", CALLER),
    ("vom ECC aus schlägt der Aufruf fehl", CALLER),
    ("das S/4 ruft die API des Partners auf", CALLER),
    # neither: the system the report is set in
    ("we are on S/4HANA and see errors", SETTING),
    ("in our SAP system the job fails", SETTING),
    ("the SRM system was upgraded", SETTING),
    ("the call fails at our ECC with a timeout", SETTING),  # where it failed, not whom it went to
]


@pytest.mark.parametrize(("text", "role"), ROLES)
def test_the_role_of_the_named_system(text: str, role: Role | tuple[Role, ...]) -> None:
    assert tuple(m.role for m in system_mentions(text.lower())) == (role if isinstance(role, tuple) else (role,))


def test_a_host_name_is_the_server_and_names_no_system() -> None:
    assert system_mentions("the handshake with my300000-api.s4hana.ondemand.com:443 fails") == []
    assert system_mentions("the certificate of *.crm.ondemand.com was renewed") == []


@pytest.mark.parametrize(("text", "placed"), [
    ("Our Node app connects to the SAP backend", False),
    ("We call the S/4HANA OData service of the customer", False),
    ("The SAP backend is called by our integration platform", False),
    ("The S/4 API returns 401, our S/4 landscape is new", False),  # the other name is that server again
    ("Fiori launchpad: https://host/sap/bc/ui5_ui5/ui2/ushell/shells/abap/FioriLaunchpad.html", False),  # a URL's words
    ("Our S/4HANA system calls the external API", True),
    ("From our ECC we call the partner's API", True),
    ("In our S/4 system the report fails", True),
    # the SAP client's own words decide whatever the role sentence says
    ("We call the S/4 system, SM59 shows the error", True),
    ("Our Node app connects to the SAP backend; STRUST has the certificate", True),
    ("Postman -> S/4 API works, cl_http_client gets 401", True),
    ("We connect to the ECC system with SOAMANAGER settings", True),
])
def test_only_the_caller_places_the_call(text: str, placed: bool) -> None:
    assert names_an_abap_system(text.lower()) is placed


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


# Reports of 20 words or more (a report carries its own setting): causes of the base in
# evidence and no decisive cue, so rule 7 decides by where the call is placed.
@pytest.mark.parametrize(("text", "kind"), [
    ("Since Monday our S/4HANA system cannot reach the partner API over HTTPS and the SSL handshake fails after "
     "the partner renewed its server certificate last week.", "sap_http_client"),
    ("From our ECC we call the OData service of a partner and the connection times out after thirty seconds "
     "since the firewall change on Friday.", "sap_http_client"),
    ("Our SAP backend calls the integration platform every hour and since yesterday the certificate of the "
     "platform is reported as expired, the handshake fails.", "sap_http_client"),
    ("Wir rufen aus dem S/4 eine externe REST-API auf und seit dem Zertifikatswechsel schlägt der "
     "SSL-Handshake fehl, obwohl sich sonst nichts geändert hat laut Kollegen.", "sap_http_client"),
    ("The SAP backend is called by our integration platform every hour and since yesterday the certificate "
     "of the backend is reported as expired by the platform.", "unknown"),
    ("Wir greifen aus unserer Java-Anwendung auf das S/4 zu und seit dem Zertifikatswechsel schlägt der "
     "SSL-Handshake fehl, obwohl sich sonst nichts geändert hat laut Kollegen.", "unknown"),
    ("Our integration platform sends requests to the S/4HANA system over HTTPS and since Monday the SSL "
     "handshake fails after the certificate was renewed by the team.", "unknown"),
    # a bare number: the status the called S/4 system sent, or an SCLNT_HTTP code the caller shows
    ("Our integration flow calls the OData service of the S/4HANA system and gets error 409 every time we post a "
     "sales order since the upgrade last week.", "http_status_from_server"),
    ("From our S/4HANA system we call the OData service of the partner and get error 409 every time we post a "
     "sales order since the upgrade last week.", "sap_http_client"),
    ("When we try to log on to our ABAP system the handshake fails since the certificate was renewed, "
     "nothing else changed in the landscape this week.", "unknown"),
])
def test_what_the_report_becomes(kb: KnowledgeBase, text: str, kind: str) -> None:
    assert route(text, kb).scope.kind == kind


# "SAP" on its own names a system only as the subject of a verb of calling (reportlength):
# "when SAP calls the endpoint" is the ABAP system the admin runs; "my SAP call" is a noun,
# "the Node app calls SAP" the called side, "SAP PO" another product.
@pytest.mark.parametrize(("text", "roles"), [
    ("wrong version number when sap calls the endpoint on port 8000", (CALLER,)),
    ("the handshake fails when sap connects, nothing else changed", (CALLER,)),
    ("sap cannot connect to the partner api", (CALLER,)),
    ("sap is calling the endpoint through the proxy", (CALLER,)),
    ("tls alert unknown_ca when sap presents its client certificate", (CALLER,)),
    ("sap sends its client certificate and the server rejects it", (CALLER,)),
    ("wenn sap sich mit dem server des partners verbindet, kommt ein fehler", (CALLER,)),
    ("sap ruft den endpunkt des partners auf", (CALLER,)),
    ("the sap call from the node application fails randomly", ()),
    ("sap calls to the api fail every morning", ()),
    ("the node app calls sap and gets a 401", ()),
    ("sap po calls the endpoint and fails", ()),
    ("sap sends the certificate chain of the server", ()),
    ("sap recommends tls 1.2 for every connection", ()),
])
def test_bare_sap_is_a_system_only_as_the_caller(text: str, roles: tuple[Role, ...]) -> None:
    assert tuple(m.role for m in system_mentions(text)) == roles


# A call word after a possessive and the name is a noun ("my SAP call", "our SAP calls to the
# API fail"): it says which call, not who places it; with an object it stays the verb.
@pytest.mark.parametrize(("text", "roles"), [
    ("in my sap call from the node application i get a 401", (SETTING,)),
    ("our sap calls to the partner api fail since monday", (SETTING,)),
    ("my s/4 requests time out after the upgrade", (SETTING,)),
    ("our sap calls the partner api and fails", (CALLER, CALLER)),
    ("our sap systems call the endpoint through the proxy", (CALLER,)),
    ("our ecc calls to the api and gets a 401", (SETTING,)),
    ("our s/4 system posts the invoice to the partner", (CALLER,)),
])
def test_a_call_word_after_a_possessive_name_is_a_noun(text: str, roles: tuple[Role, ...]) -> None:
    assert tuple(m.role for m in system_mentions(text)) == roles


# A server sending its certificate, chain or CA acts in the handshake: it is the server,
# whatever the verb "send" says elsewhere (a caller "sends requests").
@pytest.mark.parametrize(("text", "role"), [
    ("the s/4 system does not send the intermediate ca", CALLED),
    ("our ecc server sends only the leaf certificate", CALLED),
    ("the s/4 system presents an expired certificate", CALLED),
    ("our ecc sends the request and the handshake fails", CALLER),
    ("our s/4 system presents its client certificate and fails", CALLER),
])
def test_a_server_sending_its_chain_is_the_server(text: str, role: Role) -> None:
    assert tuple(m.role for m in system_mentions(text)) == (role,)


@pytest.mark.parametrize(("text", "kind"), [
    # short: another product's server that sends no intermediate is the one called, not a caller
    ("certificate chain incomplete, the BTP server does not send the intermediate CA", "sap_http_client"),
    ("certificate chain incomplete, the Cloud Connector server sends only the leaf certificate", "sap_http_client"),
    # 20 words or more: "SAP calls / presents / verbindet sich" places the call; a TLS alert
    # or a version mismatch is the failed call by itself
    ("TLS alert bad_certificate comes back from the partner gateway whenever SAP presents its client certificate "
     "to the payment API of our bank.", "sap_http_client"),
    ("The handshake ends with wrong version number when SAP calls the partner endpoint on port 8080 with SSL "
     "active for the new billing interface.", "sap_http_client"),
    ("Seit dem Update schlägt der SSL-Handshake fehl, wenn SAP sich mit dem Server des Partners verbindet, "
     "obwohl das Zertifikat des Partners gültig ist.", "sap_http_client"),
    ("Der SSL-Handshake schlägt fehl, wenn SAP den Endpunkt des Partners über HTTPS aufruft, obwohl das "
     "Zertifikat des Partners gültig ist und nichts geändert wurde.", "sap_http_client"),
])
def test_sap_as_the_caller_and_the_server_sending_its_chain(kb: KnowledgeBase, text: str, kind: str) -> None:
    assert route(text, kb).scope.kind == kind


def test_another_client_presenting_its_certificate_is_no_sap_caller(kb: KnowledgeBase) -> None:
    text = ("TLS alert bad_certificate comes back from the partner gateway whenever our Node service presents its "
            "client certificate to the payment API of our bank.")
    assert route(text, kb).scope.kind != "sap_http_client"
