"""Read a T100 download as numbered lines: streamed, decoded, bounded.

A whole system's T100 is hundreds of megabytes, and what the user names may be no text
at all (a PSE, `/dev/zero`, a 2 GB sparse file), so the download is never held in memory:
it is opened through `assistant.safefile` (a regular file within `MAX_T100_BYTES`), read
in chunks, decoded incrementally and split into lines as it goes. A line longer than
`MAX_LINE_CHARS` is reported as too long and its characters are dropped as they arrive.

Line ends are LF, CRLF or a lone CR (old Mac and some export tools), in any mix; each one
ends a row, numbered as an editor shows it. The encoding is UTF-8 (BOM optional) or UTF-16
with a BOM; a file that is not valid UTF-8 is read again from the start as cp1252 (what
Excel writes), or latin-1, which reads any byte — the same choice as
`assistant.textsafe.decode_text`, made without holding the file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from assistant.safefile import MiB

MAX_T100_BYTES = 1024 * MiB  # a download in several languages fits; it is streamed, never held
MAX_LINE_CHARS = 4096  # a T100 row is about 100 characters
CHUNK_BYTES = MiB
BINARY_SAMPLE = 65536

_BREAK = re.compile(r"\r\n|\r|\n")


class Undecodable(Exception):
    """The stream is not in the encoding tried; `offset` is the first bad byte."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


@dataclass(slots=True)
class Line:
    number: int
    text: str  # without its line end; empty when too long
    too_long: int = 0  # the line's length when it was over MAX_LINE_CHARS (its text dropped)


@dataclass(slots=True)
class Decoding:
    """How the stream is read: the encoding, and a warning when it is not UTF-8."""

    encoding: str
    warnings: list[str] = field(default_factory=list)


def first_encoding(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig"


def fallback(encoding: str, bad_offset: int) -> Decoding | None:
    """The next encoding to try after `encoding` failed at `bad_offset` (None: none left)."""
    note = (f"not valid UTF-8 (first bad byte at offset {bad_offset}); read as {{}} — "
            "check umlauts and special characters in the imported texts")
    if encoding in ("utf-8-sig", "utf-16"):
        return Decoding("cp1252", [note.format("cp1252")])
    if encoding == "cp1252":
        return Decoding("latin-1", [note.format("latin-1")])
    return None


def _decoded_chunks(stream: BinaryIO, encoding: str) -> Iterator[str]:
    """Text in chunks; `Undecodable` with the byte offset at the first bad byte."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset = 0
    while True:
        raw = stream.read(CHUNK_BYTES)
        try:
            text = decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            buffered = len(decoder.getstate()[0]) if hasattr(decoder, "getstate") else 0
            raise Undecodable(max(0, offset - buffered) + exc.start) from None
        offset += len(raw)
        if text:
            yield text
        if not raw:
            return


def read_lines(stream: BinaryIO, encoding: str, max_chars: int = MAX_LINE_CHARS) -> Iterator[Line]:
    """The stream's lines in order (see the module docstring). Raises `Undecodable`."""
    number = 0
    carry = ""  # the unfinished line, maybe ending in a CR whose LF may come next
    dropped = 0  # characters of an overlong unfinished line already thrown away
    for text in _decoded_chunks(stream, encoding):
        buf = carry + text
        held_cr = buf.endswith("\r")
        parts = _BREAK.split(buf[:-1] if held_cr else buf)
        carry = parts.pop()
        for part in parts:
            number += 1
            yield _line(number, part, dropped, max_chars)
            dropped = 0
        if len(carry) > max_chars:
            dropped += len(carry)
            carry = ""
        if held_cr:
            carry += "\r"
    if carry.endswith("\r"):
        number += 1
        yield _line(number, carry[:-1], dropped, max_chars)
    elif carry or dropped:
        number += 1
        yield _line(number, carry, dropped, max_chars)


def _line(number: int, text: str, dropped: int, max_chars: int) -> Line:
    length = dropped + len(text)
    if length > max_chars:
        return Line(number, "", too_long=length)
    return Line(number, text)
