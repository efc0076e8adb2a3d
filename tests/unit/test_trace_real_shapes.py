"""Pastes as people post them (issue 8): the shapes of docs/research/dev_icm_formats.md
"What people paste", each fixture citing the page it was seen on. Hosts are our own
(`*.partner.example`, `proxy.corp.example`); line shapes, spacing and codes are as shown.
"""

from __future__ import annotations

import pytest

from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question, answer_to_json
from assistant.trace import read_text

T1 = "140101169288960"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


# https://github.com/larshp/abapOpenChecks/issues/538 (the log of abapGit's SSL test, a
# list printed with its title line and a frame of dashes)
SSL_TEST_LIST = """06.06.2018                                   ssl test für git                                   1
----------------------------------------------------------------------------------------------------
Error Number     1

SSL handshake with git.partner.example:443 failed: SSSLERR_SSL_READ (-58)
SAPCRYPTO:SSL_read() failed
SapSSLSessionStartNB()==SSSLERR_SSL_READ
"""

# https://github.com/abapGit/abapGit/issues/2991 (the same text flattened onto one line;
# the number after the library's call is `(536875120/0x20001070)`)
SSL_READ_DETAILS = """SSL handshake with git.partner.example:443 failed: SSSLERR_SSL_READ (-58)
SAPCRYPTO:SSL_read() failed
SapSSLSessionStartNB()==SSSLERR_SSL_READ
  SSL:SSL_read() failed (536875120/0x20001070)
  SSL NI-hdl 12: local=10.20.30.40:54438  peer=192.0.2.3:443
"""


@pytest.mark.parametrize("text", [SSL_TEST_LIST, SSL_READ_DETAILS])
def test_the_ssl_librarys_read_failure_stays_in_its_handshake(text: str) -> None:
    _, found = read_text(text)
    assert [(h.host, h.port, h.code, h.numeric) for h in found] == [
        ("git.partner.example", 443, "SSSLERR_SSL_READ", -58)]


def test_ssl_read_details_keep_the_partners_socket() -> None:
    _, (h,) = read_text(SSL_READ_DETAILS)
    assert h.peer == "192.0.2.3:443" and h.local == "10.20.30.40:54438"


# https://github.com/abapGit/abapGit/issues/4142 (the issue text as posted: the SSL test's
# output and the SMICM lines wrapped in Markdown emphasis, `_**_` glued to `[Thr …]`)
MARKDOWN_WRAPPED = f"""**_**ABAPGit - SSL Connection Check

Error Number     1

SSL handshake with one.partner.example:443 failed: SSSLRC_CONN_CLOSED (-10)
Remote Peer has closed the network connection
SapSSLSessionStartNB()==SSSLRC_CONN_CLOSED
Also check transaction SMICM -> Goto -> Trace File -> Display End**_**

Logs from SMICM

_**_[Thr {T1}] *** ERROR => SecuSSL_SessionStartNB(): incomplete SSL handshake [ssslsecu.c   4955]
[Thr {T1}] *** ERROR => SSL handshake with two.partner.example:443 failed: SSSLRC_CONN_CLOSED (-10)
[Thr {T1}] Remote Peer has closed the network connection
[Thr {T1}]
[Thr {T1}] SapSSLSessionStartNB()==SSSLRC_CONN_CLOSED
[Thr {T1}]
[Thr {T1}]  {{0008924a}} {{root-id=42010AF002}}
"""


def test_markup_before_the_thread_prefix_keeps_the_line_in_its_thread() -> None:
    _, found = read_text(MARKDOWN_WRAPPED)
    assert [(h.thread, h.host, h.code) for h in found] == [
        ("", "one.partner.example", "SSSLRC_CONN_CLOSED"),
        (T1, "two.partner.example", "SSSLRC_CONN_CLOSED"),
    ]
    assert found[1].incomplete  # the cut-off handshake line joined its summary


@pytest.mark.parametrize("lead", ["> ", "`", "  ", "| "])
def test_quoting_and_indentation_before_the_prefix(lead: str) -> None:
    text = f"{lead}[Thr {T1}] *** ERROR => SSL handshake with one.partner.example:443 failed: SSSLRC_CONN_CLOSED (-10)"
    _, (h,) = read_text(text)
    assert (h.thread, h.host) == (T1, "one.partner.example")


def test_words_before_a_prefix_are_no_markup() -> None:
    # a sentence that quotes a prefix is not the thread's line
    _, (h,) = read_text(f"see [Thr {T1}] *** ERROR => SSL handshake with one.partner.example:443 failed: "
                        "SSSLRC_CONN_CLOSED (-10)")
    assert h.thread == ""


# https://github.com/abapGit/abapGit/issues/3360 (the ICM as TLS *server*: SSL server PSE,
# a peer's certificate-unknown alert; the reporter's outbound call is not in the lines)
SERVER_ROLE = f"""[Thr {T1}]   SSL_get_state()==0x11c0 "TLS read finished A"
[Thr {T1}] *** ERROR during secussl_read() from SSL_read()==SSL_ERROR_SSL
[Thr {T1}]   srv SSL session PSE "/usr/sap/NPL/D00/sec/SAPSSLS.pse"
[Thr {T1}]   TLSextSNI server_name="localhost"
[Thr {T1}] secussl_read: SSL_read() failed  (536875078/0x20001046)
[Thr {T1}]    => "received a fatal TLS certificate unknown alert message from the peer"
[Thr {T1}] 0x20001046   SAPCRYPTOLIB   SSL_read
"""


def test_a_trace_of_server_role_errors_only_is_inbound(kb: KnowledgeBase) -> None:
    out = answer_to_json(answer_question(SERVER_ROLE, kb), kb)
    assert out["trace"]["server_role_errors"] == 1
    assert out["scope"]["kind"] == "sap_server_inbound"
    assert out["scope"]["pointer"] == "SAP_AS_TLS_SERVER"
    assert out["messages"] == []


def test_a_failed_client_handshake_is_the_client_scope_with_its_partner(kb: KnowledgeBase) -> None:
    out = answer_to_json(answer_question(MARKDOWN_WRAPPED, kb), kb)
    assert out["scope"]["kind"] == "sap_http_client"
    assert out["trace"]["partner"] in out["scope"]["reason"]
    # the message comes from the trace's code; the paste never named SCLNT_HTTP407 or 407
    assert out["messages"][0]["id"] == "SCLNT_HTTP407"
    assert "message_ids" not in out["entities"] and "numbers" not in out["entities"]
    assert list(out["entities"]["codes"]) == ["SSSLRC_CONN_CLOSED"]
    assert "the text names" not in out["scope"]["reason"]


def test_a_trace_without_errors_does_not_claim_a_kind(kb: KnowledgeBase) -> None:
    # https://github.com/abapGit/abapGit/issues/5589 (a trace header and level-2 lines
    # of the ICM's HTTP handling, no handshake)
    text = f"""trc file: "dev_icm", trc level: 2, release: "785"
[Thr {T1}] Tue May 24 13:51:07:344 2022
[Thr {T1}] Trace file initialized
[Thr {T1}] <<- SapSSLSetTraceFile(fp=56402fbd8560)==SAP_O_K
[Thr {T1}] ICC: don't cache response. scc=0 status=200 len=0 meth=1
"""
    out = answer_to_json(answer_question(text, kb), kb)
    assert out["trace"]["handshakes"] == 0
    assert out["scope"]["kind"] == "unknown" and out["scope"]["reason"]
