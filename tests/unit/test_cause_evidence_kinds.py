"""Which kind of evidence made each cause (issue 8, "causes first, from symptoms"): the
router notes, per ranked cause, the strongest kind that scored it — an annotation the
answers read, never a weight. On the bundled base; the texts are written for the kind,
not copied from reports."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.intent import DialogueState, route
from assistant.intent.result import EVIDENCE_ORDER, KEYWORD_EVIDENCE, Routed, ScoredCause
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.router_eval import load_eval


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def kinds(routed: Routed) -> dict[str, str | None]:
    return {c.id: c.evidence for c in routed.causes}


@pytest.mark.parametrize(
    ("text", "cause", "kind"),
    [
        ("SSL handshake fails with SSSLERR_PEER_CERT_UNTRUSTED", "server_cert_untrusted", "code"),
        ("is it server_cert_expired?", "server_cert_expired", "literal"),
        ("HTTP/1.1 401 Unauthorized from the target", "logon_failed", "http"),
        ("the certificate expired yesterday", "server_cert_expired", "sign"),
    ],
)
def test_a_cause_the_text_shows_carries_the_kind_that_showed_it(
    kb: KnowledgeBase, text: str, cause: str, kind: str
) -> None:
    assert kinds(route(text, kb)).get(cause) == kind


def test_a_cause_met_only_by_words_of_its_explanation_is_marked_keyword(kb: KnowledgeBase) -> None:
    # Beside the cause the text shows (PKIX), the others are met only by words their long
    # explanations share with any report about a Java client (which ones depends on the
    # weights of the whole base's words): each is marked by words, none by a sign.
    routed = route("Java app gets PKIX path building failed calling our SAP system", kb)
    found = kinds(routed)
    assert found["server_cert_untrusted"] == "sign"
    others = {cause: kind for cause, kind in found.items() if cause != "server_cert_untrusted"}
    assert others and set(others.values()) <= {"keyword", "family"}, others
    assert [c.id for c in routed.causes if c.keyword_only] and not routed.causes[0].keyword_only


def test_a_cause_a_live_check_found_is_marked_confirmed_in_the_follow_up(kb: KnowledgeBase) -> None:
    first = route("SSL handshake fails with SSSLERR_PEER_CERT_UNTRUSTED", kb)
    state = replace(first.state, confirmed_cause="intermediate_missing", confirmed_by="the live check")
    follow = route("how do I fix it?", kb, state)
    assert follow.follow_up and kinds(follow)["intermediate_missing"] == "confirmed"


def test_the_named_messages_own_causes_are_marked_by_the_message(kb: KnowledgeBase) -> None:
    routed = route("SCLNT_HTTP407", kb)
    assert routed.causes and all(c.evidence == "message" for c in routed.causes)


def test_a_status_scope_marks_the_status_cause(kb: KnowledgeBase) -> None:
    routed = route("Node.js client gets statusCode: 401 from the SAP OData service", kb)
    assert routed.scope.kind == "http_status_from_server"
    assert kinds(routed)["http_status_from_server"] in ("http", "scope")


def test_every_routed_cause_of_the_authored_set_has_a_kind(kb: KnowledgeBase) -> None:
    state = DialogueState()
    seen: set[str] = set()
    for item in load_eval().get("items", []):
        if isinstance(item, dict) and "text" in item:
            for cause in route(item["text"], kb, state).causes:
                assert cause.evidence in EVIDENCE_ORDER, (item["text"], cause)
                seen.add(cause.evidence)
    assert seen >= {"code", "sign", "message", "keyword"}


def test_the_kind_is_in_the_json_and_a_cause_set_by_others_has_none() -> None:
    routed = Routed(intent="explain", causes=[ScoredCause("a", 0.9, "title"), ScoredCause("b", 0.5)])
    assert routed.to_json()["causes"] == [
        {"id": "a", "score": 0.9, "evidence": "title"},
        {"id": "b", "score": 0.5, "evidence": None},
    ]
    assert not routed.causes[1].keyword_only  # not scored by the router: not called keywords
    assert KEYWORD_EVIDENCE == {"keyword", "family"} and EVIDENCE_ORDER[-2:] == ("keyword", "family")


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("vscode: unable to connect to our SAP system, the message is socket hang up", "connection_broken"),
        ("java.net.UnknownHostException: s4.example.com", "dns_failure"),
        ("net::ERR_NAME_NOT_RESOLVED when the app loads the OData service", "dns_failure"),
    ],
)
def test_other_clients_words_for_a_broken_connection_or_a_failed_lookup_are_its_signs(
    kb: KnowledgeBase, text: str, cause: str
) -> None:
    # Node's "socket hang up" is the peer closing; Java's UnknownHostException and Chrome's
    # ERR_NAME_NOT_RESOLVED are a failed name lookup: the same phenomena as the base's
    # causes, so they lead, shown as a sign of the text.
    routed = route(text, kb)
    assert routed.causes[0].id == cause
    assert routed.causes[0].evidence in ("sign", "loose_sign")
