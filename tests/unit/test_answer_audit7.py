"""Leftovers of the trace, evidence and check helpers (answers round 7), on the bundled
base: what `ask --json` says about the caller and a trace's cause, which step leads for
another client, how a trace of the SAP system as server and a fault shared by several
hosts are told, and the short answer of an unknown kind. The texts are written for the
class, not copied from reports."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question, answer_to_json
from tests.support import dev_icm


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def test_ask_json_says_whether_another_client_made_the_call(kb: KnowledgeBase) -> None:
    other = answer_to_json(answer_question("Our Node.js app gets statusCode: 401 from the SAP OData service", kb), kb)
    assert other["another_client"] is True
    own = answer_to_json(answer_question("SM59 connection test: HTTP 401 Unauthorized", kb), kb)
    assert own["another_client"] is False
    assert {"scope", "causes", "messages", "confidence"} <= own.keys()  # nothing renamed


def test_a_cause_the_trace_found_is_confirmed_evidence(kb: KnowledgeBase) -> None:
    text = "\n".join(dev_icm.trace([dev_icm.Handshake(host="a.partner.example", code="SSSLERR_SERVER_CERT_MISMATCH")]))
    out = answer_to_json(answer_question(text, kb), kb)
    first = out["causes"][0]
    assert first["id"] == out["trace"]["cause"] and first["evidence"] == "confirmed"
    assert all(c["evidence"] is not None for c in out["causes"])


OTHER_401 = "Request failed with status code 401 in our CAP app calling S/4"


def test_a_step_for_one_sap_product_never_leads_for_another_client(kb: KnowledgeBase) -> None:
    routed = route(OTHER_401, kb)
    assert routed.another_client and routed.causes[0].id == "logon_failed"
    assert any(s.startswith("SAP Business ByDesign") for s in kb.causes["logon_failed"].fix)
    doc = build_answer_doc(routed, kb)
    assert "ByDesign" not in doc.markdown()
    assert "**Next step:** Confirm with the target's owner which logon method it expects." in doc.verdict


def test_for_another_client_no_step_is_better_than_one_for_a_product_or_note(kb: KnowledgeBase) -> None:
    from assistant.answers.clientside import fix_steps
    from assistant.intent.result import Routed

    other = Routed(intent="explain", another_client=True)
    assert fix_steps(kb.causes["client_cert_required"], other, kb) == ()  # SM59, PSE, ByDesign
    assert not any("SAP Note" in s for s in fix_steps(kb.causes["connection_refused"], other, kb))
    kept = fix_steps(kb.causes["intermediate_missing"], other, kb)
    assert any(s.endswith("not just SAP.") for s in kept)  # the bare word is no product
    own = fix_steps(kb.causes["logon_failed"], Routed(intent="explain"), kb)
    assert own == kb.causes["logon_failed"].fix  # the ABAP client keeps every step


def test_the_generic_live_check_names_no_sm59_for_another_clients_call(kb: KnowledgeBase) -> None:
    other = build_answer_doc(route(OTHER_401, kb), kb)
    check = next(s for s in other.sections if s.key.startswith("check:"))
    assert "SM59" not in check.markdown and "that client" in check.markdown
    own = build_answer_doc(route("SM59 connection test: HTTP 401 Unauthorized", kb), kb)
    own_check = next(s for s in own.sections if s.key.startswith("check:"))
    assert "SM59" in own_check.markdown and own_check.key != check.key


T1 = dev_icm.THREAD_A
# The ICM as TLS *server*: its SSL server PSE and the caller's certificate-unknown alert
# (the shape of abapGit issue 3360; our own path).
SERVER_ROLE = f"""[Thr {T1}]   SSL_get_state()==0x11c0 "TLS read finished A"
[Thr {T1}] *** ERROR during secussl_read() from SSL_read()==SSL_ERROR_SSL
[Thr {T1}]   srv SSL session PSE "/usr/sap/QAS/D10/sec/SAPSSLS.pse"
[Thr {T1}]   TLSextSNI server_name="erp.corp.example"
[Thr {T1}] secussl_read: SSL_read() failed  (536875078/0x20001046)
[Thr {T1}]    => "received a fatal TLS certificate unknown alert message from the peer"
"""


def test_a_trace_of_errors_with_the_sap_system_as_server_leads_with_what_it_shows(kb: KnowledgeBase) -> None:
    answered = answer_question(SERVER_ROLE, kb)
    assert answered.trace is not None and answered.trace.server_role_errors == 1
    doc = answered.doc
    first = doc.verdict.split("\n\n")[0]
    assert "where the SAP system is the server" in first and "No TLS client handshake" not in first
    assert "with the SAP system as server" in doc.headline
    assert "`/usr/sap/QAS/D10/sec/SAPSSLS.pse` (SSL server PSE)" in doc.verdict
    assert "certificate unknown alert" in doc.verdict  # the trace's own words, literally
    assert "did not accept the certificate the SAP system presented" in doc.verdict
    assert doc.sections[0].key == "glossary:SAP_AS_TLS_SERVER"  # where the fix lives, whole


def test_an_outgoing_failure_still_leads_beside_server_role_errors(kb: KnowledgeBase) -> None:
    outgoing = "\n".join(dev_icm.trace([dev_icm.Handshake(host="a.partner.example", thread=dev_icm.THREAD_B)]))
    doc = answer_question(SERVER_ROLE + outgoing, kb).doc
    assert doc.verdict.startswith("**SCLNT_HTTP421**") and "SAP system is the server" not in doc.verdict


def test_hosts_failing_with_the_same_fault_are_one_fault_with_one_fix(kb: KnowledgeBase) -> None:
    text = "\n".join(dev_icm.trace([
        dev_icm.Handshake(host="b.partner.example", code="SSSLRC_CONN_CLOSED", thread=dev_icm.THREAD_A, handle=1),
        dev_icm.Handshake(host="b.partner.example", code="SSSLRC_CONN_CLOSED", thread=dev_icm.THREAD_A, handle=4),
        dev_icm.Handshake(host="git.partner.example", thread=dev_icm.THREAD_B, handle=2),
        dev_icm.Handshake(host="api.git.partner.example", thread=dev_icm.THREAD_C, handle=3),
        dev_icm.Handshake(host="raw.git.partner.example", thread=dev_icm.THREAD_C, handle=5),
    ]))
    answered = answer_question(text, kb)
    lines = answered.doc.verdict.split("\n\n")
    # three hosts with one untrusted chain outweigh one host's two closed connections
    assert lines[0].startswith("**SCLNT_HTTP421**")
    hosts = ("`git.partner.example:443`", "`api.git.partner.example:443`", "`raw.git.partner.example:443`")
    assert all(h in lines[0] for h in hosts) and " and `" in lines[0]  # in the order the trace shows them
    assert "3 handshakes" in lines[0]
    assert "The 3 hosts share this fault: one fix" in answered.doc.verdict
    assert "1 other problem below." in lines and "2 other problems" not in answered.doc.verdict
    assert answered.routed.causes[0].id == "server_cert_untrusted"  # the topic follows the lead


def test_two_hosts_with_different_faults_are_two_problems(kb: KnowledgeBase) -> None:
    text = "\n".join(dev_icm.trace([
        dev_icm.Handshake(host="git.partner.example", thread=dev_icm.THREAD_B, handle=2),
        dev_icm.Handshake(host="b.partner.example", code="SSSLERR_SERVER_CERT_MISMATCH", thread=dev_icm.THREAD_C),
    ]))
    verdict = answer_question(text, kb).doc.verdict
    assert "share this fault" not in verdict and "1 other problem below." in verdict


LONG_UNPLACED = [
    "Since this morning the connection to our partner's server fails with a certificate error. The network "
    "team says nothing changed on the firewall, the browser on my laptop opens the page fine, and the partner "
    "says they renewed their certificate last week. What should we check first?",
    "Our monitoring tool cannot reach the partner's API any more: the connection times out after some seconds. "
    "Nothing was changed on our side as far as I know, and from my laptop the URL answers in the browser. The "
    "proxy team says the host is allowed. Any idea where to look?",
]


@pytest.mark.parametrize("text", LONG_UNPLACED)
def test_an_unknown_kind_asks_first_and_stays_short(kb: KnowledgeBase, text: str) -> None:
    import textwrap

    routed = route(text, kb)
    assert routed.scope.kind == "unknown" and routed.question and len(routed.causes) >= 3
    doc = build_answer_doc(routed, kb)
    paragraphs = doc.verdict.split("\n\n")
    assert paragraphs[0] == f"**{routed.question}**"
    assert paragraphs[1].startswith("If another client makes it") and "What it is" not in doc.verdict
    causes = next(s for s in doc.sections if s.title.startswith("If the SAP system makes the call"))
    for line in causes.markdown.splitlines():  # one line per cause: its title and id, no explanation
        assert line.endswith("`)") and " — " not in line, line
    shown = "\n".join([doc.verdict, *(s.markdown for s in doc.sections)])
    rows = sum(len(textwrap.wrap(p, 78)) or 1 for p in shown.splitlines())
    assert rows <= 16, rows  # the question, the hint and the causes on one 80x24 screen


def test_a_server_role_trace_after_a_topic_starts_a_new_subject(kb: KnowledgeBase) -> None:
    before = route("SCLNT_HTTP421 when calling https://a.partner.example", kb).state
    assert before.messages and before.host
    state = answer_question(SERVER_ROLE, kb, before, for_chat=True).routed.state
    assert state.messages == () and state.causes == () and state.host is None  # 421's topic does not carry over
    assert (state.scope, state.scope_pointer) == ("sap_server_inbound", "SAP_AS_TLS_SERVER")
    assert state.turns == before.turns + 1


def test_how_to_fix_another_kind_shows_where_its_fix_lives_again(kb: KnowledgeBase) -> None:
    first = answer_question("Our Node.js service gets 'unable to get local issuer certificate' when it calls "
                            "the partner's API", kb, for_chat=True)
    assert first.routed.scope.kind == "other_client" and first.routed.scope.pointer
    pointer = f"glossary:{first.routed.scope.pointer}"
    assert pointer in first.doc.keys
    again = answer_question("how do I fix it?", kb, first.routed.state, for_chat=True,
                            shown=frozenset(first.doc.keys))
    assert again.routed.follow_up and again.routed.intent == "fix"
    assert "### How to fix it — " in again.markdown  # not skipped as shown: it is what was asked
    assert again.doc.sections[0].key == f"fix:{pointer}"


def test_how_to_fix_it_after_a_trace_of_server_role_errors_answers_from_where_the_fix_lives(kb: KnowledgeBase) -> None:
    # The trace set no SAP-client topic, but another kind with the place of its fix: a
    # follow-up asks about that, it is no turn the router did not understand.
    state = answer_question(SERVER_ROLE, kb).routed.state
    follow = answer_question("how do I fix it?", kb, state)
    assert follow.routed.follow_up and follow.routed.intent == "fix"
    assert follow.routed.scope.kind == "sap_server_inbound"
    assert "How to fix it — The SAP system as TLS server" in follow.markdown
