"""One list of negation and hedge words for every reader of what a user states
(intent.negationwords), and the same sentences read the same way by all of them: a sentence one
reader reads as negated is negated for every reader that reads it. Hedges are carried one way:
a hedged statement is never evidence of its own, a denied belief ("I don't think SSL is
active") turns round what follows it, doubt ("not sure whether …") states nothing. Sentences
invented for the class; the typed forms go through typednegations first, as the router does."""

from __future__ import annotations

import pytest

from assistant.intent import importdone, resolution, settingstates, statedfacts
from assistant.intent.importdone import says_import_done
from assistant.intent.negationwords import NEGATIONS
from assistant.intent.resolution import resolution_statements
from assistant.intent.settingstates import statements
from assistant.intent.settingwords import NEGATIONS as SETTING_NEGATIONS
from assistant.intent.statedfacts import stated_facts
from assistant.intent.typednegations import retyped_negations
from assistant.kb.knowledge_base import KnowledgeBase


def _settings(text: str) -> dict[str, tuple[bool, bool]]:
    return {s.setting: (s.on, s.hedged) for s in statements(retyped_negations(text).text)}


def _facts(text: str) -> dict[str, bool]:
    return {f.subject: f.affirmed for f in stated_facts(retyped_negations(text).text)}


def _import_done(text: str) -> bool:
    return says_import_done(retyped_negations(text).text)


def _resolved(text: str) -> list[bool]:
    return [s.solved for s in resolution_statements(retyped_negations(text).text)]


@pytest.mark.parametrize("word", sorted(NEGATIONS))
def test_every_reader_knows_every_shared_negation(word: str) -> None:
    assert word in SETTING_NEGATIONS
    assert word in statedfacts._NEGATORS
    assert resolution._NOT_A_STATEMENT.search(f"it was {word}") is not None
    assert resolution._DENIED_AFTER.match(f" {word} the proxy") is not None
    assert importdone._NOT_DONE.search(f"the root was {word}") is not None


# The same negation word, in the sentence each reader reads: negated for all.
@pytest.mark.parametrize("neg", ["not", "never", "n't"])
def test_a_negation_is_a_negation_for_every_reader(neg: str) -> None:
    be, n = "was", (neg if neg == "n't" else f" {neg}")
    assert _settings(f"SSL {be}{n} activated in SM59")["ssl"][0] is False
    assert not _import_done(f"The root CA {be}{n} imported into the PSE.")
    assert _facts(f"The root CA {be}{n} imported into the PSE.")["root_ca"] is True  # missing: the trouble
    assert _facts(f"The firewall {be}{n} blocking port 443.")["firewall"] is False
    assert _resolved(f"It {be}{n} solved by importing the root CA.") == []
    assert _resolved(f"The cause {be}{n} the proxy.") == []


@pytest.mark.parametrize(
    ("text", "settings", "facts", "import_done"),
    [
        ("The root CA was not imported and SSL is not active.", {"ssl": (False, False)}, {"root_ca": True}, False),
        ("The root CA wasnt imported, SSL isn't active.", {"ssl": (False, False)}, {"root_ca": True}, False),
        ("SSL is not active, but the firewall blocks port 443.", {"ssl": (False, False)},
         {"firewall": True, "port": True}, False),
        ("The firewall does not block port 443, but SNI is enabled.", {"sni": (True, False)},
         {"firewall": False}, False),
        ("I imported the root CA and SSL is active.", {"ssl": (True, False)}, {}, True),
    ],
)
def test_the_same_sentence_is_read_alike_by_every_reader(text: str, settings: dict[str, tuple[bool, bool]],
                                                         facts: dict[str, bool], import_done: bool) -> None:
    assert _settings(text) == settings
    read = _facts(text)
    assert {k: read.get(k) for k in facts} == facts, read
    assert _import_done(text) is import_done


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("I don't think SSL is active", False),
        ("I dont think SSL is active in SM59", False),
        ("I do not believe SNI is enabled", False),
        ("Ich glaube nicht, dass SSL aktiv ist", False),
        ("I think SSL is active", True),
        ("SSL is probably inactive", False),
        ("SSL is likely active", True),
    ],
)
def test_a_hedged_setting_is_read_with_its_polarity_and_hedged(text: str, on: bool) -> None:
    (_setting, (read_on, hedged)), = _settings(text).items()
    assert (read_on, hedged) == (on, True), text


@pytest.mark.parametrize("text", ["I'm not sure whether SSL is active", "Ich bin nicht sicher, ob SSL aktiv ist",
                                  "not sure if SNI is enabled"])
def test_doubt_states_no_setting(text: str) -> None:
    assert _settings(text) == {}


def test_a_hedge_reaches_to_its_clause_end_only() -> None:
    assert _settings("I don't think SSL is active, but SNI is enabled") == {"ssl": (False, True), "sni": (True, False)}


@pytest.mark.parametrize("text", ["I don't think the firewall blocks port 443.", "I think the firewall blocks port 443.",
                                  "Maybe the root CA was not imported."])
def test_a_hedged_fact_is_no_stated_fact(text: str) -> None:
    assert _facts(text) == {}


@pytest.mark.parametrize("text", ["I think the issue was the proxy.", "Probably the problem was the firewall.",
                                  "I believe it was solved by importing the root CA."])
def test_a_hedged_outcome_is_at_most_a_finding(text: str) -> None:
    assert _resolved(text) == [False]


def test_a_hedged_setting_is_no_sign_but_a_plain_one_is(bundled_kb: KnowledgeBase) -> None:
    kb = bundled_kb
    assert "destination_ssl_inactive" in settingstates.stated_causes("SSL is not active in SM59", kb)
    assert "destination_ssl_inactive" not in settingstates.stated_causes("I don't think SSL is active in SM59", kb)
    assert "destination_ssl_inactive" not in settingstates.stated_causes("I think SSL is inactive in SM59", kb)


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("SSL (Active) is set", True),
        ("SSL: Active is set in SM59", True),
        ("SSL (Inactive) is selected in the destination", False),
        ("in SM59 SSL ( active ) is checked, SNI (disabled)", True),
    ],
)
def test_a_state_in_parentheses_or_after_a_colon_is_read_as_written(text: str, on: bool) -> None:
    assert _settings(text)["ssl"] == (on, False)


@pytest.mark.parametrize("text", ["The root CA was not imported and SSL is active", "the root CA wasnt imported and SSL is active",
                                  "The root CA was never imported and SSL is active"])
def test_a_word_said_of_something_before_and_is_no_setting(text: str) -> None:
    assert statements(text) and {s.setting for s in statements(text)} == {"ssl"}


def test_neither_nor_still_states_both() -> None:
    assert _settings("neither SSL nor SNI is enabled") == {"ssl": (False, False), "sni": (False, False)}
