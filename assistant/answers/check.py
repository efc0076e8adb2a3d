"""A live-check report as the answer the admin reads: verdict first, then the details.

The verdict (2–4 lines): what the check found and the SCLNT_HTTP message it leads to, the
cause, the one next step — and, when the user reported another message in this
conversation, that this machine sees something else. The sections: the steps with their
timings, the certificates the server sends, the cause and its fix, what to import into
STRUST, why this machine may differ, other findings. The CLI prints `doc.markdown()`
rendered; the chat shows the verdict and lets the sections open.

Everything that came from the server (subjects, headers, error texts) goes through
`assistant.textsafe` (inline code or minimal escaping), so it renders literally; only the
knowledge base's own Markdown is rendered as Markdown.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from typing import Any

from assistant.answers.certificates import certificate_markdown
from assistant.answers.document import AnswerDoc, Section
from assistant.answers.pieces import wording_note
from assistant.answers.verdict import short_step
from assistant.diagnostics.causes import CATCH_ALL_CAUSE, TRUST_PSE, UNNAMED_REASON
from assistant.diagnostics.idnform import url_host_unicode_form
from assistant.diagnostics.model import CheckReport, Finding
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.textsafe import escape_keeping_code, escape_markdown, md_code
from assistant.wording import (
    NOT_RUN_LABEL,
    STATUS_ICONS,
    VERDICT_WORDS,
    not_run_summary,
    step_label,
)

STEPS_KEY = "steps"  # the chat shows the steps live and leaves this section out


def ms(value: float) -> str:
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def step_line(f: Finding, literals: Sequence[str] = ()) -> str:
    """`- ✗ **TLS** (3.4 ms) — SCLNT_HTTP421: detail`, the detail escaped (server text;
    `literals`: the check's server values besides the finding's own, see `server_values`)."""
    time_part = f" ({ms(f.elapsed_ms)})" if f.elapsed_ms else ""
    # A detail that names the message itself (with the other one SAP may report) says it once.
    named = f.sclnt_http is not None and f.sclnt_http in f.detail
    code = f" — {f.sclnt_http}" if f.sclnt_http and f.status in ("fail", "warn") and not named else ""
    label = step_label(f.step)
    return (f"- {STATUS_ICONS.get(f.status, '?')} **{label}**{time_part}{code}: "
            f"{escape_keeping_code(f.detail, [*literals, *server_values(f.data)])}")


def server_values(*sources: object) -> list[str]:
    """The strings a finding's data (or the report's extra) holds — certificate names, headers,
    addresses — for `escape_keeping_code`: a backtick in one of them is the server's, not a
    code span of ours. Our own next step (data["next_step"]) is no server value."""
    out: list[str] = []
    stack = list(sources)
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            stack += [v for k, v in item.items() if k != "next_step"]
        elif isinstance(item, (list, tuple)):
            stack += list(item)
    return out


def report_server_values(report: CheckReport) -> list[str]:
    """Every server value the check holds (its extra: the chain's names, the CA to import;
    each finding's data): a detail may name a certificate another step read."""
    return server_values(report.extra, *(f.data for f in report.findings))


def _message_line(kb: KnowledgeBase | None, msg_id: str) -> str:
    msg = kb.messages.get(msg_id) if kb is not None else None
    if msg is None:
        return f"**{msg_id}**"
    text = escape_markdown(msg.display_text)  # may be an imported T100 text: not Markdown
    note = wording_note(msg)
    return f"**{msg_id}** — {text}" + (f" *{note}*" if note else "")


def build_check_doc(
    report: CheckReport,
    kb: KnowledgeBase | None,
    *,
    reported: Sequence[str] = (),
    now: _dt.datetime | None = None,
    another_client: bool = False,
) -> AnswerDoc:
    """The report as an `AnswerDoc` (pure: no I/O).

    `reported`: the SCLNT_HTTP ids the *user* said they get in this conversation (never
    an earlier check's result). When the check finds something else the verdict says
    so, because this machine may not see the endpoint the way the SAP server does.
    `another_client`: the conversation is about a non-ABAP client's call — the verdict
    says what the finding means for that client, the ABAP side comes after it.
    """
    verdict = VERDICT_WORDS.get(report.verdict, report.verdict)
    if another_client:
        from assistant.answers.check_other_client import verdict_lines

        lines = verdict_lines(report, kb)
    else:
        lines = _sap_client_lines(report, kb)
    not_enough = _import_not_enough(report)
    if not_enough:
        lines.append(not_enough)
    differs = _differs(report, reported)
    if differs:
        lines.append(differs)
    sap_side = [*_cause_sections(report, kb), *_alternative_section(report, kb),
                Section("import", "What to import into STRUST", _import_markdown(report.extra))]
    if another_client:  # the ABAP side, said as such (another key: another text)
        sap_side = [Section(f"{s.key}:sap", f"If the SAP system makes the call: {s.title[0].lower()}{s.title[1:]}",
                            s.markdown) for s in sap_side]
    sections = [
        Section(STEPS_KEY, "Steps and timings", _steps_markdown(report)),
        Section("certificates", "Certificates the server sends (in this order)",
                "\n\n".join(certificate_markdown(i, c, now or _dt.datetime.now(_dt.UTC))
                            for i, c in enumerate(report.chain, 1))),
        *sap_side,
        Section("differs", "Why this machine may see something else", _DIFFERS if differs else ""),
        Section("also", "Also found", "\n".join(f"- {_cause_title(kb, c)}" for c in _other_causes(report))),
    ]
    return AnswerDoc(
        headline=f"Live check of {md_code(report.target)}{_written_host(report.target)}: {verdict}",
        verdict="\n\n".join(lines),
        sections=tuple(s for s in sections if s.markdown.strip()),
    )


def _written_host(url: str) -> str:
    """` (bücher.example)` after a URL whose host is an `xn--` name, else nothing."""
    written = url_host_unicode_form(url)
    return "" if written is None else f" ({escape_markdown(written)})"


def _sap_client_lines(report: CheckReport, kb: KnowledgeBase | None) -> list[str]:
    """Found (as the SCLNT_HTTP message), the cause, the next step — for the ABAP client."""
    lines = [_found_line(report, kb)]
    if report.cause:
        lines.append(f"**Cause:** {_named_reason(report) or _cause_title(kb, report.cause, bold=False)}.")
    step = check_next_step(report, kb)
    if step:
        lines.append(f"**Next step:** {step}")
    return lines


def build_check_answer(
    report: CheckReport,
    kb: KnowledgeBase | None,
    *,
    reported: Sequence[str] = (),
    steps: bool = True,
) -> str:
    """The whole answer as Markdown (`sapassist check`); `steps=False` leaves out the
    step list."""
    doc = build_check_doc(report, kb, reported=reported)
    return doc.markdown(skip=frozenset() if steps else frozenset({STEPS_KEY}))


def _found_line(report: CheckReport, kb: KnowledgeBase | None) -> str:
    """What the check found, in one sentence."""
    if report.cancelled:
        return "The check was cancelled before it finished; the steps that ran are below."
    failed = next((f for f in report.findings if f.status == "fail"), None)
    if report.verdict == "error":
        if report.sclnt_http:
            also = _also_reported(report)
            either = f", or as {_message_line(kb, also)} — the SAP system may report either" if also else ""
            return f"From this machine the call fails as {_message_line(kb, report.sclnt_http)}{either}."
        where = f" at the **{step_label(failed.step)}** step" if failed else ""
        return f"From this machine the call fails{where}; the check names no SCLNT_HTTP message for it."
    if report.verdict == "warning":
        warned = next((f for f in report.findings if f.status == "warn"), None)
        where = f" at the **{step_label(warned.step)}** step" if warned else ""
        return f"The endpoint answers from this machine, with a warning{where}."
    return "Nothing found that would make the SAP HTTP client fail: the endpoint answers from this machine."


# Steps whose details are our own words and the operating system's (no server text): a
# second SCLNT_HTTP message they name is a hedge of ours, which the verdict keeps.
_OWN_WORDS_STEPS = frozenset({"resolve", "connect"})
_MESSAGE_ID = re.compile(r"\bSCLNT_HTTP\d{3}\b")


def _also_reported(report: CheckReport) -> str | None:
    """The other message the failing step's line says SAP may report ("SCLNT_HTTP402
    timeout, or SCLNT_HTTP400 connection failed"): a verdict naming only one would state
    more than its line."""
    failed = report.decisive_finding()
    if failed is None or failed.step not in _OWN_WORDS_STEPS or failed.sclnt_http != report.sclnt_http:
        return None
    return next((m for m in _MESSAGE_ID.findall(failed.detail) if m != report.sclnt_http), None)


def check_next_step(report: CheckReport, kb: KnowledgeBase | None) -> str:
    """The one thing to do first: the decisive finding's own step, the named certificate to
    import, else the cause's first fix step, cut to one line as the question answers cut it.
    A finding's `next_step_lead` (a server status that is not the SAP message of its number)
    is said before whichever step it is."""
    step = _first_step(report, kb)
    decisive = report.decisive_finding()
    lead = decisive.data.get("next_step_lead") if decisive is not None else None
    if isinstance(lead, str) and lead:
        lead = escape_keeping_code(lead, report_server_values(report))
        return f"{lead} {step}" if step else lead
    return step


def _first_step(report: CheckReport, kb: KnowledgeBase | None) -> str:
    missing = report.extra.get("missing_issuer")
    to_import = report.extra.get("to_import") or []
    decisive = report.decisive_finding()
    own = decisive.data.get("next_step") if decisive is not None else None
    if not own and decisive is not None and decisive.cause:  # a later step may know more of it
        own = next((f.data["next_step"] for f in report.findings if f.cause == decisive.cause
                    and f.status == "fail" and isinstance(f.data.get("next_step"), str)), None)
    if isinstance(own, str) and own:
        return escape_keeping_code(own, report_server_values(report))
    if missing:
        kind = report.extra.get("missing_issuer_kind")
        namesake = report.extra.get("missing_issuer_namesake")
        current = (f" The certificate of that name already in the trust list (SHA-256 "
                   f"{md_code(str(namesake))}) is another one — another key, an older or renewed "
                   "certificate of that CA — and did not sign.") if namesake else ""
        if kind == "root":
            return f"import the root CA {md_code(str(missing))} into the {TRUST_PSE} in STRUST.{current}"
        also = " (and its root)" if kind == "intermediate" else ""
        return (f"import {md_code(str(missing))}{also} into the {TRUST_PSE} in STRUST "
                f"(see *What to import into STRUST*).{current}")
    if to_import:
        return f"import {md_code(str(to_import[0].get('subject', '?')))} into the {TRUST_PSE} in STRUST."
    cause = kb.causes.get(report.cause) if kb is not None and report.cause else None
    if cause is None or not cause.fix:
        return ""
    return short_step(cause.fix[0])


# What an import into STRUST can fix, and what it cannot: a certificate that is expired,
# not yet valid, for another name or too weak stays so in any PSE.
TRUST_CAUSES = frozenset({"server_cert_untrusted", "intermediate_missing", "server_cert_self_signed"})
_NAME_FIX = "call a name the certificate covers, or the server needs a certificate for this name"
_SERVER_FIX = "only the server's side can change that"
SERVER_SIDE_CAUSES = {"server_cert_expired": _SERVER_FIX, "server_cert_not_yet_valid": _SERVER_FIX,
                      "weak_server_key": _SERVER_FIX, "hostname_mismatch": _NAME_FIX,
                      "wildcard_cert_not_matching": _NAME_FIX}


def _import_not_enough(report: CheckReport) -> str:
    """The verdict leads with a trust problem, but the chain has one an import cannot fix:
    say so at once, or the admin imports the CA and meets the next error."""
    if report.cause not in TRUST_CAUSES:
        return ""
    first = next((f for f in report.findings if f.status == "fail" and f.cause in SERVER_SIDE_CAUSES), None)
    if first is None:
        return ""
    code = f" ({first.sclnt_http})" if first.sclnt_http else ""
    detail = escape_keeping_code(first.detail.rstrip("."), report_server_values(report))
    return (f"**Importing alone will not fix it:** {detail}"
            f"{code} — {SERVER_SIDE_CAUSES[first.cause or '']}.")


def _differs(report: CheckReport, reported: Sequence[str]) -> str:
    """The user reported another message than the check sees from here."""
    if not reported or report.cancelled or report.sclnt_http in reported:
        return ""
    said = ", ".join(f"**{r}**" for r in reported)
    if report.sclnt_http:
        found = f"shows **{report.sclnt_http}** instead"
    elif report.verdict == "error":
        found = "fails in a way the check names no SCLNT_HTTP message for"
    else:
        found = "looks healthy"
    return f"You reported {said}; from this machine the endpoint {found} (see *Why this machine may see something else*)."


_DIFFERS = (
    "The SAP application server may not see the endpoint the same way: it has its own DNS, "
    "firewall and proxy path (SICF → Client → Proxy Settings), its own trust list (the SSL "
    "client PSE in STRUST — export it and pass it with `--ca-file`) and its own SNI and "
    "cipher parameters. Run the check from the application server's host, or with the same "
    "proxy and trust list, to see what SAP sees."
)


def _steps_markdown(report: CheckReport) -> str:
    """One line per step that ran; the steps that did not run share one line that names
    them and the step that failed."""
    took = f"Finished in {ms(report.elapsed_ms)}." if report.elapsed_ms else ""
    rows, not_run = not_run_summary([(f.step, f.status, f.detail) for f in report.findings])
    literals = report_server_values(report)
    lines = []
    for i, f in enumerate(report.findings):
        if i not in rows:
            lines.append(step_line(f, literals))
        elif i == min(rows):
            lines.append(f"- {STATUS_ICONS['skip']} **{NOT_RUN_LABEL}**: {escape_markdown(not_run)}")
    body = "\n".join(lines)
    return f"{took}\n\n{body}".strip()


# Where a detail's first clause ends: what follows explains it or adds a probe's findings.
_CLAUSE_END = re.compile(r":\s|;\s|\s—\s")


def _named_reason(report: CheckReport) -> str:
    """For the catch-all handshake cause, the reason the check did name (its decisive
    finding's first clause, with the cause id): its title says the check cannot name one,
    which the finding contradicts. '' for any other cause, or when the check named none."""
    found = report.decisive_finding()
    if report.cause != CATCH_ALL_CAUSE or found is None or UNNAMED_REASON in found.detail:
        return ""
    first = _CLAUSE_END.split(found.detail.strip(), maxsplit=1)[0].rstrip(" .")
    said = escape_keeping_code(first[:1].upper() + first[1:], report_server_values(report))
    return f"{said} (`{report.cause}`)"


def _cause_title(kb: KnowledgeBase | None, cause_id: str | None, *, bold: bool = True) -> str:
    cause = kb.causes.get(cause_id or "") if kb is not None else None
    if cause is None:
        return f"`{cause_id}`"
    return f"**{cause.title}** (`{cause_id}`)" if bold else f"{cause.title} (`{cause_id}`)"


def _cause_sections(report: CheckReport, kb: KnowledgeBase | None) -> list[Section]:
    if not report.cause:
        return []
    cause = kb.causes.get(report.cause) if kb is not None else None
    if cause is None:
        return [Section(f"cause:{report.cause}", "Why it happens",
                        "The knowledge base has no entry for this cause; the steps say what was seen.")]
    why = [cause.explanation.strip()] if cause.explanation else []
    if report.sclnt_http and kb is not None and report.sclnt_http in kb.messages:
        meaning = kb.messages[report.sclnt_http].meaning.strip()
        if meaning:
            why += [f"**What {report.sclnt_http} means:** {meaning}"]
    fix = "\n".join(f"{i}. {step.strip()}" for i, step in enumerate(cause.fix, 1))
    return [
        Section(f"cause:{report.cause}", "Why it happens", "\n\n".join(why)),
        Section(f"fix:{report.cause}", "How to fix it", fix),
    ]


def _import_markdown(extra: dict[str, Any]) -> str:
    certs = extra.get("to_import") or []
    missing, aia = extra.get("missing_issuer"), extra.get("aia_url")
    if not certs and not missing:
        return ""
    out = []
    for c in certs:
        out.append(f"- {md_code(str(c.get('subject', '?')))} (SHA-256 "
                   f"{md_code(str(c.get('fingerprint_sha256', '?')))}) into the {TRUST_PSE}")
    if missing and not any(c.get("subject") == missing for c in certs):
        out.append(_missing_issuer_line(str(missing), aia, extra.get("missing_issuer_kind")))
    out += ["", "STRUST → Change → open that PSE → Import certificate → Add to Certificate "
                "List → Save."]
    return "\n".join(out)


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


def _alternative_section(report: CheckReport, kb: KnowledgeBase | None) -> list[Section]:
    """When the certificates cannot tell a missing root from a missing intermediate, the
    other reading gets its fix too, with the same weight."""
    alt = next((f.data.get("alternative_cause") for f in report.findings
                if f.status == "fail" and f.cause == report.cause and f.data.get("alternative_cause")), None)
    if not isinstance(alt, str) or alt == report.cause:
        return []
    cause = kb.causes.get(alt) if kb is not None else None
    parts = ["The certificates do not say whether the missing issuer is a root or an intermediate "
             "CA; if it is an intermediate, this is the cause and fix instead."]
    if cause is not None and cause.fix:
        parts.append("\n".join(f"{i}. {step.strip()}" for i, step in enumerate(cause.fix, 1)))
    return [Section(f"alternative:{alt}", f"Equally possible: {_cause_title(kb, alt, bold=False)}",
                    "\n\n".join(parts))]


def _other_causes(report: CheckReport) -> list[str]:
    seen = {report.cause}
    out = []
    for f in report.findings:
        if f.cause and f.status in ("fail", "warn") and f.cause not in seen:
            seen.add(f.cause)
            out.append(f.cause)
    return out
