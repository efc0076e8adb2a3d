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
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase

T = TypeVar("T")
LIMIT = 8


def per_base(build: Callable[[KnowledgeBase], T]) -> Callable[[KnowledgeBase], T]:
    """`build(kb)` once per base (by identity)."""
    memo: dict[int, tuple[KnowledgeBase, T]] = {}

    @functools.wraps(build)
    def get(kb: KnowledgeBase) -> T:
        hit = memo.get(id(kb))
        if hit is not None and hit[0] is kb:
            return hit[1]
        value = build(kb)
        while len(memo) >= LIMIT:
            memo.pop(next(iter(memo)))
        memo[id(kb)] = (kb, value)
        return value

    return get
