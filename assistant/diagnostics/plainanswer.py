"""What a port that speaks no TLS answers to a ClientHello, and what that answer says.

"No TLS on this port, probably plain HTTP" sends the admin to http:// or the HTTPS port.
That is right for a web server's plain port, which reads the ClientHello as a broken
request and answers 400. It is wrong when the answer is a success or a redirect: no web
server takes a ClientHello for a request it can serve, so whatever sent "200 OK" or "302"
answers every connection the same way without reading it — a captive portal (a guest
network's login page), a web filter's block page, a device that intercepts the port. The
URL and port may be right; the network path is not. Which it is shows in the answer's
status line, its Location and its page, so those are shown (literally, escaped).

One more connection carries one unverified ClientHello and nothing else (no request, no
client certificate); what comes back is read for at most `ANSWER_CAP_S` and `ANSWER_KEPT`
bytes.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
from collections.abc import Callable

from assistant.diagnostics.deadline import Deadline, DeadlineExceeded
from assistant.diagnostics.httphead import cut_head, head_end
from assistant.diagnostics.model import Finding
from assistant.diagnostics.pagetext import page_gist
from assistant.diagnostics.tls import unverified_probe_context
from assistant.textsafe import escape_shown

ANSWER_CAP_S = 1.5
ANSWER_KEPT = 8192


def answer_to_hello(open_stream: Callable[[Deadline], socket.socket], server_hostname: str | None,
                    deadline: Deadline) -> bytes:
    """The bytes a port sends back to one ClientHello (b"" when none came in time)."""
    if deadline.expired():
        return b""
    step = deadline.sub(ANSWER_CAP_S)
    try:
        sock = open_stream(step)
    except OSError:
        return b""
    data = bytearray()
    try:
        hello = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = unverified_probe_context().wrap_bio(*hello, server_hostname=server_hostname)
        with contextlib.suppress(ssl.SSLWantReadError):
            tls.do_handshake()
        sock.settimeout(step.timeout())
        sock.sendall(hello[1].read())
        while len(data) < ANSWER_KEPT:
            sock.settimeout(step.timeout())
            got = sock.recv(ANSWER_KEPT - len(data))
            if not got:
                break
            data += got
    except (OSError, DeadlineExceeded, ssl.SSLError):
        pass
    finally:
        step.sockets.close(sock)
    return bytes(data)


def explain_plain_answer(found: Finding, answer: bytes, port: int) -> Finding:
    """Add what the port answered in plain HTTP to the TLS step's "no TLS" finding; a
    success or redirect also changes the next step (see the module's docstring)."""
    head = cut_head(answer[: head_end(answer)] if head_end(answer) >= 0 else answer)
    if head is None:
        return found
    line = escape_shown(f"{head.http_version} {head.status} {head.reason}".strip(), 120)
    found.data["plain_answer_status"] = head.status
    said = [f"'{line}'"]
    location = head.get("Location")
    if location:
        found.data["plain_answer_location"] = escape_shown(location, 200)
        said.append(f"Location: {escape_shown(location, 200)}")
    end = head_end(answer)
    gist = page_gist(answer[end:]) if end >= 0 else ""
    if gist:
        found.data["plain_answer_page"] = gist
        said.append(f"its page: '{gist}'")
    found.detail += f"; to a ClientHello it answered in plain HTTP: {'; '.join(said)}"
    if head.status < 200 or head.status >= 400:
        return found
    found.detail = found.detail.replace("probably plain HTTP — use http:// or the HTTPS port", "plain HTTP")
    found.detail += (" — a success or redirect to bytes that are no HTTP request: something answers "
                     "every connection on this port without reading it (a captive portal, a web "
                     "filter's page, a device intercepting the port), not a web server")
    found.data["next_step"] = (
        f"Port {port} answered a TLS ClientHello with '{line}' in plain HTTP. No web server "
        "answers a ClientHello so: something on the network path answers every connection "
        "to this port itself — a captive portal (a network that wants a browser login first), "
        "a web filter or firewall showing its page, a device intercepting the port. The URL and "
        "Service No. may well be right; SSL settings and STRUST are not the question. Run "
        "`curl -v https://<host>:<port>/` and `openssl s_client -connect <host>:<port>` from "
        "the application server's OS: the same answer there means the application servers' "
        "network path is intercepted — give the network team the answer shown, and the "
        "address this check resolved."
    )
    return found
