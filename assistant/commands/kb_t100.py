"""`sapassist kb import-t100 FILE --output DIR`: turn an SE16 download of T100 into a pack.

Exit codes: 0 every row imported, 1 some rows rejected (or nothing left to import),
2 the file is unusable or the pack cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.textsafe import escape_control
from assistant.wording import plural

MAX_REPORTED_PROBLEMS = 50


def run(args: argparse.Namespace, parser: argparse.ArgumentParser | None = None) -> int:
    from assistant.kb.t100 import read_t100_file, write_pack

    source = Path(args.file)
    shown = escape_control(str(args.file))
    language = (args.language or "E").strip()
    pattern = getattr(args, "message_class", None)
    result = read_t100_file(source, language=language, class_pattern=pattern)
    if result.fatal:  # the file as a whole is unusable: its warnings would only distract
        print(f"{shown}: {escape_control(result.fatal)}", file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(f"{shown}: warning: {escape_control(warning)}", file=sys.stderr)
    for problem in result.problems[:MAX_REPORTED_PROBLEMS]:
        print(problem.format(shown), file=sys.stderr)
    if result.rejected > MAX_REPORTED_PROBLEMS:
        more = result.rejected - MAX_REPORTED_PROBLEMS
        print(f"{shown}: … and {more} more rejected rows", file=sys.stderr)

    classes = result.classes
    filters = f"language {escape_control(language)}"
    if pattern:
        filters += f", class {escape_control(pattern)}"
    print(
        f"{plural(result.rows_read, 'row')} read, {len(result.rows)} imported, "
        f"{result.rejected} rejected, {result.filtered_out} skipped by the filters "
        f"({filters}); {plural(len(classes), 'message class')}"
        + (f": {_class_list(classes)}" if classes else "")
    )
    if not result.rows:
        print(f"{shown}: nothing to import — no pack written", file=sys.stderr)
        return 1
    output = Path(args.output)
    try:
        targets = write_pack(result.rows, output, source.name)
    except OSError as exc:
        reason = "not a directory" if output.exists() and not output.is_dir() else exc.strerror or exc
        print(f"{escape_control(str(output))}: cannot write the pack: {reason}", file=sys.stderr)
        return 2
    written = escape_control(str(targets[0])) + (f" (+{len(targets) - 1} parts)" if len(targets) > 1 else "")
    print(f"wrote {written} — use it with: sapassist ask --kb {escape_control(str(output))} …")
    return 1 if result.rejected else 0


def _class_list(classes: list[str], limit: int = 10) -> str:
    shown = ", ".join(classes[:limit])
    return shown + (f" … (+{len(classes) - limit})" if len(classes) > limit else "")
