"""One check of one endpoint in progress: what its steps share, and the report at the end.

The steps share the route to the target (direct or through the proxy, to open more
connections), one deadline, the cancel flag and the check's open connections; the
findings so far and the extras for the report collect here too. The steps themselves
are functions over a `CheckRun` (see `runner` and `tlssteps`).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assistant.diagnostics.cancel import UNTRACKED, Cancel, OpenSockets
from assistant.diagnostics.connect import connect_one
from assistant.diagnostics.deadline import Deadline
from assistant.diagnostics.model import STEP_ORDER, CertInfo, CheckReport, Finding, Verdict
from assistant.diagnostics.proxy import open_tunnel

if TYPE_CHECKING:
    from assistant.diagnostics.prepare import PreparedCheck
    from assistant.diagnostics.resolve import Address

FindingCallback = Callable[[Finding], None]

CANCELLED = "cancelled"


class CheckRun:
    """The shared state of one check; `emit` records a finding, `report` ends the check."""

    def __init__(self, prepared: PreparedCheck, on_finding: FindingCallback | None,
                 cancel: Cancel | None) -> None:
        self.prepared = prepared
        self.target = prepared.target
        self.options = prepared.options
        self.on_finding, self.cancel = on_finding, cancel
        self.findings: list[Finding] = []
        self.chain: list[CertInfo] = []
        self.extra: dict[str, Any] = {}
        self.start = time.monotonic()
        # only a check that can be cancelled keeps books of its connections
        self.sockets = OpenSockets() if cancel is not None else UNTRACKED
        self.deadline = Deadline(self.options.timeout, sockets=self.sockets)
        self.address: Address | None = None  # the address that answered (direct route)
        self.other_addresses: list[Address] = []  # the name's other addresses that answered
        self.proxy_address: Address | None = None  # the proxy's address that answered
        self.cancelled = False

    def emit(self, finding: Finding) -> None:
        """Record a finding. Once cancelled, what goes wrong is the cancel's doing (a shut
        down socket looks like a broken connection): such a finding becomes "cancelled"."""
        if finding.status != "ok" and self.stopped():
            if any(f.step == finding.step for f in self.findings):
                return
            finding = Finding(finding.step, "skip", CANCELLED, finding.elapsed_ms)
        self.findings.append(finding)
        if self.on_finding is not None:
            self.on_finding(finding)

    def stopped(self) -> bool:
        if self.cancel is not None and self.cancel.is_set():
            self.cancelled = True
        return self.cancelled

    def open_stream(self, deadline: Deadline) -> socket.socket:
        """A fresh TCP stream to the target: direct, or a new tunnel through the proxy."""
        prepared = self.prepared
        if prepared.proxy is not None:
            pr = open_tunnel(prepared.proxy, self.target, prepared.credentials, deadline)
            if pr.sock is None:
                raise ConnectionError(f"proxy tunnel failed at {pr.stage}: {pr.error or 'status'}")
            return pr.sock
        assert self.address is not None
        return connect_one(self.address, deadline.timeout(), deadline.sockets)

    def report(self) -> CheckReport:
        """Every step appears once in the report, skipped ones with the reason."""
        done = {f.step for f in self.findings}
        why = CANCELLED if self.stopped() else "not run: an earlier step failed or time ran out"
        for step in STEP_ORDER:
            if step not in done:
                self.emit(Finding(step, "skip", why))
        self.findings.sort(key=lambda f: STEP_ORDER.index(f.step) if f.step in STEP_ORDER else 99)
        verdict, cause, msg = fold(self.findings)
        return CheckReport(
            target=self.target.shown, verdict=verdict, sclnt_http=msg, cause=cause,
            findings=self.findings, chain=self.chain,
            elapsed_ms=(time.monotonic() - self.start) * 1000.0, cancelled=self.cancelled,
            extra=self.extra,
        )


def fold(findings: list[Finding]) -> tuple[Verdict, str | None, str | None]:
    """(verdict, cause, SCLNT_HTTP) from the first failing, else first warning finding."""
    for status, verdict in (("fail", "error"), ("warn", "warning")):
        hits = [f for f in findings if f.status == status]
        if hits:
            best = next((f for f in hits if f.cause or f.sclnt_http), hits[0])
            return verdict, best.cause, best.sclnt_http  # type: ignore[return-value]
    return "ok", None, None
