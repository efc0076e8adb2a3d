"""`sapassist trace FILE… [--json] [--extract DIR] [--ca-file PSE-EXPORT] [--host PATTERN]`.

Reads the ICM's own trace (`dev_icm`, rotated `dev_icm.old`, the files of several
application servers) and prints a table of TLS handshakes, then one answer per distinct
problem from the same knowledge base as `ask` and `check`. `--ca-file` takes the exported
certificate list of the SSL client PSE, so the chain is checked against what SAP trusts.
Exit codes: 0 no handshake failed, 1 at least one failed, 2 unusable input (a file that
cannot be read or is no trace, a bad --ca-file or --extract directory).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
from typing import TYPE_CHECKING

from assistant.textsafe import escape_control

if TYPE_CHECKING:
    from cryptography import x509

    from assistant.trace.model import AnalyzedHandshake, TraceReport


def _fail(message: str) -> int:
    print(f"sapassist trace: {escape_control(message)}", file=sys.stderr)
    return 2


def _trust(path: str) -> list[x509.Certificate]:
    """The PSE's exported certificate list (PEM, DER, PKCS#7 or PKCS#12)."""
    from assistant.commands.passwords import ask_file_password
    from assistant.diagnostics.certfiles import load_cert_file

    password = ask_file_password(path)
    return list(load_cert_file(path, password.encode() if password is not None else None).certificates)


def _matches(a: AnalyzedHandshake, pattern: str) -> bool:
    h = a.handshake
    names = [n for n in (h.host, h.target, h.sni_name) if n]
    return any(fnmatch.fnmatchcase(n.lower(), pattern.lower()) for n in names)




def format_table(report: TraceReport) -> str:
    """The handshake table for a terminal or pipe: codes never wrapped, what to do below."""
    from assistant.answers.trace import table_rows

    rows = [tuple(escape_control(cell) for cell in row) for row in table_rows(report.handshakes)]
    if not rows:
        return ""
    head = ("PARTNER", "RESULT", "CODE → MESSAGE", "PSE (STRUST NODE)")
    widths = [max(len(head[i]), *(len(r[i]) for r in rows)) for i in range(4)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip()]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)).rstrip())
        lines.append(f"    → {row[4]}")
    return "\n".join(lines) + "\n"


def _extract(report: TraceReport, directory: str) -> list[dict[str, object]] | None:
    from assistant.trace.extract import ExtractError, extract_certificates

    try:
        return [e.to_json() for e in extract_certificates(report, directory)]
    except ExtractError as exc:
        _fail(str(exc))
        return None


def _print_extracted(extracted: list[dict[str, object]]) -> None:
    if not extracted:
        print("\nNo certificates in the trace to extract (trace level 3 writes them).")
        return
    print(f"\nCertificates written for STRUST's import ({len(extracted)}):")
    for e in extracted:
        state = "" if e["written"] else " (already there)"
        print(f"  {escape_control(str(e['path']))}{state} — {escape_control(str(e['subject']))}")


def _write_json(report: TraceReport, extracted: list[dict[str, object]] | None) -> None:
    """One JSON object, written handshake by handshake: a big trace never holds the whole
    document in memory. ASCII-only, so trace text cannot reach the terminal raw."""
    out = sys.stdout
    out.write('{"files": ' + json.dumps([f.to_json() for f in report.files], ensure_ascii=True))
    out.write(',\n"handshakes": [')
    for i, a in enumerate(report.handshakes):
        out.write((",\n  " if i else "\n  ") + json.dumps(a.to_json(), ensure_ascii=True))
    from assistant.services.traces import server_role_json

    out.write("\n],\n" + f'"server_role_errors": {report.server_role_errors}, "server_role": ')
    out.write(json.dumps(server_role_json(report), ensure_ascii=True) + ', "notes": ')
    out.write(json.dumps(report.notes, ensure_ascii=True))
    if extracted is not None:
        out.write(', "extracted": ' + json.dumps(extracted, ensure_ascii=True))
    out.write("}\n")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from assistant.trace.reader import analyze_files

    trust = None
    if args.ca_file:
        from assistant.diagnostics.certfiles import CertFileError

        try:
            trust = _trust(args.ca_file)
        except CertFileError as exc:
            return _fail(f"--ca-file: {exc.with_password_hint(password_given=False)}")
        except KeyboardInterrupt:
            return _fail("--ca-file: no password given")
    report = analyze_files(args.files, trust=trust)
    if args.host:
        report.handshakes = [a for a in report.handshakes if _matches(a, args.host)]
        report.notes.append(f"only handshakes with hosts matching {args.host}")
    extracted = _extract(report, args.extract) if args.extract else []
    if extracted is None:
        return 2
    if args.json:
        _write_json(report, extracted if args.extract else None)
    else:
        from assistant.answers.trace import trace_answer_parts
        from assistant.services.knowledge import load_optional
        from assistant.services.rendering import render_for

        kb = load_optional(args.kb, sys.stderr, "sapassist trace")
        summary, problems = trace_answer_parts(report, kb)
        sys.stdout.write(render_for(summary, sys.stdout))
        table = format_table(report)
        if table:
            sys.stdout.write("\n" + table)
        if problems.strip():
            sys.stdout.write("\n" + render_for(problems, sys.stdout))
        if args.extract:
            _print_extracted(extracted)
    for f in report.files:
        if f.error:
            print(f"sapassist trace: {escape_control(f.error)}", file=sys.stderr)
    if report.failed:
        return 1
    return 2 if any(f.error for f in report.files) else 0
