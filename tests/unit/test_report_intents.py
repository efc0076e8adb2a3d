"""A problem report is answered as a report, whatever polite or narrative words it holds.

Real reports say "I need help", "we ran all the programs", "to test the connection": words
that, in a short question, ask for the help text, a domain list or a live check. In a
report they tell the story. These tests hold the classes, not sentences of an evaluation
set."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.intent.evidence import family_scores
from assistant.intent.kbindex import index_for
from assistant.kb.knowledge_base import KnowledgeBase


@pytest.fixture(scope="module")
def kb(bundled_kb: KnowledgeBase) -> KnowledgeBase:
    return bundled_kb


@pytest.mark.parametrize(
    "text",
    [
        "I need help, the SSL handshake fails when we call the partner's web service from SAP",
        "help me please: our SAP system gets connection refused when calling the external REST API",
        "Need help! SM59 connection test ends with SSL handshake failed since Monday",
    ],
)
def test_a_report_asking_for_help_is_answered_as_the_report(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.intent != "help"
    assert routed.messages, "the report's message is named"
    assert "What I can do" not in build_answer(routed, kb)


@pytest.mark.parametrize("text", ["help", "what can you do?", "I need help", "how does this work"])
def test_a_short_request_for_help_still_gets_the_help_text(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.intent == "help"
    assert routed.confidence == 1.0


def test_a_long_report_mentioning_all_the_programs_is_no_domain_question(kb: KnowledgeBase) -> None:
    text = (
        "Getting an HTTP client exception dump when we run the demo programs: every call to the "
        "external service ends in the same dump for all the programs we tried, in DEV and QAS."
    )
    routed = route(text, kb)
    assert routed.domain is None
    assert routed.intent != "list"


@pytest.mark.parametrize(
    ("text", "kind"),
    [("which profile parameters matter?", "parameter"), ("what transactions do I need?", "transaction")],
)
def test_a_short_domain_question_is_still_one(kb: KnowledgeBase, text: str, kind: str) -> None:
    assert route(text, kb).domain == kind


def test_a_report_that_says_it_tested_the_connection_is_answered_as_the_report(kb: KnowledgeBase) -> None:
    # "to test the connection", "what to try else": words of a report, no request to run a check.
    report = (
        "We ran ZABAPGIT_TEST_SSL to test the connection to github.com and now get "
        "HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SSL_READ (-58). What to try else?"
    )
    routed = route(report, kb)
    assert routed.intent == "explain"
    assert routed.messages[0].id == "SCLNT_HTTP407"


def test_a_check_asked_for_inside_a_report_gets_the_report_s_confidence(kb: KnowledgeBase) -> None:
    report = (
        "HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SSL_READ (-58). "
        "Please run a live check on github.com"
    )
    routed = route(report, kb)
    assert routed.intent == "check"
    assert routed.confidence_features, "computed from the evidence, not fixed"
    assert routed.confidence < 1.0
    bare = route("check github.com", kb)
    assert bare.intent == "check" and bare.confidence == 1.0


def test_ssl_as_a_word_points_to_the_tls_family_of_causes(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    family = family_scores({"ssl"}, index)
    assert "server_cert_untrusted" in family and "tls_version_or_cipher_mismatch" in family
    assert "connect_timeout" not in family and "proxy_auth_failed" not in family
    assert not family_scores({"fail", "error", "sap"}, index), "words of failure and generic words name no family"
    routed = route("SSL error when our ABAP program calls the service", kb)
    tls = set(family)
    assert routed.causes and routed.causes[0].id in tls


@pytest.mark.parametrize(
    "text",
    [
        "SOAMANAGER: the consumer proxy call ends with a timeout",
        "the generated ABAP proxy class raises an exception when called",
    ],
)
def test_a_web_service_proxy_is_no_proxy_in_the_path(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.entities is not None and not routed.entities.proxy
    assert not any(c.id.startswith("proxy_") for c in routed.causes[:3])


def test_a_reverse_proxy_is_no_forward_proxy(kb: KnowledgeBase) -> None:
    routed = route("the reverse proxy in front of our Gateway is slow", kb)
    assert routed.entities is not None and not routed.entities.proxy


@pytest.mark.parametrize(
    "text",
    ["we can only go out through our proxy", "the HTTP Client Proxy in SICF is set", "Proxy server proxy.corp:8080"],
)
def test_a_forward_proxy_is_still_one(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.entities is not None and routed.entities.proxy


@pytest.mark.parametrize(
    "text",
    [
        "We created an RFC destination of type G in SM59 and the connection test ends with SSL handshake failed",
        "HTTP connection to external server: the test says the certificate is not trusted",
    ],
)
def test_an_http_destination_in_sm59_is_the_sap_client(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).scope.kind == "sap_http_client"


def test_a_proxy_status_printed_by_another_client_is_that_client_s_answer(kb: KnowledgeBase) -> None:
    routed = route("AxiosError: Request failed with status code 403, the corporate proxy blocks the call", kb)
    assert routed.scope.kind == "http_status_from_server"
    assert not routed.messages
    sap = route("HTTP/1.1 403 Forbidden from the proxy on CONNECT", kb)
    assert sap.scope.kind == "sap_http_client" and sap.messages[0].id == "SCLNT_HTTP426"


def test_an_unknown_sapssl_code_is_said_unknown_and_read_as_an_ssl_error(kb: KnowledgeBase) -> None:
    routed = route("the ICM trace ends with SSSLERR_PEER_CERT_SIGNATURE", kb)
    assert [u.id for u in routed.unknown_ids] == ["SSSLERR_PEER_CERT_SIGNATURE"]
    assert routed.messages and kb.messages[routed.messages[0].id].icm_constant == "ICM_HTTP_SSL_ERROR"
    tls = set(family_scores({"ssl"}, index_for(kb)))
    assert tls & {c.id for c in routed.causes[:3]}


def test_a_dense_paste_keeps_the_first_targets_and_still_finds_a_proxy_named_late() -> None:
    from assistant.intent.hosts import MAX_NAMED, find_hosts

    urls = " ".join(f"https://h{i}.example.com:8443/p" for i in range(200))
    hosts, found, _ports, proxy = find_hosts(f"{urls} via proxy http://proxy.corp.example:8080")
    assert found[0] == "https://h0.example.com:8443/p" and len(found) == MAX_NAMED
    assert proxy == "http://proxy.corp.example:8080"
    bare = " ".join(f"h{i}.example.com" for i in range(200))
    hosts, _urls, _ports, proxy = find_hosts(f"{bare} proxy: 10.1.2.3:3128")
    assert hosts[0] == "h0.example.com" and len(hosts) == MAX_NAMED
    assert proxy == "10.1.2.3:3128"


@pytest.mark.parametrize(
    "text",
    [
        "I followed https://www.sap.com/developer/tutorials/xsa-html5-module.html and the build fails with 500",
        "see https://help.sap.com/docs/btp/some-page and community.sap.com for the steps",
        "What does <yourP#> mean when creating the destination to https://<yourP#>trial-trial.apim1.example.com ?",
        # an XML namespace name in a pasted OData error body or SOAP envelope: a name, no server
        'HttpError: status code: 415, body: <m:error xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">',
        "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body/>",
    ],
)
def test_a_cited_page_or_a_templated_name_is_no_target_to_check(text: str) -> None:
    # A tutorial or help page is read, not called; a host written around a placeholder
    # (<yourP#>…) is no name anything resolves: neither is offered for a live check.
    from assistant.intent.hosts import find_hosts

    hosts, urls, _ports, _proxy = find_hosts(text)
    assert not hosts and not urls
    called, _urls, _p, _x = find_hosts("the call to https://api.partner.example/v1 and www.sap.com fails")
    assert called == ["api.partner.example", "www.sap.com"]


def test_a_product_name_of_the_vocabulary_is_no_typo(kb: KnowledgeBase) -> None:
    routed = route("our approuter gets a timeout towards the backend", kb)
    assert routed.entities is not None
    assert "approuter" not in dict(routed.entities.corrections)


def test_a_proxy_logon_asked_of_another_client_points_to_no_trust_store(kb: KnowledgeBase) -> None:
    routed = route("our approuter app (Node.js) gets 407 Proxy Authentication Required from the connectivity proxy", kb)
    assert routed.scope.kind == "other_client"
    assert routed.scope.pointer is None
    assert "proxy" in routed.scope.reason


@pytest.mark.parametrize(("text", "thanks"), [
    ("it works, thanks", True), ("thanks, it works now", True), ("it works", True),
    ("it works in Postman", False), ("it works from the browser but not from SAP", False),
    ("great, it works again", True), ("it works every time in the browser", False),
    ("it works only sometimes", False),
])
def test_it_works_is_thanks_only_when_it_says_nothing_of_where(kb: KnowledgeBase, text: str, thanks: bool) -> None:
    assert (route(text, kb).intent == "thanks") is thanks


@pytest.mark.parametrize("text", [
    "it works fine in Postman but not from SAP",
    "the API works with curl but SM59 gives an error",
    "funciona con Postman pero no desde SAP",
    "Der Aufruf funktioniert im Browser, aber nicht aus SAP",
])
def test_works_in_another_tool_is_the_sign_of_the_sap_systems_own_path(kb: KnowledgeBase, text: str) -> None:
    """Another tool reaching the server is the base's sign "works in the browser",
    whichever tool: the SAP system's own trust, proxy or TLS path differs."""
    routed = route(text, kb)
    assert routed.intent != "not_understood"
    assert {"server_cert_untrusted", "proxy_required"} <= {c.id for c in routed.causes[:3]}


@pytest.mark.parametrize("text", [
    "the HTTPS call from our SAP system to the partner fails intermittently, maybe every third call",
    "abapGit pull fails every other time with HTTP communication failure",
])
def test_a_failure_that_comes_and_goes_is_intermittent(kb: KnowledgeBase, text: str) -> None:
    assert "connection_broken" in {c.id for c in route(text, kb).causes[:2]}


@pytest.mark.parametrize("text", [
    "The report works fine in foreground but in background the HTTP call fails",
    "batch job ZINTERFACE fails with HTTP communication failure, run manually it works",
])
def test_only_the_background_job_failing_points_to_another_server_or_user(kb: KnowledgeBase, text: str) -> None:
    causes = {c.id for c in route(text, kb).causes[:3]}
    assert {"one_app_server_differs", "destination_no_authority"} <= causes


def test_an_upgrade_in_the_story_is_no_upgrade_required_status(kb: KnowledgeBase) -> None:
    """"Since the upgrade" tells when it began (a story word, like "since" or "after"), not
    the far server's "426 Upgrade Required"."""
    routed = route("Since the upgrade to S/4HANA 2023 outbound HTTPS calls fail", kb)
    assert not routed.causes or routed.causes[0].id != "http_status_from_server"
    assert not routed.messages or routed.messages[0].id != "SCLNT_HTTP409"


@pytest.mark.parametrize("text", [
    "HTTP destination works with IP address but not with host name",
    "with the hostname it fails, with the IP address it works fine",
])
def test_the_address_works_and_the_name_does_not_is_a_name_not_resolved(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.causes[0].id == "dns_failure"
    assert routed.messages[0].id == "SCLNT_HTTP417"


@pytest.mark.parametrize("text", [
    "SM59 test fails with SSL error since the firewall team enabled SSL decryption",
    "the HTTPS calls from SAP fail since deep inspection was switched on at the proxy",
])
def test_tls_inspection_by_its_other_names(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).causes[0].id == "tls_interception"
