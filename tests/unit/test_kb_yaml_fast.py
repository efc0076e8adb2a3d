"""The fast path for `import-t100` packs builds exactly what the YAML loader builds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.kb.t100 import T100Row, emit_pack
from assistant.kb.yaml_lines import (
    LineDict,
    LineList,
    parse_imported_pack,
    parse_text,
    parse_yaml_text,
)

DAY = dt.date(2024, 5, 1)
TRICKY = [
    "Material & does not exist", 'Quote "&1" and back\\slash \\n', "Tab\there", "Ümlaut ß € 😀",
    "Control \x01 \x7f \x85 \u2028 \ufeff", "#hash: colon, {brace} [x] *star &anchor !tag %",
    "  spaced  ", "'single' quotes", "- dash", "? question", "null", "042", "yes",
]


def same(fast: Any, slow: Any, path: str = "$") -> None:
    """Equal values, equal types, equal line marks, all the way down."""
    assert type(fast) is type(slow), path
    if isinstance(fast, LineDict):
        assert (fast.line, fast.key_lines, list(fast)) == (slow.line, slow.key_lines, list(slow)), path
        for key in fast:
            same(fast[key], slow[key], f"{path}.{key}")
    elif isinstance(fast, LineList):
        assert (fast.line, fast.item_lines, len(fast)) == (slow.line, slow.item_lines, len(slow)), path
        for i, (a, b) in enumerate(zip(fast, slow, strict=True)):
            same(a, b, f"{path}[{i}]")
    else:
        assert fast == slow, path


def pack_text(texts: list[str], classes: tuple[str, ...] = ("ZCLS", "/SCWM/MAT")) -> str:
    rows = [T100Row(i + 2, "E", classes[i % len(classes)], i, t) for i, t in enumerate(texts)]
    return emit_pack(rows, 'my "download".txt', DAY)


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_fast_path_equals_the_yaml_loader(line_end: str) -> None:
    text = pack_text(TRICKY).replace("\n", line_end)
    fast, slow = parse_imported_pack(text), parse_yaml_text(text)
    assert fast is not None and slow.error is None
    same(fast.data, slow.data)
    entries = fast.data["messages"]
    assert entries[0]["sources"] is entries[-1]["sources"]  # the alias: one shared list
    assert [e["title"] for e in entries] == TRICKY


def test_empty_pack() -> None:
    text = pack_text([])
    fast = parse_imported_pack(text)
    assert fast is not None
    same(fast.data, parse_yaml_text(text).data)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30).filter(str.strip), min_size=1, max_size=5))
def test_fast_path_equals_the_yaml_loader_for_any_text(texts: list[str]) -> None:
    text = pack_text(texts)
    slow = parse_yaml_text(text)
    fast = parse_imported_pack(text)
    if fast is None:  # declined (e.g. a surrogate): the loader's answer is used
        return
    assert slow.error is None
    same(fast.data, slow.data)


@pytest.mark.parametrize("edit", [
    lambda t: t.replace("status: imported", "status: confirmed", 1),  # another value
    lambda t: t.replace(", sources: *src}", ", keywords: [x], sources: *src}", 1),
    lambda t: t + "# a trailing comment\n",
    lambda t: t.replace("&src", "&other", 1),  # the alias then points nowhere
    lambda t: t.replace("- {id:", "  - {id:", 1),  # indented differently
    lambda t: t.replace("number: 1,", "number: 01,", 1),  # YAML 1.1 reads 01 as octal
    lambda t: t.replace("title: \"Tab\\there\"", "title: \"Tab\\x41\"", 1),  # another escape
    lambda t: t.replace("# SAP", "# SAP\x85", 1),  # a YAML line break inside a comment
    lambda t: t.replace("messages:\n", "messages:\n\n", 1),
])
def test_anything_else_goes_through_the_yaml_loader(edit: Any) -> None:
    text = edit(pack_text(TRICKY))
    assert text != pack_text(TRICKY)
    assert parse_imported_pack(text) is None
    result, slow = parse_text(text), parse_yaml_text(text)
    assert (result.data, result.error, result.error_line) == (slow.data, slow.error, slow.error_line)


def test_hand_written_files_are_not_taken_for_imports() -> None:
    text = "messages:\n  - id: ZT001\n    message_class: ZT\n"
    assert parse_imported_pack(text) is None
    assert parse_text(text).data["messages"][0]["id"] == "ZT001"
