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
import json
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from assistant.diagnostics.causes import TRUST_PSE
from assistant.diagnostics.model import PKCS12_PASSWORD_ENV as PASSWORD_ENV
from assistant.textsafe import escape_control

# How the domain's messages about --issuer-of and --proxy spell the options they name.
OPTION_FLAGS = {"url": "--issuer-of", "proxy": "--proxy", "proxy_user": "--proxy-user"}

if TYPE_CHECKING:
    from cryptography import x509

    from assistant.diagnostics.certfiles import LoadedFile
    from assistant.diagnostics.chain import ChainAnalysis
    from assistant.diagnostics.serverchain import ServerChain



def _load(path: str) -> LoadedFile:
    """Load a file; ask for a PKCS#12/key password only when needed and possible."""
    from assistant.commands.passwords import ask_file_password
    from assistant.diagnostics.certfiles import CertFileError, load_cert_file

    password = ask_file_password(path)
    try:
        return load_cert_file(path, password.encode() if password is not None else None)
    except CertFileError as exc:
        if exc.needs_password and password is None:
            raise CertFileError(f"{exc} (set {PASSWORD_ENV} or run on a terminal)") from None
        raise


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
            f"{TRUST_PSE} in STRUST makes this chain trusted.",
            file=out,
        )
        return
    # Not "none of the files is an issuer": a file may hold the root while the server
    # does not send the intermediate that leads to it.
    tail = ""
    if analysis.missing_issuer:
        tail = (f" The chain needs {e(analysis.missing_issuer)}, which neither the server "
                "sends nor the files hold.")
    elif analysis.to_import:
        tail = f" The chain ends at {e(analysis.to_import[0].subject)}, which no file holds."
    if analysis.aia_url:
        tail += f" (caIssuers URL: {e(analysis.aia_url)})"
    print(f"No: with these files the server's chain is still not trusted.{tail}", file=out)


def _fp_text(cert: x509.Certificate) -> str:
    from assistant.diagnostics.certinfo import fingerprint_sha256

    return fingerprint_sha256(cert)


@dataclass(slots=True)
class IssuerQuestion:
    """`--issuer-of URL`: the chain the server sent and whether the files complete it."""

    url: str
    chain: ServerChain | None = None
    error: str | None = None  # the server could not be read
    found: bool = False
    analysis: ChainAnalysis | None = None
    source: str | None = None  # the file that holds the anchor

    def to_json(self, now: _dt.datetime) -> dict[str, Any]:
        a = self.analysis
        return {
            "url": self.url,
            "error": self.error,
            "note": self.chain.note if self.chain else None,
            "chain": [_cert_json(c, now) for c in self.chain.certificates] if self.chain else [],
            "found": self.found if self.chain else None,
            "file": self.source,
            "anchor": a.anchor.to_json() if a and a.anchor else None,
            "missing_issuer": a.missing_issuer if a else None,
            "aia_url": a.aia_url if a else None,
        }


def _ask_issuer_of(args: argparse.Namespace, loaded: list[LoadedFile], now: _dt.datetime) -> IssuerQuestion:
    from assistant.diagnostics.model import CheckSetupError
    from assistant.diagnostics.serverchain import ServerChainError, fetch_server_chain, would_trust

    question = IssuerQuestion(args.issuer_of)
    try:
        question.chain = fetch_server_chain(args.issuer_of, timeout=args.timeout, proxy=args.proxy)
    except CheckSetupError as exc:  # the URL or proxy URL cannot work
        question.error = exc.describe(OPTION_FLAGS)
        return question
    except ServerChainError as exc:
        question.error = str(exc)
        return question
    answer = would_trust(question.chain, loaded, now)
    question.found, question.analysis, question.source = answer.found, answer.analysis, answer.source
    return question


def _files_json(loaded: list[LoadedFile], now: _dt.datetime) -> list[dict[str, Any]]:
    return [
        {
            "path": f.path,
            "format": f.format,
            "certificates": [_cert_json(c, now) for c in f.certificates],
            "has_private_key": f.has_private_key,
            "key_matches": f.key_matches,
            "notes": f.notes,
        }
        for f in loaded
    ]


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from assistant.diagnostics.certfiles import CertFileError
    from assistant.diagnostics.deadline import timeout_problem

    problem = timeout_problem(args.timeout)
    if problem is not None:
        parser.error(f"--timeout {problem}")
    now = _dt.datetime.now(_dt.UTC)
    loaded: list[LoadedFile] = []
    errors: list[dict[str, str]] = []
    for path in args.files:
        try:
            loaded.append(_load(path))
        except CertFileError as exc:
            errors.append({"path": path, "error": str(exc)})
        except KeyboardInterrupt:  # at the password prompt: skip this file, show the others
            errors.append({"path": path, "error": f"{path}: no password given"})
    question = _ask_issuer_of(args, loaded, now) if args.issuer_of else None

    if args.json:
        doc: dict[str, Any] = {"files": _files_json(loaded, now), "errors": errors}
        if question is not None:
            doc["issuer_of"] = question.to_json(now)
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=True)
        print()
    else:
        for i, f in enumerate(loaded):
            if i:
                print()
            _print_file(f, now, sys.stdout)
        if question is not None and question.chain is not None and question.analysis is not None:
            _print_issuer(question.chain, question.found, question.analysis, question.source,
                          sys.stdout)
    for err in errors:
        print(f"sapassist cert: {escape_control(err['error'])}", file=sys.stderr)
    if question is not None and question.error:
        print(f"sapassist cert: {escape_control(question.error)}", file=sys.stderr)
    if errors or (question is not None and question.error):
        return 2
    if question is not None and not question.found:
        return 1
    return 0
