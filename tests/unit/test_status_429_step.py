"""A far server's 429 Too Many Requests is rate limiting (RFC 6585, 4): its next step is to
wait as its Retry-After header says and send fewer requests — not "read the response body",
which every status gets. A step led by one status is that status's only."""

from __future__ import annotations

from assistant.kb.load import load_kb
from assistant.services.answering import answer_question


def _next_step(text: str) -> str:
    verdict = answer_question(text, load_kb().kb).doc.verdict
    return next(p for p in verdict.split("\n\n") if p.startswith("**Next step:**"))


def test_a_429_is_answered_with_waiting_and_fewer_requests() -> None:
    step = _next_step("API call fails: HTTP operation failed invoking https://api.partner.corp/timeevents "
                      "with statusCode: 429 Too Many Requests")
    assert "Retry-After" in step and "fewer requests" in step
    # … and another status does not get it
    assert "Retry-After" not in _next_step("The server answered HTTP 403 Forbidden")


def test_a_step_for_one_status_is_never_the_next_step_without_it() -> None:
    # A report of a status the text does not give (a CSRF token refused, no number): the
    # 429 step is kept among the fixes but is not the next step.
    step = _next_step("Our OData client is answered 'CSRF token validation failed' by the server")
    assert "429" not in step


def _answer(text: str) -> str:
    return answer_question(text, load_kb().kb, for_chat=True).markdown


def test_the_sources_list_the_429_page_only_where_a_429_step_is_shown() -> None:
    # A refusal in words (401/403) shows no 429 step: its Sources do not list the 429 page.
    refused = _answer("Our ABAP program calls the partner's REST API and the server rejects the request: "
                      "access denied for our technical user")
    assert "### Sources" in refused and "429" not in refused
    limited = _answer("our call gets HTTP 429 from the partner API")
    assert "Retry-After" in limited and "Status/429" in limited.split("### Sources", 1)[1]
