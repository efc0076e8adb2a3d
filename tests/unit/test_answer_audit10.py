"""Answers round 10, on the bundled base: an id the base does not know leads as unknown
(never answered as another message), the far server's own words shown where the answer
says what it is, the next step that fits the situation (an SM59 test or a program's call),
and an ICM-made page said plainly. The texts are written for the class, not copied from
reports."""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _verdict(text: str, kb: KnowledgeBase) -> str:
    """The headline and verdict: what the first screen says."""
    return answer_question(text, kb).markdown.split("\n### ", 1)[0]


@pytest.mark.parametrize("text", [
    "SSSLERR_BOGUS_CLIENT_THING (-109)",
    "the handshake failed with SSSLRC_SOMETHING_NEW (-321) in dev_icm",
    "ICM_HTTP_NEW_KIND_OF_ERROR when calling the service",
])
def test_an_unknown_code_leads_as_unknown_never_as_another_message(text: str, kb: KnowledgeBase) -> None:
    verdict = _verdict(text, kb)
    headline = verdict.splitlines()[0]
    assert headline.startswith("## ") and "is not in the knowledge base" in headline
    assert "SCLNT_HTTP" not in headline
    assert "best match for your wording" not in verdict
    assert "**Next step:** read the lines around it in `dev_icm`" in verdict


def test_an_unknown_sapssl_code_names_its_family_message_only_as_a_guess(kb: KnowledgeBase) -> None:
    verdict = _verdict("SSSLERR_BOGUS_CLIENT_THING (-109)", kb)
    assert "**Nearest known:** `SSSLERR_" in verdict
    assert "**Not answered as another message:** its family suggests SCLNT_HTTP407" in verdict
    assert "**Most likely cause:**" not in verdict  # no cause met only by the SSL family


def test_an_unknown_ni_code_points_to_the_trace_it_came_from(kb: KnowledgeBase) -> None:
    verdict = _verdict("NIECONN_SOMETHING_NEW while calling", kb)
    assert "is not in the knowledge base" in verdict.splitlines()[0]
    assert "the trace it came from" in verdict


def test_a_known_id_beside_an_unknown_code_keeps_the_lead(kb: KnowledgeBase) -> None:
    md = answer_question("SCLNT_HTTP421 SSSLERR_BOGUS_CLIENT_THING (-109)", kb).markdown
    assert md.startswith("## SCLNT_HTTP421")
    assert "`SSSLERR_BOGUS_CLIENT_THING` is not in the knowledge base" in md


@pytest.mark.parametrize("text", [
    "SM59 connection test\nStatus HTTP Response 500\nStatus Text Native SSL Error",
    "RECEIVE failed with http_communication_failure; the response is 500 Native SSL Error",
])
def test_an_icm_made_page_says_so_and_where_the_real_error_is(text: str, kb: KnowledgeBase) -> None:
    verdict = _verdict(text, kb)
    first = verdict.split("\n\n")[1]
    assert "**500 here is a page the ICM made after the call failed**" in first
    assert "the real error is in `dev_icm`" in first
    # A program's call has its own record of the error; an SM59 test has only the trace.
    assert ("get_last_error" in first) == ("SM59" not in text)


def _next_step(text: str, kb: KnowledgeBase) -> str:
    line = next(x for x in _verdict(text, kb).splitlines() if x.startswith("**Next step:**"))
    return line.removeprefix("**Next step:** ")


@pytest.mark.parametrize("text", [
    "SM59 connection test returns 404 Not Found",
    "Testing the HTTP destination in SM59 gives 403 Forbidden",
])
def test_an_sm59_test_leads_with_the_destinations_path(text: str, kb: KnowledgeBase) -> None:
    step = _next_step(text, kb)
    assert step.startswith("Check *Technical Settings* → Path Prefix")  # the lead-in repeats the user
    md = answer_question(text, kb).markdown
    fix = md.split("### How to fix it", 1)[1]
    assert fix.index("In an SM59 connection test:") < fix.index("Read the response body")


def test_a_programs_call_keeps_the_base_order(kb: KnowledgeBase) -> None:
    step = _next_step("get_status( ) returns 404 Not Found after the RECEIVE", kb)
    assert step.startswith("Read the response body and headers")


def test_situational_steps_are_written_with_their_lead_in(kb: KnowledgeBase) -> None:
    # The knowledge's own words decide the order: a step for a situation says which.
    from assistant.answers.situation import PROGRAM_CALL, SM59_TEST

    steps = kb.causes["http_status_from_server"].fix
    assert any(s.startswith(SM59_TEST + ": ") for s in steps)
    assert any(s.startswith(PROGRAM_CALL + ": ") for s in steps)


AZURE_SM59 = (
    "SM59 connection test to the blob storage\n"
    "Status HTTP Response 400\n"
    "Status Text The HTTP version specified is not supported for this operation by the server.\n"
)


def test_the_servers_status_text_is_quoted_where_the_answer_says_what_it_is(kb: KnowledgeBase) -> None:
    lines = _verdict(AZURE_SM59, kb).split("\n\n")
    what = next(i for i, x in enumerate(lines) if x.startswith("**What it is:**"))
    assert lines[what + 1] == ("**The server's own words (SM59 Status Text):** "
                               "“The HTTP version specified is not supported for this operation by the server.”")


def test_a_status_line_in_the_servers_own_words_is_quoted(kb: KnowledgeBase) -> None:
    verdict = _verdict("HTTP/1.1 403 Server failed to authenticate the request. Make sure the header is right", kb)
    assert "**The server's own words:** “403 Server failed to authenticate the request." in verdict
    # The standard reason phrase alone says nothing the number does not: no quote.
    assert "own words" not in _verdict("HTTP/1.1 404 Not Found", kb)


def test_an_icm_page_and_a_dump_are_quoted_as_theirs(kb: KnowledgeBase) -> None:
    page = _verdict("Status HTTP Response 500\nStatus Text Native SSL Error", kb)
    assert "**The ICM's page said (SM59 Status Text):** “Native SSL Error”" in page
    dump = _verdict("Short Text\n    HTTP communication error: SSL Peer Certificate Untrusted\n"
                    "Runtime Errors   UNCAUGHT_EXCEPTION", kb)
    assert "**The dump's Short Text:** “HTTP communication error: SSL Peer Certificate Untrusted”" in dump


def test_quoted_words_are_literal_masked_and_short(kb: KnowledgeBase) -> None:
    text = ("Status HTTP Response 400\nStatus Text *bad* [x](http://evil) <b>no</b> password: hunter2 "
            + "word " * 24)
    verdict = _verdict(text, kb)
    line = next(x for x in verdict.split("\n\n") if "(SM59 Status Text)" in x)
    assert "hunter2" not in line
    assert "\\*bad\\*" in line and "\\<b>" in line  # Markdown inert: shown as written
    assert line.endswith(" …”") and len(line) < 260


def test_only_a_screens_fields_are_taken_never_a_sentence() -> None:
    from assistant.intent.screenwords import screen_words

    assert screen_words("the status text says the server did not like it") == ()
    assert screen_words("we get 404 Not Found") == ()
    assert screen_words("Status Text: Native SSL Error\nStatus Text: Native SSL Error") == (
        screen_words("Status Text: Native SSL Error")
    )


def test_a_long_paste_is_read_for_screen_words_only_at_its_ends() -> None:
    from assistant.intent.screens import SCREEN_WINDOW
    from assistant.intent.screenwords import screen_words

    middle = "x " * SCREEN_WINDOW + "\nStatus Text: Read in the middle\n" + "y " * SCREEN_WINDOW
    assert screen_words(middle) == ()
    at_end = middle + "\nStatus Text: Read at the end\n"
    assert [w.text for w in screen_words(at_end)] == ["Read at the end"]


def test_ask_json_carries_the_screen_words_masked(kb: KnowledgeBase) -> None:
    from assistant.intent import route

    text = ("Status HTTP Response 400\n"
            "Status Text The HTTP version specified is not supported; password=Geheim123\n")
    words = route(text, kb).to_json()["screen_words"]
    assert words and words[0]["label"] == "status_text" and words[0]["number"] == 400
    assert "Geheim123" not in words[0]["text"] and "HTTP version specified" in words[0]["text"]
