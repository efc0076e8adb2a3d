"""The chat's own files (input history, saved conversations): bounded reads, atomic
writes, and the clean-up of temp files a killed chat left behind.

Pure Python, standard library only (the input history is read before the first paint).
Reads go through `assistant.safefile`, like every other file the program reads.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
import time
from pathlib import Path

from assistant.safefile import FileReadError, open_regular

STALE_TMP_SECONDS = 60.0  # a temp file older than this was left by a killed writer


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file (never blocks on a FIFO or reads a device;
    `assistant.safefile` does the checks). Raises FileNotFoundError when it is missing,
    ValueError when it is larger, OSError for anything else."""
    try:
        with open_regular(path, limit, "chat file") as handle:
            return handle.read()
    except FileReadError as exc:
        if exc.missing:
            raise FileNotFoundError(errno.ENOENT, exc.reason, str(path)) from None
        if exc.too_large:
            raise ValueError(str(exc)) from None
        raise


def read_first_line(path: Path, limit: int) -> bytes:
    """The first line of a regular file of any size, at most `limit` bytes of it."""
    with open_regular(path, sys.maxsize, "chat file") as handle:
        return handle.readline(limit)


def write_atomically(path: Path, body: str, *, prefix: str) -> Path:
    """Write `body` to a temp file beside `path` (`prefix`…`.tmp`), fsync, rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def remove_stale_tmp(directory: Path, prefix: str, now: float | None = None) -> int:
    """Remove temp files (`prefix`…`.tmp`) a killed writer left behind — older than a
    minute, so a chat writing right now keeps its own; returns how many were removed."""
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = list(directory.glob(f"{prefix}*.tmp"))
    except OSError:
        return 0
    for tmp in candidates:
        try:
            if now - tmp.lstat().st_mtime > STALE_TMP_SECONDS:
                tmp.unlink()
                removed += 1
        except OSError:
            continue
    return removed
