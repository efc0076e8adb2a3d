"""The loader: layering order, overrides, skipped broken packs, the T100 merge rule, CLI."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from assistant import paths
from assistant.cli import main
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.layers import knowledge_dirs, merge_layer, merge_message
from assistant.kb.load import load_kb
from assistant.kb.model import Message, Source
from tests.support.kb import message_yaml, write_pack


@pytest.fixture
def base(small_bundled_base: Path) -> Path:
    return small_bundled_base


def title_pack(directory: Path, title: str) -> Path:
    """A pack that overrides cause_b's title, so the winning layer can be read off."""
    return write_pack(directory, {"causes.yaml": f"""\
        causes:
          - id: cause_b
            title: "{title}"
            sap_wording: own_words
            sources: [{{url: "https://example.org/{title}"}}]
        """})


def write_config(tmp_path: Path, text: str) -> Path:
    config = Path(os.environ["SAPASSIST_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    return config


def test_bundled_base_alone(base: Path) -> None:
    result = load_kb(use_cache=False)
    assert result.problems == [] and result.warnings == []
    assert result.sources == [base]
    assert set(result.kb.messages) == {"ZTEST001", "ZTEST002"}
    assert result.kb.causes["cause_b"].title == "Cause B"


def test_layer_order_config_then_env_then_kb(tmp_path: Path, base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conf_pack = title_pack(tmp_path / "conf", "from-config")
    env_pack = title_pack(tmp_path / "env", "from-env")
    kb_pack = title_pack(tmp_path / "kb", "from-kb")
    write_config(tmp_path, f'kb_paths = ["{conf_pack}"]\n')

    assert load_kb(use_cache=False).kb.causes["cause_b"].title == "from-config"
    monkeypatch.setenv("SAPASSIST_KB_PATH", f"{tmp_path / 'missing'}{os.pathsep}{env_pack}")
    result = load_kb(use_cache=False)
    assert result.kb.causes["cause_b"].title == "from-env"
    assert any("missing" in w and "not found" in w for w in result.warnings)
    result = load_kb([kb_pack], use_cache=False)
    assert result.kb.causes["cause_b"].title == "from-kb"
    assert result.sources == [base, conf_pack, env_pack, kb_pack]
    # entries not overridden stay from the base, with their origin
    assert result.kb.causes["cause_a"].origin.startswith(str(base / "20_rest.yaml"))
    assert result.kb.causes["cause_b"].origin == f"{kb_pack / 'causes.yaml'}:2"


def test_later_kb_dirs_override_earlier_ones(tmp_path: Path, base: Path) -> None:
    one = title_pack(tmp_path / "one", "one")
    two = title_pack(tmp_path / "two", "two")
    assert load_kb([one, two], use_cache=False).kb.causes["cause_b"].title == "two"
    assert load_kb([two, one], use_cache=False).kb.causes["cause_b"].title == "one"


def test_config_relative_paths_are_relative_to_the_config_file(tmp_path: Path, base: Path) -> None:
    config = write_config(tmp_path, 'kb_paths = ["packs/mine"]\n')
    pack = title_pack(config.parent / "packs" / "mine", "relative")
    result = load_kb(use_cache=False)
    assert result.kb.causes["cause_b"].title == "relative"
    assert pack in result.sources


def test_broken_extra_pack_is_skipped_with_file_line_warning(tmp_path: Path, base: Path) -> None:
    good = title_pack(tmp_path / "good", "good")
    broken = write_pack(tmp_path / "broken", {
        "a.yaml": "messages:\n" + message_yaml("ZNEW001", 1, cls="ZNEW"),
        "b.yaml": "causes:\n  - id: cause_c\n    title: [unclosed\n",
    })
    result = load_kb([good, broken], use_cache=False)
    assert result.problems == []
    assert "ZNEW001" not in result.kb.messages, "a broken pack is skipped as a whole"
    assert result.kb.causes["cause_b"].title == "good"
    assert result.sources == [base, good]
    [warning] = result.warnings
    assert f"{broken / 'b.yaml'}:" in warning and "skipped" in warning


def test_extra_pack_with_bad_reference_is_skipped(tmp_path: Path, base: Path) -> None:
    pack = write_pack(tmp_path / "p", {"a.yaml": "messages:\n" + message_yaml(
        "ZNEW001", 1, cls="ZNEW", extra="    causes: [cause_a, no_such_cause]\n")})
    result = load_kb([pack], use_cache=False)
    assert "ZNEW001" not in result.kb.messages
    assert f"{pack / 'a.yaml'}:9:" in result.warnings[0]
    assert "no_such_cause" in result.warnings[0]


def test_broken_bundled_base_is_a_problem_not_a_warning(tmp_path: Path, base: Path) -> None:
    write_pack(base, {"30_bad.yaml": "glossary:\n  - id: SM59\n    kind: nonsense\n"})
    result = load_kb(use_cache=False)
    assert result.problems and all(p.file == str(base / "30_bad.yaml") for p in result.problems)
    assert "ZTEST001" in result.kb.messages, "the usable part of the base still loads"


def imported(mid: str, number: int, text: str) -> Message:
    return Message(id=mid, message_class=mid[:-3], number=number, title=text, status="imported",
                   short_text=text, sap_wording="imported",
                   sources=(Source("file:t100.txt", "T100 import"),))


def test_merge_rule_imported_over_inferred_replaces_title_keeps_causes() -> None:
    inferred = Message(id="ZTEST002", message_class="ZTEST", number=2, title="Test timeout",
                       status="inferred", causes=("cause_b",), sap_wording="inferred",
                       sources=(Source("https://example.org/icmdef"),))
    merged = merge_message(inferred, imported("ZTEST002", 2, "Timeout while waiting for &1"))
    assert merged.title == "Timeout while waiting for &1"
    assert merged.imported_text == "Timeout while waiting for &1"
    assert merged.status == "inferred" and merged.short_text is None
    assert merged.causes == ("cause_b",)
    assert [s.url for s in merged.sources] == ["https://example.org/icmdef", "file:t100.txt"]


def test_merge_rule_imported_beside_confirmed_and_new_numbers() -> None:
    confirmed = Message(id="ZTEST001", message_class="ZTEST", number=1, title="Test failure",
                        status="confirmed", short_text="Test failure (X)", causes=("cause_a",))
    merged = merge_message(confirmed, imported("ZTEST001", 1, "Test failure (X) in &1"))
    assert (merged.title, merged.short_text, merged.imported_text) == (
        "Test failure", "Test failure (X)", "Test failure (X) in &1")
    assert merged.causes == ("cause_a",)
    new = imported("ZTEST423", 423, "New text")
    assert merge_message(None, new) is new
    # a normal (non-imported) override simply replaces, and a second import replaces the first
    own = dataclasses.replace(confirmed, title="Ours", causes=())
    assert merge_message(merged, own) is own
    again = imported("ZTEST001", 1, "Second import")
    assert merge_message(merge_message(confirmed, imported("ZTEST001", 1, "first")), again).imported_text == "Second import"


def test_imported_pack_layered_over_base(tmp_path: Path, base: Path) -> None:
    pack = write_pack(tmp_path / "t100", {"t100.yaml": "messages:\n"
        + message_yaml("ZTEST002", 2, status="imported", title="Imported timeout text")
        + message_yaml("ZTEST423", 423, status="imported", title="Brand new")})
    kb = load_kb([pack], use_cache=False).kb
    assert kb.messages["ZTEST002"].title == "Imported timeout text"
    assert kb.messages["ZTEST002"].causes == ("cause_b",)
    assert kb.messages["ZTEST001"].imported_text is None
    assert kb.messages["ZTEST423"].status == "imported"
    assert kb.known_numbers("ZTEST") == [1, 2, 423]


def test_merge_layer_leaves_inputs_untouched() -> None:
    a = KnowledgeBase(messages={"Z001": Message("Z001", "Z", 1, "t", "inferred")})
    b = KnowledgeBase(messages={"Z002": Message("Z002", "Z", 2, "u", "inferred")})
    merged = merge_layer(a, b)
    assert set(merged.messages) == {"Z001", "Z002"} and set(a.messages) == {"Z001"}


def test_duplicate_dirs_are_layered_once(tmp_path: Path, base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = title_pack(tmp_path / "p", "p")
    monkeypatch.setenv("SAPASSIST_KB_PATH", str(pack))
    found = knowledge_dirs([pack, base])
    assert [(d.path, d.origin) for d in found.dirs] == [(base, "bundled"), (pack, "SAPASSIST_KB_PATH")]


# --- the command line -------------------------------------------------------------------


def test_cli_validate_clean_and_summary(tmp_path: Path, base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = title_pack(tmp_path / "p", "p")
    assert main(["kb", "validate", str(pack)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 2 messages, 2 causes, 1 codes, 1 glossary entries")


def test_cli_validate_reports_file_line_and_exits_2(tmp_path: Path, base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = write_pack(tmp_path / "p", {"a.yaml": "causes:\n  - id: c\n    title: T\n    codes: [NOPE]\n    sap_wording: own_words\n    sources: [{url: 'https://x.example'}]\n",
                                       "b.yaml": "messages: [\n"})
    assert main(["kb", "validate", str(pack)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{pack / 'a.yaml'}:4: cause c: unknown code id 'NOPE'"
    assert lines[1].startswith(f"{pack / 'b.yaml'}:2: YAML syntax error")
    assert lines[-1].startswith("2 problem(s) in 2 file(s)")


def test_cli_validate_without_dirs_uses_configured_packs(tmp_path: Path, base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = write_pack(tmp_path / "broken", {"a.yaml": "oops: 1\n"})
    write_config(tmp_path, f'kb_paths = ["{broken}"]\n')
    assert main(["kb", "validate"]) == 2
    assert f"{broken / 'a.yaml'}:1: unknown top-level key 'oops'" in capsys.readouterr().out


def test_cli_validate_missing_dir(tmp_path: Path, base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "validate", str(tmp_path / "nope")]) == 2
    assert f"{tmp_path / 'nope'}:1: knowledge directory not found" in capsys.readouterr().out


def test_cli_path_lists_dirs_and_cache(tmp_path: Path, base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = title_pack(tmp_path / "p", "p")
    assert main(["kb", "path", "--kb", str(pack)]) == 0
    out = capsys.readouterr().out
    assert f"bundled: {base}\n" in out
    assert f"--kb: {pack}\n" in out
    assert f"cache: {paths.cache_dir()}" in out


def test_cli_import_t100_dispatch_never_tracebacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "t100.txt"
    src.write_text("SPRSL\tARBGB\tMSGNR\tTEXT\nE\tZX\t001\tHello\n", encoding="utf-8")
    code = main(["kb", "import-t100", str(src), "--output", str(tmp_path / "out")])
    assert code in (0, 2)
    if code == 2:
        assert "not available" in capsys.readouterr().err
    else:  # the importer exists: its pack layers over the base like any other
        result = load_kb([tmp_path / "out"], use_cache=False)
        assert result.warnings == []
        assert result.kb.messages["ZX001"].display_text == "Hello"


def test_real_bundled_base_validates_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """The knowledge shipped with sapassist passes its own validator."""
    code = main(["kb", "validate"])
    out = capsys.readouterr().out
    assert code == 0, out
    summary = out.splitlines()[-1]
    assert json.dumps(summary)  # printable
    assert int(summary.split()[1]) >= 21, summary  # SCLNT_HTTP400-418, 421, 426


# --- JSON export (used by `lookup --json` and `list --json`) ---------------------------------


def test_entry_to_json_expands_causes_and_codes(base: Path) -> None:
    from assistant.kb.export import entry_to_json, kb_to_json_summary

    kb = load_kb(use_cache=False).kb
    out = entry_to_json(kb, kb.messages["ZTEST001"])
    assert json.loads(json.dumps(out)) == out, "plain JSON types only"
    assert (out["kind"], out["id"], out["number"], out["short_text"]) == ("message", "ZTEST001", 1, "Test failure (ICM_TEST_FAILURE)")
    assert [c["id"] for c in out["causes"]] == ["cause_a", "cause_b"]
    assert out["causes"][0]["fix"] == ["Open STRUST and fix A."]
    assert out["causes"][0]["check"] == {"step": "chain", "how": "Looks at the chain."}
    assert out["causes"][1]["severity"] == "warning"
    assert out["codes"] == [{"id": "CODE_A", "numeric": -102, "layer": "SapSSL", "meaning": "Code A."}]
    assert out["sources"] == [{"url": "https://example.org/ztest001", "note": "example"}]
    assert out["title_is_ours"] is False
    assert entry_to_json(kb, kb.messages["ZTEST002"])["title_is_ours"] is True

    cause = entry_to_json(kb, kb.causes["cause_b"])
    assert cause["kind"] == "cause" and [m["id"] for m in cause["messages"]] == ["ZTEST001", "ZTEST002"]
    code = entry_to_json(kb, kb.codes["CODE_A"])
    assert code["messages"][0]["short_text"] == "Test failure (ICM_TEST_FAILURE)"
    assert code["causes"][0]["title"] == "Cause A"
    assert entry_to_json(kb, kb.glossary["STRUST"])["glossary_kind"] == "transaction"

    summary = kb_to_json_summary(kb)
    assert [s["id"] for s in summary] == ["ZTEST001", "ZTEST002"]
    assert summary[1] == {"id": "ZTEST002", "number": 2, "class": "ZTEST", "status": "inferred",
                          "short_text": None, "title": "Test timeout", "imported_text": None,
                          "icm_constant": "ICM_TEST_TIMEOUT"}
    assert kb_to_json_summary(kb, "OTHER") == []


def test_entry_to_json_marks_dangling_references() -> None:
    from assistant.kb.export import entry_to_json

    kb = KnowledgeBase(messages={"Z001": Message("Z001", "Z", 1, "t", "inferred", causes=("gone",))})
    assert entry_to_json(kb, kb.messages["Z001"])["causes"] == [{"id": "gone", "missing": True}]
