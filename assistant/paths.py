"""Where sapassist reads and writes files (XDG base directories).

Every location can be redirected with an environment variable so tests and users can
isolate runs: XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_DATA_HOME.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "sapassist"


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var, "").strip()
    base = Path(value) if value and os.path.isabs(value) else Path.home() / fallback
    return base / APP


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config")


def cache_dir() -> Path:
    return _xdg("XDG_CACHE_HOME", ".cache")


def data_dir() -> Path:
    return _xdg("XDG_DATA_HOME", ".local/share")


def config_file() -> Path:
    """The config file; SAPASSIST_CONFIG overrides the default location."""
    override = os.environ.get("SAPASSIST_CONFIG", "").strip()
    return Path(override) if override else config_dir() / "config.toml"


def bundled_knowledge_dir() -> Path:
    """The knowledge base shipped with the package.

    A wheel carries it as `assistant/_knowledge`; a source checkout (editable install)
    has it at the repository root as `knowledge/`.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "_knowledge"
    if packaged.is_dir():
        return packaged
    return here.parent / "knowledge"
