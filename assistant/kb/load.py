"""Load the layered knowledge base: bundled base, config packs, SAPASSIST_KB_PATH, --kb.

Layers are applied in that order and a later entry with the same id replaces an earlier
one — except a T100 import (`status: imported`) for a message the base already knows,
which only adds SAP's text from the user's system (see `merge_message`).

An *extra* pack with any problem is skipped as a whole with a warning naming `file:line`,
so one broken download never takes the assistant down; problems in the *bundled* base
are reported in `LoadResult.problems` (the command line exits 2 on them).

When nothing changed since the last run the merged base comes from the pickle cache
(`assistant.kb.cache`) and neither PyYAML nor markdown-it is imported.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Message
from assistant.kb.problem import Problem

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


@dataclass(slots=True)
class LoadResult:
    kb: KnowledgeBase
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)  # the directories that were layered
    from_cache: bool = False
    cache_file: Path | None = None
    fingerprint: str | None = None
    derived: dict[str, Any] = field(default_factory=dict)  # see cache.get_derived


def knowledge_dirs(extra_dirs: Sequence[Path | str] = (), *, include_bundled: bool = True,
                   include_configured: bool = True) -> KnowledgeDirs:
    """The directories to layer, in order, without duplicates (the first mention wins)."""
    found: list[KnowledgeDir] = []
    warnings: list[str] = []
    config_path = paths.config_file()
    if include_bundled:
        found.append(KnowledgeDir(paths.bundled_knowledge_dir(), "bundled"))
    if include_configured:
        if config_path.exists():
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


def build_layers(dirs: Sequence[KnowledgeDir]) -> LoadResult:
    """Read, check and merge every layer (the slow path: imports PyYAML)."""
    from assistant.kb.validate import check_pack

    result = LoadResult(KnowledgeBase())
    for d in dirs:
        if not d.bundled and not d.path.exists():
            result.warnings.append(f"knowledge pack {d.path} (from {d.origin}) not found; skipped")
            continue
        check = check_pack(d.path, result.kb)
        if check.problems and not d.bundled:
            result.warnings.append(_skip_warning(d, check.problems))
            continue
        result.problems.extend(check.problems)  # bundled: report, but keep what is usable
        result.kb = merge_layer(result.kb, check.kb)
        result.sources.append(d.path)
    return result


def load_kb(extra_dirs: Sequence[Path | str] = (), *, use_cache: bool = True,
            include_bundled: bool = True) -> LoadResult:
    """The knowledge base the app works with (never raises on bad knowledge files)."""
    from assistant.kb import cache

    found = knowledge_dirs(extra_dirs, include_bundled=include_bundled)
    dir_paths = [d.path for d in found.dirs]
    if not use_cache or cache.disabled():
        result = build_layers(found.dirs)
        result.warnings[:0] = found.warnings
        return result

    file = cache.cache_file(dir_paths)
    fp = cache.fingerprint(dir_paths)
    hit = cache.read(file, fp)
    if hit is not None:
        return LoadResult(
            kb=hit["kb"],
            problems=[Problem(*p) for p in hit.get("problems", ())],
            warnings=found.warnings + list(hit.get("warnings", ())),
            sources=[Path(p) for p in hit.get("sources", ())],
            from_cache=True,
            cache_file=file,
            fingerprint=fp,
        )
    result = build_layers(found.dirs)
    cache.store(file, fp, {
        "kb": result.kb,
        "problems": [(p.file, p.line, p.message) for p in result.problems],
        "warnings": list(result.warnings),
        "sources": [str(p) for p in result.sources],
    })
    result.warnings[:0] = found.warnings
    result.cache_file = file
    result.fingerprint = fp
    return result
