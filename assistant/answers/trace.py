"""Turn a dev_icm reading into the answer (`AnswerDoc`): the verdict names the main
problem — its SCLNT_HTTP message, cause and what to import into which PSE — then the
sections: the files read, a table of handshakes, and one section per distinct problem
(what SAP reported, the chain, what to import where, and the knowledge base's cause and
fix). `sapassist trace`, `ask` and the chat all show this answer.

Everything from the trace (hosts, subjects, paths, messages) is untrusted and escaped;
only the knowledge base's own Markdown is rendered as Markdown. Pure: no I/O.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from itertools import groupby

from assistant.answers.document import AnswerDoc, Section
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.textsafe import escape_markdown, md_code, md_inline
from assistant.trace.analysis import PATH_CUT_CAUSE, partner_url
from assistant.trace.codes import pse_node
from assistant.trace.model import AnalyzedHandshake, TraceReport

MAX_ROWS = 40
MAX_SECTIONS = 12
ICONS = {"ok": "✓", "warn": "!", "fail": "✗", "skip": "·"}
RAISE_LEVEL = ("SMICM → Goto → Trace Level → Set: level 2 writes every handshake's details, "
               "level 3 also the server's certificates")


def _cell(text: str) -> str:
    return md_inline(text).replace("|", "\\|")


def _partner(a: AnalyzedHandshake) -> str:
    h = a.handshake
    host = h.host or "(partner not named)"
    return f"{host}:{h.port}" if h.port is not None else host


def _message(kb: KnowledgeBase | None, msg_id: str | None) -> str:
    if msg_id is None:
        return "no SCLNT_HTTP message known"
    msg = kb.messages.get(msg_id) if kb is not None else None
    if msg is None:
        return f"**{msg_id}**"
    note = "" if msg.wording_confirmed else " _(title derived from the ICM constant, not SAP's wording)_"
    return f"**{msg_id}** — {escape_markdown(msg.display_text)}{note}"


def build_trace_doc(report: TraceReport, kb: KnowledgeBase | None, *, for_chat: bool = False) -> AnswerDoc:
    """The answer as an `AnswerDoc`: the headline and verdict name the main problem (its
    SCLNT_HTTP message, cause and what to import into which PSE); the sections are the
    files read, the handshake table and one answer per distinct problem. `for_chat`
    leaves out command-line hints."""
    hs, failed = report.handshakes, report.failed
    groups = problem_groups(failed)
    lead = lead_group(groups)
    headline = f"dev_icm trace: {len(hs)} TLS handshake{'s' if len(hs) != 1 else ''}, {len(failed)} failed"
    if lead and lead[0].sclnt_http:
        headline += f" → {lead[0].sclnt_http}"
    inbound = lead is None and report.server_role_errors > 0
    if inbound and not hs:
        n = report.server_role_errors
        headline = f"dev_icm trace: {n} TLS error{'s' if n != 1 else ''} with the SAP system as server"
    sections = [Section("trace:files", "What was read", "\n".join(_file_lines(report)).strip())]
    pointer = kb.glossary.get(SERVER_POINTER) if inbound and kb is not None else None
    if pointer is not None:
        sections.insert(0, Section(f"glossary:{pointer.id}", pointer.title, pointer.text.strip()))
    if hs:
        sections.append(Section("trace:handshakes", "Handshakes", "\n".join(handshake_table(hs))))
    for group in groups[:MAX_SECTIONS]:
        a = group[0]
        sections.append(Section(_problem_key(a), _problem_title(group),
                                "\n".join(problem_section(group, kb, for_chat=for_chat))))
    if len(groups) > MAX_SECTIONS:
        more = f"_{len(groups) - MAX_SECTIONS} further problem(s) not shown; use --json or --host._"
        sections.append(Section("trace:more", "More problems", more))
    return AnswerDoc(headline, _verdict(report, groups, lead, kb, for_chat=for_chat), tuple(sections))


def build_trace_answer(report: TraceReport, kb: KnowledgeBase | None, *, for_chat: bool = False) -> str:
    """The whole answer as Markdown (the `AnswerDoc`'s)."""
    return build_trace_doc(report, kb, for_chat=for_chat).markdown()


def trace_answer_parts(report: TraceReport, kb: KnowledgeBase | None, *, for_chat: bool = False) -> tuple[str, str]:
    """(summary, problems) as Markdown; the command line prints its own table between them."""
    doc = build_trace_doc(report, kb, for_chat=for_chat)
    summary = AnswerDoc(doc.headline, doc.verdict, tuple(s for s in doc.sections if s.key == "trace:files"))
    problems = "\n\n".join(f"### {s.title}\n\n{s.markdown.strip()}" for s in doc.sections
                            if s.key.startswith("trace:problem:") or s.key == "trace:more")
    return summary.markdown(), problems.strip() + "\n" if problems.strip() else ""


def lead_group(groups: Sequence[Sequence[AnalyzedHandshake]]) -> Sequence[AnalyzedHandshake] | None:
    """The problem the answer leads with: the first group of the fault with the most
    handshakes (several hosts failing the same way are one fault), the first seen among
    equals (None when nothing failed)."""
    if not groups:
        return None
    totals: dict[tuple[object, ...], int] = {}
    for g in groups:
        totals[fault_key(g[0])] = totals.get(fault_key(g[0]), 0) + len(g)
    best = max(totals, key=lambda k: totals[k])  # dicts keep the first seen first
    return next(g for g in groups if fault_key(g[0]) == best)


def _verdict(report: TraceReport, groups: Sequence[Sequence[AnalyzedHandshake]],
             lead: Sequence[AnalyzedHandshake] | None, kb: KnowledgeBase | None, *, for_chat: bool = False) -> str:
    own_view = ("The trace is the SAP system's own view of its outgoing TLS connections, which can "
                "differ from what this machine sees (proxy, DNS, firewall, TLS inspection).")
    if lead is None and report.server_role_errors:
        return "\n\n".join(server_role_lines(report, kb))
    if not report.handshakes:
        return f"No TLS client handshake was found. At trace level 1 only failures are written; {RAISE_LEVEL}."
    if lead is None:
        return f"No handshake in the trace failed.\n\n{own_view}"
    shared = [g for g in groups if same_fault(g[0], lead[0])]
    a = lead[0]
    total = sum(len(g) for g in shared)
    n = f", {total} handshakes" if total > 1 else ""
    code = a.handshake.code or ("incomplete handshake" if a.handshake.incomplete else "failed")
    lines = [f"{_message(kb, a.sclnt_http)} at {_partners(shared)} ({escape_markdown(code)}{n})."]
    lines.append(_cause_line(a, kb))
    lines.append(f"What to do: {escape_markdown(a.advice)}.")
    if a.also == PATH_CUT_CAUSE and not for_chat:
        command = "sapassist check " + shlex.quote(partner_url(a.handshake))
        lines.append(f"Or run {md_code(command)} on the application server: it shows whether the server answers "
                     "the handshake there, step by step.")
    if len(shared) > 1:
        hosts = "Both hosts" if len(shared) == 2 else f"The {len(shared)} hosts"
        every = "both" if len(shared) == 2 else "all of them"
        one_fix = a.cause in ONE_FIX_CAUSES or bool(a.imports)
        fix = (f"one fix (the same import or setting in the SAP system) serves {every}" if one_fix
               else "the same fix on each host")
        lines.append(f"{hosts} share this fault: {fix}.")
    others = len(groups) - len(shared)
    if others:
        lines.append(f"{others} other problem{'s' if others > 1 else ''} below.")
    return "\n\n".join([*lines, own_view])


def _cause_line(a: AnalyzedHandshake, kb: KnowledgeBase | None) -> str:
    """The cause the trace found — and, when the trace shows two as likely (a handshake cut
    right after the ClientHello), both, with what the trace shows."""
    if not a.cause:
        return ""
    line = f"Cause: {_cause_name(a.cause, kb)}"
    if not a.also:
        return line + "."
    h = a.handshake
    offered = f"; the ICM offered {escape_markdown(', '.join(h.versions))}" if h.versions else ""
    sni = " with SNI" if h.sni else ""
    if not h.state:  # trace level 1: no detail block says how far the handshake got
        return (f"{line} — or, as likely, {_cause_name(a.also, kb)}: the far end closed the connection during "
                f"the handshake with no TLS alert, and the trace writes no state at this level; both look the "
                f"same in it.")
    return (f"{line} — or, as likely, {_cause_name(a.also, kb)}: the connection was closed right after the "
            f"ClientHello (state {md_code(h.state)}{offered}{sni}), with no TLS alert, and both look the same "
            f"in the trace.")


def _cause_name(cause_id: str, kb: KnowledgeBase | None) -> str:
    cause = kb.causes.get(cause_id) if kb is not None else None
    return f"{escape_markdown(cause.title)} (`{cause_id}`)" if cause is not None else f"`{cause_id}`"


# Faults fixed at one place of the SAP system (a PSE's trust list, a profile parameter, the
# proxy logon): several hosts failing with one of them need that one fix, not one each.
ONE_FIX_CAUSES = frozenset({
    "server_cert_untrusted", "wrong_client_pse_selected", "sni_not_sent",
    "tls_version_or_cipher_mismatch", "proxy_auth_failed",
})
MAX_PARTNERS_NAMED = 3


def fault_key(a: AnalyzedHandshake) -> tuple[object, ...]:
    """What makes another partner's problem the same fault: the same code, cause and
    advice (the advice names the PSE and what to import into it)."""
    h = a.handshake
    return (h.code, h.incomplete, h.proxy_status, a.cause, a.advice)


def same_fault(a: AnalyzedHandshake, lead: AnalyzedHandshake) -> bool:
    return fault_key(a) == fault_key(lead)


def _partners(groups: Sequence[Sequence[AnalyzedHandshake]]) -> str:
    named = [md_code(_partner(g[0])) for g in groups[:MAX_PARTNERS_NAMED]]
    more = len(groups) - len(named)
    if more:
        return ", ".join(named) + f" and {more} more host{'s' if more > 1 else ''}"
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def server_role_lines(report: TraceReport, kb: KnowledgeBase | None) -> list[str]:
    """A trace whose errors all have the SAP system as the TLS *server*: what it shows
    (how many, the SSL server PSE, the peer's words), that it is no SCLNT_HTTP situation,
    and where the fix lives — before the note that no outbound handshake is in it."""
    n = report.server_role_errors
    lines = [f"**{n} TLS error{'s' if n != 1 else ''} where the SAP system is the server** "
             "(someone called it): not an SCLNT_HTTP situation, and not fixed in "
             "the SSL client PSEs."]
    pses = list(dict.fromkeys(h.pse for h in report.server_role if h.pse))
    if pses:
        nodes = ", ".join(f"{md_code(p)} ({escape_markdown((pse_node(p) or '?').split(' (')[0])})"
                          for p in pses[:3])
        lines.append(f"PSE the ICM used: {nodes}.")
    said = list(dict.fromkeys(m for h in report.server_role for m in h.messages))
    if said:
        lines.append("Trace says: " + "; ".join(md_code(m) for m in said[:3]))
    if any(_PEER_REJECTED_CERT.search(m) for m in said):
        lines.append("The peer's alert means the caller did not accept the certificate the SAP system "
                     "presented (the one in the SSL server PSE): give the caller the CA that issued it, "
                     "or put a certificate from a CA the caller trusts into the SSL server PSE.")
    pointer = kb.glossary.get(SERVER_POINTER) if kb is not None else None
    if pointer is not None:
        lines.append(f"Where the fix lives: *{escape_markdown(pointer.title)}*, below.")
    if not report.handshakes:
        lines.append("No outgoing (client) handshake is in these lines: for an outgoing call's "
                     "error, paste that call's lines.")
    return lines


SERVER_POINTER = "SAP_AS_TLS_SERVER"
# TLS alerts a peer sends when it rejects the certificate it was shown (RFC 5246 §7.2.2):
# with the SAP system as server, that certificate is the SSL server PSE's.
_PEER_REJECTED_CERT = re.compile(
    r"(?:certificate unknown|unknown ca|bad certificate|certificate expired|unsupported certificate)"
    r"\s+alert\b.*\bfrom the peer", re.IGNORECASE)


def _problem_key(a: AnalyzedHandshake) -> str:
    h = a.handshake
    return f"trace:problem:{(h.host or '').lower()}:{h.port}:{h.code or ''}:{a.cause or ''}"


_NOT_HOST = re.compile(r"[^A-Za-z0-9.:\-\[\]]")
_NOT_CODE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|[^A-Za-z0-9 _]")


def _problem_title(group: Sequence[AnalyzedHandshake]) -> str:
    """Partner and code as plain heading text: anything but name characters from the
    trace becomes '?' (the section's body shows the text literally)."""
    a, h = group[0], group[0].handshake
    code = h.code or ("incomplete handshake" if h.incomplete else "failed")
    n = f" ({len(group)} handshakes)" if len(group) > 1 else ""
    # the placeholder for a handshake without a partner is our own words, not the trace's
    host = _NOT_HOST.sub("?", _partner(a)[:80]) if h.host else "partner not named"
    return f"{host} — {_NOT_CODE.sub('?', code[:60])}{n}"  # SSSLRC_CONN_CLOSED: no emphasis


def _file_lines(report: TraceReport) -> list[str]:
    out: list[str] = []
    for f in report.files:
        if f.error:
            out.append(f"- {md_code(f.path)}: {escape_markdown(f.error)}")
            continue
        level = f", trace level {f.trace_level}" if f.trace_level is not None else ""
        out.append(f"- {md_code(f.path)}: {f.lines:,} lines{level}")
        out.extend(f"  - {escape_markdown(n)}" for n in f.notes)
    out.extend(f"- {escape_markdown(n)}" for n in report.notes)
    if report.server_role_errors:
        out.append(f"- {report.server_role_errors} TLS error(s) where the ICM was the *server* "
                   "(incoming connections) are not SCLNT_HTTP situations and are left out.")
    return ["", *out] if out else []


def handshake_table(handshakes: Sequence[AnalyzedHandshake]) -> list[str]:
    """One row per kind of handshake (same partner, result, code and PSE), with a count."""
    rows = table_rows(handshakes)
    out = ["| Partner | Result | Code → message | PSE (STRUST node) | What to do |",
           "|---|---|---|---|---|"]
    for row in rows[:MAX_ROWS]:
        out.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
    if len(rows) > MAX_ROWS:
        out.append(f"\n_{len(rows) - MAX_ROWS} more kinds of handshakes not shown; use --json._")
    return out


def table_rows(handshakes: Sequence[AnalyzedHandshake]) -> list[tuple[str, str, str, str, str]]:
    """(partner, result, code → message, PSE node, what to do) per kind of handshake (same
    partner, result, code, PSE and advice), with a count. Raw text: the caller escapes."""
    rows: dict[tuple[object, ...], tuple[AnalyzedHandshake, int]] = {}
    for a in handshakes:
        h = a.handshake
        key = ((h.host or "").lower(), h.port, h.ok, h.code, h.pse, a.advice)
        first, n = rows.get(key, (a, 0))
        rows[key] = (first, n + 1)
    out = []
    for a, n in rows.values():
        h = a.handshake
        result = ("ok" if h.ok else "failed") + (f" ×{n}" if n > 1 else "")
        code = h.code or ("incomplete handshake" if h.incomplete else "—")
        if h.proxy_status is not None:
            code = f"proxy returned {h.proxy_status}"
        arrow = f"{code} → {a.sclnt_http}" if a.sclnt_http else code
        out.append((_partner(a), result, arrow, a.pse_node or "not in the trace", a.advice))
    return out


def problem_groups(failed: Sequence[AnalyzedHandshake]) -> list[list[AnalyzedHandshake]]:
    """Failed handshakes grouped by problem, in the order they first appear."""
    order: dict[tuple[object, ...], int] = {}
    for a in failed:
        order.setdefault(a.problem_key(), len(order))
    ranked = sorted(failed, key=lambda a: order[a.problem_key()])
    return [list(g) for _, g in groupby(ranked, key=lambda a: a.problem_key())]


def problem_section(group: list[AnalyzedHandshake], kb: KnowledgeBase | None, *, for_chat: bool) -> list[str]:
    a, h = group[0], group[0].handshake
    out: list[str] = []
    where = f"{md_code(h.file)} line {h.line}, thread {md_code(h.thread or '-')}"
    if h.time:
        where += f", {escape_markdown(h.time)}"
    out.append(f"First seen in {where}. SAP reports this as {_message(kb, a.sclnt_http)}.")
    out += ["", *_facts(a)]
    out += _chain_lines(a)
    if a.findings:
        out += ["", "**Findings**", ""]
        out += [f"- {ICONS.get(f.status, '?')} {escape_markdown(f.detail)}" for f in a.findings]
    out += _import_lines(a)
    out += _cause_lines(a.cause, kb)
    out += _cause_lines(a.also, kb, heading="As likely")
    if not for_chat and h.host and h.port:
        command = "sapassist check " + shlex.quote(f"https://{_partner(a)}")
        out += ["", f"Compare with this machine's view: {md_code(command)}"]
    return out


def _facts(a: AnalyzedHandshake) -> list[str]:
    h = a.handshake
    sni = {True: f"sent ({md_code(h.sni_name or '')})", False: "**not sent**", None: "not in the trace"}[h.sni]
    lines = [f"- SNI: {sni}"]
    if h.state:
        lines.append(f"- Stopped in state {md_code(h.state)}" + (f" ({md_code(h.state_hex)})" if h.state_hex else ""))
    if h.versions:
        lines.append(f"- Protocol versions offered: {escape_markdown(', '.join(h.versions))}")
    if h.ciphersuites:
        lines.append(f"- Cipher suites: {md_code(h.ciphersuites)}{_cipher_note(h.ciphersuites, h.role)}")
    if h.pse:
        lines.append(f"- PSE: {md_code(h.pse)} (STRUST: {escape_markdown(a.pse_node or '?')})")
    if h.peer:
        lines.append(f"- Partner address: {md_code(h.peer)}")
    if h.proxy:
        lines.append(f"- Through proxy {md_code(h.proxy)}")
    lines += [f"- Trace says: {md_code(m)}" for m in h.messages]
    return lines


def _cipher_note(value: str, role: str | None) -> str:
    """What the value is, when it is a documented one (its caveat included: a SolMan-only
    918 on another system shows up here)."""
    from assistant.tlsparams.ciphersuites import decode

    d = decode(value, "ssl/ciphersuites" if role == "server" else "ssl/client_ciphersuites")
    if d.documented is None:
        return ""
    caveat = f" {d.documented.caveat}." if d.documented.caveat else ""
    return f" — {d.documented.value} is {d.documented.purpose}.{caveat}"


def _chain_lines(a: AnalyzedHandshake) -> list[str]:
    h = a.handshake
    if a.chain:
        out = ["", "**Certificates in the trace** (level 3; server certificate first)", ""]
        for i, c in enumerate(a.chain, 1):
            out.append(
                f"{i}. {md_code(c.subject)} issued by {md_code(c.issuer)}; valid {escape_markdown(c.not_before)}"
                f" to {escape_markdown(c.not_after)}; {escape_markdown(c.key)}; SHA-256 {md_code(c.fingerprint_sha256)}"
            )
        return out
    if h.named_chain:
        out = ["", "**Chain named in the error stack** (level 2; no certificates dumped)", ""]
        out += [f"{i}. {md_code(s)} issued by {md_code(iss)}" for i, (s, iss) in enumerate(h.named_chain, 1)]
        return out
    if h.ok is False and h.code == "SSSLERR_PEER_CERT_UNTRUSTED":
        return ["", f"The trace holds no certificates: {RAISE_LEVEL}."]
    return []


def _import_lines(a: AnalyzedHandshake) -> list[str]:
    if not a.imports:
        return []
    out = ["", "**Import into STRUST**", ""]
    for i in a.imports:
        fp = f" (SHA-256 {md_code(i.fingerprint)})" if i.fingerprint else ""
        note = f" — {escape_markdown(i.note)}" if i.note else ""
        out.append(f"- {md_code(i.subject)}{fp} into {escape_markdown(i.pse_node)}{note}")
    out += ["", "STRUST → Change → open that PSE → Import certificate → Add to Certificate List → Save."]
    return out


def _cause_lines(cause_id: str | None, kb: KnowledgeBase | None, *, heading: str = "Cause") -> list[str]:
    if not cause_id:
        return []
    cause = kb.causes.get(cause_id) if kb is not None else None
    if cause is None:
        return ["", f"**{heading}:** `{cause_id}`"]
    out = ["", f"**{heading}: {cause.title}** (`{cause_id}`)"]
    if cause.explanation:
        out += ["", cause.explanation.strip()]
    if cause.fix:
        out += ["", "**Fix**", ""]
        out += [f"{i}. {step.strip()}" for i, step in enumerate(cause.fix, 1)]
    return out
