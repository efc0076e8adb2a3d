"""The reply to "which program makes the call?" in the piped chat (`sapassist chat --json`, a
real process): the client it names decides the kind of failure, whichever client the question
offered it as — not only those whose names are among the scope vocabulary's cues.

Before (answers20): ".NET", "a browser", "Chrome", "Python" or "curl" after the question were
answered as SCLNT_HTTP407 of the SAP HTTP client, with STRUST steps; only Java, Node.js, BTP
and the Cloud Connector moved the answer to another client's.
"""

from __future__ import annotations

import json

import pytest

from tests.functional.test_chat_piped import chat

VAGUE = "SSL error when calling API"
# (reply, kind the answer must be about, whether another client made the call)
REPLIES = [
    (".NET", "other_client", True),
    ("our .NET service", "other_client", True),
    ("C# HttpClient", "other_client", True),
    ("a browser", "other_client", True),
    ("Chrome", "other_client", True),
    ("Python", "other_client", True),
    ("curl", "other_client", True),
    ("Java", "other_client", True),
    ("the SAP system", "sap_http_client", False),
]


@pytest.fixture(scope="module")
def conversations() -> list[tuple[dict[str, object], dict[str, object]]]:
    """Each reply in a conversation of its own (`/clear` between them), in one process."""
    lines = "".join(f"{VAGUE}\n{reply}\n/clear\n" for reply, _, _ in REPLIES)
    proc = chat(lines.encode(), "--json")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    turns = [o for o in objects if "answer" in o]
    assert len(turns) == 2 * len(REPLIES)
    return [(turns[i], turns[i + 1]) for i in range(0, len(turns), 2)]


@pytest.mark.parametrize(("position", "reply", "kind", "another"), [(i, *r) for i, r in enumerate(REPLIES)])
def test_the_client_a_reply_names_decides_the_kind(
    conversations: list[tuple[dict[str, object], dict[str, object]]], position: int, reply: str, kind: str,
    another: bool,
) -> None:
    asked, answered = conversations[position]
    assert str(asked["question"]).startswith("Which program makes the call")
    scope = answered["scope"]
    assert isinstance(scope, dict) and scope["kind"] == kind, reply
    assert answered["another_client"] is another, reply
    if another:  # another client's answer, not the SAP client's message
        assert str(answered["answer"]).startswith("## Not an SAP HTTP-client error"), reply
