"""SAP-client reports that must hold when worded differently: classes of failure the
robustness table (benchmarks/sap_client_rewordings.py) showed, written here in our own
words — never the rewordings of that table nor sentences of the evaluation sets.

- A success status (2xx) quoted for a call that works ("200 OK from another URL") is no far
  server's answer: the report stays the SAP client's failure it describes.
- German says it in compounds and loan words ("Zertifikatsfehler", "der Proxy verlangt eine
  Authentifizierung", "Clientzertifikat"): read as the English says it, with the same message.
- The HTTP client that could not even be created (abapGit's "While creating HTTP Client"),
  retold in other words, places the failure in the ABAP system as the quoted text does — also
  in a report long enough to need something that places the call there.
- The SAP GUI named as the front end the reporter works in, or with its release, is no
  evidence of its own network connection failing; it is where a failure is reported with it.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

SAP = "sap_http_client"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    "text",
    [
        "The call from our ERP to https://api.vendor.test fails with a certificate error since we moved it to "
        "a new host. The same system gets HTTP/1.1 200 OK from https://www.sap.com.",
        "SM59 connection test of the G destination to the tax portal ends with connection refused on port 443, "
        "while a test call to the intranet gateway returns status 200 without problems.",
        "Since Monday the outbound call from our application server to the bank's payment API breaks off "
        "during the SSL handshake. From the same server a request to the company web site gets 200 OK.",
    ],
)
def test_a_success_status_beside_the_failure_is_no_far_servers_answer(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == SAP
    assert "http_status_from_server" not in [c.id for c in routed.causes[:1]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Der Proxy verlangt eine Authentifizierung, der Verbindungstest in SM59 schlägt fehl", "SCLNT_HTTP416"),
        ("Proxyauthentifizierung fehlgeschlagen beim Aufruf aus SM59", "SCLNT_HTTP416"),
        ("Beim Aufruf der Lieferanten-API aus SM59 kommt ein Zertifikatsfehler", "SCLNT_HTTP421"),
    ],
)
def test_german_compounds_and_loan_words_read_as_the_english(kb: KnowledgeBase, text: str, message: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == SAP
    assert [m.id for m in routed.messages[:1]] == [message]


def test_german_compounds_split_into_their_parts() -> None:
    from assistant.intent.german import english

    assert english("Das Clientzertifikat wird abgelehnt") == "client certificate refused"
    assert english("Verbindungsfehler zum Server") == "connection error server"
    assert english("the proxy server is down") == ""  # no German word: no rendering at all


@pytest.mark.parametrize(
    "text",
    [
        "Every time I try to link the new package to our company repository the wizard stops and tells me that "
        "creating the HTTP client failed, and nothing else is written anywhere that I could find.",
        "After the system copy last weekend the repository list cannot be refreshed any more: it says it failed to "
        "create an HTTP client, although the network team swears nothing was changed on their side.",
        "Our colleagues in the other team can pull their projects but for me the HTTP client could not be created, "
        "the error appears right after I press the button to clone the project from the git server.",
    ],
)
def test_an_http_client_not_created_is_the_abap_clients_failure(kb: KnowledgeBase, text: str) -> None:
    assert len(text.split()) >= 20  # a report with its own setting (scope.py rule 7)
    assert route(text, kb).scope.kind == SAP


@pytest.mark.parametrize(
    "text",
    [
        "We are facing certificate errors when our SAP system posts to the tax office portal even after "
        "uploading its certificates. Our SAP GUI is release 8.00 on Windows 11.",
        "Since the weekend the outbound call from our S/4 system to the freight carrier's tracking service breaks off in the handshake. "
        "I start the test report from SAP GUI as always.",
    ],
)
def test_the_sap_gui_named_as_the_front_end_is_no_network_failure(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).scope.kind == SAP


@pytest.mark.parametrize(
    "text",
    [
        "SAP GUI cannot connect to the application server any more, the logon pad says the partner is not reached",
        "Logging on with SAP GUI fails for every user since the kernel update; the connection is dropped at once",
    ],
)
def test_the_sap_gui_that_fails_is_its_own_connection(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).scope.kind == "rfc_or_network"
