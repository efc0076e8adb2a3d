"""Another client's own wording for a call it could not make, and a tool's verdict that is no
call at all (intent/vocab_clients.py, intent/scopenames.py): the kind of failure is told from
the runtime's or platform's words, not from product names. The phrasings are invented; each
wording is the one its runtime prints (sources in intent/scopesources_clients.py)."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _kind(text: str, kb: KnowledgeBase) -> str:
    return route(text, kb).scope.kind


@pytest.mark.parametrize("text", [
    # java.net.URI.toURL(): the request was never sent.
    "The nightly export fails when posting to orders-svc/api/v1/events: URI is not absolute",
    # Chrome's console warning about a certificate it distrusts.
    "Console warning on our shop page: The SSL certificate used to load resources from https://cdn.shop.test "
    "will be distrusted in M70. Once distrusted, users will be prevented from loading these resources.",
    # UI5 in the browser: the OData model's $metadata request failed.
    "The product list stays empty and the console says: [ODataMetadata] initial loading of metadata failed",
    # SAP Customer Data Cloud's SDK on a device without a network.
    "Sign-in from the tablet app returns errorCode 400106: User is not connected to the required network "
    "or to any network",
])
def test_a_runtimes_or_platforms_own_words_for_a_failed_call_are_another_client(
    kb: KnowledgeBase, text: str
) -> None:
    assert _kind(text, kb) == "other_client"


@pytest.mark.parametrize("text", [
    "The installer aborts during connection to SAP HANA: the SYSTEM user cannot log on",
    "Our reporting tool hangs while connecting to the ASE server on port 5000",
    "error logging in: expected TDS_MSG_SEC_ENCRYPT4, received TDS_MSG_SEC_ENCRYPT3",
    "Nightly load stopped: the database connection with user LOADER could not be opened",
])
def test_a_database_clients_own_connection_is_another_client(kb: KnowledgeBase, text: str) -> None:
    assert _kind(text, kb) == "other_client"


def test_connect_to_a_database_as_a_step_is_no_connection_made(kb: KnowledgeBase) -> None:
    """A bare "Connect to HANA" is a menu entry or a step; beside it, a connection that is
    being made is the database client's."""
    assert _kind("Steps: open the designer, Connect to HANA, pick the OLAP view, the chart is empty", kb) != "other_client"
    assert _kind("The designer hangs when connecting to HANA, the chart stays empty", kb) == "other_client"


def test_a_latin_name_runs_into_chinese_or_japanese_text(kb: KnowledgeBase) -> None:
    """Chinese and Japanese write no space between words: "JDBC驱动" names the JDBC driver."""
    assert _kind("测试连接失败，JDBC驱动已经下载", kb) == "other_client"
    assert _kind("接続できません：JDBCドライバのエラー", kb) == "other_client"


def test_curls_local_read_or_write_error_is_no_failed_call(kb: KnowledgeBase) -> None:
    """curl's exit codes 23, 26 and 37 are about a local file; any other code is the call's."""
    assert _kind("The upload step ends with curl: (26) read function returned funny value", kb) != "other_client"
    assert _kind("The upload step ends with curl: (35) SSL connect error", kb) == "other_client"


def test_a_tokens_validation_verdict_is_no_failed_call(kb: KnowledgeBase) -> None:
    """A security library judging a token the application was given: no call failed, so the
    runtime named beside it does not make it another client's — unless a call failed on
    the way (the signing keys could not be fetched)."""
    verdict = ("Our Java application on Cloud Foundry logs: ValidationResults: Issuer is not trusted because issuer "
               "'tenant.accounts.example.test' doesn't match any of these domains. Which IAS setting do I change?")
    assert _kind(verdict, kb) == "unknown"
    fetched = ("Our Java application on Cloud Foundry logs: Token signature can not be validated because JWKS could "
               "not be fetched: connection refused")
    assert _kind(fetched, kb) == "other_client"


@pytest.mark.parametrize("text", [
    "Adding the cloud server in the IDE stops with: Cannot reach host [https://account.cloud.example.test]. "
    "Make sure your proxy and network settings are correct",
])
def test_an_ides_own_words_for_a_host_it_cannot_reach_are_another_client(kb: KnowledgeBase, text: str) -> None:
    assert _kind(text, kb) == "other_client"


@pytest.mark.parametrize("text", [
    "The order page stays empty; the console shows Uncaught (in promise) TypeError: Failed to fetch",
    "Warning: file_get_contents(): php_network_getaddresses: getaddrinfo for api.partner.test failed: "
    "Name or service not known",
    "Failed to open TCP connection to api.partner.test:443 (Connection refused - connect(2) for "
    "\"api.partner.test\" port 443)",
])
def test_a_browsers_php_or_rubys_own_failed_request_is_another_client(kb: KnowledgeBase, text: str) -> None:
    assert _kind(text, kb) == "other_client"
    # "Failed to fetch" without the TypeError is a tool's own sentence, not the browser's.
    assert _kind("The launchpad tile says: Failed to fetch deployments, the list stays empty", kb) != "other_client"
