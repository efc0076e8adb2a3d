"""The typo corrector's word list (assistant/intent/known_words.txt) keeps real words real.

Issue 8: a word is corrected to a domain word only when it is not itself an English or
German word. The list used to hold only the dictionary words near the vocabulary of the
base it was built from; each new knowledge entry brought new neighbours ("property",
"mail") and the words next to them ("properly", "email") were rewritten until someone
rebuilt the file. Now every English word is in it, whatever the base, and a German word
near the vocabulary of the *current* base is checked here (pyspellchecker is a test
dependency for this). Nor is a word that holds its would-be correction whole ("oauth" is no
typo of "auth") or one the text writes as a name (with a capital inside, or inside a
dotted name: "ConnectionID", "com.sap.scc.servlets").
"""

from __future__ import annotations

import pytest

from assistant.intent.fuzzy import correct_words, is_word
from assistant.intent.kbindex import index_for
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from benchmarks.build_known_words import english_words, german_words_near, vocabulary_built_for


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


# Words seen rewritten after a new entry put their neighbour into the vocabulary.
@pytest.mark.parametrize(
    ("word", "neighbour"),
    [("properly", "property"), ("email", "mail"), ("across", "cross"), ("factory", "factor"),
     ("temporarily", "temporary"), ("cookies", "cookie")],
)
def test_an_english_word_is_never_rewritten_whatever_the_vocabulary(word: str, neighbour: str) -> None:
    choices = [neighbour]
    assert correct_words([word], frozenset(choices), choices) == {}


def test_the_list_holds_every_english_dictionary_word() -> None:
    missing = [w for w in english_words() if not is_word(w)]
    assert not missing, f"{len(missing)} English words missing ({missing[:5]}): run benchmarks/build_known_words.py"


def test_the_list_holds_the_german_words_near_the_current_vocabulary(kb: KnowledgeBase) -> None:
    # Only the vocabulary words the list was not built for need a look (a full rebuild
    # takes half a minute); for them, the German words the corrector could take for typos.
    built_for = vocabulary_built_for()
    assert built_for, "no vocabulary snapshot: run benchmarks/build_known_words.py"
    new = sorted(index_for(kb).vocabulary - built_for)
    missing = [w for w in german_words_near(new) if not is_word(w)]
    assert not missing, f"German words near new vocabulary missing ({missing[:5]}): run benchmarks/build_known_words.py"


@pytest.mark.parametrize(
    ("word", "neighbour"),
    [("oauth", "auth"), ("customca", "custom"), ("couldn", "could"), ("mydestination", "destination"),
     ("connectionid", "connection"), ("theres", "there")],
)
def test_a_word_holding_the_correction_whole_is_no_typo(word: str, neighbour: str) -> None:
    # a compound, a name or a clipped form ("couldn't" read as "couldn" and "t"), not a typo
    choices = [neighbour]
    assert correct_words([word], frozenset(choices), choices) == {}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("SSLException: Connection reset ConnectionID:0 SessionID:0 on Socket", "connectionid"),
        ("Caused by: com.sap.scc.servlets.SccHandshakeException: handshake failed", "servlets"),
        ("jco.client.wshost => qsw.apps.example.com, the RFC connection is rejected", "wshost"),
        ('{"message": "partner not reached\\nRELEASE 753\\nCOMPONENT NI (network interface)"}', "ncomponent"),
        ("SAML2 logon fails: the IdP sends no NameID in the assertion", "nameid"),
    ],
)
def test_a_word_written_as_a_name_is_not_corrected(kb: KnowledgeBase, text: str, word: str) -> None:
    from assistant.intent import route

    assert word not in dict(route(text, kb).entities.corrections)


def test_a_typo_in_prose_is_still_corrected(kb: KnowledgeBase) -> None:
    from assistant.intent import route

    fixes = dict(route("the certifcate is not trustd, the SM59 test fails", kb).entities.corrections)
    assert fixes == {"certifcate": "certificate", "trustd": "trusted"}
