"""A turn mid-conversation that is about something else entirely ("what time is it in
Walldorf?", "can you write me a poem", "who won the match yesterday").

Without this, any short turn after a topic was read as its follow-up (dialogue.read_turn) and
answered with the topic's message again; its everyday words even moved the topic's causes
("match" is a word of a host-name mismatch, "time" of a time-out). Such a turn is said to be
outside what sapassist knows, and the topic stays for the next turn (nextstate keeps it for a
turn that sets none).

The class is read from what the turn holds, not from its wording: a short question or request
that names nothing of the domain (no id, code, host, transaction, parameter, glossary term,
scope cue, none of howtoterms.DOMAIN_WORDS, no connection word), that does not point back at
the topic ("it", "that", "and …", "what if …") and that still asks about a thing of its own —
a content word that is none of the conversation's own words (asking why, how to fix, what it
means, for more, for a note or a source). "ok", "what else?", "tell me more" have no such word
and stay follow-ups.
"""

from __future__ import annotations

import re

from assistant.intent import cues
from assistant.intent.actrequests import asks_to_act
from assistant.intent.fuzzy import stem
from assistant.intent.german import english, fold_umlauts
from assistant.intent.howtoterms import domain_terms
from assistant.intent.kbindex import RouterIndex
from assistant.intent.parsing import ParsedText
from assistant.intent.scope import about_a_connection
from assistant.intent.scopecues import Hit
from assistant.lazyre import LazyPattern

OUTSIDE_TALK_WORDS = 12  # a longer turn is a report of its own, read by the scope stage

# A question or a request by its form: a question mark, or a question word or an auxiliary first.
_ASKS = LazyPattern(
    r"\?\s*$|^\W*(?:who|whom|whose|what|when|where|which|how|why|can|could|would|will|do|does|did|is|are|was|were)\b",
    re.IGNORECASE,
)
# "it" as the empty subject of a question about a quantity or a time ("what time is it",
# "how late is it", "what day was it"): it points at nothing said before.
_EMPTY_IT = re.compile(r"^ (?:what|which|how) [a-z]+ (?:is|was) it ")
# Words of any question and of the conversation itself (asking for the fix, the reason, the
# meaning, more, a note or a source): no subject of the turn's own.
_TALK_WORDS = frozenset("""
    a an the i we you me us my our your he she they them his her their one someone something anything
    is are was were be been am do does did done have has had can could would will should shall may might must
    what who whom whose when where which how why whether if then than so and or but not no yes ok okay please
    to of in on at by for from with about into over under up down out off again also just still now here there
    tell give show write explain mean means meaning more else other another details detail example examples
    fix fixes solve solved resolve help work works happen happens cause causes reason reasons step steps
    next first last try tried thanks thank sap note notes link links source sources documentation docs
    wie was wo wer wann warum wieso welche welcher welches ich wir du sie man es der die das den dem ein eine
    ist sind war kann kannst koennen muss soll bitte noch mehr auch und oder aber nicht
""".split())
# German words pointing back at the topic ("wie behebe ich das?", "und dieser Fehler?").
_POINTS_BACK_DE = re.compile(r" (?:das|dies|diese[srmn]?|dieser|dem|den|daran|dafuer|damit) ")
_WORD = re.compile(r"[a-z][a-z'-]*")


def talks_outside(parsed: ParsedText, hits: list[Hit], has_topic: bool, index: RouterIndex) -> bool:
    """The turn, said during a topic, is a question about something outside the domain: its
    own word is none of the knowledge base's words (the index's vocabulary and stems: every
    word of its names and prose). "which user?", "which PSE?", "which transactions do I need?" ask about the topic
    in the base's own words and stay follow-ups or domain questions; "Walldorf", "poem",
    "yesterday" are words the base never uses."""
    if not has_topic or parsed.n_words > OUTSIDE_TALK_WORDS or not _ASKS.search(parsed.raw.strip()):
        return False
    if hits or domain_terms(parsed) or parsed.glossary_in_report or about_a_connection(parsed):
        return False
    if asks_to_act(parsed.raw):  # "kannst du ein Ticket bei SAP aufmachen?": a request of its own (actrequests)
        return False
    said = " " + " ".join(_WORD.findall(fold_umlauts(parsed.raw.lower()))) + " "
    if _points_back(said):
        return False
    # A German word the router renders in English ("behebe" → fix) is one of its own words.
    return any(w not in _TALK_WORDS and not english(w) and not _the_bases_word(w, index) for w in said.split())


def _the_bases_word(word: str, index: RouterIndex) -> bool:
    return word in index.vocabulary or stem(word) in index.postings


def _points_back(said: str) -> bool:
    """A pronoun or a continuation that points at the topic ("fix it", "and that?", "what if
    …"); "it" as an empty subject ("what time is it") points at nothing."""
    if cues.CONTINUATION.search(said) or said.startswith(" what if "):
        return True
    return bool(cues.ANAPHORA.search(_EMPTY_IT.sub(" ", said, count=1)) or _POINTS_BACK_DE.search(said))
