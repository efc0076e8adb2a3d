"""`sapassist check URL` and `sapassist check --file endpoints.yaml`.

Exit codes: 0 ok or warning, 1 the check found an error, 2 usage (bad URL, unreadable
files, conflicting options). Passwords (--proxy-user, PKCS#12, an encrypted key) are
never printed: what servers send is scrubbed of them during the check, and the output
once more as a last line of defence. The proxy password may come from
SAPASSIST_PROXY_PASSWORD or a prompt instead of argv (`--proxy-user USER`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from assistant.diagnostics.model import PKCS12_PASSWORD_ENV
from assistant.redact import Scrubber

if TYPE_CHECKING:
    from assistant.commands.passwords import FilePasswords
    from assistant.diagnostics.model import CheckOptions

# How this command spells the options that the domain's messages name by field.
OPTION_FLAGS = {
    "url": "URL", "ca_file": "--ca-file", "proxy": "--proxy", "proxy_user": "--proxy-user",
    "client_cert": "--client-cert", "client_key": "--client-key", "pkcs12": "--pkcs12",
    "timeout": "--timeout", "sni": "--no-sni",
}


def _fail_usage(message: str, as_json: bool = False) -> int:
    print(f"sapassist check: {message}", file=sys.stderr)
    if as_json:  # a --json caller reads one object, not an empty output
        from assistant.commands.jsonerror import print_json_error

        return print_json_error(f"sapassist check: {message}")
    return 2


def _options(args: argparse.Namespace, url: str, passwords: FilePasswords | None = None) -> CheckOptions:
    """The command line's options through the one builder (raises CheckSetupError)."""
    from assistant.diagnostics.options import build_check_options

    return build_check_options(
        url, ca_file=args.ca_file, proxy=args.proxy, proxy_user=args.proxy_user,
        client_cert=args.client_cert, client_key=args.client_key, pkcs12=args.pkcs12,
        timeout=args.timeout, sni=not args.no_sni,
        ca_file_password=passwords.ca_file if passwords else None,
        pkcs12_password=passwords.identity if passwords else None,
        client_key_password=passwords.key if passwords else None,
    )


# What the output must never contain is scrubbed where server text enters the check
# (`redact.untrusted`), whatever its length. This last pass over the whole output catches
# anything else; it leaves out bare passwords shorter than this, because here the text is
# also our own words ("wrong", "proxy"), which a short password would garble.
MIN_SCRUBBED_PASSWORD = 12


def _scrubber(passwords: list[str | None], proxy_users: list[str]) -> Scrubber:
    """What the output must never contain: each password and each USER:PASSWORD in the
    forms it takes in text, JSON and a Basic header."""
    from assistant.diagnostics.model import CheckSetupError
    from assistant.diagnostics.proxy import ProxyCredentials

    pairs = []
    for text in proxy_users:
        try:
            pairs.append(ProxyCredentials.resolve(text).pair)
        except CheckSetupError:
            continue
    return Scrubber.for_secrets(passwords, pairs, min_length=MIN_SCRUBBED_PASSWORD)


def scrub(text: str, scrubber: Scrubber) -> str:
    return scrubber(text)


def _emit(text: str, scrubber: Scrubber) -> None:
    sys.stdout.write(scrubber(text))
    if not text.endswith("\n"):
        sys.stdout.write("\n")
    sys.stdout.flush()


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.file and args.url:
        return _fail_usage("give either a URL or --file, not both", args.json)
    if not args.file and not args.url:
        return _fail_usage("give a URL to check (e.g. https://host:443/path) or --file endpoints.yaml", args.json)
    if args.concurrency < 1:
        return _fail_usage("--concurrency must be at least 1", args.json)
    from assistant.commands.passwords import check_file_passwords, complete_proxy_user
    from assistant.diagnostics.certfiles import CertFileError
    from assistant.diagnostics.model import CheckSetupError

    try:
        given = _options(args, args.url or "")  # each value checked before any prompt
        passwords = check_file_passwords(ca_file=given.ca_file, client_cert=given.client_cert,
                                         client_key=given.client_key, pkcs12=given.pkcs12)
        args.proxy_user = complete_proxy_user(args.proxy_user) if args.proxy_user else None
        options = _options(args, args.url or "", passwords)
    except CheckSetupError as exc:
        return _fail_usage(exc.describe(OPTION_FLAGS), args.json)
    except CertFileError as exc:
        return _fail_usage(str(exc), args.json)
    secrets = _scrubber([*passwords.all(), os.environ.get(PKCS12_PASSWORD_ENV)],
                        [args.proxy_user] if args.proxy_user else [])
    if args.file:
        return _run_file(args, options, secrets)
    return _run_one(args, options, secrets)


def _run_one(args: argparse.Namespace, options: CheckOptions, secrets: Scrubber) -> int:
    from assistant.diagnostics.model import CheckSetupError
    from assistant.diagnostics.prepare import prepare
    from assistant.diagnostics.runner import run_prepared

    try:
        prepared = prepare(options)
    except CheckSetupError as exc:
        return _fail_usage(scrub(exc.describe(OPTION_FLAGS), secrets), args.json)
    try:
        report = run_prepared(prepared)
    except CheckSetupError as exc:  # this machine ran out of descriptors or threads
        return _fail_usage(scrub(exc.describe(OPTION_FLAGS), secrets), args.json)
    if args.json:
        from assistant.services.checkjson import load_check_knowledge, with_next_step

        # ASCII-only JSON: certificate subjects stay raw data, but C1 controls and bidi
        # overrides in them cannot reach the terminal as such
        knowledge = load_check_knowledge(args.kb, sys.stderr)
        _emit(json.dumps(with_next_step(report.to_json(), report, knowledge)), secrets)
    else:
        from assistant.answers.check import build_check_answer
        from assistant.services.knowledge import load_optional
        from assistant.services.rendering import render_for

        kb = load_optional(args.kb, sys.stderr, "sapassist check")
        _emit(render_for(build_check_answer(report, kb), sys.stdout), secrets)
    return 1 if report.verdict == "error" else 0


def _run_file(args: argparse.Namespace, defaults: CheckOptions, secrets: Scrubber) -> int:
    from assistant.diagnostics.batch import EndpointsFileError, load_endpoints, run_batch

    try:
        entries = load_endpoints(args.file, defaults)
    except EndpointsFileError as exc:
        return _fail_usage(str(exc), args.json)
    file_users = _scrubber([], [e.proxy_user for e in entries if e.proxy_user])
    secrets = Scrubber((*secrets.secrets, *file_users.secrets))
    if args.json:
        from assistant.services.checkjson import load_check_knowledge, with_next_step

        knowledge = load_check_knowledge(args.kb, sys.stderr)
        results = run_batch(entries, concurrency=args.concurrency, option_names=OPTION_FLAGS,
                            on_result=lambda r: _emit(json.dumps(
                                with_next_step(r.to_json(), r.report, knowledge)), secrets))
    else:
        results = run_batch(entries, concurrency=args.concurrency, option_names=OPTION_FLAGS)
        _emit(format_table(results), secrets)
    return 1 if any(r.verdict == "error" for r in results) else 0


def format_table(results: list[Any]) -> str:
    """One line per endpoint in file order, then the counts: what an admin scans first."""
    from assistant.textsafe import escape_control

    rows = [("TARGET", "VERDICT", "SCLNT_HTTP", "CAUSE")]
    for r in results:
        rep = r.report
        cause = (rep.cause if rep is not None else None) or (
            f"(not checked: {r.error})" if r.error else "-")
        rows.append((escape_control(rep.target if rep is not None else r.target), r.verdict,
                     (rep.sclnt_http if rep is not None else None) or "-", escape_control(cause)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(row[:3])) + "  " + row[3]
             for row in rows]
    counts = {v: sum(1 for r in results if r.verdict == v) for v in ("ok", "warning", "error")}
    lines.append(f"\n{len(results)} endpoint(s): {counts['ok']} ok, {counts['warning']} warning, "
                 f"{counts['error']} error")
    return "\n".join(lines)
