"""Read a knowledge pack: its YAML files, checked, into the entries of a `KnowledgeBase`.

One pass does both jobs, because a problem must name the `file:line` the entry came
from: `parse_pack()` reads every YAML file of a directory, reports each problem as
`Problem(file, line, message)` and builds the entries that are fine. The loader
(`assistant.kb.layers`) uses it to decide whether a pack may be layered (any problem
skips an extra pack); the validator (`assistant.kb.validate`, `sapassist kb validate`)
prints the problems.

Checked: YAML syntax, duplicate keys, top level = mapping of known keys, each entry
against the schema (`assistant.kb.schema`), unique ids per kind, references between
messages/causes/codes resolve within the layered base, and no raw HTML in Markdown
fields.

Nothing here raises on bad input; PyYAML and markdown-it are imported only when needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.problem import Problem
from assistant.kb.schema import (
    KINDS,
    MarkdownText,
    Reference,
    check_entry,
    line_of_item,
    show_value,
    type_name,
)
from assistant.kb.yaml_lines import LineDict, read_yaml
from assistant.safefile import path_problem

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class ParsedPack:
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


def _markdown_problems(items: Iterable[MarkdownText]) -> list[Problem]:
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


def _read_file(path: Path, pack: ParsedPack, refs: list[Reference], markdown: list[MarkdownText],
               first_seen: dict[str, dict[str, str]]) -> None:
    file = str(path)
    result = read_yaml(path)
    if result.error is not None:
        pack.problems.append(Problem(file, max(1, result.error_line), result.error))
        return
    for line, key in result.duplicate_keys:
        pack.problems.append(Problem(file, line, f"duplicate key {show_value(key)} (the later value would win silently)"))
    data = result.data
    if data is None:
        pack.problems.append(Problem(file, 1, "file is empty; expected a mapping with messages, causes, codes or glossary"))
        return
    if not isinstance(data, LineDict):
        pack.problems.append(Problem(file, int(getattr(data, "line", 1)), f"top level must be a mapping with messages, causes, codes or glossary, not {type_name(data)}"))
        return
    for key in data:
        if key not in KINDS:
            pack.problems.append(Problem(file, data.line_of(key), f"unknown top-level key {show_value(key)} (known: {', '.join(KINDS)})"))
    for kind in KINDS:
        if kind not in data or data[kind] is None:
            continue
        entries = data[kind]
        if not isinstance(entries, list):
            pack.problems.append(Problem(file, data.line_of(kind), f"{kind} must be a list of entries, not {type_name(entries)}"))
            continue
        target: dict[str, Any] = getattr(pack.kb, kind)
        for i, entry in enumerate(entries):
            if not isinstance(entry, LineDict):
                pack.problems.append(Problem(file, line_of_item(entries, i, data.line_of(kind)), f"{kind}[{i + 1}] must be a mapping, not {type_name(entry)}"))
                continue
            built, checker = check_entry(kind, entry, file)
            pack.problems.extend(checker.problems)
            refs.extend(checker.refs)
            markdown.extend(checker.markdown)
            entry_id = entry.get("id")
            if not isinstance(entry_id, str):
                continue
            where = f"{file}:{entry.line}"
            seen = first_seen[kind]
            if entry_id in seen:
                pack.problems.append(Problem(file, entry.line, f"duplicate {kind} id {show_value(entry_id)} (first defined at {seen[entry_id]})"))
                continue
            seen[entry_id] = where
            if built is not None:
                target[entry_id] = built


def parse_pack(path: Path | str, base: KnowledgeBase | None = None) -> ParsedPack:
    """Read and pack one pack; references may point into `base` (the layers below it)."""
    path = Path(path)
    pack = ParsedPack(path)
    try:
        problem = path_problem(path)  # a loop of links or no permission says so, not "not found"
        if problem is not None:
            pack.problems.append(Problem(str(path), 1, f"knowledge directory {problem}"))
            return pack
        pack.files = knowledge_files(path)
    except OSError as exc:
        pack.problems.append(Problem(str(path), 1, f"cannot read knowledge directory: {exc.strerror or exc}"))
        return pack
    if not pack.files:
        pack.problems.append(Problem(str(path), 1, "no knowledge files (*.yaml) in this directory"))
        return pack
    refs: list[Reference] = []
    markdown: list[MarkdownText] = []
    first_seen: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for file in pack.files:
        _read_file(file, pack, refs, markdown, first_seen)
    for ref in refs:
        if ref.target_id in first_seen[ref.target_kind]:
            continue
        if base is not None and ref.target_id in getattr(base, ref.target_kind):
            continue
        pack.problems.append(Problem(ref.file, ref.line, f"{ref.owner}: unknown {ref.target_kind.rstrip('s')} id {show_value(ref.target_id)}"))
    pack.problems.extend(_markdown_problems(markdown))
    pack.problems.sort(key=lambda p: (p.file, p.line))
    return pack
