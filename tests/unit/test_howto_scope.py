"""How-to questions in and outside the domain (intent/howtoterms.py, answers/howto.py).

A how-to is answered from an entry only when it names a term of the domain that the entry's
names hold; one that names none ("how do I create a transport request?") is outside: scope
unknown, no message, no cause, confidence 0, and an answer that says what sapassist covers
with example questions made from the base. The generic words such questions share with the
entries ("create", "install", "change", "password", "read") once picked an entry's steps
at confidence 1.0."""

from __future__ import annotations

import pytest

from assistant.answers.howto import OUTSIDE_HEADLINE
from assistant.answers.questions import build_answer
from assistant.intent.confidence import NAMED_CAP
from assistant.intent.howtoterms import (
    DOMAIN_STEMS,
    OUTSIDE_REASON,
    SAME_TERM,
    entry_names,
    how_to_confidence,
)
from assistant.intent.router import route
from assistant.kb.knowledge_base import KnowledgeBase

# (question, a string the answer must hold: the entry it is answered from)
IN_THE_DOMAIN = [
    ("how do I import the root CA into STRUST?", "STRUST — Trust Manager"),
    ("how do I set a proxy for SM59?", "SM59 — RFC/HTTP destinations"),
    ("which profile parameters matter?", "Profile parameters that matter"),
    ("what is the SSL client PSE?", "Personal Security Environment"),
    ("how to enable SNI", "Server Name Indication"),
    ("how to enable TLS 1.2 for outbound calls", "tls_version_or_cipher_mismatch"),
    ("where do I set the proxy?", "proxy_required"),
    ("how can I test an HTTPS endpoint from SAP?", "RSWF_TEST_HTTP"),
    ("how do I trust a self-signed certificate?", "server_cert_self_signed"),
    ("how do I configure a client certificate for mutual TLS?", "client_cert_required"),
    ("how do I change the cipher suites for outgoing HTTPS calls?", "tls_version_or_cipher_mismatch"),
    ("how do I add the intermediate CA certificate?", "intermediate_missing"),
    ("how do I restart the ICM?", "Restarting the ICM"),
    ("how do I install the CommonCryptoLib?", "CommonCryptoLib"),
    # the call itself: the set-up path, not a failure cause that shares the word HTTP (test_howto_subjects.py)
    ("how do I call a REST API from ABAP?", "Calling an external HTTP or HTTPS service from ABAP"),
    ("how do I handle CSRF tokens in ABAP?", "csrf_token_rejected"),
    ("how do I use HTTPS?", "Calling an external HTTP or HTTPS service from ABAP"),
    # its words meet no entry at all: the entries whose names hold the most of its terms answer
    ("where is HTTPS set?", "Steps from the entry"),
    ("wie importiere ich ein Zertifikat in STRUST?", "STRUST"),
    ("Wie richte ich einen Proxy für HTTP-Verbindungen ein?", "proxy"),
    ("welche Profilparameter sind wichtig?", "Profile parameters that matter"),
]

OUTSIDE = [
    "how do I create a transport request?",
    "how do I install SAP GUI on Windows?",
    "how do I change my SAP password",
    "ABAP: how to read a table with a where clause",
    "How to call a BAPI from Python",
    "How do I create a sales order with BAPI in ABAP?",
    "how to configure SMTP mail sending in SCOT",
    "how do I print a smartform to a local printer?",
    "how do I load data into a BW cube?",
    "how to write a HANA SQL query with a join",
    "how do I change the Fiori launchpad theme?",
    "how do I export an ALV list to Excel?",
    "how do I unlock a user in SU01?",
    "how do I schedule a background job?",
    "how do I get SAP certification?",
    "how do I generate an ABAP proxy in SPROXY?",
    "how can I debug a BAdI?",
    "how do I create a new client in SCC4?",
    "how do I change the URL of the Fiori launchpad?",
    "how do I rest my case?",
]


@pytest.mark.parametrize(("text", "entry"), IN_THE_DOMAIN)
def test_a_question_in_the_domain_is_answered_from_its_entry(bundled_kb: KnowledgeBase, text: str, entry: str) -> None:
    kb = bundled_kb
    routed = route(text, kb)
    md = build_answer(routed, kb)
    assert not routed.scope.reason.startswith(OUTSIDE_REASON)
    assert OUTSIDE_HEADLINE not in md
    assert entry in md


@pytest.mark.parametrize("text", OUTSIDE)
def test_a_how_to_naming_no_term_of_the_domain_is_outside(bundled_kb: KnowledgeBase, text: str) -> None:
    kb = bundled_kb
    routed = route(text, kb)
    assert routed.scope.kind == "unknown" and routed.scope.reason.startswith(OUTSIDE_REASON)
    assert not routed.messages and not routed.causes and routed.question is None
    assert routed.confidence < 0.5
    md = build_answer(routed, kb)
    assert md.startswith(f"## {OUTSIDE_HEADLINE}")
    assert "Steps from the entry" not in md and "SCLNT_HTTP" in md
    # the examples come from the base: a message it knows and a transaction it explains
    assert any(f"what does {mid} mean?" in md for mid in kb.messages)
    assert any(f"what is {gid}?" in md for gid, g in kb.glossary.items() if g.kind == "transaction")


def test_an_adjacent_layer_the_scope_stage_saw_is_named_in_one_line(bundled_kb: KnowledgeBase) -> None:
    """A BAPI is called over RFC: the scope stage's own reason for that layer is said."""
    kb = bundled_kb
    routed = route("How to call a BAPI from Python", kb)
    assert "RFC" in routed.scope.reason
    assert "RFC / gateway / network layer" in build_answer(routed, kb)


def test_a_follow_up_after_an_outside_question_names_no_message(bundled_kb: KnowledgeBase) -> None:
    kb = bundled_kb
    first = route("how do I create a transport request?", kb)
    assert not first.state.messages and not first.state.causes
    assert not route("how do I fix it?", kb, first.state).messages


def test_the_how_to_confidence_is_the_share_of_its_terms_the_entry_names(bundled_kb: KnowledgeBase) -> None:
    """Inferred from terms, never named: below 0.8; lower when the entry names fewer of them."""
    kb = bundled_kb
    whole = route("how do I add the intermediate CA certificate?", kb)
    half = route("how can I test an HTTPS endpoint from SAP?", kb)  # HTTP in its entry's name, not SSL
    assert whole.how_to and half.how_to
    assert whole.confidence == how_to_confidence(1.0) == NAMED_CAP
    assert 0 < half.confidence < whole.confidence
    # HTTP is in the names of most causes (their codes are): it shows the domain, not the entry
    assert route("how do I call a REST API from ABAP?", kb).confidence == how_to_confidence(0.5)


def test_each_domain_word_names_an_entry_and_each_cause_has_one(bundled_kb: KnowledgeBase) -> None:
    """The domain's words are the base's own: each is in some entry's names, and every cause
    can be reached by a how-to naming one of its terms."""
    kb = bundled_kb
    names = entry_names(kb)
    named = set().union(*names.values())
    terms = {SAME_TERM.get(s, s) for s in DOMAIN_STEMS}
    assert terms <= named, sorted(terms - named)
    unreachable = [key for key, stems in names.items() if key.startswith("c:") and not stems & terms]
    assert not unreachable
