"""Shared pytest fixtures.

Every test runs with its own config, cache and data directories, so no test reads the
developer's real config or reuses another test's knowledge-base cache.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from assistant.kb.knowledge_base import KnowledgeBase
    from tests.support.certs import ScenarioFiles
    from tests.support.servers import GoodServer, LoopbackServer

# Property tests: random examples while developing (new ones each run find new bugs);
# CI (.ci/run sets HYPOTHESIS_PROFILE=ci) runs a fixed sequence, so a submission does not
# fail on an example no one has seen before — found bugs become explicit tests instead.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "explore"))


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
    for var in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY",
                "no_proxy", "NO_PROXY"):  # the check names an environment proxy in its next step
        monkeypatch.delenv(var, raising=False)
    yield home


@pytest.fixture
def tui_env(isolated_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """For the chat's tests: history, cache and exports go to `isolated_env`'s home (which
    it returns), and the working directory is a fresh tmp dir, so an export that falls
    back to the working directory never lands in the checkout."""
    monkeypatch.chdir(tmp_path)
    return isolated_env


@pytest.fixture(scope="module")
def good_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GoodServer]:
    """A loopback HTTPS server with a complete, trusted chain that answers 200 (one per
    test module)."""
    from tests.support import certs  # cryptography: only for the tests that use it
    from tests.support.servers import GoodServer, tls_server

    scenario = certs.good_chain()
    files = scenario.write(tmp_path_factory.mktemp("good"))
    with tls_server(files.chain, files.key) as server:
        yield GoodServer(scenario, server, files)


@pytest.fixture(scope="module")
def good(good_server: GoodServer) -> tuple[LoopbackServer, Path]:
    """`good_server` as (server, CA file), the shape most check tests want."""
    return good_server.server, good_server.files.ca


@pytest.fixture(scope="module")
def good_files(tmp_path_factory: pytest.TempPathFactory) -> ScenarioFiles:
    """A healthy chain's files (root, intermediate, leaf, key) for tests that start their
    own servers."""
    from tests.support.certs import good_chain

    return good_chain().write(tmp_path_factory.mktemp("good"))


@pytest.fixture
def small_bundled_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small bundled base standing in for the real one (which other tests cover)."""
    from tests.support.kb import install_bundled

    return install_bundled(tmp_path / "bundled", monkeypatch)


@pytest.fixture(scope="session")
def bundled_kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once without the cache (read-only for tests)."""
    from assistant.kb.load import load_kb

    return load_kb(use_cache=False).kb
