"""One vocabulary for every front end: the words the command line and the chat both use.

A check's steps, their status marks, the verdicts, whose wording a message text is, and
counted nouns ("1 day", "29 days" — never "29 day(s)"). The live-check steps, the answer
builders and the chat's widgets all read them from here, so the same thing is never
called two names. Pure Python, no imports: the diagnostics use it on every check.
"""

from __future__ import annotations

# The check's steps by their ids (`Finding.step`; JSON keeps the ids).
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
# What each step does, for "running: …" while it runs.
STEP_DOING = {
    "resolve": "resolving the host name",
    "connect": "connecting",
    "proxy": "going through the proxy",
    "tls": "TLS handshake",
    "observe": "reading what the server sends",
    "chain": "analysing the certificate chain",
    "client_cert": "checking the client certificate",
    "http": "sending the HTTP request",
}
STATUS_ICONS = {"ok": "✓", "warn": "!", "fail": "✗", "skip": "–"}
VERDICT_WORDS = {"ok": "OK", "warning": "warning", "error": "error"}
# Whose words a message text is, by `Message.text_origin`.
WORDING = {"confirmed": "SAP's text", "derived": "our title", "imported": "imported (T100)"}

_PLURALS = {"day": "days", "certificate": "certificates", "endpoint": "endpoints", "step": "steps",
            "line": "lines", "character": "characters", "message": "messages", "second": "seconds",
            "row": "rows", "message class": "message classes"}


def step_label(step: str) -> str:
    return STEP_LABELS.get(step, step)


def plural(count: int, noun: str) -> str:
    """`1 day`, `29 days`, `0 certificates`."""
    word = noun if count == 1 else _PLURALS.get(noun, noun + "s")
    return f"{count} {word}"


NOT_RUN_LABEL = "not run"


def _not_run(status: str, detail: str) -> bool:
    """A step the check never got to: the runner's "not run: …" (or "…: not run"), or one
    it stopped when cancelled."""
    return status == "skip" and (detail.startswith("not run:") or detail.endswith(": not run") or detail == "cancelled")


def not_run_summary(steps: list[tuple[str, str, str]]) -> tuple[frozenset[int], str]:
    """The steps a check did not run, as one detail: "TLS, chain, HTTP — the connect step
    failed". One row per step, each with the same reason, filled an 80x24 screen after an
    early failure (unknown host, refused port).

    `steps`: (step id, status, detail) per finding, in order. Returns the positions of the
    rows the detail stands for (empty when fewer than two) and the detail."""
    rows = [i for i, (_, status, detail) in enumerate(steps) if _not_run(status, detail)]
    if len(rows) < 2:
        return frozenset(), ""
    names = ", ".join(step_label(steps[i][0]) for i in rows)
    failed = next((step for step, status, _ in steps if status == "fail"), None)
    if any(steps[i][2] == "cancelled" for i in rows):
        why = "the check was cancelled"
    elif failed is not None:
        why = f"the {step_label(failed)} step failed"
    else:
        why = "time ran out"
    return frozenset(rows), f"{names} — {why}"
