"""SAP screens pasted as they are (ST22, SXMB_MONI, SM59): the layout's numbers and the
program's source are not the report's evidence; the screen's own error leads. On the
bundled base, through the router and the answer as `ask` shows them."""

from __future__ import annotations

import pytest

from assistant.answers.questions import build_answer_doc
from assistant.intent import route
from assistant.intent.screens import without_program_source, without_table_frames
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


# An ST22 dump of abapGit's uncaught exception, laid out as ST22 shows it (section
# headings, "Source Code Extract" with numbered lines and ">>>>>" at the termination).
# The source lines are abapGit's CHECK_HTTP_200 as published
# (https://github.com/abapGit/abapGit/blob/main/src/http/zcl_abapgit_http_client.clas.abap);
# the dumps on uncaught exceptions are https://github.com/abapGit/abapGit/pull/4690.
ST22_FORBIDDEN = """\
Runtime Errors         UNCAUGHT_EXCEPTION
Exception              ZCX_ABAPGIT_EXCEPTION

Short Text
    An exception has occurred which was not caught.

Error analysis
    The exception is assigned to class 'ZCX_ABAPGIT_EXCEPTION' and was not caught in
    procedure "CHECK_HTTP_200" "(METHOD)", nor was it propagated by a RAISING clause.
    The reason for the exception is:
    Access to resource forbidden (HTTP 403)

Information on where terminated
    The termination occurred in ABAP program "ZCL_ABAPGIT_HTTP_CLIENT=======CP" -
     in "CHECK_HTTP_200".
    In the source code, the termination point is in line 14 of the (Include)
    program "ZCL_ABAPGIT_HTTP_CLIENT=======CM004".

Source Code Extract

Line  SourceCde

    5|    mi_client->response->get_status( IMPORTING code = lv_code ).
    6|    CASE lv_code.
    7|      WHEN 200.
    8|        RETURN. " Success, OK
   11|      WHEN 401.
   12|        zcx_abapgit_exception=>raise( 'Unauthorized access to resource (HTTP 401). Check your credentials' ).
   13|      WHEN 403.
>>>>>|        zcx_abapgit_exception=>raise( 'Access to resource forbidden (HTTP 403)' ).
   15|      WHEN 404.
   16|        zcx_abapgit_exception=>raise( 'Resource not found (HTTP 404). Check the URL' ).
   17|      WHEN 407.
   18|        zcx_abapgit_exception=>raise( 'Proxy authentication required (HTTP 407). Check your credentials' ).
"""

# The same kind of dump from an older release: no "|" after the line numbers. The error
# text is abapGit's for https://github.com/abapGit/abapGit/issues/3119.
ST22_SSL_ERROR = """\
Runtime Errors         UNCAUGHT_EXCEPTION
Exception              ZCX_ABAPGIT_EXCEPTION
Error analysis
     The reason for the exception is:
     HTTP error 407 occured: ICM_HTTP_SSL_ERROR
Source Code Extract
Line  SourceCde
000005     mi_client->response->get_status( IMPORTING code = lv_code ).
000015       WHEN 404.
000016         zcx_abapgit_exception=>raise( 'Resource not found (HTTP 404). Check the URL' ).
>>>>>          zcx_abapgit_exception=>raise( lv_text ).
"""


def test_a_dumps_source_extract_is_no_evidence(kb: KnowledgeBase) -> None:
    routed = route(ST22_FORBIDDEN, kb)
    # Only the exception text's 403 is read: not the WHEN 401/404/407 of the program.
    assert {m.number for m in routed.entities.numbers} == {403}
    assert not routed.entities.proxy
    assert routed.scope.kind == "http_status_from_server"
    assert routed.causes[0].id == "http_status_from_server"
    doc = build_answer_doc(routed, kb)
    assert "403" in doc.headline + doc.verdict and "407" not in doc.headline + doc.verdict


def test_an_older_dump_layout_leads_with_its_own_error(kb: KnowledgeBase) -> None:
    routed = route(ST22_SSL_ERROR, kb)
    assert [m.number for m in routed.entities.numbers] == [407]
    assert routed.messages[0].id == "SCLNT_HTTP407"
    assert "http_status_from_server" not in [c.id for c in routed.causes]


@pytest.mark.parametrize(
    "text",
    [
        "404  Not Found\n405  Method Not Allowed\n>>>> quoted",  # no dump marker
        "Status HTTP Response   500\n  12|  table cell",  # a numbered line, no extract
    ],
)
def test_numbered_lines_outside_a_dump_extract_stay(text: str) -> None:
    assert without_program_source(text) == text


def test_only_the_extract_is_blanked() -> None:
    out = without_program_source(ST22_FORBIDDEN)
    assert "Access to resource forbidden (HTTP 403)" in out  # the error analysis stays
    assert "WHEN 407" not in out and "Line  SourceCde" in out
    assert out.count("\n") == ST22_FORBIDDEN.count("\n")


# The PI/PO message monitor (SXMB_MONI) names the ICM's code beside its constant. The pair
# 402 / ICM_HTTP_TIMEOUT is SCLNT_HTTP402's own short text ("Timeout error
# (ICM_HTTP_TIMEOUT)", https://www.erplingo.com/sap-error-messages/en/sclnt_http/sclnt_http402);
# the XML shape is the monitor's error header. No public copy of this very message was
# found in the stored material: the line is written in the monitor's layout.
SXMB_MONI_TIMEOUT = """\
<SAP:Category>XIServer</SAP:Category>
<SAP:Code area="INTERNAL">CLIENT_SEND_FAILED</SAP:Code>
<SAP:Stack>Error while sending by HTTP (error code: 402, error text: ICM_HTTP_TIMEOUT)</SAP:Stack>
"""


def test_an_error_code_named_with_its_icm_constant_is_the_icm_code(kb: KnowledgeBase) -> None:
    routed = route(SXMB_MONI_TIMEOUT, kb)
    assert [(m.number, m.context) for m in routed.entities.numbers] == [(402, "icm")]
    assert routed.messages[0].id == "SCLNT_HTTP402"
    # The paste says where 402 comes from: no question back about it, no "Payment Required".
    assert routed.question is None
    assert not [a for a in routed.ambiguity if a.code == 402]


# SM59's connection test result, as the table is copied. Azure Blob sends its own reason
# phrases: "The HTTP version specified is not supported for this operation by the server"
# is the text of https://github.com/microsoft/ABAP-SDK-for-Azure/issues/141 (fixed by HTTP
# 1.1 in the destination — the server's answer); "Server failed to authenticate the
# request." is Blob storage's 403 status line as public curl output shows it.
SM59_AZURE_400 = """\
Connection Test ZAZURE_BLOB
Action                 Result
Status HTTP Response   400
Status Text            The HTTP version specified is not supported for this operation by the server.
Duration Test Call     212 msec
"""
SM59_AZURE_403 = """\
Status HTTP Response 403
Status Text         Server failed to authenticate the request.
Duration Test Call  118 ms
"""


@pytest.mark.parametrize(("text", "status"), [(SM59_AZURE_400, 400), (SM59_AZURE_403, 403)])
def test_a_status_text_in_the_servers_own_words_is_the_servers_status(
    kb: KnowledgeBase, text: str, status: int
) -> None:
    routed = route(text, kb)
    assert [(r.number, r.lean) for r in routed.readings] == [(status, "http")]
    assert routed.scope.kind == "http_status_from_server"
    assert not routed.messages  # no SCLNT_HTTP message (it had led with SCLNT_HTTP407 / 426)
    assert build_answer_doc(routed, kb).headline.startswith("Not an SAP HTTP-client error")


@pytest.mark.parametrize(
    "status_text", ["Native SSL Error", "SSL Peer Certificate Untrusted", "ICM_HTTP_SSL_ERROR"]
)
def test_a_status_text_in_the_icms_words_is_still_its_own_page(kb: KnowledgeBase, status_text: str) -> None:
    routed = route(f"Status HTTP Response   500\nStatus Text            {status_text}\n", kb)
    assert [(r.number, r.lean) for r in routed.readings] == [(500, "icm_page")]
    assert routed.scope.kind == "sap_http_client"


# The SM59 result copied with the table's frame (as SAP GUI's list copy and Markdown
# tables in issues have it); the status text is the ICM's page for an untrusted chain.
SM59_FRAMED = """\
|---------------------------------------------------------|
| Action               | Result                           |
|---------------------------------------------------------|
| Status HTTP Response | 500                              |
| Status Text          | SSL Peer Certificate Untrusted   |
| Duration Test Call   | 412 ms                           |
|---------------------------------------------------------|
"""


def test_a_framed_result_table_reads_as_its_fields(kb: KnowledgeBase) -> None:
    routed = route(SM59_FRAMED, kb)
    # Read as without the frame: the ICM's own page, not the server's 500.
    assert [(r.number, r.lean) for r in routed.readings] == [(500, "icm_page")]
    assert routed.scope.kind == "sap_http_client"
    assert routed.causes[0].id == "server_cert_untrusted"


def test_a_long_paste_is_read_for_a_screen_only_at_its_ends() -> None:
    framed = "| Status Text | Native SSL Error |\n"
    middle = "x" * 80 + "\n"
    text = framed + middle * 1000 + framed + middle * 1000 + framed
    out = without_table_frames(text)  # the middle row keeps its frame
    assert out.count("|") == framed.count("|") and out.startswith("Status Text   Native SSL Error\n")


# ST22's header and "where terminated" section in English and German, around the error
# text of https://github.com/abapGit/abapGit/issues/6929 ("HTTP error 421 occurred: SSL
# handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102) …"). The
# client, the work process and the source line are fields of the screen, not statuses.
ST22_HEADER = """\
Category               ABAP Programming Error
Runtime Errors         UNCAUGHT_EXCEPTION
Client                 400
Work Process           412
Error analysis
    HTTP error 421 occurred: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)
Information on where terminated
    In the source code, the termination point is in line 402 of the (Include)
    program "ZCL_ABAPGIT_HTTP_CLIENT=======CM005".
"""
ST22_HEADER_DE = """\
Laufzeitfehler         UNCAUGHT_EXCEPTION
Mandant                500
Fehleranalyse
    HTTP error 421 occurred: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)
Abbruchstelle: im Quelltext in Zeile 404 des (Include-)Programms
"""


@pytest.mark.parametrize("text", [ST22_HEADER, ST22_HEADER_DE])
def test_a_dumps_fields_are_not_statuses(kb: KnowledgeBase, text: str) -> None:
    routed = route(text, kb)
    assert [m.number for m in routed.entities.numbers] == [421]
    assert [m.id for m in routed.messages][:1] == ["SCLNT_HTTP421"]
    assert not routed.readings[1:]  # 421 alone: no 400 / 402 / 404 / 412 / 500 read beside it


@pytest.mark.parametrize("text", ["HTTP client 403", "our client gets 404", "the client says 407 occured"])
def test_client_in_a_sentence_is_no_field_label(kb: KnowledgeBase, text: str) -> None:
    assert route(text, kb).entities.numbers
