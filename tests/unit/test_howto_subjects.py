"""What a how-to or a domain question is about decides its answer (intent/howtoroute.py).

- A how-to about making the call itself — its only terms the call's scheme (HTTP, HTTPS, a
  REST API) and a verb of calling — asks for the set-up path (the OUTBOUND_HTTP_SETUP entry),
  not for the steps of a failure cause that shares the word HTTP (it got `dns_failure`).
- German how-tos ("wie richte ich …", "wo stelle ich … ein?", "was muss ich tun …") get the
  answer their English twin gets, not "Not sure yet" with a guessed message.
- A list question ("which transactions do I need for …?") is about its subject after
  for/für/about: one that names no domain term is outside, not our list at confidence 1.0.
- A bare how-to about a product whose entry covers only its trust or TLS ("how do I upgrade
  the Cloud Connector?") is about the product at large: outside, not that entry's answer.
"""

from __future__ import annotations

import pytest

from assistant.answers.howto import OUTSIDE_HEADLINE
from assistant.answers.questions import build_answer
from assistant.intent.howtoterms import OUTSIDE_REASON
from assistant.intent.router import route
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.dialogues import piped_chat

SETUP_TITLE = "Calling an external HTTP or HTTPS service from ABAP"

SETUP = [
    "how to consume a RESTful service in ABAP?",
    "how do I call an HTTPS API from ABAP?",
    "what do I need to call an external REST API from our S/4 system?",
    "how do I call a REST API from ABAP?",
    "how can we connect to an external HTTPS endpoint from SAP?",
    "how do I send an HTTP request from ABAP?",
    "wie rufe ich eine REST-API aus ABAP auf?",
    "was muss ich tun, damit wir eine HTTPS-API aus ABAP aufrufen können?",
]

# A term beside the scheme is the subject: its own entry answers, not the set-up path.
NOT_SETUP = [
    ("how do I call an HTTPS API through a proxy?", "proxy"),
    ("how can I test an HTTPS endpoint from SAP?", "RSWF_TEST_HTTP"),
    ("how to enable TLS 1.2 for outbound calls", "tls_version_or_cipher_mismatch"),
    ("how do I call a REST API with a client certificate?", "client_cert"),
    # another client makes the call: not the SAP system's set-up
    ("how do I call an HTTP endpoint from Java?", "PKIX path building failed"),
]

# (German, its English twin): the same headline.
GERMAN = [
    ("wie richte ich einen Proxy für SM59 ein?", "how do I set a proxy for SM59?"),
    ("wie importiere ich ein Zertifikat in STRUST?", "how do I import a certificate in STRUST?"),
    ("wo stelle ich den Proxy ein?", "where do I set the proxy?"),
    ("wie aktiviere ich SNI?", "how do I enable SNI?"),
    ("wie kann ich das Root-Zertifikat in STRUST importieren?", "how can I import the root certificate into STRUST?"),
    ("was muss ich tun, damit SM59 den Proxy nutzt?", "what do I need to do so that SM59 uses the proxy?"),
]

OUTSIDE_LISTS = [
    "which transactions do I need for HANA backups?",
    "what parameters matter for the SAP GUI?",
    "which notes are relevant for SAP GUI scripting?",
    "welche Transaktionen brauche ich für HANA-Backups?",
]

# The subject names the domain (or there is none): the list stays.
DOMAIN_LISTS = [
    "which profile parameters matter?",
    "which parameters matter for outbound HTTPS?",
    "which transactions do I need for SSL certificates?",
    "welche Transaktionen brauche ich für Zertifikate?",
    "which transactions do I need for outgoing connections?",
    "what parameters matter for abapGit?",
    "which transactions do I need for this error?",
]

PRODUCTS = [
    "how do I upgrade the Cloud Connector?",
    "how do I install the HANA client?",
    "how do I install Node.js?",
    "wie installiere ich den Cloud Connector?",
]

# The product with a term its entry covers, or a term of the base itself: the entry answers.
PRODUCT_ENTRIES = [
    ("how do I import a certificate into the Cloud Connector?", "SAP Cloud Connector — backend trust store"),
    ("what is the Cloud Connector?", "SAP Cloud Connector — backend trust store"),
    ("how do I use STRUST?", "STRUST — Trust Manager"),
    ("how do I use get_last_error?", "IF_HTTP_CLIENT->GET_LAST_ERROR"),
    # the entry's subject, not its product, named: NODE_EXTRA_CA_CERTS is its id
    ("how do I set NODE_EXTRA_CA_CERTS?", "NODE_EXTRA_CA_CERTS"),
    ("how do I set sslValidateCertificate?", "sslValidateCertificate"),
]


def _headline(md: str) -> str:
    return md.splitlines()[0]


@pytest.mark.parametrize("text", SETUP)
def test_a_set_up_question_gets_the_set_up_path(bundled_kb: KnowledgeBase, text: str) -> None:
    routed = route(text, bundled_kb)
    md = build_answer(routed, bundled_kb)
    assert routed.how_to and not routed.causes and not routed.messages
    assert SETUP_TITLE in _headline(md)
    assert "**First step:** **Destination**" in md and "type G" in md and "STRUST" in md
    assert routed.question is None


@pytest.mark.parametrize(("text", "entry"), NOT_SETUP)
def test_a_term_beside_the_scheme_keeps_its_own_entry(bundled_kb: KnowledgeBase, text: str, entry: str) -> None:
    md = build_answer(route(text, bundled_kb), bundled_kb)
    assert SETUP_TITLE not in md and entry in md


@pytest.mark.parametrize(("german", "english"), GERMAN)
def test_a_german_how_to_is_answered_as_its_english_twin(bundled_kb: KnowledgeBase, german: str, english: str) -> None:
    de, en = route(german, bundled_kb), route(english, bundled_kb)
    assert de.question is None and not de.messages
    assert _headline(build_answer(de, bundled_kb)) == _headline(build_answer(en, bundled_kb))


@pytest.mark.parametrize("text", OUTSIDE_LISTS)
def test_a_list_question_about_an_outside_subject_is_outside(bundled_kb: KnowledgeBase, text: str) -> None:
    routed = route(text, bundled_kb)
    assert routed.scope.reason.startswith(OUTSIDE_REASON) and routed.confidence < 0.5
    assert _headline(build_answer(routed, bundled_kb)) == f"## {OUTSIDE_HEADLINE}"


@pytest.mark.parametrize("text", DOMAIN_LISTS)
def test_a_list_question_about_the_domain_lists(bundled_kb: KnowledgeBase, text: str) -> None:
    routed = route(text, bundled_kb)
    assert routed.domain and routed.confidence == 1.0
    assert OUTSIDE_HEADLINE not in build_answer(routed, bundled_kb)


@pytest.mark.parametrize("text", PRODUCTS)
def test_a_bare_how_to_about_a_product_is_outside(bundled_kb: KnowledgeBase, text: str) -> None:
    routed = route(text, bundled_kb)
    assert routed.scope.reason.startswith(OUTSIDE_REASON) and routed.confidence < 0.5
    assert not routed.causes and not routed.messages
    assert _headline(build_answer(routed, bundled_kb)) == f"## {OUTSIDE_HEADLINE}"


@pytest.mark.parametrize(("text", "title"), PRODUCT_ENTRIES)
def test_a_term_the_entry_covers_is_answered_by_it(bundled_kb: KnowledgeBase, text: str, title: str) -> None:
    md = build_answer(route(text, bundled_kb), bundled_kb)
    assert OUTSIDE_HEADLINE not in md and title in md


def test_the_piped_chat_gives_the_same_answers(bundled_kb: KnowledgeBase) -> None:
    """`chat --json` routes with the conversation's state: each rule holds there too."""
    turns = [SETUP[0], GERMAN[0][0], OUTSIDE_LISTS[0], PRODUCTS[0]]
    answers = piped_chat(*turns)
    assert SETUP_TITLE in _headline(answers[0]["answer"])
    assert _headline(answers[1]["answer"]) == _headline(build_answer(route(GERMAN[0][1], bundled_kb), bundled_kb))
    assert all(_headline(a["answer"]) == f"## {OUTSIDE_HEADLINE}" for a in answers[2:])
