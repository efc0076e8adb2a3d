"""Check knowledge packs as the loader would layer them, and list every problem.

The parser (`assistant.kb.parse`) finds the problems of one pack; this module layers
packs in order so that each is checked against the entries below it. Unlike the loader
it never skips a pack: `sapassist kb validate` shows everything that is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.layers import knowledge_dirs, merge_layer
from assistant.kb.parse import parse_pack
from assistant.kb.problem import Problem

__all__ = ["validate_dirs", "validate_kb", "validate_layers"]


def validate_layers(dirs: Sequence[Path | str]) -> tuple[KnowledgeBase, list[Problem]]:
    """Check directories layered in order (each may refer to entries of the ones before).

    Unlike the loader, a pack with problems is not skipped: its good entries are layered
    so that later packs are checked against what they would really see.
    """
    base = KnowledgeBase()
    problems: list[Problem] = []
    for d in dirs:
        parsed = parse_pack(d, base)
        problems.extend(parsed.problems)
        base = merge_layer(base, parsed.kb)
    return base, problems


def validate_dirs(dirs: Sequence[Path | str]) -> list[Problem]:
    """Problems of the given directories, layered in order."""
    return validate_layers(dirs)[1]


def validate_kb(extra_dirs: Sequence[Path | str] = (), *, include_bundled: bool = True,
                include_configured: bool = True) -> list[Problem]:
    """Check the layered base the app would load: bundled, configured packs, then `extra_dirs`."""
    dirs = knowledge_dirs(extra_dirs, include_bundled=include_bundled, include_configured=include_configured)
    return validate_dirs([d.path for d in dirs.dirs])
