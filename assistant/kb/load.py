"""Load the knowledge base the app works with: from the cache, or by layering the packs.

Which directories are layered, in which order, and how a later layer overrides an earlier
one is `assistant.kb.layers`; this module only decides where the merged base comes from.
When nothing changed since the last run it comes from the pickle cache
(`assistant.kb.cache`) and neither PyYAML nor markdown-it is imported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from assistant.kb.layers import KnowledgeDirs, LayeredBase, build_layers, knowledge_dirs
from assistant.kb.problem import Problem

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase

T = TypeVar("T")


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


def _loaded(found: KnowledgeDirs, layered: LayeredBase) -> LoadResult:
    """The layers as read from their files; warnings about the config come first."""
    return LoadResult(
        kb=layered.kb,
        problems=layered.problems,
        warnings=found.warnings + layered.warnings,
        sources=layered.sources,
    )


def load_kb(extra_dirs: Sequence[Path | str] = (), *, use_cache: bool = True,
            include_bundled: bool = True) -> LoadResult:
    """The knowledge base the app works with (never raises on bad knowledge files)."""
    from assistant.kb import cache

    found = knowledge_dirs(extra_dirs, include_bundled=include_bundled)
    dir_paths = [d.path for d in found.dirs]
    if not use_cache or cache.disabled():
        return _loaded(found, build_layers(found.dirs))

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
    layered = build_layers(found.dirs)
    cache.store(file, fp, {
        "kb": layered.kb,
        "problems": [(p.file, p.line, p.message) for p in layered.problems],
        "warnings": list(layered.warnings),
        "sources": [str(p) for p in layered.sources],
    })
    result = _loaded(found, layered)
    result.cache_file = file
    result.fingerprint = fp
    return result


def load_derived(extra_dirs: Sequence[Path | str], name: str, builder: Callable[[KnowledgeBase], T]) -> T:
    """Only a value derived from the base (`cache.get_derived`): from its own small cache
    file when that is current — the base itself is then never unpickled — else the base is
    loaded and the value built and stored for the next run. Raises what `load_kb` raises."""
    from assistant.kb import cache

    dirs = [d.path for d in knowledge_dirs(extra_dirs).dirs]
    value = cache.peek_derived(dirs, name, builder)
    if value is not None:
        return value
    return cache.get_derived(load_kb(extra_dirs), name, builder)
