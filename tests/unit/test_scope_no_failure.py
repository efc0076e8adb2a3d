"""A question that reports no failure is no failed call of any kind (intent/nofailure.py).

A longer post that names products, destinations and connection words but asks how to do
something, which setting to take or whether something is possible — with no error, status,
refusal or complaint — is `unknown`; the same post with its failure stated keeps its kind,
and a short how-to typed in the chat keeps its steps. The phrasings are invented."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.nofailure import asks_how_or_whether, states_a_failure
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _kind(text: str, kb: KnowledgeBase) -> str:
    return route(text, kb).scope.kind


@pytest.mark.parametrize(("asked", "failed", "kind"), [
    # an authorization how-to for an RFC destination's logon user
    ("We are connecting our warehouse system to the ERP with an RFC destination of type 3 in SM59. On the Logon "
     "and Security tab we entered a technical user. Which roles should we assign to that user, and are there "
     "SAP documents on this?",
     "We are connecting our warehouse system to the ERP with an RFC destination of type 3 in SM59. On the Logon "
     "and Security tab we entered a technical user. The connection test fails with RFC_COMMUNICATION_FAILURE, "
     "partner not reached. Which roles should we assign?",
     "rfc_or_network"),
    # a feasibility question about a database client's connection
    ("Hello experts, our reporting team wants to read the planning views from the cloud database in our "
     "on-premise HANA through a remote source over ODBC. Is this scenario supported by the cloud service, and "
     "which driver settings would we need? Thanks in advance for any hints.",
     "Hello experts, our reporting team wants to read the planning views from the cloud database in our "
     "on-premise HANA through a remote source over ODBC. The ODBC driver reports 'connection refused' when we "
     "create the remote source. Which driver settings would we need? Thanks in advance.",
     "other_client"),
])
def test_a_question_without_a_failure_is_unknown(kb: KnowledgeBase, asked: str, failed: str, kind: str) -> None:
    """The same words of a connection: asked as a how-to or feasibility question, no failed
    call of any kind; with the failure stated, the failure of its kind."""
    assert _kind(asked, kb) == "unknown"
    assert _kind(failed, kb) == kind


def test_a_how_to_about_credentials_is_no_status_from_a_server(kb: KnowledgeBase) -> None:
    """Words of a logon and a token ("credentials", "access token") in a how-to are no
    status a server sent: nothing was refused."""
    text = ("In our automation project a script builds the request for a REST call to a web service and gets "
            "an access token with a client secret kept in the script itself. Where can we store these "
            "credentials securely, what is the best practice?")
    assert _kind(text, kb) == "unknown"


def test_a_short_how_to_typed_here_keeps_its_steps(kb: KnowledgeBase) -> None:
    """A short question typed in the chat has the chat's subject as its setting: its how-to
    steps and the SAP client's scope stay (rule 7)."""
    routed = route("how to enable TLS 1.2 for outbound calls", kb)
    assert routed.how_to
    assert routed.scope.kind == "sap_http_client"


def test_a_decisive_text_still_decides(kb: KnowledgeBase) -> None:
    """A text only one kind prints decides, also in a question that states no failure."""
    text = ("We see ICM_HTTP_SSL_PEER_CERT_UNTRUSTED in the ICM trace of our outbound calls to the partner's "
            "API from the ABAP system. Which PSE in STRUST is it about, and where can we find documentation?")
    assert _kind(text, kb) == "sap_http_client"


@pytest.mark.parametrize("text", [
    "I get a dump when I open the repository list, sy-subrc = 2",
    "the test report uses the wrong SSL client identity, should I write another one?",
    "the guide shows the old certificate; you need the certificate of the sandbox instead",
    "the code generator reports 'database server not found, -100'",
    "after the upgrade the export to the spreadsheet stopped working",
    "the tile shows a blank screen in the test system",
    "the role is not available in our system",
    'I get the message "While creating the client" when I save the repository',
    "opening the launchpad shows a sign-in form although single sign-on is set up",
    "every morning the report asks us again for the password of the service user",
    "we send the request and get nothing back from the service",
    "the trace shows that the handshake stops after the client hello",
    "the partner's certificate expired last week",
    "RECEIVE of the client returns sy-subrc 1 in our report",
])
def test_a_failure_stated_in_other_words_is_read(text: str) -> None:
    assert states_a_failure(text)


@pytest.mark.parametrize("text", [
    "Which role should I assign to the RFC user in SM59?",
    "Is this feature supported by the cloud service?",
    "We want to know whether this type of connection is even possible.",
    "Where can I securely store the credentials?",
    "Please guide or suggest the steps to implement it.",
    "Is there any documentation on the supported ways to transfer the files?",
])
def test_how_which_where_and_whether_are_read(text: str) -> None:
    assert asks_how_or_whether(text)
    assert not states_a_failure(text)


def test_a_how_to_of_a_sentence_or_two_typed_here_is_no_post(kb: KnowledgeBase) -> None:
    """A how-to of one or two sentences typed in the chat, about the SAP system's own calls,
    is a question to this assistant, not a forum post about something else: the rule leaves it
    to the chat's own reading (rule 7)."""
    text = ("How can I configure SM59 so that our outbound HTTPS calls to the partner use TLS 1.2 only, which "
            "parameter should we set?")
    assert route(text, kb).scope.kind == "sap_http_client"
