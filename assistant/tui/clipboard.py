"""Copying an answer, and saying honestly where it went.

A clipboard tool (wl-copy, xclip, xsel, pbcopy) reports whether it worked, so after one
of them "Copied" is the truth. Without one the only way is the terminal's OSC 52
sequence, which nothing confirms: many terminals ignore it, and tmux passes it on only
with `set -g set-clipboard on`. Then the chat says so, and the answer is also written
to a file the user can open. Pure Python (no Textual); runs in a worker thread (a tool
may take a moment, and is given at most `TOOL_TIMEOUT`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TOOL_TIMEOUT = 2.0
LAST_ANSWER_FILE = "last-answer.md"


@dataclass(frozen=True, slots=True)
class CopyResult:
    tool: str | None  # the tool that took it; None: not confirmed (OSC 52 only)
    saved_to: Path | None = None  # where the text was saved when no tool confirmed it


def clipboard_tools(env: dict[str, str] | None = None) -> list[list[str]]:
    """The clipboard commands that can work in this session, best first."""
    env = dict(os.environ) if env is None else env
    candidates: list[list[str]] = []
    if env.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if env.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    candidates.append(["pbcopy"])  # macOS
    return [c for c in candidates if shutil.which(c[0])]


def copy_with_tool(text: str, tools: list[list[str]] | None = None) -> str | None:
    """The name of the first tool that took `text` (exit status 0), or None."""
    for command in clipboard_tools() if tools is None else tools:
        try:
            done = subprocess.run(command, input=text.encode("utf-8"), timeout=TOOL_TIMEOUT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return command[0]
    return None


def save_copy(text: str, directory: Path) -> Path | None:
    """The text in `directory/last-answer.md` (None when that cannot be written)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / LAST_ANSWER_FILE
        tmp = directory / f".{LAST_ANSWER_FILE}.{os.getpid()}.tmp"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
        return target
    except OSError:
        return None


def unconfirmed_note(saved_to: Path | None, *, under_tmux: bool) -> str:
    """What to tell the user when only OSC 52 was sent."""
    # Plain text: the toast shows no Markdown (markup=False), so backticks would show raw.
    where = "tmux passes it on only with: set -g set-clipboard on" if under_tmux else (
        "many terminals (macOS Terminal, some SSH setups) ignore it")
    # The file on a line of its own: it is to be read off the screen and copied whole.
    saved = f"\nThe answer is also in:\n{saved_to}" if saved_to else ""
    return (f"No clipboard tool here, so the answer was sent to the terminal's clipboard (OSC 52) — "
            f"whether it arrived depends on the terminal: {where}.{saved}")
