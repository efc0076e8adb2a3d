"""What an SAP system prints as the SERVER (the catalogue in assistant/intent/vocab_inbound.py)
and how a report holding it is read: the SAP side's own answer beside a status makes the
report `sap_server_inbound` (scope.py, rule 3) — unless the page was reached through a
client's destination or approuter route (serverpages.py), or it is the ICF's 404 page, which
tells first that the URL names no service. The texts are written from the catalogue's
sources (docs/research/scope_vocabulary.md), not taken from the evaluation sets."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.scopecues import cues_in
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

HTTP, INBOUND = "http_status_from_server", "sap_server_inbound"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


# (text, the family of the catalogue it shows): each is the SAP side's own answer beside a status.
SERVER_TEXTS = [
    # the ICF's error page, as a browser shows it (its lines run together when copied) …
    ("Downloading the service provider metadata gives HTTP 403 Forbidden: Service cannot be reached. "
     "The termination occurred in system ABC with error code 403 and for the reason Forbidden.", "icf_page"),
    ("403 Forbidden\nService cannot be reachedWhat has happened?URL call was terminated because the "
     "corresponding service is not available.", "icf_page"),
    ("Service cannot be reached - 403 Forbidden", "icf_page"),
    ("Calling the ping service gives 500 Internal Server Error: the termination occurred in system QAS with "
     "error code 500 and for the reason Internal Server Error", "icf_page"),
    # … and inside an OData error
    ('HTTP/1.1 403 Forbidden <error><code>HTTP/403/E/Forbidden</code><message> Service /sap/opu/odata/sap/ZDEMO_SRV/ '
     'call was terminated because the corresponding service is not available.</message></error>', "icf_page"),
    # the SAP Gateway hub's own messages (T100 class and number in the OData error's code)
    ('Our OData call gets HTTP 500 with {"error": {"code": "/IWFND/CM_COS/064"}}', "icf_page"),
    ("The request fails with status 403 and the Gateway message /IWFND/MED/170", "icf_page"),
    # the ICF's system logon (message class ICF_SYSTEM_LOGIN, its logon page)
    ("The browser gets 401 Unauthorized and the message ICF_SYSTEM_LOGIN 403", "icf_logon"),
    ("After submitting the form: Logon cookie check failed; repeat logon (HTTP 401)", "icf_logon"),
    ("401 Unauthorized: Logon with URL parameter not possible; logon cookie is missing", "icf_logon"),
    ("HTTP 401 - Logon through HTTP is not possible; logon ticket is active for HTTPS only", "icf_logon"),
    ("SSO ticket generation is deactivated. Logon is only possible using Basic Authentication - then 401",
     "icf_logon"),
    ("The logon page says No switch to HTTPS! Sending the password is potentially insecure, then 401 Unauthorized",
     "icf_logon"),
    # SPNego on the AS ABAP
    ("The browser gets 401 Unauthorized; the user trace in transaction SPNEGO shows the Kerberos ticket", "icf_logon"),
    ("HTTP 401 after we changed spnego/construct_SNC_name", "icf_logon"),
    # the AS ABAP's logon error texts for a certificate or an external ID, and SAML 2.0's
    ("The call gets 401 Unauthorized; the Security Audit Log says No suitable ABAP user found for the X.509 "
     "certificate", "cert_logon"),
    ("403 Forbidden - Logon using X.509 certificate is generally deactivated", "cert_logon"),
    ("HTTP 401: Ambiguous assignment of X.509 certificate to ABAP users", "cert_logon"),
    ('The launch ends with 403: Error when logging on for external ID "jdoe": Error during SAML 2.0 logon',
     "saml_logon"),
    ("401 Unauthorized, and the system log shows No suitable ABAP user found for the external ID", "saml_logon"),
    ("HTTP 403 and Ambiguous assignment of external ID to ABAP users", "saml_logon"),
    # the ICM's and the Web Dispatcher's own error pages
    ("Browsers get 503 Service Unavailable: the ICM sends our page ICMERR-EMAINTENANCE.html", "icm_page"),
    ("HTTP 503 with error ENOTAVAIL, and is/HTTP/show_detailed_errors is FALSE", "icm_page"),
    ("503 Service Unavailable - ICMEDISPATCHERR", "icm_page"),
    ("HTTP 400 Bad Request: ENOSSLREQ", "icm_page"),
    ("Uploads above 100 MB get 400 Bad Request (ICMEPROTERROR) although icm/HTTP/max_request_size_KB is -1",
     "icm_page"),
]


@pytest.mark.parametrize(("text", "family"), SERVER_TEXTS)
def test_the_sap_sides_own_answer_beside_a_status_is_inbound(kb: KnowledgeBase, text: str, family: str) -> None:
    assert family in {h.family for h in cues_in(text)}, cues_in(text)
    routed = route(text, kb)
    assert routed.scope.kind == INBOUND, (routed.scope, cues_in(text))


READ_AS_THE_STATUS = [
    # the ICF's 404 page: the URL names no service ("Select a valid URL"), whose fix is nowhere yet
    "Opening the app shows: Service cannot be reached. URL call was terminated because the corresponding "
    "service is not available. The termination occurred in system PRD with error code 404 and for the reason "
    "Not found. HTTP 404 - Not found",
    # the page reached through a client's destination or approuter route: that route built the URL
    "Our app calls S/4HANA through the BTP destination S4_BACKEND and gets HTTP 403 Forbidden: Service cannot be "
    "reached. The termination occurred in system PRD with error code 403 and for the reason Forbidden.",
    "The approuter route in xs-app.json forwards to the backend, which answers 403 Forbidden: Service cannot be "
    "reachedWhat has happened?URL call was terminated because the corresponding service is not available.",
    "Through our SM59 destination the call gets HTTP 500 with the Gateway message /IWFND/CM_COS/064",
    # the SAP Gateway's answer to a client's stale token: that client's session, a status
    "Posting from our Node script to the SAP OData service returns 403 Forbidden: CSRF token validation failed",
]


@pytest.mark.parametrize("text", READ_AS_THE_STATUS)
def test_a_page_whose_fix_is_the_callers_stays_the_status(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == HTTP, (routed.scope, cues_in(text))


def test_a_logon_refusal_stays_the_sap_sides_through_a_destination(kb: KnowledgeBase) -> None:
    """A certificate the SAP system cannot map is fixed in its own user mapping, whoever sent it."""
    text = ("Through the BTP destination with principal propagation the backend answers 401 Unauthorized; its "
            "log says No suitable ABAP user found for the X.509 certificate")
    assert route(text, kb).scope.kind == INBOUND


@pytest.mark.parametrize("text", [
    "The login page says: Logon failed", "Anmeldung fehlgeschlagen",
    # the page's heading alone is anyone's English
    "the license service cannot be reached from this host", "the corresponding service is not available in this region",
])
def test_anyones_words_name_no_server(kb: KnowledgeBase, text: str) -> None:
    """"Logon failed" / "Anmeldung fehlgeschlagen" are printed by many applications' login
    handlers, not only by the ICF's page: left out of the catalogue; the ICF page's heading
    counts only with the page's next line or its status."""
    assert not {h.family for h in cues_in(text)} & {"icf_page", "icf_logon"}
    assert route(text, kb).scope.kind != INBOUND
