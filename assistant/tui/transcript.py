"""The conversation as Markdown, for `/export`.

Kept as plain data next to the widgets so exporting never has to read text back out of
the screen. User turns (fenced: often pasted logs) and notices are written so a Markdown
viewer shows them literally, never as links, HTML or headings; answers are the
Markdown the answer builders produced (they already escape untrusted text).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.textsafe import escape_control, escape_markdown

if TYPE_CHECKING:
    from assistant.answers.document import AnswerDoc


def code_block(text: str) -> str:
    """A fenced block that shows `text` literally in any Markdown viewer and stays readable
    as a raw file: the fence is longer than any run of backticks inside."""
    body = escape_control(text, keep_newlines=True)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{body}\n{fence}"


@dataclass(frozen=True, slots=True)
class Turn:
    role: str  # "user" | "assistant" | "notice"
    text: str
    doc: AnswerDoc | None = None  # an answer's document (saved, so a resumed answer opens)


@dataclass
class Transcript:
    turns: list[Turn] = field(default_factory=list)

    def add(self, role: str, text: str, doc: AnswerDoc | None = None) -> None:
        """Keep a turn; what the user typed and notices (which may quote it) are kept with
        their passwords masked, so `/export` (and the saved conversation) never writes one."""
        if role != "assistant":
            from assistant.redact import mask_said

            text = mask_said(text)
        self.turns.append(Turn(role, text, doc))

    def clear(self) -> None:
        self.turns.clear()

    def last_answer(self) -> str | None:
        for turn in reversed(self.turns):
            if turn.role == "assistant":
                return turn.text
        return None

    def to_markdown(self, *, title: str = "sapassist conversation", when: datetime | None = None) -> str:
        stamp = (when or datetime.now()).strftime("%Y-%m-%d %H:%M")
        parts = [f"# {title}\n\n_Exported {stamp}._\n"]
        for turn in self.turns:
            if turn.role == "user":
                parts.append(f"**You:**\n\n{code_block(turn.text)}\n")
            elif turn.role == "assistant":
                parts.append(f"**sapassist:**\n\n{turn.text.rstrip()}\n")
            else:
                parts.append(f"_{escape_markdown(turn.text)}_\n")
        return "\n---\n\n".join(parts)


def default_export_path(now: datetime | None = None) -> Path:
    """A new file in the data directory (or the working directory if that is not writable)."""
    from assistant.paths import data_dir

    name = f"chat-{(now or datetime.now()).strftime('%Y%m%d-%H%M%S')}.md"
    target = data_dir() / "transcripts"
    try:
        target.mkdir(parents=True, exist_ok=True)
        if os.access(target, os.W_OK):
            return target / name
    except OSError:
        pass
    return Path.cwd() / name


def write_export(text: str, path: Path) -> Path:
    """Write atomically; refuses to overwrite a directory. Returns the absolute path."""
    path = path.expanduser()
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a directory; give a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    return path.resolve()
