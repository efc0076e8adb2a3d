"""Read YAML the user gives us (knowledge packs, endpoints files): bounded, with lines.

Every YAML read in sapassist goes through `read_yaml_file` / `parse_yaml_text`:

- **Bounded.** The file is read through `assistant.safefile` (a regular file within
  `YamlLimits.max_bytes`). After the document is *composed* — a graph of nodes in which
  an alias is the anchored node itself, so a "billion laughs" file composes in
  microseconds — and before anything is *constructed*, the graph is measured as a tree
  walker would see it: every alias expanded. More than `max_nodes` nodes, `max_chars`
  characters of scalars, `max_depth` levels or a recursive alias, and the file is refused
  with the line of the node that crossed the bound. Aliases themselves stay allowed:
  `import-t100` writes one anchor per file and refers to it from every message.
- **Line-marking.** `validate` names `file:line` for every problem and every entry
  records its origin, so plain `yaml.safe_load` (which forgets positions) is not enough.
  The loader is a `SafeLoader` subclass (the libyaml-backed `CSafeLoader` when available,
  ~10x faster for big packs) whose mappings and sequences are `LineDict` / `LineList`:
  ordinary dicts and lists that also carry line numbers.

Nothing here raises on bad input: a `YamlResult` holds either data or an error with the
best line it can find.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant.safefile import FileReadError, MiB, read_bounded, size_text


@dataclass(frozen=True, slots=True)
class YamlLimits:
    """How much a YAML file may hold; see the README's limits table."""

    max_bytes: int
    max_nodes: int = 1_000_000  # after alias expansion
    max_chars: int = 64 * MiB  # scalar characters, after alias expansion
    max_depth: int = 64  # nesting levels (a knowledge pack needs 5)


DEFAULT_LIMITS = YamlLimits(max_bytes=32 * MiB)


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


def type_name(value: object) -> str:
    """A YAML value's type as a problem message names it ("a list", "null", …)."""
    for kind, name in ((type(None), "null"), (bool, "a boolean"), ((int, float), "a number"),
                       (str, "a string"), (list, "a list"), (dict, "a mapping")):
        if isinstance(value, kind):
            return name
    return f"a {type(value).__name__}"  # e.g. a date: YAML reads 2024-01-01 as one


def read_text_file(path: str | os.PathLike[str], limits: YamlLimits,
                   what: str) -> tuple[str | None, YamlResult | None]:
    """The file's text, or (None, the error as a result): bounded read, UTF-8 decoded."""
    try:
        raw = read_bounded(path, limits.max_bytes, what)
    except FileReadError as exc:  # about the file, not a line: error_line 0
        return None, YamlResult(error=exc.reason, error_line=0)
    text, error, line = decode(raw)
    if text is None:
        return None, YamlResult(error=error, error_line=line)
    return text, None


def read_yaml_file(path: str | os.PathLike[str], limits: YamlLimits = DEFAULT_LIMITS,
                   what: str = "YAML file") -> YamlResult:
    """Read and parse one file within `limits`; never raises."""
    text, failed = read_text_file(path, limits, what)
    if text is None:
        assert failed is not None
        return failed
    return parse_yaml_text(text, limits)


def parse_yaml_text(text: str, limits: YamlLimits = DEFAULT_LIMITS) -> YamlResult:
    """Parse with the (line-marking) YAML loader, within `limits`, whatever the layout."""
    loader_cls = _loader_class()
    loader = loader_cls(text)
    loader.duplicates = []
    loader.last_line = 1
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlResult(data=None)
        refused = measure_graph(node, limits)
        if refused is not None:
            return YamlResult(error=refused[0], error_line=refused[1])
        data = loader.construct_document(node)
    except RecursionError:
        return YamlResult(error="YAML nesting is too deep",
                          error_line=max(loader.last_line, _reader_line(loader)))
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


def _reader_line(loader: Any) -> int:
    line = getattr(loader, "line", None)  # the pure-Python reader's position
    return int(line) + 1 if isinstance(line, int) else 1


# --- the bounds, measured on the composed node graph ------------------------------------


def _children(node: Any) -> list[Any]:
    value = node.value
    if isinstance(value, list):
        if value and isinstance(value[0], tuple):  # a mapping: (key node, value node) pairs
            return [n for pair in value for n in pair]
        return value
    return []


def measure_graph(root: Any, limits: YamlLimits) -> tuple[str, int] | None:
    """(message, line) when the document, aliases expanded, is over `limits`; else None.

    One pass over the distinct nodes (iterative, so depth costs no stack): each node's
    expanded size is 1 + its children's, memoised, so a node reached through many aliases
    is measured once but counted every time. Depth is checked on the way down, so the line
    named is where the nesting goes too deep.
    """
    measured: dict[int, tuple[int, int, int]] = {}  # id -> (nodes, chars, height)
    on_path: set[int] = set()
    distinct = 0
    too_deep = f"YAML nesting is deeper than {limits.max_depth} levels"
    stack: list[tuple[Any, int, bool]] = [(root, 1, False)]
    while stack:
        node, level, finished = stack.pop()
        key = id(node)
        line = node.start_mark.line + 1
        if finished:
            on_path.discard(key)
            kids = _children(node)
            nodes = 1 + sum(measured[id(k)][0] for k in kids)
            chars = len(node.value) if isinstance(node.value, str) else sum(measured[id(k)][1] for k in kids)
            height = 1 + max((measured[id(k)][2] for k in kids), default=0)
            measured[key] = (nodes, chars, height)
            if nodes > limits.max_nodes:
                if distinct > limits.max_nodes:
                    return f"the document has more than {limits.max_nodes:,} YAML nodes (split the file)", line
                return (f"anchors and aliases expand to more than {limits.max_nodes:,} YAML "
                        "nodes (an alias bomb?)", line)
            if chars > limits.max_chars:
                return (f"anchors and aliases expand to more than {size_text(limits.max_chars)} "
                        "of text", line)
            continue
        if key in measured:  # reached again through an alias: its height counts from here
            if level + measured[key][2] - 1 > limits.max_depth:
                return too_deep, line
            continue
        if key in on_path:
            return "recursive alias: an anchor refers to itself", line
        if level > limits.max_depth:
            return too_deep, line
        on_path.add(key)
        distinct += 1
        stack.append((node, level, True))
        stack.extend((k, level + 1, False) for k in _children(node))
    return None
