"""Start the chat: `sapassist` with no arguments ends up here."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.config import Config
    from assistant.tui.app import ChatApp


def build_app(kb_dirs: Sequence[str] = (), config: Config | None = None, resume: str | None = None) -> ChatApp:
    """The chat as the user configured it: the config file's theme is the initial one
    (its `kb_paths` reach the knowledge loader through `kb.load`); `resume`: a saved
    conversation to continue ("latest" or its id)."""
    from assistant.config import load_config
    from assistant.tui.app import ChatApp

    config = config if config is not None else load_config()
    return ChatApp(kb_dirs=list(kb_dirs), theme=config.theme, resume=resume)


def run(kb_dirs: Sequence[str] = (), resume: str | None = None) -> int:
    """Run the Textual chat until the user quits; returns the exit code."""
    try:
        app = build_app(kb_dirs, resume=resume)
    except ImportError as exc:  # a broken install must say so, not dump a traceback
        print(f"sapassist: cannot start the chat: {exc}", file=sys.stderr)
        return 2
    result = app.run()
    return int(result or 0)
