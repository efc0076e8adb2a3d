"""What a report states about a cause is evidence: "the firewall blocks port 443", "the
certificate expired last week", "nslookup finds no address" count for the cause they state;
"the proxy is not involved", "telnet to the port works", "der Port ist in der Firewall
freigeschaltet" put the causes they rule out after the others — unless the text shows that
cause itself (a code, a sign), and the answer says back what the user said. A question ("is
the firewall blocking?"), a guess, a plan, a probe run elsewhere ("from my laptop") and a
report's own resolution ("the problem was the firewall", read by intent.resolution) state
nothing here. The sentences are invented for the class, in English and German."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.intent.statedcauses import STATED_CAUSES, causes_stated, said_of
from assistant.intent.statedfacts import stated_facts
from assistant.intent.statedwords import SUBJECTS
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

CONNECTION_FAILED = "SM59 test fails with ICM_HTTP_CONNECTION_FAILED."


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize(
    ("text", "subject", "affirmed"),
    [
        ("The firewall blocks port 443 to that host.", "firewall", True),
        ("The connection is blocked by the corporate firewall.", "firewall", True),
        ("The firewall was opened by the network team.", "firewall", False),
        ("The firewall isn't blocking anything.", "firewall", False),
        ("The firewall is not involved.", "firewall", False),
        ("Der Port ist in der Firewall freigeschaltet.", "firewall", False),
        ("Die Firewall blockiert den Port.", "firewall", True),
        ("Port 443 is open.", "port", False),
        ("We opened port 8443 for the application server.", "port", False),
        ("Port 443 is blocked on our side.", "port", True),
        ("The proxy is not involved.", "proxy_need", False),
        ("The proxy is not involved.", "proxy_path", False),
        ("We have no proxy, the server has direct internet access.", "proxy_need", False),
        ("Proxy wird nicht verwendet.", "proxy_path", False),
        ("A proxy is required for outbound calls.", "proxy_need", True),
        ("The certificate expired last week.", "certificate", True),
        ("The server certificate has expired.", "certificate", True),
        ("The certificate is valid until 2027.", "certificate", False),
        ("The certificate has not expired.", "certificate", False),
        ("Das Zertifikat ist abgelaufen.", "certificate", True),
        ("Das Zertifikat ist noch gültig.", "certificate", False),
        ("nslookup finds no address for the host.", "name_resolution", True),
        ("nslookup returns the right IP address.", "name_resolution", False),
        ("DNS resolves the name fine.", "name_resolution", False),
        ("The host name cannot be resolved on the application server.", "name_resolution", True),
        ("nslookup findet keine Adresse.", "name_resolution", True),
        ("telnet to the port works.", "tcp_probe", False),
        ("We are able to telnet into the server on port 30015.", "tcp_probe", False),
        ("telnet to port 443 times out.", "tcp_probe", True),
        ("niping to the host fails.", "tcp_probe", True),
        ("Telnet auf den Port funktioniert.", "tcp_probe", False),
        ("curl from the application server works.", "http_probe", False),
        ("The port is also not reachable.", "reachability", True),
        ("The host is reachable from the application server.", "reachability", False),
        ("The system clock is wrong by two hours.", "clock", True),
        ("The clock of the application server is synchronized by NTP.", "clock", False),
        ("The root CA is missing in the PSE.", "root_ca", True),
        ("The intermediate certificate is not imported.", "intermediate_ca", True),
        # a condition is no fact, but a statement that a comma and "and" open after it is
        ("From RDP if I try it is not accessible, and the port is also not reachable.", "reachability", True),
        ("Wenn ich es versuche, geht es nicht, und die Firewall ist offen.", "firewall", False),
        ("If I call it from SM59 it fails; the firewall is open.", "firewall", False),
        ("The certificate is valid for 2 more years.", "certificate", False),  # a period: its dates
    ],
)
def test_a_statement_is_read_as_its_subject_and_polarity(text: str, subject: str, affirmed: bool) -> None:
    facts = stated_facts(text)
    assert (subject, affirmed) in {(f.subject, f.affirmed) for f in facts}, facts
    assert not any(f.subject == subject and f.affirmed != affirmed for f in facts), facts


@pytest.mark.parametrize(
    "text",
    [
        "Is the firewall blocking the port?",  # a question
        "Could the certificate have expired?",
        "Maybe the firewall blocks it.",  # a guess
        "I think the proxy is required.",
        "If the port is blocked, what do we do?",  # a condition
        "Please check whether the firewall blocks port 443.",  # a request
        "The problem was the firewall blocking port 443.",  # a resolution: intent.resolution reads it
        "Solved by opening the port in the firewall.",
        "I opened a ticket with the firewall team.",  # the firewall's team, not the firewall
        "Telnet from my laptop fails.",  # a probe failing elsewhere says nothing of the SAP server's path
        "Ping to the host works.",  # ICMP: no port, and name resolution of another machine perhaps
        "The client certificate expired last week.",  # not the server's certificate
        "The SAML certificate has expired.",
        "The certificate expires in 2025.",  # a date ahead
        "The certificate had expired in the past.",  # history
        "Direct connect to github.com:443 failed: NIECONN_REFUSED(-10)",  # abapGit's error line: a failure
        "No proxy configured in SM59.",  # the setting's state: settingstates.py reads it
        "There is no firewall rule for port 443.",  # a missing rule is no absent firewall
        "Without the proxy it works.",  # a condition of what works: it points to the proxy
        "Ohne Proxy funktioniert es.",
        "If the password is correct and the port is open, it fails.",  # "and" inside the condition
        "If the port is open, and the firewall allows it, it works.",  # its main clause still to come
        "The certificate is valid for host sap.example.org.",  # names (SAN/CN), not its dates
        "The cert is valid for the hostname we call.",
        "Das Zertifikat ist gültig für den Host sap.example.org.",
    ],
)
def test_no_statement_of_a_cause(text: str) -> None:
    assert stated_facts(text) == (), stated_facts(text)


def test_every_row_names_causes_of_the_base_and_says_why(kb: KnowledgeBase) -> None:
    for row in STATED_CAUSES:
        assert row.subject in SUBJECTS, row
        assert row.causes and all(c in kb.causes for c in row.causes), row
        assert len(row.why.split()) >= 8, row


def test_the_facts_are_mapped_by_the_table() -> None:
    affirmed, denied = causes_stated(stated_facts("The firewall blocks port 443. The proxy is not involved."))
    assert set(affirmed) == {"firewall_blocking"}
    assert {"proxy_required", "proxy_auth_failed", "proxy_refused"} <= denied


def _ids(text: str, kb: KnowledgeBase) -> list[str]:
    return [c.id for c in route(text, kb).causes]


def test_an_affirmed_firewall_leads_as_stated(kb: KnowledgeBase) -> None:
    before = _ids(CONNECTION_FAILED, kb)
    assert before[0] != "firewall_blocking"  # the message's own order, without the statement
    routed = route(f"{CONNECTION_FAILED} The firewall blocks port 443 to that host.", kb)
    assert routed.causes[0].id == "firewall_blocking"
    assert routed.causes[0].evidence == "stated"


def test_denied_causes_drop_below_the_others(kb: KnowledgeBase) -> None:
    plain = _ids(CONNECTION_FAILED, kb)
    assert plain[0] == "proxy_required"  # the message's own first cause, without the statement
    statement = "The proxy is not involved, the firewall was opened by the network team."
    _, denied = causes_stated(stated_facts(statement))
    assert {"proxy_required", "firewall_blocking"} <= denied
    ids = _ids(f"{CONNECTION_FAILED} {statement}", kb)
    rest = [c for c in ids if c not in denied]
    assert rest and ids[:len(rest)] == rest, ids  # every denied cause after every other


def test_a_telnet_that_works_puts_the_connect_causes_last(kb: KnowledgeBase) -> None:
    ids = _ids("SM59 connection test: ICM_HTTP_CONNECTION_FAILED. telnet to the port works from the application server.", kb)
    assert ids[0] not in ("connection_refused", "connect_timeout", "dns_failure"), ids


def test_a_denied_cause_that_a_code_shows_keeps_its_place(kb: KnowledgeBase) -> None:
    text = "HTTP error 418 occured: ICM_HTTP_SSL_PEER_CERT_EXPIRED. The certificate is valid until 2027."
    plain = _ids("HTTP error 418 occured: ICM_HTTP_SSL_PEER_CERT_EXPIRED.", kb)
    assert plain[0] == "server_cert_expired"
    assert _ids(text, kb)[0] == "server_cert_expired"


def test_a_question_states_nothing(kb: KnowledgeBase) -> None:
    routed = route(f"{CONNECTION_FAILED} Is the firewall blocking port 443?", kb)
    assert routed.stated == ()
    assert all(c.evidence != "stated" for c in routed.causes)


def test_the_answer_says_back_what_the_user_said(kb: KnowledgeBase) -> None:
    routed = route(f"{CONNECTION_FAILED} The firewall blocks port 443 to that host.", kb)
    said = said_of("firewall_blocking", routed.stated)
    assert said is not None and said.affirmed
    answer = build_answer(routed, kb)
    verdict = answer.split("\n\n## ", 1)[0] if "\n\n## " in answer else answer[:1500]
    assert "Most likely cause:" in verdict
    assert "you said" in verdict.lower() and "The firewall blocks port 443 to that host" in verdict


def test_a_denied_cause_still_listed_says_what_the_user_said(kb: KnowledgeBase) -> None:
    routed = route("HTTP error 418 occured: ICM_HTTP_SSL_PEER_CERT_EXPIRED. The certificate is valid until 2027.", kb)
    assert routed.causes[0].id == "server_cert_expired"
    answer = build_answer(routed, kb)
    line = next(line for line in answer.splitlines() if "(`server_cert_expired`)" in line)
    assert "you said “The certificate is valid until 2027”" in line
    assert "**Most likely cause:**" in answer and "you said “The certificate is valid until 2027”, but" in answer


def test_a_follow_up_that_rules_the_proxy_out_is_a_statement_not_a_question(kb: KnowledgeBase) -> None:
    first = route(CONNECTION_FAILED, kb)
    assert first.causes[0].id == "proxy_required"
    said = route("the proxy is not involved", kb, first.state)
    assert said.follow_up and said.subject is None  # no "A proxy, within SCLNT_HTTP400: …"
    assert said.causes[0].id not in ("proxy_required", "proxy_refused")
    asked = route("is it the proxy?", kb, said.state)
    assert "**Yes" not in build_answer(asked, kb)  # neither from the code nor from the proxy it named


def test_is_it_the_proxy_after_a_denial_says_what_the_user_said(kb: KnowledgeBase) -> None:
    first = route("SM59 test to https://api.partner.com fails with ICM_HTTP_TIMEOUT", kb)
    said = route("The proxy is not involved", kb, first.state)
    fix = route("how do I fix it?", kb, said.state)  # a turn between them keeps the statement
    asked = route("is it the proxy?", kb, fix.state)
    assert "**You said “The proxy is not involved”**" in build_answer(asked, kb)
    other = route("is it the proxy?", kb, route("another thing: SCLNT_HTTP411 connection refused", kb,
                                                  fix.state).state)
    assert "You said" not in build_answer(other, kb)  # another topic: that statement is not about it


def test_the_kept_statements_are_bounded_masked_and_one_per_subject() -> None:
    from assistant.intent.statedmemory import KEPT, SAID_KEPT, kept_statements, statements_of

    kept = kept_statements((), stated_facts("The firewall blocks port 443 for user BASIS with password Geheim123."))
    kept = kept_statements(kept, stated_facts("The firewall is open. " + "x" * 400 + " The proxy is not involved."))
    facts = statements_of(kept)
    assert [(f.subject, f.affirmed) for f in facts if f.subject == "firewall"] == [("firewall", False)]
    assert len(kept) <= KEPT and all(len(f.said) <= SAID_KEPT for f in facts)
    assert not any("Geheim123" in k for k in kept_statements((), stated_facts(
        "The firewall blocks port 443 for user BASIS with password Geheim123.")))
    assert statements_of(("garbage", "proxy_path|x|words", "proxy_path|0|")) == ()


def test_a_password_in_a_statement_is_not_said_back(kb: KnowledgeBase) -> None:
    routed = route(f"{CONNECTION_FAILED} The firewall blocks port 443 for user BASIS with password Geheim123.", kb)
    answer = build_answer(routed, kb)
    assert "you said" in answer and "Geheim123" not in answer


def test_the_words_of_a_denial_count_for_no_cause(kb: KnowledgeBase) -> None:
    # "The proxy is not involved" made TLS inspection ("corporate proxy/SIEM" in its title) the
    # most likely cause of a time-out: the denied word counted for a cause it was not about.
    from tests.support.dialogues import talk

    _, ruled = talk(kb, "SM59 connection test fails with ICM_HTTP_TIMEOUT", "The proxy is not involved")
    assert ruled.causes[0].id != "tls_interception", [c.id for c in ruled.causes[:3]]
    alone = route("SM59 connection test fails with ICM_HTTP_TIMEOUT. The proxy is not involved.", kb)
    assert "tls_interception" not in [c.id for c in alone.causes[:2]], [c.id for c in alone.causes[:3]]


def test_what_the_user_said_is_quoted_as_the_part_that_says_it(kb: KnowledgeBase) -> None:
    # The whole sentence was quoted back ("you said “SM59 … fails with ICM_HTTP_CONNECTION_FAILED,
    # the firewall blocks port 443 to that host”"): only the part with the statement is what was said.
    text = "SM59 connection test fails with ICM_HTTP_CONNECTION_FAILED, the firewall blocks port 443 to that host"
    (fact,) = [f for f in stated_facts(text) if f.subject == "firewall"]
    assert fact.said == "the firewall blocks port 443 to that host"
    alone = [f for f in stated_facts("The firewall blocks port 443.") if f.subject == "firewall"]
    assert [f.said for f in alone] == ["The firewall blocks port 443"]


@pytest.mark.parametrize(
    "denial",
    ["The firewall is not blocking.", "No firewall is blocking.", "No firewall is blocking the call.",
     "There is no firewall in between.", "No firewall blocks anything here.", "Keine Firewall blockiert."],
)
@pytest.mark.parametrize("before", ["", CONNECTION_FAILED + " "])
def test_a_firewall_denied_by_absence_is_read_as_one_not_blocking(before: str, denial: str) -> None:
    """"no firewall is blocking" says what "the firewall is not blocking" says: its state
    word ("blocking") is the statement's own word, not a failure reported beside it; alone or
    after a sentence that reports the failure."""
    facts = stated_facts(before + denial)
    assert ("firewall", False) in {(f.subject, f.affirmed) for f in facts}, facts
    assert not any(f.subject == "firewall" and f.affirmed for f in facts), facts
