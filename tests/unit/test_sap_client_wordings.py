"""SAP-client reports that must hold when worded differently: classes of failure the
robustness table (benchmarks/sap_client_rewordings.py) showed, written here in our own
words — never the rewordings of that table nor sentences of the evaluation sets.

- A success status (2xx) quoted for a call that works ("200 OK from another URL") is no far
  server's answer: the report stays the SAP client's failure it describes.
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
