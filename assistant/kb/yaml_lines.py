"""Read a knowledge YAML file and remember the line of every mapping, key and list item.

The validator names `file:line` for every problem and every entry records its origin,
so plain `yaml.safe_load` (which forgets positions) is not enough. The loader here is a
`SafeLoader` subclass (the libyaml-backed `CSafeLoader` when available, ~10x faster for
big imported packs) whose mappings and sequences are `LineDict` / `LineList`: ordinary
dicts and lists that also carry line numbers.

A file written by `sapassist kb import-t100` (one flow mapping per line, see
`assistant.kb.t100.emit_pack`) takes a fast path: each line is matched against that exact
shape and turned into the same `LineDict`s the YAML loader would build; a file with any
other line goes through the YAML loader as a whole. PyYAML's constructors run in Python
even over libyaml and need ~1 s per 10,000 imported messages; the fast path ~0.1 s.

Nothing here ever raises on bad input: `read_yaml` returns either data or an error with
the best line it can find.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class LineDict(dict):
    """A YAML mapping with `line` (1-based) and the line of each key in `key_lines`."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int = 1) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A YAML sequence with `line` (1-based) and the line of each item in `item_lines`."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int = 1) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass(slots=True)
class YamlResult:
    data: Any = None
    error: str | None = None
    error_line: int = 1
    duplicate_keys: list[tuple[int, str]] = field(default_factory=list)  # (line, key)


_LOADER: Any = None


def _loader_class() -> Any:
    """Build the loader class once (imports yaml only when a file really must be parsed)."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml

    base = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader

    class LineLoader(base):  # type: ignore[misc, valid-type]
        duplicates: list[tuple[int, str]]
        last_line: int

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            self.last_line = node.start_mark.line + 1
            return super().construct_object(node, deep=deep)

    def construct_map(loader: Any, node: Any) -> Iterator[LineDict]:
        data = LineDict(node.start_mark.line + 1)
        yield data
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=False)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    "found an unhashable key", key_node.start_mark,
                ) from None
            key_line = key_node.start_mark.line + 1
            if key in data:
                loader.duplicates.append((key_line, str(key)))
            data[key] = loader.construct_object(value_node, deep=False)
            data.key_lines[key] = key_line

    def construct_seq(loader: Any, node: Any) -> Iterator[LineList]:
        data = LineList(node.start_mark.line + 1)
        yield data
        for child in node.value:
            data.append(loader.construct_object(child, deep=False))
            data.item_lines.append(child.start_mark.line + 1)

    LineLoader.add_constructor("tag:yaml.org,2002:map", construct_map)
    LineLoader.add_constructor("tag:yaml.org,2002:seq", construct_seq)
    _LOADER = LineLoader
    return LineLoader


def _line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, max(0, offset)) + 1


def _error_line(exc: BaseException, text: str, fallback: int) -> int:
    for attr in ("problem_mark", "context_mark"):
        mark = getattr(exc, attr, None)
        if mark is not None and isinstance(getattr(mark, "line", None), int):
            return int(mark.line) + 1
    position = getattr(exc, "position", None)  # yaml.reader.ReaderError
    if isinstance(position, int):
        return _line_of_offset(text, position)
    return fallback


def _describe(exc: BaseException) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem:
        return f"YAML syntax error: {context + ', ' if context else ''}{problem}"
    text = str(exc).strip().splitlines()
    return f"YAML error: {text[0] if text else type(exc).__name__}"


def decode(raw: bytes) -> tuple[str | None, str | None, int]:
    """UTF-8 text (BOM allowed), or an error and the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), None, 1
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, f"file is not UTF-8 text (bad byte 0x{raw[exc.start]:02x})", line


def read_yaml(path: Path) -> YamlResult:
    """Parse one file; errors become a message and a line, never an exception."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return YamlResult(error=f"cannot read file: {exc.strerror or exc}")
    text, error, line = decode(raw)
    if text is None:
        return YamlResult(error=error, error_line=line)
    return parse_text(text)


# --- the fast path for imported T100 packs ------------------------------------------------

# A double-quoted scalar as `t100.yaml_quote` writes it: the characters it leaves as they
# are, and its escapes. Anything else (other escapes, line breaks) means: not our format.
_QUOTED = r'"((?:[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\\[\\"tnr]|\\u[0-9a-fA-F]{4})*)"'
_IMPORTED_ENTRY = re.compile(
    rf"- \{{id: {_QUOTED}, message_class: {_QUOTED}, number: (0|[1-9][0-9]{{0,8}}), "
    rf"title: {_QUOTED}, short_text: {_QUOTED}, status: imported, sap_wording: imported, "
    rf"sources: (?:&src \[\{{url: {_QUOTED}, note: {_QUOTED}\}}\]|(\*src))\}}"
)
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_SIMPLE_ESCAPES = {"\\": "\\", '"': '"', "t": "\t", "n": "\n", "r": "\r"}
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029\ufeff]")
# What YAML's reader refuses anywhere in a stream (PyYAML's Reader.NON_PRINTABLE).
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return _ESCAPE.sub(
        lambda m: _SIMPLE_ESCAPES[m.group(1)] if len(m.group(1)) == 1 else chr(int(m.group(1)[1:], 16)),
        value,
    )


def _entry(line: int, values: dict[str, Any]) -> LineDict:
    entry = LineDict(line)
    entry.update(values)
    entry.key_lines = dict.fromkeys(values, line)
    return entry


def parse_imported_pack(text: str) -> YamlResult | None:
    """The data of a pack in `import-t100`'s exact layout, or None for any other text.

    Builds what the YAML loader builds (same values, same lines, the aliased sources list
    shared), so the validator cannot tell the difference.
    """
    lines = text.split("\n")
    if "\r" in text:
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    start = 0
    while start < len(lines) and (not lines[start] or lines[start].startswith("#")):
        if _OTHER_BREAKS.search(lines[start]):
            return None  # YAML counts these as line breaks: the lines would not match
        start += 1
    if start == len(lines) or lines[start] not in ("messages:", "messages: []"):
        return None
    if _NON_PRINTABLE.search(text) or _SURROGATE_ESCAPE.search(text):
        return None  # let the YAML loader report it
    head = start + 1
    top = LineDict(head)
    top.key_lines["messages"] = head
    entries = LineList(head)
    top["messages"] = entries
    end = len(lines)
    while end > head and not lines[end - 1]:
        end -= 1
    if lines[start] == "messages: []":
        return YamlResult(data=top) if end == head else None
    if end == head:
        return None  # `messages:` and nothing: null in YAML; leave it to the loader
    entries.line = head + 1
    sources: LineList | None = None
    match = _IMPORTED_ENTRY.fullmatch
    for index in range(head, end):
        found = match(lines[index])
        if found is None:
            return None
        (mid, cls, number, title, short, url, note, alias) = found.groups()
        lineno = index + 1
        if alias is None:
            source = _entry(lineno, {"url": _unescape(url), "note": _unescape(note)})
            sources = LineList(lineno)
            sources.append(source)
            sources.item_lines.append(lineno)
        elif sources is None:
            return None  # an alias before its anchor: a YAML error, reported by the loader
        entries.append(_entry(lineno, {
            "id": _unescape(mid), "message_class": _unescape(cls), "number": int(number),
            "title": _unescape(title), "short_text": _unescape(short), "status": "imported",
            "sap_wording": "imported", "sources": sources,
        }))
        entries.item_lines.append(lineno)
    return YamlResult(data=top)


def parse_text(text: str) -> YamlResult:
    fast = parse_imported_pack(text)
    if fast is not None:
        return fast
    return parse_yaml_text(text)


def parse_yaml_text(text: str) -> YamlResult:
    """Parse with the (line-marking) YAML loader, whatever the layout."""
    loader_cls = _loader_class()
    loader = loader_cls(text)
    loader.duplicates = []
    loader.last_line = 1
    try:
        data = loader.get_single_data()
    except RecursionError:
        return YamlResult(error="YAML nesting is too deep", error_line=loader.last_line)
    except MemoryError:
        return YamlResult(error="YAML document is too large", error_line=loader.last_line)
    except Exception as exc:  # yaml.YAMLError, and ValueError from e.g. a date 2024-13-45
        return YamlResult(error=_describe(exc), error_line=_error_line(exc, text, loader.last_line))
    finally:
        try:
            loader.dispose()
        except Exception:
            pass
    return YamlResult(data=data, duplicate_keys=list(loader.duplicates))
