"""The cache pickles knowledge objects as their class and field values (kb.model.PickledByFields):
every such class must take its fields as `__init__` arguments in slot order, and a
pickled base must come back equal."""

from __future__ import annotations

import dataclasses
import pickle
import sys

import pytest

import assistant.intent.kbindex
import assistant.intent.signs
from assistant.intent.kbindex import build_index
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import PickledByFields


def _all_subclasses(cls: type) -> list[type]:
    out: list[type] = []
    sub: type
    for sub in cls.__subclasses__():
        out += [sub, *_all_subclasses(sub)]
    return out


# dataclass(slots=True) replaces each class by a new one: the module holds the one in use
CLASSES = [c for c in _all_subclasses(PickledByFields)
           if dataclasses.is_dataclass(c) and getattr(sys.modules[c.__module__], c.__name__) is c]


def test_the_cached_classes_are_all_covered() -> None:
    names = {c.__name__ for c in CLASSES}
    assert {"Source", "Message", "CheckRef", "Cause", "Code", "GlossaryEntry", "Sign", "Title"} <= names


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_fields_are_init_arguments_in_slot_order(cls: type) -> None:
    fields = dataclasses.fields(cls)
    assert all(f.init for f in fields)
    assert tuple(f.name for f in fields) == cls.__dict__["__slots__"]


def test_the_bundled_base_and_its_index_survive_the_cache(bundled_kb: KnowledgeBase) -> None:
    copy = pickle.loads(pickle.dumps(bundled_kb, protocol=5))
    assert copy.causes == bundled_kb.causes and copy.codes == bundled_kb.codes
    assert copy.glossary == bundled_kb.glossary
    assert list(copy.messages.values()) == list(bundled_kb.messages.values())
    index = build_index(bundled_kb)
    assert pickle.loads(pickle.dumps(index, protocol=5)).signs == index.signs
    first = next(iter(bundled_kb.causes.values()))
    assert type(pickle.loads(pickle.dumps(first))) is type(first)
    assert assistant.intent.kbindex.Sign.__reduce__ is PickledByFields.__reduce__
    assert assistant.intent.signs.Title.__reduce__ is PickledByFields.__reduce__
