"""Read a dev_icm file as lines, safely and in bounded memory.

A trace can be hundreds of megabytes and is written while we read it, so every file is
opened without blocking (a FIFO must not hang us), checked to be a regular file, and read
in chunks up to a size limit. Over the limit only the *last* part is read: SMICM's
"Display End" shows the end too, because that is where the recent handshakes are.
Lines end in LF or CRLF; an overlong line is cut. Bytes are decoded only for the few
lines that matter (see `scan`); stray non-UTF-8 bytes become U+FFFD.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from typing import BinaryIO

from assistant.textsafe import cut_said
from assistant.trace.model import TraceFile

MAX_FILE_BYTES = 512 * 1024 * 1024  # a full dev_icm at level 3 stays well below this
MAX_LINE_BYTES = 64 * 1024
CHUNK_BYTES = 4 * 1024 * 1024
BINARY_SAMPLE = 64 * 1024


class TraceFileError(Exception):
    """A file that cannot be read as a trace; `str(err)` is meant for the user."""


def _open_regular(path: str) -> tuple[int, int]:
    """(fd, size) of a regular file, opened without blocking on FIFOs and devices."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise TraceFileError(f"{path} is a directory, not a trace file") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO without a writer, opened non-blocking
            raise TraceFileError(f"{path} is not a regular file (a pipe or socket)") from None
        raise TraceFileError(f"cannot read {cut_said(str(path))}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise TraceFileError(f"{path} is a directory, not a trace file")
        if not stat.S_ISREG(st.st_mode):
            raise TraceFileError(f"{path} is not a regular file (a device, pipe or socket)")
    except BaseException:
        os.close(fd)
        raise
    return fd, st.st_size


def open_trace(path: str, limit: int = MAX_FILE_BYTES) -> tuple[TraceFile, Iterator[bytes]]:
    """Check the file and return its record and an iterator over its raw lines.

    The iterator yields chunks of whole lines (each ends with LF); it owns the file
    descriptor and closes it when exhausted or discarded.
    Raises `TraceFileError` for anything that is not a readable regular file.
    """
    fd, size = _open_regular(path)
    info = TraceFile(path=path, size=size)
    start = 0
    if size > limit:
        start = size - limit
        info.cut = True
        info.notes.append(
            f"the file has {size:,} bytes; only its last {limit:,} bytes were read "
            "(the most recent entries)"
        )
    try:
        f = os.fdopen(fd, "rb", buffering=0)
    except BaseException:
        os.close(fd)
        raise
    try:
        if start:
            f.seek(start)
        head = f.read(min(BINARY_SAMPLE, limit))
    except OSError as exc:
        f.close()
        raise TraceFileError(f"cannot read {cut_said(str(path))}: {exc.strerror or exc}") from None
    if b"\x00" in head:
        f.close()
        raise TraceFileError(f"{path} is binary data, not a text trace")
    info.prefixed = _looks_prefixed(head)
    return info, _lines(f, head, info, limit, skip_partial=bool(start))


def _lines(f: BinaryIO, head: bytes, info: TraceFile, limit: int, *, skip_partial: bool) -> Iterator[bytes]:
    """Chunks of whole lines (CRLF made LF), at most `limit` bytes in total however the
    file grows meanwhile; a line longer than MAX_LINE_BYTES is cut."""
    try:
        chunk, carry, total, first = head, b"", len(head), skip_partial
        while chunk:
            data = carry + chunk
            if b"\r" in data:
                data = data.replace(b"\r\n", b"\n")
            cut = data.rfind(b"\n") + 1
            data, carry = data[:cut], data[cut:]
            if first and data:  # reading from the middle: the first line is a fragment
                data = data[data.find(b"\n") + 1:]
                first = False
            if len(carry) > MAX_LINE_BYTES:
                data += carry[:MAX_LINE_BYTES] + b"\n"
                carry = b""
                _note_once(info, "overlong lines were cut")
            if data:
                info.lines += data.count(b"\n")
                yield data
            if total >= limit:
                break
            chunk = f.read(min(CHUNK_BYTES, limit - total))
            total += len(chunk)
        if carry and not first:
            info.lines += 1
            yield carry.rstrip(b"\r") + b"\n"
        info.bytes_read = total
    finally:
        f.close()


def text_lines(text: str) -> tuple[TraceFile, Iterator[bytes]]:
    """Pasted text as one chunk of lines (the same reader serves files and pastes)."""
    data = text.encode("utf-8", "replace").replace(b"\r\n", b"\n")
    info = TraceFile(path="<pasted text>", size=len(data), bytes_read=len(data))
    info.prefixed = _looks_prefixed(data[:BINARY_SAMPLE])
    if data and not data.endswith(b"\n"):
        data += b"\n"
    info.lines = data.count(b"\n")
    return info, iter([data] if data else [])


def _looks_prefixed(head: bytes) -> bool:
    return b"[Thr " in head or b"trc file:" in head


def _note_once(info: TraceFile, note: str) -> None:
    if note not in info.notes:
        info.notes.append(note)


def decode(raw: bytes, info: TraceFile) -> str:
    """One line as text: CR removed, stray non-UTF-8 bytes as U+FFFD (and counted)."""
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        info.undecodable_lines += 1
        return raw.decode("utf-8", "replace")
