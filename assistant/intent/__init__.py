"""The intent router: `route(text, kb, state) -> Routed`, a pure function."""

from assistant.intent.entities import Entities, NumberMention
from assistant.intent.result import Ambiguity, Routed, ScoredCause, ScoredMessage, UnknownId
from assistant.intent.router import route
from assistant.intent.state import DialogueState

__all__ = [
    "Ambiguity",
    "DialogueState",
    "Entities",
    "NumberMention",
    "Routed",
    "ScoredCause",
    "ScoredMessage",
    "UnknownId",
    "route",
]
