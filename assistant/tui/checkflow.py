"""A live check run from the chat: start it, show each step as it completes, cancel it
with Esc, and turn its report into an answer.

The check runs in its own daemon thread and hands every step to the UI thread as it
comes. Diagnostics (and with them cryptography) are imported only when a check starts.
Other flows ask for a check with a `CheckRequested` message; the app passes it to `start`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.tui.checkargs import OPTION_FLAGS, CheckRequest
from assistant.tui.widgets.check_progress import CheckProgress

if TYPE_CHECKING:
    from assistant.diagnostics.model import CheckReport, Finding
    from assistant.tui.host import ChatHost


@dataclass
class RunningCheck:
    request: CheckRequest
    progress: CheckProgress
    cancel: threading.Event
    thread: threading.Thread | None = None


class CheckFlow:
    """At most one check at a time; `running` is it (None when idle)."""

    def __init__(self, host: ChatHost, *, deterministic: bool = False) -> None:
        """`deterministic`: no timings (snapshot tests)."""
        self.host = host
        self.deterministic = deterministic
        self.running: RunningCheck | None = None

    def start(self, request: CheckRequest) -> None:
        host = self.host
        if self.running is not None:
            host.say_notice("A check is already running — Esc cancels it.", severity="warning")
            return
        if request.needs_proxy_password and not self._proxy_password_known():
            user = (request.proxy_user or "").partition(":")[0]
            host.ask_secret(f"Proxy password for {user} (not saved, not shown)",
                            lambda password: self._with_password(request, password))
            return
        if request.ca_file and not Path(request.ca_file).expanduser().is_file():
            host.say_notice(f"/check: --ca-file {request.ca_file!r} is not a readable file", severity="error")
            return
        progress = CheckProgress(request.shown_target, show_timings=not self.deterministic)
        host.show(progress, note=f"Live check of {request.shown_target}")
        run = self.running = RunningCheck(request, progress, threading.Event())
        host.refresh_bindings()
        # A daemon thread, not a Textual thread worker: the cancel flag ends the check at
        # once (the runner shuts its sockets down), but the executor behind thread workers
        # is joined at exit, and quitting must never wait for a check.
        run.thread = threading.Thread(target=self._run, args=(run,), name="sapassist-check", daemon=True)
        run.thread.start()

    @staticmethod
    def _proxy_password_known() -> bool:
        import os

        from assistant.diagnostics.model import PROXY_PASSWORD_ENV

        return os.environ.get(PROXY_PASSWORD_ENV) is not None  # the check takes it from there

    def _with_password(self, request: CheckRequest, password: str | None) -> None:
        if password is None:
            self.host.say_notice(f"Check of {request.shown_url} not started: no proxy password given.")
            return
        self.start(request.with_proxy_password(password))

    def cancel(self) -> None:
        """Esc: stop waiting for the running check and say how to try again."""
        run = self.running
        if run is None:
            return
        run.cancel.set()
        self._release()
        run.progress.finish("cancelled (Esc)", "cancelled")
        self.host.say_notice(
            f"Check of {run.request.shown_url} cancelled — no result. To try again: {run.request.as_command()}"
        )

    def abandon(self) -> None:
        """The app is closing: the flag ends the check at once, also a step waiting on a
        silent server (the runner shuts the check's sockets down)."""
        if self.running is not None:
            self.running.cancel.set()

    def _release(self) -> None:
        self.running = None
        self.host.refresh_bindings()  # Esc leaves the footer

    def _run(self, run: RunningCheck) -> None:
        """The check itself, in its own thread; results go back to the UI thread unless
        the check was cancelled (Esc said so already; on quit there is no UI left)."""

        def deliver(func: Callable[..., object], *args: object) -> None:
            if not run.cancel.is_set():
                self.host.deliver(func, run, *args)

        try:
            from assistant.diagnostics import run_check
            from assistant.diagnostics.model import CheckSetupError

            report = run_check(
                run.request.to_options(), on_finding=lambda finding: deliver(self._finding, finding),
                cancel=run.cancel,
            )
        except CheckSetupError as exc:  # bad options: the message says what is wrong
            deliver(self._failed, exc.describe(OPTION_FLAGS))
            return
        except Exception as exc:
            deliver(self._failed, f"{type(exc).__name__}: {exc}")
            return
        deliver(self._done, report)

    def _finding(self, run: RunningCheck, finding: Finding) -> None:
        if run is self.running:
            run.progress.add_finding(finding)

    def _failed(self, run: RunningCheck, error: str) -> None:
        if run is not self.running:
            return
        self._release()
        run.progress.finish("the check could not run", "failed")
        self.host.say_notice(f"The check of {run.request.shown_url} could not run: {error}", severity="error")

    def _done(self, run: RunningCheck, report: CheckReport) -> None:
        if run is not self.running:  # cancelled meanwhile: the user was already told
            return
        self._release()
        deterministic = self.deterministic
        if deterministic:
            report.elapsed_ms = 0.0
            for finding in report.findings:
                finding.elapsed_ms = 0.0
        for finding in report.findings[len(run.progress.findings) :]:
            run.progress.add_finding(finding)  # findings the callback did not deliver
        took = "" if deterministic else f" in {report.elapsed_ms:.0f} ms"
        run.progress.finish(f"done{took} — verdict: {report.verdict}", "done", str(report.verdict))
        self._answer(run, report)

    def _answer(self, run: RunningCheck, report: CheckReport) -> None:
        """The report as an answer (found, the SCLNT_HTTP message it explains, cause, fix);
        what the check found becomes the topic, so follow-ups put its cause first."""
        host, session = self.host, self.host.session
        if session.kb is None:
            host.say_notice("No knowledge base: only the raw findings are shown above.", severity="warning")
            return
        from assistant.answers.check import STEPS_KEY
        from assistant.services.answering import answer_check

        answered = answer_check(report, session.kb, session.state, reported=session.reported,
                                via_proxy=run.request.proxy is not None)
        # the steps are on screen in the live box: the answer leaves them out, the
        # transcript (and /export) keeps them with their timings
        host.say_answer(answered.doc, reveal_from=run.progress, hide=frozenset({STEPS_KEY}))
        session.state = answered.state
        host.topic_changed()
