"""The typo corrector's word list (assistant/intent/known_words.txt) keeps real words real.

Issue 8: a word is corrected to a domain word only when it is not itself an English or
German word. The list used to hold only the dictionary words near the vocabulary of the
base it was built from; each new knowledge entry brought new neighbours ("property",
"mail") and the words next to them ("properly", "email") were rewritten until someone
rebuilt the file. Now every English word is in it, whatever the base, and a German word
near the vocabulary of the *current* base is checked here (pyspellchecker is a test
dependency for this).
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
