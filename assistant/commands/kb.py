"""`sapassist kb validate|path|import-t100`: knowledge-base tools.

`validate` exits 0 when clean and 2 with one `file:line: what is wrong` line per problem.
Extra directories are checked layered over the bundled base, so their references may
point into it.
"""

from __future__ import annotations

import argparse
import sys

from assistant.textsafe import escape_control

USAGE = "usage: sapassist kb {validate,path,import-t100} ... (see sapassist kb --help)"


def _print_warnings(warnings: list[str]) -> None:
    for w in warnings:
        print(f"warning: {escape_control(w)}", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    from assistant.kb.layers import knowledge_dirs
    from assistant.kb.validate import validate_layers

    given = [*args.dirs, *getattr(args, "kb", [])]
    found = knowledge_dirs(given, include_configured=not args.dirs)
    _print_warnings(found.warnings)
    kb, problems = validate_layers([d.path for d in found.dirs])
    for p in problems:
        print(escape_control(str(p)))
    names = ", ".join(escape_control(str(d.path)) for d in found.dirs)
    if problems:
        files = len({p.file for p in problems})
        print(f"{len(problems)} problem(s) in {files} file(s); checked: {names}")
        return 2
    print(
        f"ok: {len(kb.messages)} messages, {len(kb.causes)} causes, {len(kb.codes)} codes, "
        f"{len(kb.glossary)} glossary entries; checked: {names}"
    )
    return 0


def _path(args: argparse.Namespace) -> int:
    from assistant.kb import cache
    from assistant.kb.layers import knowledge_dirs
    from assistant.safefile import path_problem

    found = knowledge_dirs(getattr(args, "kb", []))
    _print_warnings(found.warnings)
    present = "" if path_problem(found.config_file) is None else " (not present)"
    print(f"config file: {escape_control(str(found.config_file))}{present}")
    for d in found.dirs:
        problem = path_problem(d.path)
        state = f" ({problem})" if problem else ""
        print(f"{d.origin}: {escape_control(str(d.path))}{state}")
    if cache.disabled():
        print("cache: disabled (SAPASSIST_NO_CACHE)")
    else:
        print(f"cache: {cache.cache_file([d.path for d in found.dirs])}")
    return 0


def run(args: argparse.Namespace, parser: argparse.ArgumentParser | None = None) -> int:
    command = getattr(args, "kb_command", None)
    if command == "validate":
        return _validate(args)
    if command == "path":
        return _path(args)
    if command == "import-t100":
        from assistant.commands import kb_t100

        return kb_t100.run(args)
    print(USAGE, file=sys.stderr)
    return 2

