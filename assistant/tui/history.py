"""Input history for the chat prompt, kept across runs as JSONL in the data directory.

One JSON object per line (`{"text": ...}`) so a half-written or hand-edited line costs
one entry, not the whole file. The file is rewritten atomically (temp file + rename) so
a crash or a second running chat never leaves it truncated. Secrets typed into the
prompt (proxy passwords) are masked before they reach the disk.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HISTORY_FILE = "history.jsonl"
DEFAULT_LIMIT = 500
MAX_ENTRY = 10_000  # longer inputs are pastes of whole logs: answered, not kept for recall

def mask_secrets(text: str) -> str:
    """Mask passwords so they are never written to the history file (the one parser,
    `assistant.redact`, that the command line uses too)."""
    from assistant.redact import mask_secrets as mask

    return mask(text)


def default_history_path() -> Path:
    from assistant.paths import data_dir

    return data_dir() / HISTORY_FILE


@dataclass
class InputHistory:
    """Earlier inputs, oldest first, with a recall cursor for ↑/↓."""

    path: Path | None = None
    limit: int = DEFAULT_LIMIT
    entries: list[str] = field(default_factory=list)
    last_error: str | None = None
    _cursor: int | None = None  # index into entries while recalling; None = editing a draft
    _draft: str = ""

    @classmethod
    def load(cls, path: Path | None = None, limit: int = DEFAULT_LIMIT) -> InputHistory:
        """Read the history file; unreadable files and broken lines are skipped."""
        history = cls(path=path if path is not None else default_history_path(), limit=limit)
        assert history.path is not None
        try:
            raw = history.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return history
        except OSError as exc:
            history.last_error = f"cannot read {history.path}: {exc.strerror or exc}"
            return history
        for line in raw.splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            text = item.get("text") if isinstance(item, dict) else None
            if isinstance(text, str) and text.strip():
                history.entries.append(text)
        del history.entries[: -history.limit]
        return history

    def add(self, text: str) -> bool:
        """Remember `text` (masked) and save; False when the file could not be written."""
        self.reset_cursor()
        text = mask_secrets(text.strip())
        if not text or len(text) > MAX_ENTRY:
            return True
        if self.entries and self.entries[-1] == text:
            return True
        self.entries.append(text)
        del self.entries[: -self.limit]
        return self.save()

    def save(self) -> bool:
        """Write the whole file atomically; never raises."""
        if self.path is None:
            return True
        body = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in self.entries)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".history-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(body)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self.last_error = f"cannot write {self.path}: {exc.strerror or exc}"
            return False
        self.last_error = None
        return True

    # -- recall -------------------------------------------------------------------------

    def reset_cursor(self) -> None:
        self._cursor = None
        self._draft = ""

    def previous(self, current: str) -> str | None:
        """The entry before the cursor (↑); remembers the unsent draft on the first step."""
        if not self.entries:
            return None
        if self._cursor is None:
            self._draft = current
            self._cursor = len(self.entries)
        if self._cursor == 0:
            return self.entries[0]
        self._cursor -= 1
        return self.entries[self._cursor]

    def next(self) -> str | None:
        """The entry after the cursor (↓); past the newest entry, the draft comes back."""
        if self._cursor is None:
            return None
        self._cursor += 1
        if self._cursor >= len(self.entries):
            draft = self._draft
            self.reset_cursor()
            return draft
        return self.entries[self._cursor]
