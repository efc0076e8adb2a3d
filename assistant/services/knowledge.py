"""Loading the knowledge base, the same way for `sapassist ask`/`lookup`/`list` and the chat."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from assistant.textsafe import escape_control

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase
    from assistant.kb.load import LoadResult


def load_knowledge(kb_dirs: Sequence[str | Path] = ()) -> LoadResult:
    """The bundled base layered with `kb_dirs`, the router's and the text index's caches primed.

    With a big imported pack the indexes come from the loader's derived-data cache instead
    of being rebuilt in each process. Never raises on bad knowledge files (see `load_kb`);
    the chat calls it off the UI thread.
    """
    from assistant.intent.kbindex import prime_indexes
    from assistant.kb.load import load_kb

    result = load_kb(list(kb_dirs))
    prime_indexes(result)
    return result


def load_or_report(kb_dirs: Sequence[str | Path], err: TextIO) -> KnowledgeBase | None:
    """For the text front ends: the base, or None after writing its problems to `err`
    (the caller exits with 2). Warnings are written either way."""
    result = load_knowledge(kb_dirs)
    for warning in result.warnings:
        print(f"warning: {escape_control(warning)}", file=err)
    if not result.problems:
        return result.kb
    for problem in result.problems:
        print(escape_control(str(problem)), file=err)
    print(
        f"the knowledge base has {len(result.problems)} problem(s); "
        "run `sapassist kb validate` for details",
        file=err,
    )
    return None


def load_optional(kb_dirs: Sequence[str | Path], err: TextIO, prog: str) -> KnowledgeBase | None:
    """For commands whose own findings stand without the base (`check`, `trace`): the base,
    or None after one line on `err` saying it is not available. Never raises."""
    try:
        from assistant.kb.load import load_kb

        result = load_kb(list(kb_dirs))
    except Exception as exc:  # the live or trace result is worth showing without it
        print(f"{prog}: knowledge base not available ({escape_control(str(exc))})", file=err)
        return None
    for warning in result.warnings:
        print(f"sapassist: {escape_control(warning)}", file=err)
    return result.kb
