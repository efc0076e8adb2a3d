"""A report with the proxy's status and the far server's (407 and 401) says both, each
once, and which to fix first: the proxy's — while it refuses the call, nothing reaches
the far server. Before, a 401 near the word "proxy" was read as the proxy's too (SAP
terms SCLNT_HTTP426), and the verdict named one status while the causes followed the
other. A 401 asks for the target's credentials (RFC 9110, 15.5.2); a proxy asks with 407."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question

TEXTS = [
    "Calling the S/4 API through our corporate proxy: first HTTP 407 Proxy Authentication Required, "
    "and with the proxy user set we now get 401 Unauthorized from the server",
    "SM59 connection test through the proxy: HTTP 407 Proxy Authentication Required, after setting "
    "the proxy user the target answers 401 Unauthorized",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


@pytest.mark.parametrize("text", TEXTS)
def test_a_401_beside_a_proxy_is_the_far_servers(kb: KnowledgeBase, text: str) -> None:
    vias = {r.number: r.via for r in route(text, kb).readings}
    assert vias == {407: "proxy", 401: "target"}


@pytest.mark.parametrize("text", TEXTS)
def test_both_statuses_are_said_once_with_the_proxys_first(kb: KnowledgeBase, text: str) -> None:
    verdict = answer_question(text, kb).doc.verdict
    # (the one "Not SCLNT_HTTP407 or SCLNT_HTTP401" line names the messages the numbers are not)
    lines = [p for p in verdict.split("\n\n") if "401" in p and "407" in p and not p.startswith("**Not SCLNT_HTTP")]
    assert len(lines) == 1, verdict
    line = lines[0]
    assert line.index("407") < line.index("401")
    assert "Fix the proxy's first" in line
    # each status named once in the verdict's own reading of them (the "Not SCLNT_HTTP407"
    # line says what the number is not, a different fact)
    readings = [p for p in verdict.split("\n\n") if not p.startswith("**Not SCLNT_HTTP")]
    assert sum(p.count("HTTP 401") for p in readings) == 1, verdict
