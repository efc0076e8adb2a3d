"""A conversation routed turn by turn, each turn with the state the one before left."""

from __future__ import annotations

from assistant.intent import DialogueState, Routed, route
from assistant.kb.knowledge_base import KnowledgeBase


def talk(kb: KnowledgeBase, *turns: str) -> list[Routed]:
    state, routed = DialogueState(), []
    for text in turns:
        routed.append(route(text, kb, state))
        state = routed[-1].state
    return routed
