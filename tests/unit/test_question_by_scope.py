"""The one question an unsure answer asks fits the kind of failure: "Does the call go
through a proxy (SM59 → … HTTP Proxy Options)?" is asked of the SAP HTTP client's call
only. An SAP GUI or RFC connection that is refused has no HTTP proxy to ask about."""

from __future__ import annotations

from assistant.intent import route
from assistant.intent.confidence import question_kind
from assistant.kb.load import load_kb


def test_the_proxy_question_is_the_sap_http_clients_only() -> None:
    for kind in ("rfc_or_network", "other_client", "http_status_from_server", "sap_server_inbound"):
        assert question_kind(unclear_number=False, scope_kind=kind, has_message=True, proxy_vs_direct=True,
                             shifted=False) != "proxy", kind
    assert question_kind(unclear_number=False, scope_kind="sap_http_client", has_message=True,
                         proxy_vs_direct=True, shifted=False) == "proxy"


def test_a_refused_sap_gui_connection_is_not_asked_about_an_http_proxy() -> None:
    routed = route("Unable to Connect to SAP Logon - connection refused error. I am facing the issue of connecting "
                   "to the SAP S4 System using SAP GUI, the port is also not reachable.", load_kb().kb)
    assert routed.scope.kind == "rfc_or_network"
    assert "HTTP Proxy Options" not in (routed.question or "")
