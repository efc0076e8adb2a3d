"""A TLS server on loopback that records everything a client sends it.

For "nothing but the handshake reaches an unverified server" a test needs a server that
would notice anything else: every client Certificate message that carries a certificate
(read through the server context's message hook, before the server judges it), and every
byte of application data — decrypted, also when the server ends the handshake itself
(a TLS 1.3 server that requires a client certificate refuses only after the client has
finished, and a request the client writes then never reaches the server's application
layer). For that case the raw bytes the client sent are kept and opened with the
client's traffic secrets from the server's key log (RFC 8446 7.1–7.3): the handshake
records open with the handshake key; the records after them belong to the application
epoch, whose key the refusing server never derived, and are counted
(`sealed_application_bytes`).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.servers import HTTP_OK, LoopbackServer, server_context

HANDSHAKE, CERTIFICATE, APPLICATION_DATA = 22, 11, 23
TLS13 = 0x0304
AEAD_OVERHEAD = 17  # the inner content type and a 16-byte tag
ALERT_RECORD = 2 + AEAD_OVERHEAD  # an encrypted alert (close_notify): no application data


@dataclass
class Received:
    """What all connections to one server carried from the client."""

    application_data: bytearray = field(default_factory=bytearray)
    sealed_application_bytes: int = 0  # written after a refused TLS 1.3 handshake (not openable)
    client_certificates: int = 0  # client Certificate messages with at least one certificate
    handshakes: int = 0  # connections that reached the server
    completed: int = 0  # handshakes the server completed
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def nothing_but_handshakes(self) -> bool:
        return (not self.application_data and not self.sealed_application_bytes
                and self.client_certificates == 0)


def _certificate_list_length(version: int, data: bytes) -> int:
    """How many bytes of certificates a Certificate message (with its header) lists."""
    body = data[4:]
    if version >= TLS13:
        context = body[0] if body else 0
        body = body[1 + context:]
    return int.from_bytes(body[:3], "big") if len(body) >= 3 else 0


# --- TLS 1.3 record decryption (client application data after a failed handshake) -------


def _expand_label(secret: bytes, label: str, length: int, hash_name: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

    full = b"tls13 " + label.encode()
    info = length.to_bytes(2, "big") + bytes([len(full)]) + full + b"\x00"
    algorithm = hashes.SHA384() if hash_name == "sha384" else hashes.SHA256()
    return HKDFExpand(algorithm, length, info).derive(secret)


def _records(raw: bytes) -> list[tuple[bytes, bytes]]:
    out, pos = [], 0
    while pos + 5 <= len(raw):
        length = int.from_bytes(raw[pos + 3:pos + 5], "big")
        if pos + 5 + length > len(raw):
            break
        out.append((raw[pos:pos + 5], raw[pos + 5:pos + 5 + length]))
        pos += 5 + length
    return out


def open_records(raw: bytes, secret: bytes) -> tuple[list[tuple[int, bytes]], list[bytes]]:
    """The client's encrypted TLS 1.3 records that `secret`'s key opens, in order, as
    (inner content type, plaintext), and the encrypted records it does not open."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

    suites = [("sha384", 32, AESGCM)] if len(secret) == 48 else [("sha256", 16, AESGCM), ("sha256", 32, ChaCha20Poly1305)]
    sealed = [(header, body) for header, body in _records(raw) if header[0] == APPLICATION_DATA]
    for hash_name, key_length, aead in suites:
        cipher = aead(_expand_label(secret, "key", key_length, hash_name))
        iv = _expand_label(secret, "iv", 12, hash_name)
        seq, opened, unopened = 0, [], []
        for header, body in sealed:
            nonce = bytes(a ^ b for a, b in zip(iv, seq.to_bytes(12, "big"), strict=True))
            try:
                plain = cipher.decrypt(nonce, body, header).rstrip(b"\x00")
            except InvalidTag:
                unopened.append(body)
                continue
            seq += 1
            opened.append((plain[-1] if plain else 0, plain[:-1]))
        if opened:
            return opened, unopened
    return [], [body for _header, body in sealed]


def _client_secrets(keylog: Path, client_random: bytes) -> dict[str, bytes]:
    wanted = client_random.hex()
    out: dict[str, bytes] = {}
    with contextlib.suppress(OSError):
        for line in keylog.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1].lower() == wanted:
                out[parts[0]] = bytes.fromhex(parts[2])
    return out


# --- the server ---------------------------------------------------------------------------


class RecordingServer(LoopbackServer):
    """A loopback HTTPS server (one certificate chain, one TLS version, a client-certificate
    mode: none | optional | required) that records what clients send (`received`)."""

    def __init__(self, chain: Path | str, key: Path | str, *, client_ca: Path | str | None,
                 client_cert: str = "none", version: ssl.TLSVersion = ssl.TLSVersion.TLSv1_3) -> None:
        self.received = Received()
        self.keylog = Path(tempfile.mkstemp(prefix="sapassist-keylog-", suffix=".txt")[1])
        ctx = server_context(chain, key, client_ca=client_ca if client_cert != "none" else None,
                             require_client_cert=client_cert == "required",
                             min_version=version, max_version=version)
        ctx.keylog_filename = str(self.keylog)
        ctx._msg_callback = self._on_message  # type: ignore[attr-defined]
        self.ctx = ctx
        super().__init__(self._handle_connection)

    def _on_message(self, conn: object, direction: str, version: int, content_type: int,
                    msg_type: int, data: bytes) -> None:
        if direction == "read" and content_type == HANDSHAKE and msg_type == CERTIFICATE:
            if _certificate_list_length(int(version), bytes(data)) > 0:
                with self.received.lock:
                    self.received.client_certificates += 1

    def _handle_connection(self, conn: socket.socket, server: LoopbackServer) -> None:
        conn.settimeout(1.0)
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = self.ctx.wrap_bio(incoming, outgoing, server_side=True)
        raw = bytearray()

        def send() -> None:
            data = outgoing.read()
            if data:
                with contextlib.suppress(OSError):
                    conn.sendall(data)

        def receive() -> bool:
            try:
                data = conn.recv(65536)
            except OSError:
                return False
            raw.extend(data)
            if data:
                incoming.write(data)
            else:
                incoming.write_eof()
            return bool(data)

        with self.received.lock:
            self.received.handshakes += 1
        try:
            while True:
                try:
                    tls.do_handshake()
                    break
                except ssl.SSLWantReadError:
                    send()
                    if not receive():
                        return
        except (ssl.SSLError, OSError):
            send()  # the alert
            while receive():  # whatever the client still sends after the refusal
                pass
            self._decrypt_after_failure(bytes(raw))
            return
        send()
        with self.received.lock:
            self.received.completed += 1
        self._serve_application_data(tls, send, receive)

    def _serve_application_data(self, tls: ssl.SSLObject, send: object, receive: object) -> None:
        got = bytearray()
        while True:
            try:
                data = tls.read(65536)
            except ssl.SSLWantReadError:
                send()  # type: ignore[operator]
                if not receive():  # type: ignore[operator]
                    break
                continue
            except (ssl.SSLError, OSError):
                break
            if not data:
                break
            got += data
            if b"\r\n\r\n" in got:
                tls.write(HTTP_OK)
                send()  # type: ignore[operator]
                break
        with self.received.lock:
            self.received.application_data += got

    def _decrypt_after_failure(self, raw: bytes) -> None:
        """What the client sent in a TLS 1.3 handshake the server refused: its records are
        opened with the client's handshake key (the certificate and Finished it sent);
        a record after those that the key does not open belongs to the application epoch
        — anything bigger than an alert there is application data the client wrote."""
        if len(raw) < 43 or raw[0] != HANDSHAKE:
            return
        secrets = _client_secrets(self.keylog, raw[11:43])  # ClientHello.random
        data, sealed = b"", 0
        if "CLIENT_TRAFFIC_SECRET_0" in secrets:
            opened, _ = open_records(raw, secrets["CLIENT_TRAFFIC_SECRET_0"])
            data = b"".join(plain for kind, plain in opened if kind == APPLICATION_DATA)
        elif "CLIENT_HANDSHAKE_TRAFFIC_SECRET" in secrets:
            _, unopened = open_records(raw, secrets["CLIENT_HANDSHAKE_TRAFFIC_SECRET"])
            sealed = sum(len(body) - AEAD_OVERHEAD for body in unopened if len(body) > ALERT_RECORD)
        with self.received.lock:
            self.received.application_data += data
            self.received.sealed_application_bytes += sealed

    def stop(self) -> None:
        super().stop()
        self.keylog.unlink(missing_ok=True)
