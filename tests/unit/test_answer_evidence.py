"""The answers read which kind of evidence made each cause (ScoredCause.evidence): beside
another kind of failure only causes the text shows are listed, and a cause met only by
words of its explanation never leads. On the bundled base; each test first checks that
the router hands over the material that made the answer mislead (so the test can fail),
then what the answer shows instead. The texts are written for the class."""

from __future__ import annotations

import pytest

from assistant.answers.document import Section
from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.intent.result import Routed, Scope, ScoredCause
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def listed(doc_markdown: str, cause_id: str) -> bool:
    return f"(`{cause_id}`)" in doc_markdown


@pytest.mark.parametrize(
    ("text", "kind", "shown", "noise"),
    [
        # TLS inspection's explanation shares "corporate network" with a Python client's report.
        ("Python requests raises CERTIFICATE_VERIFY_FAILED when we connect to the S/4HANA OData service "
         "through the corporate network", "other_client", "server_cert_untrusted", "tls_interception"),
        # a far server's 502: logon causes met by words only are no likely cause of it.
        ("HTTP/1.1 502 Bad Gateway from the backend when abapGit pulls", "http_status_from_server",
         "http_status_from_server", "logon_failed"),
    ],
)
def test_beside_another_kind_of_failure_keyword_only_causes_are_not_listed(
    kb: KnowledgeBase, text: str, kind: str, shown: str, noise: str
) -> None:
    routed = route(text, kb)
    by_id = {c.id: c for c in routed.causes}
    assert routed.scope.kind == kind and not by_id[shown].keyword_only and by_id[noise].keyword_only
    markdown = build_answer_doc(routed, kb).markdown()
    assert listed(markdown, shown)
    assert not listed(markdown, noise)


def test_beside_another_kind_a_keyword_only_cause_a_status_names_is_kept(kb: KnowledgeBase) -> None:
    routed = route("HTTP/1.1 502 Bad Gateway from the backend when abapGit pulls", kb)
    named = Routed(
        intent="explain", scope=routed.scope, readings=routed.readings, http_statuses=routed.http_statuses,
        causes=[ScoredCause("http_status_from_server", 0.9, "keyword"), ScoredCause("logon_failed", 0.5, "keyword")],
    )
    assert next(r.cause for r in routed.readings if r.cause) == "http_status_from_server"
    markdown = build_answer_doc(named, kb).markdown()
    assert listed(markdown, "http_status_from_server")  # the status reading names it: kept whatever its kind
    assert not listed(markdown, "logon_failed")


def test_for_the_sap_client_a_keyword_only_cause_is_listed_but_never_leads(kb: KnowledgeBase) -> None:
    routed = Routed(
        intent="explain",
        scope=Scope("sap_http_client", "an SAP HTTP-client problem"),
        causes=[ScoredCause("redirect_loop", 0.8, "keyword"), ScoredCause("server_cert_expired", 0.6, "sign")],
    )
    doc = build_answer_doc(routed, kb)
    expired, loop = kb.causes["server_cert_expired"], kb.causes["redirect_loop"]
    assert doc.headline == expired.title or f"**Most likely cause:** {expired.title}." in doc.verdict
    assert loop.title not in doc.verdict
    fixes = [s for s in doc.sections if s.key.startswith("fix:")]
    assert fixes and fixes[0].key == "fix:server_cert_expired"
    assert listed(doc.markdown(), "redirect_loop")  # still listed, after the cause the text shows


def test_with_keyword_only_causes_alone_the_sap_client_answer_keeps_the_routers_order(kb: KnowledgeBase) -> None:
    routed = Routed(
        intent="explain",
        scope=Scope("sap_http_client", "an SAP HTTP-client problem"),
        causes=[ScoredCause("redirect_loop", 0.8, "keyword"), ScoredCause("server_cert_expired", 0.6, "family")],
    )
    doc = build_answer_doc(routed, kb)
    assert doc.headline == kb.causes["redirect_loop"].title


# --- another client's call: no fix step of the ABAP side --------------------------------------


ABAP_SIDE = ("SM59", "STRUST", "SMICM", "RZ10")


def fix_markdown(doc_sections: tuple[Section, ...]) -> str:
    return "\n".join(s.markdown for s in doc_sections if s.key.startswith("fix:"))


@pytest.mark.parametrize(
    "text",
    [
        "Our Java application calls the BTP destination and gets HTTP 401 Unauthorized",
        "Node.js client gets statusCode: 401 from the SAP OData service",
    ],
)
def test_another_clients_401_gets_no_sm59_fix_step(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server" and routed.another_client
    assert routed.causes[0].id == "logon_failed" and "SM59" in kb.causes["logon_failed"].fix[0]
    doc = build_answer_doc(routed, kb)
    fixes = fix_markdown(doc.sections)
    # Its one step left is the verdict's next step (a fix section of that step alone would say it twice).
    assert "Confirm with the target's owner which logon method it expects." in doc.verdict + fixes
    for word in ABAP_SIDE:
        assert word not in fixes and word not in doc.verdict, word


def test_the_abap_clients_401_keeps_its_sm59_fix_step(kb: KnowledgeBase) -> None:
    routed = route("abapGit pull fails: HTTP 401 Unauthorized", kb)
    assert routed.scope.kind == "http_status_from_server" and not routed.another_client
    doc = build_answer_doc(routed, kb)
    assert "`SM59`" in fix_markdown(doc.sections) and "`SM59`" in doc.verdict


def test_for_another_client_only_steps_that_name_nothing_of_the_abap_side_are_kept(kb: KnowledgeBase) -> None:
    from assistant.answers.clientside import fix_steps

    cause = kb.causes["http_status_from_server"]
    other = Routed(intent="explain", another_client=True)
    kept = fix_steps(cause, other, kb)
    # (a step for one status — 429's — names nothing of the ABAP side either; with no status
    # in the text it comes after the general steps)
    assert kept == ("Read the response body and headers: the server usually says what it did not like.", cause.fix[0])
    assert cause.fix[0].startswith("For an HTTP 429 ")
    assert set(fix_steps(cause, Routed(intent="explain"), kb)) == set(cause.fix)  # the ABAP client: all of them
    assert fix_steps(kb.causes["server_http2_only"], other, kb) == ()  # a parameter and RZ11: none left


def test_the_caller_is_another_client_only_when_that_client_shows_more_than_the_abap_one(kb: KnowledgeBase) -> None:
    assert route("Request failed with status code 401 in our CAP app calling S/4", kb).another_client
    assert not route("SM59 connection test: HTTP 401 Unauthorized", kb).another_client
    assert not route("cl_http_client get_status returns 401", kb).another_client
    assert not route("HTTP 401 Unauthorized", kb).another_client  # nothing says who called


def test_a_follow_up_about_another_clients_call_still_gets_no_abap_side_step(kb: KnowledgeBase) -> None:
    first = route("Our Java application calls the BTP destination and gets HTTP 401 Unauthorized", kb)
    follow = route("how do I fix it?", kb, first.state)
    assert follow.follow_up and follow.another_client
    doc = build_answer_doc(follow, kb)
    assert "SM59" not in fix_markdown(doc.sections) and "SM59" not in doc.verdict
    # a new problem of the ABAP client's own is not about that client any more
    assert not route("SCLNT_HTTP407 in SM59", kb, follow.state).another_client
