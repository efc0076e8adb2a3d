"""Layer knowledge packs into one base: bundled base, config packs, SAPASSIST_KB_PATH, --kb.

Layers are applied in that order and a later entry with the same id replaces an earlier
one — except a T100 import (`status: imported`) for a message the base already knows,
which only adds SAP's text from the user's system (see `merge_message`).

An *extra* pack with any problem is skipped as a whole with a warning naming `file:line`,
so one broken download never takes the assistant down; problems in the *bundled* base
are reported in `LayeredBase.problems` (the command line exits 2 on them).

Finding the directories is cheap and runs on every start; reading them (`build_layers`)
imports the parser, and with it PyYAML, only when the loader's cache cannot answer.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import paths
from assistant.kb.problem import Problem
from assistant.safefile import path_problem
from assistant.textsafe import escape_shown

if TYPE_CHECKING:  # the base's classes load with the base: finding the directories needs neither
    from assistant.kb.knowledge_base import KnowledgeBase
    from assistant.kb.model import Message

ENV_KB_PATH = "SAPASSIST_KB_PATH"


@dataclass(frozen=True, slots=True)
class KnowledgeDir:
    path: Path
    origin: str  # "bundled" | "config" | "SAPASSIST_KB_PATH" | "--kb"

    @property
    def bundled(self) -> bool:
        return self.origin == "bundled"


@dataclass(slots=True)
class KnowledgeDirs:
    dirs: list[KnowledgeDir]
    warnings: list[str]
    config_file: Path


def _empty_base() -> KnowledgeBase:
    from assistant.kb.knowledge_base import KnowledgeBase

    return KnowledgeBase()


@dataclass(slots=True)
class LayeredBase:
    """The merged base of every layer that could be used, and what went wrong on the way."""

    kb: KnowledgeBase = field(default_factory=_empty_base)
    problems: list[Problem] = field(default_factory=list)  # of the bundled base
    warnings: list[str] = field(default_factory=list)  # extra packs skipped or not found
    sources: list[Path] = field(default_factory=list)  # the directories that were layered


def knowledge_dirs(extra_dirs: Sequence[Path | str] = (), *, include_bundled: bool = True,
                   include_configured: bool = True) -> KnowledgeDirs:
    """The directories to layer, in order, without duplicates (the first mention wins)."""
    found: list[KnowledgeDir] = []
    warnings: list[str] = []
    config_path = paths.config_file()
    if include_bundled:
        found.append(KnowledgeDir(paths.bundled_knowledge_dir(), "bundled"))
    if include_configured:
        if path_problem(config_path) != "not found":  # load_config says why one cannot be read
            from assistant.config import load_config

            config = load_config(config_path)
            warnings.extend(config.warnings)
            found += [KnowledgeDir(p, "config") for p in config.kb_paths]
        env = os.environ.get(ENV_KB_PATH, "")
        found += [
            KnowledgeDir(Path(os.path.expanduser(p.strip())), ENV_KB_PATH)
            for p in env.split(os.pathsep) if p.strip()
        ]
    found += [KnowledgeDir(Path(d), "--kb") for d in extra_dirs if str(d).strip()]
    seen: set[str] = set()
    unique: list[KnowledgeDir] = []
    for d in found:
        key = os.path.normcase(os.path.abspath(d.path))
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return KnowledgeDirs(unique, warnings, config_path)


def merge_message(existing: Message | None, new: Message) -> Message:
    """How a later layer's message combines with the one already known.

    Normally the later one replaces it. A T100 import (`status: imported`) of a message
    the base already describes keeps the bundled causes, fixes and wording, and adds the
    imported text as `imported_text`; when the bundled one is only `inferred` (SAP's
    wording unknown), the imported text also becomes its title.
    """
    if existing is None or new.status != "imported" or existing.status == "imported":
        return new
    text = new.imported_text or new.short_text or new.title
    title = text if existing.status == "inferred" else existing.title
    sources = existing.sources + tuple(s for s in new.sources if s not in existing.sources)
    return dataclasses.replace(existing, imported_text=text, title=title, sources=sources)


def merge_layer(base: KnowledgeBase, layer: KnowledgeBase) -> KnowledgeBase:
    """A new base with `layer` applied over `base` (neither is modified)."""
    from assistant.kb.knowledge_base import KnowledgeBase

    out = KnowledgeBase(base.messages.copy(), dict(base.causes), dict(base.codes), dict(base.glossary))
    # ids new to the base are taken as they are (bare imports stay compact rows)
    out.messages.merge(layer.messages, merge_message)
    out.causes.update(layer.causes)
    out.codes.update(layer.codes)
    out.glossary.update(layer.glossary)
    return out


def _skip_warning(d: KnowledgeDir, problems: list[Problem]) -> str:
    more = f" (and {len(problems) - 1} more; run `sapassist kb validate {d.path}`)" if len(problems) > 1 else ""
    return f"knowledge pack {d.path} (from {d.origin}) skipped: {problems[0]}{more}"


def build_layers(dirs: Sequence[KnowledgeDir]) -> LayeredBase:
    """Read, check and merge every layer (the slow path: imports PyYAML)."""
    from assistant.kb.parse import parse_pack  # only when the cache cannot answer

    result = LayeredBase()
    for d in dirs:
        problem = None if d.bundled else path_problem(d.path)  # the bundled one: parse_pack says
        if problem is not None:
            result.warnings.append(f"knowledge pack {escape_shown(str(d.path))} (from {d.origin}) {problem}; skipped")
            continue
        parsed = parse_pack(d.path, result.kb)
        if parsed.problems and not d.bundled:
            result.warnings.append(_skip_warning(d, parsed.problems))
            continue
        result.problems.extend(parsed.problems)  # bundled: report, but keep what is usable
        result.kb = merge_layer(result.kb, parsed.kb)
        result.sources.append(d.path)
    return result
