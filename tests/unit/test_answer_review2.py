"""Classes of the second answers review (answerreview2), on the bundled base. Each test
first checks that the router hands over the material that made the answer mislead (so the
test can fail), then what the answer shows instead. Texts are written for the class."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _listed(doc_markdown: str, cause_id: str) -> bool:
    return f"(`{cause_id}`)" in doc_markdown


@pytest.mark.parametrize(
    ("text", "set_aside"),
    [
        ("I activated our ICF service for the upload app in SICF. Calling it gives 'Service cannot be "
         "reached - 404 No Extension Found', a bit later 403 Forbidden.", "SCLNT_HTTP404"),
        ("Error: Request failed with status code 401 at settle (node_modules/axios/lib/core/settle.js:17:12) "
         "timeout: 5000, url: 'https://tenant.authentication.eu10.hana.ondemand.com/oauth/token'", "SCLNT_HTTP401"),
    ],
)
def test_a_cause_only_a_set_aside_message_lent_is_not_listed(kb: KnowledgeBase, text: str, set_aside: str) -> None:
    routed = route(text, kb)
    assert routed.scope.kind != "sap_http_client"
    lent = [c.id for c in routed.causes if c.evidence == "message"
            and set_aside in {m.id for m in kb.messages_for_cause(c.id)}]
    assert lent, "the router no longer lends this message's causes: the test needs another text"
    doc = build_answer_doc(routed, kb)
    shown = doc.verdict + "\n".join(s.markdown for s in doc.sections)
    for cause_id in lent:
        assert not _listed(shown, cause_id), cause_id
