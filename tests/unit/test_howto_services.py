"""Set-up questions beyond a REST call, where-questions about what an entry names, and
another client's set-up (intent/setupquestion.py, placequestion.py, otherclientsetup.py).

- An OData or SOAP service, or a JSON payload sent from ABAP, is called through the SAP
  system's HTTP client: the set-up path answers (a SOAP web service with its logical port's
  entry first, which says what the base does not hold), not "outside" nor a guessed failure.
- "where is the Cloud Connector log?" names the Cloud Connector and a thing its entry's text
  names (ljs_trace.log): that entry's passage answers, not "outside".
- "how do I call an HTTP endpoint from Java?" is another client's set-up: said so, the SAP
  side named as what sapassist covers, and the base's entries for that client given.
"""

from __future__ import annotations

import pytest

from assistant.answers.howto import OUTSIDE_HEADLINE
from assistant.answers.otherclient_howto import OTHER_CLIENT_HEADLINE
from assistant.answers.questions import build_answer
from assistant.intent.router import route
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.dialogues import piped_chat

SETUP_TITLE = "Calling an external HTTP or HTTPS service from ABAP"
SOAP_TITLE = "Calling a SOAP web service from ABAP"

# (question, the entry that leads the answer)
SERVICES = [
    ("how to call an OData service from ABAP", SETUP_TITLE),
    ("post JSON to an external API from ABAP", SETUP_TITLE),
    ("call an OData service from ABAP", SETUP_TITLE),
    ("wie rufe ich einen OData-Service aus ABAP auf?", SETUP_TITLE),
    ("how do I consume a SOAP web service from our S/4 system?", SOAP_TITLE),
    ("how can we call an external web service from SAP?", SOAP_TITLE),
    # An API an ABAP program calls is a web API: HTTP by its scheme (answers26, item 6).
    ("call an API from ABAP", SETUP_TITLE),
    ("how can I call an external API from ABAP?", SETUP_TITLE),
    ("how do we consume a third-party API in an ABAP report?", SETUP_TITLE),
]

# (where-question, the entry, a word of the passage that must lead)
PLACES = [
    ("where is the Cloud Connector log?", "SAP Cloud Connector — backend trust store", "ljs_trace.log"),
    ("where can I find the Cloud Connector log file?", "SAP Cloud Connector — backend trust store", "ljs_trace.log"),
    ("wo finde ich das Log vom Cloud Connector?", "SAP Cloud Connector — backend trust store", "ljs_trace.log"),
    # A name's German genitive and English plural -s is that name (answers26, item 6).
    ("wo finde ich das Log des Cloud Connectors?", "SAP Cloud Connector — backend trust store", "ljs_trace.log"),
    ("where are the logs of the Cloud Connectors?", "SAP Cloud Connector — backend trust store", "ljs_trace.log"),
    ("where are the Cloud Connector logs?", "SAP Cloud Connector — backend trust store", "ljs_trace.log"),
]

# (question, an entry of that client the answer names; None: the base has none)
OTHER_CLIENTS = [
    ("how do I call an HTTP endpoint from Java?", "PKIX path building failed"),
    ("how do I call a REST API from Node.js?", "NODE_EXTRA_CA_CERTS"),
    ("how do I call an HTTPS API from Python?", "Python"),
]


def _headline(md: str) -> str:
    return md.splitlines()[0]


@pytest.mark.parametrize(("text", "title"), SERVICES)
def test_a_service_over_http_gets_the_set_up_path(bundled_kb: KnowledgeBase, text: str, title: str) -> None:
    routed = route(text, bundled_kb)
    md = build_answer(routed, bundled_kb)
    assert routed.how_to and not routed.causes and not routed.messages and routed.question is None
    assert title in _headline(md) and SETUP_TITLE in md and "STRUST" in md
    assert 0 < routed.confidence < 0.8


def test_the_soap_answer_says_what_the_base_does_not_hold(bundled_kb: KnowledgeBase) -> None:
    md = build_answer(route(SERVICES[4][0], bundled_kb), bundled_kb)
    assert "SOAMANAGER" in md and "logical port" in md
    assert "not in the knowledge base" in md


@pytest.mark.parametrize(("text", "title", "passage"), PLACES)
def test_a_where_question_is_answered_from_the_entry_naming_it(
    bundled_kb: KnowledgeBase, text: str, title: str, passage: str
) -> None:
    routed = route(text, bundled_kb)
    md = build_answer(routed, bundled_kb)
    assert OUTSIDE_HEADLINE not in md and title in _headline(md)
    assert passage in md.split("\n\n")[1]  # the verdict quotes the passage that names it
    assert not routed.causes and not routed.messages and 0 < routed.confidence < 0.8


def test_a_bare_product_how_to_stays_outside(bundled_kb: KnowledgeBase) -> None:
    """The where-rule needs a thing the entry's text names: the product at large is outside."""
    md = build_answer(route("where is the Cloud Connector installed?", bundled_kb), bundled_kb)
    assert _headline(md) == f"## {OUTSIDE_HEADLINE}"


@pytest.mark.parametrize(("text", "entry"), OTHER_CLIENTS)
def test_another_clients_set_up_is_said_to_be_its_own(bundled_kb: KnowledgeBase, text: str, entry: str) -> None:
    routed = route(text, bundled_kb)
    md = build_answer(routed, bundled_kb)
    assert _headline(md) == f"## {OTHER_CLIENT_HEADLINE}"
    assert "trust store" in md and "SAP side" in md and entry in md and SETUP_TITLE not in md
    assert not routed.causes and not routed.messages


def test_the_piped_chat_gives_the_same_answers() -> None:
    answers = piped_chat(SERVICES[0][0], PLACES[0][0], OTHER_CLIENTS[0][0])
    assert SETUP_TITLE in _headline(answers[0]["answer"])
    assert PLACES[0][1] in _headline(answers[1]["answer"])
    assert _headline(answers[2]["answer"]) == f"## {OTHER_CLIENT_HEADLINE}"


@pytest.mark.parametrize("text", ["how do I call an API?", "how to call a BAPI from Python", "call a function module from ABAP"])
def test_an_api_with_no_abap_caller_or_no_api_stays_outside(bundled_kb: KnowledgeBase, text: str) -> None:
    """Only an API an ABAP program calls is a web API here; "API" alone is a word of any IT question."""
    assert OUTSIDE_HEADLINE in _headline(build_answer(route(text, bundled_kb), bundled_kb))
