"""TextIndex: finding a message by its (mistyped, shortened, filled-in) text."""

from __future__ import annotations

import pickle

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.model import Message
from assistant.kb.t100text import PlaceholderMatcher, strip_placeholders, tokens
from assistant.kb.textindex import TextIndex

TEXTS = {
    "SCLNT_HTTP423": "Connection to host & failed: &",
    "SCLNT_HTTP424": "Connection to host & refused",
    "ZSYN_042001": "Material & does not exist",
    "ZSYN_042002": "Material & does not exist in plant &",
    "ZSYN_042003": "Vendor & does not exist",
    "ZSYN_042004": "Enter a valid material number",
    "ZSYN_042005": "Purchase order &1 is locked by user &2",
    "ZSYN_042006": "Sales order &1 is locked by user &2",
    "ZSYN_042007": "No authorization to change purchase order &",
    "ZSYN_042008": "Certificate & is not trusted by the SSL client PSE",
    "ZSYN_042009": "&1&2&3&4",
    "ZSYN_042010": "& failed",
    "ZSYN_042011": "Enter a value in field MATNR",
}


def message(msg_id: str, text: str, **extra: object) -> Message:
    cls, number = msg_id[:-3], int(msg_id[-3:])
    return Message(id=msg_id, message_class=cls, number=number, title=text, status="imported",
                   short_text=text, sap_wording="imported", **extra)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def index() -> TextIndex:
    return TextIndex.build({k: message(k, v) for k, v in TEXTS.items()})


def top(index: TextIndex, text: str) -> str | None:
    found = index.search(text, limit=3)
    return found[0][0] if found else None


def test_exact_text_scores_100(index: TextIndex) -> None:
    assert index.search("Enter a valid material number", limit=1) == [("ZSYN_042004", 100.0)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Enter a vaild material number", "ZSYN_042004"),            # swapped letters
        ("Purchase ordr 4500001 is locked by user JDOE", "ZSYN_042005"),
        ("sales order 12 is lokced by user X", "ZSYN_042006"),
        ("Certificat is not trusted by the SSL client PSE", "ZSYN_042008"),
    ],
)
def test_typo(index: TextIndex, query: str, expected: str) -> None:
    assert top(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Enter a valid number", "ZSYN_042004"),
        ("No authorization to change order", "ZSYN_042007"),
        ("Material does not exist in plant", "ZSYN_042002"),
        ("Material does not exist", "ZSYN_042001"),
    ],
)
def test_missing_word(index: TextIndex, query: str, expected: str) -> None:
    assert top(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Connection to host sap.example.com failed: timeout", "SCLNT_HTTP423"),
        ("HTTP error 423 occured: Connection to host 10.0.0.1 failed: NIECONN_REFUSED(-10)", "SCLNT_HTTP423"),
        ("Connection to host proxy.corp.local refused", "SCLNT_HTTP424"),
        ("Material PUMP-4711 does not exist in plant 1000", "ZSYN_042002"),
        ("Certificate CN=*.example.com is not trusted by the SSL client PSE", "ZSYN_042008"),
    ],
)
def test_placeholder_filled_paste(index: TextIndex, query: str, expected: str) -> None:
    found = index.search(query, limit=3)
    assert found[0][0] == expected
    assert found[0][1] >= 65  # text around the message (a prefix) lowers the score a little
    assert found[0][1] > found[1][1]


def test_mostly_placeholder_texts_do_not_win_everything(index: TextIndex) -> None:
    found = dict(index.search("Connection to host a.example failed: refused", limit=10))
    assert "ZSYN_042009" not in found  # "&1&2&3&4" has no words to match at all
    assert found.get("ZSYN_042010", 0) < found["SCLNT_HTTP423"]


def test_ids_and_scores_are_sane(index: TextIndex) -> None:
    found = index.search("material does not exist", limit=4)
    assert 1 <= len(found) <= 4
    assert all(msg_id in TEXTS for msg_id, _ in found)
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 100 for score in scores)
    assert len({msg_id for msg_id, _ in found}) == len(found)


@pytest.mark.parametrize("query", ["", "   ", "&&& &1", "\x00\x1b[31m", "qqqqqqqq zzzzzzz"])
def test_nothing_to_find(index: TextIndex, query: str) -> None:
    assert index.search(query) == []


def test_limit(index: TextIndex) -> None:
    assert index.search("order", limit=0) == []
    assert len(index.search("order is locked", limit=1)) == 1


def test_huge_paste_is_bounded(index: TextIndex) -> None:
    paste = "Purchase order 1 is locked by user X " + "garbage words here " * 60_000
    assert top(index, paste) == "ZSYN_042005"


def test_pickle_round_trip_gives_the_same_answers(index: TextIndex) -> None:
    copy = pickle.loads(pickle.dumps(index))
    assert len(copy) == len(index)
    for query in ("Enter a vaild material number", "Connection to host x failed: y", "order locked"):
        assert copy.search(query) == index.search(query)


def test_keywords_and_imported_text_are_searchable() -> None:
    msgs = [
        message("SCLNT_HTTP411", "Connection refused", keywords=("NIECONN_REFUSED",)),
        message("SCLNT_HTTP407", "SSL error", imported_text="SSL-Fehler beim Verbindungsaufbau"),
    ]
    index = TextIndex.build(msgs)
    assert top(index, "SSL-Fehler beim Verbindungsaufbau") == "SCLNT_HTTP407"
    assert top(index, "connection refused nieconn_refused") == "SCLNT_HTTP411"


def test_for_kb_is_memoised_per_knowledge_base() -> None:
    kb = KnowledgeBase(messages={k: message(k, v) for k, v in TEXTS.items()})
    first = TextIndex.for_kb(kb)
    assert TextIndex.for_kb(kb) is first
    other = KnowledgeBase(messages=dict(kb.messages))
    assert TextIndex.for_kb(other) is not first
    ready = pickle.loads(pickle.dumps(first))
    TextIndex.remember(kb, ready)
    assert TextIndex.for_kb(kb) is ready


def test_placeholder_matcher() -> None:
    matcher = PlaceholderMatcher.from_text("Connection to host & failed: &")
    assert matcher is not None
    assert matcher.match("connection to  HOST sap.example.com failed: timeout") == 1.0
    assert matcher.match("Connection to host failed") == 0.0  # literal ": " missing
    prefixed = matcher.match("HTTP error 411 occured: Connection to host x failed: y")
    assert 0 < prefixed < 1
    assert matcher.regex() == r"^connection\s+to\s+host.*?failed:"
    assert PlaceholderMatcher.from_text("No placeholder here") is None
    assert PlaceholderMatcher.from_text("&1&2&3&4") is None
    ending = PlaceholderMatcher.from_text("&1 was saved")
    assert ending is not None and ending.match("Order 42 was saved") == 1.0
    assert ending.match("Order 42 was saved twice") < 1.0


def test_placeholder_helpers() -> None:
    assert strip_placeholders("R&&D order &1 for &") == "R&D order   for  "
    assert tokens("Order &1: ICM_HTTP_SSL_ERROR (Größe)") == ["order", "1", "icm", "http", "ssl", "error", "grösse"]
