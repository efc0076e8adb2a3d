"""A small real HTTP proxy (CONNECT and forward GET), run as a separate process.

    python tests/support/proxy.py --port 0 [--user U --password P] --mode MODE

prints `PORT <n>` once listening. Modes: ok (tunnel; 407 unless the Basic credentials
match when --user is given; 502 when the target cannot be reached), deny403, bad502,
timeout504, squid503 (503 with X-Squid-Error),
ntlm407 (always 407, offering NTLM only), close (closes without answering), echo407 and
echo503 (hostile: the Basic credentials it got echoed in the status line and headers),
anyname (tunnel; every host name stands for 127.0.0.1, so a test can call names such as
a.b.example.test that no resolver knows), intercept (a TLS-inspecting proxy: it ends the
client's TLS with --intercept-chain/--intercept-key, its own CA's certificate, and speaks
TLS to the target itself, unverified).
--any-name makes every host name stand for 127.0.0.1 in any mode (as `anyname` does for
the tunnel): a target named so is reachable only through the proxy, never directly.
--upstream PORT chains it: each CONNECT goes to the proxy on 127.0.0.1:PORT, whose refusal
is relayed as Squid relays a parent's (its headers, then the connection closed; 502 with a
page naming the upstream proxy when that one cannot be reached). --name NAME is the name it
gives itself: its own answers carry `Via: 1.1 NAME` and `X-Cache: MISS from NAME`, and it
adds its Via entry to the answers it relays.
It only ever connects to loopback addresses, so a test can never reach the network.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import ipaddress
import os
import select
import socket
import ssl
import subprocess
import sys
import threading
from pathlib import Path

LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _split_authority(authority: str, default_port: int = 443) -> tuple[str, int]:
    if authority.startswith("["):
        host, _, rest = authority[1:].partition("]")
        return host, int(rest.lstrip(":") or default_port)
    host, sep, port = authority.partition(":")
    return host, int(port) if sep else default_port


def _read_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
        if len(data) > 65536:
            break
    return data


def _reply(conn: socket.socket, status: str, headers: tuple[str, ...] = (), page: bytes = b"") -> None:
    lines = [f"HTTP/1.1 {status}", *headers, f"Content-Length: {len(page)}", "Connection: close"]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + page)


def _with_via(head: bytes, name: str) -> bytes:
    """A relayed answer's head with our Via entry added after the others (RFC 9110 7.6.3)."""
    lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
    vias = [i for i, line in enumerate(lines) if line.lower().startswith("via:")]
    if vias:
        lines[vias[-1]] += f", 1.1 {name}"
    else:
        lines.append(f"Via: 1.1 {name}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _relay(a: socket.socket, b: socket.socket, idle: float = 10.0) -> None:
    """Relay between two connections in one thread until one side closes or both are idle.
    For TLS connections (an SSL object must not be read and written from two threads at
    once) records already decrypted and buffered are passed on before waiting again."""
    other = {a: b, b: a}
    while True:
        ready = [s for s in (a, b) if isinstance(s, ssl.SSLSocket) and s.pending()]
        if not ready:
            ready, _, _ = select.select([a, b], [], [], idle)
            if not ready:
                return
        for s in ready:
            try:
                data = s.recv(65536)
            except OSError:
                return
            if not data:
                return
            other[s].sendall(data)


def _intercept(conn: socket.socket, upstream: socket.socket, host: str, server_ctx: ssl.SSLContext) -> None:
    """Both TLS connections end here: the client sees our certificate, the target ours."""
    client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client_ctx.check_hostname, client_ctx.verify_mode = False, ssl.CERT_NONE
    with server_ctx.wrap_socket(conn, server_side=True) as inner, \
            client_ctx.wrap_socket(upstream, server_hostname=host) as outer:
        _relay(inner, outer)


class Proxy:
    def __init__(self, mode: str, user: str | None, password: str | None,
                 intercept: tuple[str, str] | None = None, upstream: int | None = None,
                 name: str | None = None, any_name: bool = False) -> None:
        self.mode = mode
        self.any_name = any_name or mode == "anyname"
        self.upstream = upstream
        self.name = name
        self.server_ctx: ssl.SSLContext | None = None
        if intercept is not None:
            self.server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.server_ctx.load_cert_chain(*intercept)
        self.expected = None
        if user is not None:
            raw = f"{user}:{password or ''}".encode()
            self.expected = "Basic " + base64.b64encode(raw).decode()

    def _own(self, conn: socket.socket, status: str, headers: tuple[str, ...] = (), page: bytes = b"") -> None:
        named = (f"Via: 1.1 {self.name}", f"X-Cache: MISS from {self.name}") if self.name else ()
        _reply(conn, status, (*headers, *named), page)

    def _chained(self, conn: socket.socket, head: bytes) -> None:
        """CONNECT through the upstream proxy; its refusal relayed, headers only."""
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream or 0), timeout=5)
        except OSError:
            self._own(conn, "502 Bad Gateway", ("Content-Type: text/plain",),
                      b"Bad gateway: the upstream proxy refused the connection.")
            return
        with upstream:
            upstream.sendall(head.replace(b"proxy-authorization", b"x-removed"))
            answer = _read_head(upstream)
            if answer.startswith((b"HTTP/1.1 2", b"HTTP/1.0 2")):
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                _relay(conn, upstream)
                return
            head_only = answer.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
            conn.sendall(_with_via(head_only, self.name) if self.name else head_only)

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        head = _read_head(conn)
        if not head:
            return
        text = head.decode("latin-1")
        lines = text.split("\r\n")
        method, target, _ = [*lines[0].split(" "), "", "", ""][:3]
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            if k:
                headers[k.strip().lower()] = v.strip()
        if self.mode == "close":
            return
        if self.mode == "deny403":
            self._own(conn, "403 Forbidden")
            return
        if self.mode == "bad502":
            self._own(conn, "502 Bad Gateway")
            return
        if self.mode == "timeout504":  # a proxy whose connection to the target timed out
            self._own(conn, "504 Gateway Timeout")
            return
        if self.mode == "squid503":
            self._own(conn, "503 Service Unavailable", ("X-Squid-Error: ERR_CONNECT_FAIL 111",))
            return
        if self.mode == "ntlm407":
            _reply(conn, "407 Proxy Authentication Required", ("Proxy-Authenticate: NTLM",))
            return
        if self.mode in ("echo407", "echo503"):  # a hostile proxy: the credentials, echoed back
            sent = headers.get("proxy-authorization", "")
            pair = base64.b64decode(sent.partition(" ")[2] or b"").decode("utf-8", "replace")
            password = pair.partition(":")[2]
            echo = (f"Proxy-Authenticate: {password} realm={pair}", f"X-Squid-Error: {password} {sent}",
                    f"Server: echo {password}", f"Via: 1.1 {pair}")
            status = "407 Denied " if self.mode == "echo407" else "503 Refused "
            _reply(conn, status + password, echo)
            return
        if self.expected is not None and headers.get("proxy-authorization") != self.expected:
            self._own(conn, "407 Proxy Authentication Required",
                      ('Proxy-Authenticate: Basic realm="sapassist-test"',))
            return
        if method == "CONNECT" and self.upstream is not None:
            self._chained(conn, head)
            return
        if method == "CONNECT":
            host, port = _split_authority(target)
        elif target.startswith("http://"):
            authority, _, path = target[7:].partition("/")
            host, port = _split_authority(authority, 80)
            head = head.replace(target.encode(), ("/" + path).encode(), 1)
        else:
            _reply(conn, "400 Bad Request")
            return
        if self.any_name:
            host = "127.0.0.1"
        if not _is_loopback(host):
            _reply(conn, "403 Forbidden", ("X-Test-Proxy: loopback only",))
            return
        try:
            upstream = socket.create_connection((host, port), timeout=5)
        except OSError:
            _reply(conn, "502 Bad Gateway")
            return
        with upstream:
            if method == "CONNECT":
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                if self.server_ctx is not None:
                    _intercept(conn, upstream, _split_authority(target)[0], self.server_ctx)
                    return
            else:
                upstream.sendall(head.replace(b"proxy-authorization", b"x-removed"))
            _relay(conn, upstream)


def serve(port: int, proxy: Proxy) -> None:
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(128)
    srv.settimeout(0.2)
    parent = os.getppid()
    print(f"PORT {srv.getsockname()[1]}", flush=True)
    while os.getppid() == parent:  # exit when the test process is gone
        try:
            conn, _ = srv.accept()
        except TimeoutError:
            continue

        def run(c: socket.socket = conn) -> None:
            with c, contextlib.suppress(OSError):
                proxy.handle(c)

        threading.Thread(target=run, daemon=True).start()


class ProxyProcess:
    """Start the proxy as a child process from a test; `with` stops it."""

    def __init__(self, mode: str = "ok", user: str | None = None, password: str | None = None,
                 intercept: tuple[Path, Path] | None = None, upstream: int | None = None,
                 name: str | None = None, any_name: bool = False) -> None:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--port", "0", "--mode", mode]
        if any_name:
            cmd.append("--any-name")
        if upstream is not None:
            cmd += ["--upstream", str(upstream)]
        if name is not None:
            cmd += ["--name", name]
        if intercept is not None:
            cmd += ["--intercept-chain", str(intercept[0]), "--intercept-key", str(intercept[1])]
        if user is not None:
            cmd += ["--user", user, "--password", password or ""]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     stdin=subprocess.DEVNULL, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            self.stop()
            raise RuntimeError(f"proxy did not start: {line!r}")
        self.port = int(line.split()[1])
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        from tests.support.servers import stop_process  # not needed in the proxy process

        stop_process(self.proc)

    def __enter__(self) -> ProxyProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--mode", default="ok",
                   choices=["ok", "deny403", "bad502", "squid503", "ntlm407", "close", "echo407",
                            "echo503", "anyname", "timeout504", "intercept"])
    p.add_argument("--intercept-chain")
    p.add_argument("--intercept-key")
    p.add_argument("--upstream", type=int)
    p.add_argument("--name")
    p.add_argument("--any-name", action="store_true")
    args = p.parse_args(argv)
    intercept = (args.intercept_chain, args.intercept_key) if args.mode == "intercept" else None
    try:
        serve(args.port, Proxy(args.mode, args.user, args.password, intercept, args.upstream, args.name,
                                    args.any_name))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
