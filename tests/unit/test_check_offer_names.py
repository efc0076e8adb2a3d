"""A live check is offered only for a name a check can reach: not a single label
("https://sapdatahubtrial" — a short name only some network's DNS search list completes,
or a placeholder) and not a name reserved for examples (RFC 2606 / RFC 6761: .example,
.invalid, .test, example.com/.net/.org). Asked for outright ("check …") it still runs."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.hosts import can_be_called
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


@pytest.mark.parametrize("target", [
    "https://sapdatahubtrial", "https://sapdatahubtrial:443/app", "sapgw01:3301",
    "https://api.example.com", "https://api.example.org/x", "https://partner.invalid", "sap.test:8443",
    "https://my-host.example",
])
def test_names_no_check_can_reach(target: str) -> None:
    assert not can_be_called(target)


@pytest.mark.parametrize("target", [
    "https://github.com", "api.partner.corp:44300", "https://10.1.2.3:8443", "https://[::1]:8443",
    "localhost:8443", "https://localhost/sap/bc/ping", "https://examples.com", "https://example.com.au",
])
def test_names_a_check_can_reach(target: str) -> None:
    assert can_be_called(target)


@pytest.mark.parametrize("text", [
    "SM59 test to https://sapdatahubtrial fails with SSL handshake error",
    "SM59 connection test to https://api.example.com fails: SSSLERR_PEER_CERT_UNTRUSTED",
])
def test_no_live_check_is_offered_for_them(kb: KnowledgeBase, text: str) -> None:
    for for_chat in (False, True):
        doc = answer_question(text, kb, for_chat=for_chat).doc
        assert "Live check" not in doc.verdict
        assert "sapassist check https://" not in doc.markdown()


def test_a_reachable_name_keeps_its_offer(kb: KnowledgeBase) -> None:
    doc = answer_question("SM59 connection test to https://api.partner.corp fails: SSSLERR_PEER_CERT_UNTRUSTED", kb).doc
    assert "**Live check:** run `sapassist check https://api.partner.corp`" in doc.verdict


def test_asked_for_outright_the_check_target_stays(kb: KnowledgeBase) -> None:
    assert route("check https://sapdatahubtrial", kb).check_target == "https://sapdatahubtrial"
