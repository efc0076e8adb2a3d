"""This machine running out of what a check needs: file descriptors, sockets, threads.

Out of descriptors (EMFILE) every step fails — `getaddrinfo`, `socket()`, even a lazy
import — and a step would report it as the endpoint's fault (a DNS failure, SCLNT_HTTP417,
for 251 endpoints at once). It is not the endpoint's: the check stops with a
`LocalResourceError` that says what ran out, and `check --file` keeps its concurrency
below the descriptor limit (`batch_concurrency`) so it does not run out in the first place.
"""

from __future__ import annotations

import errno
import os
import socket

from assistant.diagnostics.model import CheckSetupError

RESOURCE_ERRNOS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
DESCRIPTORS_PER_CHECK = 4  # a check holds one or two sockets, briefly two temp files
RESERVED_DESCRIPTORS = 32  # stdio, the cache, imports, the resolver's own


class LocalResourceError(CheckSetupError):
    """The check cannot run on this machine now; nothing was learnt about the endpoint."""


def exhausted(exc: BaseException) -> LocalResourceError | None:
    """The error to raise instead of `exc` when `exc` means this machine ran out of
    descriptors, buffers or threads (None: it is about the endpoint)."""
    if isinstance(exc, socket.gaierror):
        if exc.errno == getattr(socket, "EAI_SYSTEM", None) and _descriptors_exhausted():
            return _error("too many open files (the resolver failed with a system error)")
        if exc.errno == getattr(socket, "EAI_MEMORY", None):
            return _error("out of memory in the resolver")
        return None
    if isinstance(exc, OSError) and exc.errno in RESOURCE_ERRNOS:
        return _error(f"{os.strerror(exc.errno)} ({errno.errorcode.get(exc.errno, exc.errno)})")
    if isinstance(exc, RuntimeError) and "thread" in str(exc):
        return _error("cannot start another thread")
    return None


def raise_if_exhausted(exc: BaseException) -> None:
    """Raise the `LocalResourceError` for `exc` when it is one (see `exhausted`)."""
    error = exhausted(exc)
    if error is not None:
        raise error from exc


def _error(what: str) -> LocalResourceError:
    return LocalResourceError(
        "the check could not run on this machine: {what} — a local resource problem, not "
        "the endpoint's; close other programs or check fewer endpoints at once "
        "(check --file --concurrency)", what=what)


def _descriptors_exhausted() -> bool:
    try:
        fd = os.open(os.devnull, os.O_RDONLY)
    except OSError as exc:
        return exc.errno in (errno.EMFILE, errno.ENFILE)
    os.close(fd)
    return False


def descriptor_budget() -> int | None:
    """How many more descriptors this process may open (None: unknown, e.g. Windows)."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError, ValueError):
        return None
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        in_use = len(os.listdir("/proc/self/fd"))
    except OSError:
        in_use = RESERVED_DESCRIPTORS
    return max(0, soft - in_use)


def batch_concurrency(wanted: int, entries: int) -> int:
    """Parallel checks for `check --file`: what was asked, at most one per entry, and few
    enough that every check finds its descriptors (at least one check always runs)."""
    workers = max(1, min(wanted, entries))
    budget = descriptor_budget()
    if budget is not None:
        workers = min(workers, max(1, (budget - RESERVED_DESCRIPTORS) // DESCRIPTORS_PER_CHECK))
    return workers
