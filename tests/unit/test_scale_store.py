"""The compact message store (`MessageTable`) behind 100,000-message knowledge packs.

Bare T100 imports are kept as columns and built into `Message` objects on access; these
tests hold the table to a plain dict's behaviour, check that what it builds equals what
the YAML said, that the cache round trip and the T100 merge rule survive, and that the
hot-path helpers agree with a walk over every message.
"""

from __future__ import annotations

import datetime as dt
import pickle
import random
from pathlib import Path

import pytest
import yaml

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.layers import merge_layer
from assistant.kb.load import load_kb
from assistant.kb.message_table import MessageTable
from assistant.kb.model import Message, Source
from assistant.kb.t100 import T100Row
from assistant.kb.t100 import write_pack as write_t100_pack

SOURCE = (Source("file:se16.txt", "imported from se16.txt on 2024-05-01"),)
OTHER_SOURCE = (Source("file:other.txt", ""),)


def bare(cls: str, number: int, text: str, *, origin: str = "/packs/t100.yaml:7",
         sources: tuple[Source, ...] = SOURCE) -> Message:
    """A message as the validator builds it from an `import-t100` pack line."""
    return Message(f"{cls}{number:03d}", cls, number, text, "imported", text,
                   sap_wording="imported", sources=sources, origin=origin)


def curated(mid: str, number: int, **kw: object) -> Message:
    return Message(mid, mid[:-3], number, kw.pop("title", "A title"), kw.pop("status", "inferred"),  # type: ignore[arg-type]
                   **kw)  # type: ignore[arg-type]


MIXED = [
    bare("ZSYN", 1, "Material & does not exist"),
    curated("SCLNT_HTTP407", 407, causes=("server_cert_untrusted",), codes=("SSSLERR_X",)),
    bare("/SCWM/MAT", 62, "Storage bin & is blocked", origin="C:\\packs\\t.yaml:12"),
    bare("ZSYN", 2, "Plant & locked by &", sources=OTHER_SOURCE),
    # imported, but not bare: each differs from a bulk row in one field
    Message("ZSYN003", "ZSYN", 3, "Title", "imported", "Other short text", sap_wording="imported"),
    Message("ZSYN004", "ZSYN", 4, "T", "imported", "T", sap_wording="imported", keywords=("k",)),
    Message("ZSYN005", "ZSYN", 5, "T", "imported", "T", sap_wording="imported", origin="no line"),
    Message("ZSYN006", "ZSYN", 6, "T", "imported", "T", sap_wording="imported", imported_text="x"),
    Message("ZSYN007", "ZSYN", 7, "T", "imported", None, sap_wording="imported", origin="f:1"),
    bare("ZSYN", 8, ""),
]


def table_of(messages: list[Message]) -> MessageTable:
    table = MessageTable()
    for m in messages:
        table[m.id] = m
    return table


def test_only_bare_imports_become_rows() -> None:
    table = table_of(MIXED)
    rows = {mid for mid in table if table.is_row(mid)}
    assert rows == {"ZSYN001", "/SCWM/MAT062", "ZSYN002", "ZSYN008"}
    assert table.row_count() == 4
    assert [m.id for m in table.curated_values()] == [m.id for m in MIXED if m.id not in rows]
    # a message stored under another key than its id is kept as it is
    table["ALIAS"] = MIXED[0]
    assert not table.is_row("ALIAS") and table["ALIAS"] is MIXED[0]


def test_built_messages_equal_the_stored_ones() -> None:
    table = table_of(MIXED)
    for m in MIXED:
        assert table[m.id] == m
        assert type(table[m.id]) is Message
    assert table["ZSYN001"] is table["ZSYN001"]  # memoised: the same object twice
    assert table["/SCWM/MAT062"].origin == "C:\\packs\\t.yaml:12"


def test_behaves_like_a_dict_under_random_operations() -> None:
    rng = random.Random(5)
    pool = [*MIXED, bare("ZSYN", 1, "Replaced text"), curated("ZSYN001", 1, causes=("c",)),
            bare("SCLNT_HTTP", 407, "Imported over a curated one")]
    table, plain = MessageTable(), {}
    for step in range(600):
        op = rng.random()
        m = rng.choice(pool)
        if op < 0.6:
            table[m.id] = plain[m.id] = m
        elif op < 0.75 and plain:
            key = rng.choice(list(plain))
            del table[key]
            del plain[key]
        elif op < 0.85:
            assert table.pop(m.id, None) == plain.pop(m.id, None)
        else:
            assert table.setdefault(m.id, m) == plain.setdefault(m.id, m)
        assert len(table) == len(plain), step
        assert list(table) == list(plain), step  # insertion order, overrides in place
    assert dict(table.items()) == plain and table == plain
    assert list(table.values()) == list(plain.values())
    assert [m.id for m in table.curated_values()] == [
        k for k in plain if not table.is_row(k)
    ]
    assert ("nope" in table, table.get("nope")) == (False, None)
    with pytest.raises(KeyError):
        table["nope"]
    with pytest.raises(TypeError):
        table["X"] = "not a message"  # type: ignore[assignment]


def test_update_and_copy_keep_dict_semantics() -> None:
    first = table_of(MIXED[:4])
    second = table_of([bare("ZSYN", 1, "Newer text"), bare("ZNEW", 9, "New"), MIXED[4]])
    expected = {**dict(first.items()), **dict(second.items())}
    copied = first.copy()
    copied.update(second)
    assert list(copied) == list(expected) and dict(copied.items()) == expected
    assert copied["ZSYN001"].title == "Newer text" and copied.is_row("ZSYN001")
    assert first["ZSYN001"].title == "Material & does not exist"  # the copy is separate
    plain = table_of([])
    plain.update({"A001": bare("A", 1, "a")}, B002=bare("B", 2, "b"))
    assert list(plain) == ["A001", "B002"] and plain.row_count() == 2


def test_pickle_round_trip_keeps_everything() -> None:
    table = table_of(MIXED)
    table["ZSYN001"] = curated("ZSYN001", 1, causes=("c",))  # a row turned curated in place
    again = pickle.loads(pickle.dumps(table, protocol=5))
    assert list(again) == list(table) and dict(again.items()) == dict(table.items())
    assert {k for k in again if again.is_row(k)} == {k for k in table if table.is_row(k)}
    assert [m.id for m in again.curated_values()] == [k for k in table if not table.is_row(k)]
    # still a working table after loading (the texts were stored as one blob)
    again["ZNEW001"] = bare("ZNEW", 1, "Added later")
    del again["ZSYN002"]
    assert again["ZNEW001"].title == "Added later" and again["/SCWM/MAT062"] == MIXED[2]
    assert "ZSYN002" not in again and len(again) == len(table)


def test_cheap_helpers_agree_with_a_walk_over_all_messages() -> None:
    kb = KnowledgeBase(messages={m.id: m for m in MIXED})
    assert isinstance(kb.messages, MessageTable)
    everything = list(kb.messages.values())
    assert kb.message_classes() == {m.message_class for m in everything}
    for cls in ("ZSYN", "/SCWM/MAT", "SCLNT_HTTP", "NONE"):
        assert kb.known_numbers(cls) == sorted(m.number for m in everything if m.message_class == cls)
    assert kb.messages_for_cause("server_cert_untrusted") == [MIXED[1]]
    assert kb.messages_for_code("SSSLERR_X") == [MIXED[1]]
    for cls in ("ZSYN", "/SCWM/MAT", "NONE"):
        assert kb.messages.values_of_class(cls) == [m for m in everything if m.message_class == cls]
    by_class = kb.messages.numbers_by_class()
    assert by_class == {c: kb.known_numbers(c) for c in kb.message_classes()}
    del kb.messages["ZSYN001"], kb.messages["ZSYN002"], kb.messages["ZSYN008"]
    assert kb.known_numbers("ZSYN") == [3, 4, 5, 6, 7]
    del kb.messages["/SCWM/MAT062"]
    assert "/SCWM/MAT" not in kb.message_classes()


def test_messages_for_code_lists_linked_bare_imports_in_table_order() -> None:
    from assistant.kb.model import Code

    kb = KnowledgeBase(messages={m.id: m for m in MIXED},
                       codes={"K": Code("K", messages=("ZSYN002", "SCLNT_HTTP407"))})
    assert [m.id for m in kb.messages_for_code("K")] == ["SCLNT_HTTP407", "ZSYN002"]


# --- through the real loader -------------------------------------------------------------

TEXTS = ['Material & does not exist', 'Quote "&1" and back\\slash', "Tab\tand ümlaut",
         "Plant &1 locked by user &2", "Connection to host & failed: &"]


def t100_pack(directory: Path, rows: list[tuple[str, int, str]]) -> Path:
    lines = [T100Row(i + 2, "E", cls, number, text) for i, (cls, number, text) in enumerate(rows)]
    write_t100_pack(lines, directory, "se16.txt", dt.date(2024, 5, 1))
    return directory


@pytest.fixture
def base(small_bundled_base: Path) -> Path:
    return small_bundled_base


def test_loaded_rows_equal_what_the_yaml_says(tmp_path: Path, base: Path) -> None:
    rows = [("ZSYN", n, text) for n, text in enumerate(TEXTS)] + [("/SCWM/MAT", 62, "Bin & full")]
    pack = t100_pack(tmp_path / "t100", rows)
    kb = load_kb([pack], use_cache=False).kb
    assert kb.messages.row_count() == len(rows)
    (file,) = pack.glob("*.yaml")
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    for line, entry in enumerate(data["messages"], start=4):  # after 2 comments + `messages:`
        m = kb.messages[entry["id"]]
        assert kb.messages.is_row(entry["id"])
        assert (m.id, m.message_class, m.number, m.title, m.short_text, m.status, m.sap_wording) == (
            entry["id"], entry["message_class"], entry["number"], entry["title"],
            entry["short_text"], entry["status"], entry["sap_wording"])
        assert [(s.url, s.note) for s in m.sources] == [(s["url"], s["note"]) for s in entry["sources"]]
        assert m.origin == f"{file}:{line}"
        assert file.read_text(encoding="utf-8").splitlines()[line - 1].startswith(f'- {{id: "{m.id}"')


def test_cache_round_trip_keeps_the_rows(tmp_path: Path, base: Path) -> None:
    pack = t100_pack(tmp_path / "t100", [("ZSYN", n, text) for n, text in enumerate(TEXTS)])
    first = load_kb([pack])
    second = load_kb([pack])
    assert not first.from_cache and second.from_cache
    assert isinstance(second.kb.messages, MessageTable)
    assert dict(second.kb.messages.items()) == dict(first.kb.messages.items())
    assert list(second.kb.messages) == list(first.kb.messages)
    assert second.kb.messages.row_count() == len(TEXTS)


def test_t100_merge_rule_with_rows(tmp_path: Path, base: Path) -> None:
    """An import for an id the base has goes onto the curated entry; new ids stay rows."""
    pack = t100_pack(tmp_path / "t100", [
        ("ZTEST", 1, "Imported text of a confirmed one"),
        ("ZTEST", 2, "Imported text of an inferred one"),
        ("ZTEST", 423, "Brand new"),
    ])
    kb = load_kb([pack], use_cache=False).kb
    confirmed, inferred, new = (kb.messages[f"ZTEST{n:03d}"] for n in (1, 2, 423))
    assert confirmed.title == "Test failure" and confirmed.status == "confirmed"
    assert confirmed.imported_text == "Imported text of a confirmed one"
    assert confirmed.causes == ("cause_a", "cause_b")
    assert inferred.title == "Imported text of an inferred one" and inferred.causes == ("cause_b",)
    assert inferred.sources[-1].url == "file:se16.txt"
    assert not kb.messages.is_row("ZTEST002") and kb.messages.is_row("ZTEST423")
    assert new.status == "imported" and kb.known_numbers("ZTEST") == [1, 2, 423]
    assert [m.id for m in kb.messages_for_cause("cause_b")] == ["ZTEST001", "ZTEST002"]


def test_merge_layer_copies_rows_and_leaves_inputs_alone() -> None:
    a = KnowledgeBase(messages={m.id: m for m in MIXED[:2]})
    b = KnowledgeBase(messages={"ZSYN001": bare("ZSYN", 1, "Later"), "ZNEW001": bare("ZNEW", 1, "n")})
    merged = merge_layer(a, b)
    assert merged.messages["ZSYN001"].title == "Later" and merged.messages.is_row("ZNEW001")
    assert a.messages["ZSYN001"].title == "Material & does not exist" and "ZNEW001" not in a.messages
    assert list(merged.messages) == ["ZSYN001", "SCLNT_HTTP407", "ZNEW001"]


# --- the indexes, primed from the cache -----------------------------------------------------


def test_router_index_counts_rows_without_indexing_them(tmp_path: Path, base: Path) -> None:
    from assistant.intent.kbindex import build_index

    pack = t100_pack(tmp_path / "t100", [("ZSYN", n, text) for n, text in enumerate(TEXTS)]
                     + [("/SCWM/MAT", 62, "Bin & full")])
    kb = load_kb([pack], use_cache=False).kb
    index = build_index(kb)
    assert index.imported_messages == len(TEXTS) + 1
    assert index.known_numbers["ZSYN"] == list(range(len(TEXTS)))
    assert index.known_numbers["ZTEST"] == [1, 2]
    assert {"ZSYN", "/SCWM/MAT", "ZTEST"} <= index.message_classes
    assert not any(key.startswith("m:ZSYN") for key in index.topic_labels.values())
    assert "ZTEST001" in index.causes_of_message and "ZSYN001" not in index.causes_of_message


def test_chat_loader_primes_both_indexes_from_the_cache(tmp_path: Path, base: Path) -> None:
    from assistant.intent.kbindex import ROUTER_INDEX_NAME, TEXT_INDEX_NAME, index_for
    from assistant.kb.textindex import TextIndex
    from assistant.services.knowledge import load_knowledge

    pack = t100_pack(tmp_path / "t100", [("ZSYN", n, text) for n, text in enumerate(TEXTS)])
    load_knowledge([pack])  # builds the cache files
    result = load_knowledge([pack])
    assert result.from_cache
    derived = sorted(p.name.split(".")[1] for p in result.cache_file.parent.glob("*.*.pickle"))  # type: ignore[union-attr]
    assert derived == sorted([ROUTER_INDEX_NAME, TEXT_INDEX_NAME])
    assert index_for(result.kb) is result.derived[ROUTER_INDEX_NAME]
    assert TextIndex.for_kb(result.kb) is result.derived[TEXT_INDEX_NAME]
    assert TextIndex.for_kb(result.kb).search("Plant 1000 locked by user DEV")[0][0] == "ZSYN003"


# --- namespaced message classes ----------------------------------------------------------------


@pytest.mark.parametrize("written", ["/SCWM/MAT062", "/scwm/mat062", "/SCWM/MAT 062",
                                     "/SCWM/MAT-062", "what does /SCWM/MAT062 mean?"])
def test_namespaced_class_ids_are_recognised(tmp_path: Path, base: Path, written: str) -> None:
    from assistant.intent.entities import extract_entities
    from assistant.intent.kbindex import index_for

    pack = t100_pack(tmp_path / "t100", [("/SCWM/MAT", 62, "Storage bin & is blocked"),
                                         ("/SCWM/MAT062", 1, "A class that ends in digits")])
    kb = load_kb([pack], use_cache=False).kb
    assert extract_entities(written, kb, index_for(kb)).message_ids[:1] == ("/SCWM/MAT062",)


@pytest.mark.parametrize(("written", "expected"), [
    ("/SCWM/MAT062", "/SCWM/MAT062"), ("/scwm/mat 062", "/SCWM/MAT062"),
    ("/SCWM/MAT062001", "/SCWM/MAT062001"), ("/SCWM/MAT062-001", "/SCWM/MAT062001"),
])
def test_lookup_finds_namespaced_ids(tmp_path: Path, base: Path, written: str, expected: str) -> None:
    from assistant.intent.lookup import find_entry

    pack = t100_pack(tmp_path / "t100", [("/SCWM/MAT", 62, "Storage bin & is blocked"),
                                         ("/SCWM/MAT062", 1, "A class that ends in digits")])
    kb = load_kb([pack], use_cache=False).kb
    entry = find_entry(kb, written)
    assert entry is not None and entry.id == expected
