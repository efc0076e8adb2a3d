"""One question, one message: the SCLNT_HTTP message the answer names (its headline, or
"SAP reports it as" under a cause that leads) is `messages[0]` of `ask --json`. The router
decides it once (intent.lead); before, the answer chose the first ranked message that
lists the leading cause while `messages` stayed in score order."""

from __future__ import annotations

import re

import pytest

from assistant.answers.document import AnswerDoc
from assistant.intent import DialogueState, route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question, answer_to_json
from tests.support.router_eval import load_eval

_ID = re.compile(r"[A-Z][A-Z0-9_/]*\d{3}\b")
_REPORTED = re.compile(r"\*\*SAP reports it as:\*\* (\S+)")
_GUESS = re.compile(r"\*\*Best guess:\*\* (\S+)")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def named_message(doc: AnswerDoc, kb: KnowledgeBase) -> str | None:
    """The message an answer names as what SAP reports: read off the answer itself."""
    guess = _GUESS.search(doc.verdict)
    head = guess.group(1) if guess and doc.headline.startswith("Not sure yet") else doc.headline
    found = _ID.match(head)
    if found and found.group(0) in kb.messages:
        return found.group(0)
    reported = _REPORTED.search(doc.verdict)
    return reported.group(1) if reported else None


def test_behind_a_proxy_the_json_lists_first_the_message_the_answer_names(kb: KnowledgeBase) -> None:
    answered = answer_question("we are behind a proxy", kb)
    out = answer_to_json(answered, kb)
    named = named_message(answered.doc, kb)
    assert named is not None and out["messages"][0]["id"] == named
    # The cause heads the answer, and the message named is one the base links to it.
    assert answered.routed.lead is not None and answered.routed.lead.kind == "cause"
    assert out["causes"][0]["id"] in kb.messages[named].causes


def _authored_turns() -> list[tuple[str, list[str]]]:
    """Every authored question, and every dialogue as its turns (routed in order)."""
    data = load_eval()
    cases = [(item["text"][:50], [item["text"]]) for item in data["items"] if item.get("intent") != "compare"]
    cases += [(f"dialogue {i}", [t["text"] for t in d]) for i, d in enumerate(data["dialogues"])]
    return cases


@pytest.mark.parametrize(("label", "turns"), _authored_turns(), ids=[c[0] for c in _authored_turns()])
def test_over_the_authored_set_the_answer_and_messages_agree(kb: KnowledgeBase, label: str, turns: list[str]) -> None:
    state = DialogueState()
    for text in turns:
        answered = answer_question(text, kb, state)
        state = answered.routed.state
        named = named_message(answered.doc, kb)
        if named is not None:
            assert answered.routed.messages and answered.routed.messages[0].id == named, text


def test_a_named_message_stays_first(kb: KnowledgeBase) -> None:
    routed = route("HTTP error 411 occured: Direct connect to github.com:443 failed: NIECONN_REFUSED(-10)", kb)
    assert routed.lead is not None and routed.lead.kind == "message"
    assert routed.messages[0].id == routed.lead.message == "SCLNT_HTTP411"


def test_a_close_runner_up_that_the_best_ranked_message_lists_heads_the_answer(kb: KnowledgeBase) -> None:
    # The best-ranked message sums all the evidence; when it does not list the single most
    # likely cause but lists a close runner-up, that cause heads the answer and the message
    # stays the one named (before, the first cause led and dragged a weaker message first).
    routed = route("abapGit asks for user and password and then shows SSL-Client (Anonym) communication error", kb)
    by_score = sorted(routed.causes, key=lambda c: -c.score)
    assert routed.lead is not None and routed.lead.kind == "cause"
    assert routed.causes[0].id == routed.lead.entry != by_score[0].id
    assert routed.causes[0].score >= 0.75 * by_score[0].score
    assert routed.messages[0].id == routed.lead.message == max(routed.messages, key=lambda m: m.score).id
    assert routed.lead.entry in kb.messages[routed.messages[0].id].causes
