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


def test_a_value_put_from_elsewhere_is_handed_out_for_its_base_only() -> None:
    # The router index read from the loader's cache is primed this way (kbindex).
    from assistant.kb.permemo import BaseMemo

    memo: BaseMemo[str] = BaseMemo(limit=2)
    a, b, c = _Base(), _Base(), _Base()
    memo.put(a, "a")  # type: ignore[arg-type]
    assert memo.get(a) == "a" and memo.get(b) is None  # type: ignore[arg-type]
    memo.put(b, "b")  # type: ignore[arg-type]
    memo.put(c, "c")  # type: ignore[arg-type]
    assert memo.get(a) is None and memo.get(c) == "c"  # type: ignore[arg-type]


def test_the_router_index_is_one_per_base_and_a_primed_one_is_used() -> None:
    from assistant.intent.kbindex import build_index, index_for, prime_index
    from assistant.kb.load import load_kb

    kb = load_kb(use_cache=False).kb
    assert index_for(kb) is index_for(kb)
    primed = build_index(kb)
    prime_index(kb, primed)
    assert index_for(kb) is primed
