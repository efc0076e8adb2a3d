"""`sapassist kb validate|path|import-t100`: knowledge-base tools.

`validate` exits 0 when clean and 2 with one `file:line: what is wrong` line per problem.
Extra directories are checked layered over the bundled base, so their references may
point into it.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from assistant.textsafe import escape_control

USAGE = "usage: sapassist kb {validate,path,import-t100} ... (see sapassist kb --help)"


def _print_warnings(warnings: list[str]) -> None:
    for w in warnings:
        print(f"warning: {escape_control(w)}", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    from assistant.kb.load import knowledge_dirs
    from assistant.kb.validate import validate_layers

    given = [*args.dirs, *getattr(args, "kb", [])]
    found = knowledge_dirs(given, include_configured=not args.dirs)
    _print_warnings(found.warnings)
    kb, problems = validate_layers([d.path for d in found.dirs])
    for p in problems:
        print(escape_control(str(p)))
    names = ", ".join(str(d.path) for d in found.dirs)
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
    from assistant.kb.load import knowledge_dirs

    found = knowledge_dirs(getattr(args, "kb", []))
    _print_warnings(found.warnings)
    print(f"config file: {found.config_file}{'' if found.config_file.exists() else ' (not present)'}")
    for d in found.dirs:
        state = "" if d.path.exists() else " (not found)"
        print(f"{d.origin}: {d.path}{state}")
    if cache.disabled():
        print("cache: disabled (SAPASSIST_NO_CACHE)")
    else:
        print(f"cache: {cache.cache_file([d.path for d in found.dirs])}")
    return 0


def _import_t100(args: argparse.Namespace) -> int:
    try:
        module = importlib.import_module("assistant.commands.kb_t100")
    except ModuleNotFoundError as exc:
        if exc.name != "assistant.commands.kb_t100":
            raise
        print("sapassist: kb import-t100 is not available in this version", file=sys.stderr)
        return 2
    return int(module.run(args))


def run(args: argparse.Namespace, parser: argparse.ArgumentParser | None = None) -> int:
    command = getattr(args, "kb_command", None)
    if command == "validate":
        return _validate(args)
    if command == "path":
        return _path(args)
    if command == "import-t100":
        return _import_t100(args)
    print(USAGE, file=sys.stderr)
    return 2

