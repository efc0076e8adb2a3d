"""Every file the program reads goes through one bounded reader (`assistant.safefile`).

Each reader is run against what is not a file (a FIFO, `/dev/zero`, a directory, a 2 GiB
sparse file, a symlink to a FIFO) and against arbitrary bytes: it answers with its own
documented error or result, never hangs (each case runs under a watchdog), never reads
past its limit and never raises anything else.
"""

from __future__ import annotations

import io
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.safefile import FileReadError, open_regular, read_bounded, size_text
from tests.support.hostile_files import hostile_paths, make_fifo, make_sparse


@contextmanager
def watchdog(seconds: float = 5.0) -> Iterator[None]:
    """Fail (instead of hanging the suite) when the block blocks, e.g. on a FIFO."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"blocked for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- the readers, each reduced to: path -> "ok" | its own error text ----------------------


def _cert(path: Path) -> str:
    from assistant.diagnostics.certfiles import CertFileError, load_cert_file

    try:
        load_cert_file(path)
    except CertFileError as exc:
        return str(exc)
    return "ok"


def _key(path: Path) -> str:
    from assistant.diagnostics.certfiles import CertFileError, load_private_key_file

    try:
        load_private_key_file(str(path))
    except CertFileError as exc:
        return str(exc)
    return "ok"


def _t100(path: Path) -> str:
    from assistant.kb.t100 import read_t100_file

    result = read_t100_file(path)
    return result.fatal or "ok"


def _pack_yaml(path: Path) -> str:
    from assistant.kb.yaml_lines import read_yaml

    result = read_yaml(path)
    return result.error or "ok"


def _endpoints(path: Path) -> str:
    from assistant.diagnostics.batch import EndpointsFileError, load_endpoints
    from assistant.diagnostics.model import CheckOptions

    try:
        load_endpoints(str(path), CheckOptions(url=""))
    except EndpointsFileError as exc:
        return str(exc)
    return "ok"


def _config(path: Path) -> str:
    from assistant.config import load_config

    config = load_config(path)
    return "; ".join(config.warnings) or "ok"


def _cache(path: Path) -> str:
    from assistant.kb import cache

    return "hit" if cache.read(path, "fingerprint") is not None else "miss"


def _trace(path: Path) -> str:
    from assistant.trace.lines import TraceFileError, open_trace

    try:
        _info, chunks = open_trace(str(path))
        for _ in chunks:
            pass
    except TraceFileError as exc:
        return str(exc)
    return "ok"


READERS: dict[str, Callable[[Path], str]] = {
    "certificate file": _cert, "private key file": _key, "T100 download": _t100,
    "knowledge file": _pack_yaml, "endpoints file": _endpoints, "config file": _config,
    "kb cache": _cache, "dev_icm trace": _trace,
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile_paths(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("kind", ["fifo", "symlink to a fifo", "/dev/zero", "directory", "2 GiB sparse file"])
def test_no_reader_hangs_or_reads_what_is_not_a_file(reader: str, kind: str,
                                                     hostile: dict[str, Path]) -> None:
    start = time.monotonic()
    with watchdog():
        outcome = READERS[reader](hostile[kind])
    assert time.monotonic() - start < 2.0, outcome
    assert outcome not in ("ok", "hit"), outcome
    if reader == "config file" and kind == "directory":
        return
    if reader == "dev_icm trace" and kind == "2 GiB sparse file":
        assert "binary" in outcome  # read from its end, its zeros are no text
        return
    if reader != "kb cache":
        assert any(word in outcome for word in ("not a regular file", "directory", "too large")), outcome


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), reader=st.sampled_from(sorted(READERS)))
def test_every_reader_answers_arbitrary_bytes_with_its_own_result(
        tmp_path: Path, data: bytes, reader: str) -> None:
    path = tmp_path / f"input-{reader.replace(' ', '-')}"
    path.write_bytes(data)
    with watchdog():
        outcome = READERS[reader](path)  # anything but its own error type fails the test
    assert isinstance(outcome, str)


# --- the shared reader itself -------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096), limit=st.integers(0, 5000))
def test_read_bounded_returns_the_file_exactly_when_it_fits(tmp_path: Path, data: bytes, limit: int) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    if len(data) <= limit:
        assert read_bounded(path, limit) == data
    else:
        with pytest.raises(FileReadError) as caught:
            read_bounded(path, limit)
        assert caught.value.too_large and str(path) in str(caught.value)


def test_a_file_that_grows_while_it_is_read_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "growing.log"
    path.write_bytes(b"x" * 1000)
    with open_regular(path, 2048, "log") as f:
        assert f.read(500) == b"x" * 500
        with open(path, "ab") as more:
            more.write(b"y" * 5000)  # grows past the limit after the size check
        with pytest.raises(FileReadError, match="grew past the limit of 2 KiB"):
            f.read()


def test_a_fifo_with_a_writer_is_still_refused_and_the_writer_is_not_blocked(tmp_path: Path) -> None:
    fifo = make_fifo(tmp_path / "p")
    wrote = threading.Event()

    def writer() -> None:
        try:
            fd = os.open(fifo, os.O_WRONLY)  # blocks until a reader opens the FIFO
            os.close(fd)
        finally:
            wrote.set()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    wait_until_blocked_in_open(thread)  # else the reader may come and go before the writer opens
    with watchdog(), pytest.raises(FileReadError, match=r"not a regular file \(a FIFO\)"):
        read_bounded(fifo, 100)
    assert wrote.wait(5)


def wait_until_blocked_in_open(thread: threading.Thread, seconds: float = 2.0) -> None:
    """Wait until `thread` sleeps in the FIFO's open (Linux names that wait in wchan).

    Without /proc, or when wchan never says so (a kernel that hides it reads "0", as a
    running thread does), a fixed pause after `seconds` stands in for it.
    """
    wchan = Path(f"/proc/self/task/{thread.native_id}/wchan")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            where = wchan.read_text()
        except OSError:
            break
        if where == "wait_for_partner":
            return
        time.sleep(0.01)
    time.sleep(0.5)


def test_sizes_are_told_in_units_people_read() -> None:
    assert [size_text(n) for n in (10, 1536, 4 * 1024 * 1024, 3 * 1024**3)] == [
        "10 bytes", "1.5 KiB", "4 MiB", "3 GiB"]


def test_the_limit_is_checked_before_anything_is_read(tmp_path: Path) -> None:
    sparse = make_sparse(tmp_path / "huge.txt")
    with watchdog(1.0), pytest.raises(FileReadError, match=r"too large for a T100 download \(2 GiB; the limit is 1 KiB\)"):
        open_regular(sparse, 1024, "T100 download")


def test_the_bounded_file_is_a_real_file_object(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"line 1\nline 2\n")
    with open_regular(path, 100) as f:
        assert isinstance(f, io.BufferedIOBase)
        assert f.readline() == b"line 1\n"
        f.seek(0)
        assert f.read() == b"line 1\nline 2\n"
