"""Turn a live-check report into the Markdown answer the admin reads.

One line per step (✓ ok, ! warning, ✗ failed, · skipped) with its time, then the
knowledge-base answer for the cause found: the SCLNT_HTTP message, why it happens, the
fix steps, and the exact certificate(s) to import into STRUST. Everything that came from
the server (subjects, headers, error texts) is escaped so it renders literally; only the
knowledge base's own Markdown is rendered as Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.diagnostics.causes import TRUST_PSE
from assistant.diagnostics.model import CheckReport, Finding
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.textsafe import escape_markdown, md_code

ICONS = {"ok": "✓", "warn": "!", "fail": "✗", "skip": "·"}
VERDICT_WORDS = {"ok": "OK", "warning": "warning", "error": "error"}


def _ms(value: float) -> str:
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def step_line(f: Finding) -> str:
    """`- ✗ **tls** (3.4 ms) — detail` with the detail escaped (it carries server text)."""
    time_part = f" ({_ms(f.elapsed_ms)})" if f.elapsed_ms else ""
    code = f" — {f.sclnt_http}" if f.sclnt_http and f.status in ("fail", "warn") else ""
    return f"- {ICONS.get(f.status, '?')} **{f.step}**{time_part}{code}: {escape_markdown(f.detail)}"


def _message_line(kb: KnowledgeBase | None, msg_id: str) -> str:
    msg = kb.messages.get(msg_id) if kb is not None else None
    if msg is None:
        return f"**{msg_id}**"
    text = escape_markdown(msg.display_text)  # may be an imported T100 text: not Markdown
    note = "" if msg.wording_confirmed else " _(title derived from the ICM constant, not SAP's wording)_"
    return f"**{msg_id}** — {text}{note}"


def build_check_answer(
    report: CheckReport,
    kb: KnowledgeBase | None,
    *,
    reported: Sequence[str] = (),
    steps: bool = True,
) -> str:
    """The whole answer as Markdown (pure: no I/O).

    `reported` are the SCLNT_HTTP ids the user said they get (the chat's topic): when the
    check finds something else, the answer says so, because this machine may not see the
    endpoint the way the SAP application server does.
    """
    out: list[str] = []
    verdict = VERDICT_WORDS.get(report.verdict, report.verdict)
    out.append(f"## Live check of {md_code(report.target)}: {verdict}")
    out.append("")
    summary = f"Finished in {_ms(report.elapsed_ms)}."
    if report.sclnt_http:
        summary = (f"SAP usually reports this as {_message_line(kb, report.sclnt_http)}. "
                   + summary)
    if report.cancelled:
        summary += " The check was cancelled."
    out.append(summary)
    out.extend(_reported_section(report, reported))
    out.append("")
    if steps:  # the chat shows the steps live in its own box: no second list there
        out.extend(step_line(f) for f in report.findings)
    else:
        out.extend(step_line(f) for f in report.findings if f.status in ("fail", "warn"))
    if report.chain:
        out += ["", "### Certificates the server sends (in this order)", ""]
        for i, c in enumerate(report.chain, 1):
            out.append(
                f"{i}. {md_code(c.subject)} issued by {md_code(c.issuer)}; valid "
                f"{escape_markdown(c.not_before)} to {escape_markdown(c.not_after)}; "
                f"{escape_markdown(c.key)}, {escape_markdown(c.signature_algorithm)}; "
                f"SHA-256 {md_code(c.fingerprint_sha256)}"
            )
    out.extend(_cause_section(report, kb))
    out.extend(_alternative_section(report, kb))
    out.extend(_import_section(report.extra))
    others = _other_causes(report)
    if others:
        out += ["", "### Also found", ""]
        out.extend(f"- {_cause_title(kb, c)}" for c in others)
    return "\n".join(out).rstrip() + "\n"


def _reported_section(report: CheckReport, reported: Sequence[str]) -> list[str]:
    """Compare what the user reported with what the check saw from here."""
    if not reported or report.cancelled or report.sclnt_http in reported:
        return []
    said = ", ".join(f"**{r}**" for r in reported)
    if report.sclnt_http:
        found = f"shows **{report.sclnt_http}** instead"
    elif report.verdict == "error":
        found = "fails in a way that has no SCLNT_HTTP message of its own"
    else:
        found = "looks healthy"
    return [
        "",
        f"You reported {said}; from this machine the endpoint {found}. The SAP application "
        "server may not see it the same way: it has its own DNS, firewall and proxy path "
        "(SICF → Client → Proxy Settings), its own trust list (the SSL client PSE in STRUST — "
        "export it and pass it with `--ca-file`) and its own SNI and cipher parameters. "
        "Run the check from the application server's host, or with the same proxy and "
        "trust list, to see what SAP sees.",
    ]


def _cause_title(kb: KnowledgeBase | None, cause_id: str) -> str:
    cause = kb.causes.get(cause_id) if kb is not None else None
    return f"{cause.title} (`{cause_id}`)" if cause else f"`{cause_id}`"


def _cause_section(report: CheckReport, kb: KnowledgeBase | None) -> list[str]:
    if not report.cause:
        if report.verdict == "ok":
            return ["", "Nothing found that would make the SAP HTTP client fail."]
        return []
    cause = kb.causes.get(report.cause) if kb is not None else None
    out = ["", f"### Cause: {_cause_title(kb, report.cause)}"]
    if cause is None:
        out += ["", "The knowledge base has no entry for this cause; the step details above "
                    "say what was seen."]
        return out
    if cause.explanation:
        out += ["", "**Why**", "", cause.explanation.strip()]
    if report.sclnt_http and kb is not None and report.sclnt_http in kb.messages:
        meaning = kb.messages[report.sclnt_http].meaning.strip()
        if meaning:
            out += ["", f"**What {report.sclnt_http} means**", "", meaning]
    if cause.fix:
        out += ["", "**Fix**", ""]
        out.extend(f"{i}. {step.strip()}" for i, step in enumerate(cause.fix, 1))
    return out


def _alternative_section(report: CheckReport, kb: KnowledgeBase | None) -> list[str]:
    """When the certificates cannot tell a missing root from a missing intermediate, the
    other reading gets its fix too, with the same weight."""
    alt = next((f.data.get("alternative_cause") for f in report.findings
                if f.status == "fail" and f.cause == report.cause and f.data.get("alternative_cause")), None)
    if not isinstance(alt, str) or alt == report.cause:
        return []
    cause = kb.causes.get(alt) if kb is not None else None
    out = ["", f"### Equally possible: {_cause_title(kb, alt)}", "",
           "The certificates do not say whether the missing issuer is a root or an intermediate "
           "CA; if it is an intermediate, this is the cause and fix instead."]
    if cause is not None and cause.fix:
        out += ["", "**Fix**", ""]
        out.extend(f"{i}. {step.strip()}" for i, step in enumerate(cause.fix, 1))
    return out


def _import_section(extra: dict[str, Any]) -> list[str]:
    certs = extra.get("to_import") or []
    missing, aia = extra.get("missing_issuer"), extra.get("aia_url")
    if not certs and not missing:
        return []
    out = ["", "### Import into STRUST", ""]
    for c in certs:
        out.append(f"- {md_code(str(c.get('subject', '?')))} (SHA-256 "
                   f"{md_code(str(c.get('fingerprint_sha256', '?')))}) into the {TRUST_PSE}")
    if missing and not any(c.get("subject") == missing for c in certs):
        out.append(_missing_issuer_line(str(missing), aia, extra.get("missing_issuer_kind")))
    out += ["", "STRUST → Change → open that PSE → Import certificate → Add to Certificate "
                "List → Save."]
    return out


def _missing_issuer_line(missing: str, aia: object, kind: object) -> str:
    """Only a missing intermediate is the server's to send; a missing root is imported."""
    where = f", downloadable from {md_code(str(aia))}" if aia else ""
    if kind == "root":
        return f"- the missing root CA {md_code(missing)}{where}"
    if kind == "intermediate":
        return (f"- the missing intermediate CA {md_code(missing)}{where} (and its root), "
                "unless the server is changed to send it")
    return (f"- the missing issuer {md_code(missing)}{where}: if it is a root CA, import it; if it "
            "is an intermediate CA, the server should send it — or import it and its root")


def _other_causes(report: CheckReport) -> list[str]:
    seen = {report.cause}
    out = []
    for f in report.findings:
        if f.cause and f.status in ("fail", "warn") and f.cause not in seen:
            seen.add(f.cause)
            out.append(f.cause)
    return out
