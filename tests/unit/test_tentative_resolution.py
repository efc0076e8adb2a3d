"""A resolution said with a hedge ("it seems to have solved the problem", "looks like that fixed
it", "anscheinend funktioniert es jetzt wieder") is a tentative solution: never "solved"
(negationwords: a hedge is never evidence of its own), the fix it names kept without the hedge,
and the answer says it back as what it is — a fix that seems to have worked — with the usual
next step beside it, not "Solved, as your text reports". Dev source: SAP/node-hdb ("rebooting
the HANA instance seems to have solved the issue for now"); the rest invented for the class."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.intent.resolution import resolution_statements
from assistant.kb.knowledge_base import KnowledgeBase


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("I imported the root CA into STRUST. It seems to have solved the problem.", "I imported the root CA into STRUST"),
        ("I restarted the ICM, looks like that fixed it", "I restarted the ICM"),
        ("Rebooting the HANA instance seems to have solved the issue for now.", "Rebooting the HANA instance"),
        ("Importing the intermediate apparently did the trick.", "Importing the intermediate"),
        ("Anscheinend funktioniert es jetzt wieder, nachdem wir die Root CA importiert haben.",
         "nachdem wir die Root CA importiert haben"),
    ],
)
def test_a_hedged_fix_is_tentative_not_solved(text: str, names: str) -> None:
    (statement,) = resolution_statements(text)
    assert (statement.solved, statement.tentative) == (False, True)
    assert names in statement.names and not statement.names.rstrip(" ,").endswith(("like that", "seems", "It"))


@pytest.mark.parametrize("text", ["Solved by importing the root CA.", "I think the issue was the proxy.",
                                  "The problem was the proxy."])
def test_a_plain_fix_or_a_finding_is_not_tentative(text: str) -> None:
    assert not any(s.tentative for s in resolution_statements(text))


def test_a_tentative_solution_is_said_as_such(bundled_kb: KnowledgeBase) -> None:
    text = ("SM59 connection test to https://api.partner.de fails with SSSLERR_PEER_CERT_UNTRUSTED. "
            "I imported the root CA into STRUST. It seems to have solved the problem.")
    routed = route(text, bundled_kb)
    doc = build_answer_doc(routed, bundled_kb)
    assert not doc.headline.startswith("Solved")
    first = doc.verdict.split("\n\n")[0]
    assert first.startswith("**Your text says this seems to have fixed it:** “I imported the root CA into STRUST”"), first
    assert "**Next step:**" in doc.verdict
    assert routed.to_json()["resolution"]["tentative"] is True
