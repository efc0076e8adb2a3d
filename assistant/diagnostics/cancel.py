"""Cancel a check at once, also in the middle of a step that waits on a silent server.

A blocked `connect`, handshake or `recv` only returns when its socket timeout ends,
so checking the cancel flag between steps is not enough. Instead the check registers
every TCP connection it opens in `OpenSockets`, and `CancelWatcher` shuts them all down
as soon as the cancel flag is set: the blocked call returns at once with an error, and
the runner reports the step as cancelled (not as the failure the error looks like).

Race-free by construction: the registry keeps its own duplicate of each socket's file
descriptor, and only ever touches those duplicates (under a lock). The owner closes its
own descriptor whenever it likes — a number reused by another socket can never be shut
down by mistake. `shutdown()` acts on the connection, not on the descriptor, so shutting
down the duplicate wakes the owner's blocked call just the same.
"""

from __future__ import annotations

import socket
import threading
from typing import Protocol

POLL_S = 0.05  # how often the watcher looks at a cancel flag it cannot wait on


class Cancel(Protocol):
    def is_set(self) -> bool: ...


class CheckCancelled(TimeoutError):
    """The check was cancelled: raised instead of starting another blocking operation.

    A `TimeoutError` (like `DeadlineExceeded`) so every step already ends cleanly on it;
    the runner reports the step as cancelled, not as a timeout.
    """


class OpenSockets:
    """The connections one check has open, so that a cancel can shut them all down."""

    cancellable = True

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._dups: dict[int, socket.socket] = {}  # owner's fd -> our duplicate
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def track(self, sock: socket.socket) -> None:
        """Register a fresh (plain, not yet wrapped) socket before its first blocking call.

        Raises `CheckCancelled` when the check is already cancelled: the caller closes
        `sock` and goes no further.
        """
        with self._lock:
            if self._cancelled:
                raise CheckCancelled("the check was cancelled")
            fd = sock.fileno()
            stale = self._dups.pop(fd, None)
            if stale is not None:  # the owner closed fd without release: that one is over
                stale.close()
            self._dups[fd] = sock.dup()

    def release(self, fd: int) -> None:
        """Forget the connection on `fd` (call it before or after the owner closes fd):
        the connection really closes only when our duplicate is gone too."""
        with self._lock:
            dup = self._dups.pop(fd, None)
            if dup is not None:
                dup.close()

    def close(self, sock: socket.socket) -> None:
        """Release and close an owner's socket (plain or TLS)."""
        self.release(sock.fileno())
        sock.close()

    def shut_all(self) -> None:
        """Cancel: every registered connection is shut down; later `track` calls refuse."""
        with self._lock:
            self._cancelled = True
            for dup in self._dups.values():
                try:
                    dup.shutdown(socket.SHUT_RDWR)
                except OSError:  # not connected (yet, or any more): nothing to wake
                    pass

    def close_all(self) -> None:
        """The check is over: close the duplicates of connections nobody released."""
        with self._lock:
            dups, self._dups = list(self._dups.values()), {}
        for dup in dups:
            dup.close()

    def __len__(self) -> int:
        with self._lock:
            return len(self._dups)


class _Untracked(OpenSockets):
    """For checks that cannot be cancelled (the command line, `--file`): no bookkeeping."""

    cancellable = False

    def track(self, sock: socket.socket) -> None:
        return None

    def release(self, fd: int) -> None:
        return None

    def shut_all(self) -> None:
        return None


UNTRACKED: OpenSockets = _Untracked()


class CancelWatcher:
    """A thread that shuts the check's connections down as soon as `cancel` is set.

    `cancel` only has to offer `is_set()`, so the watcher polls it (every `POLL_S`); it
    waits on its own stop event, so `stop()` at the end of the check returns at once
    and leaves no thread behind.
    """

    def __init__(self, cancel: Cancel, sockets: OpenSockets, *, poll_s: float = POLL_S) -> None:
        self.cancel, self.sockets, self.poll_s = cancel, sockets, poll_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="sapassist-cancel", daemon=True)

    def start(self) -> CancelWatcher:
        self._thread.start()
        return self

    def _watch(self) -> None:
        while True:
            if self.cancel.is_set():
                self.sockets.shut_all()
                return
            if self._stop.wait(self.poll_s):
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
