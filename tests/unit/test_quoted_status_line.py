"""A status report that quotes the line naming its status and a reason is read by that line
(answers26, item 4; dev mdk-samples-14, sap-tutorials 2911 and 3852, cap-js/sdm 71).

"I get this warning in the logs "The incoming path … is not mapped to a destination.
Rejecting the request with 404 (not found)."": the quoted line already says what was refused,
so "Read the response body" is no next step — and it is a log line, not the body the server
sent, so it is not called that. A quote that says no more than the status ("Request failed
with status code 404", a client's words) leaves the step as it was. Bundled base."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

READ_THE_BODY = "**Next step:** Read the response body"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _next_step(kb: KnowledgeBase, text: str) -> str:
    answer = build_answer(route(text, kb), kb)
    return next(line for line in answer.splitlines() if "**Next step:**" in line)


@pytest.mark.parametrize(("text", "reason"), [
    ('After deployment I get this warning in the logs "The incoming path /odata/v1/Apps is not mapped to a '
     'destination. Rejecting the request with 404 (not found)." when I open the app from the mobile client.',
     "is not mapped to a destination"),
    ('The app router log shows "GET request to /index.html completed with status 500 - JWT token does not '
     'include scope" after login.', "JWT token does not include scope"),
    ('Our CAP app calls the document service and gets "502 Bad Gateway: Registered endpoint failed to handle '
     'the request." every time.', "Registered endpoint failed to handle"),
])
def test_the_quoted_line_with_the_status_is_the_next_step(kb: KnowledgeBase, text: str, reason: str) -> None:
    step = _next_step(kb, text)
    assert READ_THE_BODY not in step, step
    assert reason in step, step
    assert "server's answer says" not in step, step  # a quoted line, not the body the server sent


@pytest.mark.parametrize("text", [
    'The client prints "Request failed with status code 404" when it calls the service.',
    'The browser shows "404 Not Found" for the service URL.',
])
def test_a_quote_of_the_status_alone_keeps_reading_the_body(kb: KnowledgeBase, text: str) -> None:
    assert READ_THE_BODY in _next_step(kb, text)
