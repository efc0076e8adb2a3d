"""The live step list of a running check: one row per finding as it completes, the step
that is running now, and the verdict when it is done — one widget (a `LineView`).

Each row has three columns: status mark and step name, the detail (wrapped in its own
column: URLs and "2 ms" stay whole), and the time, right-aligned in a column of its own
so it never wraps across the box's border. Finding details come from servers and
certificates, so every line is built as `Content` from plain text with control
characters escaped (never parsed as markup). Step names are the shared vocabulary
(`assistant.wording`), the same words `sapassist check` prints.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.content import Content

from assistant.textsafe import escape_control
from assistant.tui.widgets.lines import LineView
from assistant.tui.wrap import wrap
from assistant.wording import NOT_RUN_LABEL, STATUS_ICONS, STEP_DOING, not_run_summary, step_label

if TYPE_CHECKING:
    from textual.timer import Timer

    from assistant.diagnostics.model import Finding

STATUS_STYLES = {"ok": "bold $text-success", "warn": "bold $text-warning", "fail": "bold $text-error",
                 "skip": "$foreground 50%"}
STATE_STYLES = {"ok": "$text-success", "warning": "$text-warning", "error": "$text-error",
                "cancelled": "italic $text-warning", "failed": "italic $text-warning"}
LABEL_WIDTH = 15  # "✓ client cert" and a space
TIME_WIDTH = 9  # " 12345 ms"
STEP_ORDER = ("resolve", "connect", "proxy", "tls", "observe", "chain", "client_cert", "http")


def elapsed_text(finding: Finding) -> str:
    return f"{finding.elapsed_ms:.0f} ms" if finding.elapsed_ms else ""


def finding_label(finding: Finding) -> Content:
    icon = STATUS_ICONS.get(finding.status, "?")
    return Content.assemble((f"{icon} ", STATUS_STYLES.get(finding.status, "")),
                            (step_label(escape_control(str(finding.step))), "bold"))


def finding_line(finding: Finding, *, show_timings: bool = True) -> Content:
    """The whole step as one line of text (tests and plain copies)."""
    took = elapsed_text(finding) if show_timings else ""
    return Content.assemble(finding_label(finding), " ", escape_control(str(finding.detail)),
                            (f"  ({took})" if took else "", "dim"))


def running_step(findings: Sequence[Finding]) -> str:
    """The step that runs now: the one after the last that reported."""
    if not findings:
        return STEP_ORDER[0]
    last = findings[-1].step
    index = STEP_ORDER.index(last) if last in STEP_ORDER else len(STEP_ORDER) - 1
    return STEP_ORDER[min(index + 1, len(STEP_ORDER) - 1)]


class CheckProgress(LineView):
    """Title, the findings so far, and a status line (running … / done / cancelled)."""

    def __init__(self, target: str, *, show_timings: bool = True) -> None:
        super().__init__(classes="turn check-progress")
        self.target = target
        self.show_timings = show_timings
        self.findings: list[Finding] = []
        self.state = "running"  # running | done | cancelled | failed
        self.summary = ""
        self.verdict = ""
        self._started = time.monotonic()
        self._ticker: Timer | None = None

    def on_mount(self) -> None:
        # A silent server can take the whole timeout: a ticking clock shows it is alive.
        if self.show_timings:
            self._ticker = self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        if self.state == "running":
            self.invalidate()

    def add_finding(self, finding: Finding) -> None:
        if self.state != "running":
            return
        self.findings.append(finding)
        self.invalidate()

    def finish(self, summary: str, state: str = "done", verdict: str = "") -> None:
        """state: done | cancelled | failed; verdict (ok | warning | error) colours the line."""
        self.state, self.summary, self.verdict = state, summary, verdict
        if self._ticker is not None:
            self._ticker.stop()
        self.invalidate()

    @property
    def status_text(self) -> str:
        if self.state != "running":
            return self.summary
        seconds = int(time.monotonic() - self._started)
        took = f" {seconds} s" if self.show_timings and seconds else ""
        return f"running: {STEP_DOING.get(running_step(self.findings), 'checking')}…{took} (Esc cancels)"

    @property
    def step_lines(self) -> list[str]:
        return [finding_line(f, show_timings=self.show_timings).plain for f in self.findings]

    # -- layout ---------------------------------------------------------------------------

    def make_lines(self, width: int) -> Sequence[Content]:
        lines = [Content.assemble(("Live check ", "bold"), escape_control(self.target))]
        detail_width = max(12, width - LABEL_WIDTH - (TIME_WIDTH if self.show_timings else 0))
        # The steps that did not run share one row (after an early failure they filled the screen).
        rows, not_run = not_run_summary([(f.step, f.status, f.detail) for f in self.findings])
        for i, finding in enumerate(self.findings):
            if i not in rows:
                lines.extend(self._step_rows(finding, detail_width))
            elif i == min(rows):
                lines.extend(self._step_rows(replace(finding, step=NOT_RUN_LABEL, detail=not_run,
                                                     elapsed_ms=0.0), detail_width))
        style = STATE_STYLES.get(self.verdict or self.state, "italic $foreground 60%")
        lines.append(Content.styled(escape_control(self.status_text), style))
        return lines

    def _step_rows(self, finding: Finding, detail_width: int) -> list[Content]:
        label = finding_label(finding)
        label = label.pad_right(max(0, LABEL_WIDTH - label.cell_length))
        detail = wrap(Content(escape_control(str(finding.detail))), detail_width)
        took = elapsed_text(finding) if self.show_timings else ""
        rows = []
        for i, piece in enumerate(detail or [Content("")]):
            row = (label if i == 0 else Content(" " * LABEL_WIDTH)) + piece
            if i == 0 and took:
                gap = max(1, detail_width - piece.cell_length + TIME_WIDTH - len(took))
                row = row + Content(" " * gap) + Content.styled(took, "$foreground 60%")
            rows.append(row)
        return rows
