"""The real-report evaluation data stays valid: schema, knowledge ids, and a split on disk
that matches what split.py produces from reports.yaml (nobody edits dev/test by hand)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import yaml

SPLIT = Path(__file__).resolve().parents[1] / "eval" / "real" / "split.py"


def _load_split() -> ModuleType:
    spec = importlib.util.spec_from_file_location("real_split", SPLIT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reports_pass_the_schema_check() -> None:
    split = _load_split()
    items = yaml.safe_load(split.REPORTS.read_text(encoding="utf-8"))["items"]
    assert split.check(items) == []


def test_split_files_are_up_to_date_and_cover_every_scope() -> None:
    split = _load_split()
    assert split.main(["--check"]) == 0


def test_schema_check_catches_an_unknown_message_id() -> None:
    split = _load_split()
    items = yaml.safe_load(split.REPORTS.read_text(encoding="utf-8"))["items"]
    broken = dict(items[0], message="SCLNT_HTTP999")
    assert any("SCLNT_HTTP999" in line for line in split.check([broken, *items[1:]]))


def test_adding_a_report_moves_no_existing_one() -> None:
    split = _load_split()
    items = yaml.safe_load(split.REPORTS.read_text(encoding="utf-8"))["items"]
    previous, problems = split.previous_sides()
    assert problems == [] and previous
    new = dict(items[0], id="new-thread", url="https://example.org/a-new-thread")
    dev, test = split.split([*items, new], previous)
    sides = {i["url"]: "dev" for i in dev} | {i["url"]: "test" for i in test}
    assert all(sides[url] == side for url, side in previous.items())
    assert new["url"] in sides
