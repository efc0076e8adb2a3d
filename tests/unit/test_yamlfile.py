"""The one bounded YAML loader: alias bombs, recursion, depth and size are refused with
`file:line`, fast; ordinary YAML (also with aliases, as import-t100 writes it) reads as
`yaml.safe_load` reads it."""

from __future__ import annotations

import itertools
import resource
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.kb.load import load_kb
from assistant.kb.validate import validate_dirs
from assistant.yamlfile import YamlLimits, parse_yaml_text, read_yaml_file

BOMB_LEVELS = "abcdefghi"


def billion_laughs(key: str = "url") -> str:
    """A knowledge pack whose sources[].url is nine levels of nine aliases (9^9 leaves)."""
    lines = ["messages:", "- id: ZZ_BOMB001", "  message_class: ZZ_BOMB", "  number: 1",
             "  title: x", "  short_text: x", "  status: imported", "  sap_wording: imported",
             "  sources:", f"  - {key}: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in itertools.pairwise(BOMB_LEVELS):
        lines.append(f"  - {key}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def plain(value: Any) -> Any:
    """LineDict/LineList as plain dicts/lists, to compare with yaml.safe_load."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def test_a_billion_laughs_pack_fails_fast_with_its_line(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "bomb.yaml").write_text(billion_laughs(), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    problems = validate_dirs([pack])
    assert time.monotonic() - start < 2.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KiB
    [problem] = problems
    assert problem.file == str(pack / "bomb.yaml")
    assert problem.line == 16  # the anchor whose expansion crosses 1,000,000 nodes
    assert "aliases expand to more than 1,000,000" in problem.message


def test_a_bomb_configured_as_a_pack_is_skipped_with_a_warning(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "bomb.yaml").write_text(billion_laughs(), encoding="utf-8")
    start = time.monotonic()
    result = load_kb([pack], use_cache=False)
    assert time.monotonic() - start < 5.0
    assert "SCLNT_HTTP407" in result.kb.messages and "ZZ_BOMB001" not in result.kb.messages
    assert any(f"{pack / 'bomb.yaml'}:16" in w for w in result.warnings), result.warnings


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: &x [1, *x]\n", "recursive alias", 1),
        ("a: 1\nb: &x {c: [*x]}\n", "recursive alias", 2),
        ("x:\n" + "".join("  " * i + "- \n" for i in range(1, 80)), "deeper than 64 levels", 65),
        ("a: &s [" + ", ".join(["word"] * 50) + "]\nb: [" + ", ".join(["*s"] * 50) + "]\n",
         "expand to more than 1,000 YAML nodes", 2),
        ("a: &s " + "x" * 400 + "\nb: [" + ", ".join(["*s"] * 5) + "]\n", "expand to more than", 2),
    ],
)
def test_bounds_are_refused_with_the_line(text: str, message: str, line: int) -> None:
    result = parse_yaml_text(text, YamlLimits(max_bytes=1 << 20, max_nodes=1000, max_chars=1000))
    assert result.error is not None and message in result.error
    assert result.error_line == line


def test_too_many_distinct_nodes_is_a_file_to_split() -> None:
    result = parse_yaml_text("- 1\n" * 200, YamlLimits(max_bytes=1 << 20, max_nodes=100))
    assert result.error == "the document has more than 100 YAML nodes (split the file)"


def test_aliases_within_the_bounds_still_work_like_safe_load() -> None:
    text = "base: &b {x: 1, y: [a, b]}\nuse: *b\nmerged: {<<: *b, z: 2}\n"
    assert plain(parse_yaml_text(text).data) == yaml.safe_load(text)


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" * 1000)
    result = read_yaml_file(big, YamlLimits(max_bytes=1000), "endpoints file")
    assert result.error is not None and "too large for an endpoints file" in result.error
    assert result.error_line == 0


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                     st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)),
    max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(_VALUES, st.booleans())
def test_any_document_reads_back_as_safe_load_reads_it(value: Any, flow: bool) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    result = parse_yaml_text(text)
    assert result.error is None
    assert plain(result.data) == yaml.safe_load(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("&*ab:- []{}\n!#'\"|>?,<")), max_size=200))
def test_any_text_gives_data_or_an_error_with_a_line(text: str) -> None:
    result = parse_yaml_text(text, YamlLimits(max_bytes=1 << 20, max_nodes=500, max_depth=8))
    if result.error is not None:
        assert result.error_line >= 1
