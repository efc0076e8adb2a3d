"""`sapassist cert FILE… [--issuer-of URL] [--json]`: inspect certificate files.

Prints what an admin compares in STRUST (subject, issuer, validity, SAN, key, signature,
SHA-256 fingerprint, CA or not). With `--issuer-of` it reads the server's chain and says
whether importing one of the files into the SSL client PSE would make that chain trusted.
Certificate text is untrusted: everything is printed through `escape_control`.
Exit codes: 0 all files read (and the issuer found), 1 issuer not found, 2 usage error,
unreadable file or unreachable server.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import getpass
import json
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from assistant.diagnostics.model import PKCS12_PASSWORD_ENV as PASSWORD_ENV
from assistant.textsafe import escape_control

if TYPE_CHECKING:
    from cryptography import x509

    from assistant.diagnostics.certfiles import LoadedFile, ServerChain
    from assistant.diagnostics.chain import ChainAnalysis

PSE_HINT = "SSL client PSE of the SM59 destination (ANONYM or DFAULT) in STRUST"


def _load(path: str) -> LoadedFile:
    """Load a file; ask for a PKCS#12/key password only when needed and possible."""
    from assistant.diagnostics.certfiles import CertFileError, load_cert_file

    env = os.environ.get(PASSWORD_ENV)
    password = env.encode() if env is not None else None
    try:
        return load_cert_file(path, password)
    except CertFileError as exc:
        if not exc.needs_password or env is not None or not sys.stdin.isatty():
            if exc.needs_password and env is None:
                raise CertFileError(f"{exc} (set {PASSWORD_ENV} or run on a terminal)") from None
            raise
    typed = getpass.getpass(f"Password for {escape_control(path)}: ")
    return load_cert_file(path, typed.encode())


def _validity_text(state: str, n: int | None) -> str:
    if state == "expired":
        return f"EXPIRED {n} day(s) ago"
    if state == "not_yet_valid":
        return f"NOT YET VALID (starts in {n} day(s))"
    if state == "valid":
        return f"expires in {n} day(s)"
    return "validity unreadable"


def _cert_json(cert: x509.Certificate, now: _dt.datetime) -> dict[str, Any]:
    from assistant.diagnostics.certinfo import cert_info, validity_state

    out = cert_info(cert).to_json()
    state, n = validity_state(cert, now)
    out["validity"] = state
    out["days"] = n
    return out


def _print_file(loaded: LoadedFile, now: _dt.datetime, out: TextIO) -> None:
    from assistant.diagnostics.certinfo import cert_info, validity_state

    e = escape_control
    n = len(loaded.certificates)
    head = f"{e(loaded.path)} ({loaded.format}, {n} certificate{'s' if n != 1 else ''}"
    if loaded.has_private_key:
        if loaded.key_matches:
            head += f"; private key matches certificate {(loaded.key_certificate or 0) + 1}"
        elif loaded.key_matches is False:
            head += "; private key does NOT match any certificate"
        else:
            head += "; private key present (not checked)"
    print(head + ")", file=out)
    for note in loaded.notes:
        print(f"  note: {e(note)}", file=out)
    for i, cert in enumerate(loaded.certificates, 1):
        info = cert_info(cert)
        state, days = validity_state(cert, now)
        ca = "yes" if info.is_ca else "no"
        if info.self_signed:
            ca += " (self-signed root)" if info.is_ca else " (self-signed)"
        rows = [
            ("Subject", info.subject),
            ("Issuer", info.issuer),
            ("Valid", f"{info.not_before} → {info.not_after} ({_validity_text(state, days)})"),
            ("SAN", ", ".join(info.san) or "none"),
            ("Key", info.key),
            ("Signature", info.signature_algorithm),
            ("SHA-256", info.fingerprint_sha256),
            ("Serial", info.serial),
            ("CA", ca),
        ]
        if info.aia_ca_issuers:
            rows.append(("CA issuers", ", ".join(info.aia_ca_issuers)))
        print(f"  [{i}] {'Subject:':<12}{e(rows[0][1])}", file=out)
        for label, value in rows[1:]:
            print(f"      {label + ':':<12}{e(value)}", file=out)


def _issuer_check(
    chain: ServerChain, files: list[LoadedFile], now: _dt.datetime
) -> tuple[bool, ChainAnalysis, str | None]:
    """Would a PSE holding (only) the files' certificates trust this chain?"""
    from assistant.diagnostics.certinfo import fingerprint_sha256
    from assistant.diagnostics.chain import analyze_chain
    from assistant.diagnostics.target import parse_target

    trust = [c for f in files for c in f.certificates]
    host = parse_target(chain.target).host
    analysis = analyze_chain(chain.certificates, host=host, trust=trust, now=now)
    source = None
    if analysis.anchor is not None:
        fp = analysis.anchor.fingerprint_sha256
        source = next(
            (f.path for f in files for c in f.certificates if fingerprint_sha256(c) == fp), None
        )
    return analysis.trusted, analysis, source


def _print_issuer(
    chain: ServerChain, found: bool, analysis: ChainAnalysis, source: str | None, out: TextIO
) -> None:
    from assistant.diagnostics.certinfo import issuer_str, subject_str

    e = escape_control
    n = len(chain.certificates)
    print(f"\nServer {e(chain.target)} sends {n} certificate(s) ({chain.note}):", file=out)
    for i, cert in enumerate(chain.certificates, 1):
        print(f"  [{i}] {e(subject_str(cert))}  — issued by {e(issuer_str(cert))}", file=out)
    if found and analysis.anchor is not None:
        anchor = analysis.anchor
        leaf = chain.certificates[0]
        if anchor.fingerprint_sha256 == _fp_text(leaf):
            what = "the server certificate itself"
        elif anchor.subject == issuer_str(leaf):
            what = "the issuer of the server certificate"
        else:
            what = "an issuer in the server's chain"
        print(
            f"Yes: {e(source or '?')} holds {e(anchor.subject)}, {what}. Importing it into the "
            f"{PSE_HINT} makes this chain trusted.",
            file=out,
        )
        return
    need = analysis.missing_issuer or (analysis.to_import[0].subject if analysis.to_import else None)
    tail = f" The chain needs {e(need)}." if need else ""
    if analysis.aia_url:
        tail += f" (caIssuers URL: {e(analysis.aia_url)})"
    print(f"No: none of the files holds an issuer of this server's chain.{tail}", file=out)


def _fp_text(cert: x509.Certificate) -> str:
    from assistant.diagnostics.certinfo import fingerprint_sha256

    return fingerprint_sha256(cert)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from assistant.diagnostics.certfiles import CertFileError, fetch_server_chain

    if args.timeout is not None and args.timeout <= 0:
        parser.error("--timeout must be positive")
    now = _dt.datetime.now(_dt.UTC)
    loaded: list[LoadedFile] = []
    errors: list[dict[str, str]] = []
    for path in args.files:
        try:
            loaded.append(_load(path))
        except CertFileError as exc:
            errors.append({"path": path, "error": str(exc)})
        except (EOFError, KeyboardInterrupt):
            errors.append({"path": path, "error": "no password given"})
    chain: ServerChain | None = None
    chain_error: str | None = None
    found: bool | None = None
    analysis: ChainAnalysis | None = None
    source: str | None = None
    if args.issuer_of:
        try:
            chain = fetch_server_chain(args.issuer_of, timeout=args.timeout, proxy=args.proxy)
        except CertFileError as exc:
            chain_error = str(exc)
        if chain is not None:
            found, analysis, source = _issuer_check(chain, loaded, now)

    if args.json:
        doc: dict[str, Any] = {
            "files": [
                {
                    "path": f.path,
                    "format": f.format,
                    "certificates": [_cert_json(c, now) for c in f.certificates],
                    "has_private_key": f.has_private_key,
                    "key_matches": f.key_matches,
                    "notes": f.notes,
                }
                for f in loaded
            ],
            "errors": errors,
        }
        if args.issuer_of:
            doc["issuer_of"] = {
                "url": args.issuer_of,
                "error": chain_error,
                "note": chain.note if chain else None,
                "chain": [_cert_json(c, now) for c in chain.certificates] if chain else [],
                "found": found,
                "file": source,
                "anchor": analysis.anchor.to_json() if analysis and analysis.anchor else None,
                "missing_issuer": analysis.missing_issuer if analysis else None,
                "aia_url": analysis.aia_url if analysis else None,
            }
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=True)
        print()
    else:
        for i, f in enumerate(loaded):
            if i:
                print()
            _print_file(f, now, sys.stdout)
        if chain is not None and analysis is not None:
            _print_issuer(chain, bool(found), analysis, source, sys.stdout)
    for err in errors:
        print(f"sapassist cert: {escape_control(err['error'])}", file=sys.stderr)
    if chain_error:
        print(f"sapassist cert: {escape_control(chain_error)}", file=sys.stderr)
    if errors or chain_error:
        return 2
    if args.issuer_of and not found:
        return 1
    return 0
