"""Turns of a conversation as admins have them, on the bundled base: what a turn after the
first one means (a follow-up, a new problem, a thanks, who made the call) and which
message it names. Each test is a class of turn, not one sentence: the parametrized texts
are several ways of saying the same thing."""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.dialogues import talk

EXPIRED_DE = "SM59 Verbindungstest schlägt fehl: Zertifikat abgelaufen"


@pytest.mark.parametrize("text", ["danke", "Vielen Dank!", "danke schön, das hat geholfen", "merci"])
def test_thanks_in_german_and_the_romance_languages_is_thanks(bundled_kb: KnowledgeBase, text: str) -> None:
    # Greetings were read in German ("hallo", "moin"), thanks were not: the answer repeated the topic.
    last = talk(bundled_kb, EXPIRED_DE, text)[-1]
    assert last.intent == "thanks"


@pytest.mark.parametrize(
    ("text", "intent"),
    [("wie behebe ich das?", "fix"), ("wie kann ich das lösen?", "fix"), ("warum?", "causes"), ("wieso?", "causes")],
)
def test_a_german_follow_up_question_asks_what_it_says(bundled_kb: KnowledgeBase, text: str, intent: str) -> None:
    last = talk(bundled_kb, EXPIRED_DE, text)[-1]
    assert last.follow_up and last.intent == intent
    assert last.messages[0].id == "SCLNT_HTTP418"


@pytest.mark.parametrize("unknown", ["SCLNT_HTTP419?", "what is SCLNT_HTTP499"])
def test_a_bare_number_after_an_unknown_sclnt_id_is_that_class_s_message(bundled_kb: KnowledgeBase, unknown: str) -> None:
    # The conversation is about SCLNT_HTTP messages even though the first id has no entry:
    # "what about 421?" is SCLNT_HTTP421, not a number of unknown origin to ask about.
    first, second = talk(bundled_kb, unknown, "what about 421?")
    assert first.unknown_ids and not first.messages
    assert second.messages[0].id == "SCLNT_HTTP421"
    assert second.scope.kind == "sap_http_client" and second.question is None


@pytest.mark.parametrize("tool_turn", ["why does it work in Postman?", "but it works fine with curl", "in the browser it works"])
def test_a_tool_said_to_work_does_not_make_the_failing_call_another_clients(
    bundled_kb: KnowledgeBase, tool_turn: str
) -> None:
    # SM59 fails, the admin's own tool works: the call that fails is still the ABAP system's,
    # and its fix (STRUST) must not be dropped as "another client's".
    routed = talk(bundled_kb, "Postman works, but SM59 says ICM_HTTP_SSL_PEER_CERT_UNTRUSTED", tool_turn,
                   "how do I fix it?")
    assert all(not r.another_client for r in routed)
    assert routed[-1].messages[0].id == "SCLNT_HTTP421"


@pytest.mark.parametrize(
    "first",
    [
        "javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath."
        "SunCertPathBuilderException: unable to find valid certification path to requested target",
        "curl: (60) SSL certificate problem: unable to get local issuer certificate",
    ],
)
def test_a_corrected_caller_gets_the_message_sap_reports_for_the_cause(bundled_kb: KnowledgeBase, first: str) -> None:
    # An untrusted chain is SCLNT_HTTP421 for the SAP client; the catch-all SSL error 407
    # lists every handshake failure and must not win on the pull of the carried-over causes.
    _, corrected = talk(bundled_kb, first, "no, it is our ABAP report that calls it")
    assert corrected.scope.kind == "sap_http_client" and not corrected.another_client
    assert corrected.causes[0].id == "server_cert_untrusted"
    assert corrected.messages[0].id == "SCLNT_HTTP421"


@pytest.mark.parametrize(
    "text",
    ["another thing: the job fails with timeout", "a different problem: the job fails with a timeout error",
     "noch etwas: der Job bricht mit Zeitüberschreitung ab"],
)
def test_a_turn_that_says_it_is_another_problem_is_a_new_topic(bundled_kb: KnowledgeBase, text: str) -> None:
    _, _, new = talk(bundled_kb, "SCLNT_HTTP415 when calling partner.example.invalid", "how do I fix it?", text)
    assert new.new_topic and not new.follow_up
    assert new.messages[0].id == "SCLNT_HTTP402"
    assert new.state.messages[0] == "SCLNT_HTTP402"


CALL_415 = "SCLNT_HTTP415 when calling https://partner.example.invalid:8443/api/v1"


@pytest.mark.parametrize(
    "text",
    ["another thing: the job fails with timeout", "noch etwas: der Job bricht mit Zeitüberschreitung ab",
     "another thing: SCLNT_HTTP402 in the job",
     "a different problem: our nightly background job ZSYNC calls the logistics partner every hour and since "
     "Monday it runs into a timeout after sixty seconds"],
)
def test_another_problem_forgets_the_earlier_endpoint(bundled_kb: KnowledgeBase, text: str) -> None:
    # The old host stayed the check target: "check it" then checked the 415 topic's partner
    # for a job that calls something else.
    _, _, new, check = talk(bundled_kb, CALL_415, "how do I fix it?", text, "check it")
    assert not new.follow_up and new.state.messages != ("SCLNT_HTTP415",)
    assert (new.state.host, new.state.url, new.state.port) == (None, None, None)
    assert new.check_target is None
    assert check.intent == "check" and check.check_target is None  # "which server should I check?"


@pytest.mark.parametrize("text", ["the certificate expired yesterday", "das Zertifikat ist abgelaufen", "their certificate is no longer valid"])
def test_a_new_failure_of_the_same_call_keeps_its_endpoint(bundled_kb: KnowledgeBase, text: str) -> None:
    _, _, new = talk(bundled_kb, CALL_415, "how do I fix it?", text)
    assert new.state.messages[0] == "SCLNT_HTTP418"
    assert new.state.host == "partner.example.invalid" and new.state.port == 8443
    assert new.check_target == "https://partner.example.invalid:8443/api/v1"


@pytest.mark.parametrize(
    "text",
    ["it only happens in the background job", "only on one application server", "the error only comes in batch jobs",
     "es passiert nur im Hintergrundjob"],
)
def test_a_turn_that_narrows_where_it_fails_is_the_same_call(bundled_kb: KnowledgeBase, text: str) -> None:
    # Not "a new problem?": the reported message stays, the narrowing ranks its causes.
    _, narrowed, fix = talk(bundled_kb, "SCLNT_HTTP407", text, "how do I fix it?")
    assert narrowed.follow_up and not narrowed.new_topic and narrowed.question is None
    assert narrowed.messages[0].id == "SCLNT_HTTP407" and fix.messages[0].id == "SCLNT_HTTP407"
    assert narrowed.causes[0].id == "one_app_server_differs"


@pytest.mark.parametrize(
    "text",
    ["Java app: PKIX path building failed", "curl error: SSL certificate problem, PSE not found"],
)
def test_another_kinds_topic_holds_only_the_causes_its_answer_lists(bundled_kb: KnowledgeBase, text: str) -> None:
    # The topic kept every ranked cause, also those the answer leaves out because only words
    # the text shares with their explanation met them: the topic bar then named a cause the
    # answer never mentioned, and "how do I fix it?" could bring it back.
    # One place decides (layercauses.listed_causes): the topic is what the answer lists of the
    # first five — for the curl text none (its PSE cause lives in the SAP system: not curl's).
    from dataclasses import replace

    from assistant.answers.scoped import causes_that_fit

    routed = talk(bundled_kb, text)[-1]
    assert routed.scope.kind == "other_client"
    assert any(c.keyword_only for c in routed.causes)  # there is something to leave out
    listed = [c.id for c in causes_that_fit(replace(routed, causes=routed.causes[:5]), bundled_kb)]
    assert list(routed.state.causes) == listed


def test_the_sap_clients_topic_keeps_every_ranked_cause(bundled_kb: KnowledgeBase) -> None:
    routed = talk(bundled_kb, "SM59 test: SSL handshake failed, SSSLERR_PEER_CERT_UNTRUSTED")[-1]
    assert routed.scope.kind == "sap_http_client"
    assert routed.state.causes == tuple(c.id for c in routed.causes[:5])


@pytest.mark.parametrize("turn", ["is it the proxy?", "could it be the firewall?", "is the proxy the problem?",
                                  "could this be caused by TLS inspection?", "liegt es am Proxy?",
                                  "ist es die Firewall?"])
def test_a_question_whether_it_is_a_cause_asks_and_reports_nothing(turn: str) -> None:
    from assistant.intent.dialogue import asks_whether_it_is

    assert asks_whether_it_is(turn)


@pytest.mark.parametrize("turn", ["how do I fix it?", "which PSE?", "does it matter which PSE?",
                                  "is it fixed by a restart? SM59 still fails through proxy.corp:8080 with 416"])
def test_other_turns_are_not_a_question_whether_it_is_a_cause(turn: str) -> None:
    from assistant.intent.dialogue import asks_whether_it_is

    assert not asks_whether_it_is(turn)


def test_another_problem_that_is_no_follow_up_forgets_the_old_topics_codes(bundled_kb: KnowledgeBase) -> None:
    # The topic bar showed "SAP system as server: SSSLERR_PEER_CERT_UNTRUSTED" for a 403 from
    # Postman that followed a 421 report: the new topic kept the old one's low-level code.
    first, second = talk(bundled_kb, "SM59 connection test to https://api.partner.com/v1 fails: "
                         "SSSLERR_PEER_CERT_UNTRUSTED (-102)",
                         "We call our S/4HANA OData service from Postman and get 403 Forbidden.")
    assert first.state.codes and not second.follow_up
    assert second.state.codes == ()
    follow = talk(bundled_kb, "SSL handshake failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)", "how do I fix it?")[-1]
    assert follow.state.codes  # a follow-up keeps them
