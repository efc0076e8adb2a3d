"""Check many endpoints at once (`sapassist check --file endpoints.yaml`).

The file lists URLs (as typed from SM59), each either a string or a mapping
`{url, proxy, proxy_user, ca_file, no_sni, timeout}`; command-line options are the
defaults. Checks run concurrently with a bound, and results come back in file order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.diagnostics.model import CheckOptions, CheckReport
from assistant.safefile import MiB
from assistant.yamlfile import YamlLimits

# An endpoints file is a list: 4 MiB hold 10,000 endpoints with all their options.
ENDPOINTS_LIMITS = YamlLimits(max_bytes=4 * MiB, max_nodes=200_000, max_chars=8 * MiB, max_depth=16)

ENTRY_KEYS = {"url", "proxy", "proxy_user", "ca_file", "no_sni", "timeout"}
MAX_ENDPOINTS = 10_000


class EndpointsFileError(ValueError):
    """The endpoints file cannot be used; the message names file and entry."""


@dataclass(slots=True)
class BatchResult:
    index: int
    target: str
    report: CheckReport | None = None
    error: str | None = None  # the entry could not be checked (bad URL, unreadable file …)

    @property
    def verdict(self) -> str:
        return self.report.verdict if self.report is not None else "error"

    def to_json(self) -> dict[str, Any]:
        if self.report is not None:
            return self.report.to_json()
        return {"target": self.target, "verdict": "error", "sclnt_http": None, "cause": None,
                "error": self.error, "findings": [], "chain": [], "elapsed_ms": 0.0,
                "cancelled": False}


def load_endpoints(path: str, defaults: CheckOptions) -> list[CheckOptions]:
    """Parse the YAML file into one CheckOptions per entry (relative ca_file: next to the file).

    Read with the shared bounded YAML loader; every problem is an `EndpointsFileError`
    naming `file:line`.
    """
    from assistant.yamlfile import LineDict, LineList, read_yaml_file

    result = read_yaml_file(path, ENDPOINTS_LIMITS, "endpoints file")
    if result.error is not None:
        where = f"{path}:{result.error_line}" if result.error_line else path
        raise EndpointsFileError(f"{where}: {result.error}")
    data: Any = result.data
    if isinstance(data, LineDict) and "endpoints" in data:
        data = data["endpoints"]
    line = int(getattr(data, "line", 1))
    if not isinstance(data, LineList) or not data:
        raise EndpointsFileError(f"{path}:{line}: expected a list of URLs or of mappings with 'url'")
    if len(data) > MAX_ENDPOINTS:
        raise EndpointsFileError(f"{path}:{line}: {len(data):,} endpoints; at most "
                                 f"{MAX_ENDPOINTS:,} per file (split the file)")
    file = Path(path)
    return [_entry(entry, i + 1, data.line_of(i), file, defaults) for i, entry in enumerate(data)]


def _text(entry: Mapping[str, object], key: str, where: str) -> str | None:
    """A string value (None when absent or null); another type names the line."""
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        from assistant.yamlfile import type_name

        raise EndpointsFileError(f"{where}: {key} must be text, not {type_name(value)}")
    return value


def _entry(entry: object, i: int, line: int, file: Path, defaults: CheckOptions) -> CheckOptions:
    """One entry over the command-line defaults; a wrong key or type names file, line and entry."""
    from assistant.diagnostics.deadline import timeout_problem
    from assistant.yamlfile import LineDict, type_name

    where = f"{file}:{line}: entry {i}"
    if isinstance(entry, str):
        if not entry.strip():
            raise EndpointsFileError(f"{where}: empty URL")
        return dataclasses.replace(defaults, url=entry)
    if not isinstance(entry, LineDict):
        raise EndpointsFileError(f"{where}: expected a URL or a mapping with 'url', not {type_name(entry)}")
    where = f"{file}:{entry.line}: entry {i}"
    unknown = set(map(str, entry)) - ENTRY_KEYS
    if unknown:
        raise EndpointsFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                                 f"(allowed: {', '.join(sorted(ENTRY_KEYS))})")

    def at(key: str) -> str:
        return f"{file}:{entry.line_of(key)}: entry {i}"

    url = _text(entry, "url", at("url"))
    if not url or not url.strip():
        raise EndpointsFileError(f"{at('url')}: url must be a URL such as https://host:port/path")
    opts = dataclasses.replace(defaults, url=url)
    proxy, proxy_user = _text(entry, "proxy", at("proxy")), _text(entry, "proxy_user", at("proxy_user"))
    if proxy is not None:
        opts.proxy = proxy
    if proxy_user is not None:
        opts.proxy_user = proxy_user
        _check_proxy_user(opts, at("proxy_user"))
    ca_name = _text(entry, "ca_file", at("ca_file"))
    if ca_name is not None:
        ca = Path(ca_name).expanduser()
        opts.ca_file = str(ca if ca.is_absolute() else file.parent / ca)
        opts.ca_file_password = None  # a password typed for --ca-file is not for this file
    if entry.get("no_sni") is not None:
        if not isinstance(entry["no_sni"], bool):
            raise EndpointsFileError(f"{at('no_sni')}: no_sni must be true or false")
        opts.sni = not entry["no_sni"]
    timeout = entry.get("timeout")
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, int | float):
            raise EndpointsFileError(f"{at('timeout')}: timeout must be a number of seconds, "
                                     f"not {type_name(timeout)}")
        problem = timeout_problem(float(timeout))
        if problem is not None:
            raise EndpointsFileError(f"{at('timeout')}: timeout {problem}")
        opts.timeout = float(timeout)
    return opts


def _check_proxy_user(opts: CheckOptions, where: str) -> None:
    """An entry's own `proxy_user` is checked here, so its problem names the file's keys and
    the entry (a command line's `--proxy-user needs --proxy` names flags the file never had)."""
    from assistant.diagnostics.model import CheckSetupError
    from assistant.diagnostics.proxy import ProxyCredentials

    if opts.proxy_user and not opts.proxy:
        raise EndpointsFileError(f"{where}: proxy_user needs proxy (in the entry, or --proxy for every entry)")
    try:
        if opts.proxy_user:
            ProxyCredentials.check_user(opts.proxy_user)
    except CheckSetupError as exc:
        raise EndpointsFileError(f"{where}: {exc.describe()}") from None


def _check_one(index: int, options: CheckOptions, option_names: Mapping[str, str] | None) -> BatchResult:
    from assistant.diagnostics.model import CheckSetupError
    from assistant.diagnostics.runner import run_check

    try:
        return BatchResult(index, options.url, report=run_check(options))
    except CheckSetupError as exc:
        return BatchResult(index, options.url, error=exc.describe(option_names))
    except Exception as exc:  # one odd endpoint must not cost the other 199 their results
        return BatchResult(index, options.url,
                           error=f"internal error, please report: {type(exc).__name__}: {exc}")


def run_batch(
    entries: list[CheckOptions], *, concurrency: int = 32,
    on_result: Callable[[BatchResult], None] | None = None,
    option_names: Mapping[str, str] | None = None,
) -> list[BatchResult]:
    """Check all entries, at most `concurrency` at a time; results in file order.

    `option_names`: how the front end spells the options an entry's error names (the
    command line's flags for its defaults); the field names otherwise.
    """
    results = []
    for result in iter_batch(entries, concurrency=concurrency, option_names=option_names):
        if on_result is not None:
            on_result(result)
        results.append(result)
    return results


def iter_batch(entries: list[CheckOptions], *, concurrency: int = 32,
               option_names: Mapping[str, str] | None = None) -> Iterator[BatchResult]:
    from assistant.diagnostics.resources import batch_concurrency

    workers = batch_concurrency(concurrency, len(entries))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sapassist-check") as pool:
        yield from pool.map(_check_one, range(len(entries)), entries,
                            [option_names] * len(entries))
