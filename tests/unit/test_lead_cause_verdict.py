"""When the router heads an answer with a cause (`intent.lead`: e.g. a close runner-up that
the best-ranked message lists), the verdict names that cause and no other: no "Most likely
cause" line with another cause under a "Best guess" of this one, and the next step is one
of its own fix steps. Checked over the answers headed by the cause, for every dev report and every router-eval text."""

from __future__ import annotations

import re

import pytest

from assistant.answers.clientside import fix_steps
from assistant.answers.pieces import cause_title
from assistant.intent.lead import lead_of
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question
from tests.support.real_eval import load_real
from tests.support.router_eval import load_eval


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb().kb


def _texts() -> list[str]:
    return [i["text"] for i in load_real("dev")] + [i["text"] for i in load_eval()["items"]]


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[*`]", "", text).split()).lower()


def test_a_cause_heading_the_answer_is_the_verdicts_only_cause_and_gives_the_next_step(kb: KnowledgeBase) -> None:
    checked, wrong = 0, []
    for text in _texts():
        answered = answer_question(text, kb)
        routed = answered.routed
        lead = lead_of(routed, kb)
        if lead.kind != "cause" or lead.entry not in kb.causes or routed.state.confirmed_cause:
            continue
        cause = kb.causes[lead.entry]
        verdict, title = answered.doc.verdict, cause_title(cause, routed.scope.kind)
        if answered.doc.headline != title and f"**Best guess:** {title}" not in verdict:
            continue  # another kind's answer, or an unknown id's: not headed by the cause
        named = re.search(r"\*\*Most likely cause:\*\* (.+?)\.\n", verdict + "\n")
        if named and named.group(1) != title:
            wrong.append(f"{text[:60]!r}: headed by {cause.id}, most likely {named.group(1)!r}")
        step = re.search(r"\*\*Next step:\*\* (.+)", verdict)
        if step:
            checked += 1
            own = [_plain(s) for s in fix_steps(cause, routed, kb)]
            start = _plain(step.group(1))[:30]
            if not any(start in s for s in own):
                wrong.append(f"{text[:60]!r}: headed by {cause.id}, next step {step.group(1)[:60]!r}")
    # Causes met by shared words alone are no longer headlined (intent.wordsonly): 7 remain.
    assert checked > 5
    assert not wrong, "\n".join(wrong)
