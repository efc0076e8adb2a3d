"""`sy-subrc N` next to a method of the HTTP client is read as the exception it stands for
(the numbering the Pattern function inserts, as public programs keep it)."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer
from assistant.intent import route
from assistant.intent.returncodes import exception_codes
from assistant.kb.knowledge_base import KnowledgeBase


@pytest.fixture
def kb(bundled_kb: KnowledgeBase) -> KnowledgeBase:
    return bundled_kb


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("sy-subrc 4 after cl_http_client=>create_by_destination", "CREATE_PLUGIN_NOT_ACTIVE"),
        ("create_by_destination( ) ends with SY-SUBRC = 3 in the job", "CREATE_DESTINATION_NO_AUTHORITY"),
        ("CALL METHOD cl_http_client=>create_by_url ... sy-subrc is 4", "CREATE_PSE_NOT_FOUND"),
        ("lo_client->receive( ) returns sy-subrc = 1", "http_communication_failure"),
        ("SEND gives sy-subrc 4", "http_invalid_timeout"),
        # The Content Server / ArchiveLink wording: the code right after the method.
        ("CSADMIN: Error in HTTP Access: IF_HTTP_CLIENT->RECEIVE 1", "http_communication_failure"),
        ("OAC0 test: Error in HTTP Access: IF_HTTP_CLIENT->SEND 2", "http_invalid_state"),
    ],
)
def test_a_return_code_next_to_a_method_names_its_exception(kb: KnowledgeBase, text: str, code: str) -> None:
    assert [c for _, _, c in exception_codes(text, kb.codes)] == [code]
    routed = route(text, kb)
    assert code in routed.entities.codes
    assert "the numbering the Pattern function inserts" in build_answer(routed, kb)


@pytest.mark.parametrize(
    "text",
    [
        "sy-subrc 4",  # no method: the number says nothing
        "I send the file and get sy-subrc 1",  # 'send' as an English word
        "sy-subrc 9 after create_by_destination",  # not one of its exceptions
        "create_by_destination works; far below, after many other words and lines of text that "
        "have nothing to do with it at all, some other statement gives sy-subrc 4",
    ],
)
def test_no_method_or_no_such_exception_reads_nothing(kb: KnowledgeBase, text: str) -> None:
    assert exception_codes(text, kb.codes) == []
