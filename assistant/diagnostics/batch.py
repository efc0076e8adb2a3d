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

ENTRY_KEYS = {"url", "proxy", "proxy_user", "ca_file", "no_sni", "timeout"}


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
    """Parse the YAML file into one CheckOptions per entry (relative ca_file: next to the file)."""
    import yaml

    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EndpointsFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise EndpointsFileError(f"{path}{where}: not valid YAML") from None
    if isinstance(data, dict) and "endpoints" in data:
        data = data["endpoints"]
    if not isinstance(data, list) or not data:
        raise EndpointsFileError(f"{path}: expected a list of URLs or of mappings with 'url'")
    out = []
    for i, entry in enumerate(data, 1):
        out.append(_entry(entry, i, file, defaults))
    return out


def _entry(entry: object, i: int, file: Path, defaults: CheckOptions) -> CheckOptions:
    """One entry over the command-line defaults; a wrong key or type names file and entry."""
    where = f"{file}: entry {i}"
    if isinstance(entry, str):
        return dataclasses.replace(defaults, url=entry)
    if not isinstance(entry, dict) or "url" not in entry:
        raise EndpointsFileError(f"{where}: expected a URL or a mapping with 'url'")
    unknown = set(map(str, entry)) - ENTRY_KEYS
    if unknown:
        raise EndpointsFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                                 f"(allowed: {', '.join(sorted(ENTRY_KEYS))})")
    opts = dataclasses.replace(defaults, url=str(entry["url"]))
    if entry.get("proxy") is not None:
        opts.proxy = str(entry["proxy"])
    if entry.get("proxy_user") is not None:
        opts.proxy_user = str(entry["proxy_user"])
    if entry.get("ca_file") is not None:
        ca = Path(str(entry["ca_file"])).expanduser()
        opts.ca_file = str(ca if ca.is_absolute() else file.parent / ca)
        opts.ca_file_password = None  # a password typed for --ca-file is not for this file
    if entry.get("no_sni") is not None:
        if not isinstance(entry["no_sni"], bool):
            raise EndpointsFileError(f"{where}: no_sni must be true or false")
        opts.sni = not entry["no_sni"]
    if entry.get("timeout") is not None:
        try:
            opts.timeout = float(entry["timeout"])
        except (TypeError, ValueError):
            raise EndpointsFileError(f"{where}: timeout must be a number of seconds") from None
    return opts


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
    workers = max(1, min(concurrency, len(entries)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sapassist-check") as pool:
        yield from pool.map(_check_one, range(len(entries)), entries,
                            [option_names] * len(entries))
