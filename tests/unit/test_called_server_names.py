"""The far server's name says where a call went, not what failed nor who made it.

benchmarks/far_server_names.py names a far server in SAP-client reports; these tests hold the
classes of change it showed, with invented sentences: a proxy that is the server called is no
forward proxy (proxies.py), the words of a called server's name are no keywords
(calledname.py), and a product's name on a server noun is the server's (systemrole.role_at).
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase


@pytest.fixture(scope="module")
def kb(bundled_kb: KnowledgeBase) -> KnowledgeBase:
    return bundled_kb


@pytest.mark.parametrize(
    "text",
    [
        "Our ABAP report posts the orders to the Fabrikam event proxy API and SM59 shows SSL handshake failed",
        "We are calling the Tailspin gateway proxy from SM59 and the SSL handshake fails",
        "The ABAP job calls the API proxy of our API Management tenant: SSL handshake failed",
        "SM59 meldet SSL-Handshake fehlgeschlagen. Der Aufruf geht zum Fabrikam Proxy-Endpunkt.",
    ],
)
def test_a_proxy_that_is_the_server_called_is_no_forward_proxy(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.entities is not None and not routed.entities.proxy
    assert not any(c.id.startswith("proxy_") for c in routed.causes[:3])
    assert routed.messages and routed.messages[0].id == "SCLNT_HTTP407"


def test_a_forward_proxys_status_stays_the_proxys_beside_a_called_proxy(kb: KnowledgeBase) -> None:
    routed = route("squid answers 502 Bad Gateway to the CONNECT. The call goes to the Fabrikam event proxy API.", kb)
    assert routed.scope.kind == "sap_http_client"
    assert routed.messages and routed.messages[0].id == "SCLNT_HTTP426"


@pytest.mark.parametrize(("report", "far"), [
    ("SM59 connection test fails. We are calling the {far} API.", far)
    for far in (".NET pricing service", "Node pricing service", "Python pricing service", "Spring Boot pricing service")
] + [("what does SCLNT_HTTP419 mean?\nOur ABAP program is calling the {far} API.", far)
     for far in (".NET pricing service", "BTP destination service")])
def test_a_called_servers_name_is_no_keyword(kb: KnowledgeBase, report: str, far: str) -> None:
    named, neutral = route(report.format(far=far), kb), route(report.format(far="Fabrikam"), kb)
    assert [m.id for m in named.messages[:1]] == [m.id for m in neutral.messages[:1]]
    assert [c.id for c in named.causes[:1]] == [c.id for c in neutral.causes[:1]]


def test_a_called_servers_name_that_is_a_sign_still_counts(kb: KnowledgeBase) -> None:
    routed = route("our ABAP report gets an SSL handshake error when it calls the CloudFront endpoint", kb)
    assert routed.causes and routed.causes[0].id == "sni_not_sent"


def test_which_words_name_the_server_called() -> None:
    from assistant.intent.calledname import called_name_spans

    def names(text: str) -> list[str]:
        return [text[start:end] for start, end in called_name_spans(text)]

    assert names("we are calling the Fabrikam billing service API") == ["Fabrikam billing service"]
    assert names("Der Aufruf geht zum Fabrikam Billing-Endpunkt") == ["Fabrikam Billing"]
    # how the call is made, the SAP side, or the caller: no far server's name
    assert names("we call the HTTPS endpoint and the OAuth token endpoint") == []
    assert names("the SAP Gateway service answers 503") == []
    assert names("the Fabrikam app calls our API and fails") == []


@pytest.mark.parametrize("text", [
    "TLS alert unknown_ca from the Postman mock server when SAP presents the client certificate",
    "the BTP server asks for a client certificate, mutual TLS",
])
def test_a_product_named_on_a_server_noun_is_the_server(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).scope.kind == "sap_http_client"


@pytest.mark.parametrize("text", [
    "our BTP server cannot reach the partner API: SSL handshake failed",
    "the Postman app gets SSL handshake failed",
])
def test_a_product_that_calls_stays_the_caller(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).scope.kind == "other_client"
