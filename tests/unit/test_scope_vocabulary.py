"""The scope vocabulary (assistant/intent/scopevocab.py): every cue sourced and well-formed,
the research record generated from it, and the classes of report it exists for — including
the mixed reports whose precedence scope.py documents. The sentences below are written from
the sources' error texts (docs/research/scope_vocabulary.md), not taken from the evaluation
sets."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from assistant.intent import route
from assistant.intent.confidence import WEAK_CAP
from assistant.intent.scopecues import cues_in
from assistant.intent.scopesources import SOURCES
from assistant.intent.scopevocab import CONTAINING_NAMES, FAMILIES, STRENGTHS, VOCABULARY
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from benchmarks.build_scope_vocabulary import DOC, render

SAP, HTTP, INBOUND, RFC, OTHER = (
    "sap_http_client", "http_status_from_server", "sap_server_inbound", "rfc_or_network", "other_client",
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def test_every_cue_is_well_formed_and_sourced() -> None:
    seen = set()
    for family, strength, text, source, *regex in VOCABULARY:
        assert family in FAMILIES, family
        assert strength in STRENGTHS, (text, strength)
        assert source in SOURCES, (text, source)
        assert text.lstrip() == text and len(text.strip()) >= 3, text
        assert (family, text.lower(), tuple(regex)) not in seen, f"duplicate cue {text!r}"
        seen.add((family, text.lower(), tuple(regex)))
        if regex:
            re.compile(regex[0])  # compiles


def test_every_source_is_used_and_has_a_page() -> None:
    used = {row[3] for row in VOCABULARY} | {source for _name, source in CONTAINING_NAMES}
    assert used == set(SOURCES)
    for key, (url, what) in SOURCES.items():
        assert what, key
        assert url.startswith(("http://", "https://")) or key == "issue-8", key


def test_the_research_record_is_generated_from_the_vocabulary() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "run benchmarks/build_scope_vocabulary.py"


def test_importing_the_cues_compiles_nothing() -> None:
    # ask --json starts a fresh process: the vocabulary must cost nothing until it is used.
    code = (
        "import assistant.intent.scopecues as c; "
        "assert c._rows.cache_info().currsize == 0 and c._compiled.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("text", "family", "strength"),
    [
        ("javax.net.ssl.SSLHandshakeException: PKIX path building failed", "java", "decisive"),
        ("Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames", "node", "decisive"),
        ("RTE:[300015] SSL certificate validation failed", "hana_client", "decisive"),
        ("key=JCO_ERROR_COMMUNICATION", "rfc_lib", "decisive"),
        ("set NODE_EXTRA_CA_CERTS to the CA file", "node", "indicative"),
        ("read ECONNRESET", "client_network", "indicative"),
        ("ECONNRESET", "client_network", "weak"),
    ],
)
def test_cues_count_once_per_family_at_their_strongest(text: str, family: str, strength: str) -> None:
    found = {h.family: h.strength for h in cues_in(text)}
    assert found.get(family) == strength, found


@pytest.mark.parametrize(
    "text",
    [
        "unsun.security.x",  # inside a word
        "ECONNRESETTING",
        "we use a REST API",  # not 'RFC'
    ],
)
def test_word_boundaries_hold(text: str) -> None:
    assert not [h for h in cues_in(text) if h.strength != "weak" or h.family in ("node", "rfc")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # one runtime or layer, one kind
        ("curl: (60) SSL certificate problem: unable to get local issuer certificate", OTHER),
        ("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", OTHER),
        ("System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception", OTHER),
        ("Get https://api/: x509: certificate signed by unknown authority", OTHER),
        ("Post https://login.example.com/oauth/token: dial tcp: i/o timeout", OTHER),  # Go, no address
        ("x509: certificate is valid for sap01.example.com, not sap.example.com", OTHER),
        ("cURL error 60: SSL certificate problem: self signed certificate in certificate chain", OTHER),
        ('ResourceAccessException: I/O error on POST request for "https://s4/sap/opu/odata/x"', OTHER),
        ("the browser shows net::ERR_SSL_PROTOCOL_ERROR for the service URL", OTHER),
        ("The HANA client returns error 10: authentication failed", OTHER),
        ("urllib.error.HTTPError: HTTP Error 403: Forbidden", HTTP),
        ("[cds] - Error: Error during request to remote service: self signed certificate", OTHER),
        ("SAP.Middleware.Connector.RfcCommunicationException: Connection to (app01,3300) is closed", RFC),
        ("HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED", SAP),  # the SAP client's own 'HTTP error'

        ("SOAP: Call failed: iaik.security.ssl.SSLCertificateException: Peer certificate rejected by ChainVerifier", OTHER),
        ("Invoke-RestMethod : The remote server returned an error: (401) Unauthorized.", HTTP),
        ("requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://host/sap/opu/odata/x", HTTP),
        ('{"error":{"code":"/IWBEP/CM_TEA/004","message":{"lang":"en","value":"not in range"}}}', HTTP),
        ("POST returns 403 and the body says CSRF token validation failed", HTTP),
        ('WWW-Authenticate: Bearer error="insufficient_scope"', HTTP),  # a resource server's refusal
        ("error: invalid_token", HTTP),
        ("Unsupported Media Type when posting JSON to the endpoint", HTTP),  # a reason phrase, no verb
        ("Too Many Requests", HTTP),
        ("Emarsys::BadRequest: HTTP-Code: 400, Emarsys-Code: 1 - No resource requested.", HTTP),
        ("Pressing Go leads to: No authorization to access service group 'ZRAP100_UI_TRAVEL_O4'", INBOUND),
        ("IcmConnInitServerSSL: SapSSLSessionStart returned (-56): SSSLERR_SSL_ACCEPT", INBOUND),
        ("ERROR registration of tp ZTP from host app01 not allowed, gw/acl_mode = 1", RFC),
        ("GSS-API(maj): Miscellaneous failure GSS-API(min): A2200210:Peer certificate verification failed", RFC),
        # mixed reports: precedence (scope.py)
        ("our ABAP report calls the Azure API with cl_http_client and the API answers 401 Unauthorized", HTTP),
        ("a Java application calls our SAP system and gets PKIX path building failed", OTHER),
        ("SM59 RFC destination type 3 connection test: partner 'sapprd:3300' not reached", RFC),
        # SM59 calls every destination an RFC destination: one of type G/H is the HTTP client's
        ("When I test the RFC destination type G it shows: Error while receiving data", SAP),
        ("the RFC-destination of type 'H' returns SSL handshake failed", SAP),
        ("JCoException: (102) JCO_ERROR_COMMUNICATION: partner 'gw:3300' not reached", RFC),
        ("abapGit: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED", SAP),
        ("abapGit clone: Unauthorized access to resource (HTTP 401). Check your credentials", HTTP),
        ("the OData service is not activated, so the call gets HTTP 403 Forbidden", INBOUND),
        ("Request failed with status code 401 from the on-premise system behind the Cloud Connector", HTTP),
        ("error accessing the Cloud Connector administration UI at https://localhost:8443", INBOUND),
        ('Back from the identity provider, the user redirected back to SAP gets "401 Not authorized"; the SAML 2.0 '
         "Security Diagnostic Tool trace shows a federation error", INBOUND),  # the SAP system as SAML provider
        ("Our SAP Gateway returns 500 Internal Server Error for the metadata call from the UI5 app", INBOUND),
        ("we call an API from our SAP system and it returns 401", HTTP),  # the far API answered
        # the reporter made the service being called: its status is fixed at that service
        ("We created the HTTP service for our upload app in the ABAP trial; opening its URL in the browser gives "
         "403 Forbidden right after the logon", INBOUND),
        ("I deleted the OData service and re-created it, now the app only shows 404 Not Found", INBOUND),
        # … but a BTP service instance is no service of the SAP system
        ("We created a service instance of the destination service and bound it; the app gets 403 Forbidden from the "
         "backend", HTTP),
        # a server error of the XS advanced platform on the reporter's own HANA (its builder, controller)
        ("Deploying the MTA project to our HANA express VM fails:\n[INFO] Processing module db\n"
         "[ERROR] HTTP 500 Internal Server Error\n(Builder) Build failed", INBOUND),
        ("xs login to HANA express fails: Could not connect to controller", OTHER),  # no server error: the xs client
        # a far server's refusal in its own words, relayed or printed by the client that got it
        ("Java app: DestinationAccessException: Failed to read the token. The token service responded with an error: "
         "grant type not allowed for this client", HTTP),
        ("terraform apply stops with Error: Unable to create Client. Login failed. Check your credentials and try "
         "again", HTTP),
        ("my Python script calls the REST API of the service layer and always gets 'Authorization header not found'",
         HTTP),
        ("Token refused: Access denied for this operationinvalid_token", HTTP),  # a JSON body copied flat
        ('Our job calling the learning REST API gets: "You do not have permission to perform this action"', HTTP),
        # the SAP side's own access setting refuses callers from other hosts
        ("SAP B1iP shows 403 - Forbidden: HTTP access is not allowed from remote clients while it runs in local mode",
         INBOUND),
    ],
)
def test_each_class_of_report_gets_its_kind(kb: KnowledgeBase, text: str, kind: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == kind, (routed.scope, cues_in(text))


def test_ni_codes_of_an_rfc_error_block_are_the_rfc_layers(kb: KnowledgeBase) -> None:
    text = "RFC_COMMUNICATION_FAILURE: partner 'h:3300' not reached, NiPConnect2 NIECONN_REFUSED (-10)"
    routed = route(text, kb)
    assert routed.scope.kind == RFC
    assert not [m for m in routed.messages if m.id.startswith("SCLNT_HTTP")]  # not SCLNT_HTTP411


def test_a_scope_on_weak_cues_only_is_never_confident(kb: KnowledgeBase) -> None:
    for text in ("ECONNRESET while testing in Eclipse", "the certificate expired yesterday"):
        routed = route(text, kb)
        assert routed.scope.strength == 0.0
        assert routed.confidence <= WEAK_CAP, (text, routed.confidence)


def test_every_family_points_to_a_glossary_entry_of_the_base(kb: KnowledgeBase) -> None:
    for name, family in FAMILIES.items():
        assert family.reason, name
        if family.pointer:
            assert family.pointer in kb.glossary, (name, family.pointer)


def test_a_follow_up_keeps_the_topics_scope_and_its_strength(kb: KnowledgeBase) -> None:
    first = route("sun.security.validator.ValidatorException: PKIX path building failed", kb)
    assert first.scope.kind == OTHER and first.scope.strength == 1.0
    follow = route("how do I fix it?", kb, first.state)
    assert follow.follow_up and follow.scope.kind == OTHER
    assert follow.scope.strength == 1.0 and follow.confidence > WEAK_CAP


def _every_row_tried(text: str) -> set[str]:
    """The families found when every cue is tested, without the prefix look-up (the longest
    name winning over every row's occurrences, as find_cues does over its candidates')."""
    from assistant.intent import scopecues

    lower = text.lower()
    rows = scopecues._rows()
    names = scopecues._name_spans(lower, list(range(len(rows))))
    return {
        row.family for position, row in enumerate(rows)
        if scopecues._stands_alone(lower, row, names) and (row.regex is None or scopecues._compiled(position).search(text))
    }


@pytest.mark.parametrize("before, after", [
    ("", ""), ("see ", " here"), ("[", "]"), ("x", ""), ("→", "…"), ("ü", ""), ("ſ", "ß"), ("_", "_"), ("1", "9"),
])
def test_looking_cues_up_by_their_start_finds_what_trying_every_cue_finds(before: str, after: str) -> None:
    # Each literal as written and in capitals, glued to neighbours that are and are not
    # word characters (ASCII, non-ASCII): the quick candidate search must miss nothing.
    for _family, _strength, literal, _source, *_regex in VOCABULARY:
        for text in (f"{before}{literal}{after}", f"{before}{literal.upper()}{after} and more"):
            assert {h.family for h in cues_in(text)} == _every_row_tried(text), text


def test_a_github_org_path_named_sap_places_no_call_in_an_sap_system(kb: KnowledgeBase) -> None:
    """"from SAP/jenkins-library" is where a project was copied from, not "from our SAP system"."""
    text = ("I have copied a project from SAP/jenkins-library and added the credentials. The deploy step stops: "
            "Error: Failed to login to Cloud Foundry: Parameters missing. Please provide the Endpoint, Org, "
            "Space, Username and Password")
    assert route(text, kb).scope.kind != SAP
    assert route("we call the API from our SAP system and get SSL handshake failed", kb).scope.kind == SAP
