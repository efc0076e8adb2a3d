"""A thing the text states to be fine — correct, valid, working, OK, present, or a failure
word negated ("not expired") — is no evidence of its own failure: its words count for no
cause. The texts are written for the class: several phrasings per kind of statement, in
English and German, beside phrasings that state no such fact (a question, a plan, the past,
a negation, an instruction, a status line) and a thing also said to fail elsewhere."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.finestates import fine_stems
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        # said to be correct / valid / fine / OK / present
        ("my password is correct", "password"),
        ("My password is 99% correct because I use a password manager, so what is wrong?", "password"),
        ("I see that the CSRF token i going correctly.", "csrf"),
        ("I entered the correct password", "password"),
        ("the server certificate is valid until 2027", "certificat"),
        ("The root CA is present in the SSL client PSE", "root"),
        ("the destination is OK", "destin"),
        ("user and password are fine", "password"),
        # said to work
        ("the proxy works for other calls", "proxy"),
        ("DNS resolves fine", "dns"),
        ("name resolution is working properly", "resolution"),
        # German
        ("das Passwort ist korrekt", "password"),
        ("Das Zertifikat ist gültig.", "certificat"),
        ("der Proxy funktioniert", "proxy"),
        ("der CSRF-Token passt", "csrf"),
        # a failure word negated
        ("the certificate has not expired", "certificat"),
        ("the server certificate isn't revoked", "revok"),
        ("There is no timeout.", "timeout"),
        ("the firewall is not blocking port 443", "firewall"),
        ("das Zertifikat ist nicht abgelaufen", "certificat"),
        ("the connection (network) is not blocked", "connection"),
    ],
)
def test_a_thing_stated_fine_is_read(text: str, thing: str) -> None:
    assert thing in fine_stems(text)


@pytest.mark.parametrize(
    "text",
    [
        # negated: a failure, not a fine thing
        "the password is not correct",
        "the certificate is no longer valid",
        "DNS does not work properly",
        "the proxy stopped working",
        # a question, a condition, a plan, an instruction
        "is the certificate valid?",
        "Is the password correct, or is it the proxy",
        "if the certificate is valid, why does it fail",
        "make sure your proxy and network settings are correct",
        "Check that the database is online and the password of user SYSTEM is correct.",
        "What can I do?Select a valid URL.",
        # the past: it worked then, not now
        "the proxy was working yesterday",
        "it worked fine before the upgrade",
        # a failure in the same clause, or the thing said to fail after all
        "unable to find valid certification path to requested target",
        "the proxy works for GET but not for PUT",
        "partner not reached, timeout after 60 seconds",
        # a status line's reason phrase
        "HTTP/1.1 200 OK",
    ],
)
def test_no_fine_thing_where_the_text_states_none(text: str) -> None:
    assert fine_stems(text) <= {"fine", "ok"}, fine_stems(text)


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("DNS resolves fine but the DNS lookup of the proxy fails", "dns"),
        ("The certificate is valid. SSL handshake failed: certificate unknown", "certificat"),
        ("the proxy works for other calls; for this one the proxy returns 502", "proxy"),
    ],
)
def test_a_thing_also_said_to_fail_stays_evidence(text: str, thing: str) -> None:
    assert thing not in fine_stems(text)


def evidence(text: str, cause: str, kb: KnowledgeBase) -> tuple[float, str] | None:
    """The cause's score and kind of evidence for `text`, None when it is not ranked."""
    found = next((c for c in route(text, kb).causes if c.id == cause), None)
    return None if found is None else (found.score, found.evidence)


# "stated": a statement that names the cause ("the firewall blocks port 443"; intent.statedcauses).
TEXT_EVIDENCE = ("sign", "stated", "loose_sign", "title")


@pytest.mark.parametrize(
    ("fine", "failing", "cause"),
    [
        ("PUT to the OData service returns 403 Forbidden, the CSRF token is correct",
         "PUT to the OData service returns 403 Forbidden, the CSRF token was rejected", "csrf_token_rejected"),
        ("PUT to the OData service returns 403 Forbidden and I see that the CSRF token is going correctly",
         "PUT to the OData service returns 403 Forbidden and I see that the CSRF token is missing", "csrf_token_rejected"),
        ("PUT to the OData service returns 403 Forbidden, X-CSRF-Token passt",
         "PUT to the OData service returns 403 Forbidden, X-CSRF-Token fehlt", "csrf_token_rejected"),
        ("SM59 connection test ends with SSL handshake failed, the server certificate isn't expired",
         "SM59 connection test ends with SSL handshake failed, the server certificate is expired", "server_cert_expired"),
        ("SM59 HTTP call ends in partner not reached, DNS resolves fine",
         "SM59 HTTP call ends in partner not reached, DNS lookup failed", "dns_failure"),
        ("SM59 HTTP call ends in partner not reached, DNS ist korrekt",
         "SM59 HTTP call ends in partner not reached, DNS-Fehler", "dns_failure"),
        ("SM59 HTTP call ends with SSL handshake failed, the firewall is not blocking port 443",
         "SM59 HTTP call ends with SSL handshake failed, the firewall blocks port 443", "firewall_blocking"),
    ],
)
def test_a_cause_is_not_met_by_a_thing_stated_fine(fine: str, failing: str, cause: str, kb: KnowledgeBase) -> None:
    said_failing = evidence(failing, cause, kb)
    assert said_failing is not None and said_failing[1] in TEXT_EVIDENCE, "the words do name the cause"
    said_fine = evidence(fine, cause, kb)
    assert said_fine is None or (said_fine[1] not in TEXT_EVIDENCE and said_fine[0] < said_failing[0]), said_fine


@pytest.mark.parametrize(
    "text",
    [
        "abapGit pull fails with SSL error; my user and password are correct",
        "abapGit pull fails with SSL error. The password is fine",
        "abapGit pull bricht ab mit SSL error. Das Passwort ist korrekt",
    ],
)
def test_a_password_said_right_names_no_logon_failure(text: str, kb: KnowledgeBase) -> None:
    routed = route(text, kb)
    assert "logon_failed" not in [c.id for c in routed.causes[:3]]
    assert "SCLNT_HTTP410" not in [m.id for m in routed.messages[:3]]


def test_a_report_that_says_its_password_is_right_does_not_lead_with_the_logon(kb: KnowledgeBase) -> None:
    text = ("abapGit asks me for username/password and then says: Communication error: SSL-Client (Anonym). "
            "My password is correct because I use a password manager.")
    routed = route(text, kb)
    assert routed.causes and routed.causes[0].id != "logon_failed"
    assert routed.messages and routed.messages[0].id != "SCLNT_HTTP410"


@pytest.mark.parametrize(
    "text",
    [
        "SM59 test fails with SSL handshake failed, there is no timeout",
        "SM59 test fails with SSL handshake failed. The call runs without any timeout.",
        "SM59-Test bricht ab mit SSL handshake failed, kein Timeout",
    ],
)
def test_a_timeout_said_not_to_happen_names_no_timeout_message(text: str, kb: KnowledgeBase) -> None:
    routed = route(text, kb)
    timeouts = {"SCLNT_HTTP402"}
    assert routed.messages and routed.messages[0].id not in timeouts
    assert routed.causes and routed.causes[0].id not in ("server_timeout", "connect_timeout")
