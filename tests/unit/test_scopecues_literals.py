"""assistant.intent.scopecues: a cue's regex is skipped for the literals it cannot match
without — never a cue the regex itself would find (exact, on every row and many texts)."""

from __future__ import annotations

import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.intent import scopecues
from assistant.intent.scopecues import _clauses, _rows, cues_in, required_literals
from tests.support.real_eval import REAL_DIR
from tests.support.router_eval import load_eval

_REGEX_ROWS = [position for position, row in enumerate(_rows()) if row.regex is not None]


def _texts() -> list[str]:
    with open(REAL_DIR / "reports.yaml", encoding="utf-8") as f:
        reports = [item["text"] for item in yaml.safe_load(f)["items"]]
    return reports + [item["text"] for item in load_eval()["items"]]


def _holds(text: str, position: int) -> bool:
    lower = text.lower()
    return all(any(s in lower for s in clause) for clause in required_literals(position))


def test_every_match_holds_the_required_literals() -> None:
    """Every row's regex, on the real reports, the authored items and each row's own
    literal: wherever it matches (ASCII text), its required literals are there."""
    texts = [t for t in _texts() if t.isascii()] + [_rows()[p].needle for p in _REGEX_ROWS]
    matched = 0
    for position in _REGEX_ROWS:
        pattern = re.compile(_rows()[position].regex or "", re.IGNORECASE)
        for text in texts:
            if pattern.search(scopecues.windowed(text)):
                matched += 1
                assert _holds(scopecues.windowed(text), position), (_rows()[position].regex, text[:200])
    assert matched >= 100  # the check saw real matches


def test_a_phrase_around_a_short_literal_is_required() -> None:
    api = next(p for p in _REGEX_ROWS if "Invalid API" in (_rows()[p].regex or ""))
    assert ("invalid api",) in required_literals(api)
    assert not _holds("GET https://api.github.com failed", api) and _holds("It returns: Invalid API key", api)


def test_clauses_of_optional_and_alternative_parts() -> None:
    from re import _parser  # type: ignore[attr-defined]

    def clauses(regex: str) -> list[tuple[str, ...]]:
        return _clauses(_parser.parse(regex, re.IGNORECASE))

    assert clauses(r"\bFoo(?:bar)?baz") == [("foo",), ("baz",)]
    assert clauses(r"(?:Alpha|beta)+ gamma") == [("alpha", "beta"), (" gamma",)]
    assert clauses(r"(?:alpha|\d)x") == []  # an alternative without a run: no clause
    assert clauses(r"(?!nope)yes(?=maybe)") == [("yes",)]
    assert clauses(r"(?-i:ABC)def") == [("def",)]  # a group with other flags is left out


_WORDS = st.sampled_from([
    "returns", "Invalid API key", "api", " ", "certificate", "requires", "user", "from", "SAP", "ABAP", "connect",
    "to", "the", "server", "ERR_", "CONNECTION_REFUSED", "java", "keystore", "trust", "adapter", "REST", ":", ".",
    "\n", "accept", "clients", "logon", "K", "ſ", "ı", "x",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=16).map(" ".join))
def test_cues_found_as_when_every_regex_is_tried(text: str) -> None:
    """cues_in with the literal test finds what trying every candidate's regex finds."""
    original = scopecues._has_required
    try:
        scopecues._has_required = lambda lower, position: True  # type: ignore[assignment]
        plain = cues_in(text)
    finally:
        scopecues._has_required = original  # type: ignore[assignment]
    assert cues_in(text) == plain
