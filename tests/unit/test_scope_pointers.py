"""Where the fix of another kind of failure lives (Scope.pointer) and who made the call
(Routed.another_client): the pointer follows the family that decided, not the envelope it
came in or a setup the text shows worked. Classes of report, not sentences of the
evaluation sets."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    "text",
    [
        "RFC from our BW fails: RFC_COMMUNICATION_FAILURE, GSS-API(maj): No credentials were supplied",
        "SM59 connection test: ERROR: GSS-API(maj): Miscellaneous failure, SncPEstablishContext failed. "
        "RFC_COMMUNICATION_FAILURE",
        "JCoException: (102) RFC_ERROR_COMMUNICATION: partner '10.1.1.1:3300' not reached. "
        "Unable to load GSS-API DLL named sapcrypto.dll",
    ],
)
def test_an_snc_failure_inside_an_rfc_error_points_to_snc_not_the_network(kb: KnowledgeBase, text: str) -> None:
    # RFC_COMMUNICATION_FAILURE and "partner not reached" carry any failure of the
    # connection; a GSS-API error says it was SNC's, fixed in its library and names.
    routed = route(text, kb)
    assert routed.scope.kind == "rfc_or_network"
    assert routed.scope.pointer == "snc/gssapi_lib"
    assert "SNC" in routed.scope.reason
    assert "RFC_PARTNER_NOT_REACHED" not in build_answer(routed, kb)
    # A mere mention of SNC beside a refused port leaves the network in front.
    refused = route("RFC_COMMUNICATION_FAILURE partner '10.1.1.1:3300' not reached, NIECONN_REFUSED, we use SNC", kb)
    assert refused.scope.pointer == "RFC_PARTNER_NOT_REACHED"


@pytest.mark.parametrize(
    "text",
    [
        "javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_required when our Java app "
        "calls the S/4 OData service",
        "Spring Boot client: javax.net.ssl.SSLException: Received fatal alert: certificate_required",
    ],
)
def test_a_servers_request_for_the_clients_certificate_is_not_its_trust_store(kb: KnowledgeBase, text: str) -> None:
    # The server wants the client's own certificate (its key store); the base has no entry
    # for a Java key store, so nothing is pointed to rather than the trust store (cacerts).
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    assert routed.scope.pointer is None
    assert "client's own certificate" in routed.scope.reason
    doc = build_answer(routed, kb)
    assert "JAVA_PKIX" not in doc and "Where the fix lives" not in doc


@pytest.mark.parametrize(
    "text",
    [
        "javax.net.ssl.SSLProtocolException: handshake alert: unrecognized_name",
        "Our Java job calling the S/4 API: javax.net.ssl.SSLHandshakeException: Received fatal alert: unrecognized_name",
    ],
)
def test_a_server_refusing_the_sni_name_is_no_trust_store_problem(kb: KnowledgeBase, text: str) -> None:
    # The server does not serve the host name the client sent (SNI): the fix is the name
    # called or the server's virtual hosts, not the Java trust store (cacerts).
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    assert routed.scope.pointer is None
    assert "SNI" in routed.scope.reason and "trust store (cacerts)" not in routed.scope.reason
    assert "JAVA_PKIX" not in build_answer(routed, kb)


@pytest.mark.parametrize(
    "exception", ["SSLProtocolException", "SSLKeyException", "SSLPeerUnverifiedException", "SSLHandshakeException"],
)
def test_any_exception_of_jsse_is_the_java_clients_own(kb: KnowledgeBase, exception: str) -> None:
    # javax.net.ssl is JSSE's package: whatever its exception, a Java client failed, not the
    # SAP system's HTTP client (which rule 7 would otherwise guess from "handshake").
    routed = route(f"javax.net.ssl.{exception}: handshake failed while calling the service", kb)
    assert routed.scope.kind == "other_client"
    assert not routed.messages


@pytest.mark.parametrize(
    "text",
    [
        "Web Dispatcher returns 502 Bad Gateway when calling the Fiori launchpad /sap/bc/ui2/flp",
        "Through the Web Dispatcher our Fiori launchpad answers HTTP/1.1 403 Forbidden",
    ],
)
def test_a_status_the_sap_side_sent_points_to_no_tls_setup(kb: KnowledgeBase, text: str) -> None:
    # A status came back: the handshake worked, so the SAP system's TLS server setup is not
    # where the fix lives.
    routed = route(text, kb)
    assert routed.scope.pointer != "SAP_AS_TLS_SERVER"
    assert "SAP_AS_TLS_SERVER" not in build_answer(routed, kb)


def test_a_status_the_sap_side_sent_points_to_the_service_the_text_names(kb: KnowledgeBase) -> None:
    routed = route("Our Fiori launchpad gives HTTP 403 Forbidden through the Web Dispatcher, the node is "
                   "active in SICF", kb)
    assert routed.scope.kind == "sap_server_inbound"
    assert routed.scope.pointer == "ICF_SERVICE_ACTIVATION"
    # About the server's certificate, its TLS setup stays the place of the fix.
    tls = route("Web Dispatcher: HTTP 500 from our SAP system since the SSL server PSE was renewed", kb)
    assert tls.scope.pointer == "SAP_AS_TLS_SERVER"


def test_a_status_through_a_destination_shows_no_trust_store(kb: KnowledgeBase) -> None:
    # The BTP destination and the Cloud Connector are named only as the way the call went;
    # a 404 came back, so their trust stores are beside the point.
    routed = route("BTP destination check returns 404 Not Found for the on-premise OData service via "
                   "Cloud Connector", kb)
    assert routed.scope.kind == "http_status_from_server"
    doc = build_answer(routed, kb)
    assert "backend trust store" not in doc and "server certificate trust" not in doc
    trust = route("BTP destination via Cloud Connector fails: PKIX path building failed, the backend trust store "
                  "is empty", kb)
    assert "CLOUD_CONNECTOR_TRUST" in trust.glossary


@pytest.mark.parametrize(
    "text",
    [
        "curl: (22) The requested URL returned error: 401",
        "org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized: [no body]",
        "WebClientResponseException$NotFound: 404 Not Found from GET https://s4.example.com/sap/opu/odata/sap/API_BP",
    ],
)
def test_curl_and_springs_statuses_are_another_clients(kb: KnowledgeBase, text: str) -> None:
    # A bare number only shares its digits with an SCLNT_HTTP message: it does not make
    # the ABAP system the caller, so no SM59 step is given.
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server"
    assert routed.another_client
    assert "SM59" not in build_answer(routed, kb)
    assert not route("SCLNT_HTTP401 in SM59, curl: (22) from the same host works", kb).another_client


@pytest.mark.parametrize(
    "text",
    [
        "curl: (22) The requested URL returned error: 401",
        "Java client gets Server returned HTTP response code: 401 for URL: https://s4.example.com/sap/opu/odata/sap/X",
    ],
)
def test_how_do_i_fix_it_keeps_another_clients_leading_cause(kb: KnowledgeBase, text: str) -> None:
    first = route(text, kb)
    assert first.causes[0].id == "logon_failed"
    follow = route("how do I fix it?", kb, first.state)
    assert follow.follow_up
    assert follow.causes[0].id == "logon_failed"


@pytest.mark.parametrize(
    "text",
    [
        "curl: (22) The requested URL returned error: 401",
        "org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized: [no body]",
    ],
)
def test_our_abap_report_as_the_caller_of_another_clients_status_corrects_who_calls(
    kb: KnowledgeBase, text: str
) -> None:
    # The status stays the far server's answer; the caller is now the ABAP system, so the
    # answer gives its steps (SM59's logon data) and no longer says "a non-ABAP client".
    first = route(text, kb)
    assert first.another_client
    corrected = route("and if it is our ABAP report that calls?", kb, first.state)
    assert corrected.scope.kind == "http_status_from_server"
    assert not corrected.another_client
    assert "non-ABAP" not in corrected.scope.reason
    assert corrected.causes[0].id == "logon_failed"
    assert "SM59" in build_answer(corrected, kb)


def test_the_sap_systems_own_expired_certificate_is_renewed_in_its_ssl_server_pse(kb: KnowledgeBase) -> None:
    # Browsers refuse the launchpad's certificate as out of date: the SAP system is the
    # server, and the answer says where its certificate is renewed (not the client PSEs).
    routed = route("Users cannot open the Fiori launchpad: the browser says NET::ERR_CERT_DATE_INVALID", kb)
    assert routed.scope.kind == "sap_server_inbound"
    doc = build_answer(routed, kb)
    assert "SAP's own certificate has expired" in doc
    assert "SSL server" in doc and "certificate request" in doc


@pytest.mark.parametrize(
    "text",
    [
        "javax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is disabled or cipher suites "
        "are inappropriate) after the JDK update",
        "ssl.SSLError: [SSL: UNSUPPORTED_PROTOCOL] unsupported protocol (_ssl.c:1129) from our Python script",
    ],
)
def test_a_protocol_or_cipher_mismatch_of_another_client_is_no_trust_store_fix(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    # the client's TLS settings (its runtime's entry, since kbgrow), not its trust store
    assert routed.scope.pointer in {"JAVA_TLS_PROTOCOLS", "PYTHON_TLS_PROTOCOLS"}
    untrusted = route("javax.net.ssl.SSLHandshakeException: PKIX path building failed", kb)
    assert untrusted.scope.pointer == "JAVA_PKIX"


@pytest.mark.parametrize(
    "text",
    [
        "ERROR registration of tp SLD_UC from host sldhost not allowed",
        "Our JCo server does not come up, dev_jrfc shows: registration of tp ZCONNECTOR from host 10.1.2.3 not "
        "allowed",
        "Which entries do I need in reginfo for the external RFC server program?",
    ],
)
def test_a_gateway_refusing_a_program_points_to_its_access_lists(kb: KnowledgeBase, text: str) -> None:
    # A registration refused by reginfo/secinfo is fixed by a rule there, not in the
    # network; "partner not reached" (where other gateway errors point) says nothing of it.
    routed = route(text, kb)
    assert routed.scope.kind == "rfc_or_network"
    assert routed.scope.pointer == "RFC_GATEWAY_ACL"
    doc = build_answer(routed, kb)
    assert "gw/reg_info" in doc and "SMGW" in doc
    # Other gateway trouble keeps the network pointer.
    allocate = route("CPI-C error: timeout during allocate, SAP-Gateway on host sapci", kb)
    assert allocate.scope.pointer == "RFC_PARTNER_NOT_REACHED"


@pytest.mark.parametrize(
    "text",
    [
        "curl: (60) SSL certificate problem: unable to get local issuer certificate",
        "our PHP job logs cURL error 60: SSL certificate problem: self signed certificate in certificate chain",
        "git clone fails: server certificate verification failed. CAfile: /etc/ssl/certs/ca-certificates.crt",
    ],
)
def test_a_curl_or_git_trust_failure_points_to_its_ca_bundle(kb: KnowledgeBase, text: str) -> None:
    # They were answered "another client's own TLS error text" with no place of the fix.
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    assert routed.scope.pointer == "OPENSSL_CLIENT_TRUST"
    answer = build_answer(routed, kb)
    assert "CA bundle" in answer and "http.sslCAInfo" in answer


def test_a_curl_error_that_is_no_trust_failure_gets_no_ca_bundle(kb: KnowledgeBase) -> None:
    routed = route("curl: (28) Operation timed out after 30000 milliseconds with 0 bytes received", kb)
    assert routed.scope.pointer != "OPENSSL_CLIENT_TRUST"


@pytest.mark.parametrize(
    "text",
    [
        "JCoException: (104) RFC_ERROR_SYSTEM_FAILURE: UCON RFC Rejected; CPROG:ZREPORT DEST:JCO_OUT",
        "Our .NET connector throws RfcException: Conversion error between two character sets when opening the "
        "RFC connection",
        "pyrfc: RFC_INVALID_HANDLE: RFC_FUNCTION_DESC_HANDLE handle 1234 was already removed",
        "php sapnwrfc: Could not open connection",
    ],
)
def test_an_rfc_error_that_reached_its_partner_is_not_sent_to_partner_not_reached(
    kb: KnowledgeBase, text: str
) -> None:
    # The RFC envelope (an RFC library, RFC_*_FAILURE) carries any failure; "partner not
    # reached" (refused, timed out, unknown host or service) is where only a failure to
    # reach the partner is fixed. A refused call, a codepage error or a stale handle is not.
    routed = route(text, kb)
    assert routed.scope.kind == "rfc_or_network"
    assert routed.scope.pointer != "RFC_PARTNER_NOT_REACHED"
    assert "RFC_PARTNER_NOT_REACHED" not in build_answer(routed, kb)


@pytest.mark.parametrize(
    "text",
    [
        "RFC_COMMUNICATION_FAILURE: partner '10.1.1.1:3300' not reached, NIECONN_REFUSED",
        "RFC_COMMUNICATION_FAILURE ERROR hostname 'worker7' unknown RC -2",
        "CommunicationError: RFC_COMMUNICATION_FAILURE, NiIRead: WSAECONNRESET: Connection reset by peer",
        "JCoException: RFC_ERROR_COMMUNICATION: Connect to message server host failed, WSAETIMEDOUT",
    ],
)
def test_an_rfc_connection_that_did_not_reach_its_partner_keeps_the_network_pointer(
    kb: KnowledgeBase, text: str
) -> None:
    assert route(text, kb).scope.pointer == "RFC_PARTNER_NOT_REACHED"


def test_a_registration_refused_inside_a_gateway_error_points_to_the_access_lists(kb: KnowledgeBase) -> None:
    # The gateway's LOCATION line and "timeout during allocate" are the envelope; the
    # registration refused by reginfo is why the allocate found no program.
    for text in (
        "LOCATION SAP-Gateway on host sapci / sapgw00 ERROR registration of tp ZCONN.PROG from host app1 not allowed",
        "SM59 test of the TCP/IP destination: timeout during allocate of registered program. "
        "LOCATION SAP-Gateway on host sapci ERROR registration of tp ZCONN.PROG from host app1 not allowed",
    ):
        routed = route(text, kb)
        assert routed.scope.kind == "rfc_or_network"
        assert routed.scope.pointer == "RFC_GATEWAY_ACL", text


def test_an_snc_error_block_without_a_network_failure_points_to_snc(kb: KnowledgeBase) -> None:
    # An RFC error block whose COMPONENT is SNC reached nothing of the network: SNC's entry
    # is the place, even when the envelope's words are stronger than the SNC ones.
    text = ("RFC_COMMUNICATION_FAILURE LOCATION CPIC (TCP/IP) on local host ERROR SNCERR_BAD_NT_PREFIX "
            "COMPONENT SNC (Secure Network Communication) DETAIL SncPSetNewName")
    routed = route(text, kb)
    assert routed.scope.kind == "rfc_or_network"
    assert routed.scope.pointer == "snc/gssapi_lib"


@pytest.mark.parametrize(
    "text",
    [
        "node-rfc gets RFC_COMMUNICATION_FAILURE: it tries port 3300 and fails to connect, our gateway is on 3329",
        "NCo: RfcDestination.Ping() hangs for minutes, no exception is thrown",
    ],
)
def test_an_rfc_connect_that_fails_or_hangs_in_plain_words_keeps_the_network_pointer(
    kb: KnowledgeBase, text: str
) -> None:
    assert route(text, kb).scope.pointer == "RFC_PARTNER_NOT_REACHED"


@pytest.mark.parametrize(
    "text",
    [
        "terraform init with the SAP BTP provider fails: tls: failed to verify certificate: x509: certificate signed "
        "by unknown authority",
        "Our BTP service operator in the Kubernetes cluster logs: Post \"https://x.authentication.eu10.hana.ondemand.com"
        "/oauth/token\": x509: certificate signed by unknown authority",
        "Running the yeoman generator for BTP icons: Error: self signed certificate in certificate chain",
    ],
)
def test_btp_named_in_passing_is_no_destination_trust(kb: KnowledgeBase, text: str) -> None:
    # A CLI, an operator or a generator that manages BTP calls from its own machine with
    # its own trust store; a BTP destination's trust is the place only for a destination's call.
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    assert routed.scope.pointer != "BTP_DESTINATION_TRUST"


def test_a_call_through_a_btp_destination_keeps_its_trust(kb: KnowledgeBase) -> None:
    routed = route("Our CAP app calls S/4HANA through a BTP destination and gets: Error during request to remote "
                   "service: self signed certificate in certificate chain", kb)
    assert routed.scope.pointer == "BTP_DESTINATION_TRUST"


@pytest.mark.parametrize(
    "text",
    [
        "JCoException: (104) RFC_ERROR_SYSTEM_FAILURE: UCON RFC Rejected; CPROG:ZREPORT DEST:JCO_OUT",
        "pyrfc ABAPApplicationError: UCON RFC Rejected; CPROG:python DEST:NONE when calling BAPI_USER_GET_DETAIL",
    ],
)
def test_a_function_module_refused_by_ucon_points_to_ucon(kb: KnowledgeBase, text: str) -> None:
    # The connection and the logon worked; the called system's UCON refused the function
    # module: the rule lives in its UCON Cockpit, not in the network or the RFC library.
    routed = route(text, kb)
    assert routed.scope.kind == "rfc_or_network"
    assert routed.scope.pointer == "UCON_RFC"
    assert "UCONCOCKPIT" in build_answer(routed, kb)
