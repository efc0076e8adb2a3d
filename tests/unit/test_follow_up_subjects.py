"""Follow-ups that name a subject within the topic ("what about TLS 1.3?", "and SNI?", "does
it matter which PSE?", "and through a proxy?", "what if the certificate is self-signed?"):
the topic's message stays, the topic's cause on that subject leads, and an answer says what
the base has on it — or plainly that the topic's message lists nothing on it, and where the
base has it. Each test is a class of turn over several topics, not one sentence."""

from __future__ import annotations

import pytest

from assistant.intent import DialogueState
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.services.answering import answer_question
from tests.support.dialogues import talk


def _verdict(kb: KnowledgeBase, *turns: str) -> tuple[str, tuple[str, ...]]:
    state = DialogueState()
    for text in turns:
        answered = answer_question(text, kb, state, for_chat=True)
        state = answered.routed.state
    return answered.doc.verdict, answered.doc.keys


@pytest.mark.parametrize(
    ("topic", "turn", "causes"),
    [
        ("SCLNT_HTTP407", "what about TLS 1.3?", {"tls_version_or_cipher_mismatch"}),
        ("SCLNT_HTTP407", "and SNI?", {"sni_not_sent"}),
        ("SCLNT_HTTP407", "and through a proxy?", {"tls_interception"}),
        ("SCLNT_HTTP421", "and through a proxy?", {"tls_interception"}),
        ("SCLNT_HTTP402", "and through a proxy?", {"proxy_required"}),
        ("SCLNT_HTTP407", "does it matter which PSE?", {"server_cert_untrusted", "wrong_client_pse_selected"}),
        ("SCLNT_HTTP421", "does it matter which PSE?", {"server_cert_untrusted", "wrong_client_pse_selected"}),
        ("SCLNT_HTTP421", "what about the intermediate certificate?", {"intermediate_missing"}),
        ("SCLNT_HTTP421", "what if the certificate is self-signed?", {"server_cert_self_signed"}),
    ],
)
def test_the_topics_cause_on_the_subject_leads_and_the_topic_stays(
    bundled_kb: KnowledgeBase, topic: str, turn: str, causes: set[str]
) -> None:
    # Before: the proxy turn led with a cause 407/421 do not list (proxy_required, or the
    # saphttp cause met by a word), the PSE turn with TLS inspection or the crypto library.
    _, asked = talk(bundled_kb, topic, turn)
    assert asked.follow_up and not asked.new_topic
    assert asked.messages[0].id == topic
    assert asked.subject is not None and asked.subject.causes[0] in causes
    assert asked.causes[0].id in causes
    assert asked.causes[0].id in bundled_kb.messages[topic].causes


@pytest.mark.parametrize(
    ("topic", "turn", "elsewhere"),
    [
        ("SCLNT_HTTP421", "and SNI?", "sni_not_sent"),
        ("SCLNT_HTTP402", "what about TLS 1.3?", "tls_version_or_cipher_mismatch"),
        ("SCLNT_HTTP402", "does it matter which PSE?", "client_pse_missing"),
        ("SCLNT_HTTP407", "what if the certificate is self-signed?", "server_cert_self_signed"),
    ],
)
def test_a_subject_the_topic_does_not_list_keeps_the_topic_and_says_so(
    bundled_kb: KnowledgeBase, topic: str, turn: str, elsewhere: str
) -> None:
    # Before: "what if the certificate is self-signed?" after 407 was a new topic (421, "not
    # sure yet"), and nothing said that 402/421 list nothing on SNI, TLS 1.3 or the PSE.
    _, asked = talk(bundled_kb, topic, turn)
    assert asked.follow_up and asked.messages[0].id == topic
    assert asked.subject is not None and not asked.subject.causes
    assert asked.subject.elsewhere[0] == elsewhere
    verdict, _ = _verdict(bundled_kb, topic, turn)
    assert f"{topic} lists no cause on" in verdict
    reported = [m.id for m in bundled_kb.messages.values() if elsewhere in m.causes]
    assert reported[0] in verdict  # where the base has it
    # … and that entry is not called the topic's most likely cause afterwards
    assert f"**Most likely cause:** {bundled_kb.causes[elsewhere].title}" not in verdict


def test_a_named_term_brings_its_entry_and_the_parameters_of_the_cause(bundled_kb: KnowledgeBase) -> None:
    verdict, keys = _verdict(bundled_kb, "SCLNT_HTTP407", "what about TLS 1.3?")
    first = verdict.split("\n\n")[1]  # under "(about the current topic)"
    assert "TLS 1.3" in first and "within SCLNT_HTTP407" in first
    assert "No common TLS version or cipher suite" in first
    assert "`ssl/client_ciphersuites`" in first and "client_sni_enabled" not in first
    assert "glossary:TLS13_ABAP" in keys
    verdict, keys = _verdict(bundled_kb, "SCLNT_HTTP407", "and SNI?")
    assert "`icm/HTTPS/client_sni_enabled`" in verdict.split("\n\n")[1]
    assert "glossary:SNI" in keys


@pytest.mark.parametrize("turn", ["how do I fix it?", "why?", "thanks"])
def test_a_follow_up_that_names_no_subject_has_none(bundled_kb: KnowledgeBase, turn: str) -> None:
    _, asked = talk(bundled_kb, "SCLNT_HTTP407", turn)
    assert asked.subject is None
    verdict, _ = _verdict(bundled_kb, "SCLNT_HTTP407", turn)
    assert "lists no cause on" not in verdict and "within SCLNT_HTTP407" not in verdict


@pytest.mark.parametrize("turn", ["and if SAP calls it?", "what if our SAP system makes the call?",
                                  "and when the SAP system is the caller?"])
def test_sap_named_as_the_caller_after_another_clients_error_makes_it_the_sap_clients(
    bundled_kb: KnowledgeBase, turn: str
) -> None:
    # Before: "SAP" alone named no caller (the vocabulary needs a class, a report, SM59), so
    # the answer stayed curl's with no SCLNT_HTTP message.
    first, asked = talk(bundled_kb, "curl: (60) SSL certificate problem: unable to get local issuer certificate", turn)
    assert first.another_client and first.scope.kind == "other_client"
    assert asked.scope.kind == "sap_http_client" and not asked.another_client
    assert asked.messages[0].id == "SCLNT_HTTP421"
    assert asked.causes[0].id == "server_cert_untrusted"


def test_sap_named_in_a_new_report_is_not_a_correction(bundled_kb: KnowledgeBase) -> None:
    # A failure of its own after another client's error stays a new problem.
    _, asked = talk(bundled_kb, "curl: (60) SSL certificate problem: unable to get local issuer certificate",
                     "when SAP calls the partner we get SCLNT_HTTP402 timeout")
    assert asked.messages[0].id == "SCLNT_HTTP402"


@pytest.mark.parametrize(("turn", "words", "found"), [("what about HTTP/2?", "HTTP/2", True),
                                                     ("and what about IPv6?", "IPv6", False)])
def test_a_technical_name_the_base_has_no_term_for_is_answered_plainly(
    bundled_kb: KnowledgeBase, turn: str, words: str, found: bool
) -> None:
    # Before: the topic's verdict again, with nothing on what was asked.
    _, asked = talk(bundled_kb, "SCLNT_HTTP415", turn)
    assert asked.messages[0].id == "SCLNT_HTTP415"
    assert asked.subject is not None and asked.subject.words == words
    verdict, _ = _verdict(bundled_kb, "SCLNT_HTTP415", turn)
    if found:  # a cause of the base mentions it, though 415 does not list it
        assert f"SCLNT_HTTP415 lists no cause on `{words}`" in verdict
        assert asked.subject.elsewhere
    else:
        assert f"The knowledge base has nothing on `{words}`" in verdict
        assert not asked.subject.elsewhere and not asked.subject.causes


@pytest.mark.parametrize("turn", ["what about the fix?", "what about it?", "and how about the causes?"])
def test_what_about_a_word_of_the_conversation_names_no_subject(bundled_kb: KnowledgeBase, turn: str) -> None:
    _, asked = talk(bundled_kb, "SCLNT_HTTP415", turn)
    assert asked.subject is None or not asked.subject.words


def _next_step_source(kb: KnowledgeBase, cause: str, verdict: str) -> int:
    """Which of the cause's fix steps the verdict's "Next step" line is (its index)."""
    line = next(x for x in verdict.split("\n\n") if x.startswith("**Next step:** "))
    shown = " ".join(line.removeprefix("**Next step:** ").removesuffix(" …").split())
    starts = [i for i, step in enumerate(kb.causes[cause].fix) if " ".join(step.split()).startswith(shown)]
    assert starts, line
    return starts[0]


@pytest.mark.parametrize(
    ("topic", "turn", "cause", "named"),
    [
        ("SCLNT_HTTP407", "what about TLS 1.3?", "tls_version_or_cipher_mismatch", ("TLS 1.3", "ssl/client_ciphersuites")),
        ("SCLNT_HTTP407", "and TLS 1.3?", "tls_version_or_cipher_mismatch", ("TLS 1.3", "ssl/client_ciphersuites")),
        ("SCLNT_HTTP407", "what about ssl/client_ciphersuites?", "tls_version_or_cipher_mismatch",
         ("ssl/client_ciphersuites",)),
        ("SCLNT_HTTP421", "does it matter which PSE?", "server_cert_untrusted", ("PSE",)),
    ],
)
def test_the_next_step_is_the_lead_causes_step_on_the_subject(
    bundled_kb: KnowledgeBase, topic: str, turn: str, cause: str, named: tuple[str, ...]
) -> None:
    # Before: "what about TLS 1.3?" got "Next step: Check the crypto library" — the cause's
    # first step, the same as without a subject — while the line above named the parameters.
    _, asked = talk(bundled_kb, topic, turn)
    assert asked.causes[0].id == cause
    verdict, _ = _verdict(bundled_kb, topic, turn)
    index = _next_step_source(bundled_kb, cause, verdict)
    assert index > 0, "the first step names nothing of the subject: another step is on it"
    assert any(n in bundled_kb.causes[cause].fix[index] for n in named)
    assert not any(n in step for step in bundled_kb.causes[cause].fix[:index] for n in named)


@pytest.mark.parametrize(
    ("topic", "turn", "cause"),
    [
        ("SCLNT_HTTP407", "how do I fix it?", "server_cert_untrusted"),  # no subject
        ("SCLNT_HTTP407", "and through a proxy?", "tls_interception"),  # a proxy is no term: the cause is titled by it
        ("SCLNT_HTTP407", "and SNI?", "sni_not_sent"),  # the first step is on it already
    ],
)
def test_without_a_step_on_the_subject_the_next_step_is_the_first(
    bundled_kb: KnowledgeBase, topic: str, turn: str, cause: str
) -> None:
    verdict, _ = _verdict(bundled_kb, topic, turn)
    assert _next_step_source(bundled_kb, cause, verdict) == 0


@pytest.mark.parametrize(
    ("opening", "turn", "message", "cause"),
    [
        ("where do I set the proxy for HTTP calls?", "and what if the proxy needs a user?",
         "SCLNT_HTTP416", "proxy_auth_failed"),
    ],
)
def test_a_follow_up_that_moves_the_message_leads_with_a_cause_that_message_lists(
    bundled_kb: KnowledgeBase, opening: str, turn: str, message: str, cause: str
) -> None:
    """The topic's lead cause (a proxy not configured) is no cause of the message the
    follow-up moved to (416, logon at the proxy): the answer pairs 416 with its own cause."""
    routed = talk(bundled_kb, opening, turn)[-1]
    assert routed.messages[0].id == message
    assert routed.causes[0].id == cause
    assert cause in bundled_kb.messages[message].causes


@pytest.mark.parametrize(
    ("opening", "turn", "message", "cause"),
    [
        ("SM59 test gives ICM_HTTP_CONNECTION_FAILED to https://edi.partner.example:8443",
         "and now it says 407 proxy authentication required", "SCLNT_HTTP416", "proxy_auth_failed"),
        ("our HTTP call to the partner fails, we have a proxy proxy.corp.example:3128",
         "now we get HTTP/1.1 407 Proxy Authentication Required", "SCLNT_HTTP416", "proxy_auth_failed"),
    ],
)
def test_a_status_that_sap_reports_as_its_own_message_is_the_new_error(
    bundled_kb: KnowledgeBase, opening: str, turn: str, message: str, cause: str
) -> None:
    """"And now it says 407 Proxy Authentication Required" is the next error of the same
    call, as an id would be: its own message and cause lead, and the answer does not read
    "proxy" as a subject of the old topic (it had said "A proxy, within SCLNT_HTTP400"
    and "ask the network team for the proxy host" to someone whose proxy wants a logon)."""
    routed = talk(bundled_kb, opening, turn)[-1]
    assert routed.messages[0].id == message
    assert routed.causes[0].id == cause
    verdict, _ = _verdict(bundled_kb, opening, turn)
    assert "within SCLNT_HTTP400" not in verdict
