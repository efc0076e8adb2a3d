"""Read a knowledge pack's YAML file: the shared bounded loader, and a fast path for
packs written by `sapassist kb import-t100`.

The loader with its bounds and line marks is `assistant.yamlfile` (the endpoints file of
`check --file` uses it too); `LineDict`, `LineList` and `YamlResult` come from there.

A file written by `import-t100` (one flow mapping per line, see
`assistant.kb.t100.emit_pack`) takes a fast path: each line is matched against that exact
shape and turned into the same `LineDict`s the YAML loader would build; a file with any
other line goes through the YAML loader as a whole. PyYAML's constructors run in Python
even over libyaml and need ~1 s per 10,000 imported messages; the fast path ~0.1 s.

Nothing here ever raises on bad input: `read_yaml` returns either data or an error with
the best line it can find.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from assistant.safefile import MiB
from assistant.yamlfile import (
    LineDict,
    LineList,
    YamlLimits,
    YamlResult,
    decode,
    read_text_file,
)
from assistant.yamlfile import parse_yaml_text as _parse_with_loader

# One knowledge file; an import-t100 part (10,000 messages) is ~2.5 MB.
PACK_LIMITS = YamlLimits(max_bytes=32 * MiB)

__all__ = ["PACK_LIMITS", "LineDict", "LineList", "YamlResult", "decode", "parse_imported_pack",
           "parse_text", "parse_yaml_text", "read_yaml"]


def read_yaml(path: Path) -> YamlResult:
    """Parse one knowledge file; errors become a message and a line, never an exception."""
    text, failed = read_text_file(path, PACK_LIMITS, "knowledge file")
    if text is None:
        assert failed is not None
        return failed
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
    """Parse with the bounded, line-marking YAML loader, whatever the layout."""
    return _parse_with_loader(text, PACK_LIMITS)
