"""The validator: every rule of the schema gives `file:line: message`, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.kb.load import load_kb
from assistant.kb.parse import parse_pack
from assistant.kb.problem import Problem
from assistant.kb.schema import show_value
from assistant.kb.validate import validate_dirs
from tests.support.kb import BASE_PACK, message_yaml, write_pack


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "base", BASE_PACK)


def problems_for(tmp_path: Path, base: Path, text: str | bytes, name: str = "pack.yaml") -> list[Problem]:
    pack = write_pack(tmp_path / "extra", {name: text})
    problems = validate_dirs([base, pack])
    assert all(p.file.startswith(str(pack)) for p in problems), problems
    return problems


def assert_problem(problems: list[Problem], line: int, pattern: str) -> None:
    hits = [p for p in problems if p.line == line and re.search(pattern, p.message)]
    assert hits, f"no problem at line {line} matching {pattern!r} in:\n" + "\n".join(map(str, problems))


def test_clean_base_has_no_problems_and_builds_every_entry(base: Path) -> None:
    parsed = parse_pack(base)
    assert parsed.problems == []
    assert set(parsed.kb.messages) == {"ZTEST001", "ZTEST002"}
    assert set(parsed.kb.causes) == {"cause_a", "cause_b"}
    assert parsed.kb.codes["CODE_A"].numeric == -102
    assert parsed.kb.glossary["STRUST"].kind == "transaction"
    assert parsed.kb.causes["cause_a"].check is not None
    assert parsed.kb.causes["cause_a"].check.step == "chain"
    # origin names file:line of the entry
    assert parsed.kb.messages["ZTEST002"].origin == f"{base / '10_messages.yaml'}:18"


def test_problem_str_is_file_line_message() -> None:
    assert str(Problem("a/b.yaml", 7, "bad")) == "a/b.yaml:7: bad"


def test_yaml_syntax_error_names_the_line(tmp_path: Path, base: Path) -> None:
    problems = problems_for(tmp_path, base, "messages:\n  - id: X\n    title: [unclosed\n\n")
    assert len(problems) == 1
    assert problems[0].line >= 3
    assert "YAML syntax error" in problems[0].message


def test_duplicate_key_is_reported(tmp_path: Path, base: Path) -> None:
    text = "messages:\n" + message_yaml("ZTEST010", 10, extra="    title: \"Again\"\n")
    assert_problem(problems_for(tmp_path, base, text), 9, r"duplicate key 'title'")


@pytest.mark.parametrize(
    ("text", "line", "pattern"),
    [
        ("", 1, "file is empty"),
        ("- a\n- b\n", 1, "top level must be a mapping"),
        ("messages: []\nfoo: 1\n", 2, "unknown top-level key 'foo'"),
        ("messages: {id: X}\n", 1, "messages must be a list"),
        ("causes:\n  - just a string\n", 2, r"causes\[1\] must be a mapping"),
    ],
)
def test_file_structure(tmp_path: Path, base: Path, text: str, line: int, pattern: str) -> None:
    assert_problem(problems_for(tmp_path, base, text), line, pattern)


def test_required_fields_and_types(tmp_path: Path, base: Path) -> None:
    text = (
        "causes:\n"
        "  - id: cause_x\n"          # 2: no title, sources, sap_wording
        "    severity: fatal\n"      # 3
        "    fix: fix it\n"          # 4
        "    check: {step: ping}\n"  # 5
        "codes:\n"
        "  - id: CODE_X\n"           # 7
        "    numeric: '-1'\n"        # 8
        "    sap_wording: maybe\n"   # 9
        "    sources: [{url: 'not a url'}]\n"  # 10
        "glossary:\n"
        "  - id: SM59\n"             # 12
        "    kind: transactionn\n"   # 13
        "    title: ''\n"            # 14
        "    sap_wording: own_words\n"
        "    sources: [{url: 'https://example.org', comment: x}]\n"  # 16
    )
    problems = problems_for(tmp_path, base, text)
    assert_problem(problems, 2, "missing required field 'title'")
    assert_problem(problems, 2, "missing required field 'sources'")
    assert_problem(problems, 2, "missing required field 'sap_wording'")
    assert_problem(problems, 3, r"severity 'fatal' is not one of: error, warning")
    assert_problem(problems, 4, "fix must be a list")
    assert_problem(problems, 5, r"check.step 'ping' is not one of")
    assert_problem(problems, 8, "numeric must be a whole number")
    assert_problem(problems, 9, r"sap_wording 'maybe' is not one of: confirmed, inferred, own_words, imported")
    assert_problem(problems, 10, r"url must be a URL")
    assert_problem(problems, 13, r"kind 'transactionn' is not one of")
    assert_problem(problems, 14, "title must not be empty")
    assert_problem(problems, 16, "unknown field 'comment'")


def test_booleans_are_not_numbers(tmp_path: Path, base: Path) -> None:
    text = "messages:\n" + message_yaml("ZTEST001", 1).replace("number: 1", "number: true")
    assert_problem(problems_for(tmp_path, base, text), 4, "number must be a whole number, not a boolean")


def test_message_id_must_be_class_plus_three_digits(tmp_path: Path, base: Path) -> None:
    text = "messages:\n" + message_yaml("ZTEST1", 1) + message_yaml("ZTEST1000", 1000)
    problems = problems_for(tmp_path, base, text)
    assert_problem(problems, 2, "id must be message_class \\+ 3-digit number: ZTEST001")
    assert_problem(problems, 11, "number must be between 0 and 999")


def test_confirmed_needs_short_text_and_inferred_has_none(tmp_path: Path, base: Path) -> None:
    confirmed = message_yaml("ZTEST010", 10, status="confirmed").replace('    short_text: "A title (SAP)"\n', "")
    inferred = message_yaml("ZTEST011", 11, extra="    short_text: \"Made up\"\n")
    problems = problems_for(tmp_path, base, "messages:\n" + confirmed + inferred)
    assert_problem(problems, 2, "confirmed message needs its short_text")
    assert_problem(problems, 16, "inferred message must not have a short_text")


def test_ids_unique_across_files_of_one_pack(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", {
        "a.yaml": "messages:\n" + message_yaml("ZTEST010", 10),
        "b.yaml": "messages:\n" + message_yaml("ZTEST010", 10),
    })
    problems = validate_dirs([pack])
    assert [str(p) for p in problems] == [
        f"{pack / 'b.yaml'}:2: duplicate messages id 'ZTEST010' (first defined at {pack / 'a.yaml'}:2)"
    ]


def test_references_resolve_in_pack_or_base(tmp_path: Path, base: Path) -> None:
    text = (
        "messages:\n"
        + message_yaml("ZTEST010", 10, extra="    causes: [cause_a, cause_new, cause_gone]\n    codes: [CODE_NONE]\n")
        + "causes:\n"
        "  - id: cause_new\n"
        "    title: New\n"
        "    codes: [CODE_A, CODE_MISSING]\n"
        "    sap_wording: own_words\n"
        "    sources: [{url: 'https://example.org'}]\n"
        "codes:\n"
        "  - id: CODE_NEW\n"
        "    messages: [ZTEST001, ZTEST999]\n"
        "    causes: [cause_nope]\n"
        "    sap_wording: own_words\n"
        "    sources: [{url: 'https://example.org'}]\n"
    )
    problems = problems_for(tmp_path, base, text)
    unknown = sorted((p.line, p.message.split("unknown ")[1]) for p in problems if "unknown" in p.message)
    assert unknown == [
        (9, "cause id 'cause_gone'"),
        (10, "code id 'CODE_NONE'"),
        (14, "code id 'CODE_MISSING'"),
        (19, "message id 'ZTEST999'"),
        (20, "cause id 'cause_nope'"),
    ]
    # without the base, the references into it fail as well
    alone = validate_dirs([tmp_path / "extra"])
    assert any("unknown cause id 'cause_a'" in p.message for p in alone)


def test_raw_html_in_markdown_is_rejected_but_autolinks_and_code_are_fine(tmp_path: Path, base: Path) -> None:
    text = (
        "causes:\n"
        "  - id: cause_html\n"
        "    title: Html\n"
        "    explanation: 'See <https://example.org> and `<b>` and 1 < 2.'\n"  # fine
        "    fix:\n"
        "      - 'ok step'\n"
        "      - 'click <span style=\"color:red\">here</span>'\n"  # 7: inline html
        "    check: {step: tls, how: \"<div>\\nblock\\n</div>\\n\"}\n"  # 8: html block
        "    sap_wording: own_words\n"
        "    sources: [{url: 'https://example.org'}]\n"
    )
    problems = problems_for(tmp_path, base, text)
    html = [p for p in problems if "raw HTML" in p.message]
    assert sorted(p.line for p in html) == [7, 8]
    assert "fix[2]" in html[0].message


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        (b"messages:\n  - id: \xff\xfe\n", "not UTF-8"),
        (b"\x00\x01\x02binary\x00junk", "YAML"),
        ("[" * 5000 + "]" * 5000, "nesting|YAML"),
        ("messages:\n" + "  " * 3 + "- " * 3000 + "x\n", "nesting|YAML|must be a mapping"),
        ("x: 2024-13-45\n", "month|YAML"),
        ("a: !!python/object/apply:os.system [echo]\n", "constructor"),
        ("&a [*a, *a]\n", "recursive alias"),
    ],
)
def test_hostile_files_become_problems(tmp_path: Path, content: str | bytes, pattern: str) -> None:
    pack = write_pack(tmp_path / "p", {"bad.yaml": content})
    problems = validate_dirs([pack])
    assert problems, "a hostile file must give a problem"
    assert any(re.search(pattern, p.message) for p in problems), problems
    assert all(p.file == str(pack / "bad.yaml") and p.line >= 1 for p in problems)


def test_missing_dir_and_empty_dir_are_problems(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    problems = validate_dirs([tmp_path / "nope", tmp_path / "empty"])
    assert [p.message for p in problems] == [
        "knowledge directory not found",
        "no knowledge files (*.yaml) in this directory",
    ]


def test_a_pack_path_that_cannot_be_read_gives_the_systems_reason(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)  # a link to itself exists as a name but stat fails with ELOOP
    problems = validate_dirs([loop])
    assert len(problems) == 1
    message = problems[0].message
    assert message.startswith("knowledge directory cannot be read (")
    assert "symbolic links" in message.lower()  # the system's reason, not "not found"


def test_directories_and_dangling_links_are_not_knowledge_files(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", {"a.yaml": "messages: []\n"})
    (pack / "b.yaml").mkdir()  # a directory named like a YAML file is not read
    (pack / "c.yaml").symlink_to(tmp_path / "does-not-exist.yaml")
    problems = validate_dirs([pack])
    assert problems == []  # dangling links and directories are not knowledge files


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=300), st.text(max_size=300),
                         st.lists(st.sampled_from(["messages:", "  - id: X", "    number: 1", "causes:", "- ", "  ", "{", "[", "'", "&a", "*a", ": ", "\n", "\t", "<b>", "\x00"]), max_size=40).map("".join)))
def test_property_validator_never_raises(tmp_path: Path, content: str | bytes) -> None:
    pack = tmp_path / "prop"
    pack.mkdir(exist_ok=True)
    target = pack / "fuzz.yaml"
    if isinstance(content, str):
        target.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        target.write_bytes(content)
    problems = validate_dirs([pack])
    for p in problems:
        assert p.file == str(target)
        assert isinstance(p.line, int) and p.line >= 1
        assert re.fullmatch(r".+:\d+: .+", str(p), flags=re.S)
    result = load_kb([pack], use_cache=False, include_bundled=False)
    if problems:
        [warning] = result.warnings
        assert re.search(re.escape(str(target)) + r":[1-9]\d*: ", warning)
        assert result.kb.messages == {}


def test_huge_values_are_shortened_in_messages(tmp_path: Path, base: Path) -> None:
    text = "messages:\n" + message_yaml("ZTEST010", 10).replace("status: inferred", "status: " + "x" * 100_000)
    [problem] = problems_for(tmp_path, base, text)
    assert "status has 100,000 characters; at most 1,000" in problem.message and len(str(problem)) < 400


def test_each_entry_is_bounded_in_memory(tmp_path: Path, base: Path) -> None:
    """A 5 MB title, a 100 KB Markdown text or 5,000 keywords make the entry a problem
    (the whole pack is then skipped) instead of filling the text index."""
    entry = message_yaml("ZTEST010", 10)
    huge_title = entry.replace("title: ", "title: " + "t" * 5_000_000 + " ", 1)
    long_meaning = entry + "    meaning: " + "m" * 100_000 + "\n"
    many_keywords = entry + "    keywords: [" + ", ".join(f"k{i}" for i in range(5000)) + "]\n"
    for text, expected in ((huge_title, "title has 5,000,"), (long_meaning, "meaning has 100,000 characters; at most 20,000"),
                           (many_keywords, "keywords has 5,000 items; at most 1,000")):
        [problem] = problems_for(tmp_path, base, "messages:\n" + text)
        assert expected in problem.message and len(str(problem)) < 400


def test_a_huge_structure_is_shown_in_a_few_characters() -> None:
    nested: list[object] = ["x"]
    for _ in range(30):
        nested = [nested] * 1000  # shared, like an alias: 1000^30 leaves if walked
    assert len(show_value(nested)) <= 60
