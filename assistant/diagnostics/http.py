"""Step 8: one real HTTP request, as the SAP HTTP client would send it.

A GET of the URL's path with `Connection: close`. The status line, `Server` and
`Location` are reported; a 4xx/5xx is the server's own answer (not an ICM error). A
connection that breaks mid-response is what SAP reports as SCLNT_HTTP401.
"""

from __future__ import annotations

import socket
import ssl
import time

from assistant import __version__
from assistant.diagnostics.challenge import challenges, not_basic_step, scheme_names, shown
from assistant.diagnostics.deadline import Deadline, DeadlineExceeded
from assistant.diagnostics.gatewaystatus import forward_proxy_answer
from assistant.diagnostics.httpbody import (
    BODY_STALLED_STEP,
    bad_framing_finding,
    body_rate,
    slow_body_finding,
    stalled_body,
)
from assistant.diagnostics.httphead import ResponseHead
from assistant.diagnostics.httpstream import (
    MAX_HEAD,
    BadFraming,
    Broken,
    HeadTooLarge,
    Http2Answer,
    HttpResult,
    Stream,
    TlsAnswer,
    parse_into,
    read_body,
)
from assistant.diagnostics.model import Finding
from assistant.diagnostics.nonhttp import headless_document, headless_step, not_http_step
from assistant.diagnostics.redirect import redirect_finding, status_without_its_conditions
from assistant.diagnostics.samenumber import misdirected_step, not_the_sap_message
from assistant.diagnostics.statusnotes import proxy_answered, rate_limited, upgrade_required
from assistant.diagnostics.target import Target
from assistant.diagnostics.tls import CLIENT_CERT_REASONS
from assistant.textsafe import escape_control, escape_shown


def build_request(target: Target, *, absolute_form: bool = False,
                  proxy_authorization: str | None = None) -> bytes:
    line_target = f"http://{target.host_header}{target.path}" if absolute_form else target.path
    lines = [
        f"GET {line_target} HTTP/1.1",
        f"Host: {target.host_header}",
        f"User-Agent: sapassist/{__version__} (SAP HTTP client check)",
        "Accept: */*",
        "Connection: close",
    ]
    if proxy_authorization:
        lines.append(f"Proxy-Authorization: {proxy_authorization}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")



def http_get(sock: socket.socket, request: bytes, deadline: Deadline) -> HttpResult:
    """Send `request` on `sock` (plain or TLS) and read the response."""
    start = time.monotonic()
    res = HttpResult()
    stream = Stream(sock, deadline)
    try:
        sock.settimeout(deadline.timeout())
        sock.sendall(request)
        while True:
            head = stream.read_until(b"\r\n\r\n", MAX_HEAD, head=True)
            try:
                parse_into(head, res)
            except ValueError:
                res.answer_start = head[:64]  # a whole head that is no HTTP: what answered
                raise
            if not (100 <= (res.status or 0) < 200) or res.status == 101:
                break  # 101: the connection now speaks another protocol, no HTTP head follows
        res.body_started = time.monotonic()
        read_body(stream, res)
        res.complete = True
    except Broken as exc:
        res.kind, res.error = "broken", str(exc)
    except (TimeoutError, DeadlineExceeded):
        waited = f"after {time.monotonic() - start:.1f} s, when the check's time ran out"
        if res.status is not None and stream.still_arriving() and not stream.deadline.cancelled:
            # the server answers and keeps sending: our budget ended, not its patience
            res.complete, res.body_cut = True, f"the body was still arriving {waited}"
            res.body_bytes = max(res.body_bytes, stream.body_read)
            res.body_rate = body_rate(res, stream.body_read)
        else:
            res.kind = "timeout"
            res.error = (_interim_only(res, waited) if 100 <= (res.status or 0) < 200 else
                         stalled_body(res, stream.body_read, stream.last_arrival, waited) if res.status else
                         _head_unfinished(stream.buf, waited) if stream.buf else f"no response ({waited})")
    except ssl.SSLError as exc:
        res.ssl_reason = exc.reason
        res.kind = "client_cert" if exc.reason in CLIENT_CERT_REASONS else "broken"
        res.error = f"TLS alert/error while reading: {exc.reason or exc}"
    except HeadTooLarge as exc:
        res.kind, res.error, res.status = "head_too_large", str(exc), exc.status
    except TlsAnswer as exc:
        res.kind, res.error = "tls_port", str(exc)
    except Http2Answer as exc:
        res.kind, res.error = "http2_only", str(exc)
    except BadFraming as exc:
        res.kind, res.error = "bad_framing", str(exc)
    except ValueError as exc:
        res.kind, res.error = "bad_response", str(exc)
        res.answer_start = res.answer_start or bytes(stream.buf[:64])
    except OSError as exc:
        res.kind, res.error = "broken", f"{type(exc).__name__}: {exc.strerror or exc}"
    res.body_head = bytes(stream.body_head)
    res.elapsed_ms = (time.monotonic() - start) * 1000.0
    return res


def _interim_only(res: HttpResult, waited: str) -> str:
    """Only an interim answer (100 Continue, 102, 103) came, and then nothing: the final
    answer is what is missing, not the rest of one."""
    line = f"{res.http_version} {res.status} {escape_shown(res.reason)}".strip()
    return (f"the server sent only the interim '{line}' and then no final answer ({waited}): it "
            "took the request and has not answered it")


INTERIM_ONLY_STEP = (
    "The request arrived — the interim answer says so — and the final answer never came: the "
    "application behind the server (or behind the load balancer or reverse proxy that answered "
    "the interim line) is slow or hangs on this request. Ask the server's owner for the log of "
    "this request at this time. Raise the timeout of the call only if the request is known to "
    "take that long."
)


def _head_unfinished(buf: bytearray, waited: str) -> str:
    """The server began its answer and did not finish the head in time (a trickle)."""
    start = escape_control(bytes(buf[:24]).decode("latin-1"))
    return (f"the answer began but its head did not complete ({len(buf)} bytes so far, starting "
            f"'{start}', {waited}): the server sends very slowly")


def _head_too_large_finding(res: HttpResult, data: dict[str, object]) -> Finding:
    """The server answers HTTP, with a header block past what this check reads. Only an
    error status is something the server said (as any 4xx/5xx, a warning); a 200 or a
    redirect with a huge head is odd but no known failure — how the SAP system's ICM
    takes it is not known here — so it is a warning without a cause, never an error."""
    status = res.status or 0
    return Finding("http", "warn", res.error or "header block too large", res.elapsed_ms,
                   cause="http_status_from_server" if status >= 400 else None,
                   data={**data, "next_step": (
                       f"Ask the server's owner why its response headers are larger than "
                       f"{MAX_HEAD // 1024} KiB: this check reads no more, and whether the SAP "
                       "system accepts a header block that large is not known here — the SM59 "
                       "connection test shows it.")})


def http_finding(res: HttpResult, *, via_forward_proxy: str | None = None,
                 credentials_sent: bool = False, client_cert_sent: bool = False,
                 target: Target | None = None, sni: str | None = None) -> Finding:
    """Step 8's finding; `target` is the URL the request asked for (a redirect back to
    it is a loop, not a new address), `sni` the name the handshake sent (None: none)."""
    data: dict[str, object] = {"status": res.status, "reason": escape_control(res.reason)}
    server, location = res.header("Server"), res.header("Location")
    if server:
        data["server"] = escape_control(server)
    if location:
        data["location"] = escape_control(location)
    status_line = f"{res.http_version} {res.status} {escape_shown(res.reason)}".strip()
    failed = _failed_exchange(res, data, status_line, target, client_cert_sent)
    if failed is not None:
        return failed
    status = res.status or 0
    if via_forward_proxy and status >= 400:
        resp = ResponseHead(status, res.reason, res.headers, res.http_version)
        forwarded = forward_proxy_answer(resp, res.body_head, via_forward_proxy, credentials_sent,
                                         res.elapsed_ms, data)
        if forwarded is not None:
            return forwarded
    extras = []
    if server:
        extras.append(f"Server: {escape_shown(server)}")
    if location and 300 <= status < 400:
        extras.append(f"Location: {escape_shown(location)}")
    announced = f", {res.announced:,} announced" if res.announced and res.announced > res.body_bytes else ""
    extras.append(f"{res.body_bytes} body bytes" + (f" ({res.body_cut})" if res.body_cut else "") + announced)
    detail = f"{status_line} — " + ", ".join(extras)
    if status >= 400:
        hint = ""
        step = misdirected_step(sni, target) if status == 421 and target else status_next_step(status)
        if status == 401:
            offered = challenges(res.headers)
            names = scheme_names(offered)
            if offered:
                data["auth_schemes"] = names
                detail += f", WWW-Authenticate: {shown(offered)}"
            # Whether the SAP system shows a server's 401 as SCLNT_HTTP410 or hands the
            # program the status depends on the caller (SAP's KBA 3569644 ties 410 to a
            # wrong logon at the target): the report names no message, the text says "can".
            hint = (" — the server wants a logon: SAP can report this as SCLNT_HTTP410 "
                    "(cause logon_failed); check user/password or certificate logon in SM59")
            step = not_basic_step(names)
        elif status == 403:
            hint = " — the server refuses this user or client"
        note = (proxy_answered(status, res.header) if not via_forward_proxy else None) or (
            upgrade_required(res.header("Upgrade")) if status == 426 else
            rate_limited(res.header("Retry-After")) if status == 429 else None)
        if note is not None:
            return Finding("http", "warn", f"the answer was {detail}{note.hint}", res.elapsed_ms,
                           cause=note.cause, data={**data, **note.data, "next_step": note.next_step})
        same_number = not_the_sap_message(status)
        if same_number and not step.startswith(same_number):
            data["next_step_lead"] = f"{same_number}."  # said before the step, whichever it is
        return Finding("http", "warn", f"the server answered {detail}{hint} (the server's own "
                       f"answer, not an ICM error{'; ' + same_number if same_number else ''})", res.elapsed_ms,
                       cause="logon_failed" if status == 401 else "http_status_from_server",
                       data={**data, "next_step": step} if step else data)
    if 300 <= status < 400 and location:
        return redirect_finding(detail, escape_control(location), res.elapsed_ms, data, target)
    odd = status_without_its_conditions(status, status_line, res.header("Upgrade"))
    if odd is not None:
        return Finding("http", odd.status, f"{detail} — {odd.detail}", res.elapsed_ms,
                       cause=odd.cause, data={**data, "next_step": odd.next_step})
    if res.body_rate is not None:
        return slow_body_finding(res, detail, data)
    return Finding("http", "ok", detail, res.elapsed_ms, data=data)


def _failed_exchange(res: HttpResult, data: dict[str, object], status_line: str,
                     target: Target | None, client_cert_sent: bool) -> Finding | None:
    """The finding of an exchange that got no usable HTTP answer (by `res.kind`), or None."""
    if res.kind == "client_cert":
        which = "our client certificate" if client_cert_sent else "a missing client certificate"
        return Finding("http", "fail",
                       f"the server refused the connection on the first read: {res.error} "
                       f"(TLS 1.3 servers reject {which} only now)", res.elapsed_ms,
                       cause="client_cert_rejected" if client_cert_sent else "client_cert_required",
                       sclnt_http="SCLNT_HTTP407", data=data)
    if res.kind == "timeout":
        if 100 <= (res.status or 0) < 200:
            data["next_step"] = INTERIM_ONLY_STEP
        elif res.status is not None:
            data["next_step"] = BODY_STALLED_STEP
        return Finding("http", "fail", f"{res.error} (SAP reports SCLNT_HTTP402 timeout)",
                       res.elapsed_ms, cause="server_timeout", sclnt_http="SCLNT_HTTP402", data=data)
    if res.kind == "tls_port":
        return tls_port_finding(res.error or "the port speaks TLS", res.elapsed_ms, data)
    if res.kind == "http2_only":
        return Finding("http", "fail", f"{res.error}; this check speaks HTTP/1.1", res.elapsed_ms,
                       cause="server_http2_only", data={**data, "next_step": HTTP2_ONLY_STEP})
    if res.kind == "broken":
        got = f" after '{status_line}'" if res.status else ""
        if res.status is not None and 100 <= res.status < 200:  # only an interim answer came
            return Finding("http", "fail", f"connection broken: the server sent only the interim "
                           f"'{status_line}', then closed without a final response", res.elapsed_ms,
                           cause="connection_broken", sclnt_http="SCLNT_HTTP401", data=data)
        return Finding("http", "fail", f"connection broken{got}: {res.error}", res.elapsed_ms,
                       cause="connection_broken", sclnt_http="SCLNT_HTTP401", data=data)
    if res.kind == "bad_framing":
        return bad_framing_finding(res, data)
    if res.kind == "head_too_large":
        return _head_too_large_finding(res, data)
    document = headless_document(res.answer_start) if res.kind == "bad_response" else None
    if document is not None:  # a body without its head: the right port, a broken answer
        return Finding("http", "fail",
                       f"{res.error} — {document} without a status line or headers (an HTTP/0.9-style "
                       "answer): the port answers like a web server, but not in HTTP/1.1", res.elapsed_ms,
                       cause="connection_broken",
                       data={**data, "headless_document": document, "next_step": headless_step(
                           document, over_tls=bool(target and target.tls))})
    if res.kind is not None:  # something answered, but not HTTP: usually the wrong port/service
        return Finding("http", "fail",
                       f"{res.error or 'invalid response'} — the port does not answer like an "
                       "HTTP server; check the port (Service No.) in the SM59 destination",
                       res.elapsed_ms, cause="destination_misconfigured",
                       data={**data, "next_step": not_http_step(
                           res.answer_start, port=target.port if target else None,
                           over_tls=bool(target and target.tls))})
    return None


HTTP2_ONLY_STEP = (
    "The server answers HTTP/1.1 with HTTP/2 frames: an SAP system on ABAP Platform 1909 or newer "
    "speaks HTTP/2 outbound when the server offers it over TLS (unless "
    "icm/HTTP/client/support_http2 = false); an older one speaks HTTP/1.1 only — then ask the "
    "server's owner to accept HTTP/1.1 as well."
)


def status_next_step(status: int) -> str:
    """The first thing to do about the server's own error status (the cause's fix steps
    follow in the answer); "" where the cause's first step says it best."""
    if status == 403:
        return ("Ask the server's owner which user, role or client certificate it accepts; the "
                "destination's logon is in SM59 → Logon & Security.")
    if status in (404, 405):
        return ("Check the path the call uses: SM59 → destination → Technical Settings → Path "
                "Prefix (or the path in the URL) must be the one the service expects.")
    if status in (502, 503, 504):
        return ("The server, or a load balancer or gateway in front of it, cannot serve the "
                "request now: ask its owner whether the service is up, and retry.")
    if status >= 500:
        return "The server failed on the request: its own log says why — ask its owner."
    return ""


def tls_port_finding(seen: str, elapsed_ms: float = 0.0, data: dict[str, object] | None = None) -> Finding:
    """An http:// URL whose port speaks TLS: SSL is off in the destination (or the program
    uses http://). What SAP reports then depends on the server (a closed connection, an
    error page), so no SCLNT_HTTP message is claimed."""
    return Finding("http", "fail",
                   f"{seen}: the URL says http:// but the port expects TLS — use https:// "
                   "(SM59: Logon & Security → SSL Active)", elapsed_ms,
                   cause="destination_ssl_inactive", data=data or {})
