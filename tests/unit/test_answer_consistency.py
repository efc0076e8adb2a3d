"""Classes of answer lines that contradict the answer's own verdict, on the bundled base
(docs/research/answers_audit_2.md). Each test first checks that the router hands the
answer builder the misleading material (so the test can fail), then that the answer
does not show it. The texts are written for the class, not copied from reports."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer, build_answer_doc
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

# Causes that mean no answer came back (name, connection, proxy path, TLS, trust, PSE).
BEFORE_ANY_ANSWER = {"resolve", "connect", "proxy", "tls", "chain", "client_cert", "none"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _listed(md: str, kb: KnowledgeBase) -> set[str]:
    return {c for c in kb.causes if f"(`{c}`)" in md or f"if: {kb.causes[c].title}" in md}


@pytest.mark.parametrize(
    "text",
    [
        # An ordinary word ("provided") meets a DNS sign ("nodename nor servname provided").
        '{"error":"invalid_grant","error_description":"No refresh token provided for the user."}',
        'The OAuth token endpoint answered 400: {"error":"unauthorized_client","error_description":"client id not provided"}',
    ],
)
def test_beside_the_servers_answer_no_cause_that_means_no_answer_came(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server" and not routed.messages
    transport = [c.id for c in routed.causes if kb.causes[c.id].check.step in BEFORE_ANY_ANSWER]
    assert transport, "the router ranks a transport cause here: the test would prove nothing"
    md = build_answer(routed, kb)
    assert "the server answered" in md.split("\n", 1)[0]
    assert not _listed(md, kb) & set(transport)
    assert "http_status_from_server" in md  # the fitting causes are still listed


def test_beside_the_servers_answer_the_likely_cause_and_its_fix_fit_the_verdict(kb: KnowledgeBase) -> None:
    routed = route('{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}', kb)
    doc = build_answer_doc(routed, kb)
    assert "Host name cannot be resolved" not in doc.markdown()
    assert all(not s.key.startswith("fix:dns") for s in doc.sections)


def test_another_clients_answer_lists_no_cause_of_the_sap_systems_own_parts(kb: KnowledgeBase) -> None:
    text = (
        "The CAP app on Cloud Foundry cannot read the OData service: [APP/PROC/WEB/0] ERR Error: "
        "Failed to create SSL connection, internal error from the token service"
    )
    routed = route(text, kb)
    assert routed.scope.kind == "other_client"
    own_parts = [c.id for c in routed.causes if kb.causes[c.id].check.step == "none"]
    assert "client_pse_missing" in own_parts  # a Node app has no SSL client PSE
    md = build_answer(routed, kb)
    assert not _listed(md, kb) & set(own_parts)


def test_another_clients_answer_keeps_the_causes_any_client_meets(kb: KnowledgeBase) -> None:
    md = build_answer(route("Java client: PKIX path building failed calling the S/4 OData service", kb), kb)
    assert "Closest known causes" in md and "server_cert_untrusted" in md


def test_a_cut_first_sentence_never_leaves_a_code_span_open() -> None:
    from assistant.answers.scoped import first_sentence

    text = "Errors come as a block, for example `" + "ERROR partner not reached … " * 12 + "` and more. Then the rest."
    cut = first_sentence(text)
    assert cut.count("`") % 2 == 0 and cut.endswith("…") and len(cut) <= 222
    assert first_sentence("Short one with `code`. Second.") == "Short one with `code`."


def test_where_the_fix_lives_shows_no_paragraph_cut_short(kb: KnowledgeBase) -> None:
    doc = build_answer_doc(route("RFC_ERROR_COMMUNICATION partner '10.1.1.1:sapgw00' not reached", kb), kb)
    assert doc.headline.endswith("the RFC / network layer")
    line = next(v for v in doc.verdict.split("\n\n") if v.startswith("**Where the fix lives:**"))
    assert line.count("`") % 2 == 0 and not line.endswith("…")


def test_a_message_met_by_wording_never_heads_a_cause_it_does_not_list(kb: KnowledgeBase) -> None:
    routed = route("We keep seeing intermittent connectivity failures to the repo host: it works, then it breaks within minutes", kb)
    # the message the wording ranked best (the lead, moved first, shows its score too)
    best_ranked = next(m.id for m in routed.messages[1:] if m.score >= routed.messages[0].score)
    top = routed.causes[0].id
    assert not routed.entities.message_ids and top not in kb.messages[best_ranked].causes  # the contradiction
    doc = build_answer_doc(routed, kb)
    headline = doc.headline.removeprefix("Not sure yet — ")
    guess = next((v for v in doc.verdict.split("\n\n") if v.startswith("**Best guess:**")), "")
    shown = guess.removeprefix("**Best guess:** ") if guess else headline
    assert shown == kb.causes[top].title  # the cause leads …
    reported = next(v for v in doc.verdict.split("\n\n") if v.startswith("**SAP reports it as:**"))
    first = routed.messages[0].id  # … with its message, which `messages` lists first
    assert first in reported and top in kb.messages[first].causes
    assert f"**Most likely cause:** {kb.causes[top].title}" not in doc.verdict  # not said twice


def test_a_message_met_by_wording_that_lists_the_cause_still_leads(kb: KnowledgeBase) -> None:
    routed = route("our outbound calls from ABAP break intermittently, a few work and then the connection drops", kb)
    assert routed.causes[0].id in kb.messages[routed.messages[0].id].causes
    assert routed.messages[0].id in build_answer_doc(routed, kb).verdict.split("\n\n")[1]


def test_a_best_guess_is_not_also_called_a_best_match(kb: KnowledgeBase) -> None:
    routed = route("SSL error", kb)  # a short text copied from the screen: a guess that asks
    assert routed.question and not routed.entities.message_ids
    verdict = build_answer_doc(routed, kb).verdict
    assert "**Best guess:**" in verdict and "best match for your wording" not in verdict
