"""Conversations as a new Basis admin has them (newuser2's sessions in an 80x24 chat): a
question about a term beside the topic, a follow-up that asks for the step in a place
("how do I fix it in STRUST?", "where is that parameter?"), the reply to "what is the exact
error text?" beside the wrapping exception, and bare numbers in a conversation about a
far server's status. Each test is a class of turn over several topics, not one sentence."""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.services.answering import Answered
from tests.support.dialogues import answers_to, talk

CIPHER_TOPIC = "HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_SSL_READ (-58)"
UNTRUSTED_TOPIC = "SM59 connection test to https://api.partner.de/sap/bc/ping fails: SSSLERR_PEER_CERT_UNTRUSTED"


def _next_step(answered: Answered) -> str:
    return next(line for line in answered.doc.verdict.splitlines() if line.startswith("**Next step:**"))


@pytest.mark.parametrize("topic", ["SCLNT_HTTP421", "SCLNT_HTTP415", UNTRUSTED_TOPIC])
@pytest.mark.parametrize("aside", ["what is SNI?", "how do I import a certificate in STRUST?", "what is a PSE?"])
def test_a_term_question_beside_the_topic_keeps_the_topic(bundled_kb: KnowledgeBase, topic: str, aside: str) -> None:
    # Before: the term's answer emptied the topic, so "how do I fix it?" was "This does not
    # read like an SAP HTTP-client error" and "which PSE?" led with SCLNT_HTTP414.
    first, _, fix, pse = talk(bundled_kb, topic, aside, "how do I fix it?", "which PSE?")
    named = first.messages[0].id
    assert fix.follow_up and fix.messages and fix.messages[0].id == named
    assert fix.scope.kind == "sap_http_client"
    assert pse.messages and pse.messages[0].id == named


@pytest.mark.parametrize("topic", ["SCLNT_HTTP421", UNTRUSTED_TOPIC])
def test_how_do_i_fix_it_in_a_transaction_stays_on_the_topic(bundled_kb: KnowledgeBase, topic: str) -> None:
    # Before: "how do I fix it in STRUST?" was a question about STRUST (no message, the
    # topic lost) and its next step was the ICM trace the first answer had already given.
    first, there, pse = answers_to(bundled_kb, topic, "how do I fix it in STRUST?", "which PSE?")
    assert there.routed.messages and there.routed.messages[0].id == "SCLNT_HTTP421"
    assert _next_step(there) != _next_step(first)
    assert _next_step(there).startswith("**Next step:** `STRUST`")
    assert pse.routed.messages[0].id == "SCLNT_HTTP421"


@pytest.mark.parametrize("turn", ["what do I need to do in STRUST?", "what do we have to do in STRUST?",
                                  "what needs to be done in STRUST?", "what has to be done in STRUST?",
                                  "what must be done in STRUST?", "what should I do in STRUST?"])
def test_what_to_do_in_a_place_is_the_topics_step_there(bundled_kb: KnowledgeBase, turn: str) -> None:
    # Before: "what do I need to do in STRUST?" read "what do" as a term's question and
    # answered with the STRUST glossary entry; "what must be done in STRUST?" said "Nothing
    # new to add". Any wording of "what is to be done" asks for the fix step in that place.
    first, there = answers_to(bundled_kb, "HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED", turn)
    assert there.routed.follow_up and there.routed.intent == "fix", there.routed.intent
    assert there.routed.messages and there.routed.messages[0].id == "SCLNT_HTTP421"
    assert _next_step(there) != _next_step(first)
    assert _next_step(there).startswith("**Next step:** `STRUST`")


@pytest.mark.parametrize("turn", ["where is that parameter?", "und wo setze ich den Parameter?",
                                  "which profile parameter?"])
def test_a_parameter_asked_by_the_word_gets_the_step_that_sets_one(bundled_kb: KnowledgeBase, turn: str) -> None:
    first, asked = answers_to(bundled_kb, CIPHER_TOPIC, turn)
    assert asked.routed.places == ("parameter",)
    step = _next_step(asked)
    assert step != _next_step(first) and "RZ10" in step


@pytest.mark.parametrize("topic", ["SCLNT_HTTP418", "SCLNT_HTTP411"])
def test_a_place_the_fix_does_not_use_is_said_plainly(bundled_kb: KnowledgeBase, topic: str) -> None:
    # An expired certificate or a refused connection is fixed by no profile parameter: the
    # answer says so instead of repeating itself as if the question were not heard.
    _, asked = answers_to(bundled_kb, topic, "where is that parameter?")
    assert "sets no profile parameter" in asked.doc.verdict


def test_a_report_naming_a_transaction_asks_for_no_place(bundled_kb: KnowledgeBase) -> None:
    (first,) = talk(bundled_kb, "SM59 connection test fails with SSSLERR_PEER_CERT_UNTRUSTED, STRUST is filled")
    assert first.places == ()


@pytest.mark.parametrize(
    ("reply", "code", "message"),
    [
        ("the error text is: SSL handshake with api.partner.de:443 failed: SSSLERR_SERVER_CERT_MISMATCH",
         "SSSLERR_SERVER_CERT_MISMATCH", "SCLNT_HTTP415"),
        ("get_last_error says: Direct connect to api.partner.de:443 failed: NIECONN_REFUSED(-10)",
         "NIECONN_REFUSED", "SCLNT_HTTP411"),
    ],
)
def test_the_exact_text_outranks_the_wrapping_exception(bundled_kb: KnowledgeBase, reply: str, code: str,
                                                        message: str) -> None:
    # The reply to "what is the exact error text?" is read with the text it answers, which
    # names http_communication_failure: before, that wrapping code headed the answer and
    # named another message ("http_communication_failure → SCLNT_HTTP407") than messages[0].
    dump = "Runtime Errors UNCAUGHT_EXCEPTION. Short Text: HTTP communication failure, http_communication_failure"
    _, answered = answers_to(bundled_kb, dump, reply)
    assert answered.doc.headline.startswith(code)
    assert answered.routed.messages[0].id == message
    assert message in answered.doc.headline


@pytest.mark.parametrize("status", ["SM59 test of destination Z_PARTNER: HTTP/1.1 403 Forbidden",
                                    "our report gets HTTP 500 Internal Server Error from the partner"])
def test_bare_numbers_after_a_far_servers_status_are_statuses(bundled_kb: KnowledgeBase, status: str) -> None:
    # Before: "what about 401?" asked where the number came from, and "and 502?" was answered
    # with the status of the turn before ("HTTP 401 is the far server's own answer").
    _, other, third = answers_to(bundled_kb, status, "what about 401?", "and 502?")
    assert other.routed.question is None and other.routed.scope.kind == "http_status_from_server"
    assert "HTTP 401" in other.doc.verdict
    assert "HTTP 502" in third.doc.verdict and "HTTP 401" not in third.doc.verdict


@pytest.mark.parametrize("vague", ["SSL error when calling API", "certificate error when we call the partner's REST service"])
@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        ("Java", "other_client"),
        ("another client: our Java middleware", "other_client"),
        ("node", "other_client"),
        ("from BTP", "other_client"),
        ("the SAP system", "sap_http_client"),
        ("SM59", "sap_http_client"),
    ],
)
def test_the_reply_to_who_makes_the_call_is_read_as_the_choice_it_names(
    bundled_kb: KnowledgeBase, vague: str, reply: str, kind: str
) -> None:
    # Before: "another client: our Java middleware" was answered as SCLNT_HTTP407 with STRUST
    # steps, and "the SAP system" or "Java" left the kind unknown — the question was ignored.
    first, answered = talk(bundled_kb, vague, reply)
    assert first.state.pending == "client"
    assert answered.scope.kind == kind
    assert answered.another_client is (kind == "other_client")


def test_a_reply_naming_both_sides_is_read_as_written(bundled_kb: KnowledgeBase) -> None:
    from assistant.intent.dialogue import caller_chosen

    assert caller_chosen("our Java app calls the SAP system") is None  # no choice: read as written
    assert caller_chosen("no idea") is None


@pytest.mark.parametrize("topic", ["SCLNT_HTTP421", CIPHER_TOPIC])
@pytest.mark.parametrize("limit", ["ich habe keine Berechtigung für SMICM", "I have no SMICM authorization",
                                   "I have SMICM access"])
def test_a_stated_limit_asks_for_no_place(bundled_kb: KnowledgeBase, topic: str, limit: str) -> None:
    # Before: "ich habe keine Berechtigung für SMICM" was read as "where is the fix in SMICM?"
    # and got "The fix of … has no step in `SMICM`" — false, the cause's first step is there.
    # What the admin can or cannot use is said of them, not asked of the fix.
    _, said = answers_to(bundled_kb, topic, limit)
    assert said.routed.places == ()
    assert "has no step in" not in said.doc.verdict
