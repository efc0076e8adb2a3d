"""The words of a URL are a name, not evidence (issue 8's rule for typos, for every matcher).

`https://idp.example.org/saml2/sso` names a server and a path: its "saml2" is not the
transaction SAML2, its "certificate" or "expired" says nothing of what failed. The
glossary, the keyword index (and the loose signs, titles and families fed by the same
words) read the text with each URL taken out; a term or word written in the sentence
itself still counts. (Signs matched verbatim still see a URL: a host name such as
`…cloudfront.net` is a sign of its own.)
"""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _terms(text: str, kb: KnowledgeBase) -> set[str]:
    e = route(text, kb).entities
    return {*e.transactions, *e.parameters, *e.glossary}


@pytest.mark.parametrize(
    ("url", "term"),
    [
        ("https://idp.example.org/saml2/sso", "SAML2"),
        ("https://host.example.com/sap/bc/gui/sap/its/strust", "STRUST"),
        ("https://sm59.example.com/api", "SM59"),
    ],
)
def test_a_term_only_inside_a_url_is_not_named(kb: KnowledgeBase, url: str, term: str) -> None:
    assert term not in _terms(f"the call to {url} fails with HTTP 500", kb)
    # written in the sentence, the same term is named
    assert term in _terms(f"the call to {url} fails with HTTP 500, see {term}", kb)


@pytest.mark.parametrize(
    "path", ["certificate/expired/handshake", "proxy/authentication", "oauth2/token/unauthorized/timeout"]
)
def test_words_only_inside_a_url_are_no_evidence(kb: KnowledgeBase, path: str) -> None:
    plain = route("the call to https://host.example.com/a/b/c fails", kb)
    worded = route(f"the call to https://host.example.com/{path} fails", kb)
    assert [(c.id, round(c.score, 3)) for c in worded.causes] == [(c.id, round(c.score, 3)) for c in plain.causes]
    assert [m.id for m in worded.messages] == [m.id for m in plain.messages]
    assert worded.scope.kind == plain.scope.kind


def test_a_server_name_that_is_a_sign_still_counts(kb: KnowledgeBase) -> None:
    # CloudFront serves many names on one address and needs SNI: its host name is the sign.
    text = "SM59 call to https://{}/api/orders fails with SSL handshake error"
    assert "sni_not_sent" in [c.id for c in route(text.format("d1111abcdef8.cloudfront.net"), kb).causes[:2]]
    assert "sni_not_sent" not in [c.id for c in route(text.format("api.example.com"), kb).causes[:2]]
