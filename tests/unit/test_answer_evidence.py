"""The answers read which kind of evidence made each cause (ScoredCause.evidence): beside
another kind of failure only causes the text shows are listed, and a cause met only by
words of its explanation never leads. On the bundled base; each test first checks that
the router hands over the material that made the answer mislead (so the test can fail),
then what the answer shows instead. The texts are written for the class."""

from __future__ import annotations

import pytest

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
