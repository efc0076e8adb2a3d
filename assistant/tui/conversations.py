"""Conversations saved to the data directory and resumed (`sapassist --resume`, `/resume`).

One file per conversation, `conversations/<id>.jsonl` under the XDG data directory: a
header line (id, title, when, how many turns), a line with the dialogue state, then one
line per turn — an answer as its document (verdict and sections), so a resumed answer
opens its sections like a fresh one. Each chat writes only its own file (the id holds
the time, the process id and a random part), always whole and atomically (a temporary
file in the same directory, fsync, rename), so several chats open at once and a chat
killed mid-write never lose a conversation. Listing reads only each file's first line.

Pure Python (no Textual). Passwords never get here: user turns are stored as shown, which
is masked (`tui/history.mask_said`).
"""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.answers.document import AnswerDoc, Section
from assistant.textsafe import escape_control
from assistant.tui.files import read_first_line, read_regular, remove_stale_tmp, write_atomically

if TYPE_CHECKING:
    from assistant.intent import DialogueState

FORMAT = "sapassist-conversation"
VERSION = 1
DIRECTORY = "conversations"
MAX_FILE = 32 * 1024 * 1024  # a conversation file larger than this is not read
MAX_HEADER = 64 * 1024
TITLE_CHARS = 72
TMP_PREFIX = ".conversation-"


class ConversationError(Exception):
    """A conversation could not be found or read; the message says which and why."""


@dataclass(frozen=True, slots=True)
class SavedTurn:
    role: str  # "user" | "assistant" | "notice"
    text: str  # what was shown (an answer: its whole Markdown)
    doc: AnswerDoc | None = None  # an answer's document


@dataclass(frozen=True, slots=True)
class ConversationInfo:
    """What the picker shows about one saved conversation."""

    id: str
    title: str
    updated: float  # seconds since the epoch
    turns: int
    path: Path

    @property
    def when(self) -> str:
        return datetime.fromtimestamp(self.updated).strftime("%Y-%m-%d %H:%M")


@dataclass
class SavedConversation:
    id: str
    turns: list[SavedTurn] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    reported: tuple[str, ...] = ()
    shown: frozenset[str] = frozenset()
    started: float = 0.0


def conversations_dir() -> Path:
    from assistant.paths import data_dir

    return data_dir() / DIRECTORY


def new_id(now: float | None = None) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now if now is not None else time.time()))
    return f"{stamp}-{os.getpid()}-{secrets.token_hex(2)}"


# -- documents and state as JSON ------------------------------------------------------------


def doc_to_json(doc: AnswerDoc) -> dict[str, Any]:
    return {"headline": doc.headline, "verdict": doc.verdict,
            "sections": [[s.key, s.title, s.markdown] for s in doc.sections]}


def doc_from_json(data: Any) -> AnswerDoc | None:
    if not isinstance(data, dict):
        return None
    sections = []
    for item in data.get("sections") or []:
        if isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item):
            sections.append(Section(*item))
    headline, verdict = data.get("headline"), data.get("verdict")
    if not isinstance(headline, str) or not isinstance(verdict, str):
        return None
    return AnswerDoc(headline, verdict, tuple(sections))


def state_to_json(state: DialogueState | None) -> dict[str, Any]:
    return asdict(state) if state is not None else {}


def state_from_json(data: dict[str, Any]) -> DialogueState | None:
    """The saved dialogue state. A field this version does not know, or whose value has
    another type than the field's default, is left out (a hand-edited or older file
    resumes with less, never with a wrong state)."""
    if not data:
        return None
    from dataclasses import MISSING

    from assistant.intent import DialogueState

    values: dict[str, Any] = {}
    for f in fields(DialogueState):
        if f.name not in data:
            continue
        value, default = data[f.name], f.default if f.default is not MISSING else None
        if f.name == "earlier":  # the earlier topics: each a state of its own, read the same way
            if isinstance(value, list) and all(isinstance(v, dict) for v in value):
                values[f.name] = tuple(t for t in (state_from_json({**v, "earlier": []}) for v in value) if t)
        elif isinstance(default, tuple):
            item = int if "int" in str(f.type) else str  # the topic's statuses are numbers, the rest ids
            if isinstance(value, list) and all(isinstance(v, item) and not isinstance(v, bool) for v in value):
                values[f.name] = tuple(value)
        elif isinstance(default, bool):
            if isinstance(value, bool):
                values[f.name] = value
        elif isinstance(default, int):
            if isinstance(value, int) and not isinstance(value, bool):
                values[f.name] = value
        elif isinstance(default, float):  # the topic's scope strength (0..1)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0.0 <= value <= 1.0:
                values[f.name] = float(value)
        elif isinstance(default, str):
            if isinstance(value, str):
                values[f.name] = value
        elif value is None or (isinstance(value, (str, int)) and not isinstance(value, bool)):
            values[f.name] = value  # an optional host, URL, port, intent …
    try:
        return DialogueState(**values)
    except TypeError:
        return None


# -- the store --------------------------------------------------------------------------------


class ConversationStore:
    """Saved conversations in one directory (the data directory's by default)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else conversations_dir()

    def path_of(self, conversation_id: str) -> Path:
        safe = "".join(ch for ch in conversation_id if ch.isalnum() or ch in "-_")
        return self.directory / f"{safe}.jsonl"

    def save(self, saved: SavedConversation, state: DialogueState | None = None) -> Path:
        """Write the whole conversation atomically (raises OSError)."""
        turns = [t for t in saved.turns if t.role in ("user", "assistant", "notice")]
        title = next((t.text for t in turns if t.role == "user"), "")
        header = {"format": FORMAT, "version": VERSION, "id": saved.id,
                  "title": _title(title), "started": saved.started or time.time(),
                  "updated": time.time(), "turns": len(turns)}
        lines = [header, {"state": state_to_json(state) if state is not None else saved.state,
                          "reported": list(saved.reported), "shown": sorted(saved.shown)}]
        for turn in turns:
            item: dict[str, Any] = {"role": turn.role, "text": turn.text}
            if turn.doc is not None:
                item["doc"] = doc_to_json(turn.doc)
            lines.append(item)
        body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        return write_atomically(self.path_of(saved.id), body, prefix=TMP_PREFIX)

    def list(self, limit: int = 200) -> list[ConversationInfo]:
        """Saved conversations, the most recently updated first (unreadable files skipped)."""
        self.clean_tmp()
        found = []
        try:
            paths = list(self.directory.glob("*.jsonl"))
        except OSError:
            return []
        for path in paths:
            info = _read_header(path)
            if info is not None:
                found.append(info)
        found.sort(key=lambda i: i.updated, reverse=True)
        return found[:limit]

    def latest(self) -> ConversationInfo | None:
        listed = self.list(limit=1)
        return listed[0] if listed else None

    def find(self, wanted: str) -> ConversationInfo:
        """A conversation by its id or the start of it; "latest" (or "") for the newest."""
        listed = self.list()
        if wanted in ("", "latest"):
            if not listed:
                raise ConversationError(f"no saved conversations in {self.directory}")
            return listed[0]
        hits = [i for i in listed if i.id == wanted] or [i for i in listed if i.id.startswith(wanted)]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise ConversationError(f"no saved conversation {escape_control(wanted)!r} in {self.directory}")
        raise ConversationError(f"{escape_control(wanted)!r} names {len(hits)} conversations; give more of the id")

    def load(self, info: ConversationInfo) -> SavedConversation:
        lines = _read_lines(info.path)
        try:
            header = json.loads(lines[0])
            meta = json.loads(lines[1]) if len(lines) > 1 else {}
        except (ValueError, IndexError):
            raise ConversationError(f"{info.path} is not a saved conversation") from None
        if not isinstance(header, dict) or header.get("format") != FORMAT or not isinstance(meta, dict):
            raise ConversationError(f"{info.path} is not a saved conversation")
        state = meta.get("state")
        saved = SavedConversation(
            id=info.id,
            state=state if isinstance(state, dict) else {},
            reported=tuple(x for x in meta.get("reported") or [] if isinstance(x, str)),
            shown=frozenset(x for x in meta.get("shown") or [] if isinstance(x, str)),
            started=float(header.get("started") or 0.0),
        )
        for line in lines[2:]:
            try:
                item = json.loads(line)
            except ValueError:
                continue  # a damaged line costs one turn, not the conversation
            if isinstance(item, dict) and item.get("role") in ("user", "assistant", "notice") \
                    and isinstance(item.get("text"), str):
                saved.turns.append(SavedTurn(item["role"], item["text"], doc_from_json(item.get("doc"))))
        return saved

    def clean_tmp(self) -> None:
        """Temp files of chats killed while saving."""
        remove_stale_tmp(self.directory, TMP_PREFIX)


# -- files ------------------------------------------------------------------------------------


def _title(text: str) -> str:
    """The first question as one line for the picker: a pasted trace's line breaks and
    tabs are spaces (escaped first, they showed as "\\n" in the list); any other control
    character is still made visible."""
    one_line = escape_control(" ".join(text.split()))
    return one_line if len(one_line) <= TITLE_CHARS else one_line[: TITLE_CHARS - 1] + "…"


def _read_header(path: Path) -> ConversationInfo | None:
    try:
        header = json.loads(read_first_line(path, MAX_HEADER).decode("utf-8", errors="replace"))
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return None
    try:
        return ConversationInfo(str(header["id"]), str(header.get("title") or ""),
                                float(header.get("updated") or 0.0), int(header.get("turns") or 0), path)
    except (KeyError, TypeError, ValueError):
        return None


def _read_lines(path: Path) -> list[str]:
    try:
        data = read_regular(path, MAX_FILE)
    except OSError as exc:
        raise ConversationError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError:
        raise ConversationError(f"{path} is larger than {MAX_FILE // (1024 * 1024)} MB; not read") from None
    return data.decode("utf-8", errors="replace").splitlines()
