"""Start the chat: `sapassist` with no arguments ends up here."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run(kb_dirs: Sequence[str] = ()) -> int:
    """Run the Textual chat until the user quits; returns the exit code."""
    try:
        from assistant.tui.app import ChatApp
    except ImportError as exc:  # a broken install must say so, not dump a traceback
        print(f"sapassist: cannot start the chat: {exc}", file=sys.stderr)
        return 2
    result = ChatApp(kb_dirs=list(kb_dirs)).run()
    return int(result or 0)
