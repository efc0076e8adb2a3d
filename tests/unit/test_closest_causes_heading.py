"""Beside another kind of failure than the SAP HTTP client's, the causes list is headed by
what it is: the base's causes that fit, under their neutral titles (no "by the SAP client"),
and the heading says so — not "In SAP terms", which those titles are not. Each kind (another
client, a call to the SAP system, RFC) gets a heading and a first line of its own; the
section's key differs from the same causes listed under SAP titles."""

from __future__ import annotations

import re

import pytest

from assistant.answers.pieces import cause_title
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question

TEXTS = {
    "other_client": [
        "Node.js: Error: self signed certificate in certificate chain when calling our SAP gateway",
        "Our Node.js app behind the corporate proxy gets ECONNREFUSED calling the SAP OData service",
    ],
    "rfc_or_network": [
        "NiPConnect2: 10.20.30.40:3301: connect failed (WSAECONNREFUSED: Connection refused)",
        "RFC_COMMUNICATION_FAILURE partner '10.1.2.3:3300' not reached COMPONENT NI (network interface) RC -10",
    ],
    "sap_server_inbound": [
        "The partner's client certificate is not accepted by our SAP system, they get a handshake failure "
        "when they call our web service",
    ],
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


@pytest.mark.parametrize(("kind", "text"), [(k, t) for k, texts in TEXTS.items() for t in texts])
def test_the_closest_causes_heading_says_what_the_list_is(kind: str, text: str, kb: KnowledgeBase) -> None:
    answered = answer_question(text, kb)
    assert answered.routed.scope.kind == kind
    causes = [s for s in answered.doc.sections if s.key.startswith("causes:")]
    assert len(causes) == 1, [s.title for s in answered.doc.sections]
    section = causes[0]
    assert "SAP terms" not in section.title and "known causes" in section.title
    assert section.key.endswith(f":{kind}")
    assert section.markdown.startswith("Causes from the knowledge base (written for")
    listed = re.findall(r"^\d+\. \*\*(.+?)\*\* \(`(\w+)`\)", section.markdown, re.M)
    assert listed
    for title, cause_id in listed:
        assert title == cause_title(kb.causes[cause_id], kind)
        assert "SAP client" not in title


def test_each_kind_has_its_own_heading(kb: KnowledgeBase) -> None:
    titles = set()
    for texts in TEXTS.values():
        doc = answer_question(texts[0], kb).doc
        titles |= {s.title for s in doc.sections if s.key.startswith("causes:")}
    assert len(titles) == len(TEXTS)
