"""Entry points: read dev_icm files or pasted text into a `TraceReport`.

`read_files` and `read_text` only assemble handshakes (no cryptography, no knowledge
base); `analyze_files` / `analyze_text` add the analysis. `looks_like_dev_icm` (from
`detect`, which imports nothing else) is the cheap test `ask` and the chat use to send a
paste here.

Files: a `dev_icm.old` given together with its `dev_icm` is read first and as one stream
(a handshake can straddle the rotation); files of other application servers are separate
streams, each with its own threads.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from assistant.trace.assemble import MAX_SERVER_ROLE_KEPT, Assembler
from assistant.trace.detect import looks_like_dev_icm
from assistant.trace.lines import (
    MAX_FILE_BYTES,
    MAX_LINE_BYTES,
    TraceFileError,
    open_trace,
    text_lines,
)
from assistant.trace.model import Handshake, TraceFile, TraceReport
from assistant.trace.scan import line_starts

__all__ = ["analyze_files", "analyze_text", "looks_like_dev_icm", "read_files", "read_text"]

if TYPE_CHECKING:
    from cryptography import x509


def _stream_order(paths: Sequence[str]) -> list[list[str]]:
    """Group `X.old` with `X` (old first); keep the order given otherwise."""
    given = list(dict.fromkeys(paths))
    streams: list[list[str]] = []
    used: set[str] = set()
    for path in given:
        if path in used:
            continue
        if path.endswith(".old") and path[:-4] in given:
            streams.append([path, path[:-4]])
            used.update((path, path[:-4]))
        elif path + ".old" in given:
            streams.append([path + ".old", path])
            used.update((path, path + ".old"))
        else:
            streams.append([path])
            used.add(path)
    return streams


def _consume(asm: Assembler, chunks: Iterator[bytes]) -> None:
    """Feed the lines that hold a keyword, with their line numbers; the rest is skipped
    without a Python loop over it (see `scan`)."""
    base = 0  # lines before this chunk
    for chunk in chunks:
        prev, line_at_prev = 0, base
        for start in line_starts(chunk, first=not base):
            lineno = line_at_prev + chunk.count(b"\n", prev, start) + 1
            end = chunk.find(b"\n", start)
            end = len(chunk) if end < 0 else min(end, start + MAX_LINE_BYTES)
            asm.feed(lineno, chunk[start:end], chunk, start)
            prev, line_at_prev = start, lineno - 1
        asm.end_chunk(chunk)
        base += chunk.count(b"\n")


def read_files(paths: Sequence[str], *, limit: int = MAX_FILE_BYTES) -> tuple[TraceReport, list[Handshake]]:
    """Assemble the handshakes of several files (unanalysed)."""
    report = TraceReport()
    handshakes: list[Handshake] = []
    for stream in _stream_order(paths):
        asm: Assembler | None = None
        infos: list[TraceFile] = []
        for path in stream:
            try:
                info, lines = open_trace(os.fspath(path), limit)
            except TraceFileError as exc:
                report.files.append(TraceFile(path=path, error=str(exc)))
                continue
            report.files.append(info)
            infos.append(info)
            if asm is None:
                asm = Assembler(info)
            else:
                asm.next_file(info)
            _consume(asm, lines)
            _file_notes(info)
        if asm is not None:
            found = _finish(asm, report)
            _not_traces(infos, found)
            handshakes.extend(found)
    return report, handshakes


def _not_traces(infos: list[TraceFile], found: list[Handshake]) -> None:
    """A file without thread lines or header, and without a handshake, is no dev_icm."""
    with_handshakes = {h.file for h in found}
    for info in infos:
        if not info.prefixed and info.path not in with_handshakes:
            info.error = (f"{info.path} does not look like a dev_icm trace "
                          "(no [Thr …] lines, no trace header, no TLS handshake)")


def read_text(text: str) -> tuple[TraceReport, list[Handshake]]:
    """Assemble the handshakes of a pasted text (unanalysed)."""
    report = TraceReport()
    info, lines = text_lines(text)
    report.files.append(info)
    asm = Assembler(info)
    _consume(asm, lines)
    _file_notes(info)
    return report, _finish(asm, report)


def _finish(asm: Assembler, report: TraceReport) -> list[Handshake]:
    found = asm.finish()
    report.server_role_errors += asm.server_role_errors
    room = MAX_SERVER_ROLE_KEPT - len(report.server_role)
    report.server_role.extend(asm.server_role[:max(room, 0)])
    if asm.dropped:
        report.notes.append(f"{asm.dropped:,} further handshakes were counted but not kept")
    return found


def _file_notes(info: TraceFile) -> None:
    if info.undecodable_lines:
        info.notes.append(
            f"{info.undecodable_lines:,} line(s) hold bytes that are not UTF-8; shown as \ufffd"
        )


def analyze_files(
    paths: Sequence[str],
    *,
    trust: list[x509.Certificate] | None = None,
    reference: list[x509.Certificate] | None = None,
    limit: int = MAX_FILE_BYTES,
    now: _dt.datetime | None = None,
) -> TraceReport:
    """Read and analyse dev_icm files (see `analysis.analyze_handshakes` for the options)."""
    from assistant.trace.analysis import analyze_handshakes

    report, handshakes = read_files(paths, limit=limit)
    report.handshakes = analyze_handshakes(handshakes, trust=trust, reference=reference, now=now)
    return report


def analyze_text(
    text: str,
    *,
    trust: list[x509.Certificate] | None = None,
    reference: list[x509.Certificate] | None = None,
    now: _dt.datetime | None = None,
) -> TraceReport:
    """Read and analyse a pasted trace: the one call the router, `ask` and the chat need."""
    from assistant.trace.analysis import analyze_handshakes

    report, handshakes = read_text(text)
    report.handshakes = analyze_handshakes(handshakes, trust=trust, reference=reference, now=now)
    return report
