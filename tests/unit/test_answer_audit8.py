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
from assistant.services.answering import answer_check
from tests.support.checks import check

NODE_PROXY = "Our Node.js app behind the corporate proxy gets ECONNREFUSED calling the SAP OData service"
NODE_SELF_SIGNED = "Node.js: Error: self signed certificate in certificate chain when calling our SAP gateway"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _closest(text: str, kb: KnowledgeBase) -> str:
    doc = build_answer_doc(route(text, kb), kb)
    return next(s.markdown for s in doc.sections if s.title.startswith("Closest known causes"))


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

    from assistant.answers.answer_sections import causes_section

    routed = replace(route(NODE_PROXY, kb), intent="causes")
    detailed = causes_section(routed, kb, None, limit=3, detailed=True)
    assert detailed is not None and "(`proxy_required`)" in detailed.markdown and "SICF" not in detailed.markdown
    own = causes_section(replace(routed, another_client=False), kb, None, limit=3, detailed=True)
    assert own is not None and "SICF" in own.markdown and own.key != detailed.key


UNRESOLVED = "https://sap.corp.sapassist.invalid/api"


def test_a_check_after_another_clients_topic_says_what_it_means_for_that_client(kb: KnowledgeBase) -> None:
    state = route("Our Node.js app gets getaddrinfo ENOTFOUND when calling the SAP OData service", kb).state
    assert state.another_client
    report = check(UNRESOLVED)
    answered = answer_check(report, kb, state)
    lines = answered.doc.verdict.split("\n\n")
    assert lines[0].startswith("From this machine the call fails at the **resolve** step")
    assert lines[1].startswith("**For that client:**") and "configuration" in lines[1]
    assert "SM59" not in "\n".join(lines[:2]) and "application server" not in "\n".join(lines[:2])
    assert lines[2].startswith("**If the SAP system makes the call:** it reports **SCLNT_HTTP417**")
    assert "**Next step:**" not in answered.doc.verdict  # the SAP side's step is no step of that client
    fix = next(s for s in answered.doc.sections if s.key == "fix:dns_failure:sap")
    assert fix.title == "If the SAP system makes the call: how to fix it" and "SM59" in fix.markdown
    # that client's failure stays the topic, with what the check found as its cause
    assert answered.state is not None and answered.state.another_client
    assert answered.state.confirmed_cause == "dns_failure" and not answered.state.messages[:1] == ("SCLNT_HTTP417",)


def test_the_same_check_in_an_sap_topic_or_alone_keeps_the_sap_answer(kb: KnowledgeBase) -> None:
    from assistant.answers.check import build_check_answer

    report = check(UNRESOLVED)
    own = answer_check(report, kb, route("SM59 connection test fails: SCLNT_HTTP417", kb).state)
    assert own.doc.verdict.startswith("From this machine the call fails as **SCLNT_HTTP417**")
    assert "**Next step:** Check the host name in `SM59`" in own.doc.verdict
    alone = build_check_answer(report, kb)
    assert "For that client" not in alone and "**Next step:** Check the host name in `SM59`" in alone


def test_ask_json_keeps_the_server_role_handshakes_beside_their_count(kb: KnowledgeBase) -> None:
    from assistant.services.answering import answer_question, answer_to_json
    from tests.unit.test_answer_audit7 import SERVER_ROLE

    trace = answer_to_json(answer_question(SERVER_ROLE, kb), kb)["trace"]
    assert trace["server_role_errors"] == 1  # as before
    (kept,) = trace["server_role"]
    assert kept["pse"] == "/usr/sap/QAS/D10/sec/SAPSSLS.pse" and kept["sni_name"] == "erp.corp.example"
    assert kept["messages"] == ['=> "received a fatal TLS certificate unknown alert message from the peer"']
