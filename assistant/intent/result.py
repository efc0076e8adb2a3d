"""What the router returns: the intent, ranked messages and causes, and what was unclear."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.intent.entities import Entities
from assistant.intent.state import DialogueState

INTENTS = (
    "explain",
    "causes",
    "fix",
    "check",
    "list",
    "compare",
    "help",
    "greeting",
    "thanks",
    "not_understood",
)


@dataclass(frozen=True, slots=True)
class ScoredMessage:
    id: str
    score: float


@dataclass(frozen=True, slots=True)
class ScoredCause:
    id: str
    score: float


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """One reading of an ambiguous number: kind is 'http_status' or 'sclnt_http'."""

    kind: str
    code: int
    meaning: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class UnknownId:
    """A message id or code the base does not know, with the nearest known ones."""

    id: str
    kind: str  # "message" | "code"
    nearest: tuple[str, ...] = ()


@dataclass(frozen=True)
class Routed:
    intent: str
    messages: list[ScoredMessage] = field(default_factory=list)
    causes: list[ScoredCause] = field(default_factory=list)
    ambiguity: list[Ambiguity] = field(default_factory=list)
    entities: Entities = field(default_factory=Entities)
    state: DialogueState = field(default_factory=DialogueState)
    unknown_ids: list[UnknownId] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)  # doc keys: "m:ID", "c:ID", "g:ID"
    codes: list[str] = field(default_factory=list)  # code ids in the topic, best first
    glossary: list[str] = field(default_factory=list)  # glossary ids asked about
    follow_up: bool = False  # the topic came from the dialogue state
    empty: bool = False  # the text had nothing in it
    http_statuses: list[int] = field(default_factory=list)  # numbers the wording reads as HTTP statuses

    @property
    def check_target(self) -> str | None:
        """What `sapassist check` should be pointed at: a URL or host[:port] from the text or state."""
        e = self.entities
        if e.urls:
            return e.urls[0]
        if e.hosts:
            port = e.ports[0] if e.ports else None
            return f"{e.hosts[0]}:{port}" if port and port != 443 else e.hosts[0]
        if self.state.url:
            return self.state.url
        if self.state.host:
            port = self.state.port
            return f"{self.state.host}:{port}" if port and port != 443 else self.state.host
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "intent": self.intent,
            "messages": [{"id": m.id, "score": m.score} for m in self.messages],
            "causes": [{"id": c.id, "score": c.score} for c in self.causes],
            "ambiguity": [
                {"kind": a.kind, "code": a.code, "meaning": a.meaning, "note": a.note}
                for a in self.ambiguity
            ],
            "entities": self.entities.to_json(),
            "unknown_ids": [
                {"id": u.id, "kind": u.kind, "nearest": list(u.nearest)} for u in self.unknown_ids
            ],
            "suggestions": list(self.suggestions),
            "codes": list(self.codes),
            "glossary": list(self.glossary),
            "follow_up": self.follow_up,
            "http_statuses": list(self.http_statuses),
        }
