"""Answers round 12, on the bundled base: the answers for failures that are not the SAP
HTTP client's (a far server's status, the SAP system as server, RFC, another client, an
off-topic text) read as a Basis admin reads them — each thing said once, no step or note
of the ABAP client's call where that call is not made, no cause explained in the wrong
direction, no summary cut at a list's lead-in. The texts are written for the classes, not
copied from reports."""

from __future__ import annotations

import re

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _verdict(markdown: str) -> str:
    return markdown.split("\n### ", 1)[0]


def _section(markdown: str, title: str) -> str:
    """The body of the first section whose heading starts with `title` ('' if none)."""
    for part in markdown.split("\n### ")[1:]:
        heading, _, body = part.partition("\n")
        if heading.startswith(title):
            return body
    return ""


@pytest.mark.parametrize("text", [
    "java.io.IOException: Server returned HTTP response code: 401 for URL: https://s4.example.invalid/sap/opu/odata/sap/API_X",
    "Postman returns 401 Unauthorized when calling the SAP OData service with basic authentication",
    "SM59 connection test: Status HTTP Response 403 Status Text Forbidden",
    "Response code 407 from the proxy when our Java app calls https://api.partner.invalid",
    "HTTP/1.1 400 Bad Request returned by the partner when our CPI iFlow posts the message",
])
def test_the_message_a_number_is_not_is_said_once(text: str, kb: KnowledgeBase) -> None:
    answered = answer_question(text, kb)
    not_message = answered.routed.scope.not_message
    assert not_message, "the text's number collides with an SCLNT_HTTP message"
    assert f"**Not {not_message}**" in _verdict(answered.markdown)
    assert answered.markdown.count(f"Not {not_message}") == 1


@pytest.mark.parametrize("text", [
    "Error: Request failed with status code 403 at createError (node_modules/axios/lib/core/createError.js:16:15)",
    "curl: (22) The requested URL returned error: 404",
    "Invoke-RestMethod : The remote server returned an error: (500) Internal Server Error.",
])
def test_the_kind_itself_is_not_repeated_as_its_most_likely_cause(text: str, kb: KnowledgeBase) -> None:
    md = answer_question(text, kb).markdown
    assert md.startswith("## Not an SAP HTTP-client error: the server answered with an HTTP status")
    verdict = _verdict(md)
    assert "**Most likely cause:** The server answered with an HTTP error status" not in verdict
    assert "**Next step:** Read the response body and headers" in verdict


@pytest.mark.parametrize("text", [
    "Error: Request failed with status code 403 at createError (node_modules/axios/lib/core/createError.js:16:15)",
    "java.io.IOException: Server returned HTTP response code: 401 for URL: https://s4.example.invalid/sap/opu/odata/sap/API_X",
])
def test_a_fix_of_one_step_the_verdict_shows_is_not_shown_again(text: str, kb: KnowledgeBase) -> None:
    md = answer_question(text, kb).markdown
    step = re.search(r"\*\*Next step:\*\* (.+)", md)
    assert step is not None
    assert md.count(step.group(1)) == 1


@pytest.mark.parametrize("text", [
    "SM59 connection test: Status HTTP Response 403 Status Text Forbidden",
    "curl: (22) The requested URL returned error: 404",
    "The SAP system answers 500 Internal Server Error to our external app calling the OData service",
])
def test_a_step_written_for_another_status_is_left_out(text: str, kb: KnowledgeBase) -> None:
    md = answer_question(text, kb).markdown
    assert "Read the response body and headers" in md  # the cause's other steps stay
    assert "426 Upgrade Required from the server, check" not in md


def test_a_step_written_for_the_reported_status_stays(kb: KnowledgeBase) -> None:
    md = answer_question("SM59 connection test: Status HTTP Response 426 Status Text Upgrade Required", kb).markdown
    assert "For an HTTP 426 Upgrade Required from the server, check" in md


@pytest.mark.parametrize("text", [
    "java.io.IOException: Server returned HTTP response code: 401 for URL: https://s4.example.invalid/sap/opu/odata/sap/API_X",
    "System.Net.WebException: The remote server returned an error: (401) Unauthorized. at System.Net.HttpWebRequest.GetResponse()",
    "Invoke-RestMethod : The remote server returned an error: (500) Internal Server Error.",
    "Response code 407 from the proxy when our Java app calls https://api.partner.invalid",
])
def test_another_clients_status_gets_no_reading_of_the_abap_call(text: str, kb: KnowledgeBase) -> None:
    answered = answer_question(text, kb)
    assert answered.routed.another_client
    reading = _section(answered.markdown, "How your text was read")
    assert "This looks like a real HTTP status" in reading
    assert "In SAP terms this is" not in reading
    assert "get_status" not in reading


def test_the_abap_calls_status_keeps_its_sap_reading(kb: KnowledgeBase) -> None:
    md = answer_question("SM59 connection test to our PI system returns Status HTTP Response 401 Unauthorized", kb).markdown
    assert "In SAP terms this is **SCLNT_HTTP410**" in _section(md, "How your text was read")


@pytest.mark.parametrize("text", [
    "NiPConnect2: 10.20.30.40:3301: connect failed (WSAECONNREFUSED: Connection refused)",
    "RFC_COMMUNICATION_FAILURE partner '10.1.2.3:3300' not reached COMPONENT NI (network interface) RC -10",
])
def test_an_rfc_failure_lists_no_http_client_cause_nor_its_explanation(text: str, kb: KnowledgeBase) -> None:
    answered = answer_question(text, kb)
    assert answered.routed.scope.kind == "rfc_or_network"
    causes = _section(answered.markdown, "Closest known causes")
    assert causes, "the closest causes are still named"
    steps = {kb.causes[c].check.step for c in re.findall(r"\(`(\w+)`\)", causes)}  # type: ignore[union-attr]
    assert not steps & {"proxy", "tls", "chain", "client_cert"}
    assert " — " not in causes  # titles only: the explanations are the HTTP client's (ICM, proxy settings)


@pytest.mark.parametrize("text", [
    "The partner's client certificate is not accepted by our SAP system, they get a handshake failure when they call our web service",
    "SSL handshake failed when external client connects to our ABAP server: SSSLERR_NO_SSL_RESPONSE in dev_icm for inbound connection",
])
def test_a_call_to_the_sap_system_lists_no_cause_of_its_own_outbound_call(text: str, kb: KnowledgeBase) -> None:
    answered = answer_question(text, kb)
    assert answered.routed.scope.kind == "sap_server_inbound"
    causes = _section(answered.markdown, "Closest known causes")
    assert "the SAP system does not present" not in causes and "the SAP system presents" not in causes
    assert "by the SAP client" not in causes
    assert " — " not in causes


@pytest.mark.parametrize("text", [
    "IDoc status 51 application document not posted",
    "Our job ZSEND_DATA failed yesterday night, what went wrong?",
])
def test_an_off_topic_text_is_pointed_to_what_raised_it(text: str, kb: KnowledgeBase) -> None:
    verdict = _verdict(answer_question(text, kb).markdown)
    assert "does not read like an SAP HTTP-client error" in verdict
    assert "If another client makes it" not in verdict  # no client was named: no hint about one
    assert "Probably not an SAP HTTP-client error" not in verdict  # the question says it already
    assert "**Where the fix lives:** with the application, job or log that reported it" in verdict


def test_a_summary_ends_as_a_sentence_not_on_a_lists_lead_in() -> None:
    from assistant.answers.pieces import gist

    assert gist("It comes from the program, not from the network:\n\n- a\n- b") == (
        "It comes from the program, not from the network.")
    assert gist("A certificate was sent; the server refused it. Typical reasons:\n\n- a") == (
        "A certificate was sent; the server refused it.")
    assert gist("Plain. Two sentences.") == "Plain. Two sentences."


@pytest.mark.parametrize("text", [
    "SCLNT_HTTP407 the server refuses the client certificate we present",
    "SCLNT_HTTP407 SSSLRC_NO_SSL_RESPONSE",
    "SCLNT_HTTP405 after send, is our program calling receive wrong?",
])
def test_no_listed_cause_or_code_ends_on_a_colon(text: str, kb: KnowledgeBase) -> None:
    md = answer_question(text, kb).markdown
    listed = [line for line in md.splitlines() if re.match(r"(\d+\.|-) \*\*|- `", line)]
    assert listed
    assert not [line for line in listed if line.rstrip().endswith(":")]


def test_a_pointer_answers_sources_are_few(kb: KnowledgeBase) -> None:
    md = answer_question(
        "java.io.IOException: Server returned HTTP response code: 401 for URL: https://s4.example.invalid/x", kb).markdown
    sources = _section(md, "Sources")
    assert 1 <= sources.count("\n- <") + sources.startswith("- <") <= 3


def test_an_sm59_tests_status_gets_no_note_about_a_programs_get_status(kb: KnowledgeBase) -> None:
    sm59 = answer_question(
        "Status HTTP Response 500 Status Text Internal Server Error in SM59 for destination to our CPI tenant", kb)
    assert "This looks like a real HTTP status: 500" in _section(sm59.markdown, "How your text was read")
    assert "Only if you read it with `get_status( )`" not in sm59.markdown  # an SM59 test has no program
    program = answer_question("HTTP 500 Internal Server Error from the partner's server", kb)
    assert "Only if you read it with `get_status( )`" in program.markdown


def test_a_terms_heading_is_its_title_not_the_bases_key(kb: KnowledgeBase) -> None:
    md = answer_question(
        # (A status instead of the trust failure shows no trust store: test_scope_pointers.py.)
        "BTP destination check through the Cloud Connector fails: the backend certificate is not trusted", kb).markdown
    headings = re.findall(r"^### (.+)$", md, re.M)
    assert "SAP Cloud Connector — backend trust store" in headings
    assert not [h for h in headings if re.match(r"[A-Z0-9]+_[A-Z0-9_]+ — ", h)]
    sm59 = answer_question("SM59 connection test: Status HTTP Response 403 Status Text Forbidden", kb).markdown
    assert "### SM59 — RFC/HTTP destinations" in sm59  # a transaction keeps its code


def test_an_abap_client_failure_without_its_code_is_understood_and_asks_for_the_text(kb: KnowledgeBase) -> None:
    # CX_REST_CLIENT_EXCEPTION / an HTTP client dump shows the SAP system's HTTP client
    # failed, not why: the answer says that much and asks for the text that decides —
    # not "I did not understand that" over loosely matching topics (an SAP note first).
    text = ("Getting CX_REST_CLIENT_EXCEPTION when trying to use any program. Running the demo programs "
            "for the AI service gives an HTTP client exception dump for all of them.")
    doc = answer_question(text, kb).markdown
    assert doc.startswith("## An SAP HTTP-client failure, without its error text")
    assert "get_last_error" in doc and "did not understand" not in doc
    assert "Closest topics" not in doc and "SAPNOTE_" not in doc
