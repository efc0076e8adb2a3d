"""Shared pytest fixtures.

Every test runs with its own config, cache and data directories, so no test reads the
developer's real config or reuses another test's knowledge-base cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point XDG dirs at a fresh temporary home and clear sapassist's own variables."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data")):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("SAPASSIST_CONFIG", str(home / "config" / "sapassist" / "config.toml"))
    monkeypatch.delenv("SAPASSIST_KB_PATH", raising=False)
    monkeypatch.delenv("SAPASSIST_NO_CACHE", raising=False)
    yield home
