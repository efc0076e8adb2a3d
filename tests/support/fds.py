"""What a test can see of the process's open sockets (Linux: /proc/self/fd), to prove
that code under test closed every socket it opened."""

from __future__ import annotations

import os
from pathlib import Path

FD_DIR = Path("/proc/self/fd")


def has_proc_fds() -> bool:
    return FD_DIR.is_dir()


def open_sockets() -> set[str]:
    """The kernel sockets this process holds open, as `socket:[inode]` (unique per socket,
    so a socket closed meanwhile and a new one on the same descriptor number differ)."""
    out = set()
    for entry in os.listdir(FD_DIR):
        try:
            target = os.readlink(FD_DIR / entry)
        except OSError:  # closed while we looked (e.g. the listdir's own descriptor)
            continue
        if target.startswith("socket:"):
            out.add(target)
    return out
