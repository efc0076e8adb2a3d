"""The config file: TOML settings, relative paths, and warnings instead of crashes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant import paths
from assistant.config import load_config


def write(text: str | bytes) -> Path:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_is_defaults_without_warning() -> None:
    config = load_config()
    assert config.kb_paths == () and config.theme is None and config.warnings == ()
    assert config.path == paths.config_file()


def test_config_location_follows_sapassist_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAPASSIST_CONFIG", str(tmp_path / "elsewhere.toml"))
    (tmp_path / "elsewhere.toml").write_text('theme = "nord"\n', encoding="utf-8")
    assert load_config().theme == "nord"


def test_kb_paths_and_theme(tmp_path: Path) -> None:
    path = write(f'kb_paths = ["packs/a", "{tmp_path / "abs"}", "~/home-pack"]\ntheme = "gruvbox"\n')
    config = load_config()
    assert config.kb_paths == (
        path.parent / "packs" / "a",
        tmp_path / "abs",
        Path(os.path.expanduser("~/home-pack")),
    )
    assert config.theme == "gruvbox"
    assert config.warnings == ()


def test_single_string_kb_path_is_accepted() -> None:
    path = write('kb_paths = "one"\n')
    assert load_config().kb_paths == (path.parent / "one",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kb_paths = [\n", "invalid TOML"),
        (b"theme = \"\xff\"\n", "not UTF-8"),
        ("kb_paths = 3\n", "kb_paths must be a list"),
        ('kb_paths = ["ok", 7, ""]\n', "kb_paths entry 7"),
        ("theme = 5\n", "theme must be a non-empty string"),
        ('colour = "red"\n', "unknown setting 'colour'"),
    ],
)
def test_bad_config_warns_and_falls_back(text: str | bytes, expected: str) -> None:
    path = write(text)
    config = load_config()
    assert any(expected in w and str(path) in w for w in config.warnings), config.warnings
    assert config.theme is None


def test_good_entries_survive_bad_neighbours() -> None:
    path = write('kb_paths = ["ok", 7]\ntheme = "nord"\n')
    config = load_config()
    assert config.kb_paths == (path.parent / "ok",) and config.theme == "nord"
    assert len(config.warnings) == 1


def test_unreadable_config_path_is_a_warning() -> None:
    path = paths.config_file()
    path.mkdir(parents=True)  # a directory where the file should be
    config = load_config()
    assert config.kb_paths == () and len(config.warnings) == 1
    assert "not readable" in config.warnings[0]
