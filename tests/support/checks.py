"""Run a live check in a test and pick findings out of the report.

`check` also asserts an invariant every scenario must keep: a failing finding always
names a knowledge-base cause, so the answer can always show a fix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.diagnostics import CheckOptions, CheckReport, Finding, run_check

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase


def check(url: str, *, timeout: float = 3.0, **options: object) -> CheckReport:
    report = run_check(CheckOptions(url=url, timeout=timeout, **options))  # type: ignore[arg-type]
    uncaused = [f.to_json() for f in report.findings if f.status == "fail" and not f.cause]
    assert not uncaused, f"failing findings without a cause: {uncaused}"
    return report


def step(report: CheckReport, name: str, status: str | None = None) -> Finding:
    """The first finding of step `name` (with `status`, when given)."""
    found = [f for f in report.findings if f.step == name and (status is None or f.status == status)]
    assert found, f"no {name} finding with status {status}: {[f.to_json() for f in report.findings]}"
    return found[0]


def next_step(report: CheckReport, kb: KnowledgeBase) -> str:
    """The verdict's "Next step" paragraph, as the answer shows it."""
    from assistant.answers.check import build_check_doc

    return next(line for line in build_check_doc(report, kb).verdict.split("\n\n")
                if line.startswith("**Next step:**"))
