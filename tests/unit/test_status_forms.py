"""A status the far server sent, in the forms clients, tools and platforms print it
(tests/unit/_status_forms_data.py; docs/research/status_forms.md): each form with a 4xx/5xx
in it is read as that server's answer — alone, under the stack of the runtime that printed it,
and under a Java exception — and numbers that are no status stay none.

The table is the libraries' documented formats, not report sentences: it fails when a whole
shape of status (a number glued to a word, a field's value, a line ending in a label's colon,
Japanese or Chinese text around it) or a whole setting (a runtime's stack) is not read.
"""

from __future__ import annotations

import pytest

from assistant.intent import Routed, route
from assistant.intent.httpstatus import HTTP_REASONS
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from tests.unit._status_forms_data import FORMS, StatusForm

STATUS = "http_status_from_server"
# 4xx/5xx that share their digits with an SCLNT_HTTP message (400, 404, 409, 415) and ones that
# do not (422, 429, 500, 501). Left out: 407 (a proxy's own status: SCLNT_HTTP416) and the
# gateway statuses 502-504 (a product on the way may make them itself: scope.py, gatewaystatus.py).
STATUSES = (400, 401, 404, 409, 415, 422, 429, 500, 501)
UNWORDED = (401, 422, 429, 500, 501)  # no SCLNT_HTTP message, or an everyday status (readings.py)
SETTINGS = {
    "alone": "{line}",
    "node-stack": "{line}\n    at IncomingMessage.<anonymous> (/app/node_modules/client/lib/index.js:12:5)\n"
                  "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
    "java-stack": 'Exception in thread "main" {line}\n\tat com.acme.orders.OrderClient.call(OrderClient.java:42)\n'
                  "\tat com.acme.orders.Main.main(Main.java:10)",
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _line(form: StatusForm, status: int) -> str:
    return form.form.format(n=status, reason=HTTP_REASONS[status])


def _cases() -> list[tuple[StatusForm, str]]:
    return [(form, setting) for form in FORMS for setting in SETTINGS]


def test_the_catalogue_is_big_and_every_form_is_sourced() -> None:
    assert len(FORMS) >= 30
    assert len({f.key for f in FORMS}) == len(FORMS)
    assert all(f.url.startswith("https://") for f in FORMS)
    assert all("{n}" in f.form for f in FORMS)


@pytest.mark.parametrize(("form", "setting"), _cases(), ids=lambda v: v.key if isinstance(v, StatusForm) else v)
def test_a_status_in_a_clients_own_form_is_the_far_servers_answer(kb: KnowledgeBase, form: StatusForm, setting: str) -> None:
    wrong = []
    for status in STATUSES if form.worded else UNWORDED:
        routed = route(SETTINGS[setting].format(line=_line(form, status)), kb)
        if routed.scope.kind != STATUS or routed.messages:
            wrong.append(f"{status}: {routed.scope.kind} {[m.id for m in routed.messages]}")
    assert not wrong, wrong


def _read_as_http(routed: Routed, number: int) -> bool:
    return any(r.number == number and r.lean == "http" for r in routed.readings)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # A label's colon at the end of a line is no port's: "Error:" above the status line.
        ("The call to the partner fails with this error:\n404 Not Found\nWhat is wrong?", 404),
        ("Response from the backend:\n500 Internal Server Error", 500),
        # Japanese and Chinese run on without a space: the number's edges are ASCII letters only.
        ("APIを呼び出すと401エラーが返されます", 401),
        ("调用接口时返回403错误", 403),
        # Glued to a word or given as a field's value, but followed by its own reason phrase.
        ("The following problem occurred: HTTP request failed404,Not Found,", 404),
        ("Response{protocol=h2, code=401, message=Unauthorized, url=https://api.example.org/v1/orders}", 401),
    ],
)
def test_a_status_is_read_wherever_its_edges_fall(kb: KnowledgeBase, text: str, number: int) -> None:
    routed = route(text, kb)
    assert _read_as_http(routed, number), routed.readings
    assert routed.scope.kind == STATUS


def test_a_runtimes_stack_frames_only_say_who_got_the_answer(kb: KnowledgeBase) -> None:
    # node:internal/ frames are a stack's shape (rule 6 of scope.py: they only lean), not the
    # runtime's own failure: the status it received stays the far server's.
    text = ("the call to the partner API returns a 401\n    at IncomingMessage.<anonymous> (/app/x.js:1:5)\n"
            "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)")
    assert route(text, kb).scope.kind == STATUS


def test_a_number_a_runtime_printed_is_no_sclnt_code(kb: KnowledgeBase) -> None:
    # "Fehler 405" decides neither reading, but a Java program printed it: only an SAP system
    # shows SCLNT_HTTP codes, so it is the status that program received.
    text = ('Exception in thread "main" java.lang.RuntimeException: Beim Aufruf kommt Fehler 405\n'
            "\tat com.acme.OrderClient.call(OrderClient.java:42)")
    routed = route(text, kb)
    assert routed.scope.kind == STATUS
    assert not routed.messages
    # The same words with nothing of another runtime stay open (a question typed here).
    assert route("Beim Aufruf kommt Fehler 405", kb).scope.kind != STATUS


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("the ICM cannot reach s4host port 500 at all", 500),
        ("the ICM cannot reach s4host:503 at all", 503),
        ("see SAP Note 510007 and SAP Note 2384290 for the cipher settings", None),
        ("SM59 connection test: SCLNT_HTTP407 SSL error", 407),
        ("HTTP error 404 occured: ICM_HTTP_NO_MEMORY", 404),
        ("since the 2024 upgrade the call to the partner fails", None),
        ("uploads of 500 MB to the partner fail", 500),
        ("the request times out after 500 ms", 500),
        ("we log on with client 400 and the call to the partner fails", 400),
        ("Kernel 753 PL 500, the call to the partner fails with SSSLERR_PEER_CERT_UNTRUSTED", 500),
        ("dev_icm: 10:15:04,500 connection to partner failed NIECONN_REFUSED", 500),
        ("the report ZTEST dumps in line 404 when calling the partner", 404),
        ("SCLNT_HTTP404 Not Found in our logs", 404),
    ],
)
def test_numbers_that_are_no_status_stay_none(kb: KnowledgeBase, text: str, number: int | None) -> None:
    routed = route(text, kb)
    assert routed.scope.kind != STATUS
    if number is not None:
        assert not _read_as_http(routed, number), routed.readings


def test_407_stays_the_proxys_own_status(kb: KnowledgeBase) -> None:
    routed = route("the proxy answers HTTP/1.1 407 Proxy Authentication Required", kb)
    assert routed.scope.kind != STATUS
    assert [r.via for r in routed.readings if r.number == 407] == ["proxy"]


def test_a_5xx_beside_the_sap_clients_own_failure_stays_the_icms(kb: KnowledgeBase) -> None:
    routed = route("get_last_error: Connection to partner timed out, get_status( ) returns 500 Internal Server Error", kb)
    assert routed.scope.kind == "sap_http_client"
    assert not _read_as_http(routed, 500)
