"""`KnowledgeBase`: every entry of the layered knowledge base by id, with the reverse
look-ups the router and the answers need.

It sits above both `assistant.kb.model` (the entry dataclasses) and
`assistant.kb.message_table` (the compact store of messages), so neither of those has to
know the other's container. Plain data, so the whole base pickles into the loader's cache.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.kb.message_table import MessageTable
from assistant.kb.model import Cause, Code, GlossaryEntry, Message


@dataclass(slots=True)
class KnowledgeBase:
    """All entries by id, plus reverse indexes that the router and answers need.

    `messages` is a `MessageTable` (a dict of `Message` by id that keeps bare T100 imports
    as compact rows); a plain dict given to the constructor is converted. The helpers
    below look only at the curated messages where bare imports cannot match (they have
    no causes, codes or constants), so they stay cheap with 100,000 imported messages.
    """

    messages: MessageTable = field(default_factory=MessageTable)
    causes: dict[str, Cause] = field(default_factory=dict)
    codes: dict[str, Code] = field(default_factory=dict)
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.messages, MessageTable):
            self.messages = MessageTable(self.messages)

    def message_by_number(self, number: int, message_class: str = "SCLNT_HTTP") -> Message | None:
        return self.messages.get(f"{message_class}{number:03d}")

    def messages_for_cause(self, cause_id: str) -> list[Message]:
        return [m for m in self.messages.curated_values() if cause_id in m.causes]

    def messages_for_code(self, code_id: str) -> list[Message]:
        code = self.codes.get(code_id)
        linked = set(code.messages) if code else set()
        if not any(self.messages.is_row(mid) for mid in linked):
            return [m for m in self.messages.curated_values() if m.id in linked or code_id in m.codes]
        # a code entry that lists bare imports: keep table order (a rare, slower walk)
        wanted = linked | {m.id for m in self.messages.curated_values() if code_id in m.codes}
        return [self.messages[mid] for mid in self.messages if mid in wanted]

    def message_classes(self) -> set[str]:
        return self.messages.message_classes()

    def known_numbers(self, message_class: str = "SCLNT_HTTP") -> list[int]:
        return self.messages.known_numbers(message_class)

    def merged(self, others: Iterable[KnowledgeBase]) -> KnowledgeBase:
        """A new base where entries of later bases override earlier ones with the same id."""
        out = KnowledgeBase(
            self.messages.copy(), dict(self.causes), dict(self.codes), dict(self.glossary)
        )
        for other in others:
            out.messages.update(other.messages)
            out.causes.update(other.causes)
            out.codes.update(other.codes)
            out.glossary.update(other.glossary)
        return out
