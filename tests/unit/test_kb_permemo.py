"""`per_base`: a table derived from a knowledge base is built once per base object."""

from __future__ import annotations

from typing import Any

from assistant.kb.permemo import LIMIT, per_base


class _Base:  # stands in for a KnowledgeBase: unhashable, compared by identity
    __hash__ = None  # type: ignore[assignment]


def test_built_once_per_base_and_never_handed_to_another() -> None:
    calls: list[Any] = []

    @per_base
    def table(kb: Any) -> list[Any]:
        calls.append(kb)
        return [kb]

    a, b = _Base(), _Base()
    assert table(a) is table(a) and table(a) == [a]
    assert table(b) == [b] and table(b) is not table(a)
    assert calls == [a, b]


def test_the_oldest_base_goes_first_beyond_the_limit() -> None:
    calls: list[Any] = []

    @per_base
    def table(kb: Any) -> int:
        calls.append(kb)
        return len(calls)

    bases = [_Base() for _ in range(LIMIT + 1)]
    for kb in bases:
        table(kb)
    table(bases[-1])
    assert len(calls) == LIMIT + 1  # the newest is still remembered …
    table(bases[0])
    assert len(calls) == LIMIT + 2  # … the oldest was let go and is built again
