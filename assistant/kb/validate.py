"""Check knowledge packs against the schema in docs/ARCHITECTURE.md and build the entries.

One pass does both jobs: `check_pack()` reads every YAML file of a directory, reports each
problem as `Problem(file, line, message)` and builds the dataclasses of `assistant.kb.model`
for the entries that are fine. The loader uses it to decide whether a pack may be layered
(any problem skips an extra pack); `sapassist kb validate` prints the problems.

Checked: YAML syntax, duplicate keys, top level = mapping of known keys, each entry a
mapping with known fields, required fields and types, allowed values, unique ids per kind,
message id == class + 3-digit number, references between messages/causes/codes resolve
within the layered base, non-empty sources with URLs, short_text present for confirmed
and absent for inferred messages, and no raw HTML in Markdown fields.

Nothing here raises on bad input; PyYAML and markdown-it are imported only when needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import (
    CHECK_STEPS,
    GLOSSARY_KINDS,
    MESSAGE_STATUS_VALUES,
    WORDING_VALUES,
    Cause,
    CheckRef,
    Code,
    GlossaryEntry,
    Message,
    Source,
)
from assistant.kb.problem import Problem
from assistant.kb.yaml_lines import LineDict, read_yaml

__all__ = ["Problem", "check_pack", "validate_dirs", "validate_kb", "validate_layers"]

KINDS = ("messages", "causes", "codes", "glossary")
MESSAGE_TYPES = ("A", "E", "I", "S", "W", "X")
SEVERITIES = ("error", "warning")
YAML_SUFFIXES = (".yaml", ".yml")
_BAD = object()  # marks a field value that failed its check
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S.*")  # a scheme, then anything on one line


@dataclass(frozen=True, slots=True)
class Field:
    kind: str  # id | str | text | opt_str | md | int | opt_int | ids | strs | md_list | sources | check
    required: bool = False
    allowed: tuple[str, ...] = ()
    ref: str = ""  # for kind "ids": the kind the ids point to


_COMMON = {
    "id": Field("id", required=True),
    "sap_wording": Field("str", required=True, allowed=WORDING_VALUES),
    "sources": Field("sources", required=True),
}

SCHEMA: dict[str, dict[str, Field]] = {
    "messages": {
        **_COMMON,
        "message_class": Field("id", required=True),
        "number": Field("int", required=True),
        "type": Field("opt_str", allowed=MESSAGE_TYPES),
        "status": Field("str", required=True, allowed=MESSAGE_STATUS_VALUES),
        "short_text": Field("opt_str"),
        "title": Field("str", required=True),
        "icm_constant": Field("opt_str"),
        "meaning": Field("md"),
        "system_response": Field("md"),
        "causes": Field("ids", ref="causes"),
        "codes": Field("ids", ref="codes"),
        "pitfalls": Field("md_list"),
        "keywords": Field("strs"),
        "imported_text": Field("opt_str"),
    },
    "causes": {
        **_COMMON,
        "title": Field("str", required=True),
        "explanation": Field("md"),
        "signs": Field("strs"),
        "codes": Field("ids", ref="codes"),
        "fix": Field("md_list"),
        "check": Field("check"),
        "severity": Field("str", allowed=SEVERITIES),
    },
    "codes": {
        **_COMMON,
        "numeric": Field("opt_int"),
        "layer": Field("text"),
        "aliases": Field("strs"),
        "meaning": Field("md"),
        "messages": Field("ids", ref="messages"),
        "causes": Field("ids", ref="causes"),
    },
    "glossary": {
        **_COMMON,
        "kind": Field("str", required=True, allowed=GLOSSARY_KINDS),
        "title": Field("str", required=True),
        "text": Field("md"),
        "aliases": Field("strs"),
    },
}

_BUILDERS: dict[str, Callable[..., Any]] = {
    "messages": Message,
    "causes": Cause,
    "codes": Code,
    "glossary": GlossaryEntry,
}


@dataclass(slots=True)
class _Ref:
    file: str
    line: int
    owner: str  # "message SCLNT_HTTP407"
    target_kind: str
    target_id: str


@dataclass(slots=True)
class _Markdown:
    file: str
    line: int
    where: str
    text: str


@dataclass(slots=True)
class PackCheck:
    """The entries of one pack that passed their checks, and every problem found."""

    path: Path
    kb: KnowledgeBase = field(default_factory=KnowledgeBase)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def knowledge_files(path: Path) -> list[Path]:
    """The YAML files of a pack, in name order (a single YAML file is a pack too)."""
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.iterdir()
        if p.suffix.lower() in YAML_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def _show(value: object, limit: int = 60) -> str:
    """A value quoted for a problem message, cut short (a pack may hold a 1 MB string)."""
    text = repr(value if isinstance(value, str) else str(value))
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _type_name(value: object) -> str:
    for kind, name in ((type(None), "null"), (bool, "a boolean"), ((int, float), "a number"),
                       (str, "a string"), (list, "a list"), (dict, "a mapping")):
        if isinstance(value, kind):
            return name
    return f"a {type(value).__name__}"  # e.g. a date: YAML reads 2024-01-01 as one


def _item_line(container: Any, index: int, default: int) -> int:
    line_of = getattr(container, "line_of", None)
    return int(line_of(index)) if line_of is not None else default


class _EntryChecker:
    """Checks one entry mapping field by field and collects what it needs to build it."""

    def __init__(self, kind: str, entry: Any, file: str, owner: str) -> None:
        self.kind = kind
        self.entry = entry
        self.file = file
        self.owner = owner
        self.problems: list[Problem] = []
        self.refs: list[_Ref] = []
        self.markdown: list[_Markdown] = []
        self.values: dict[str, Any] = {}

    def line(self, key: str) -> int:
        return int(self.entry.line_of(key))

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, f"{self.owner}: {message}"))

    def run(self) -> None:
        spec = SCHEMA[self.kind]
        for key in self.entry:
            if key not in spec:
                self.problem(self.line(key), f"unknown field {_show(key)} (known: {', '.join(spec)})")
        for name, f in spec.items():
            if name not in self.entry:
                if f.required:
                    self.problem(self.entry.line, f"missing required field {name!r}")
                continue
            value = self.entry[name]
            checked = self._check(name, f, value, self.line(name))
            if checked is not _BAD:
                self.values[name] = checked

    def _check(self, name: str, f: Field, value: Any, line: int) -> Any:
        bad = len(self.problems)
        result = self._check_type(name, f, value, line)
        return _BAD if len(self.problems) > bad else result

    def _check_str(self, name: str, value: Any, line: int, *, empty_ok: bool, allowed: Sequence[str] = ()) -> str | None:
        if not isinstance(value, str):
            self.problem(line, f"{name} must be a string, not {_type_name(value)}")
            return None
        if not empty_ok and not value.strip():
            self.problem(line, f"{name} must not be empty")
            return None
        if allowed and value not in allowed:
            self.problem(line, f"{name} {_show(value)} is not one of: {', '.join(allowed)}")
            return None
        return value

    def _check_list(self, name: str, value: Any, line: int) -> list[Any] | None:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(line, f"{name} must be a list, not {_type_name(value)}")
            return None
        return value

    def _check_type(self, name: str, f: Field, value: Any, line: int) -> Any:
        k = f.kind
        if k in ("str", "text", "md"):
            text = self._check_str(name, value, line, empty_ok=k != "str", allowed=f.allowed)
            if text and k == "md":
                self.markdown.append(_Markdown(self.file, line, f"{self.owner}: {name}", text))
            return text
        if k == "id":
            text = self._check_str(name, value, line, empty_ok=False)
            if text is not None and any(ch.isspace() for ch in text):
                self.problem(line, f"{name} {_show(text)} must not contain spaces")
            return text
        if k == "opt_str":
            if value is None:
                return None
            return self._check_str(name, value, line, empty_ok=False, allowed=f.allowed)
        if k in ("int", "opt_int"):
            if value is None and k == "opt_int":
                return None
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(line, f"{name} must be a whole number, not {_type_name(value)}")
                return None
            return value
        if k in ("ids", "strs", "md_list"):
            items = self._check_list(name, value, line)
            if items is None:
                return None
            out: list[str] = []
            for i, item in enumerate(items):
                item_line = _item_line(value, i, line)
                text = self._check_str(f"{name}[{i + 1}]", item, item_line, empty_ok=False)
                if text is None:
                    continue
                out.append(text)
                if k == "ids":
                    self.refs.append(_Ref(self.file, item_line, self.owner, f.ref, text))
                elif k == "md_list":
                    self.markdown.append(_Markdown(self.file, item_line, f"{self.owner}: {name}[{i + 1}]", text))
            return tuple(out)
        if k == "sources":
            return self._check_sources(value, line)
        if k == "check":
            return self._check_checkref(value, line)
        raise AssertionError(f"unknown field kind {k}")  # a bug in SCHEMA, not bad input

    def _check_sources(self, value: Any, line: int) -> tuple[Source, ...] | None:
        items = self._check_list("sources", value, line)
        if items is None:
            return None
        if not items:
            self.problem(line, "sources must list at least one {url: ...}")
            return None
        out: list[Source] = []
        for i, item in enumerate(items):
            item_line = _item_line(value, i, line)
            if isinstance(item, str):
                item = {"url": item}
            if not isinstance(item, dict):
                self.problem(item_line, f"sources[{i + 1}] must be a mapping {{url: ..., note: ...}}, not {_type_name(item)}")
                continue
            for key in item:
                if key not in ("url", "note"):
                    self.problem(item_line, f"sources[{i + 1}]: unknown field {_show(key)} (known: url, note)")
            url = item.get("url")
            if not isinstance(url, str) or not _URL.fullmatch(url.strip()):
                self.problem(item_line, f"sources[{i + 1}].url must be a URL such as https://..., not {_show(url)}")
                continue
            note = item.get("note", "")
            if note is None:
                note = ""
            if not isinstance(note, str):
                self.problem(item_line, f"sources[{i + 1}].note must be a string, not {_type_name(note)}")
                continue
            out.append(Source(url.strip(), note))
        return tuple(out)

    def _check_checkref(self, value: Any, line: int) -> CheckRef | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(line, f"check must be a mapping {{step: ..., how: ...}}, not {_type_name(value)}")
            return None
        for key in value:
            if key not in ("step", "how"):
                self.problem(line, f"check: unknown field {_show(key)} (known: step, how)")
        step = self._check_str("check.step", value.get("step"), line, empty_ok=False, allowed=CHECK_STEPS)
        how = value.get("how", "")
        how = "" if how is None else self._check_str("check.how", how, line, empty_ok=True)
        if step is None or how is None:
            return None
        if how:
            self.markdown.append(_Markdown(self.file, line, f"{self.owner}: check.how", how))
        return CheckRef(step, how)

    def check_rules(self) -> None:
        """Rules that tie several fields of a message together."""
        if self.kind != "messages" or self.problems:
            return
        v = self.values
        number, cls = v["number"], v["message_class"]
        if not 0 <= number <= 999:
            self.problem(self.line("number"), f"number must be between 0 and 999, not {number}")
        elif v["id"] != f"{cls}{number:03d}":
            self.problem(self.line("id"), f"id must be message_class + 3-digit number: {cls}{number:03d}")
        short = v.get("short_text")
        if v["status"] == "confirmed" and short is None:
            self.problem(self.entry.line, "a confirmed message needs its short_text (SAP's exact wording)")
        if v["status"] == "inferred" and short is not None:
            self.problem(self.line("short_text"), "an inferred message must not have a short_text (SAP's wording is not known)")


_NOUNS = {"messages": "message", "causes": "cause", "codes": "code", "glossary": "glossary entry"}


def _check_entry(kind: str, entry: Any, file: str) -> tuple[Any | None, _EntryChecker]:
    raw_id = entry.get("id")
    noun = _NOUNS[kind]
    owner = f"{noun} {raw_id[:80]}" if isinstance(raw_id, str) else f"{noun} (no id)"
    checker = _EntryChecker(kind, entry, file, owner)
    checker.run()
    checker.check_rules()
    if checker.problems:
        return None, checker
    values = dict(checker.values)
    values["origin"] = f"{file}:{entry.line}"
    return _BUILDERS[kind](**values), checker


def _markdown_problems(items: Iterable[_Markdown]) -> list[Problem]:
    """Raw HTML is refused: answers are rendered as Markdown and must not carry markup."""
    suspects = [m for m in items if "<" in m.text]
    if not suspects:
        return []
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    problems: list[Problem] = []
    for m in suspects:
        try:
            tokens = md.parse(m.text)
        except Exception as exc:  # markdown-it should not fail, but a pack must not crash us
            problems.append(Problem(m.file, m.line, f"{m.where}: Markdown could not be parsed ({exc})"))
            continue
        found = any(t.type == "html_block" for t in tokens) or any(
            c.type == "html_inline" for t in tokens if t.children for c in t.children
        )
        if found:
            problems.append(Problem(m.file, m.line, f"{m.where}: raw HTML is not allowed in Markdown (write `<` as `&lt;` or use code spans)"))
    return problems


def _read_file(path: Path, check: PackCheck, refs: list[_Ref], markdown: list[_Markdown],
               first_seen: dict[str, dict[str, str]]) -> None:
    file = str(path)
    result = read_yaml(path)
    if result.error is not None:
        check.problems.append(Problem(file, max(1, result.error_line), result.error))
        return
    for line, key in result.duplicate_keys:
        check.problems.append(Problem(file, line, f"duplicate key {_show(key)} (the later value would win silently)"))
    data = result.data
    if data is None:
        check.problems.append(Problem(file, 1, "file is empty; expected a mapping with messages, causes, codes or glossary"))
        return
    if not isinstance(data, LineDict):
        check.problems.append(Problem(file, int(getattr(data, "line", 1)), f"top level must be a mapping with messages, causes, codes or glossary, not {_type_name(data)}"))
        return
    for key in data:
        if key not in KINDS:
            check.problems.append(Problem(file, data.line_of(key), f"unknown top-level key {_show(key)} (known: {', '.join(KINDS)})"))
    for kind in KINDS:
        if kind not in data or data[kind] is None:
            continue
        entries = data[kind]
        if not isinstance(entries, list):
            check.problems.append(Problem(file, data.line_of(kind), f"{kind} must be a list of entries, not {_type_name(entries)}"))
            continue
        target: dict[str, Any] = getattr(check.kb, kind)
        for i, entry in enumerate(entries):
            if not isinstance(entry, LineDict):
                check.problems.append(Problem(file, _item_line(entries, i, data.line_of(kind)), f"{kind}[{i + 1}] must be a mapping, not {_type_name(entry)}"))
                continue
            built, checker = _check_entry(kind, entry, file)
            check.problems.extend(checker.problems)
            refs.extend(checker.refs)
            markdown.extend(checker.markdown)
            entry_id = entry.get("id")
            if not isinstance(entry_id, str):
                continue
            where = f"{file}:{entry.line}"
            seen = first_seen[kind]
            if entry_id in seen:
                check.problems.append(Problem(file, entry.line, f"duplicate {kind} id {_show(entry_id)} (first defined at {seen[entry_id]})"))
                continue
            seen[entry_id] = where
            if built is not None:
                target[entry_id] = built


def check_pack(path: Path | str, base: KnowledgeBase | None = None) -> PackCheck:
    """Read and check one pack; references may point into `base` (the layers below it)."""
    path = Path(path)
    check = PackCheck(path)
    try:
        if not path.exists():
            check.problems.append(Problem(str(path), 1, "knowledge directory not found"))
            return check
        check.files = knowledge_files(path)
    except OSError as exc:
        check.problems.append(Problem(str(path), 1, f"cannot read knowledge directory: {exc.strerror or exc}"))
        return check
    if not check.files:
        check.problems.append(Problem(str(path), 1, "no knowledge files (*.yaml) in this directory"))
        return check
    refs: list[_Ref] = []
    markdown: list[_Markdown] = []
    first_seen: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for file in check.files:
        _read_file(file, check, refs, markdown, first_seen)
    for ref in refs:
        if ref.target_id in first_seen[ref.target_kind]:
            continue
        if base is not None and ref.target_id in getattr(base, ref.target_kind):
            continue
        check.problems.append(Problem(ref.file, ref.line, f"{ref.owner}: unknown {ref.target_kind.rstrip('s')} id {_show(ref.target_id)}"))
    check.problems.extend(_markdown_problems(markdown))
    check.problems.sort(key=lambda p: (p.file, p.line))
    return check


def validate_layers(dirs: Sequence[Path | str]) -> tuple[KnowledgeBase, list[Problem]]:
    """Check directories layered in order (each may refer to entries of the ones before).

    Unlike the loader, a pack with problems is not skipped: its good entries are layered
    so that later packs are checked against what they would really see.
    """
    from assistant.kb.load import merge_layer

    base = KnowledgeBase()
    problems: list[Problem] = []
    for d in dirs:
        check = check_pack(d, base)
        problems.extend(check.problems)
        base = merge_layer(base, check.kb)
    return base, problems


def validate_dirs(dirs: Sequence[Path | str]) -> list[Problem]:
    """Problems of the given directories, layered in order."""
    return validate_layers(dirs)[1]


def validate_kb(extra_dirs: Sequence[Path | str] = (), *, include_bundled: bool = True,
                include_configured: bool = True) -> list[Problem]:
    """Check the layered base the app would load: bundled, configured packs, then `extra_dirs`."""
    from assistant.kb.load import knowledge_dirs

    dirs = knowledge_dirs(extra_dirs, include_bundled=include_bundled, include_configured=include_configured)
    return validate_dirs([d.path for d in dirs.dirs])
