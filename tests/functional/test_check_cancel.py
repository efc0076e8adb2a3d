"""Cancelling a check takes effect at once, also in the middle of a step that waits on a
silent server: real loopback servers, a real cancel event, and a look at the threads and
sockets the check leaves behind (none)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from assistant.diagnostics import CheckOptions, CheckReport, Finding, run_check
from assistant.diagnostics.cancel import CancelWatcher, CheckCancelled, OpenSockets
from assistant.diagnostics.connect import connect_any, connect_one
from assistant.diagnostics.deadline import Deadline
from assistant.diagnostics.observe import observe
from assistant.diagnostics.resolve import resolve
from assistant.diagnostics.tls import (
    SYSTEM_TRUST,
    handshake,
    load_trust,
    probe_versions,
    verify_context,
)
from tests.support import certs
from tests.support.fds import has_proc_fds, open_sockets
from tests.support.servers import (
    GoodServer,
    LoopbackServer,
    silent_handler,
    tls_server,
    unanswered_connect_port,
)

CANCEL_AFTER_S = 0.3
TIMEOUT_S = 10.0
BOUND_S = 3.0  # a correctness bound (cancel must not wait for the 10 s timeout), not a benchmark


def _echo(conn: socket.socket, server: LoopbackServer) -> None:
    while data := conn.recv(4096):
        conn.sendall(data)


def _connect_hangs(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.3)
        try:
            probe.connect(("127.0.0.1", port))
        except TimeoutError:
            return True
        except OSError:
            return False
    return False


@contextlib.contextmanager
def _scenario(name: str, files: certs.ScenarioFiles) -> Iterator[CheckOptions]:
    """The options of a check whose step `name` waits on a server that never answers."""
    if name == "connect":  # SYNs dropped: connect itself hangs
        with unanswered_connect_port() as port:
            if not _connect_hangs(port):
                pytest.skip("this kernel refuses instead of dropping SYNs to a full queue")
            yield CheckOptions(url=f"https://127.0.0.1:{port}/", timeout=TIMEOUT_S)
        return
    if name == "proxy":  # the proxy accepts and never answers the CONNECT
        with LoopbackServer(silent_handler) as proxy:
            yield CheckOptions(url="https://sap-target.invalid/", proxy=f"http://127.0.0.1:{proxy.port}",
                               timeout=TIMEOUT_S)
        return
    if name == "tls":  # accepts and never answers the ClientHello
        with LoopbackServer(silent_handler) as srv:
            yield CheckOptions(url=srv.url(host="127.0.0.1"), timeout=TIMEOUT_S)
        return
    if name == "http":  # completes the TLS handshake, then stalls
        with tls_server(files.chain, files.key, mode="silent_after_handshake") as srv:
            yield CheckOptions(url=srv.url(), ca_file=str(files.ca), timeout=TIMEOUT_S)
        return
    assert name == "plain_http"  # http:// to a server that never answers the request
    with LoopbackServer(silent_handler) as srv:
        yield CheckOptions(url=srv.url(host="127.0.0.1", scheme="http"), timeout=TIMEOUT_S)


def _run_cancelled(options: CheckOptions) -> tuple[CheckReport, list[Finding], float]:
    cancel = threading.Event()
    timer = threading.Timer(CANCEL_AFTER_S, cancel.set)
    streamed: list[Finding] = []
    timer.start()
    t0 = time.monotonic()
    try:
        report = run_check(options, on_finding=streamed.append, cancel=cancel)
    finally:
        elapsed = time.monotonic() - t0
        timer.cancel()
        timer.join()
    return report, streamed, elapsed


def _wait_for(condition: Callable[[], bool], timeout: float = 3.0) -> bool:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.02)
    return True


@pytest.mark.skipif(not has_proc_fds(), reason="needs /proc/self/fd (Linux)")
@pytest.mark.parametrize(("in_flight", "done_before"), [
    ("connect", ["resolve"]),
    ("proxy", []),
    ("tls", ["resolve", "connect"]),
    ("http", ["resolve", "connect", "tls", "chain"]),
    ("plain_http", ["resolve", "connect"]),
])
def test_cancel_interrupts_the_step_in_flight(good_server: GoodServer, in_flight: str,
                                              done_before: list[str]) -> None:
    good_files = good_server.files
    threads_before = set(threading.enumerate())
    sockets_before = open_sockets()
    with _scenario(in_flight, good_files) as options:
        report, streamed, elapsed = _run_cancelled(options)
        # right after the return: no thread of the check is still running
        left = [t.name for t in threading.enumerate() if t not in threads_before and t.name.startswith("sapassist")]
        assert left == []
    assert elapsed < BOUND_S, f"cancel took {elapsed:.2f} s with --timeout {TIMEOUT_S:g}"
    assert report.cancelled
    step_name = "http" if in_flight == "plain_http" else in_flight
    by_step = {f.step: f for f in report.findings}
    assert by_step[step_name].status == "skip" and "cancelled" in by_step[step_name].detail
    assert [s for s in done_before if by_step[s].status != "ok"] == []
    # no misleading failure: not a broken connection, not a timeout, no cause at all
    assert [f.to_json() for f in report.findings if f.status in ("fail", "warn") or f.cause] == []
    assert report.cause is None and report.sclnt_http is None
    assert any(f.step == step_name and "cancelled" in f.detail for f in streamed)  # what the chat shows
    assert "traceback" not in repr(report.to_json()).lower()
    # with the servers gone too: no new thread, and every socket of the check closed
    assert _wait_for(lambda: not (set(threading.enumerate()) - threads_before)), \
        [t.name for t in set(threading.enumerate()) - threads_before]
    assert _wait_for(lambda: not (open_sockets() - sockets_before)), open_sockets() - sockets_before


@pytest.mark.skipif(not has_proc_fds(), reason="needs /proc/self/fd (Linux)")
def test_a_cancellable_check_that_is_not_cancelled_is_unchanged(good_server: GoodServer) -> None:
    good_files = good_server.files
    """The chat always passes a cancel event: the bookkeeping must not change the result."""
    threads_before = set(threading.enumerate())
    sockets_before = open_sockets()
    with tls_server(good_files.chain, good_files.key) as srv:
        plain = run_check(CheckOptions(url=srv.url(), ca_file=str(good_files.ca), timeout=5))
        watched = run_check(CheckOptions(url=srv.url(), ca_file=str(good_files.ca), timeout=5),
                            cancel=threading.Event())
    assert watched.verdict == plain.verdict == "ok" and not watched.cancelled
    assert [(f.step, f.status) for f in watched.findings] == [(f.step, f.status) for f in plain.findings]
    assert _wait_for(lambda: not (set(threading.enumerate()) - threads_before))
    assert _wait_for(lambda: not (open_sockets() - sockets_before)), open_sockets() - sockets_before


def test_every_step_releases_its_connections(good_server: GoodServer) -> None:
    good_files = good_server.files
    """Each step hands its connection back when it is done with it, so the server sees
    the close at once (not only when the check ends)."""
    reg = OpenSockets()
    deadline = Deadline(5, sockets=reg)
    trust = load_trust(str(good_files.ca))
    with tls_server(good_files.chain, good_files.key) as srv:
        addresses = resolve("127.0.0.1", srv.port, deadline).addresses

        def fresh(d: Deadline = deadline) -> socket.socket:
            return connect_one(addresses[0], d.timeout(), d.sockets)

        conn = connect_any(addresses, deadline)
        assert conn.sock is not None and len(reg) == 1
        ok = handshake(conn.sock, verify_context(trust, check_hostname=False), None, deadline)
        assert ok.ok and ok.sock is not None and len(reg) == 1
        reg.close(ok.sock)
        assert len(reg) == 0
        refused = handshake(fresh(), verify_context(SYSTEM_TRUST), "localhost", deadline)
        assert refused.kind == "verify" and len(reg) == 0  # failed handshake: closed and released
        assert observe(fresh(), "localhost", deadline).ok and len(reg) == 0
        assert "accepted" in probe_versions(fresh, "localhost", deadline).values() and len(reg) == 0


def test_cancel_never_touches_a_socket_it_does_not_own() -> None:
    """A tracked socket closed by its owner frees its descriptor number; a socket opened
    next (outside the check) usually gets that number. Shutting down by number would cut
    that stranger's connection; the registry shuts down only its own duplicates."""
    reg = OpenSockets()
    with LoopbackServer(_echo) as srv:
        mine = socket.create_connection(("127.0.0.1", srv.port))
        reg.track(mine)
        mine.close()  # the owner closes without telling the registry
        stranger = socket.create_connection(("127.0.0.1", srv.port))
        try:
            reg.shut_all()
            stranger.settimeout(2)
            stranger.sendall(b"still here")
            assert stranger.recv(100) == b"still here"
        finally:
            stranger.close()
            reg.close_all()


def test_shut_all_wakes_a_blocked_read_and_repeats_harmlessly() -> None:
    reg = OpenSockets()
    with LoopbackServer(silent_handler) as srv:
        sock = connect_one((socket.AF_INET, ("127.0.0.1", srv.port)), 10.0, reg)
        watcher = CancelWatcher(cancel := threading.Event(), reg, poll_s=0.02).start()
        threading.Timer(0.2, cancel.set).start()
        t0 = time.monotonic()
        assert sock.recv(10) == b""  # woken by the shutdown, not by the 10 s timeout
        assert time.monotonic() - t0 < BOUND_S
        watcher.stop()
        reg.shut_all()  # again: harmless
        with pytest.raises(CheckCancelled):
            reg.track(socket.socket())  # nothing new starts after a cancel
        reg.close(sock)
        reg.close(sock)  # closing twice: harmless
        reg.release(12345)  # unknown descriptor: harmless
        with pytest.raises(CheckCancelled):
            Deadline(5, sockets=reg).timeout()
    reg.close_all()
    assert len(reg) == 0


def test_a_cancel_set_before_the_start_stops_before_any_traffic() -> None:
    accepted: list[int] = []

    def count(conn: socket.socket, server: LoopbackServer) -> None:
        accepted.append(1)

    cancel = threading.Event()
    cancel.set()
    with LoopbackServer(count) as srv:
        report = run_check(CheckOptions(url=srv.url(host="127.0.0.1"), timeout=5), cancel=cancel)
        time.sleep(0.1)
    assert report.cancelled and accepted == []
    assert all(f.status in ("ok", "skip") for f in report.findings)
    assert {f.detail for f in report.findings if f.step != "resolve"} == {"cancelled"}
