"""Parse the arguments of `/check URL [--ca-file PEM] [--proxy URL] [--no-sni] [--timeout S]`.

A tiny hand parser instead of argparse: argparse prints and exits on errors, and the
chat must answer a typo with a sentence, not a SystemExit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CheckRequest:
    url: str
    ca_file: str | None = None
    proxy: str | None = None
    sni: bool = True
    timeout: float = 5.0


class CheckArgsError(ValueError):
    """The /check arguments do not make sense; the message says why."""


_VALUE_OPTIONS = ("--ca-file", "--proxy", "--timeout")
MAX_TIMEOUT = 120.0


def parse_check_args(args: list[str]) -> CheckRequest:
    url: str | None = None
    values: dict[str, str] = {}
    sni = True
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, inline = arg.partition("=")
        if name in _VALUE_OPTIONS:
            if eq:
                values[name] = inline
            elif i + 1 < len(args):
                i += 1
                values[name] = args[i]
            else:
                raise CheckArgsError(f"{name} needs a value")
        elif arg == "--no-sni":
            sni = False
        elif arg.startswith("-"):
            raise CheckArgsError(
                f"unknown option {arg!r}; options: --ca-file PEM, --proxy URL, --no-sni, --timeout S"
            )
        elif url is None:
            url = arg
        else:
            raise CheckArgsError(f"only one URL per check (got {url!r} and {arg!r})")
        i += 1
    if not url:
        raise CheckArgsError("which endpoint? e.g. /check https://api.example.com")
    timeout = 5.0
    if "--timeout" in values:
        try:
            timeout = float(values["--timeout"])
        except ValueError:
            raise CheckArgsError(f"--timeout needs seconds, not {values['--timeout']!r}") from None
        if not math.isfinite(timeout) or not 0 < timeout <= MAX_TIMEOUT:
            raise CheckArgsError(f"--timeout must be between 0 and {MAX_TIMEOUT:g} seconds")
    return CheckRequest(
        url=url,
        ca_file=values.get("--ca-file") or None,
        proxy=values.get("--proxy") or None,
        sni=sni,
        timeout=timeout,
    )
