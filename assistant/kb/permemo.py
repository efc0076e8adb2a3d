"""Values worked out once per knowledge base.

A `KnowledgeBase` is a slotted, unhashable dataclass that is never changed after loading,
so a table derived from it (the router's tables, the settings its causes state) is
memoised by the base's identity; the base is kept beside its value so that an id reused
after a base is gone cannot hand out another base's table. A handful of bases per process
at most (the bundled one, a test's, a pack's): the oldest goes first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase

T = TypeVar("T")
LIMIT = 8


class BaseMemo(Generic[T]):
    """Values by base identity, the base kept beside its value; the oldest goes first."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._limit = limit
        self._values: dict[int, tuple[KnowledgeBase, T]] = {}

    def get(self, kb: KnowledgeBase) -> T | None:
        hit = self._values.get(id(kb))
        return hit[1] if hit is not None and hit[0] is kb else None

    def put(self, kb: KnowledgeBase, value: T) -> None:
        """Remember `value` for `kb` (also one built elsewhere, e.g. read from a cache)."""
        while len(self._values) >= self._limit:
            self._values.pop(next(iter(self._values)))
        self._values[id(kb)] = (kb, value)


def per_base(build: Callable[[KnowledgeBase], T]) -> Callable[[KnowledgeBase], T]:
    """`build(kb)` once per base (by identity)."""
    memo: BaseMemo[T] = BaseMemo()

    @functools.wraps(build)
    def get(kb: KnowledgeBase) -> T:
        value = memo.get(kb)
        if value is None:
            value = build(kb)
            memo.put(kb, value)
        return value

    return get
