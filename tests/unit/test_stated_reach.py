"""How far what a user states reaches, read as classes (sentences invented for each class,
English and German, typed as people type them):

- a negation reaches from the subject's name to its state word, however many words stand
  between in the clause, and "let … through" / "won't let us out" is a blocker's refusal
  ("will" negated is a refusal now, not a date ahead);
- a request or a plan states no state, for every reader ("we asked the security team to open
  port 443", "they plan to renew the certificate", "wir haben gebeten, … freizuschalten");
- the words of a URL, a host name or a command's argument are no words of prose: "vendor" in
  api.vendor.com or "admin" in `-u admin:secret` does not end a statement's reach as the
  vendor or an admin who said something would.
"""

from __future__ import annotations

import pytest

from assistant.intent.importdone import says_import_done
from assistant.intent.resolution import resolution_statements
from assistant.intent.settingstates import statements
from assistant.intent.statedfacts import stated_as_typed, stated_facts
from assistant.intent.typednegations import retyped_negations


def _facts(text: str) -> dict[str, bool]:
    return {f.subject: f.affirmed for f in stated_facts(retyped_negations(text).text)}


@pytest.mark.parametrize(
    ("text", "subject", "affirmed"),
    [
        ("the proxy does not let the host through", "proxy_block", True),
        ("the proxy doesnt let our calls through", "proxy_block", True),
        ("the firewall won't let us out on 443", "firewall", True),
        ("the firewall wont let us out", "firewall", True),
        ("our network doesn't let the call through", "firewall", True),
        ("the firewall never has ever really blocked port 443", "firewall", False),
        ("die Firewall lässt den Host nicht durch", "firewall", True),
    ],
)
def test_a_negation_reaches_from_the_name_to_its_state_word(text: str, subject: str, affirmed: bool) -> None:
    assert _facts(text).get(subject) is affirmed, _facts(text)


@pytest.mark.parametrize(
    ("text", "subject", "affirmed"),
    [
        ("Die Firewall blockiert den Port 443 nicht.", "firewall", False),
        ("telnet auf den Port 443 funktioniert nicht", "tcp_probe", True),
        ("nslookup findet den Host nicht", "name_resolution", True),
        ("die Firewall blockiert den Port 443", "firewall", True),
        ("telnet auf den Port 443 funktioniert", "tcp_probe", False),
    ],
)
def test_a_german_negation_at_the_clause_end_negates_its_verb(text: str, subject: str, affirmed: bool) -> None:
    assert _facts(text).get(subject) is affirmed, _facts(text)


@pytest.mark.parametrize("text", ["the firewall lets us out", "the proxy lets the host through"])
def test_letting_through_said_plainly_blames_no_blocker(text: str) -> None:
    read = _facts(text)
    assert read.get("firewall") is not True and read.get("proxy_block") is not True, read


@pytest.mark.parametrize(
    "text",
    [
        "We asked the security team to open port 443",
        "we will open the port tomorrow",
        "they plan to renew the certificate",
        "the network team is going to open the firewall",
        "we want to open port 443 in the firewall",
        "the firewall change to open port 443 is scheduled for Monday",
        "wir haben das Netzwerkteam gebeten, den Port 443 freizuschalten",
        "die Freigabe des Ports 443 in der Firewall ist beantragt",
        "We asked the basis team to import the root CA and set SSL active",
    ],
)
def test_a_request_or_a_plan_states_no_state_for_any_reader(text: str) -> None:
    read = retyped_negations(text).text
    assert stated_facts(read) == ()
    assert statements(read) == []
    assert not says_import_done(read)
    assert resolution_statements(read) == []


@pytest.mark.parametrize(
    ("text", "subject", "said"),
    [
        ("curl https://api.vendor.com works", "http_probe", "curl https://api.vendor.com works"),
        ("curl -u admin:secret https://api.partner.de works from the app server", "http_probe",
         "curl -u admin:secret https://api.partner.de works from the app server"),
        ("wget https://download.vendor.com/file.zip works.", "http_probe", "wget https://download.vendor.com/file.zip works"),
        ("nslookup api.vendor.com finds no address", "name_resolution", "nslookup api.vendor.com finds no address"),
        ("telnet team.example.org 443 works", "tcp_probe", "telnet team.example.org 443 works"),
        ("curl https://admin.partner.de funktioniert vom Applikationsserver", "http_probe",
         "curl https://admin.partner.de funktioniert vom Applikationsserver"),
    ],
)
def test_words_of_a_url_or_an_argument_end_no_statement(text: str, subject: str, said: str) -> None:
    (fact,) = [f for f in stated_as_typed(text, lambda a, b: text[a:b]) if f.subject == subject]
    assert fact.said == said
    assert [f.said for f in stated_facts(text) if f.subject == subject] == [said]  # said back as written


def test_a_team_said_in_prose_still_ends_the_reach() -> None:
    assert "firewall" not in _facts("the firewall team opened a ticket")
