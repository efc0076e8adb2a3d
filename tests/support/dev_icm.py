"""Write dev_icm traces in the line shapes of public traces, for the tests and benchmarks.

Each shape is cited where it is written (see docs/research/dev_icm_formats.md for the full
list). Hosts are `.example`/`.invalid` names and addresses from the documentation ranges;
thread ids look like the 15-digit ids in the public traces.
"""

from __future__ import annotations

import datetime as _dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

THREAD_A = "140101169288960"
THREAD_B = "140339540870912"
THREAD_C = "140484128118528"
CLIENT_PSE = "/usr/sap/S4D/D20/sec/SAPSSLC.pse"
ANONYMOUS_PSE = "/usr/sap/S4D/D20/sec/SAPSSLA.pse"
LOCAL_SOCKET = "10.20.30.40:51234"  # the ICM's own socket: must never become the partner

MESSAGES = {
    # https://github.com/abapGit/abapGit/issues/6929
    "SSSLERR_PEER_CERT_UNTRUSTED": "Peer's X.509 certificate (chain) validation failed (missing trust?)",
    # https://userapps.support.sap.com/sap/support/knowledge/en/3391859
    "SSSLERR_SERVER_CERT_MISMATCH": "Server certificate does not match supplied TargetHostname (rfc2818 section 3.1)",
    # https://github.com/abapGit/abapGit/issues/4142
    "SSSLRC_CONN_CLOSED": "Remote Peer has closed the network connection",
}
NUMBERS = {
    "SSSLERR_PEER_CERT_UNTRUSTED": -102, "SSSLERR_SERVER_CERT_MISMATCH": -30,
    "SSSLRC_CONN_CLOSED": -10, "SSSLERR_PEER_CERT_EXPIRED": None,
}


def time_text(when: _dt.datetime) -> str:
    # https://github.com/abapGit/abapGit/issues/3360: `Wed May 13 01:05:55:690 2020`
    return when.strftime("%a %b %d %H:%M:%S:") + f"{when.microsecond // 1000:03d}" + when.strftime(" %Y")


def pem_lines(cert: x509.Certificate) -> list[str]:
    # Level 3 dumps the PEM text line by line (abapGit issue 6720; zcerti's parser).
    return cert.public_bytes(serialization.Encoding.PEM).decode().strip().splitlines()


@dataclass
class Handshake:
    """One client handshake, written as the ICM writes it (see `lines`)."""

    host: str
    port: int = 443
    code: str | None = "SSSLERR_PEER_CERT_UNTRUSTED"  # None: success
    thread: str = THREAD_A
    peer: str = "192.0.2.10:443"
    handle: int = 2662
    pse: str = ANONYMOUS_PSE
    sni: bool = True
    state: str = "TLS read server hello A"
    certs: Sequence[x509.Certificate] = ()
    when: _dt.datetime | None = None
    incomplete: bool = False
    versions: str = "TLSv1.2,TLSv1.1,TLSv1.0"
    extra: list[str] = field(default_factory=list)
    # False: no detail block after the failure (no state, PSE, versions or SNI lines), as a
    # trace at level 1 writes it (https://github.com/abapGit/abapGit/issues/4142)
    details: bool = True
    # The SSL library's alert text, as it writes it in the error stack: `=> "received a fatal
    # TLS <alert> alert message from the peer"` (https://github.com/abapGit/abapGit/issues/3360)
    alert: str | None = None

    def lines(self) -> list[str]:
        """Text lines without the thread prefix, in the order the public traces show."""
        out: list[str] = []
        if self.when is not None:
            out.append(time_text(self.when))
        for cert in self.certs:
            out.extend(pem_lines(cert))
        # KBA 3391859 / IBM abap-sdk-nwas-x README: target, sockets and the call's return
        # come before the summary.
        out.append(f'  Target Hostname="{self.host}"')
        out.append(f"  SSL NI-hdl {self.handle}: local={LOCAL_SOCKET}  peer={self.peer}")
        if self.code is None:
            out.extend(self._details())
            out.append("<<- SapSSLSessionStartNB(sssl_hdl=7fc4e0001870)==SAP_O_K")  # inferred shape
            return out + self.extra
        if self.incomplete:  # https://github.com/abapGit/abapGit/issues/4142
            out.append("*** ERROR => SecuSSL_SessionStartNB(): incomplete SSL handshake [ssslsecu.c   4955]")
        out.append(f"<<- ERROR: SapSSLSessionStartNB(sssl_hdl=7fc4e0001870)=={self.code}")
        number = NUMBERS.get(self.code)
        tail = f" ({number})" if number is not None else ""
        where = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
        out.append(f"*** ERROR => SSL handshake with {where} failed: {self.code}{tail}")
        if self.code in MESSAGES:
            out.append(MESSAGES[self.code])
        out.append("")
        if not self.details:
            return out + self.extra
        # https://github.com/abapGit/abapGit/issues/5589: the detail block after the return
        out.append(f"SapSSLSessionStartNB()=={self.code}")
        out.extend(self._details())
        if self.alert is not None:  # after the detail lines, as in abapGit issue 3360
            out.append("secussl_read: SSL_read() failed  (536875078/0x20001046)")
            out.append(f'   => "received a fatal TLS {self.alert} alert message from the peer"')
        return out + self.extra

    def _details(self) -> list[str]:
        # https://github.com/abapGit/abapGit/issues/5589 (client), #3360 (shapes)
        out = [f'  SSL:SSL_get_state()==0x2120 "{self.state}"'] if self.code else []
        out += [
            f'  cli SSL session PSE "{self.pse}"',
            "  SSL_CTX ciphersuites=150:PFS:HIGH::EC_P256:EC_HIGH",
            f"  Client SSL_CTX 7fa31407ac00 pvflags=896 ({self.versions})",
        ]
        if self.sni:
            out.append(f'  TLSextSNI server_name="{self.host}"')
        return out


def noise(thread: str, n: int, rnd: random.Random) -> list[str]:
    """Lines that carry no handshake fact (hex dumps as in #5589, HTTP handler lines)."""
    shapes = [
        "7fa35c78c4e0  000080  653a2074 6578742f 68746d6c 3b206368 |e: text/html; ch|",
        "HttpSubHandlerCall: Call Handler: HttpModHandler (1089830/1089ef0), task=TASK_REQUEST(1)",
        "IcmHandleNetWrite(id=1/2031): sent 407 bytes",
        " {0008924a} {root-id=42010AF002491EDB92B8A3E5D4F1B3C2}_{conn-id=00000000000000000000000000000000}",
    ]
    return [f"[Thr {thread}] {rnd.choice(shapes)}" for _ in range(n)]


def prefixed(thread: str, lines: Iterable[str]) -> list[str]:
    # zcerti: `^\[Thr ([^\]]+)\] +([^ ].*)$`; an empty text leaves `[Thr id]` (#4142)
    return [f"[Thr {thread}] {text}" if text else f"[Thr {thread}]" for text in lines]


def interleave(blocks: Sequence[list[str]], seed: int = 7) -> list[str]:
    """Mix several threads' lines the way a busy ICM does, each thread's order kept."""
    rnd = random.Random(seed)
    queues = [list(b) for b in blocks if b]
    out: list[str] = []
    while queues:
        q = rnd.choice(queues)
        out.append(q.pop(0))
        if not q:
            queues.remove(q)
    return out


def header(level: int = 3) -> list[str]:
    return [f'trc file: "dev_icm", trc level: {level}, release: "753"']


def write(path: Path, lines: Sequence[str], *, crlf: bool = False, raw_tail: bytes = b"") -> Path:
    eol = "\r\n" if crlf else "\n"
    path.write_bytes((eol.join(lines) + eol).encode() + raw_tail)
    return path


def trace(handshakes: Sequence[Handshake], *, noise_lines: int = 3, seed: int = 7) -> list[str]:
    """A trace with the header and the handshakes of several threads interleaved."""
    rnd = random.Random(seed)
    by_thread: dict[str, list[str]] = {}
    for hs in handshakes:  # one thread writes its handshakes one after the other
        by_thread.setdefault(hs.thread, []).extend(
            noise(hs.thread, noise_lines, rnd) + prefixed(hs.thread, hs.lines()) + noise(hs.thread, 1, rnd))
    return header() + interleave(list(by_thread.values()), seed)
