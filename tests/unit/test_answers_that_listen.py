"""Answers that listen (answers21): a report that states its own resolution is told so first;
"who has to fix it?", a German "was ist …?" and "do I need to restart the ICM?" are answered
as asked. Each test is a class of turn over several wordings and topics, not one sentence."""

from __future__ import annotations

import json

import pytest

from assistant.intent import DialogueState, route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.services.answering import Answered, answer_question
from tests.support.dialogues import answers_to

UNTRUSTED = "SM59 connection test to https://api.partner.de/sap/bc/ping fails: SSSLERR_PEER_CERT_UNTRUSTED"


def _verdict(answered: Answered) -> str:
    return answered.doc.verdict


@pytest.mark.parametrize(
    ("text", "cause", "message"),
    [
        (f"{UNTRUSTED}. Update: solved by importing the root CA into STRUST.", "server chain not trusted", "SCLNT_HTTP421"),
        ("SM59 gets ICM_HTTP_CONNECTION_FAILED calling https://api.partner.de. The problem was the proxy, fixed now.",
         "proxy", None),
        ("SM59 meldet SSL-Fehler SSSLERR_PEER_CERT_UNTRUSTED zu https://api.partner.de. "
         "Das Problem lag am fehlenden Zwischenzertifikat, nach dem Import funktioniert es jetzt.", "intermediate",
         None),
        ("Our Node.js app fails with 'unable to get local issuer certificate' calling the API. "
         "It turned out the CA bundle was outdated; replacing it solved it.", "not trusted", None),
    ],
)
def test_a_report_that_states_its_resolution_is_told_so_first(bundled_kb: KnowledgeBase, text: str, cause: str,
                                                               message: str | None) -> None:
    kb = bundled_kb
    answered = answer_question(text, kb, DialogueState())
    verdict = _verdict(answered)
    first = verdict.split("\n\n")[0]
    assert first.startswith("**Your text reports it solved:**")
    matches = next(line for line in verdict.split("\n\n") if line.startswith("**That matches the cause:**"))
    assert all(word in matches.lower() for word in cause.split())
    if message:
        assert message in answered.doc.headline and message in matches
    # the cause is found: no step to find it, no question for the error text
    assert "**Next step:**" not in verdict and "error text" not in verdict
    assert answered.routed.question is None or "Not sure" not in answered.doc.headline


def test_a_trust_fix_names_what_it_leaves_open_and_another_client_no_sap_servers(bundled_kb: KnowledgeBase) -> None:
    kb = bundled_kb
    sap = _verdict(answer_question(f"{UNTRUSTED}. Solved by importing the root CA into STRUST.", kb, DialogueState()))
    assert "does not come back" in sap and "application server" in sap and "expires" in sap
    node = _verdict(answer_question(
        "Our Node.js client fails with unable to get local issuer certificate. "
        "Solved by adding the CA to NODE_EXTRA_CA_CERTS.", kb, DialogueState()))
    assert "does not come back" in node and "application server" not in node


def test_what_the_fix_itself_did_is_not_left_open(bundled_kb: KnowledgeBase) -> None:
    # "importing the intermediate" was answered "rule out … intermediate CA certificate missing".
    kb = bundled_kb
    root_only = _verdict(answer_question(f"{UNTRUSTED}. Solved by importing the root CA into STRUST.", kb,
                                         DialogueState()))
    assert "intermediate CA certificate missing" in root_only
    both = _verdict(answer_question(f"{UNTRUSTED}. Solved by importing the intermediate into the ANONYM PSE.", kb,
                                    DialogueState()))
    assert "does not come back" in both and "intermediate CA certificate missing" not in both


@pytest.mark.parametrize("text", [
    f"{UNTRUSTED}. I imported the root CA into STRUST but it did not help.",
    f"{UNTRUSTED}. Importing the root CA did not solve it.",
    f"{UNTRUSTED}. I thought the problem was the proxy.",
])
def test_a_fix_said_not_to_have_helped_keeps_the_usual_answer(bundled_kb: KnowledgeBase, text: str) -> None:
    kb = bundled_kb
    answered = answer_question(text, kb, DialogueState())
    assert "solved" not in answered.doc.verdict.lower()
    assert "Solved" not in answered.doc.headline


@pytest.mark.parametrize("ask", ["who has to fix it, us or them?", "is that on our side or theirs?",
                                 "wer muss das beheben?", "whose side is this on?"])
@pytest.mark.parametrize(("topic", "side"), [
    (UNTRUSTED, "Basis"),
    ("SCLNT_HTTP421", "Basis"),
    ("SM59 test to https://api.partner.de fails: the server certificate has expired", "far server's owner"),
    ("Our Java program gets PKIX path building failed calling https://api.partner.de", "client that made the call"),
])
def test_who_has_to_fix_it_is_answered_from_the_topic(bundled_kb: KnowledgeBase, ask: str, topic: str, side: str) -> None:
    kb = bundled_kb
    first, asked = answers_to(kb, topic, ask)
    verdict = _verdict(asked)
    assert verdict.startswith("**Who fixes it:**") and side in verdict.split("\n\n")[0]
    assert [m.id for m in asked.routed.messages[:1]] == [m.id for m in first.routed.messages[:1]]  # the topic stays


@pytest.mark.parametrize(("text", "term"), [("was ist SNI?", "SNI"), ("Was ist ein PSE?", "PSE"),
                                            ("was heißt STRUST?", "STRUST"), ("was sind SSL client PSEs?", "PSE")])
def test_a_german_what_is_question_is_answered_by_the_term(bundled_kb: KnowledgeBase, text: str, term: str) -> None:
    kb = bundled_kb
    routed = route(text, kb)
    assert not routed.messages and routed.question is None
    md = answer_question(text, kb, DialogueState()).markdown
    assert term in md.split("\n", 1)[0]


def test_was_ist_mit_x_stays_a_follow_up_on_the_topic(bundled_kb: KnowledgeBase) -> None:
    kb = bundled_kb
    _, about = answers_to(kb, "SCLNT_HTTP421", "was ist mit SNI?")
    assert about.routed.follow_up and about.routed.messages[0].id == "SCLNT_HTTP421"


@pytest.mark.parametrize("ask", ["do I need to restart the ICM?", "muss ich den ICM neu starten?",
                                 "is a restart of the ICM needed after that?"])
@pytest.mark.parametrize("topic", ["SCLNT_HTTP421", UNTRUSTED, "how do I import a certificate in STRUST?"])
def test_a_restart_question_is_answered_from_the_base(bundled_kb: KnowledgeBase, ask: str, topic: str) -> None:
    kb = bundled_kb
    first, asked = answers_to(kb, topic, ask)
    verdict = _verdict(asked)
    assert "Exit Soft" in verdict and "restart" in verdict.lower()
    if first.routed.messages:
        assert asked.routed.messages[0].id == first.routed.messages[0].id
        assert "re-reads the PSE" in verdict  # the topic's own step on it first


def test_a_password_in_the_stated_fix_is_not_said_back(bundled_kb: KnowledgeBase) -> None:
    text = ("SM59 test fails: HTTP error 416 occured, proxy authentication required. Solved by setting the "
            "proxy to http://basis:Geheim2024@proxy.corp:8080 in SM59.")
    answered = answer_question(text, bundled_kb, DialogueState())
    assert answered.routed.resolution is not None
    assert "Geheim2024" not in answered.doc.markdown()
    assert "Geheim2024" not in json.dumps(answered.routed.to_json())


def test_ask_json_carries_the_resolution_and_what_a_turn_asks(bundled_kb: KnowledgeBase) -> None:
    solved = answer_question(f"{UNTRUSTED}. Solved by importing the root CA into STRUST.", bundled_kb,
                             DialogueState()).routed.to_json()
    assert solved["resolution"]["cause"] == "server_cert_untrusted"
    assert "root CA" in solved["resolution"]["names"]
    first = answer_question("SCLNT_HTTP421", bundled_kb, DialogueState()).routed
    asked = answer_question("who has to fix it?", bundled_kb, first.state).routed.to_json()
    assert asked["asks"] == ["who_fixes"] and asked["resolution"] is None


def test_the_check_command_an_answer_prints_replays_no_password(bundled_kb: KnowledgeBase) -> None:
    # It printed "--proxy http://basis:Geheim2024@proxy.corp:8080" — a password replayed.
    text = ("SM59 call to https://api:Target2024@api.partner.de/path fails with SSSLERR_PEER_CERT_UNTRUSTED, "
            "we go through proxy http://basis:Geheim2024@proxy.corp:8080")
    shown = answer_question(text, bundled_kb, DialogueState()).doc.markdown()
    assert "Geheim2024" not in shown and "Target2024" not in shown
    assert "--proxy http://proxy.corp:8080 --proxy-user basis" in shown  # the check asks for the password
    assert "sapassist check https://api.partner.de/path" in shown


def test_a_password_said_in_prose_in_the_fix_is_not_said_back(bundled_kb: KnowledgeBase) -> None:
    text = ("SM59 test fails: HTTP error 416 occured, proxy authentication required. Solved by entering the "
            "proxy user basis with the password Geheim2024 in SM59.")
    answered = answer_question(text, bundled_kb, DialogueState())
    assert answered.routed.resolution is not None
    shown = answered.doc.markdown()
    assert "Solved" in answered.doc.headline and "Geheim2024" not in shown
    assert "password \\*\\*\\* in SM59" in answered.doc.verdict  # the mask, escaped for Markdown
