"""Another client's failure whose kind names no home of its own (a client library's TLS
error text, a tool) says where that client's fix lives, by the step its leading cause is
seen at: "unable to verify the first certificate" is that client's trust store (or the
server's chain), not STRUST. Before, such an answer said what it was and stopped there.
A kind whose reason says the place already (a client's own network error) gets no second
line. "unable to verify the first certificate" (OpenSSL's verify error 21: a chain of one
certificate, not self-signed) is a sign of the missing intermediate."""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


def _home_lines(text: str, kb: KnowledgeBase) -> list[str]:
    answered = answer_question(text, kb)
    assert answered.routed.scope.kind == "other_client"
    return [p for p in answered.doc.verdict.split("\n\n") if p.startswith("**Where the fix lives:**")]


@pytest.mark.parametrize("text", [
    "VS Code ABAP FS: Failed to connect to DEV: unable to verify the first certificate",
    # (curl's, git's and PHP's own CA bundle has an entry: test_scope_pointers)
    "Our integration tool logs: SSL certificate problem: unable to get local issuer certificate",
])
def test_a_client_library_s_trust_error_says_where_that_client_s_fix_lives(kb: KnowledgeBase, text: str) -> None:
    assert _home_lines(text, kb) == [
        "**Where the fix lives:** that client's own trust store (the CA certificates it trusts), not STRUST."]
    # … and a reason that says the place itself gets no second line
    assert _home_lines("Node.js: connect ECONNREFUSED 10.0.0.5:44300", kb) == []


def test_unable_to_verify_the_first_certificate_is_a_missing_intermediate(kb: KnowledgeBase) -> None:
    routed = answer_question("unable to verify the first certificate", kb).routed
    assert any(c.id == "intermediate_missing" and c.evidence == "sign" for c in routed.causes)
