"""Leftovers of the answers (round 9), on the bundled base: glossary terms offered only
when the text names them, wrapped NI hosts, what a number is in its context, signs read
with their sense, and the other client's fix after "how do I fix it?". The texts are
written for the class, not copied from reports."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import Answered, answer_question


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _glossary(text: str, kb: KnowledgeBase) -> tuple[str, ...]:
    e = route(text, kb).entities
    return (*e.transactions, *e.parameters, *e.glossary)


NODE_DNS = "Error: getaddrinfo ENOTFOUND sap.example.com at GetAddrInfoReqWrap.onlookup (node:dns:107:26)"
NI_REFUSED = (
    "*** ERROR => NiPConnect2: 10.20.30.40:3301: connect (111: Connection refused) [/bas/nixxi.cpp 3437]\n"
    "*** ERROR => NiPConnect2 failed NIECONN_REFUSED"
)


def test_a_name_other_software_shares_does_not_offer_the_sap_term_alone(kb: KnowledgeBase) -> None:
    assert "ICM_SERVER_ERROR_NAMES" not in _glossary(NODE_DNS, kb)
    assert "ICM_MADE_STATUS_PAGES" not in _glossary(NI_REFUSED, kb)


def test_the_same_name_beside_the_terms_own_words_still_offers_it(kb: KnowledgeBase) -> None:
    assert "ICM_SERVER_ERROR_NAMES" in _glossary("the ICM error page in the browser says ENOTFOUND", kb)
    assert "ICM_MADE_STATUS_PAGES" in _glossary("get_status( ) gives 404 Connection Refused after RECEIVE", kb)


def test_every_shared_alias_of_the_base_alone_names_no_term_and_with_its_id_does(kb: KnowledgeBase) -> None:
    shared = [(g.id, a) for g in kb.glossary.values() for a in g.shared_aliases]
    assert shared  # the bundled base marks some
    for gid, alias in shared:
        assert gid not in _glossary(f"our client logs: {alias}", kb), (gid, alias)
        assert gid in _glossary(f"{gid}: {alias}", kb), (gid, alias)


def test_a_quoted_ni_partner_cut_by_a_line_wrap_is_read_whole(kb: KnowledgeBase) -> None:
    text = "*** ERROR => NiPConnect2 failed NIECONN_REFUSED\npartner 'gw01.corp.example\n   .com:3301' not reached"
    e = route(text, kb).entities
    assert e.hosts[:1] == ("gw01.corp.example.com",) and 3301 in e.ports
    wrapped_port = route("partner 'gw01.corp.example.com:33\n01' not reached", kb).entities
    assert wrapped_port.hosts[:1] == ("gw01.corp.example.com",) and 3301 in wrapped_port.ports


def test_a_quoted_sentence_over_two_lines_is_not_joined_into_a_host() -> None:
    from assistant.intent.hosts import find_hosts

    hosts, _urls, _ports, _proxy = find_hosts("PSE 'SAPSSLC.\npse' and 'note:\nexample.com'")
    assert hosts == ["example.com"]


def _numbers(text: str, kb: KnowledgeBase) -> list[dict[str, object]]:
    numbers = route(text, kb).to_json()["entities"]["numbers"]
    assert isinstance(numbers, list)
    return numbers


def test_a_status_a_proxy_sent_is_no_message_id_in_the_json(kb: KnowledgeBase) -> None:
    (n,) = _numbers("HTTP/1.1 407 Proxy Authentication Required from the proxy", kb)
    assert n["number"] == 407 and n["message_id"] is None and n["reading"] == "http_status"


def test_a_status_no_message_shares_is_read_as_a_status_in_the_json(kb: KnowledgeBase) -> None:
    (n,) = _numbers("HTTP/1.1 502 Bad Gateway", kb)
    assert n["number"] == 502 and n["message_id"] is None and n["reading"] == "http_status"


def test_a_number_the_wording_reads_as_the_message_keeps_its_id(kb: KnowledgeBase) -> None:
    (n,) = _numbers("HTTP error 407 occured", kb)
    assert n["message_id"] == "SCLNT_HTTP407" and n["reading"] == "message"


def _sign_evidence(text: str, kb: KnowledgeBase, cause: str) -> str | None:
    return next((c.evidence for c in route(text, kb).causes if c.id == cause), None)


def test_a_setting_the_fix_switches_on_is_no_sign_where_the_text_has_it_on(kb: KnowledgeBase) -> None:
    # "SSL Active" is what the fix of destination_ssl_inactive sets; failing with it on is the opposite.
    assert _sign_evidence("works with SSL inactive, fails with SSL active", kb, "destination_ssl_inactive") not in (
        "sign", "loose_sign")
    assert _sign_evidence("the call fails, SSL Active was not set in SM59", kb, "destination_ssl_inactive") == "sign"


def test_an_instruction_is_no_sign_of_its_cause_unless_the_text_says_it_was_not_done(kb: KnowledgeBase) -> None:
    assert _sign_evidence("STRUST import does not work", kb, "server_cert_untrusted") not in ("sign", "loose_sign")
    assert _sign_evidence("we forgot to import the certificate in STRUST", kb, "server_cert_untrusted") == "sign"
    asked = route("how do I import the root CA into the SSL client PSE in STRUST", kb)
    assert asked.causes[0].id == "server_cert_untrusted"  # asking for the remedy keeps it the topic


def test_the_remedy_signs_of_the_base_are_instructions_and_switched_on_settings(kb: KnowledgeBase) -> None:
    from assistant.intent.kbindex import index_for
    from assistant.intent.signs import tables_for

    index = index_for(kb)
    remedies = {(index.signs[p].cause, index.signs[p].text.strip()) for p in tables_for(kb, index).remedies}
    assert ("server_cert_untrusted", "import the certificate in strust") in remedies
    assert ("destination_ssl_inactive", "ssl active") in remedies
    assert not any(cause == "server_timeout" for cause, _ in remedies)  # HTTP_TIMEOUT is a name errors print


def _turns(texts: list[str], kb: KnowledgeBase) -> list[Answered]:
    state = None
    shown: frozenset[str] = frozenset()
    out: list[Answered] = []
    for text in texts:
        answered = answer_question(text, kb, state, for_chat=True, shown=shown)
        state, shown = answered.routed.state, shown | frozenset(answered.doc.keys)
        out.append(answered)
    return out


NODE_NOT_FOUND = "Error: getaddrinfo ENOTFOUND sap.example.com from our Node.js app"
NODE_REFUSED = "Our Node.js app gets connect ECONNREFUSED 10.1.2.3:443 calling the SAP OData service"


def test_how_to_fix_another_clients_error_without_a_pointer_says_where_its_fix_lives_then_the_abap_side(
    kb: KnowledgeBase,
) -> None:
    first, fix = _turns([NODE_NOT_FOUND, "how do I fix it?"], kb)
    assert first.routed.scope.kind == "other_client" and not first.routed.scope.pointer
    titles = [s.title for s in fix.doc.sections]
    client = titles.index("How to fix it — in the client that made the call")
    sap = titles.index("If the SAP system makes the call")
    assert client < sap
    body = fix.doc.sections[client].markdown
    assert "DNS" in body and "proxy settings" in body and "(`dns_failure`)" in body
    assert "SM59" not in body and "SMICM" not in body  # the ABAP side comes only after
    assert "SM59" in fix.doc.sections[sap].markdown
    assert "How to fix it — in the client" in fix.markdown  # new in this turn: shown, not skipped


def test_the_client_fix_names_the_step_of_the_call_a_refused_connection_is_seen_at(kb: KnowledgeBase) -> None:
    _first, fix = _turns([NODE_REFUSED, "how do I fix it?"], kb)
    body = next(s.markdown for s in fix.doc.sections if s.title.startswith("How to fix it — in the client"))
    assert "(`connection_refused`)" in body and "host and port" in body


def test_a_correction_of_the_caller_shows_the_message_the_leading_cause_points_to(kb: KnowledgeBase) -> None:
    _first, corrected = _turns([NODE_REFUSED, "no — it is our ABAP report that calls it, with cl_http_client"], kb)
    routed = corrected.routed
    assert routed.scope.kind == "sap_http_client" and routed.causes[0].id == "connection_refused"
    assert [m.id for m in routed.messages] == ["SCLNT_HTTP411"]
    assert routed.confidence < 0.8  # derived from a carried-over cause: no more certain than its evidence
    assert corrected.doc.headline.startswith("SCLNT_HTTP411")
