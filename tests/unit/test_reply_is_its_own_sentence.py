"""A reply to the chat's question is its own sentence, not the end of the text it answers
(answers26, item 5). The chat reads a reply together with the text its question was about,
joined by a line break; a reply typed in small letters after a line that ends in a word read as
a soft wrap, so "curl on the app server also fails" + "it works in the browser" became one
sentence, "curl … fails it works …", and curl was said to work: a failing curl on the SAP
server ruled out the network path it points to. The later statement is read on its own."""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.dialogues import piped_chat, talk

PATH_CAUSES = {"connect_timeout", "firewall_blocking", "proxy_required", "connection_refused", "dns_failure"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


@pytest.mark.parametrize("first", [
    "SM59 call to https://api.partner.com times out",
    "SM59 test to https://api.partner.com fails",
])
def test_a_failing_curl_is_not_read_as_working(kb: KnowledgeBase, first: str) -> None:
    routed = talk(kb, first, "curl on the app server also fails", "it works in the browser")[-1]
    subjects = {f.subject for f in routed.stated}
    assert "http_probe" not in subjects, routed.stated  # curl failed: no "works" of it
    assert "browser" in subjects


def test_the_piped_chat_says_back_only_what_was_said_to_work() -> None:
    last = piped_chat("SM59 call to https://api.partner.com times out", "curl on the app server also fails",
                      "it works in the browser")[-1]
    assert [s["subject"] for s in last["stated"]] == ["browser"]
    assert "curl on the app server also fails it works" not in last["answer"]
    first = last["causes"][0]["id"]
    assert first in PATH_CAUSES, [c["id"] for c in last["causes"][:4]]  # the failing curl on the same path
