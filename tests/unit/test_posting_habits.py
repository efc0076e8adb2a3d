"""How a post is dressed up does not move its verdict (benchmarks/scope_invariance.py, round two).

Real posts reach the router with a word processor's non-breaking spaces and typographic
quotes, a mail's header above them, a log's INFO lines around the error, the environment
as ``key: value``, a forum tag in brackets. None of it says what failed. The phrasings are
invented."""

from __future__ import annotations

import pytest

from assistant.intent import Routed, route
from assistant.intent.typednegations import retyped_negations
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _verdict(routed: Routed) -> tuple[str, str, str | None, str | None]:
    return (routed.scope.kind, routed.scope.reason, routed.messages[0].id if routed.messages else None,
            routed.causes[0].id if routed.causes else None)


REPORTS = [
    # a runtime's own error text, matched word by word
    "Our Java batch job stops with unable to find valid certification path to requested target since the "
    "partner renewed its certificate.",
    # a reason phrase quoted as the server's answer
    "The partner's service returns \"Not Found\" when the portal calls it after the login.",
    "Since Monday every call from our ABAP report to the tax portal ends with HTTP error 407 occured.",
]

SPACES = ["\u00a0", "\u202f", "\u2009", "\u3000"]


@pytest.mark.parametrize("space", SPACES, ids=["nbsp", "narrow-nbsp", "thin", "ideographic"])
@pytest.mark.parametrize("text", REPORTS)
def test_a_unicode_space_reads_as_a_space(kb: KnowledgeBase, text: str, space: str) -> None:
    """Text copied out of a word processor or a web page has non-breaking spaces between its words."""
    assert _verdict(route(text.replace(" ", space), kb)) == _verdict(route(text, kb))


@pytest.mark.parametrize(("opening", "closing"), [("\u201c", "\u201d"), ("\u201e", "\u201c"), ("\u2018", "\u2019")])
def test_typographic_quotes_read_as_straight_ones(kb: KnowledgeBase, opening: str, closing: str) -> None:
    """A word processor or a mail client writes “…” for "…": the quoted reason phrase is the same."""
    text = REPORTS[1]
    curly = text.replace('"', opening, 1).replace('"', closing, 1).replace("'", "\u2019")
    assert _verdict(route(curly, kb)) == _verdict(route(text, kb))


def test_typographic_quotes_are_given_back_as_typed() -> None:
    """The user is quoted with the marks they typed: the canonical text keeps an edit for each."""
    typed = "The portal says \u201cNot Found\u201d and it doesn\u2019t retry \u2018today\u2019."
    retyped = retyped_negations(typed)
    assert retyped.text == "The portal says \"Not Found\" and it does not retry 'today'."
    assert retyped.as_typed(0, len(retyped.text)) == typed
    start = retyped.text.index('"')
    assert retyped.as_typed(start, start + len('"Not Found"')) == "\u201cNot Found\u201d"


@pytest.mark.parametrize("text", [
    'The sync job logs: Get "https://inventory.partner.invalid/v2/items": x509: certificate signed by unknown '
    "authority\nand stops there.",
    "Our deploy pipeline fails with Error: Post https://login.partner.invalid/oauth/token: dial tcp: i/o timeout",
])
def test_a_tab_inside_a_line_reads_as_a_space(kb: KnowledgeBase, text: str) -> None:
    """A table pasted out of the SAP GUI or a terminal puts tabs between fields; indentation stays."""
    tabbed = "\n".join("\t" + line.replace(": ", ":\t") for line in text.splitlines())
    assert _verdict(route(tabbed, kb)) == _verdict(route(text, kb))
