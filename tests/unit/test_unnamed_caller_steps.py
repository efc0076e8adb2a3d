"""A far server's status that names no ABAP caller gets no SM59 step. "A Node script
calling an SAP API gets 401", "pyodata … status code: 401": the program that got the
status is not the ABAP client (or nothing says it is), and its logon lives in that
program — before, the next step was SM59 → destination → Logon & Security, a destination
nobody mentioned. Once the text names the ABAP side (SM59, abapGit, an SCLNT_HTTP id),
SM59 is its next step again; "how do I fix it?" gives the ABAP side's steps under "If the
SAP system makes the call"."""

from __future__ import annotations

import json

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question, answer_to_json

ABAP_SIDE = ("SM59", "STRUST", "SMICM", "RZ10")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


def _steps(doc_markdown: str, verdict: str) -> str:
    return verdict + "\n" + doc_markdown


@pytest.mark.parametrize("text", [
    "A Node script calling an SAP API returns 401 Unauthorized",
    "pyodata.exceptions.HttpError: Metadata request failed, status code: 401, body:",
    "Our iOS app gets 401 Unauthorized from the OData service after the SAML login",
])
def test_a_status_without_an_abap_caller_gets_no_abap_side_step(kb: KnowledgeBase, text: str) -> None:
    answered = answer_question(text, kb)
    routed = answered.routed
    assert routed.scope.kind == "http_status_from_server" and not routed.abap_caller
    fixes = "\n".join(s.markdown for s in answered.doc.sections if s.key.startswith("fix:"))
    for word in ABAP_SIDE:
        assert word not in answered.doc.verdict and word not in fixes, word
    assert "**Next step:**" in answered.doc.verdict


@pytest.mark.parametrize("text", [
    "SM59 connection test: HTTP 401 Unauthorized",
    "abapGit pull fails: HTTP 401 Unauthorized",
])
def test_the_abap_caller_named_keeps_its_sm59_step(kb: KnowledgeBase, text: str) -> None:
    answered = answer_question(text, kb)
    assert answered.routed.abap_caller
    assert "SM59" in answered.doc.verdict


def test_how_do_i_fix_it_gives_the_abap_side_only_as_the_sap_systems_case(kb: KnowledgeBase) -> None:
    first = route("A Node script calling an SAP API returns 401 Unauthorized", kb)
    answered = answer_question("how do I fix it?", kb, first.state)
    titles = [s.title for s in answered.doc.sections]
    assert "If the SAP system makes the call" in titles
    sap_case = next(s for s in answered.doc.sections if s.title == "If the SAP system makes the call")
    assert "SM59" in sap_case.markdown
    assert "SM59" not in answered.doc.verdict


def test_ask_json_says_whether_the_abap_side_made_the_call(kb: KnowledgeBase) -> None:
    out = answer_to_json(answer_question("A Node script calling an SAP API returns 401 Unauthorized", kb), kb)
    assert json.loads(json.dumps(out))["abap_caller"] is False
    assert answer_to_json(answer_question("SCLNT_HTTP410 in SM59", kb), kb)["abap_caller"] is True
