"""Reading dev_icm files safely: regular files only, bounded, CRLF, stray bytes, rotation."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from assistant.trace.lines import TraceFileError, open_trace, text_lines
from assistant.trace.reader import _stream_order, read_files, read_text
from tests.support import dev_icm

# https://github.com/abapGit/abapGit/issues/4142 — the failure block as the ICM writes it
CLOSED_BLOCK = [
    "*** ERROR => SecuSSL_SessionStartNB(): incomplete SSL handshake [ssslsecu.c   4955]",
    "*** ERROR => SSL handshake with api.partner.example:443 failed: SSSLRC_CONN_CLOSED (-10)",
    "Remote Peer has closed the network connection",
    "",
    "SapSSLSessionStartNB()==SSSLRC_CONN_CLOSED",
    "",
]


def closed_trace(thread: str = dev_icm.THREAD_A) -> list[str]:
    return dev_icm.header() + dev_icm.prefixed(thread, CLOSED_BLOCK)


def lines_of(path: Path, limit: int = 10**9) -> list[bytes]:
    _, chunks = open_trace(str(path), limit)
    data = b"".join(chunks)
    assert data.endswith(b"\n")  # chunks hold whole lines
    return data.split(b"\n")[:-1]


def test_crlf_lines_read_as_lf(tmp_path: Path) -> None:
    p = dev_icm.write(tmp_path / "dev_icm", closed_trace(), crlf=True)
    assert not any(line.endswith(b"\r") for line in lines_of(p))
    _, found = read_files([str(p)])
    assert [(h.host, h.port, h.code) for h in found] == [("api.partner.example", 443, "SSSLRC_CONN_CLOSED")]


def test_stray_non_utf8_bytes_are_replaced_and_counted(tmp_path: Path) -> None:
    lines = closed_trace()
    lines[2] = lines[2].replace("api.partner.example", "api.part\udcffner.example")
    p = tmp_path / "dev_icm"
    p.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape") + b"\n")
    report, found = read_files([str(p)])
    assert report.files[0].undecodable_lines == 1
    assert found[0].host == "api.part\ufffdner.example"
    assert any("not UTF-8" in n for n in report.files[0].notes)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "dev_icm"
    os.mkfifo(fifo)
    with pytest.raises(TraceFileError, match="not a regular file"):
        open_trace(str(fifo))


def test_device_and_directory_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TraceFileError, match="not a regular file"):
        open_trace("/dev/zero")
    with pytest.raises(TraceFileError, match="directory"):
        open_trace(str(tmp_path))
    with pytest.raises(TraceFileError, match="cannot read"):
        open_trace(str(tmp_path / "missing"))


def test_binary_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "SAPSSLC.pse"
    p.write_bytes(b"0\x82\x04\x00" + bytes(range(256)) * 8)
    with pytest.raises(TraceFileError, match="binary"):
        open_trace(str(p))


def test_huge_file_is_cut_to_its_last_part(tmp_path: Path) -> None:
    """Over the limit only the tail is read (the recent entries), with a note."""
    old = dev_icm.prefixed(dev_icm.THREAD_B, [t.replace("api.partner", "old.partner") for t in CLOSED_BLOCK])
    filler = dev_icm.noise(dev_icm.THREAD_C, 2000, random.Random(1))
    p = dev_icm.write(tmp_path / "dev_icm", dev_icm.header() + old + filler + closed_trace()[1:])
    size = p.stat().st_size
    report, found = read_files([str(p)], limit=4096)
    info = report.files[0]
    assert info.cut and info.bytes_read <= 4096 < size
    assert any("last 4,096 bytes" in n for n in info.notes)
    assert [h.host for h in found] == ["api.partner.example"]  # the old one was cut away
    report, found = read_files([str(p)])
    assert sorted(h.host for h in found) == ["api.partner.example", "old.partner.example"]


def test_overlong_line_is_cut(tmp_path: Path) -> None:
    p = tmp_path / "dev_icm"
    p.write_bytes(b"[Thr 1] SSL " + b"x" * (5 * 1024 * 1024) + b"\n" + "\n".join(closed_trace()).encode() + b"\n")
    assert max(len(line) for line in lines_of(p)) <= 4 * 1024 * 1024 + 64 * 1024
    report, found = read_files([str(p)])
    assert "overlong lines were cut" in report.files[0].notes
    assert found and found[0].code == "SSSLRC_CONN_CLOSED"


def test_file_growing_while_read_stays_within_the_limit(tmp_path: Path) -> None:
    p = dev_icm.write(tmp_path / "dev_icm", closed_trace())
    size = p.stat().st_size
    info, chunks = open_trace(str(p), limit=size + 100)
    first = next(chunks)
    with p.open("ab") as f:  # the ICM keeps writing
        f.write(b"[Thr 9] more\n" * 1000)
    rest = b"".join(chunks)
    assert info.bytes_read == size + 100  # the limit, not the grown file
    assert len(first) + len(rest) <= size + 100 + 1  # (+ the LF that ends the cut last line)


def test_rotated_old_file_is_read_first_as_one_stream() -> None:
    assert _stream_order(["s1/dev_icm", "s1/dev_icm.old", "s2/dev_icm"]) == [
        ["s1/dev_icm.old", "s1/dev_icm"], ["s2/dev_icm"]]
    assert _stream_order(["a", "a", "b.old"]) == [["a"], ["b.old"]]


def test_handshake_straddling_the_rotation_is_assembled(tmp_path: Path) -> None:
    """Trace logging moves the full file to `.old` and starts a new one (SAP Library,
    Trace Logging); a handshake's lines may end up on both sides."""
    lines = dev_icm.prefixed(dev_icm.THREAD_A, dev_icm.Handshake(host="api.partner.example").lines())
    cut = lines.index(next(t for t in lines if "<<- ERROR" in t))
    old = dev_icm.write(tmp_path / "dev_icm.old", dev_icm.header() + lines[:cut])
    new = dev_icm.write(tmp_path / "dev_icm", lines[cut:])
    report, found = read_files([str(new), str(old)])
    assert [f.path for f in report.files] == [str(old), str(new)]
    assert len(found) == 1
    h = found[0]
    assert (h.host, h.code, h.peer) == ("api.partner.example", "SSSLERR_PEER_CERT_UNTRUSTED", "192.0.2.10:443")
    assert h.file == str(old)  # where it started


def test_not_a_trace_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "notes.txt"
    p.write_text("shopping list\nmilk\n")
    report, found = read_files([str(p)])
    assert found == [] and "does not look like a dev_icm trace" in (report.files[0].error or "")


def test_pasted_text_uses_the_same_reader() -> None:
    info, chunks = text_lines("a\r\nb\nc")
    assert list(chunks) == [b"a\nb\nc\n"]
    assert info.lines == 3
    report, found = read_text("\n".join(closed_trace()))
    assert report.files[0].prefixed and found[0].incomplete
