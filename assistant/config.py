"""The user's config file (TOML, read with the stdlib `tomllib`).

```toml
kb_paths = ["~/sap/t100-pack", "packs/ours"]   # relative paths: relative to this file
theme = "textual-dark"
```

A bad config file must never stop the assistant: every problem becomes a warning and the
affected setting falls back to its default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from assistant import paths

KNOWN_KEYS = ("kb_paths", "theme")
MAX_CONFIG_BYTES = 1024 * 1024  # a config file is a few lines


@dataclass(frozen=True, slots=True)
class Config:
    path: Path
    kb_paths: tuple[Path, ...] = ()
    theme: str | None = None
    warnings: tuple[str, ...] = ()


def _resolve(entry: str, base: Path) -> Path:
    p = Path(os.path.expanduser(entry))
    return p if p.is_absolute() else base / p


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is simply the defaults."""
    from assistant.safefile import FileReadError, read_bounded

    path = path if path is not None else paths.config_file()
    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES, "config file")
    except FileReadError as exc:
        if exc.missing:
            return Config(path)
        return Config(path, warnings=(f"config file not readable ({exc}); using defaults",))
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Config(path, warnings=(f"{path}: config file is not UTF-8 text; using defaults",))
    except tomllib.TOMLDecodeError as exc:
        return Config(path, warnings=(f"{path}: invalid TOML ({exc}); using defaults",))

    warnings: list[str] = []
    for key in data:
        if key not in KNOWN_KEYS:
            warnings.append(f"{path}: unknown setting {key!r} ignored (known: {', '.join(KNOWN_KEYS)})")

    kb_paths: list[Path] = []
    raw_paths = data.get("kb_paths", [])
    if isinstance(raw_paths, str):
        raw_paths = [raw_paths]
    if not isinstance(raw_paths, list):
        warnings.append(f"{path}: kb_paths must be a list of directory names; ignored")
        raw_paths = []
    for entry in raw_paths:
        if isinstance(entry, str) and entry.strip():
            kb_paths.append(_resolve(entry.strip(), path.parent))
        else:
            warnings.append(f"{path}: kb_paths entry {entry!r} is not a directory name; ignored")

    theme = data.get("theme")
    if theme is not None and not (isinstance(theme, str) and theme.strip()):
        warnings.append(f"{path}: theme must be a non-empty string; ignored")
        theme = None

    return Config(path, tuple(kb_paths), theme.strip() if theme else None, tuple(warnings))
