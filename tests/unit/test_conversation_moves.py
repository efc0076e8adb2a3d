"""A conversation that moves between problems (chatback): a restart question with no topic gets
the base's general rule and names no message; going back to an earlier topic continues it, or
asks which one when the pointer fits several; a yes/no question about a cause is answered
plainly from the topic's own evidence first; a pronoun carries a ruling to the names before it.
Each test is a class of turn over several wordings, not one sentence."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.dialogues import answers_to, talk

UNTRUSTED = "SM59 fails with SCLNT_HTTP421, SSL certificate not trusted, calling https://api.partner.de/v1"
REFUSED = "ICM_HTTP_CONNECTION_REFUSED for the SII destination"


@pytest.mark.parametrize("ask", ["do I need to restart the ICM?", "muss ich den ICM neu starten?",
                                 "Do we have to restart the instance after changing a parameter?"])
def test_a_restart_question_without_a_topic_names_no_message(bundled_kb: KnowledgeBase, ask: str) -> None:
    routed = route(ask, bundled_kb)
    assert routed.messages == [] and routed.question is None
    assert not routed.state.has_topic  # the next "how do I fix it?" is about nothing guessed
    verdict = answers_to(bundled_kb, ask)[0].doc.verdict
    assert "SCLNT_HTTP" not in verdict
    assert "Exit Soft" in verdict  # the ICM's restart, as the base says it
    assert "instance" in verdict  # what needs the instance restarted
    # what needs neither, from the base's parameters marked dynamic (never one of ours)
    assert "`icm/conn_timeout`" in verdict and "dynamic" in verdict.lower()
    assert "`icm/traffic_control`" in verdict  # a parameter the base marks not dynamic


def test_a_restart_question_on_a_topic_still_answers_for_the_topic(bundled_kb: KnowledgeBase) -> None:
    _, asked = talk(bundled_kb, UNTRUSTED, "do I need to restart the ICM?")
    assert asked.messages[0].id == "SCLNT_HTTP421" and asked.state.messages[:1] == ("SCLNT_HTTP421",)


FIRST_BACK = ["back to the first error, which PSE do I import into?", "zurück zum ersten Fehler: welche PSE?",
              "the certificate one: which PSE do I import into?", "back to the 421, which PSE do I import into?"]


@pytest.mark.parametrize("back", FIRST_BACK)
def test_a_turn_that_points_back_continues_the_earlier_topic(bundled_kb: KnowledgeBase, back: str) -> None:
    first, second, again = talk(bundled_kb, UNTRUSTED, REFUSED, back)
    assert second.messages[0].id == "SCLNT_HTTP411"
    assert again.messages[0].id == "SCLNT_HTTP421" and again.follow_up
    assert again.state.messages[:1] == ("SCLNT_HTTP421",) and again.state.host == "api.partner.de"
    assert again.causes[0].id == first.causes[0].id  # the pointer's own words are no evidence
    assert [t.messages[:1] for t in again.state.earlier] == [("SCLNT_HTTP411",)]  # the other one is kept


def test_the_earlier_topics_are_bounded(bundled_kb: KnowledgeBase) -> None:
    turns = [f"SM59 fails with SCLNT_HTTP{n}" for n in (402, 404, 407, 410, 411, 415, 417, 421)]
    last = talk(bundled_kb, *turns)[-1]
    assert 0 < len(last.state.earlier) <= 4
    assert all(not t.earlier for t in last.state.earlier)  # no history inside history


@pytest.mark.parametrize("back", ["back to the other one", "the other problem again: which PSE?"])
def test_a_pointer_that_fits_several_topics_asks_which(bundled_kb: KnowledgeBase, back: str) -> None:
    java = "Our Java app fails with PKIX path building failed calling the partner API"
    *_, asked = answers_to(bundled_kb, UNTRUSTED, REFUSED, java, back)
    routed = asked.routed
    assert routed.question is not None and "SCLNT_HTTP421" in routed.question and "SCLNT_HTTP411" in routed.question
    assert routed.messages == [] or routed.state.scope == "other_client"  # nothing switched
    assert routed.state.scope == "other_client"
    assert "SCLNT_HTTP411" in asked.doc.verdict and "SCLNT_HTTP421" in asked.doc.verdict
    chosen = talk(bundled_kb, UNTRUSTED, REFUSED, java, back, "the 411")[-1]
    assert chosen.messages[0].id == "SCLNT_HTTP411"


def test_without_a_pointer_a_new_report_stays_a_new_topic(bundled_kb: KnowledgeBase) -> None:
    *_, third = talk(bundled_kb, UNTRUSTED, REFUSED, "the first call of the day fails with SSSLERR_SSL_READ")
    assert third.messages[0].id != "SCLNT_HTTP421" or not third.follow_up


def test_the_earlier_topics_survive_a_saved_conversation(bundled_kb: KnowledgeBase) -> None:
    import json

    from assistant.tui.conversations import state_from_json, state_to_json

    state = talk(bundled_kb, UNTRUSTED, REFUSED)[-1].state
    back = state_from_json(json.loads(json.dumps(state_to_json(state))))
    assert back == state and back.earlier[0].messages == ("SCLNT_HTTP421",)


REFUSED_411 = "SM59 fails with SCLNT_HTTP411 connection refused calling https://api.partner.de"


@pytest.mark.parametrize("ask", ["is it the proxy?", "could it be the proxy?", "liegt es am Proxy?"])
def test_a_yes_no_question_says_plainly_that_nothing_said_points_there(bundled_kb: KnowledgeBase, ask: str) -> None:
    _, asked = answers_to(bundled_kb, REFUSED_411, ask)
    first = asked.doc.verdict.split("\n\n")[0]
    assert first.startswith("**Nothing you said points to") and "proxy" in first.lower(), first
    assert not asked.routed.state.proxy  # asking about a proxy says none is there


@pytest.mark.parametrize("said", ["we go through the proxy proxy.corp:8080", "the call goes through our proxy"])
def test_a_yes_no_question_says_yes_when_the_topic_names_it(bundled_kb: KnowledgeBase, said: str) -> None:
    *_, asked = answers_to(bundled_kb, REFUSED_411, said, "is it the proxy?")
    first = asked.doc.verdict.split("\n\n")[0]
    assert first.startswith("**Yes — your text names a proxy"), first


@pytest.mark.parametrize(("report", "ask", "answer"), [
    ("SCLNT_HTTP421: the server sends no intermediate certificate, the chain is incomplete",
     "is it the intermediate certificate?", "**Yes — what you reported points to it"),
    ("SM59: SSL handshake fails, SSSLERR_SERVER_CERT_MISMATCH for api.partner.de", "is it SNI?", "**Possibly"),
    ("SM59 fails with SCLNT_HTTP411 connection refused", "could it be the firewall?", "**Nothing you said points to"),
])
def test_a_yes_no_question_about_a_cause_is_answered_from_the_report(bundled_kb: KnowledgeBase, report: str, ask: str,
                                                                     answer: str) -> None:
    _, asked = answers_to(bundled_kb, report, ask)
    first = asked.doc.verdict.split("\n\n")[0]
    assert first.startswith(answer), first


SSL_FAILS = "SM59 call to https://api.partner.com fails with SSL handshake error."


@pytest.mark.parametrize("ruling", [
    "The Cloud Connector is in place; it is not involved.",
    "The Cloud Connector and the proxy are in place; they are not involved.",
    "We also run Node.js and Java services on that host. They are not used for this call.",
    "Python and pyrfc are installed on the host; they are not used here.",
])
def test_a_pronoun_carries_a_ruling_to_the_names_before_it(bundled_kb: KnowledgeBase, ruling: str) -> None:
    named = route(f"{SSL_FAILS} {ruling}", bundled_kb)
    assert named.scope.kind == "sap_http_client", named.scope
    assert not named.another_client


@pytest.mark.parametrize("text", [
    "Our Java app calls the SAP system. It fails with PKIX path building failed.",
    "The Cloud Connector is in place and it fails with a handshake error to the backend.",
])
def test_a_pronoun_without_a_ruling_carries_nothing(bundled_kb: KnowledgeBase, text: str) -> None:
    assert route(text, bundled_kb).scope.kind != "sap_http_client"


def test_a_pronoun_carries_a_ruling_to_the_names_of_the_last_turn(bundled_kb: KnowledgeBase) -> None:
    first, ruled = talk(bundled_kb, f"{SSL_FAILS} The Cloud Connector and the proxy are in place.",
                        "they are not involved")
    assert first.scope.kind == "other_client"  # the names alone read as another client
    assert ruled.scope.kind == "sap_http_client" and ruled.state.scope == "sap_http_client", ruled.scope


def test_the_last_turns_text_is_kept_without_its_password(bundled_kb: KnowledgeBase) -> None:
    said = ("SM59 fails with SCLNT_HTTP416 through http://basis:Geheim2024@proxy.corp:8080; "
            "the password is Geheim2024 and the Cloud Connector is in place.")
    state = talk(bundled_kb, said)[-1].state
    assert "Cloud Connector" in state.said and "Geheim2024" not in state.said


def test_the_text_kept_for_the_question_back_holds_no_password(bundled_kb: KnowledgeBase) -> None:
    # The text waiting for the answer to a question back is saved with the conversation too.
    said = "the connection does not work, Passwort ist Geheim2024, proxy http://basis:Geheim2024@proxy.corp:8080"
    state = talk(bundled_kb, said)[-1].state
    assert state.pending and "connection does not work" in state.pending_text
    assert "Geheim2024" not in state.pending_text


def test_a_turn_naming_an_earlier_topics_code_is_read_whole_on_that_topic(bundled_kb: KnowledgeBase) -> None:
    # The earlier topic's code is the turn's own content, not a pointer to take out: "SCLNT_HTTP416
    # fixed by adding …" lost its first clause and its stated fix once the 416 topic was earlier.
    proxy, status, fixed = talk(bundled_kb, "SM59 gives HTTP/1.1 407 Proxy Authentication Required",
                                "the API call returns HTTP/1.1 401 invalid token for this user",
                                "SCLNT_HTTP416 fixed by adding the proxy user in SM59")
    assert proxy.messages[0].id == "SCLNT_HTTP416" and status.scope.kind == "http_status_from_server"
    assert fixed.messages[0].id == "SCLNT_HTTP416" and fixed.state.messages[:1] == ("SCLNT_HTTP416",)
    assert fixed.resolution is not None and "proxy user" in fixed.resolution.names
