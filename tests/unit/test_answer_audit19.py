"""Answers to reports that are not the ABAP HTTP client's, as an SAP Basis admin would
read their first lines (answers19), each fixed as a class:

- a far server's status said without what it means for the caller and whose side fixes it
  (401 the caller's logon, 403 the server's authorizations or CSRF check, 502 the server
  behind a gateway …);
- a CSRF refusal ("CSRF token validation failed") answered "read the response body":
  the token handling is the cause, its fetch the next step — but not for a status the
  cause does not explain;
- another client's failure sent to "that client's own trust store" by a cause met only
  through a one-word sign (a sign-in page is no certificate failure);
- an unknown kind listing SAP-client causes met only by words ("TCP connection could not
  be opened in time" for a report about replicated records);
- the SAP system as TLS server pointed to with its title alone: where its fix lives;
- "already imported" losing the cause it names (ICM not restarted) when that cause was
  ranked just below the first few.
"""

from __future__ import annotations

import pytest

from assistant.answers import clientside, scoped
from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.intent.importdone import LEADING, import_done_first
from assistant.intent.result import Routed, Scope, ScoredCause
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _verdict(markdown: str) -> str:
    return markdown.split("\n### ", 1)[0]


def _line(verdict: str, label: str) -> str:
    return next((p for p in verdict.split("\n\n") if p.startswith(f"**{label}")), "")


@pytest.mark.parametrize(
    ("text", "status", "said"),
    [
        ("Our Node.js job calling https://api.partner.invalid/v1/orders gets HTTP/1.1 502 Bad Gateway",
         "HTTP 502 Bad Gateway", "behind the gateway"),
        ("python requests: GET https://s4.corp.invalid/sap/opu/odata/sap/ZORDERS_SRV/Items "
         "returns status code 404", "HTTP 404 Not Found", "path"),
        ("The partner's REST API answers our Postman call with HTTP/1.1 401 Unauthorized",
         "HTTP 401 Unauthorized", "WWW-Authenticate"),
        ("Java client: the OData call returns HTTP/1.1 500 Internal Server Error from the S/4 system",
         "HTTP 500 Internal Server Error", "ST22"),
    ],
)
def test_a_far_servers_status_says_what_it_means_for_the_caller(
    kb: KnowledgeBase, text: str, status: str, said: str
) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server"
    meaning = _line(_verdict(build_answer(routed, kb)), f"What {status} means:")
    assert said in meaning, _verdict(build_answer(routed, kb))


@pytest.mark.parametrize(
    "text",
    [
        "POST from our Python script to /sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder returns "
        "403 Forbidden: CSRF token validation failed",
        "the Gateway answers 'CSRF token validation failed' to every POST our Node app sends, GET works",
    ],
)
def test_a_csrf_refusal_leads_with_the_token_and_its_fetch(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server"
    verdict = _verdict(build_answer(routed, kb))
    assert "CSRF" in _line(verdict, "Most likely cause:"), verdict
    assert "`X-CSRF-Token: Fetch`" in _line(verdict, "Next step:"), verdict


def test_a_cause_does_not_lead_a_status_it_does_not_explain(kb: KnowledgeBase) -> None:
    # The token is mentioned, but a 500 is the server's own failure: the CSRF cause names 403.
    routed = route("POST to the OData service returns HTTP/1.1 500 Internal Server Error; the CSRF token is sent", kb)
    assert routed.scope.kind == "http_status_from_server"
    assert any(c.id == "csrf_token_rejected" for c in routed.causes)
    verdict = _verdict(build_answer(routed, kb))
    assert "CSRF" not in _line(verdict, "Most likely cause:"), verdict


def _client_routed(evidence: str) -> Routed:
    return Routed("explain", causes=[ScoredCause("intermediate_missing", 0.6, evidence)],  # type: ignore[arg-type]
                  scope=Scope("other_client", "a tool outside the ABAP stack (IDE, UI5 tooling, API client)"))


def test_another_clients_trust_store_only_for_a_cause_the_text_shows(kb: KnowledgeBase) -> None:
    assert "trust store" in clientside.client_fix_line(_client_routed("sign"), kb)
    # met through a one-word sign only: nothing places the failure at the certificate
    assert clientside.client_fix_line(_client_routed("loose_sign"), kb) == clientside.UNPLACED_CLIENT_STEP


def test_an_unknown_kind_lists_no_cause_met_only_by_words(kb: KnowledgeBase) -> None:
    # A report about replicated records shares "connection" with connect_timeout's long
    # explanation: that is no reason to list it for the SAP client's case.
    causes = [ScoredCause("connect_timeout", 0.53, "keyword"), ScoredCause("tls_interception", 0.5, "family"),
              ScoredCause("server_cert_untrusted", 0.45, "sign")]
    routed = Routed("explain", causes=causes, scope=Scope("unknown", "nothing in the text says which system or client failed"))
    assert [c.id for c in scoped.causes_that_fit(routed, kb)] == ["server_cert_untrusted"]


def test_the_sap_system_as_tls_server_says_where_its_fix_lives(kb: KnowledgeBase) -> None:
    routed = route("HTTPS connection between SAP Cloud Connector and the BW ABAP server ICM fails", kb)
    assert routed.scope.pointer == "SAP_AS_TLS_SERVER"
    home = _line(_verdict(build_answer(routed, kb)), "Where the fix lives:")
    assert "SSL server PSE" in home, home


def test_already_imported_brings_its_cause_from_below_the_first_few(kb: KnowledgeBase) -> None:
    ranked = [ScoredCause(c, 0.9 - 0.05 * i, "code") for i, c in enumerate(
        ["server_cert_untrusted", "intermediate_missing", "server_cert_self_signed", "server_cert_expired",
         "hostname_mismatch"])]
    ranked.append(ScoredCause("settings_not_active", 0.4, "message"))  # ranked, but below the window
    leading = [c.id for c in import_done_first(ranked, "the root CA is already imported in STRUST", kb)[:LEADING]]
    assert "settings_not_active" in leading
