"""Read a file the user names, safely: a regular file, within a size limit, never hanging.

Every file sapassist reads — T100 downloads, endpoints files, knowledge packs, the
knowledge-base cache, certificate files, the config file — comes through here, because
what sits behind a path is not always a file: a FIFO blocks `open()` until a writer
appears, `/dev/zero` never ends, a sparse file claims gigabytes it does not hold, and a
file can grow while it is read. So a file is

- opened with `O_NONBLOCK` (a FIFO or a tty cannot block the open; for a regular file
  the flag changes nothing) and `O_NOCTTY`;
- checked with `fstat` on the open descriptor (no race with a swapped path): only a
  regular file is read, anything else is a `FileReadError` that says what it is;
- refused before reading when its size is over the limit, and read with at most
  `limit + 1` bytes requested, so a file that grows meanwhile is caught too.

`FileReadError`'s message is meant for the user and names the path; `what` says what the
file was meant to be ("certificate file", "T100 download" …).
"""

from __future__ import annotations

import errno
import io
import os
import stat
from typing import BinaryIO

from assistant.textsafe import cut_said

MiB = 1024 * 1024


class FileReadError(OSError):
    """The file cannot be used. `str(err)` is the message for the user, naming the path;
    `reason` is the same without the path, for a caller that names the file itself."""

    def __init__(self, path: str, reason: str, *, too_large: bool = False,
                 missing: bool = False) -> None:
        self.path, self.reason = path, reason
        said = cut_said(path)  # a 100 KB path argument is no 100 KB error line
        self.message = (f"cannot read {said}: {reason[len('cannot read: '):]}"
                        if reason.startswith("cannot read: ") else f"{said} {reason}")
        super().__init__(self.message)
        self.too_large = too_large
        self.missing = missing  # no such file (callers for which that is normal check this)

    def __str__(self) -> str:
        return self.message


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def size_text(n: int) -> str:
    """1536 -> "1.5 KiB": sizes in messages and the README's limits table."""
    for unit, size in (("GiB", 1024 * MiB), ("MiB", MiB), ("KiB", 1024)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


def open_regular(path: str | os.PathLike[str], limit: int, what: str = "file") -> BinaryIO:
    """An open binary file object for a regular file of at most `limit` bytes.

    Reads from it never return more than `limit` bytes in total (a file growing meanwhile
    ends there, see `BoundedReader`). Raises `FileReadError` for anything else.
    """
    name = os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(name, flags)
    except IsADirectoryError:
        raise FileReadError(name, f"is a directory, not {_a(what)}") from None
    except FileNotFoundError as exc:
        raise FileReadError(name, f"cannot read: {exc.strerror or exc}", missing=True) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO or socket without a peer, opened non-blocking
            raise FileReadError(name, "is not a regular file (a pipe or socket)") from None
        raise FileReadError(name, f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise FileReadError(name, f"is a directory, not {_a(what)}")
        if not stat.S_ISREG(st.st_mode):
            raise FileReadError(name, f"is not a regular file ({_kind(st.st_mode)})")
        if st.st_size > limit:
            raise FileReadError(
                name, f"is too large for {_a(what)} ({size_text(st.st_size)}; the limit is "
                f"{size_text(limit)})", too_large=True)
        raw = os.fdopen(fd, "rb", buffering=0)
    except BaseException:
        os.close(fd)
        raise
    return io.BufferedReader(BoundedReader(raw, limit, name, what), buffer_size=256 * 1024)


class BoundedReader(io.RawIOBase):
    """A read-only file that raises `FileReadError` once more than `limit` bytes come.

    `pickle.load`, the YAML reader and line iterators read through it as from any file.
    """

    def __init__(self, raw: BinaryIO, limit: int, name: str, what: str) -> None:
        super().__init__()
        self._raw, self._left, self.limit = raw, limit, limit
        self.name, self.what = name, what

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True  # a regular file (open_regular checked it)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Reposition (the T100 reader starts over in another encoding); the limit counts
        from the start of the file, wherever reading resumes."""
        position = self._raw.seek(offset, whence)
        self._left = max(0, self.limit - position)
        return position

    def tell(self) -> int:
        return self._raw.tell()

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        want = min(len(view), self._left + 1)
        if want <= 0:
            return 0
        try:
            data = self._raw.read(want)
        except BlockingIOError:
            data = b""  # a regular file never blocks; treat a surprise as the end
        except OSError as exc:
            raise FileReadError(self.name, f"cannot read: {exc.strerror or exc}") from None
        if not data:
            return 0
        if len(data) > self._left:
            raise FileReadError(
                self.name, f"is too large for {_a(self.what)} (it grew past the limit of "
                f"{size_text(self.limit)} while it was read)", too_large=True)
        view[: len(data)] = data
        self._left -= len(data)
        return len(data)

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


def read_bounded(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The whole content of a regular file of at most `limit` bytes (`FileReadError`
    otherwise). At most `limit + 1` bytes are ever read."""
    with open_regular(path, limit, what) as f:
        return f.read()


def path_problem(path: str | os.PathLike[str]) -> str | None:
    """Why a path the user named cannot be used: None when something is there, "not found",
    or the system's reason ("cannot be read (File name too long)", a loop of symlinks, no
    permission). `Path.exists` raises on a name too long, so every such probe of a path
    typed, configured or read from the environment goes through here."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return "not found"
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        return f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
    return None
