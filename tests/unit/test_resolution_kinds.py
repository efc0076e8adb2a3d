"""What a report says of its own outcome is read by its structure: a change the user made,
followed by the call said to work ("I added it and it worked", "nach dem Import hat es
funktioniert", "jetzt geht es"), is a fix that worked — solved; "I found out that X" ("habe
herausgefunden, dass …") is a finding: it names a cause, not a fix that was seen to work; and a
question after either says the problem is still open. Around each boundary: a test that
worked (in Postman, in the browser) is a comparison, not a fix; a call that worked before is
the history of the failure, not its end. The sentences are invented for the class, in English
and German."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.intent.resolution import resolution_statements
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _read(text: str) -> list[tuple[str, bool]]:
    return [(s.names, s.solved) for s in resolution_statements(text)]


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("I maintained the proxy host in SM59 and it worked.", "maintained the proxy host"),
        ("We imported the intermediate certificate into ANONYM, and it works.", "imported the intermediate"),
        ("After I changed the host manually it worked.", "changed the host manually"),
        ("I restarted the ICM and now it is fine.", "restarted the ICM"),
        ("Ich habe das Zwischenzertifikat in STRUST importiert und es hat funktioniert.", "Zwischenzertifikat"),
        ("Wir haben den Proxy in SM59 eingetragen, jetzt geht es.", "Proxy in SM59 eingetragen"),
    ],
)
def test_a_change_followed_by_it_works_is_solved(text: str, holds: str) -> None:
    read = _read(text)
    assert read and read[-1][1] is True, read
    assert holds in read[-1][0], read


def test_a_change_said_with_a_pronoun_takes_what_the_sentence_before_names() -> None:
    text = ("I noticed that create_by_url takes the proxy host and port as optional parameters. "
            "I added them and it worked")
    read = _read(text)
    assert read and read[-1][1] is True
    assert "proxy host" in read[-1][0], read


@pytest.mark.parametrize(
    "text",
    [
        "I tried the same URL in Postman and it worked.",
        "I tested the endpoint in the browser and it works.",
        "It worked before the kernel upgrade.",
        "It worked until yesterday.",
        "Gestern hat es noch funktioniert.",
        "Vorher hat es funktioniert.",
        "Mit Postman geht es.",
    ],
)
def test_a_test_that_worked_or_a_call_that_worked_before_is_no_resolution(text: str) -> None:
    assert _read(text) == []


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("Debugging it, I found out that the credentials are encrypted before the proxy logon.", "credentials"),
        ("I figured out that the intermediate was missing in the PSE.", "intermediate was missing"),
        ("Ich habe herausgefunden, dass das Zwischenzertifikat in der PSE fehlt.", "Zwischenzertifikat"),
    ],
)
def test_found_out_that_is_a_finding_not_a_fix(text: str, holds: str) -> None:
    read = _read(text)
    assert read and holds in read[0][0], read
    assert read[0][1] is False


def test_a_finding_followed_by_a_fix_that_worked_is_solved() -> None:
    text = "I figured out that the root was missing in STRUST, so I imported it and the test works now."
    read = _read(text)
    assert read and read[-1][1] is True, read


@pytest.mark.parametrize(
    "text",
    [
        "I imported the root into ANONYM and it worked. But why does the second application server still fail?",
        "Solved by importing the root CA. Do I have to import the intermediate as well?",
        "Nach dem Import hat es funktioniert. Muss ich das auf jedem Server machen?",
    ],
)
def test_a_question_after_the_outcome_leaves_it_open(text: str) -> None:
    read = _read(text)
    assert read and not any(solved for _, solved in read), read


def test_a_question_before_the_outcome_does_not(kb: KnowledgeBase) -> None:
    text = "Can anyone help? Update: I imported the root into ANONYM and it worked."
    assert _read(text)[-1][1] is True


def test_a_finding_is_not_answered_as_solved(kb: KnowledgeBase) -> None:
    text = ("ZABAPGIT_TEST_SSL says: Proxy connection to https://github.com:443 via proxy.corp.example:8080 failed "
            "(proxy returned 407 authenticationrequired). Debugging it, I found out that the credentials are "
            "encrypted before authenticating on the proxy.")
    routed = route(text, kb)
    assert routed.resolution is not None and routed.resolution.solved is False
    doc = build_answer_doc(routed, kb)
    assert not doc.headline.startswith("Solved")
    assert "found" in doc.verdict.split("\n\n")[0].lower()


def test_a_change_that_worked_is_answered_as_solved(kb: KnowledgeBase) -> None:
    text = ("ZABAPGIT_TEST_SSL ends with HTTP communication failure. Our network has a proxy. I noticed that "
            "create_by_url takes the proxy host and port as optional parameters. I added them and it worked")
    doc = build_answer_doc(route(text, kb), kb)
    assert doc.headline.startswith("Solved")
    assert "proxy" in doc.verdict.split("\n\n")[0].lower()


def test_a_solved_answer_names_no_message_the_text_does_not_show(kb: KnowledgeBase) -> None:
    text = ("SM59 connection test of our type G destination to https://api.example.org failed. "
            "I imported the DigiCert root into the SSL client PSE ANONYM and it worked.")
    doc = build_answer_doc(route(text, kb), kb)
    assert doc.headline.startswith("Solved")
    assert "SCLNT_HTTP" not in doc.headline + doc.verdict


def test_a_solved_answer_names_the_message_the_text_shows(kb: KnowledgeBase) -> None:
    text = ("HTTP error 421 occured: SSL handshake with api.example.org:443 failed: SSSLERR_PEER_CERT_UNTRUSTED "
            "(-102). I imported the DigiCert root into the SSL client PSE ANONYM and it worked.")
    doc = build_answer_doc(route(text, kb), kb)
    assert doc.headline.startswith("Solved") and "SCLNT_HTTP421" in doc.headline
