"""Pastes of SAP logs and web-service screens: a system-log row's columns (time, work
process, client) are no message numbers, and the status a SOAMANAGER web service ping
reports as its RC is the far server's answer, not an ICM code. On the bundled base,
through the router as `ask` shows it."""

from __future__ import annotations

import pytest

from assistant.intent import route
from assistant.intent.screens import in_a_log_rows_columns, service_ping_rc
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _message_ids(text: str, kb: KnowledgeBase) -> list[str]:
    return [m.id for m in route(text, kb).messages]


# SM21 rows as copied (Time, Type, Nr, Clt, User, …, Text) and the same row with a date
# before its time: the client (400, 402, 404) and the work process stand in columns.
LOG_ROWS = [
    (
        "Time     Ty. Nr  Cl. User     Tcode MNo Text\n"
        "10:14:22 DIA 004 400 BASIS01  SM59  Q0I HTTP client: SSL handshake with api.partner.com:443"
        " failed: SSSLERR_PEER_CERT_UNTRUSTED",
        "SCLNT_HTTP400",
    ),
    ("02.12.2026 10:14:22 BTC 021 404 BATCHUSR  HTTP request failed: ICM_HTTP_CONNECTION_FAILED", "SCLNT_HTTP404"),
    ("10:14:22  DIA  004  402  BASIS01  HTTP client error: ICM_HTTP_SSL_ERROR, destination Z_PARTNER", "SCLNT_HTTP402"),
    ("2026-12-02 10:14:22,118 | UPD | 002 | 407 | BASIS01 | HTTP client: ICM_HTTP_TIMEOUT", "SCLNT_HTTP407"),
]


@pytest.mark.parametrize(("row", "column_id"), LOG_ROWS)
def test_a_log_rows_columns_are_no_message_numbers(kb: KnowledgeBase, row: str, column_id: str) -> None:
    ids = _message_ids(row, kb)
    assert ids, "the row's own ICM error is still read"
    assert column_id not in ids


@pytest.mark.parametrize(
    "text",
    [
        "10:14:22 the call returned 404 Not Found",  # a status in the row's text, its reason beside it
        "10:14 HTTP error 407 occured: ICM_HTTP_SSL_ERROR",
        "since 10:14 we get 407 from abapGit",  # a sentence, not a row's columns
    ],
)
def test_a_number_in_a_log_rows_text_is_still_read(kb: KnowledgeBase, text: str) -> None:
    number = next(n for n in (404, 407) if str(n) in text)
    assert any(m.number == number for m in route(text, kb).entities.numbers)


def test_the_columns_reader_reads_only_the_columns_before_the_text() -> None:
    row = "10:14:22 DIA 004 400 BASIS01 error 407"
    assert in_a_log_rows_columns(row, row.index("400"))
    assert not in_a_log_rows_columns(row, row.index("407"))
    assert not in_a_log_rows_columns("404 " * 40, 120)  # a dense paste of numbers


# SOAMANAGER → Ping Web Service: the RC is the status of the service's answer.
PINGS = [
    ("Web service ping failed (RC=405). Service Ping ERROR: Method not allowed", 405),
    ("Ping Web Service\nWeb service ping failed (RC=401). Service Ping ERROR: Unauthorized", 401),
    ("Web service ping failed (RC=404). Service Ping ERROR: Not found", 404),
    ("Web service ping failed (RC=403).", 403),
]


@pytest.mark.parametrize(("text", "status"), PINGS)
def test_a_web_service_pings_rc_is_the_far_servers_status(kb: KnowledgeBase, text: str, status: int) -> None:
    routed = route(text, kb)
    assert routed.scope.kind == "http_status_from_server"
    assert f"SCLNT_HTTP{status}" not in [m.id for m in routed.messages]
    assert [(r.number, r.lean) for r in routed.readings] == [(status, "http")]


def test_an_rc_without_a_ping_or_its_reason_stays_the_icms_code(kb: KnowledgeBase) -> None:
    assert not service_ping_rc("SM59 test rc=402", 13)
    assert _message_ids("HTTP_COMMUNICATION_FAILURE rc=402 in SM59", kb)[0] == "SCLNT_HTTP402"
