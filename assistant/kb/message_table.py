"""`MessageTable`: the messages of a knowledge base, compact when there are 100,000.

A whole system's T100 import is mostly *bare* messages: status `imported`, its text as
title and short text, one shared source, nothing else. As frozen `Message` objects they
cost ~1 KB each and, worse, unpickling 100,000 of them from the cache takes more than a
second on every start. The table keeps such *bulk rows* as columns (class, number, text,
source, file and line of origin) and builds the `Message` only when one is asked for;
every other message (a *curated* one: causes, meaning, codes …) is kept as it is.

It is a `MutableMapping[str, Message]` with a dict's behaviour: insertion order, and an
assignment to a known id replaces the value where it stands. A row built on access equals
the `Message` that was stored: only messages that the columns reproduce exactly (see
`_row_fields`) become rows. It pickles as a few lists, arrays and one string blob, which
load in milliseconds.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import MISSING, fields
from typing import Any

from assistant.kb.model import Message, Source

STATE_VERSION = 1
CURATED = -1  # slot value of a curated message (a row number otherwise)
MEMO_SIZE = 256  # built messages kept, so repeated look-ups return the same object

# Fields a bulk row stores; every other field of Message must hold its default.
_ROW_FIELDS = frozenset(
    {"id", "message_class", "number", "title", "status", "short_text", "sap_wording",
     "sources", "origin"}
)
_FIXED = tuple((f.name, f.default) for f in fields(Message) if f.name not in _ROW_FIELDS)
_MAX_NUMBER = 2**31 - 1
_MAX_LINE = 2**32 - 1

Combine = Callable[[Message, Message], Message]


def _row_fields(key: str, m: Message) -> tuple[str, int, str, tuple[Source, ...], str, int] | None:
    """(class, number, text, sources, file, line) when a bulk row reproduces `m` exactly."""
    if type(m) is not Message or m.status != "imported" or m.sap_wording != "imported":
        return None
    text = m.short_text
    if type(text) is not str or type(m.title) is not str or m.title != text or m.id != key:
        return None
    if type(m.number) is not int or type(m.message_class) is not str or type(m.origin) is not str:
        return None
    if not 0 <= m.number <= _MAX_NUMBER or key != f"{m.message_class}{m.number:03d}":
        return None
    for name, default in _FIXED:
        if default is MISSING or getattr(m, name) != default:
            return None
    file, sep, line = m.origin.rpartition(":")
    if not sep or not line.isascii() or not line.isdigit() or str(int(line)) != line:
        return None
    if int(line) > _MAX_LINE or not all(type(s) is Source for s in m.sources):
        return None
    return m.message_class, m.number, text, m.sources, file, int(line)


class MessageTable(MutableMapping[str, Message]):
    """Messages by id: curated ones as objects, bulk T100 imports as columns."""

    __slots__ = (
        "_blob", "_class_ids", "_class_live", "_classes", "_curated", "_curated_dirty",
        "_file_ids", "_files", "_memo", "_offsets", "_row_class", "_row_file", "_row_line",
        "_row_number", "_row_source", "_slot", "_source_ids", "_sources", "_texts",
    )

    def __init__(self, items: Mapping[str, Message] | Iterable[tuple[str, Message]] = ()) -> None:
        self._slot: dict[str, int] = {}  # id -> row number, or CURATED
        self._curated: dict[str, Message] = {}
        self._curated_dirty = False  # _curated's order no longer follows _slot's
        self._memo: dict[str, Message] = {}
        self._classes: list[str] = []
        self._class_ids: dict[str, int] = {}
        self._class_live = array("I")  # live rows per class
        self._sources: list[tuple[Source, ...]] = []
        self._source_ids: dict[tuple[Source, ...], int] = {}
        self._files: list[str] = []
        self._file_ids: dict[str, int] = {}
        self._row_class = array("I")
        self._row_number = array("i")
        self._row_source = array("I")
        self._row_file = array("I")
        self._row_line = array("I")
        self._texts: list[str] | None = []  # None: the texts are in _blob/_offsets
        self._blob = ""
        self._offsets = array("I")
        if isinstance(items, Mapping):
            self.merge(items)
        else:
            for key, value in items:
                self[key] = value

    # --- the mapping ------------------------------------------------------------------

    def __getitem__(self, key: str) -> Message:
        slot = self._slot[key]
        if slot < 0:
            return self._curated[key]
        message = self._memo.get(key)
        if message is None:
            message = self._build(key, slot)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = message
        return message

    def __setitem__(self, key: str, value: Message) -> None:
        if not isinstance(value, Message):
            raise TypeError(f"a MessageTable holds Message objects, not {type(value).__name__}")
        row = _row_fields(key, value)
        old = self._slot.get(key)
        if old is not None and old >= 0:
            self._drop_row(old)
        self._memo.pop(key, None)
        if row is None:
            if old is not None and old >= 0 and self._curated:
                self._curated_dirty = True  # a row turned curated where it stands
            self._curated[key] = value
            self._slot[key] = CURATED
        else:
            self._curated.pop(key, None)
            self._slot[key] = self._append_row(*row)

    def __delitem__(self, key: str) -> None:
        slot = self._slot.pop(key)
        self._memo.pop(key, None)
        if slot < 0:
            del self._curated[key]
        else:
            self._drop_row(slot)

    def __contains__(self, key: object) -> bool:
        return key in self._slot

    def __iter__(self) -> Iterator[str]:
        return iter(self._slot)

    def __len__(self) -> int:
        return len(self._slot)

    def __repr__(self) -> str:
        return f"<MessageTable {len(self)} messages, {len(self._curated)} curated>"

    def copy(self) -> MessageTable:
        out = MessageTable()
        out._slot = dict(self._slot)
        out._curated = dict(self._curated)
        out._curated_dirty = self._curated_dirty
        out._classes = list(self._classes)
        out._class_ids = dict(self._class_ids)
        out._class_live = array("I", self._class_live)
        out._sources = list(self._sources)
        out._source_ids = dict(self._source_ids)
        out._files = list(self._files)
        out._file_ids = dict(self._file_ids)
        for name in ("_row_class", "_row_number", "_row_source", "_row_file", "_row_line",
                     "_offsets"):
            column: array = getattr(self, name)
            setattr(out, name, array(column.typecode, column))
        out._texts = None if self._texts is None else list(self._texts)
        out._blob = self._blob
        return out

    def update(self, other: Any = (), /, **kwds: Message) -> None:
        """As dict.update; another table's bulk rows are copied without building messages."""
        if isinstance(other, Mapping):
            self.merge(other)
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def merge(self, other: Mapping[str, Message], combine: Combine | None = None) -> None:
        """Apply `other` over this table, in its order.

        An id only in `other` is taken as it is (a bulk row stays a row, nothing is built);
        for an id in both, the value becomes `combine(ours, theirs)` (theirs without one).
        """
        rows = other._slot if isinstance(other, MessageTable) else None
        for key in other:
            if key in self._slot:
                value = other[key]
                self[key] = combine(self[key], value) if combine else value
            elif rows is not None and rows[key] >= 0:
                assert isinstance(other, MessageTable)
                self._copy_row(key, other, rows[key])
            else:
                self[key] = other[key]

    # --- cheap questions about all messages (no Message is built) ----------------------

    def curated_values(self) -> list[Message]:
        """The curated messages (everything that is not a bare import), in table order."""
        if self._curated_dirty:
            curated = self._curated
            self._curated = {k: curated[k] for k, slot in self._slot.items() if slot < 0}
            self._curated_dirty = False
        return list(self._curated.values())

    def is_row(self, key: str) -> bool:
        """Whether `key` is a bulk row (a bare T100 import without causes or meaning)."""
        slot = self._slot.get(key)
        return slot is not None and slot >= 0

    def row_count(self) -> int:
        """How many messages are bulk rows."""
        return len(self._slot) - len(self._curated)

    def message_classes(self) -> set[str]:
        out = {m.message_class for m in self._curated.values()}
        out.update(c for c, live in zip(self._classes, self._class_live, strict=True) if live)
        return out

    def numbers_by_class(self) -> dict[str, list[int]]:
        """Every class's message numbers, sorted."""
        found: dict[str, list[int]] = {}
        for m in self._curated.values():
            found.setdefault(m.message_class, []).append(m.number)
        by_index: dict[int, list[int]] = {}
        row_class, row_number = self._row_class, self._row_number
        for slot in self._slot.values():
            if slot >= 0:
                by_index.setdefault(row_class[slot], []).append(row_number[slot])
        for index, numbers in by_index.items():
            found.setdefault(self._classes[index], []).extend(numbers)
        for numbers in found.values():
            numbers.sort()
        return found

    def known_numbers(self, message_class: str) -> list[int]:
        numbers = [m.number for m in self._curated.values() if m.message_class == message_class]
        index = self._class_ids.get(message_class)
        if index is not None and self._class_live[index]:
            row_class, row_number = self._row_class, self._row_number
            numbers += [
                row_number[s] for s in self._slot.values() if s >= 0 and row_class[s] == index
            ]
        return sorted(numbers)

    def values_of_class(self, message_class: str) -> list[Message]:
        """The messages of one class, in table order, building only those."""
        index = self._class_ids.get(message_class)
        row_class = self._row_class
        return [
            self[key] for key, slot in self._slot.items()
            if (slot >= 0 and row_class[slot] == index)
            or (slot < 0 and self._curated[key].message_class == message_class)
        ]

    # --- rows -------------------------------------------------------------------------

    def _text(self, row: int) -> str:
        if self._texts is not None:
            return self._texts[row]
        return self._blob[self._offsets[row] : self._offsets[row + 1]]

    def _build(self, key: str, row: int) -> Message:
        text = self._text(row)
        return Message(
            key, self._classes[self._row_class[row]], self._row_number[row], text, "imported",
            text, sap_wording="imported", sources=self._sources[self._row_source[row]],
            origin=f"{self._files[self._row_file[row]]}:{self._row_line[row]}",
        )

    def _writable_texts(self) -> list[str]:
        if self._texts is None:
            blob, offsets = self._blob, self._offsets
            self._texts = [blob[offsets[i] : offsets[i + 1]] for i in range(len(offsets) - 1)]
            self._blob, self._offsets = "", array("I")
        return self._texts

    def _append_row(self, message_class: str, number: int, text: str,
                    sources: tuple[Source, ...], file: str, line: int) -> int:
        class_index = self._class_ids.get(message_class)
        if class_index is None:
            class_index = self._class_ids[message_class] = len(self._classes)
            self._classes.append(message_class)
            self._class_live.append(0)
        source_index = self._source_ids.get(sources)
        if source_index is None:
            source_index = self._source_ids[sources] = len(self._sources)
            self._sources.append(sources)
        file_index = self._file_ids.get(file)
        if file_index is None:
            file_index = self._file_ids[file] = len(self._files)
            self._files.append(file)
        texts = self._writable_texts()
        row = len(texts)
        texts.append(text)
        self._row_class.append(class_index)
        self._row_number.append(number)
        self._row_source.append(source_index)
        self._row_file.append(file_index)
        self._row_line.append(line)
        self._class_live[class_index] += 1
        return row

    def _copy_row(self, key: str, other: MessageTable, row: int) -> None:
        self._memo.pop(key, None)
        self._slot[key] = self._append_row(
            other._classes[other._row_class[row]], other._row_number[row], other._text(row),
            other._sources[other._row_source[row]], other._files[other._row_file[row]],
            other._row_line[row],
        )

    def _drop_row(self, row: int) -> None:
        """A row's id now points elsewhere; the row stays as garbage in the columns."""
        self._class_live[self._row_class[row]] -= 1

    # --- pickling: columns, not objects ------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        self.curated_values()  # settles the curated order
        if self._texts is not None:
            blob = "".join(self._texts)
            offsets = array("I", [0])
            total = 0
            for text in self._texts:
                total += len(text)
                offsets.append(total)
        else:
            blob, offsets = self._blob, self._offsets
        return {
            "version": STATE_VERSION,
            "ids": list(self._slot),
            "slots": array("i", self._slot.values()),
            "curated": self._curated,
            "classes": self._classes,
            "class_live": self._class_live,
            "sources": self._sources,
            "files": self._files,
            "row_class": self._row_class,
            "row_number": self._row_number,
            "row_source": self._row_source,
            "row_file": self._row_file,
            "row_line": self._row_line,
            "blob": blob,
            "offsets": offsets,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("version") != STATE_VERSION:
            raise ValueError("MessageTable pickled by another version")
        self._slot = dict(zip(state["ids"], state["slots"], strict=True))
        self._curated = state["curated"]
        self._curated_dirty = False
        self._memo = {}
        self._classes = state["classes"]
        self._class_ids = {name: i for i, name in enumerate(self._classes)}
        self._class_live = state["class_live"]
        self._sources = state["sources"]
        self._source_ids = {sources: i for i, sources in enumerate(self._sources)}
        self._files = state["files"]
        self._file_ids = {name: i for i, name in enumerate(self._files)}
        self._row_class = state["row_class"]
        self._row_number = state["row_number"]
        self._row_source = state["row_source"]
        self._row_file = state["row_file"]
        self._row_line = state["row_line"]
        self._texts = None
        self._blob = state["blob"]
        self._offsets = state["offsets"]
