"""Negations as people type them read as the spelt-out ones, in every reader (typednegations.py).

Each sentence is written with its negation spelt out ("is not") and in the forms real posts
type it: without the apostrophe ("isnt"), with U+2019, with a backtick, with the apostrophe a
letter late ("is'nt"). Every form must route the same: the scope, the first messages and
causes, whether a failure is reported, a resolution, the stated facts and whether another
client makes the call. Readers before the parse stage (a ruling after the last turn, the
reply to a question) and the resolution's denied reason are tested on their own.
"""

from __future__ import annotations

import pytest

from assistant.intent import DialogueState, Routed, route
from assistant.intent.resolution import resolution_statements
from assistant.intent.typednegations import retyped_negations
from assistant.kb.knowledge_base import KnowledgeBase
from tests.support.dialogues import talk

FORMS = {"none": "{a}nt", "u2019": "{a}n\u2019t", "backtick": "{a}n`t", "late": "{a}'nt"}

# (auxiliary, sentence, the reader whose decision the sentence turns on)
SENTENCES = [
    ("does", "SM59 connection to api.partner.de fails with SSSLERR_PEER_CERT_UNTRUSTED. The firewall {neg} block "
     "port 443.", "statedfacts: the firewall denied, not affirmed"),
    ("is", "The firewall {neg} blocking port 443, yet the SM59 test fails with SSL handshake error", "statedfacts"),
    ("does", "The call from our ABAP program to the REST API {neg} work anymore", "failedcall / nofailure"),
    ("is", "SSL {neg} active in SM59 and the call gets SSSLERR_NO_SSL_RESPONSE", "settingwords / settingstates"),
    ("could", "Eclipse {neg} resolve host my.s4hana.ondemand.com", "scope cue: a client's name-resolution failure"),
]


def _reading(routed: Routed) -> tuple[object, ...]:
    return (routed.scope.kind, [m.id for m in routed.messages[:2]], [c.id for c in routed.causes[:2]],
            routed.reports_problem, routed.intent, routed.resolution is not None and bool(routed.resolution),
            tuple((f.subject, f.affirmed) for f in routed.stated), routed.another_client)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("aux", "sentence", "reader"), SENTENCES, ids=[s[2].split(":")[0] for s in SENTENCES])
def test_a_typed_negation_reads_as_the_spelt_out_one(
        bundled_kb: KnowledgeBase, aux: str, sentence: str, reader: str, form: str) -> None:
    # Before: "isnt" and "is'nt" read as no negation ("The firewall isnt blocking" affirmed the
    # firewall), "doesnt work anymore" reported no failure, "couldn’t resolve host" was no cue.
    spelt = _reading(route(sentence.format(neg=f"{aux} not"), bundled_kb))
    typed = _reading(route(sentence.format(neg=FORMS[form].format(a=aux)), bundled_kb))
    assert typed == spelt, reader


@pytest.mark.parametrize(("spelt", "typed"), [
    ("Die Verbindung aus SM59 funktioniert nicht mehr, SSL Fehler", "Die Verbindung aus SM59 funktioniert net mehr, SSL Fehler"),
    ("SSL ist nicht aktiv in SM59, Fehler 407", "SSL ist net aktiv in SM59, Fehler 407"),
])
def test_the_dialects_net_reads_as_nicht(bundled_kb: KnowledgeBase, spelt: str, typed: str) -> None:
    assert _reading(route(typed, bundled_kb)) == _reading(route(spelt, bundled_kb))


@pytest.mark.parametrize(("typed", "canonical"), [
    ("I dont use SSL", "I do not use SSL"),
    ("It doesn\u2019t work", "It does not work"),
    ("Does'nt work; DONT know", "Does not work; DO NOT know"),
    ("it dosen't work, dosent either", "it does not work, does not either"),
    ("Can't connect, wont start, isnt set", "Cannot connect, will not start, is not set"),
    ("it`s broken and we\u00b4re stuck, it\u2019s late", "it's broken and we're stuck, it's late"),
    ("Das geht net mehr", "Das geht nicht mehr"),
    # left alone: the French pronoun, a possessive, names, code in backticks, a word of its own
    ("le certificat dont le nom est faux", "le certificat dont le nom est faux"),
    ("its certificate expired", "its certificate expired"),
    ("host dont.example.com and /isnt/path", "host dont.example.com and /isnt/path"),
    ("the `STRUST`s PSE and .NET net", "the `STRUST`s PSE and .NET net"),
    ("cannot connect", "cannot connect"),
])
def test_negations_are_written_one_way_and_given_back_as_typed(typed: str, canonical: str) -> None:
    retyped = retyped_negations(typed)
    assert retyped.text == canonical
    assert retyped.as_typed(0, len(retyped.text)) == typed


def test_a_stated_fact_quotes_the_words_as_typed(bundled_kb: KnowledgeBase) -> None:
    routed = route("SM59 to api.partner.de fails with SSSLERR_PEER_CERT_UNTRUSTED. The firewall isnt blocking "
                   "port 443.", bundled_kb)
    assert [(f.subject, f.affirmed) for f in routed.stated] == [("firewall", False)]
    assert "isnt blocking" in routed.stated[0].said, routed.stated[0].said


def test_a_typed_ruling_after_the_last_turn_keeps_the_topic(bundled_kb: KnowledgeBase) -> None:
    # Before: read before the parse stage, "they arent involved" was no ruling but a topic of its own.
    report = ("IcmConnInitClientSSL: Proxy connection to https://github.com:443 via proxy.corp.example.com:8080 "
              "failed (proxy returned 407 authenticationrequired)")
    ruling = "The Cloud Connector and the firewall are in place; they arent involved"
    *_, ruled, user = talk(bundled_kb, report, "how do I fix it?", ruling, "which user?")
    assert ruled.scope.kind == "sap_http_client" and ruled.messages[0].id == "SCLNT_HTTP416", ruled.scope
    assert user.messages and user.messages[0].id == "SCLNT_HTTP416"


@pytest.mark.parametrize("reply", ["it doesnt", "it doesn\u2019t", "we dont"])
def test_a_typed_no_to_the_proxy_question_reads_as_no(bundled_kb: KnowledgeBase, reply: str) -> None:
    asked = DialogueState(pending="proxy", pending_text="SM59 test fails: HTTP communication failure")
    spelt = route(reply.split()[0] + (" does not" if "does" in reply else " do not"), bundled_kb, asked)
    typed = route(reply, bundled_kb, asked)
    assert [c.id for c in typed.causes[:3]] == [c.id for c in spelt.causes[:3]]


@pytest.mark.parametrize("text", ["However, the reason is not the new SDK version, but the new axios version.",
                                  "Die Ursache war nicht der Proxy.", "The cause was never the firewall."])
def test_a_denied_reason_is_no_resolution(text: str) -> None:
    # Before: "the reason is not X, but Y" was read as a resolution naming "not X, but Y".
    assert resolution_statements(text) == []
