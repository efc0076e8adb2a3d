"""A refusal told in words, read by its agent (intent/refusalagent.py): who refused decides
the scope — a far server's refusal is its status, the SAP system serving the request is the
server of the inbound call, a proxy's is left to the SAP client's own codes. No agent, or a
connect/TLS failure beside it (the refusal came before any answer), decides nothing."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.refusalagent import FAR_SERVER, PROXY, SAP_SERVER, read_refusal
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

_READINGS: list[tuple[str, str | None]] = [
    # the agent as grammatical subject, the refusal after it
    ("The destination service responded with an error: Invalid grant_type parameter value", FAR_SERVER),
    ("the API says my token is invalid", FAR_SERVER),
    ("Since Monday the server rejects our client credentials.", FAR_SERVER),
    ("The SAP Gateway denies the request: user not authorized", SAP_SERVER),
    # the agent after "by" / "from"
    ("Our token request was rejected by the identity provider.", FAR_SERVER),
    ("We get an insufficient scope error from the tenant.", FAR_SERVER),
    ("The logon is refused by the S/4HANA system after the upgrade.", SAP_SERVER),
    # the resource refused to us is the one that refused
    ("You do not have permission to access the Manage Launchpad Pages app", SAP_SERVER),
    ("No authorization to access service group 'ZUI_TRAVEL_O4'", SAP_SERVER),
    ("Permission error when accessing the Learning APIs of the vendor", FAR_SERVER),
    # a single sign-on's logon refused is the logon of the system serving it
    ("Users cannot work: SSO authentication failed for all of them.", SAP_SERVER),
    # German
    ("Die Anmeldung wurde vom SAP-System abgelehnt.", SAP_SERVER),
    ("Der Server meldet: Token ungültig.", FAR_SERVER),
    # a proxy's refusal is read, and left to the SAP client's own codes
    ("The proxy rejected the request with an authentication error.", PROXY),
    # no agent: no decision
    ("Looks like my credential is being rejected.", None),
    ("It says access denied.", None),
    # a connect or TLS failure: the refusal is no answer of a server that was reached
    ("SSL handshake failed: the server rejected our certificate.", None),
    ("Connection refused by the server at port 443.", None),
    # the SAP system as caller: its refusal reading is not the inbound one
    ("SM59 test: the SAP Gateway denies the request, user not authorized", None),
]


@pytest.mark.parametrize(("text", "side"), _READINGS)
def test_refusal_is_read_by_its_agent(text: str, side: str | None) -> None:
    reading = read_refusal(text)
    assert (reading.side if reading else None) == side, reading


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("Our Python job stopped working today. The API says my token is invalid although I created "
         "it an hour ago.", "http_status_from_server"),
        ("Since the certificate rotation the tenant rejects our client credentials and the nightly "
         "import gets no data.", "http_status_from_server"),
        ("The integration flow gets an insufficient scope error from the tenant when it reads the "
         "entity.", "http_status_from_server"),
        ("The business users are refused by the S/4HANA system when they open the new app from the "
         "launchpad tile.", "sap_server_inbound"),
        ("Die Anmeldung wird vom SAP-System abgelehnt, seit wir das Zertifikat getauscht haben. Die "
         "Benutzer kommen nicht mehr in die Apps.", "sap_server_inbound"),
    ],
)
def test_routed_scope_follows_the_agent(bundled: KnowledgeBase, text: str, scope: str) -> None:
    assert route(text, bundled).scope.kind == scope
