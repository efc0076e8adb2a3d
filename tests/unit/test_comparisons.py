"""What works elsewhere is a comparison (intent.comparisons): "curl from the app server works"
proves name resolution, the TCP path and a TLS handshake on the SAP server's own path, so the
causes of those go last and SAP's own TLS client leads; "it works in the browser on my laptop"
proves the server is up and publicly trusted, from another path; "it works from our QA system"
points to this system's settings; "it worked until last week" to what changed. The answer says
each back after its lead. The sentences are invented for the class, in English and German."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.intent.comparisons import COMPARISONS
from assistant.intent.statedcauses import STATED_CAUSES
from assistant.intent.statedfacts import stated_facts
from assistant.intent.statedwords import SUBJECTS
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question, answer_to_json

CONN_CLOSED = "SM59 test fails: SSL handshake with api.vendor.com:443 failed: SSSLRC_CONN_CLOSED (-10)."


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(("text", "subject"), [
    ("curl from the app server works.", "http_probe"),
    ("Von der Kommandozeile mit curl funktioniert es.", "http_probe"),
    ("With openssl s_client on the application server, it connects.", "http_probe"),
    ("Telnet to port 443 works from the app server.", "tcp_probe"),
    ("niping to the host succeeds.", "tcp_probe"),
    ("It works fine in the browser from my laptop.", "browser"),
    ("Im Browser geht es.", "browser"),
    ("In Postman, the same request is working.", "http_probe_elsewhere"),
    ("Postman gets a 200.", "http_probe_elsewhere"),
    ("curl on the app server returns HTTP 200.", "http_probe"),
    ("curl from my laptop works.", "http_probe_elsewhere"),
    ("Telnet from my PC works.", "tcp_probe_elsewhere"),
    ("It works from our QA system.", "other_system"),
    ("Im Testsystem funktioniert es.", "other_system"),
    ("It worked until last week, now SM59 fails with 407.", "worked_before"),
    ("Das hat bis gestern funktioniert.", "worked_before"),
    ("It used to work.", "worked_before"),
])
def test_what_works_is_read_with_its_client_and_place(text: str, subject: str) -> None:
    facts = stated_facts(text)
    assert [(f.subject, f.affirmed) for f in facts] == [(subject, False)], facts


@pytest.mark.parametrize("text", [
    "It doesn't work in the browser either.",  # no difference stated
    "Does it work in Postman?",  # a question
    "Telnet from my laptop fails.",  # a failure elsewhere says nothing of the SAP server
    "Maybe it works from the QA system.",  # a guess
    "From my local browser (which I used successfully for days) I get the same 502 error.",  # fails there too
    "The other system fails too.",
    "A new browser tab opens showing the app.",  # a step, not a comparison
])
def test_no_comparison(text: str) -> None:
    assert stated_facts(text) == (), stated_facts(text)


def test_each_part_of_a_sentence_has_its_own_place() -> None:
    facts = stated_facts("Telnet to 443 works from the app server, but from my laptop it fails.")
    assert [f.subject for f in facts] == ["tcp_probe"]
    facts = stated_facts("Im Browser geht es, von der Kommandozeile mit curl funktioniert es auch.")
    assert [f.subject for f in facts] == ["browser", "http_probe"]


def test_every_comparison_is_a_subject_with_causes_of_the_base_and_reasons(kb: KnowledgeBase) -> None:
    denials = {(row.subject, row.causes) for row in STATED_CAUSES if not row.affirmed}
    for row in COMPARISONS:
        assert row.subject in SUBJECTS and row.shows and row.differs and row.why and row.proves, row
        assert set(row.rules_out) <= kb.causes.keys(), row
        assert not row.rules_out or (row.subject, row.rules_out) in denials, row


def _order(text: str, kb: KnowledgeBase) -> list[str]:
    return [c.id for c in route(text, kb).causes]


def test_curl_on_the_sap_server_puts_the_path_last_and_sap_tls_first(kb: KnowledgeBase) -> None:
    plain = _order(CONN_CLOSED, kb)
    assert plain.index("firewall_blocking") < plain.index("sni_not_sent")  # the firewall ranks high alone
    said = _order(CONN_CLOSED + " curl from the app server works and telnet to 443 works too.", kb)
    assert said[-1] == "firewall_blocking"
    assert said[:2] == ["tls_version_or_cipher_mismatch", "sni_not_sent"]


@pytest.mark.parametrize("elsewhere", [
    "curl from my laptop works.", "It works in the browser.", "It works from our QA system.",
    "Telnet to 443 works from the app server.",  # TCP only: a firewall that cuts TLS later stays
])
def test_what_proves_nothing_of_the_tls_path_keeps_the_firewall(elsewhere: str, kb: KnowledgeBase) -> None:
    assert _order(f"{CONN_CLOSED} {elsewhere}", kb).index("firewall_blocking") < len(_order(CONN_CLOSED, kb)) - 1


def _verdict(text: str, kb: KnowledgeBase) -> list[str]:
    answer = build_answer(route(text, kb), kb)
    return answer.split("\n### ", 1)[0].split("\n\n")


def test_the_answer_says_the_comparison_back_after_its_lead(kb: KnowledgeBase) -> None:
    verdict = _verdict(CONN_CLOSED + " curl from the app server works and telnet to 443 works too.", kb)
    said = next(i for i, p in enumerate(verdict) if p.startswith("**You said**"))
    assert verdict[said].startswith("**You said** “curl from the app server works” (and “telnet to 443 works too”): "
                                    "the path and the server's TLS are fine from there, so what differs is SAP's own "
                                    "TLS client")
    assert said == 1 and verdict[2].startswith("**Most likely cause:** No common TLS version")
    assert sum(p.startswith("**You said**") for p in verdict) == 1  # telnet's line would say less than curl's


@pytest.mark.parametrize(("said", "shown"), [
    ("It works fine in the browser from my laptop.", "SAP's trust list"),
    ("Im Browser geht es.", "SAP's trust list"),
    ("It works from our QA system.", "this system — its SSL client PSE"),
    ("It worked until last week.", "what changed since"),
    ("Postman gets a 200 from my PC, it works.", "the SAP server's path"),
])
def test_each_place_says_what_differs(said: str, shown: str, kb: KnowledgeBase) -> None:
    lines = [p for p in _verdict(f"{CONN_CLOSED} {said}", kb) if p.startswith("**You said**")]
    assert len(lines) == 1 and f"so what differs is {shown}" in lines[0], lines


def test_a_password_on_the_curl_line_is_masked(kb: KnowledgeBase) -> None:
    text = CONN_CLOSED + " curl -u sapuser:Secret123 https://api.github.com works from the app server."
    answer = build_answer(route(text, kb), kb)
    assert "**You said** “" in answer and "Secret123" not in answer


def test_ask_json_says_what_each_comparison_proves(kb: KnowledgeBase) -> None:
    out = answer_to_json(answer_question(CONN_CLOSED + " curl from the app server works.", kb), kb)
    assert out["stated"] == [{
        "subject": "http_probe", "affirmed": False, "shows": "the path and the server's TLS are fine from there",
        "proves": ["name_resolution", "tcp_connect", "tls_handshake"],
        "rules_out": ["dns_failure", "connection_refused", "connect_timeout", "firewall_blocking"],
        "differs": out["stated"][0]["differs"]}]
    assert "SNI" in out["stated"][0]["differs"]


@pytest.mark.parametrize("text", [
    "Our Node.js app gets HTTP 401 from the SAP AI Core API. In Postman, the same request is working.",
    "The build worked until last week; now npm install fails with unable to get local issuer certificate.",
])
def test_another_clients_comparison_names_no_sap_part(text: str, kb: KnowledgeBase) -> None:
    routed = route(text, kb)
    assert routed.stated and routed.scope.kind != "sap_http_client"
    answer = build_answer(routed, kb)
    assert "**You said**" not in answer and "SSL client PSE" not in answer.split("###", 1)[0]
