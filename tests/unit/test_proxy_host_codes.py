"""An NI code does not say whose host it is about: NIEHOST_UNKNOWN is the target's name
(SCLNT_HTTP417, ICM_HTTP_HOST_UNKNOWN) or the proxy's (SCLNT_HTTP413,
ICM_HTTP_PROXY_HOST_UNKNOWN); NIECONN_REFUSED the target's port (411) or the proxy's (412).
What the text says of the host decides, not a link from the proxy's message to the
target's cause (the base had 413 -> dns_failure; the facts tie a target's unknown name to
417 only). Bundled base: the codes' links are its content."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    ("text", "message", "cause"),
    [
        ("NIEHOST_UNKNOWN for proxy host proxy.company.corp", "SCLNT_HTTP413", "proxy_host_unknown"),
        ("NIEHOST_UNKNOWN for the proxy host", "SCLNT_HTTP413", "proxy_host_unknown"),
        ("the host name of our proxy gives NIEHOST_UNKNOWN(-2)", "SCLNT_HTTP413", "proxy_host_unknown"),
        ("Connect to proxy.corp:3128 failed: NIECONN_REFUSED(-10)", "SCLNT_HTTP412", "proxy_refused"),
        ("NIECONN_REFUSED for proxy host proxy.company.corp:8080", "SCLNT_HTTP412", "proxy_refused"),
    ],
)
def test_a_code_about_the_proxys_host_leads_with_the_proxys_message_and_cause(
    kb: KnowledgeBase, text: str, message: str, cause: str
) -> None:
    routed = route(text, kb)
    assert routed.messages[0].id == message
    assert routed.causes[0].id == cause


@pytest.mark.parametrize(
    ("text", "message", "cause"),
    [
        ("NIEHOST_UNKNOWN", "SCLNT_HTTP417", "dns_failure"),
        ("dns lookup for api.partner.example fails on the app server, NIEHOST_UNKNOWN", "SCLNT_HTTP417", "dns_failure"),
        ("Connect to github.com:443 failed: NIECONN_REFUSED(-10)", "SCLNT_HTTP411", "connection_refused"),
        # a reverse proxy in front of the target is no proxy on the way out
        ("Connect to api.example.com:443 failed: NIECONN_REFUSED(-10) behind the reverse proxy host",
         "SCLNT_HTTP411", "connection_refused"),
    ],
)
def test_a_code_about_the_targets_host_keeps_the_targets_message_and_cause(
    kb: KnowledgeBase, text: str, message: str, cause: str
) -> None:
    routed = route(text, kb)
    assert routed.messages[0].id == message
    assert routed.causes[0].id == cause
