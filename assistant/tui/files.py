"""The chat's own files (input history, saved conversations): bounded reads, atomic
writes, and the clean-up of temp files a killed chat left behind.

Pure Python, standard library only (the input history is read before the first paint).
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

STALE_TMP_SECONDS = 60.0  # a temp file older than this was left by a killed writer


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file (never blocks on a FIFO or reads a device).
    Raises OSError (FileNotFoundError when missing) and ValueError when it is larger."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{path} is larger than {limit:,} bytes")
    return data


def read_first_line(path: Path, limit: int) -> bytes:
    """The first line of a regular file, at most `limit` bytes of it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
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
