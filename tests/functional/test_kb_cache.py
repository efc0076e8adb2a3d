"""The knowledge-base cache: warm loads skip YAML, any change rebuilds, bad caches are harmless."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import paths
from assistant.kb import cache
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.support.kb import BASE_PACK, message_yaml, write_pack

PROBE = """\
import json, sys
from assistant.kb.load import load_kb
result = load_kb(sys.argv[1:], include_bundled=False)
print(json.dumps({
    "yaml": "yaml" in sys.modules,
    "markdown_it": "markdown_it" in sys.modules,
    "from_cache": result.from_cache,
    "messages": sorted(result.kb.messages),
    "warnings": result.warnings,
}))
"""


def probe(*dirs: Path) -> dict[str, object]:
    """Load in a fresh interpreter, as `sapassist ask` would (same env: isolated cache dir)."""
    out = subprocess.run([sys.executable, "-c", PROBE, *map(str, dirs)], capture_output=True,
                         text=True, check=True, timeout=60)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", BASE_PACK)


def test_warm_cache_does_not_import_yaml_or_markdown(pack: Path, tmp_path: Path) -> None:
    html_free_but_suspicious = write_pack(tmp_path / "md", {"m.yaml": "messages:\n" + message_yaml(
        "ZTEST010", 10, extra="    meaning: 'a < b'\n")})
    cold = probe(pack, html_free_but_suspicious)
    assert cold["yaml"] is True and cold["from_cache"] is False
    warm = probe(pack, html_free_but_suspicious)
    assert warm["from_cache"] is True
    assert warm["yaml"] is False and warm["markdown_it"] is False
    assert warm["messages"] == cold["messages"] == ["ZTEST001", "ZTEST002", "ZTEST010"]


def test_changed_added_or_removed_file_invalidates(pack: Path) -> None:
    first = load_kb([pack], include_bundled=False)
    assert not first.from_cache and first.cache_file is not None and first.cache_file.exists()
    assert load_kb([pack], include_bundled=False).from_cache

    text = (pack / "10_messages.yaml").read_text(encoding="utf-8")
    (pack / "10_messages.yaml").write_text(text.replace('title: "Test timeout"', 'title: "Changed"'), encoding="utf-8")
    changed = load_kb([pack], include_bundled=False)
    assert not changed.from_cache and changed.kb.messages["ZTEST002"].title == "Changed"

    # same size, only the mtime moves: still rebuilt
    st = os.stat(pack / "10_messages.yaml")
    (pack / "10_messages.yaml").write_text(text.replace('title: "Test timeout"', 'title: "ChangeX"'), encoding="utf-8")
    os.utime(pack / "10_messages.yaml", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert load_kb([pack], include_bundled=False).kb.messages["ZTEST002"].title == "ChangeX"

    write_pack(pack, {"30_more.yaml": "messages:\n" + message_yaml("ZTEST003", 3)})
    added = load_kb([pack], include_bundled=False)
    assert not added.from_cache and "ZTEST003" in added.kb.messages
    (pack / "30_more.yaml").unlink()
    assert "ZTEST003" not in load_kb([pack], include_bundled=False).kb.messages


def test_dir_lists_have_separate_caches(pack: Path, tmp_path: Path) -> None:
    other = write_pack(tmp_path / "other", {"o.yaml": "messages:\n" + message_yaml("ZTEST050", 50)})
    a = load_kb([pack], include_bundled=False)
    b = load_kb([pack, other], include_bundled=False)
    assert a.cache_file != b.cache_file
    assert load_kb([pack], include_bundled=False).from_cache
    assert load_kb([pack, other], include_bundled=False).from_cache


def test_warnings_of_skipped_packs_survive_the_cache(pack: Path, tmp_path: Path) -> None:
    broken = write_pack(tmp_path / "broken", {"b.yaml": "messages: [\n"})
    cold = load_kb([pack, broken], include_bundled=False)
    warm = load_kb([pack, broken], include_bundled=False)
    assert warm.from_cache and warm.warnings == cold.warnings
    assert f"{broken / 'b.yaml'}:2:" in warm.warnings[0]


@pytest.mark.parametrize("junk", [b"", b"garbage", b"\x80\x05\x95 truncated pickle"])
def test_corrupt_cache_is_rebuilt(pack: Path, junk: bytes) -> None:
    first = load_kb([pack], include_bundled=False)
    assert first.cache_file is not None
    first.cache_file.write_bytes(junk)
    again = load_kb([pack], include_bundled=False)
    assert not again.from_cache and set(again.kb.messages) == {"ZTEST001", "ZTEST002"}
    assert load_kb([pack], include_bundled=False).from_cache, "the rebuilt cache is written back"


def test_foreign_payload_in_cache_is_ignored(pack: Path) -> None:
    first = load_kb([pack], include_bundled=False)
    assert first.cache_file is not None and first.fingerprint is not None
    cache.store(first.cache_file, first.fingerprint, {"kb": "not a knowledge base"})
    again = load_kb([pack], include_bundled=False)
    assert not again.from_cache and isinstance(again.kb, KnowledgeBase)


def test_unwritable_cache_dir_only_costs_speed(pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache dir should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = load_kb([pack], include_bundled=False)
    assert set(result.kb.messages) == {"ZTEST001", "ZTEST002"}
    assert not load_kb([pack], include_bundled=False).from_cache


def test_no_cache_env_disables_it(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAPASSIST_NO_CACHE", "1")
    load_kb([pack], include_bundled=False)
    assert not load_kb([pack], include_bundled=False).from_cache
    assert list(paths.cache_dir().glob("kb-*")) == []


def test_derived_data_is_cached_with_the_kb(pack: Path) -> None:
    calls: list[int] = []

    def build(kb: KnowledgeBase) -> list[str]:
        calls.append(1)
        return sorted(kb.messages)

    first = load_kb([pack], include_bundled=False)
    assert cache.get_derived(first, "ids-v1", build) == ["ZTEST001", "ZTEST002"]
    assert cache.get_derived(first, "ids-v1", build) == ["ZTEST001", "ZTEST002"]
    assert len(calls) == 1, "memoised on the result"
    warm = load_kb([pack], include_bundled=False)
    assert cache.get_derived(warm, "ids-v1", build) == ["ZTEST001", "ZTEST002"]
    assert len(calls) == 1, "read from the derived cache file"

    write_pack(pack, {"30_more.yaml": "messages:\n" + message_yaml("ZTEST003", 3)})
    changed = load_kb([pack], include_bundled=False)
    assert cache.get_derived(changed, "ids-v1", build) == ["ZTEST001", "ZTEST002", "ZTEST003"]
    assert len(calls) == 2, "a changed base rebuilds derived data"

    with pytest.raises(ValueError):
        cache.get_derived(changed, "../escape", build)


def test_fingerprint_changes_with_version_inputs(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.fingerprint([pack])
    assert cache.fingerprint([pack]) == before
    monkeypatch.setattr(cache, "SCHEMA_VERSION", cache.SCHEMA_VERSION + 1)
    assert cache.fingerprint([pack]) != before


LOADER_MODULES = """\
import json, sys
from assistant.kb.load import load_kb
load_kb(sys.argv[1:], use_cache=False, include_bundled=False)
print(json.dumps(sorted(m for m in sys.modules if m.startswith("assistant.kb."))))
"""


def test_every_module_that_builds_the_base_is_in_the_fingerprint(pack: Path) -> None:
    # Editing any module the cold load runs must invalidate the cache, so each one's
    # file has to be stamped (a module split off the loader is easily forgotten here).
    out = subprocess.run([sys.executable, "-c", LOADER_MODULES, str(pack)], capture_output=True,
                         text=True, check=True, timeout=60)
    files = {name.rsplit(".", 1)[1] + ".py" for name in json.loads(out.stdout)}
    assert "parse.py" in files  # the cold path really read the pack
    assert files <= set(cache._CODE_FILES), sorted(files - set(cache._CODE_FILES))


def test_router_sign_tables_come_from_the_derived_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The router's sign tables are built once per change of the base: a later process
    reads them back and routes exactly as with tables built afresh."""
    from assistant.intent import route, signs
    from assistant.intent.kbindex import index_for
    from assistant.services.knowledge import load_knowledge

    text = "SSL handshake failed: SSSLERR_PEER_CERT_UNTRUSTED, CONNECT through the proxy"
    cold = load_knowledge()
    cold_answer = route(text, cold.kb).to_json()
    assert signs.SIGN_TABLES_NAME in cold.derived
    assert cold.cache_file is not None
    assert cold.cache_file.with_name(f"{cold.cache_file.stem}.{signs.SIGN_TABLES_NAME}.pickle").is_file()

    warm = load_knowledge()
    assert warm.from_cache and signs.SIGN_TABLES_NAME not in warm.derived

    def no_build(*_: object) -> None:
        raise AssertionError("rebuilt although the derived cache is warm")

    monkeypatch.setattr(signs, "_build", no_build)
    assert route(text, warm.kb).to_json() == cold_answer
    read_back = warm.derived[signs.SIGN_TABLES_NAME]
    assert signs.tables_for(warm.kb, index_for(warm.kb)) is read_back
    monkeypatch.undo()

    fresh = load_kb(use_cache=False).kb  # not primed: built in process, as before
    built = signs.tables_for(fresh, index_for(fresh))
    assert built is not read_back and built.weights == read_back.weights
    assert {pos: p.pattern for pos, p in built.case_sensitive.items()} == {
        pos: p.pattern for pos, p in read_back.case_sensitive.items()}
    assert built.case_sensitive, "the bundled base has capitalised one-word signs (CONNECT)"
    assert route(text, fresh).to_json() == cold_answer
