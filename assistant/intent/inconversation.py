"""Stage 1 of `route()` in its conversation: the turn read with what the dialogue state says.

Kept apart from the router so its stages stay readable: a reply to the question the last
answer asked, a pronoun's ruling after the last turn's names, a pointer back to an earlier
topic, a pronoun's subject carried from the last turn (carriedsubject.py), the bare numbers
of an SAP-client conversation, and a confirmed cause the turn says
was acted on (actedon.py) — each changes the text read or the state it is read on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.intent.actedon import released_when_acted_on
from assistant.intent.carriedsubject import with_the_earlier_subject
from assistant.intent.dialogue import numbers_read_by_the_conversation, with_pending_question
from assistant.intent.limitclauses import only_limits
from assistant.intent.parsing import ParsedText, parse_text
from assistant.intent.pronouns import as_a_correction, ruled_after_the_last_turn
from assistant.intent.recall import Recall, recall

if TYPE_CHECKING:
    from assistant.intent.kbindex import RouterIndex
    from assistant.intent.scopecues import Hit
    from assistant.intent.state import DialogueState
    from assistant.kb.knowledge_base import KnowledgeBase


def read_in_conversation(
    raw_text: str, state: DialogueState, kb: KnowledgeBase, index: RouterIndex
) -> tuple[ParsedText, DialogueState, Hit | None, Recall]:
    """Stage 1 in its conversation: a reply to the question the last answer asked, read with
    the text it was about; an earlier topic the turn points back to, made the topic it is
    read on (recall.py); bare numbers read the way the conversation says; a confirmed cause
    whose import the turn says was done no longer leads (actedon.py)."""
    if state.pending and only_limits(raw_text, kb):
        # "I cannot restart the ICM" after "what is the exact error text?": no answer to the
        # question, a limit of the admin's (statedlimits) — read on its own, the question dropped.
        state = replace(state, pending=None, pending_text="")
    read_text, told, state, chosen = with_pending_question(raw_text, state)
    ruled = ruled_after_the_last_turn(read_text, state)  # "they are not involved" after the names
    if ruled is not None:
        read_text, state = ruled, as_a_correction(state)
    else:  # "it blocks it" after a turn about the firewall: the pronoun takes that subject
        read_text = with_the_earlier_subject(read_text, state)
    parsed = parse_text(read_text, kb, index)
    recalled = recall(parsed, state, kb)
    if recalled.text is not None:  # the turn without its pointer back ("back to the first error, …")
        parsed = parse_text(recalled.text, kb, index)
    state = released_when_acted_on(recalled.state, parsed.raw, kb)
    return numbers_read_by_the_conversation(parsed, state, told), state, chosen, recalled
