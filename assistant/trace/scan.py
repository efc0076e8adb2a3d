"""Find the few lines of a chunk that can matter, at C speed.

A busy dev_icm has about one handshake line in a hundred. Looping over every line in
Python costs more than the whole analysis, so the reader looks for keywords with
`bytes.find` over a whole chunk (each needle once, skipping to the next line after a
hit) and only slices out the lines that hold one. Body lines of PEM blocks and error
stacks carry no keyword; `thread_lines` picks one thread's lines out of a region when the
block ends.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Every handshake line, failure text ("Remote Peer …", "The peer's X.509 …") and PEM or
# error-stack boundary holds one of these (docs/research/dev_icm_formats.md lists the
# shapes). Each needle costs one pass over the chunk, so there are few of them.
NEEDLES: tuple[bytes, ...] = (b"SSL", b"TLS", b"Hostname", b"-----", b"PSE", b"eer", b"ServerCert")
HEADER_NEEDLE = b"trc file"  # only at the start of a file
# Time stamp lines end in `01:05:55:690 2020` (abapGit issue 3360): a regular expression
# that starts with a literal `:` is as fast as a needle.
TIME_END = re.compile(rb":\d\d(?::\d\d\d)? \d\d\d\d\n")


def line_starts(chunk: bytes, *, first: bool = False) -> list[int]:
    """Offsets of the lines in `chunk` that contain a needle or end like a time stamp,
    in order; `first`: the file's first chunk, which may hold the header."""
    starts: set[int] = set()
    find, rfind = chunk.find, chunk.rfind
    for m in TIME_END.finditer(chunk):
        starts.add(rfind(b"\n", 0, m.start()) + 1)
    for needle in (*NEEDLES, HEADER_NEEDLE) if first else NEEDLES:
        i = find(needle)
        while i >= 0:
            starts.add(rfind(b"\n", 0, i) + 1)
            end = find(b"\n", i)
            if end < 0:
                break
            i = find(needle, end)
    return sorted(starts)


@lru_cache(maxsize=256)
def _thread_pattern(thread: str) -> re.Pattern[bytes]:
    prefix = re.escape(f"[Thr {thread}]".encode("utf-8", "replace"))
    return re.compile(rb"^" + prefix + rb" ?(.*)$", re.M)


def thread_lines(thread: str, region: bytes) -> list[bytes]:
    """The lines of one thread in a region, without their prefix (all lines for "")."""
    if not thread:
        return [line for line in region.split(b"\n") if not line.startswith(b"[Thr ")]
    return _thread_pattern(thread).findall(region)
