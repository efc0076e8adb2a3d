"""The chat's files: saved conversations, the input history shared by several chats at
once, temp files of killed writers, and where a copied answer went."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.answers.document import AnswerDoc, Section
from assistant.intent import DialogueState
from assistant.tui.clipboard import copy_with_tool, save_copy, unconfirmed_note
from assistant.tui.conversations import (
    ConversationError,
    ConversationStore,
    SavedConversation,
    SavedTurn,
    state_from_json,
    state_to_json,
)
from assistant.tui.files import remove_stale_tmp
from assistant.tui.history import InputHistory

ROOT = Path(__file__).resolve().parents[2]
DOC = AnswerDoc("SCLNT_HTTP421 — SSL certificate not trusted", "**Next step:** import the root.",
                (Section("fix:x", "How to fix it", "1. STRUST"),))


def saved(conversation_id: str, question: str = "What does SCLNT_HTTP421 mean?") -> SavedConversation:
    state = DialogueState(messages=("SCLNT_HTTP421",), causes=("server_cert_untrusted",), turns=1)
    return SavedConversation(
        id=conversation_id,
        turns=[SavedTurn("user", question), SavedTurn("assistant", DOC.markdown(), DOC),
               SavedTurn("notice", "Live check of https://h")],
        state=state_to_json(state), reported=("SCLNT_HTTP421",), shown=frozenset({"fix:x"}),
    )


def test_a_conversation_round_trips_with_its_documents_and_state(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    store.save(saved("20260101-120000-1-aaaa"))
    info = store.find("latest")
    assert info.title == "What does SCLNT_HTTP421 mean?" and info.turns == 3
    back = store.load(info)
    assert [t.role for t in back.turns] == ["user", "assistant", "notice"]
    assert back.turns[1].doc == DOC  # sections and all: a resumed answer opens like a fresh one
    assert back.reported == ("SCLNT_HTTP421",) and back.shown == frozenset({"fix:x"})
    state = state_from_json(back.state)
    assert state is not None and state.messages == ("SCLNT_HTTP421",) and state.turns == 1
    assert not list(tmp_path.glob(".conversation-*"))  # written through a renamed temp file


def test_a_pasted_multi_line_question_is_titled_as_one_line(tmp_path: Path) -> None:
    # The picker showed 'trc file: "dev_icm", trc level: 3\\n[Thr 1401…' for a pasted trace.
    store = ConversationStore(tmp_path)
    store.save(saved("20260101-120000-1-aaaa", 'trc file: "dev_icm"\n[Thr 1]\tSSL\x1b[31m'))
    assert store.find("latest").title == 'trc file: "dev_icm" [Thr 1] SSL\\x1b[31m'


def test_the_topics_scope_and_its_strength_come_back_on_resume() -> None:
    state = DialogueState(messages=("SCLNT_HTTP416",), scope="sap_http_client", scope_strength=1.0, turns=2)
    back = state_from_json(state_to_json(state))
    assert back is not None and back.scope == "sap_http_client" and back.scope_strength == 1.0
    odd = state_to_json(state) | {"scope_strength": 7.5}  # out of range: left out, not trusted
    assert state_from_json(odd).scope_strength == 0.0  # type: ignore[union-attr]


def test_the_topics_statuses_come_back_on_resume_as_numbers() -> None:
    state = DialogueState(scope="sap_server_inbound", statuses=(403,), turns=1)
    saved_json = json.loads(json.dumps(state_to_json(state)))  # as the file holds it
    back = state_from_json(saved_json)
    assert back is not None and back.statuses == (403,)
    odd = saved_json | {"statuses": ["403"], "messages": [421]}  # wrong item types: left out
    assert state_from_json(odd) == DialogueState(scope="sap_server_inbound", turns=1)


def test_listing_is_newest_first_and_ids_can_be_shortened(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    store.save(saved("20260101-120000-1-aaaa", "first"))
    time.sleep(0.01)
    store.save(saved("20260102-120000-1-bbbb", "second"))
    assert [i.title for i in store.list()] == ["second", "first"]
    assert store.find("20260101").title == "first"
    with pytest.raises(ConversationError, match="names 2 conversations"):
        store.find("2026010")
    with pytest.raises(ConversationError, match="no saved conversation"):
        store.find("1999")


def test_damaged_and_foreign_files_cost_a_line_not_the_conversation(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    path = store.save(saved("20260101-120000-1-aaaa"))
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:3], "{not json", *lines[3:]]) + "\n", encoding="utf-8")
    (tmp_path / "other.jsonl").write_text('{"format": "something else"}\n', encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.jsonl")  # never blocks the listing
    assert [i.id for i in store.list()] == ["20260101-120000-1-aaaa"]
    assert [t.role for t in store.load(store.find("latest")).turns] == ["user", "assistant", "notice"]
    # a hand-edited state: unknown fields and values of the wrong type are left out
    assert state_from_json({"unknown_field": 1, "messages": ["X"]}) == DialogueState(messages=("X",))
    assert state_from_json({"messages": 5, "turns": "many", "proxy": "yes", "host": [3]}) == DialogueState()
    assert state_from_json({"host": "h", "port": 8443}) == DialogueState(host="h", port=8443)


def test_an_empty_store_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConversationError, match="no saved conversations"):
        ConversationStore(tmp_path / "none").find("latest")


def test_temp_files_of_killed_writers_are_removed_but_not_a_live_one(tmp_path: Path) -> None:
    stale, live = tmp_path / ".history-abc.tmp", tmp_path / ".history-def.tmp"
    stale.write_text("half")
    live.write_text("being written")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert remove_stale_tmp(tmp_path, ".history-") == 1
    assert not stale.exists() and live.exists()
    os.utime(live, (old, old))
    InputHistory.load(tmp_path / "history.jsonl")  # loading the history cleans up too
    assert not live.exists()


WRITER = """
import sys
from pathlib import Path
from assistant.tui.history import InputHistory
history = InputHistory.load(Path(sys.argv[1]))
for n in range(int(sys.argv[3])):
    assert history.add(f"{sys.argv[2]} question {n}"), history.last_error
"""


def test_five_chats_at_once_keep_each_others_history(tmp_path: Path) -> None:
    """Five processes adding at the same time: every line of every chat is in the file."""
    path = tmp_path / "history.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"chat{c}", "40"], env=env)
             for c in range(5)]
    assert all(p.wait(60) == 0 for p in procs)
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert sorted(texts) == sorted(f"chat{c} question {n}" for c in range(5) for n in range(40))
    for c in range(5):  # each chat's own order is kept
        mine = [t for t in texts if t.startswith(f"chat{c} ")]
        assert mine == [f"chat{c} question {n}" for n in range(40)]


def test_the_shared_history_is_compacted_to_the_newest_entries(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    one, two = InputHistory.load(path, limit=10), InputHistory.load(path, limit=10)
    for n in range(8):
        one.add(f"one {n}")
        two.add(f"two {n}")
    kept = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(kept) == 10 and kept[-2:] == ["one 7", "two 7"]  # both chats' newest lines


def test_a_clipboard_tool_that_confirms_is_named(tmp_path: Path) -> None:
    target = tmp_path / "clip"
    good = tmp_path / "good-tool"
    good.write_text(f"#!/bin/sh\ncat > {target}\n")
    bad = tmp_path / "bad-tool"
    bad.write_text("#!/bin/sh\nexit 1\n")
    for tool in (good, bad):
        tool.chmod(0o755)
    assert copy_with_tool("the answer", [[str(bad)], [str(good)]]) == str(good)
    assert target.read_text() == "the answer"
    assert copy_with_tool("x", [[str(bad)], [str(tmp_path / "missing")]]) is None


def test_an_unconfirmed_copy_says_so_and_where_the_text_is(tmp_path: Path) -> None:
    path = save_copy("answer text", tmp_path)
    assert path is not None and path.read_text() == "answer text"
    note = unconfirmed_note(path, under_tmux=True)
    assert "Copied" not in note and "set -g set-clipboard on" in note and str(path) in note
    # The toast shows it without markup: Markdown in it would show raw (an 80x24 session).
    assert "`" not in note and "**" not in note
