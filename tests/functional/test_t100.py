"""T100 import: parsing SE16 downloads, writing packs, the CLI's exit codes, loading the pack."""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.kb import t100
from assistant.kb.t100 import T100Row, emit_pack, parse_t100, write_pack, yaml_quote

ROOT = Path(__file__).resolve().parents[2]


def lines(*rows: str, end: str = "\n") -> bytes:
    return (end.join(rows) + end).encode("utf-8")


def import_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "kb", "import-t100", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), timeout=60,
    )


# --- parsing ------------------------------------------------------------------------------


def test_tab_separated_header_in_any_order_and_extra_columns() -> None:
    data = lines(
        "TEXT\tMANDT\tMSGNR\tARBGB\tSPRSL",
        "Connection to host & failed: &\t000\t423\tsclnt_http\tE",
        "Entry &1 &2 missing\t000\t7\tZSYN_042\tE",
    )
    result = parse_t100(data)
    assert result.fatal is None and not result.problems
    assert [(r.id, r.number, r.text) for r in result.rows] == [
        ("SCLNT_HTTP423", 423, "Connection to host & failed: &"),
        ("ZSYN_042007", 7, "Entry &1 &2 missing"),
    ]
    assert result.delimiter == "\t"


def test_message_id_is_class_plus_three_digit_number() -> None:
    result = parse_t100(lines("SPRSL;ARBGB;MSGNR;TEXT", "E;ZSYN_042;123;Text"))
    assert result.rows[0].id == "ZSYN_042123"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_each_delimiter_with_quoted_fields(delimiter: str) -> None:
    d = delimiter
    data = lines(
        f"SPRSL{d}ARBGB{d}MSGNR{d}TEXT",
        f'E{d}ZTEST{d}001{d}"Value &1{d} then &2 ""quoted"" here"',
        f'"E"{d}"ZTEST"{d}"002"{d}"plain"',
    )
    result = parse_t100(data)
    assert result.fatal is None, result.fatal
    assert result.delimiter == d
    assert [r.text for r in result.rows] == [f'Value &1{d} then &2 "quoted" here', "plain"]


def test_quote_inside_unquoted_field_is_kept_literally() -> None:
    result = parse_t100(lines("SPRSL\tARBGB\tMSGNR\tTEXT", 'E\tZTEST\t001\t"&1" is not a valid entry'))
    assert result.rows[0].text == '"&1" is not a valid entry'


def test_se16_list_format_with_pipes_and_frame_lines() -> None:
    data = lines(
        "-----------------------------------",
        "|SPRSL|ARBGB     |MSGNR|TEXT          |",
        "|-----------------------------------|",
        "|E    |ZTEST     |001  |Order & saved |",
        "-----------------------------------",
    )
    result = parse_t100(data)
    assert result.fatal is None and not result.problems
    assert [(r.id, r.text) for r in result.rows] == [("ZTEST001", "Order & saved")]


def test_bom_and_crlf() -> None:
    data = b"\xef\xbb\xbf" + lines("SPRSL\tARBGB\tMSGNR\tTEXT", "E\tZTEST\t001\tGrüße &1", end="\r\n")
    result = parse_t100(data)
    assert result.fatal is None and not result.warnings
    assert result.rows[0].text == "Grüße &1"  # no stray \r, header found despite the BOM
    assert result.rows[0].line == 2


def test_utf16_download() -> None:
    data = "SPRSL\tARBGB\tMSGNR\tTEXT\r\nE\tZTEST\t001\tÄnderung\r\n".encode("utf-16")
    result = parse_t100(data)
    assert result.fatal is None and [r.text for r in result.rows] == ["Änderung"]


def test_cp1252_fallback_warns() -> None:
    data = "SPRSL;ARBGB;MSGNR;TEXT\nE;ZTEST;001;Gebühr für &1 – fällig\n".encode("cp1252")
    result = parse_t100(data)
    assert result.rows[0].text == "Gebühr für &1 – fällig"
    assert result.encoding == "cp1252"
    assert result.warnings and "not valid UTF-8" in result.warnings[0]


def test_language_filter_accepts_internal_and_iso_keys() -> None:
    data = lines(
        "SPRSL\tARBGB\tMSGNR\tTEXT",
        "E\tZTEST\t001\tEnglish",
        "D\tZTEST\t001\tDeutsch",
        "EN\tZTEST\t002\tEnglish ISO",
    )
    assert [r.text for r in parse_t100(data).rows] == ["English", "English ISO"]
    german = parse_t100(data, language="D")
    assert [r.text for r in german.rows] == ["Deutsch"]
    assert german.filtered_out == 2
    assert [r.text for r in parse_t100(data, language="de").rows] == ["Deutsch"]


def test_class_filter_is_a_case_insensitive_pattern() -> None:
    data = lines(
        "SPRSL\tARBGB\tMSGNR\tTEXT",
        "E\tSCLNT_HTTP\t423\tA",
        "E\tZSYN_042\t001\tB",
        "E\tZSYN_043\t001\tC",
        "E\tSICF\t001\tD",
    )
    assert [r.id for r in parse_t100(data, class_pattern="zsyn_*").rows] == ["ZSYN_042001", "ZSYN_043001"]
    assert [r.id for r in parse_t100(data, class_pattern="SCLNT_HTTP").rows] == ["SCLNT_HTTP423"]
    assert [r.id for r in parse_t100(data, class_pattern="ZSYN_04?").rows] == ["ZSYN_042001", "ZSYN_043001"]


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_kept() -> None:
    data = lines(
        "SPRSL\tARBGB\tMSGNR\tTEXT",   # 1
        "E\tZTEST\t001\tGood one",     # 2
        "E\tZTEST\tabc\tNot a number",  # 3
        "",                             # 4 (blank: skipped, still counted for numbering)
        "E\tZTEST\t1000\tToo big",     # 5
        "E\tZTEST",                     # 6
        "E\tZTEST\t001\tDuplicate",    # 7
        "E\tZTEST\t-1\tNegative",      # 8
        "E\t\t002\tNo class",          # 9
        "E\tZTEST\t003\t",             # 10
        "E\tZTEST\t004\tGood two",     # 11
    )
    result = parse_t100(data)
    assert [r.text for r in result.rows] == ["Good one", "Good two"]
    by_line = {p.line: p.reason for p in result.problems}
    assert set(by_line) == {3, 5, 6, 7, 8, 9, 10}
    assert "not a number" in by_line[3]
    assert "out of range" in by_line[5]
    assert "missing columns" in by_line[6]
    assert "duplicate" in by_line[7] and "line 2" in by_line[7]
    assert "message class" in by_line[9]
    assert "empty" in by_line[10]
    assert result.problems[0].format("t100.txt") == f"t100.txt:3: {by_line[3]}"
    assert result.rows_read == 9  # the blank line is not a row


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (lines("SPRSL\tARBGB\tTEXT", "E\tZTEST\tno number column"), "MSGNR"),
        (lines("just some text", "more text"), "SPRSL, ARBGB, MSGNR, TEXT"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
    ],
)
def test_unusable_files_are_fatal(data: bytes, expected: str) -> None:
    result = parse_t100(data)
    assert result.fatal is not None and expected in result.fatal
    assert not result.rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_parser_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    result = parse_t100(data)
    if result.fatal is None:
        assert result.rows_read == len(result.rows) + len(result.problems) + result.filtered_out
    for row in result.rows:
        assert 0 <= row.number <= 999 and row.text.strip()


_CELL = st.text(alphabet=st.sampled_from(list('ab1&"; ,\t|\r\né')), max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_CELL, max_size=6), max_size=8), st.sampled_from(["\t", ";", ","]))
def test_parser_never_raises_on_tricky_rows(rows: list[list[str]], delimiter: str) -> None:
    text = delimiter.join(t100.REQUIRED_COLUMNS) + "\n" + "\n".join(delimiter.join(r) for r in rows)
    result = parse_t100(text.encode("utf-8"))
    assert result.fatal is None
    assert result.rows_read == len(result.rows) + len(result.problems) + result.filtered_out


# --- writing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ['Plain & text', '"&1" is invalid', "back\\slash", "colon: and # hash", "- leading dash",
     "tab\there", "ctrl\x01char", "Ümläut – “quotes” 日本", "yes", "123", "null", "&&1 literal",
     "line\u2028sep", "\ufeffbom", "'single'", "{braces} [brackets]", "* star"],
)
def test_yaml_quote_round_trips(text: str) -> None:
    assert yaml.safe_load(f"v: {yaml_quote(text)}") == {"v": text}


def test_emitted_pack_loads_with_safe_load() -> None:
    rows = [T100Row(2, "E", "SCLNT_HTTP", 423, 'Connection to "host" & failed: &'),
            T100Row(3, "E", "ZSYN_042", 123, "Value &1: \\ & more")]
    data = yaml.safe_load(emit_pack(rows, "my t100.txt", dt.date(2024, 5, 6)))
    first, second = data["messages"]
    assert first == {
        "id": "SCLNT_HTTP423", "message_class": "SCLNT_HTTP", "number": 423,
        "title": 'Connection to "host" & failed: &', "short_text": 'Connection to "host" & failed: &',
        "status": "imported", "sap_wording": "imported",
        "sources": [{"url": "file:my t100.txt", "note": "imported from my t100.txt on 2024-05-06"}],
    }
    assert second["id"] == "ZSYN_042123" and second["sources"] == first["sources"]


def test_big_imports_are_split_and_stale_parts_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(t100, "PART_SIZE", 3)
    rows = [T100Row(i, "E", "ZTEST", i, f"Text {i}") for i in range(7)]
    files = write_pack(rows, tmp_path, "SE16 export.TXT")
    assert [f.name for f in files] == [
        "t100_se16_export.yaml", "t100_se16_export.part002.yaml", "t100_se16_export.part003.yaml"
    ]
    ids = [m["id"] for f in files for m in yaml.safe_load(f.read_text())["messages"]]
    assert ids == [f"ZTEST{i:03d}" for i in range(7)]
    files = write_pack(rows[:2], tmp_path, "SE16 export.TXT")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t100_se16_export.yaml"]


# --- command line and loading ------------------------------------------------------------


def write_download(path: Path, *rows: str) -> Path:
    path.write_bytes(lines("SPRSL\tARBGB\tMSGNR\tTEXT", *rows, end="\r\n"))
    return path


def test_cli_exit_0_writes_a_pack_that_validates_and_loads(tmp_path: Path) -> None:
    from assistant.kb.load import load_kb
    from assistant.kb.validate import validate_dirs

    download = write_download(
        tmp_path / "t100.txt",
        "E\tSCLNT_HTTP\t423\tHTTP connection to & could not be set up: &",
        "E\tSCLNT_HTTP\t411\tConnection to partner & refused",
        "E\tZSYN_042\t123\tOrder &1 of customer &2 was saved",
        "D\tZSYN_042\t123\tAuftrag &1 gesichert",
    )
    out = tmp_path / "pack"
    proc = import_cli(download, "--output", out)
    assert proc.returncode == 0, proc.stderr
    assert "4 rows read, 3 imported, 0 rejected, 1 skipped" in proc.stdout
    assert validate_dirs([out]) == []

    result = load_kb([out], use_cache=False)
    assert not any(str(out) in w for w in result.warnings), result.warnings
    kb = result.kb
    new = kb.messages["SCLNT_HTTP423"]
    assert new.status == "imported" and new.sap_wording == "imported"
    assert new.display_text == "HTTP connection to & could not be set up: &"
    assert new.sources[0].url == "file:t100.txt"
    assert kb.messages["ZSYN_042123"].short_text == "Order &1 of customer &2 was saved"

    base = load_kb([], use_cache=False).kb.messages["SCLNT_HTTP411"]
    merged = kb.messages["SCLNT_HTTP411"]
    assert base.status == "inferred" and base.causes
    assert merged.title == "Connection to partner & refused"  # replaces the inferred title
    assert merged.imported_text == "Connection to partner & refused"
    assert merged.causes == base.causes and merged.icm_constant == base.icm_constant


def test_imported_text_is_kept_beside_a_confirmed_one(tmp_path: Path) -> None:
    from assistant.kb.load import load_kb

    base = load_kb([], use_cache=False).kb.messages["SCLNT_HTTP407"]
    assert base.status == "confirmed"
    download = write_download(tmp_path / "t100.txt", "E\tSCLNT_HTTP\t407\tSSL-Fehler (our system)")
    assert import_cli(download, "--output", tmp_path / "pack").returncode == 0
    merged = load_kb([tmp_path / "pack"], use_cache=False).kb.messages["SCLNT_HTTP407"]
    assert merged.short_text == base.short_text and merged.title == base.title
    assert merged.imported_text == "SSL-Fehler (our system)"
    assert merged.causes == base.causes


def test_cli_exit_1_when_rows_are_rejected(tmp_path: Path) -> None:
    download = write_download(tmp_path / "t100.txt", "E\tZTEST\t001\tGood", "E\tZTEST\tx1\tBad")
    proc = import_cli(download, "--output", tmp_path / "pack", "--class", "z*")
    assert proc.returncode == 1
    assert f"{download}:3: MSGNR 'x1' is not a number" in proc.stderr
    assert "1 imported, 1 rejected" in proc.stdout
    assert (tmp_path / "pack" / "t100_t100.yaml").exists()
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("content", [None, b"", b"A\tB\tC\n1\t2\t3\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00"])
def test_cli_exit_2_when_the_file_is_unusable(tmp_path: Path, content: bytes | None) -> None:
    download = tmp_path / "t100.txt"
    if content is not None:
        download.write_bytes(content)
    proc = import_cli(download, "--output", tmp_path / "pack")
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{download}: ") and "Traceback" not in proc.stderr
    assert not (tmp_path / "pack").exists()


def test_cli_exit_2_names_the_reason_for_binary_data_and_a_bad_output(tmp_path: Path) -> None:
    binary = tmp_path / "pse.bin"
    binary.write_bytes(random.Random(11).randbytes(5000))
    proc = import_cli(binary, "--output", tmp_path / "pack")
    assert proc.returncode == 2
    assert proc.stderr == f"{binary}: not a text file (binary data) — download T100 from SE16 as text\n"
    download = write_download(tmp_path / "t100.txt", "E\tZTEST\t001\tGood")
    occupied = tmp_path / "a-file"
    occupied.write_text("not a directory", encoding="utf-8")
    proc = import_cli(download, "--output", occupied)
    assert proc.returncode == 2
    assert f"{occupied}: cannot write the pack: not a directory" in proc.stderr


# --- hostile downloads: line ends, overlong texts, streaming ------------------------------


@pytest.mark.parametrize("end", ["\r", "\n", "\r\n"])
def test_every_line_end_ends_a_row(end: str) -> None:
    data = lines("SPRSL\tARBGB\tMSGNR\tTEXT", "E\tZTEST\t001\tFirst", "E\tZTEST\t002\tSecond", end=end)
    result = parse_t100(data)
    assert [(r.line, r.number, r.text) for r in result.rows] == [(2, 1, "First"), (3, 2, "Second")]


def test_cr_only_rows_after_an_lf_header_are_not_merged() -> None:
    """A file whose header ends in LF and whose rows end in a lone CR (an export tool's
    mix): each CR ends a row, as an editor shows it."""
    data = b"SPRSL\tARBGB\tMSGNR\tTEXT\nE\tZTEST\t001\tFirst\rE\tZTEST\t002\tSecond\r\nE\tZTEST\t003\tThird\r"
    result = parse_t100(data)
    assert [(r.line, r.text) for r in result.rows] == [(2, "First"), (3, "Second"), (4, "Third")]
    assert not result.problems


def test_a_text_longer_than_73_characters_is_rejected_with_its_line() -> None:
    data = lines("SPRSL\tARBGB\tMSGNR\tTEXT", "E\tZTEST\t001\t" + "x" * 73, "E\tZTEST\t002\t" + "y" * 74)
    result = parse_t100(data)
    assert [r.number for r in result.rows] == [1]
    [problem] = result.problems
    assert problem.line == 3 and "74 characters; a T100 text has at most 73" in problem.reason


def test_a_5_mb_row_is_dropped_as_it_streams(tmp_path: Path) -> None:
    download = tmp_path / "t100.txt"
    with open(download, "wb") as f:
        f.write(lines("SPRSL\tARBGB\tMSGNR\tTEXT", "E\tZTEST\t001\tGood"))
        f.write(b"E\tZTEST\t002\t" + b"z" * 5_000_000 + b"\n")
        f.write(lines("E\tZTEST\t003\tAlso good"))
    result = t100.read_t100_file(download)
    assert [r.number for r in result.rows] == [1, 3]
    [problem] = result.problems
    assert problem.line == 3 and "line too long (5,000,012 characters" in problem.reason


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 999), st.text(alphabet="abcü &1\t;\"", min_size=1, max_size=90)),
                max_size=12),
       st.lists(st.sampled_from(["\n", "\r", "\r\n"]), min_size=13, max_size=13),
       st.sampled_from([1, 2, 3, 7, 64, 1 << 20]))
def test_the_streamed_reader_does_not_depend_on_chunk_size(
        rows: list[tuple[int, str]], ends: list[str], chunk: int) -> None:
    from assistant.kb import t100read

    text = "SPRSL\tARBGB\tMSGNR\tTEXT" + ends[0] + "".join(
        f"E\tZTEST\t{n:03d}\t{body}{ends[i + 1]}" for i, (n, body) in enumerate(rows))
    data = text.encode("utf-8")
    whole = parse_t100(data)
    original = t100read.CHUNK_BYTES
    t100read.CHUNK_BYTES = chunk
    try:
        streamed = parse_t100(data)
    finally:
        t100read.CHUNK_BYTES = original
    assert streamed.rows == whole.rows and streamed.problems == whole.problems
    assert whole.rows_read == len(rows)  # every line end ended exactly one row
    for row in whole.rows:
        assert len(row.text) <= t100.MAX_TEXT_CHARS and "\r" not in row.text and "\n" not in row.text


def test_a_latin1_download_is_read_again_as_cp1252_from_the_start(tmp_path: Path) -> None:
    data = lines("SPRSL\tARBGB\tMSGNR\tTEXT", "E\tZTEST\t001\tAlles gut", "E\tZTEST\t002\tÄnderung").decode().encode("cp1252")
    result = parse_t100(data)
    assert [r.text for r in result.rows] == ["Alles gut", "Änderung"]
    assert result.encoding == "cp1252" and "first bad byte at offset" in result.warnings[0]


def test_the_summary_counts_one_row_and_one_class_in_the_singular(tmp_path: Path) -> None:
    download = write_download(tmp_path / "t100.txt", "E\tZONE\t001\tOnly message &1")
    proc = import_cli(download, "--output", tmp_path / "pack")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("1 row read, 1 imported, 0 rejected, 0 skipped by the filters")
    assert "; 1 message class: ZONE" in proc.stdout
