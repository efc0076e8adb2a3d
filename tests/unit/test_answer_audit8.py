"""Leftovers of the other-client answers (answers round 8), on the bundled base: the closest
causes beside another client's error, and a live check in a conversation about another
client's call (real `.invalid` names: they resolve nowhere). The texts are written for the
class, not copied from reports."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

NODE_PROXY = "Our Node.js app behind the corporate proxy gets ECONNREFUSED calling the SAP OData service"
NODE_SELF_SIGNED = "Node.js: Error: self signed certificate in certificate chain when calling our SAP gateway"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _closest(text: str, kb: KnowledgeBase) -> str:
    doc = build_answer_doc(route(text, kb), kb)
    return next(s.markdown for s in doc.sections if s.title == "In SAP terms, the closest causes")


def test_beside_another_clients_error_the_closest_causes_are_titles_without_the_abap_side(kb: KnowledgeBase) -> None:
    routed = route(NODE_PROXY, kb)
    assert routed.another_client and "proxy_required" in [c.id for c in routed.causes[:3]]
    closest = _closest(NODE_PROXY, kb)
    assert "(`proxy_required`)" in closest and kb.causes["proxy_required"].title in closest
    assert "SICF" not in closest and "SM59" not in closest and "PSE" not in closest


def test_what_a_cause_means_for_another_client_is_kept_where_the_base_says_it(kb: KnowledgeBase) -> None:
    closest = _closest(NODE_SELF_SIGNED, kb)
    assert "NODE_EXTRA_CA_CERTS" in closest  # the base's words for other clients
    assert "signed by itself" not in closest  # the explanation is the ABAP client's


def test_a_why_question_about_another_clients_call_lists_no_abap_explanation(kb: KnowledgeBase) -> None:
    from dataclasses import replace

    from assistant.answers.questions import _causes_section

    routed = replace(route(NODE_PROXY, kb), intent="causes")
    detailed = _causes_section(routed, kb, None, limit=3, detailed=True)
    assert detailed is not None and "(`proxy_required`)" in detailed.markdown and "SICF" not in detailed.markdown
    own = _causes_section(replace(routed, another_client=False), kb, None, limit=3, detailed=True)
    assert own is not None and "SICF" in own.markdown and own.key != detailed.key
