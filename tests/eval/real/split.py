"""Check the real-report set and split it once into dev and test.

Why a script: the split must be reproducible and independent of anyone's taste. Each
report goes to dev or test by a stable hash of its URL (one URL = one source thread, so a
thread never lands on both sides). The hash alone would split about 50/50, but a small
scope could land on one side only; so within each scope the reports are ordered by their
hash and dealt out alternately, which keeps every scope on both sides and each side near
half of every scope.

The split is made once. Once dev.yaml and test.yaml exist, a report keeps the side it is
on (looked up by URL); only reports that are on neither side yet are placed, in hash order
within their scope, each on the side that has fewer reports of that scope (a tie goes by
the parity of the URL hash). So adding reports never moves an existing one between dev and
test, and a label corrected in reports.yaml is carried to the side the report already has.

Usage:
    python3 tests/eval/real/split.py            # check reports.yaml, write dev.yaml and test.yaml
    python3 tests/eval/real/split.py --check    # check, and fail if dev/test on disk differ

Only PyYAML is needed. Exit status 0 when everything is in order, 1 otherwise, with one
line per problem on standard error.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
KNOWLEDGE = REPO / "knowledge"
REPORTS = HERE / "reports.yaml"
DEV = HERE / "dev.yaml"
TEST = HERE / "test.yaml"

SCOPES = (
    "sap_http_client",
    "http_status_from_server",
    "sap_server_inbound",
    "rfc_or_network",
    "other_client",
    "unknown",
)
REQUIRED = (
    "id",
    "url",
    "source",
    "text",
    "scope",
    "message",
    "causes",
    "message_in_text",
    "reason",
)
OPTIONAL = ("also_ok", "cause_note")
MAX_TEXT = 1500  # the brief asks for about 1,200 characters; this is the hard stop
MAX_FILE = 2_000_000

HEADER = """\
# {name}: {count} real user reports, split from reports.yaml by split.py (do not edit by hand).
# {rule}
"""
RULES = {
    "dev": "Tune on this side: read the items, look at failures, fit weights.",
    "test": "Never tuned on: look only at the score, never at the items or their failures.",
}


def _read_yaml(path: Path) -> Any:
    """Read a YAML file with a size bound; safe_load never builds arbitrary objects."""
    if not path.is_file():
        raise SystemExit(f"{path}: not a regular file")
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE + 1)
    if len(raw) > MAX_FILE:
        raise SystemExit(f"{path}: larger than {MAX_FILE} bytes")
    return yaml.safe_load(raw.decode("utf-8"))


def known_ids() -> tuple[set[str], set[str]]:
    """Message and cause ids of the knowledge base, the vocabulary labels must use."""
    messages = {m["id"] for m in _read_yaml(KNOWLEDGE / "messages.yaml")["messages"]}
    causes = {c["id"] for c in _read_yaml(KNOWLEDGE / "causes.yaml")["causes"]}
    return messages, causes


def _item_problems(item: Any, messages: set[str], causes: set[str]) -> list[str]:
    """Everything wrong with one report, as readable lines."""
    if not isinstance(item, dict):
        return ["an item is not a mapping"]
    name = str(item.get("id", "<no id>"))
    problems = [f"{name}: missing key {key}" for key in REQUIRED if key not in item]
    problems += [
        f"{name}: unknown key {key}" for key in item if key not in REQUIRED and key not in OPTIONAL
    ]
    if problems:
        return problems
    for key in ("id", "url", "source", "text", "reason"):
        if not isinstance(item[key], str) or not item[key].strip():
            problems.append(f"{name}: {key} must be a non-empty string")
    if isinstance(item["text"], str) and len(item["text"]) > MAX_TEXT:
        problems.append(f"{name}: text longer than {MAX_TEXT} characters")
    if isinstance(item["url"], str) and not item["url"].startswith(("http://", "https://")):
        problems.append(f"{name}: url is not http(s)")
    if item["scope"] not in SCOPES:
        problems.append(f"{name}: scope {item['scope']!r} not one of {', '.join(SCOPES)}")
    message = item["message"]
    if message is not None and message not in messages:
        problems.append(f"{name}: message {message!r} not in knowledge/messages.yaml")
    if message is not None and item["scope"] != "sap_http_client":
        problems.append(f"{name}: message set although scope is {item['scope']}")
    also_ok = item.get("also_ok", [])
    if not isinstance(also_ok, list) or any(m not in messages for m in also_ok):
        problems.append(f"{name}: also_ok must list ids from knowledge/messages.yaml")
    elif message is None and also_ok:
        problems.append(f"{name}: also_ok without a message")
    elif message in also_ok:
        problems.append(f"{name}: also_ok repeats the message")
    if not isinstance(item["causes"], list) or any(c not in causes for c in item["causes"]):
        problems.append(f"{name}: causes must list ids from knowledge/causes.yaml")
    if not isinstance(item["message_in_text"], bool):
        problems.append(f"{name}: message_in_text must be true or false")
    elif item["message_in_text"] and message is None:
        problems.append(f"{name}: message_in_text is true but there is no message")
    return problems


def check(items: Any) -> list[str]:
    """Schema, vocabulary and uniqueness problems of the whole set."""
    if not isinstance(items, list) or not items:
        return ["reports.yaml must hold a non-empty list under 'items'"]
    messages, causes = known_ids()
    problems: list[str] = []
    for item in items:
        problems += _item_problems(item, messages, causes)
    for key in ("id", "url"):
        seen: set[str] = set()
        for item in items:
            value = item.get(key) if isinstance(item, dict) else None
            if value in seen:
                problems.append(f"duplicate {key}: {value}")
            seen.add(str(value))
    return problems


def url_hash(url: str) -> str:
    """Stable across machines and Python versions (unlike hash())."""
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()


def _parity_dev(url: str) -> bool:
    return int(url_hash(url), 16) % 2 == 0


def split(
    items: list[dict[str, Any]], previous: dict[str, str] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Place every report on dev or test.

    ``previous`` maps URL to "dev"/"test" for reports already split; they stay where they
    are. Without it (the first split) each scope is ordered by URL hash and dealt out
    alternately, its first report going to the side its own name's hash parity says.
    Reports new to the split are placed in hash order on the side with fewer reports of
    their scope, ties by URL hash parity."""
    previous = previous or {}
    side: dict[str, str] = {}
    for scope in SCOPES:
        members = sorted(
            (i for i in items if i["scope"] == scope), key=lambda i: url_hash(i["url"])
        )
        known = [i for i in members if i["url"] in previous]
        if not known:
            first_to_dev = int(url_hash(scope), 16) % 2 == 0
            for rank, item in enumerate(members):
                side[item["url"]] = "dev" if (rank % 2 == 0) == first_to_dev else "test"
            continue
        counts = {"dev": 0, "test": 0}
        for item in known:
            side[item["url"]] = previous[item["url"]]
            counts[previous[item["url"]]] += 1
        for item in members:
            if item["url"] in previous:
                continue
            if counts["dev"] != counts["test"]:
                chosen = "dev" if counts["dev"] < counts["test"] else "test"
            else:
                chosen = "dev" if _parity_dev(item["url"]) else "test"
            side[item["url"]] = chosen
            counts[chosen] += 1
    dev = [i for i in items if side[i["url"]] == "dev"]
    test = [i for i in items if side[i["url"]] == "test"]
    return dev, test


def previous_sides() -> tuple[dict[str, str], list[str]]:
    """The sides already on disk, by URL (empty before the first split)."""
    sides: dict[str, str] = {}
    problems: list[str] = []
    for name, path in (("dev", DEV), ("test", TEST)):
        if not path.exists():
            continue
        data = _read_yaml(path)
        entries = data.get("items") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            problems.append(f"{path.name}: no list under 'items'")
            continue
        for entry in entries:
            url = entry.get("url") if isinstance(entry, dict) else None
            if not isinstance(url, str):
                problems.append(f"{path.name}: an item without url")
            elif url in sides:
                problems.append(f"{url} is on both sides")
            else:
                sides[url] = name
    return sides, problems


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as literal blocks, so the texts stay readable in diffs."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def render(name: str, items: list[dict[str, Any]]) -> str:
    body = yaml.dump(
        {"items": items}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096
    )
    return HEADER.format(name=name, count=len(items), rule=RULES[name]) + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; fail if files differ")
    args = parser.parse_args(argv)
    data = _read_yaml(REPORTS)
    items = data.get("items") if isinstance(data, dict) else None
    problems = check(items)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        return 1
    previous, side_problems = previous_sides()
    if side_problems:
        for line in side_problems:
            print(line, file=sys.stderr)
        return 1
    dev, test = split(items, previous)
    missing = [
        s
        for s in SCOPES
        if any(i["scope"] == s for i in items)
        and not (any(i["scope"] == s for i in dev) and any(i["scope"] == s for i in test))
    ]
    if missing:
        print(f"scopes with too few reports to appear on both sides: {missing}", file=sys.stderr)
    outputs = {DEV: render("dev", dev), TEST: render("test", test)}
    if args.check:
        stale = [
            p.name
            for p, text in outputs.items()
            if not p.is_file() or p.read_text(encoding="utf-8") != text
        ]
        if stale:
            print(f"out of date, run split.py: {', '.join(stale)}", file=sys.stderr)
            return 1
    else:
        for path, text in outputs.items():
            path.write_text(text, encoding="utf-8")
    for name, side in (("dev", dev), ("test", test)):
        counts = {s: sum(1 for i in side if i["scope"] == s) for s in SCOPES}
        print(f"{name}: {len(side)} " + " ".join(f"{s}={n}" for s, n in counts.items()))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
