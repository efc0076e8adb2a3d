"""The intent router: `route(text, kb, state) -> Routed`, a pure function.

The names below are imported on first use (PEP 562), so importing a submodule such as
`assistant.intent.kbindex` (every front end primes the router's index at start-up) does
not also import the router: `sapassist list` and `lookup` never route.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.intent.entitytypes import Entities, NumberMention
    from assistant.intent.result import Ambiguity, Routed, ScoredCause, ScoredMessage, UnknownId
    from assistant.intent.router import route
    from assistant.intent.state import DialogueState

_HOMES = {
    "Ambiguity": "result",
    "DialogueState": "state",
    "Entities": "entities",
    "NumberMention": "entities",
    "Routed": "result",
    "ScoredCause": "result",
    "ScoredMessage": "result",
    "UnknownId": "result",
    "route": "router",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'assistant.intent' has no attribute {name!r}")
    return getattr(import_module(f"assistant.intent.{home}"), name)
