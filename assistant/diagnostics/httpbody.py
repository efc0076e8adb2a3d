"""What the body of an answer did after a good head: it stopped, it trickled, or it broke
its own framing — each said in the server's numbers, with what to do.

The head tells that the server took the request and answered; what goes wrong after it
is the application (or a device on the path) failing while it sends, not the network
before it. The check reads at most `httpstream.BODY_CAP` and stops at its deadline, so a
body far larger or slower than that ends the check in time and is described, not waited
for.
"""

from __future__ import annotations

import time

from assistant.diagnostics.httpstream import HttpResult
from assistant.diagnostics.model import Finding

_FRAMING = {"length": "Content-Length", "chunked": "chunked encoding", "close": "no length (ends with the connection)"}


def _line(res: HttpResult) -> str:
    return f"{res.http_version} {res.status} {res.reason}".strip()


def stalled_body(res: HttpResult, body_read: int, last_arrival: float, waited: str) -> str:
    """The head came, then the body stopped: how much of it, and for how long nothing."""
    of = f" of the {res.announced:,} announced" if res.announced is not None else ""
    quiet = time.monotonic() - max(last_arrival, res.body_started or last_arrival)
    return (f"the head came ('{_line(res)}') and {body_read:,} body bytes{of}, then nothing for "
            f"{quiet:.1f} s ({waited}): the server stopped sending in the middle of its answer")


BODY_STALLED_STEP = (
    "The server took the request and began to answer — the head came — and then stopped sending "
    "the body: the application hangs while it writes (a back end, a database, a report behind the "
    "service), or a device on the path (a proxy or IPS that scans bodies, a load balancer) holds "
    "the rest back. The SAP system waits just the same until its timeout (SCLNT_HTTP402). Ask the "
    "server's owner for the log of this request at this time, and compare `curl -v` from the "
    "application server's OS; raising the timeout helps only if the answer does complete later."
)


def body_rate(res: HttpResult, body_read: int) -> float:
    """Body bytes per second since the head came (for a body still arriving at the end)."""
    seconds = max(time.monotonic() - res.body_started, 1e-3) if res.body_started else 1e-3
    return body_read / seconds


def _size(n: float) -> str:
    return f"{n / 1024:,.1f} KiB" if n >= 1024 else f"{n:,.0f} bytes"


def slow_body_finding(res: HttpResult, detail: str, data: dict[str, object]) -> Finding:
    """A 2xx/3xx whose body was still arriving when the check's time ran out, slower than
    the check could read to its end: a warning with the rate and what it means for a call
    that waits for the whole answer, as the SAP HTTP client does."""
    rate = res.body_rate or 0.0
    data = {**data, "body_bytes_per_second": round(rate, 1)}
    if res.announced is not None and rate > 0:
        rest = max(res.announced - res.body_bytes, 0) / rate
        data["seconds_to_finish"] = round(rest)
        outlook = (f"at this rate the rest of the {res.announced:,} bytes announced takes about "
                   f"{_duration(rest)} more")
    else:
        outlook = f"its end is not announced ({_FRAMING.get(res.framing, res.framing)})"
    step = (f"The server answers, but sends the body at about {_size(rate)} a second; {outlook}. "
            "An SAP call waits for the whole answer and fails with a timeout (SCLNT_HTTP402) when "
            "its timeout — the program's, or the TIMEOUT/PROCTIMEOUT of `icm/server_port_<xx>` — "
            "ends first. Compare the time `curl -o /dev/null` takes from the application server's "
            "OS; ask the server's owner or the network team what throttles it (a bandwidth limit, an "
            "overloaded server or link), or ask for a smaller answer (paging, a filter).")
    return Finding("http", "warn", f"{detail}; the body comes at about {_size(rate)} a second, {outlook}",
                   res.elapsed_ms, cause="server_timeout", data={**data, "next_step": step})


def _duration(seconds: float) -> str:
    if seconds >= 5400:
        return f"{seconds / 3600:,.1f} hours"
    if seconds >= 90:
        return f"{seconds / 60:,.0f} minutes"
    return f"{seconds:,.0f} s"


def bad_framing_finding(res: HttpResult, data: dict[str, object]) -> Finding:
    """The head was HTTP, the body's framing is broken. Before, this was read as "the port
    does not answer like an HTTP server" and sent the admin to the Service No."""
    return Finding(
        "http", "fail",
        f"the server answered '{_line(res)}' but its body breaks its own framing: {res.error} — no "
        "client can read this answer to its end", res.elapsed_ms, cause="connection_broken",
        data={**data, "next_step": (
            "The server answers HTTP on this port — the head is fine — but its body breaks its "
            f"{_FRAMING.get(res.framing, 'framing')}: the server writes it so, or a device that rewrites "
            "answers on the path (a proxy, WAF or load balancer) corrupts it. The port, SSL and STRUST "
            "are not the problem. Ask the server's owner, with `curl -v --raw` from the application server's OS "
            "as evidence of the bytes that came.")})
