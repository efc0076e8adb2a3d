"""Loopback servers for the live-check tests: real sockets on 127.0.0.1/::1 only.

Python `ssl` servers run in a thread with a short accept timeout and a bounded number of
connections, and stop cleanly (`with` block). `OpenSSLServer` runs `openssl s_server` as
an independent TLS implementation (it can send a client-CA list, which Python cannot).
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import socket
import ssl
import struct
import subprocess
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from tests.support.certs import Scenario, ScenarioFiles

Handler = Callable[[socket.socket, "LoopbackServer"], None]

HTTP_OK = b"HTTP/1.1 200 OK\r\nServer: loopback-test\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"


class LoopbackServer:
    """Accept connections on a loopback port and hand each to `handler` in a thread."""

    def __init__(self, handler: Handler, *, host: str = "127.0.0.1", max_connections: int = 500,
                 backlog: int = 128, port: int = 0) -> None:
        self.handler = handler
        self.host = host
        self.max_connections = max_connections
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))  # a given port: a second address of one "name" (127.0.0.x)
        self.sock.listen(backlog)
        self.sock.settimeout(0.05)
        self.port: int = self.sock.getsockname()[1]
        self.stop_event = threading.Event()
        self.connections = 0
        self.errors: list[str] = []
        self._conns: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name=f"loopback-{self.port}", daemon=True)

    def url(self, path: str = "/", *, host: str = "localhost", scheme: str = "https") -> str:
        h = f"[{host}]" if ":" in host else host
        return f"{scheme}://{h}:{self.port}{path}"

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def _serve(self) -> None:
        while not self.stop_event.is_set() and self.connections < self.max_connections:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            self.connections += 1
            with self._lock:
                self._conns.append(conn)
            t = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            self._threads.append(t)
            t.start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5.0)
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.handler(conn, self)
        except Exception as exc:  # clients fail handshakes on purpose; keep a record
            self.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def stop(self) -> None:
        self.stop_event.set()
        self._thread.join(2.0)
        with self._lock:
            for c in self._conns:
                with contextlib.suppress(OSError):
                    c.close()
        for t in self._threads:
            t.join(1.0)
        self.sock.close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --------------------------------------------------------------------------- contexts


def server_context(
    chain: Path | str,
    key: Path | str,
    *,
    client_ca: Path | str | None = None,
    require_client_cert: bool = False,
    min_version: ssl.TLSVersion | None = None,
    max_version: ssl.TLSVersion | None = None,
    seclevel0: bool = False,
) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        if seclevel0:
            ctx.set_ciphers("ALL:@SECLEVEL=0")
        if min_version is not None:
            ctx.minimum_version = min_version
        if max_version is not None:
            ctx.maximum_version = max_version
    ctx.load_cert_chain(str(chain), str(key))
    if client_ca is not None:
        ctx.load_verify_locations(str(client_ca))
        ctx.verify_mode = ssl.CERT_REQUIRED if require_client_cert else ssl.CERT_OPTIONAL
    return ctx


# --------------------------------------------------------------------------- handlers


def read_request(conn: socket.socket, limit: int = 65536) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < limit:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def tls_handler(ctx: ssl.SSLContext, *, response: bytes = HTTP_OK, mode: str = "ok") -> Handler:
    """TLS server behaviour: ok | reset_mid_response | silent_after_handshake | slow_body."""

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        conn.settimeout(3.0)
        with ctx.wrap_socket(conn, server_side=True) as tls:
            read_request(tls)
            if mode == "silent_after_handshake":
                server.stop_event.wait(10)
                return
            if mode == "reset_mid_response":
                tls.sendall(b"HTTP/1.1 200 OK\r\nServer: loopback-test\r\nContent-Length: 1000\r\n\r\npartial")
                time.sleep(0.05)
                tls.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return  # close with linger 0: the peer sees a reset
            tls.sendall(response)
            with contextlib.suppress(OSError):
                tls.unwrap()

    return handle


def tls_server(chain: Path | str, key: Path | str, *, mode: str = "ok", response: bytes = HTTP_OK,
               host: str = "127.0.0.1", **context: object) -> LoopbackServer:
    """A loopback HTTPS server for one certificate chain (start it, or use it in `with`)."""
    ctx = server_context(chain, key, **context)  # type: ignore[arg-type]
    return LoopbackServer(tls_handler(ctx, response=response, mode=mode), host=host)


class GoodServer(NamedTuple):
    """The one healthy HTTPS endpoint of a test module: its certificate scenario, the
    running loopback server and the files written for it (`files.ca` trusts it)."""

    scenario: Scenario
    server: LoopbackServer
    files: ScenarioFiles


@contextlib.contextmanager
def serve_scenario(scenario: Scenario, directory: Path) -> Iterator[tuple[LoopbackServer, Path]]:
    """Serve a certificate scenario (`tests.support.certs`) over HTTPS on loopback: its
    files are written to `directory`; yields the running server and the CA file to trust."""
    files = scenario.write(directory)
    with tls_server(files.chain, files.key) as srv:
        yield srv, files.ca


def alert_handler(description: int) -> Handler:
    """Answer the ClientHello with a fatal TLS alert (e.g. 80 internal_error)."""

    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        with contextlib.suppress(OSError):
            conn.recv(16384)
        conn.sendall(bytes([21, 3, 3, 0, 2, 2, description]))  # alert record, TLS 1.2, fatal

    return handle


def silent_handler(conn: socket.socket, server: LoopbackServer) -> None:
    """Accept and never answer (a black hole behind an open port)."""
    server.stop_event.wait(30)


def plain_http_handler(conn: socket.socket, server: LoopbackServer) -> None:
    """Plain HTTP on a port the client believes is TLS."""
    with contextlib.suppress(OSError):
        conn.recv(4096)
    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nServer: plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def http_handler(response: bytes = HTTP_OK) -> Handler:
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        read_request(conn)
        conn.sendall(response)

    return handle


def close_handler(conn: socket.socket, server: LoopbackServer) -> None:
    """Close right after accept (with a reset)."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def sni_handler(default_ctx: ssl.SSLContext, by_name: dict[str, ssl.SSLContext]) -> Handler:
    """Serve another certificate depending on SNI (no SNI: the default context)."""

    def pick(sock: ssl.SSLObject | ssl.SSLSocket, name: str | None, _ctx: ssl.SSLContext) -> None:
        if name and name in by_name:
            sock.context = by_name[name]

    default_ctx.sni_callback = pick
    return tls_handler(default_ctx)


def sni_required_handler(ctx: ssl.SSLContext, description: int = 112) -> Handler:
    """A server that needs SNI: without it the handshake ends with a fatal alert
    (default 112 unrecognized_name; 40 handshake_failure as some front ends send)."""

    def pick(sock: ssl.SSLObject | ssl.SSLSocket, name: str | None, _ctx: ssl.SSLContext) -> int | None:
        return None if name else description

    ctx.sni_callback = pick
    return tls_handler(ctx)


def free_port() -> int:
    """A loopback port with nothing listening (bound and released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --------------------------------------------------------------------------- openssl s_server


def stop_process(proc: subprocess.Popen[Any]) -> None:
    """Terminate a helper process we started (kill it if it does not go) and close its pipe."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(3)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(3)
    if proc.stdout is not None:
        proc.stdout.close()


def with_parent_death(cmd: list[str]) -> list[str]:
    """`cmd` run so that Linux ends it when the test process that started it dies
    (util-linux `setpriv --pdeathsig`, kept across its exec): a run killed, or ended by
    `os._exit`, skips every `finally`, and its s_server would keep its port and run on.
    No preexec_fn (unsafe in a process with threads); without setpriv, `cmd` as it is."""
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--", *cmd] if setpriv else cmd


def openssl_path() -> str | None:
    return shutil.which("openssl")


class OpenSSLServer:
    """`openssl s_server -www` on 127.0.0.1:0 (port read from its ACCEPT line)."""

    def __init__(self, cert: Path | str, key: Path | str, *, chain: Path | str | None = None,
                 args: Sequence[str] = ()) -> None:
        exe = openssl_path()
        if exe is None:
            raise RuntimeError("openssl is not installed")
        self.cmd = [exe, "s_server", "-accept", "127.0.0.1:0", "-cert", str(cert), "-key", str(key), "-www"]
        if chain is not None:
            self.cmd += ["-cert_chain", str(chain)]
        self.cmd += list(args)
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.output = b""

    def start(self, timeout: float = 10.0) -> OpenSSLServer:
        self.proc = subprocess.Popen(with_parent_death(self.cmd), stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                self.output += chunk
                m = re.search(rb"ACCEPT (?:127\.0\.0\.1|\[?::1?\]?|0\.0\.0\.0):(\d+)", self.output)
                if m:
                    self.port = int(m.group(1))
                    return self
        self.stop()
        raise RuntimeError(f"openssl s_server did not start: {self.output.decode(errors='replace')}")

    def url(self, path: str = "/", *, host: str = "localhost") -> str:
        return f"https://{host}:{self.port}{path}"

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)

    def __enter__(self) -> OpenSSLServer:
        # `with OpenSSLServer(...).start() as srv` must not start a second s_server: the
        # first would lose its handle and outlive the test (seen in faults14's runs)
        return self if self.proc is not None else self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def unanswered_connect_port() -> Iterator[int]:
    """A loopback port where `connect` hangs, like a firewall that drops the SYN.

    A listener that never accepts, with its accept queue filled: Linux then drops
    further SYNs (unless net.ipv4.tcp_abort_on_overflow is set; callers should check
    that a connect really hangs)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    fillers: list[socket.socket] = []
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = int(listener.getsockname()[1])
        for _ in range(3):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            fillers.append(filler)
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
        time.sleep(0.05)
        yield port
    finally:
        for s in fillers:
            s.close()
        listener.close()


def answering_proxy(status: bytes, headers: bytes = b"", page: bytes = b"") -> LoopbackServer:
    """A forward proxy that answers every request with `status` itself (its own page)."""
    def handle(conn: socket.socket, server: LoopbackServer) -> None:
        if read_request(conn):
            conn.sendall(b"HTTP/1.1 " + status + b"\r\n" + headers + b"Content-Length: %d\r\n"
                         b"Connection: close\r\n\r\n" % len(page) + page)
    return LoopbackServer(handle)
