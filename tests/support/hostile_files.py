"""Things that sit behind a path but are not the file a reader expects: a FIFO (blocks an
ordinary `open`), `/dev/zero` (never ends), a directory, a sparse file that claims
gigabytes it does not hold, a symlink to a FIFO. Every reader must refuse them quickly."""

from __future__ import annotations

import os
from pathlib import Path

SPARSE_SIZE = 2 * 1024 * 1024 * 1024  # over every limit; takes no disk space


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def make_sparse(path: Path, size: int = SPARSE_SIZE) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def hostile_paths(folder: Path, suffix: str = "") -> dict[str, Path]:
    """name -> path, each created in `folder` (except /dev/zero)."""
    folder.mkdir(parents=True, exist_ok=True)
    fifo = make_fifo(folder / f"fifo{suffix}")
    link = folder / f"link-to-fifo{suffix}"
    link.symlink_to(fifo)
    directory = folder / f"dir{suffix}"
    directory.mkdir()
    return {
        "fifo": fifo,
        "symlink to a fifo": link,
        "/dev/zero": Path("/dev/zero"),
        "directory": directory,
        "2 GiB sparse file": make_sparse(folder / f"sparse{suffix}"),
    }
