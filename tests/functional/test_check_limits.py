"""The check's own limits against real loopback servers: the 1 MB body cap holds for every
framing (a 1 GB chunk, a 1 GB Content-Length, no length at all); a body still arriving
when the check's time runs out is the server's answer, not a timeout (SCLNT_HTTP402);
running out of file descriptors is a local problem, never the endpoint's DNS failure."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.diagnostics.httpstream import BODY_CAP
from assistant.diagnostics.resources import LocalResourceError, batch_concurrency, exhausted
from tests.support.checks import check, step
from tests.support.servers import LoopbackServer, read_request

ROOT = Path(__file__).resolve().parents[2]
GIGABYTE = 1 << 30


def streaming(head: bytes, *, piece: bytes = b"x" * 65536, pause: float = 0.0,
              limit: int = GIGABYTE) -> Callable[[socket.socket, LoopbackServer], None]:
    """Answer with `head`, then send `piece` (every `pause` s) until the client goes."""

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        read_request(conn)
        conn.sendall(head)
        sent = 0
        with contextlib.suppress(OSError):
            while sent < limit and not server.stop_event.is_set():
                conn.sendall(piece)
                sent += len(piece)
                if pause:
                    time.sleep(pause)

    return handle


HEADS = {
    "a 1 GB chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40000000\r\n",
    "a 1 GB Content-Length": b"HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n",
    "no length": b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n",
}


@pytest.mark.parametrize("framing", HEADS)
def test_a_huge_fast_body_is_read_up_to_the_cap(framing: str) -> None:
    with LoopbackServer(streaming(HEADS[framing])) as srv:
        start = time.monotonic()
        report = check(srv.url(scheme="http"), timeout=10)
    assert time.monotonic() - start < 5
    http = step(report, "http", "ok")
    assert f"{BODY_CAP} body bytes (read up to the cap of {BODY_CAP:,} bytes)" in http.detail
    assert report.verdict == "ok"


@pytest.mark.parametrize("framing", HEADS)
def test_a_slow_body_still_arriving_is_no_timeout(framing: str) -> None:
    """1 GB announced, 200 bytes every 20 ms: the check's 1.5 s end first, yet the
    server answered and is sending — not SCLNT_HTTP402 from this machine; but a body this
    slow is a warning with its rate (faults15: it was "ok", whatever the rate)."""
    with LoopbackServer(streaming(HEADS[framing], piece=b"y" * 200, pause=0.02)) as srv:
        report = check(srv.url(scheme="http"), timeout=1.5)
    http = step(report, "http", "warn")
    assert "the body was still arriving" in http.detail
    assert report.sclnt_http is None and report.verdict == "warning"


def test_a_body_that_stops_is_still_a_timeout() -> None:
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        read_request(conn)
        conn.sendall(HEADS["a 1 GB chunk"] + b"z" * 100)
        server.stop_event.wait(10)

    with LoopbackServer(handle) as srv:
        report = check(srv.url(scheme="http"), timeout=2.5)
    assert (report.cause, report.sclnt_http) == ("server_timeout", "SCLNT_HTTP402")


def test_a_chunked_body_over_tls_is_capped_too(good: tuple[LoopbackServer, Path], tmp_path: Path) -> None:
    from tests.support import certs
    from tests.support.servers import server_context

    files = certs.good_chain().write(tmp_path / "s")
    ctx = server_context(files.chain, files.key)

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        with ctx.wrap_socket(conn, server_side=True) as tls:
            streaming(HEADS["a 1 GB chunk"])(tls, server)

    with LoopbackServer(handle) as srv:
        report = check(srv.url(), ca_file=str(files.ca), timeout=10)
    assert f"{BODY_CAP} body bytes" in step(report, "http", "ok").detail


# --- out of file descriptors ----------------------------------------------------------------


def test_resource_errors_are_told_apart_from_endpoint_errors() -> None:
    import errno

    assert isinstance(exhausted(OSError(errno.EMFILE, "Too many open files")), LocalResourceError)
    assert isinstance(exhausted(RuntimeError("can't start new thread")), LocalResourceError)
    assert exhausted(ConnectionRefusedError(errno.ECONNREFUSED, "refused")) is None
    assert exhausted(socket.gaierror(socket.EAI_NONAME, "Name or service not known")) is None
    error = exhausted(OSError(errno.EMFILE, "Too many open files"))
    assert error is not None and "Too many open files (EMFILE)" in str(error)
    assert "not the endpoint's" in str(error)


def test_concurrency_stays_below_the_descriptor_limit() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (len(os.listdir("/proc/self/fd")) + 80, hard))
        assert batch_concurrency(500, 1000) <= 12
        assert batch_concurrency(1, 1000) == 1 and batch_concurrency(32, 3) == 3
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


LIMITED = """\
import os, resource, sys
resource.setrlimit(resource.RLIMIT_NOFILE, ({limit}, {limit}))
import contextlib, io
from assistant.cli import main
held = []
if {fill}:  # a first run loads the code; then every descriptor is taken, as by 250 sockets
    with contextlib.redirect_stdout(io.StringIO()):
        main(sys.argv[1:])
    try:
        while True:
            held.append(os.open(os.devnull, os.O_RDONLY))
    except OSError:
        pass
sys.exit(main(sys.argv[1:]))
"""


def run_limited(args: list[str], *, limit: int, fill: bool) -> subprocess.CompletedProcess[str]:
    code = LIMITED.format(limit=limit, fill=fill)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT, env=os.environ.copy(), timeout=120)


def test_out_of_descriptors_is_a_local_problem_not_a_dns_failure(good: tuple[LoopbackServer, Path]) -> None:
    srv, _ca = good  # system trust: the check fails there, but only after resolving
    run = run_limited(["check", srv.url(), "--json"], limit=64, fill=True)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "local resource problem" in run.stderr and "EMFILE" in run.stderr
    assert "SCLNT_HTTP417" not in run.stdout + run.stderr and "Traceback" not in run.stderr


def test_many_endpoints_under_a_low_descriptor_limit_all_get_checked(
        good: tuple[LoopbackServer, Path], tmp_path: Path) -> None:
    srv, ca = good
    endpoints = tmp_path / "endpoints.yaml"
    endpoints.write_text("".join(f"- {srv.url(f'/n{i}')}\n" for i in range(60)), encoding="utf-8")
    run = run_limited(["check", "--file", str(endpoints), "--ca-file", str(ca), "--concurrency", "64"],
                      limit=128, fill=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "60 endpoint(s): 60 ok" in run.stdout
    assert "dns_failure" not in run.stdout and "SCLNT_HTTP417" not in run.stdout
