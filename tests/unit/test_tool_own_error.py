"""A tool's own error, raised before any request was sent, is no failed call (toolerror.py).

A runtime's programming error at the tool's own code (a JavaScript TypeError on undefined, a
function that is not one, a Python KeyError or AttributeError, a Java NullPointerException)
or a configuration/validation error naming a key, a parameter, a property or a place ("is
missing", "not found in", "invalid value for", "required property") — with no host, URL,
port, status, TLS or connection word in the error itself — places the report in no connection
scope: `unknown`, unless decisive evidence of a kind decides (a status line, a runtime's own
TLS or network error, an SCLNT_HTTP id). The texts are written here in our own words; each
row of the first table was `sap_server_inbound`, `http_status_from_server` or `other_client`
before the rule.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.scope import TOOL_ERROR_REASON
from assistant.intent.toolerror import is_tool_error
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


# The tool's own error is the only failure the report states: no connection scope.
TOOL_OWN_ERRORS = [
    # a header the script expected, read as a key: the response was never judged
    "The export script reads the session from the response headers and stops with\n"
    "KeyError: 'x-csrf-token'\nin exporter.py line 88. Which setting did I forget?",
    # a pasted traceback with little prose: its frames and code are no words of the report's language
    "Traceback (most recent call last):\n  File \"/opt/sync/run.py\", line 40, in main\n"
    "    token = session.fetch_token(url=cfg['token_url'])\n  File \"/opt/sync/run.py\", line 12, in fetch_token\n"
    "    return resp.headers['x-csrf-token']\nKeyError: 'x-csrf-token'\nWhat is wrong here?",
    # an IDE plug-in's own TypeError beside a server service said to be active
    "The ADT service in SICF is active, but opening any package in the editor shows "
    "TypeError: Cannot read properties of undefined (reading 'objectTree'). Any idea?",
    # a service missing from a catalogue list: a set-up state, no call
    "Step 2 of the guide: the service ZSALES_ORDER_SRV is not found in /IWFND/MAINT_SERVICE, "
    "so the next steps do not apply. Do I need another component?",
    # a router's configuration validated before it sends anything
    "The approuter request to the backend fails before it is sent: "
    "Error: required property 'destination' is missing in xs-app.json route 3.",
    # a Java app's own frames, before any call
    "Our side-by-side app on BTP fails on startup with java.lang.NullPointerException\n"
    "\tat com.example.sync.ConfigReader.load(ConfigReader.java:57)\n"
    "\tat com.example.sync.Application.main(Application.java:12)\nThe destination is configured in the cockpit.",
    # the error alone, naming no call and too short to tell its language by its prose: still
    # about configuring a client, not a question outside the domain
    "abapGit: property 'ssl_id' is required",
    "Error: missing parameter client in config",
]


@pytest.mark.parametrize("text", TOOL_OWN_ERRORS)
def test_a_tools_own_error_is_no_connection_scope(text: str, kb: KnowledgeBase) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "unknown", routed.scope.reason
    assert routed.scope.reason == TOOL_ERROR_REASON  # the answer says why: no call was sent
    assert not routed.messages


# The same error words beside a failed call, or decisive evidence: that evidence decides.
GUARDS = [
    ("Request failed with status code 401\nTypeError: Cannot read properties of undefined (reading 'data')",
     "http_status_from_server"),
    ("The sync job fails: KeyError: 'access_token' after the token endpoint answered 401 Unauthorized",
     "http_status_from_server"),
    ("javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path "
     "to requested target\njava.lang.NullPointerException at com.example.Sync.run(Sync.java:40)", "other_client"),
    ("Error: unable to get local issuer certificate { code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }\n"
     "TypeError: Cannot read properties of undefined (reading 'status')", "other_client"),
    ("abapGit: HTTP error 421 occured: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102). "
     "The root certificate is missing in STRUST.", "sap_http_client"),
    ("Error: connect ECONNREFUSED 10.20.30.40:8443\nTypeError: Cannot read properties of undefined (reading 'body')",
     "other_client"),
]


@pytest.mark.parametrize(("text", "kind"), GUARDS)
def test_decisive_evidence_beside_a_tool_error_keeps_its_kind(text: str, kind: str, kb: KnowledgeBase) -> None:
    assert route(text, kb).scope.kind == kind


# One sentence at a time: the marker, and no word of a connection in the error itself.
SENTENCES = [
    ("KeyError: 'x-csrf-token'", True),  # a quoted key is a name, not a word of the text
    ("TypeError: Cannot read properties of undefined (reading 'url')", True),
    ("TypeError: Cannot read property 'results' of undefined", True),
    ("ReferenceError: sapDest is not defined", True),
    ("TypeError: oModel.getServiceUrl is not a function", True),
    ("AttributeError: 'NoneType' object has no attribute 'json'", True),
    ("java.lang.NullPointerException at com.example.Reader.read(Reader.java:9)", True),
    ("Error: required property 'service' is missing in mta.yaml", True),
    ("the parameter cfSpace is missing", True),
    ("Role Z_READ_ALL not found in the role collection list", True),
    ("invalid value for option --space", True),
    ("Error: ENOENT: no such file or directory, open '/home/user/app/default-env.json'", True),
    ("FileNotFoundError: [Errno 2] No such file or directory: 'service-key.json'", True),
    # the error itself speaks of a connection, a host, a status or TLS: not the tool's own
    ("TypeError: Cannot read properties of undefined (reading 'status') after the proxy refused the connection", False),
    ("unable to find valid certification path to requested target", False),
    ("host not found in DNS", False),
    ("certificate is missing in the PSE", False),
    ("KeyError: 'data' after HTTP 500 from https://api.example.org/v1", False),
    ("Service not available", False),
    # an identifier's parts are words too when they name a connection or TLS
    ("cl_http_client returns HTTP_COMMUNICATION_FAILURE and the wrapper raises KeyError: 'status'", False),
    ("javax.net.ssl.SSLHandshakeException, then java.lang.NullPointerException in the retry", False),
    ("KeyError: 'Connection refused by peer'", False),  # a quoted message, not a name
    # "not available in" is as often a server's service not activated as a set-up state
    ("the OData service ZCTS_API_SRV is also not available in our systems", False),
]


@pytest.mark.parametrize(("sentence", "tool_error"), SENTENCES)
def test_tool_error_sentences(sentence: str, tool_error: bool) -> None:
    assert is_tool_error(sentence) is tool_error



@pytest.mark.parametrize("text", TOOL_OWN_ERRORS)
def test_a_tools_own_error_waits_for_no_answer(text: str, kb: KnowledgeBase) -> None:
    # Its answer is the step in the tool's configuration and asks nothing back: the next
    # turn ("yes", "Java") is no reply to a question that was never shown.
    routed = route(text, kb)
    assert routed.question is None
    assert routed.state.pending is None


@pytest.mark.parametrize("text", [t for t in TOOL_OWN_ERRORS if len(t.split()) > 12])  # a report, no follow-up
def test_a_tools_own_error_after_a_topic_waits_for_no_answer(text: str, kb: KnowledgeBase) -> None:
    routed = route(text, kb, route("HTTP error 407 occured: ICM_HTTP_SSL_ERROR", kb).state)
    assert routed.scope.reason == TOOL_ERROR_REASON
    assert routed.question is None and routed.state.pending is None
