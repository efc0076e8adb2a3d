"""The Markdown answer for a dev_icm reading (the builder `ask` and the chat will use)."""

from __future__ import annotations

import pytest

from assistant.answers.render import render_plain
from assistant.answers.trace import build_trace_answer, problem_groups
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.trace import analyze_text
from tests.support import dev_icm


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def text(*hs: dev_icm.Handshake) -> str:
    return "\n".join(dev_icm.trace(hs))


def test_answer_has_table_and_sections(kb: KnowledgeBase) -> None:
    report = analyze_text(text(
        dev_icm.Handshake(host="a.partner.example", code="SSSLRC_CONN_CLOSED", thread=dev_icm.THREAD_A, handle=1),
        dev_icm.Handshake(host="a.partner.example", code="SSSLRC_CONN_CLOSED", thread=dev_icm.THREAD_B, handle=2),
        dev_icm.Handshake(host="b.partner.example", code="SSSLERR_SERVER_CERT_MISMATCH", sni=False,
                          thread=dev_icm.THREAD_C, handle=3),
    ), reference=[])
    md = build_trace_answer(report, kb)
    assert md.startswith("## dev_icm trace: 3 TLS handshakes, 3 failed")
    assert "| Partner | Result | Code → message | PSE (STRUST node) | What to do |" in md
    assert "| a.partner.example:443 | failed ×2 | SSSLRC_CONN_CLOSED → SCLNT_HTTP407 |" in md
    assert len(problem_groups(report.failed)) == 2
    assert "### a.partner.example:443 — SSSLRC_CONN_CLOSED (2 handshakes)" in md
    assert "**Cause: SNI not sent by the SAP client** (`sni_not_sent`)" in md
    assert "sapassist check https://a.partner.example:443" in md
    plain = render_plain(md)
    assert "SCLNT_HTTP415" in plain and "Invalid host name in SSL server certificate" in plain


def test_the_verdict_leads_with_the_main_problem_and_what_to_import_where(kb: KnowledgeBase) -> None:
    from assistant.answers.trace import build_trace_doc
    from tests.support import certs

    sc = certs.good_chain()  # the trace dumps leaf + intermediate; the root is nowhere
    report = analyze_text(text(
        dev_icm.Handshake(host="a.partner.example", code="SSSLRC_CONN_CLOSED", thread=dev_icm.THREAD_A, handle=1),
        dev_icm.Handshake(host="api.partner.example", certs=[sc.leaf.cert, sc.intermediate.cert],
                          thread=dev_icm.THREAD_B, handle=2),
        dev_icm.Handshake(host="api.partner.example", certs=[sc.leaf.cert, sc.intermediate.cert],
                          thread=dev_icm.THREAD_C, handle=3),
    ), reference=[])
    doc = build_trace_doc(report, kb)
    assert doc.headline == "dev_icm trace: 3 TLS handshakes, 3 failed → SCLNT_HTTP421"  # the bigger problem
    first = doc.verdict.split("\n\n")
    assert first[0].startswith("**SCLNT_HTTP421** — SSL certificate not trusted") and "2 handshakes" in first[0]
    assert first[1] == "Cause: Server certificate chain not trusted by the SSL client PSE (`server_cert_untrusted`)."
    assert first[2].startswith("What to do: import CN=sapassist Test Root CA") and "SSL client Anonymous" in first[2]
    assert first[3] == "1 other problem below."
    keys = [s.key for s in doc.sections]
    assert keys[:2] == ["trace:files", "trace:handshakes"]
    assert [k.split(":")[2] for k in keys[2:]] == ["a.partner.example", "api.partner.example"]  # first seen first


def test_a_documented_cipher_suite_value_in_the_trace_is_explained(kb: KnowledgeBase) -> None:
    lines = dev_icm.Handshake(host="a.partner.example", code="SSSLRC_CONN_CLOSED").lines()
    solman = [line.replace("ciphersuites=150:", "ciphersuites=918:") for line in lines]
    report = analyze_text("\n".join(dev_icm.prefixed(dev_icm.THREAD_A, solman)), reference=[])
    md = build_trace_answer(report, kb)
    assert "- Cipher suites: `918:PFS:HIGH::EC_P256:EC_HIGH` — 918 is SAP Note 510007's client value" in md
    assert "Only for Solution Manager 7.0–7.2" in md


def test_chat_answer_leaves_out_command_hints(kb: KnowledgeBase) -> None:
    report = analyze_text(text(dev_icm.Handshake(host="a.partner.example", code="SSSLRC_CONN_CLOSED")), reference=[])
    assert "sapassist check" not in build_trace_answer(report, kb, for_chat=True)


def test_trace_text_is_escaped_in_markdown(kb: KnowledgeBase) -> None:
    report = analyze_text("[Thr 1] *** ERROR => SSL handshake with a|b*c_d.example:443 failed: "
                          "SSSLRC_CONN_CLOSED (-10)\n[Thr 1] other", reference=[])
    md = build_trace_answer(report, kb)
    assert "| a\\|b\\*c_d.example:443 |" in md  # a cell, not a column break or emphasis
    assert "### a?b?c?d.example:443 — SSSLRC_CONN_CLOSED" in md  # a heading without marks
    assert "a|b*c_d.example:443" in render_plain(md)


def test_no_handshake_says_how_to_get_them(kb: KnowledgeBase) -> None:
    report = analyze_text("[Thr 1] IcmListenThreadMain: started\n[Thr 1] ICM started successfully")
    md = build_trace_answer(report, kb)
    assert "0 TLS handshakes, 0 failed" in md and "SMICM → Goto → Trace Level" in md


def test_answer_without_knowledge_base() -> None:
    report = analyze_text(text(dev_icm.Handshake(host="a.partner.example")), reference=[])
    md = build_trace_answer(report, None)
    assert "**SCLNT_HTTP421**" in md and "`server_cert_untrusted`" in md


def test_a_handshake_without_a_partner_is_titled_in_plain_words(kb: KnowledgeBase) -> None:
    """The older kernels' summary names no host: its section says so in our words, not as
    the '?'-masked text a trace's own name gets."""
    trace = "\n".join(dev_icm.prefixed("7", [
        "*** ERROR => IcmConnInitClientSSL: SapSSLSessionStart failed (-102): SSSLERR_PEER_CERT_UNTRUSTED",
    ]))
    md = build_trace_answer(analyze_text(trace, reference=[]), kb)
    assert "### partner not named — SSSLERR_PEER_CERT_UNTRUSTED" in md
    assert "?partner?not?named?" not in md
