"""`sapassist cert FILE… [--issuer-of URL] [--json]`: inspect certificate files.

Prints what an admin compares in STRUST (subject, issuer, validity, SAN, key, signature,
SHA-256 fingerprint, CA or not). With `--issuer-of` it reads the server's chain and says
whether importing one of the files into the SSL client PSE would make that chain trusted.
The text is the same Markdown the chat's `/cert` shows (`answers.certificates`), rendered
for a terminal or a pipe; certificate text in it is shown literally.
Exit codes: 0 all files read (and the issuer found), 1 issuer not found, 2 usage error,
unreadable file or unreachable server.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.diagnostics.model import PKCS12_PASSWORD_ENV as PASSWORD_ENV
from assistant.textsafe import escape_control

# How the domain's messages about --issuer-of and --proxy spell the options they name.
OPTION_FLAGS = {"url": "--issuer-of", "proxy": "--proxy", "proxy_user": "--proxy-user"}

if TYPE_CHECKING:
    from cryptography import x509

    from assistant.diagnostics.certfiles import LoadedFile
    from assistant.diagnostics.serverchain import ServerChain, TrustAnswer


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


def _partly_unreadable(loaded: list[LoadedFile]) -> list[dict[str, str]]:
    """A file whose other blocks were read still failed in part: the exit code says so
    (a script must not take half a bundle for the whole)."""
    from assistant.wording import plural

    return [
        {"path": f.path, "error": f"{f.path}: {plural(f.unreadable, 'certificate block')} cannot be read (see the notes)"}
        for f in loaded
        if f.unreadable
    ]


def _cert_json(cert: x509.Certificate, now: _dt.datetime) -> dict[str, Any]:
    from assistant.diagnostics.certinfo import cert_info, validity_state

    out = cert_info(cert).to_json()
    state, n = validity_state(cert, now)
    out["validity"] = state
    out["days"] = n
    return out


@dataclass(slots=True)
class IssuerQuestion:
    """`--issuer-of URL`: the chain the server sent and whether the files complete it."""

    url: str
    chain: ServerChain | None = None
    error: str | None = None  # the server could not be read
    answer: TrustAnswer | None = None

    @property
    def found(self) -> bool:
        return self.answer is not None and self.answer.found

    def to_json(self, now: _dt.datetime) -> dict[str, Any]:
        a = self.answer.analysis if self.answer else None
        return {
            "url": self.url,
            "error": self.error,
            "note": self.chain.note if self.chain else None,
            "chain": [_cert_json(c, now) for c in self.chain.certificates] if self.chain else [],
            "found": self.found if self.chain else None,
            "file": self.answer.source if self.answer else None,
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
    question.answer = would_trust(question.chain, loaded, now)
    return question


def _files_json(loaded: list[LoadedFile], now: _dt.datetime) -> list[dict[str, Any]]:
    return [
        {
            "path": f.path,
            "format": f.format,
            "certificates": [_cert_json(c, now) for c in f.certificates],
            "has_private_key": f.has_private_key,
            "key_matches": f.key_matches,
            "unreadable_blocks": f.unreadable,
            "notes": f.notes,
        }
        for f in loaded
    ]


def _markdown(loaded: list[LoadedFile], question: IssuerQuestion | None, now: _dt.datetime) -> str:
    """The files, then the --issuer-of answer: the Markdown the chat shows for /cert."""
    from assistant.answers.certificates import certificate_file_markdown, issuer_markdown

    parts = [certificate_file_markdown(f, now) for f in loaded]
    if question is not None and question.chain is not None and question.answer is not None:
        parts.append(issuer_markdown(question.chain, question.answer))
    return "\n\n".join(parts)


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
    errors.extend(_partly_unreadable(loaded))

    if args.json:
        doc: dict[str, Any] = {"files": _files_json(loaded, now), "errors": errors}
        if question is not None:
            doc["issuer_of"] = question.to_json(now)
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=True)
        print()
    else:
        markdown = _markdown(loaded, question, now)
        if markdown:
            from assistant.services.rendering import render_for

            sys.stdout.write(render_for(markdown, sys.stdout))
    for err in errors:
        print(f"sapassist cert: {escape_control(err['error'])}", file=sys.stderr)
    if question is not None and question.error:
        print(f"sapassist cert: {escape_control(question.error)}", file=sys.stderr)
    if errors or (question is not None and question.error):
        return 2
    if question is not None and not question.found:
        return 1
    return 0
