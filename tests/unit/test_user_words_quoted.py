"""A user's words said back — "you said “…”" beside a stated cause, "Your text found: “…”",
"Your text reports it solved: “…”" — are quoted by one function (answers.quoting.user_words):
passwords masked, controls escaped, Markdown inert, cut the same way. Before, each answer had
its own cut (the same behaviour today, by two copies that could drift apart): a refactor, these
tests hold its behaviour."""

from __future__ import annotations

import pytest

from assistant.answers.quoting import user_words
from assistant.answers.statednote import you_said
from assistant.intent.state import DialogueState
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.services.answering import answer_question

ESC = "\x1b[2J"


@pytest.mark.parametrize(
    ("said", "absent", "present"),
    [
        (f"the firewall blocks port 443 {ESC}", ESC, "\\x1b"),
        ("Passwort ist Geheim123 and the proxy refuses", "Geheim123", "proxy refuses"),
        ("the *proxy* blocks `it`", "*proxy*", "proxy"),
        ("word " * 100, "word " * 60, "…"),
    ],
)
def test_user_words_are_quoted_safely(said: str, absent: str, present: str) -> None:
    quoted = user_words(said)
    assert absent not in quoted and present in quoted, quoted
    assert you_said(said) == f"you said {user_words(said)}"


@pytest.mark.parametrize(
    "text",
    [
        f"SM59 test to https://api.partner.de fails with ICM_HTTP_CONNECTION_FAILED. The problem was the proxy {ESC}.",
        f"SM59 test to https://api.partner.de fails with SSSLERR_PEER_CERT_UNTRUSTED. Solved by importing the root CA "
        f"{ESC} into STRUST.",
    ],
)
def test_a_resolution_said_back_is_quoted_like_any_users_words(bundled_kb: KnowledgeBase, text: str) -> None:
    answered = answer_question(text, bundled_kb, DialogueState())
    first = answered.doc.verdict.split("\n\n")[0]
    assert "\x1b" not in first, first
    assert answered.routed.resolution is not None
    assert user_words(answered.routed.resolution.names, 160) in first
