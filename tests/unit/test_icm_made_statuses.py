"""A 5xx status beside the SAP client's own failure is the ICM's, not the far server's.

After a failed RECEIVE the ICM fills the response object with a status and a page of its
own (500 after a time-out or https:// to a plain port, 404 after a refused connect; measured
on 7.5x, knowledge glossary ICM_MADE_STATUS_PAGES). So a 500 / 502 / 503 that comes with the
ICM's words for a failed call — the ICM named, get_last_error, the ABAP exception
http_communication_failure, "connection to partner … timed out / broken" — or with the
destination's SSL said to be off (plain HTTP to a TLS port: no HTTPS answer can come back)
is the SAP client's failure. A status with none of that stays the far server's answer.
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    "text",
    [
        "our ABAP program reads lv_status = 500 and get_last_error says Connection to partner timed out after 60s",
        "receive raises http_communication_failure and get_status( ) then returns 500",
        "HTTP 503 from the ICM when calling the partner: connection to partner broken",
        "the SM59 test returns status 502 and the ICM trace says connection to partner broken",
        "SM59 destination with SSL not active: the call to api.example.com:443 gives status 500 after 60 seconds",
        'the destination has SSL set to "inactive" and our ABAP report reads status 500 with an empty body',
    ],
)
def test_a_5xx_beside_the_icms_own_failure_is_the_sap_clients(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "sap_http_client", routed.scope
    assert [r.lean for r in routed.readings if r.number >= 500] == ["icm_page"]
    assert routed.causes and routed.causes[0].id != "http_status_from_server"


def test_ssl_said_off_leads_with_the_destinations_ssl_flag(kb: KnowledgeBase) -> None:
    routed = route("our ABAP report gets HTTP 500 from the Azure endpoint; SSL is inactive in the SM59 destination", kb)
    assert routed.scope.kind == "sap_http_client"
    assert "destination_ssl_inactive" in [c.id for c in routed.causes[:2]]


@pytest.mark.parametrize(
    "text",
    [
        "the API returns HTTP 500 Internal Server Error",
        "SM59 test with SSL active returns HTTP 500 and the body has the server's stack trace",
        "our SM59 destination gets 503 Service Unavailable from the partner's API gateway",
        # the SSL flag said off only as what works: no failure of the SAP side
        "with SSL inactive the call works, with SSL active the server answers 500",
        # a proxy's 502 stays the proxy's answer (SCLNT_HTTP426), ICM or not
        "the ICM gets 502 Bad Gateway from our proxy for the CONNECT request",
    ],
)
def test_a_status_without_the_icms_failure_stays_an_answer(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert all(r.lean != "icm_page" for r in routed.readings), routed.readings
