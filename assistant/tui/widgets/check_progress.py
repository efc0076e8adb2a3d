"""The live step list of a running check: one line per finding as it completes.

Finding details come from servers and certificates, so every line is built as a
`Content` object (never parsed as markup) from text with control characters escaped.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from assistant.textsafe import escape_control

if TYPE_CHECKING:
    from textual.timer import Timer

    from assistant.diagnostics.model import Finding

ICONS = {"ok": ("✓", "green"), "warn": ("!", "yellow"), "fail": ("✗", "red"), "skip": ("–", "dim")}
STEP_LABELS = {
    "resolve": "resolve",
    "connect": "connect",
    "proxy": "proxy",
    "tls": "TLS",
    "observe": "observe",
    "chain": "chain",
    "client_cert": "client cert",
    "http": "HTTP",
}


def finding_label(finding: Finding) -> Content:
    icon, style = ICONS.get(finding.status, ("?", "dim"))
    label = STEP_LABELS.get(finding.step, escape_control(str(finding.step)))
    return Content.assemble((f"{icon} ", f"bold {style}"), (label, "bold"))


def finding_detail(finding: Finding, *, show_timings: bool = True) -> Content:
    parts: list[str | tuple[str, str]] = [escape_control(str(finding.detail))]
    if show_timings and finding.elapsed_ms and " ms" not in str(finding.detail):
        parts.append((f"  ({finding.elapsed_ms:.0f} ms)", "dim"))
    return Content.assemble(*parts)


def finding_line(finding: Finding, *, show_timings: bool = True) -> Content:
    """The whole step as one line of text (for tests and plain copies)."""
    return Content.assemble(
        finding_label(finding), " ", finding_detail(finding, show_timings=show_timings)
    )


class CheckStep(Horizontal):
    """One finding: status icon and step name in a column, the detail wrapping beside it."""

    def __init__(self, finding: Finding, *, show_timings: bool) -> None:
        super().__init__(classes=f"check-step {finding.status}")
        self.finding = finding
        self.show_timings = show_timings

    def compose(self) -> ComposeResult:
        yield Static(finding_label(self.finding), classes="step-label")
        yield Static(finding_detail(self.finding, show_timings=self.show_timings), classes="step-detail")


class CheckProgress(Vertical):
    """Header, the findings so far, and a status line (running / done / cancelled)."""

    def __init__(self, target: str, *, show_timings: bool = True) -> None:
        super().__init__(classes="turn check-progress")
        self.target = target
        self.show_timings = show_timings
        self.findings: list[Finding] = []
        self.state = "running"  # running | done | cancelled | failed
        self._started = time.monotonic()
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(("Live check ", "bold"), escape_control(self.target)),
            classes="check-title",
        )
        yield Vertical(classes="check-steps")
        yield Static(Content(self._running_text()), classes="check-status running")

    def on_mount(self) -> None:
        # A silent server can take the whole timeout: a ticking clock shows it is alive.
        if self.show_timings:
            self._ticker = self.set_interval(1.0, self._tick)

    def _running_text(self) -> str:
        seconds = int(time.monotonic() - self._started)
        took = f" {seconds} s" if self.show_timings and seconds else ""
        return f"running…{took} (Esc cancels)"

    def _tick(self) -> None:
        if self.state == "running":
            self.query_one(".check-status", Static).update(Content(self._running_text()))

    def add_finding(self, finding: Finding) -> None:
        if self.state != "running":
            return
        self.findings.append(finding)
        step = CheckStep(finding, show_timings=self.show_timings)
        self.query_one(".check-steps", Vertical).mount(step)

    def finish(self, summary: str, state: str = "done", verdict: str = "") -> None:
        """state: done | cancelled | failed; verdict (ok | warning | error) colours the line."""
        self.state = state
        if self._ticker is not None:
            self._ticker.stop()
        status = self.query_one(".check-status", Static)
        status.set_classes(f"check-status {state} {verdict}".strip())
        status.update(Content(escape_control(summary)))

    @property
    def step_lines(self) -> list[str]:
        return [finding_line(f, show_timings=self.show_timings).plain for f in self.findings]
