"""Input history for the chat prompt, kept across runs as JSONL in the data directory.

One JSON object per line (`{"text": ...}`) so a half-written or hand-edited line costs
one entry, not the whole file. Several chats may be open at once: each new input is
*appended* under a lock (`flock` on `.history.lock`), never written from one chat's
memory over another's lines; past the limit (or with a broken line) the chat holding the
lock compacts it to the newest entries, atomically (temp file + rename), from what the
file holds then. Temp files a killed chat left behind are removed on load. Secrets typed
into the prompt (proxy passwords) are masked before they reach the disk.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.tui.files import read_regular, remove_stale_tmp, write_atomically

HISTORY_FILE = "history.jsonl"
LOCK_FILE = ".history.lock"
TMP_PREFIX = ".history-"
DEFAULT_LIMIT = 500
MAX_ENTRY = 10_000  # longer inputs are pastes of whole logs: answered, not kept for recall
MAX_FILE = 16 * 1024 * 1024  # a history file larger than this is not read

def mask_said(text: str) -> str:
    """Mask passwords so they are never shown, saved or written to the history file — in a
    command or in prose ("Passwort ist …") — with the one masking, `assistant.redact`'s, that
    every front end uses."""
    from assistant.redact import mask_said as mask

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
        remove_stale_tmp(history.path.parent, TMP_PREFIX)
        try:
            raw = read_regular(history.path, MAX_FILE).decode("utf-8", errors="replace")
        except FileNotFoundError:
            return history
        except (OSError, ValueError) as exc:
            history.last_error = f"cannot read {history.path}: {getattr(exc, 'strerror', None) or exc}"
            return history
        for line in raw.splitlines():
            text = _entry_text(line)
            if text is not None:
                history.entries.append(text)
        del history.entries[: -history.limit]
        return history

    def add(self, text: str) -> bool:
        """Remember `text` (masked) and append it to the file; False when it could not be
        written (`last_error` says why)."""
        self.reset_cursor()
        text = mask_said(text.strip())
        if not text or len(text) > MAX_ENTRY:
            return True
        if self.entries and self.entries[-1] == text:
            return True
        self.entries.append(text)
        del self.entries[: -self.limit]
        return self._append(json.dumps({"text": text}, ensure_ascii=False) + "\n")

    def _append(self, line: str) -> bool:
        if self.path is None:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.path.parent / LOCK_FILE):
                with open(self.path, "a", encoding="utf-8") as handle:
                    handle.write(line)
                    handle.flush()
                    os.fsync(handle.fileno())
                self._compact_if_long()
        except OSError as exc:
            self.last_error = f"cannot write {self.path}: {exc.strerror or exc}"
            return False
        self.last_error = None
        return True

    def _compact_if_long(self) -> None:
        """Under the lock: past the limit (or with a broken line), keep the newest `limit`
        valid lines of the file — every chat's, not only this one's."""
        assert self.path is not None
        try:
            raw = read_regular(self.path, MAX_FILE).decode("utf-8", errors="replace").splitlines()
        except ValueError:  # grown past the bound (not by this chat): start from its entries
            raw = [json.dumps({"text": t}, ensure_ascii=False) for t in self.entries]
        valid = [line for line in raw if _entry_text(line) is not None]
        if len(raw) <= self.limit and len(valid) == len(raw):
            return
        write_atomically(self.path, "".join(line + "\n" for line in valid[-self.limit :]), prefix=TMP_PREFIX)

    def save(self) -> bool:
        """Write this chat's entries as the whole file (atomically); never raises."""
        if self.path is None:
            return True
        body = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in self.entries)
        try:
            with _locked(self.path.parent / LOCK_FILE):
                write_atomically(self.path, body, prefix=TMP_PREFIX)
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


def _entry_text(line: str) -> str | None:
    """The text of one history line, or None for a broken or foreign line."""
    try:
        item = json.loads(line)
    except ValueError:
        return None
    text = item.get("text") if isinstance(item, dict) else None
    return text if isinstance(text, str) and text.strip() else None


@contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """An exclusive lock between the chats of this user (advisory `flock`; none where
    the platform has no fcntl)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as handle:
        try:
            import fcntl
        except ImportError:  # not on POSIX: appends are still whole lines
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

