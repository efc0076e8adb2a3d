"""Where `unknown` begins: does the text report a failed call at all (intent/failedcall.py)?

Product names with words of a call that fail nowhere ("the connection … is not known", "the
service URL", "Invalid subaccount") are a set-up problem of that product, not another
client's failed call; a failed connect with no cue and no ABAP word is the connection of the
client the reporter runs. The phrasings are invented."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.failedcall import (
    read_in_english,
    reports_a_failed_call,
    reports_a_failed_connection,
)
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _kind(text: str, kb: KnowledgeBase) -> str:
    return route(text, kb).scope.kind


@pytest.mark.parametrize("text", [
    "the OData request fails after the upgrade",
    "I'm not able to connect to the tenant",
    "Status: Failed to connect",  # a label and its value
    "StatusFailed to connectTunnel ID",  # … glued together by a copy from a UI
    "the webhook request does not come to the service",
    "Could not fetch client credentials token for the service",
    "the API answers 403",
    "Access denied",
    "the page says Not Authorized",
    "the call times out after two minutes",
    "the WebView logs: No client certificate selected",  # a piece of the call missing
    "the nightly upload stops halfway",  # a call cut off midway
    "the request breaks off during the SSL handshake",
    "the log says the transfer of the request was interrupted",
])
def test_a_failed_call_is_read(text: str) -> None:
    assert reports_a_failed_call(text)


@pytest.mark.parametrize("text", [
    'The connection (com.example.cards) defined in the template is not known on this system.',
    "I only changed the controller URL in the descriptor; now the deploy says: Unsupported module type",
    "Invalid subaccount (use permitted characters only)",
    "the backend listens on port 443 and port 8443",
    "https://host.example.test/api/token/unauthorized is the callback we registered",
    # A call's word and a failure far apart in one sentence, or in two sentences.
    "We connect with the destination service of the subaccount that the administrator of our team set up "
    "last year and it is now resulting in the error below",
    "I log on to the cockpit. The report shows an error in the totals.",
])
def test_words_of_a_call_that_fail_nowhere_are_no_failed_call(text: str) -> None:
    assert not reports_a_failed_call(text)


@pytest.mark.parametrize(("step_failed", "call_failed"), [
    ("Failed deployment after the authentication setup of the app router",
     "Failed deployment: the authentication request to the app router timed out"),
    ("[CONTENT_DEPLOY][GenerationFailed] : Did not receive the build result in time",
     "[CONTENT_DEPLOY][GenerationFailed] : the request to the build service was refused"),
    ("The database module's build fails after the token step, see the log",
     "The database module's build fails: unable to connect to the registry"),
])
def test_a_deploy_or_build_that_failed_is_no_failed_call(step_failed: str, call_failed: str) -> None:
    """The failure of a deployment, build or generation step is that step's: the call word
    beside it is context. Another failure in the sentence that meets a call word still counts."""
    assert not reports_a_failed_call(step_failed)
    assert reports_a_failed_call(call_failed)


def test_a_failed_connection_is_the_connect_itself() -> None:
    assert reports_a_failed_connection("Fail to Connect System Landscape Directory")
    assert reports_a_failed_connection("according to the log some connections have been refused")
    assert not reports_a_failed_connection("the OData request fails")
    assert not reports_a_failed_connection("we cannot see the Connections tab")


def test_english_is_told_from_other_languages() -> None:
    assert read_in_english("When I open the app the request to the server fails with an error")
    assert not read_in_english("Die Verbindung zum Server ist fehlgeschlagen, der Cloud Connector zeigt Fehler")
    assert not read_in_english("Cloud Connectorの管理画面に接続できません")


@pytest.mark.parametrize(("setup", "failed"), [
    ('Cloud Connector: adding the subaccount shows "Invalid subaccount (use permitted characters only)". I pasted '
     "the ID from the cockpit's connection settings page. What is wrong with it?",
     "Cloud Connector: adding the subaccount fails, the connection to the region host cannot be established. I "
     "pasted the ID from the cockpit. What is wrong with it?"),
    ("Business Application Studio: the project wizard's system dropdown stays empty although I created the "
     "destination with the service URL as in the tutorial. Which step did I miss?",
     "Business Application Studio: the project wizard cannot retrieve the services of the destination, the "
     "request fails. Which step did I miss?"),
])
def test_product_names_without_a_failed_call_are_unknown(kb: KnowledgeBase, setup: str, failed: str) -> None:
    """Names of other clients' products and words of a call ("connection settings", "service
    URL") with nothing of a call failing: a set-up problem of that product (unknown); the
    same product with its call failing is another client's."""
    assert _kind(setup, kb) == "unknown"
    assert _kind(failed, kb) == "other_client"


def test_product_names_in_another_language_keep_their_words_of_a_call(kb: KnowledgeBase) -> None:
    """The failure words are English: a German report is read by its words of a call alone."""
    assert _kind("Der Cloud Connector zeigt beim Anlegen des Subaccounts einen Fehler, die Verbindung "
                 "klappt nicht", kb) == "other_client"


def test_a_failed_connection_outside_an_abap_system_is_another_clients(kb: KnowledgeBase) -> None:
    """No cue names the client, but the connect failed and nothing places it in an ABAP
    system: the client the reporter runs (weak evidence). Without the failed connect, or in
    an ABAP setting, it is not."""
    failed = ("After installing the warehouse desktop client and starting it, the first screen says: Fail to "
              "connect to the license server. I entered the IP, the domain and the host name, nothing helps.")
    asked = ("After installing the warehouse desktop client and starting it, the first screen asks for the "
             "license server. I entered the IP, the domain and the host name, and where do I find the licence key?")
    abap = ("Our SM59 destination to the print service fails to connect since Monday, the ABAP report shows only "
            "an exception and no more details than that, please help.")
    assert _kind(failed, kb) == "other_client"
    assert route(failed, kb).scope.strength == 0.0  # weak: never a confident answer
    assert _kind(asked, kb) == "unknown"
    assert _kind(abap, kb) == "sap_http_client"
