"""Entity extraction: every id form, misspelt constants, codes, hosts, glossary terms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.intent.cleantext import clean
from assistant.intent.entities import MAX_PER_KIND, _Spans, extract_entities
from assistant.intent.entitytypes import Entities
from assistant.intent.kbindex import index_for
from tests.support.kb import sample_kb

KB = sample_kb()


def ents(text: str) -> Entities:
    return extract_entities(clean(text), KB, index_for(KB))


@pytest.mark.parametrize(
    ("text", "constant"),
    [
        ("SM59 test: ICM_HTTP_SSL Error", "ICM_HTTP_SSL_ERROR"),
        ("the test gives ICM HTTP SSL ERROR in SM59", "ICM_HTTP_SSL_ERROR"),
        ("error ICM_HTTP_CONNECTION FAILED in SM59", "ICM_HTTP_CONNECTION_FAILED"),
        ("icm-http-timeout after 30 s", "ICM_HTTP_TIMEOUT"),
        ("ICM_HTTP_SSL_ERROR occurred", "ICM_HTTP_SSL_ERROR"),
        # wrapped at a line's end by an editor that refilled the post's lines
        ("HTTP client code 407 reason ICM_HTTP_SSL\nError Issue 1: HTTP 401", "ICM_HTTP_SSL_ERROR"),
        ("the call failed with ICM HTTP\r\n  CONNECTION FAILED in SM59", "ICM_HTTP_CONNECTION_FAILED"),
    ],
)
def test_a_constant_retyped_with_spaces_is_still_the_constant(text: str, constant: str) -> None:
    found = ents(text)
    assert found.icm_constants == (constant,)
    assert not found.unknown_codes


@pytest.mark.parametrize(
    "text",
    [
        "SCLNT_HTTP407",
        "sclnt_http 407",
        "SCLNT_HTTP/407",
        "SCLNT HTTP 407",
        "message 407 of class SCLNT_HTTP",
        "message no. SCLNT_HTTP407",
        "Message class SCLNT_HTTP, number 407",
        "HTTP error 407 occured: SSL handshake failed",
        "RC=407 Connect failed",
        "get_last_error returned 407",
        "error code 407",
    ],
)
def test_message_id_forms(text: str) -> None:
    assert ents(text).message_ids[0] == "SCLNT_HTTP407"


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("SCLNT_HTTP407", "explicit"),
        ("RC=407", "icm"),
        ("HTTP error 407 occured: x", "icm_http_error"),
        ("HTTP 407", "http_word"),
        ("HTTP/1.1 407 Proxy Authentication Required", "http"),
        ("we got 407", "bare"),
    ],
)
def test_number_context(text: str, context: str) -> None:
    numbers = ents(text).numbers
    assert [(n.number, n.context) for n in numbers] == [(407, context)]


def test_imported_class_ids_are_generic() -> None:
    assert ents("what is ZSYN_042123?").message_ids == ("ZSYN_042123",)
    assert ents("message 123 of class ZSYN_042").message_ids == ("ZSYN_042123",)


def test_unknown_number_keeps_its_id() -> None:
    assert ents("SCLNT_HTTP419").message_ids == ("SCLNT_HTTP419",)
    assert ents("what is 423").message_ids == ("SCLNT_HTTP423",)


@pytest.mark.parametrize(
    "text",
    ["ICM_HTTP_SSL_EROR", "icm_http_ssl_error", "ICM_HTTP_SSL_ERRROR occurred", "ICM_HTTP_SSL_ERROR_"],
)
def test_icm_constants_also_misspelt(text: str) -> None:
    e = ents(text)
    assert e.icm_constants == ("ICM_HTTP_SSL_ERROR",)
    assert "SCLNT_HTTP407" in e.message_ids


def test_codes_with_and_without_numbers_and_aliases() -> None:
    e = ents("failed: SSSLERR_PEER_CERT_UNTRUSTED (-102) and NIECONN_REFUSED(-10), SSSLERR_CONN_CLOSED")
    assert e.codes == ("SSSLERR_PEER_CERT_UNTRUSTED", "NIECONN_REFUSED", "SSSLRC_CONN_CLOSED")
    assert ents("peer_cert_untrusted").codes == ("SSSLERR_PEER_CERT_UNTRUSTED",)
    assert ents("ssslerr_peer_cert_untrustd").codes == ("SSSLERR_PEER_CERT_UNTRUSTED",)


def test_unknown_low_level_code_is_reported() -> None:
    assert ents("SSSLERR_TOTALLY_NEW_THING").unknown_codes == ("SSSLERR_TOTALLY_NEW_THING",)


def test_hosts_urls_ports() -> None:
    e = ents("SSL handshake with github.com:443 failed; also https://api.example.org:8443/v1/x.")
    assert e.hosts == ("api.example.org", "github.com")
    assert e.urls == ("https://api.example.org:8443/v1/x",)
    assert set(e.ports) == {443, 8443}


def test_file_names_and_versions_are_not_hosts() -> None:
    e = ents("SAPSSLC.pse and dev_icm.log, TLSv1.2, version 7.50, e.g. this")
    assert e.hosts == ()


def test_ports_durations_and_sizes_are_not_message_numbers() -> None:
    assert ents("port 410 timeout 402 ms, 404 MB").message_ids == ()


def test_glossary_transactions_parameters_notes() -> None:
    e = ents("In STRUST and sm59, set ssl/client_ciphersuites and icm/HTTPS/client_sni_enabled per note 510007")
    assert e.transactions == ("STRUST", "SM59")
    assert e.parameters == ("ssl/client_ciphersuites", "icm/HTTPS/client_sni_enabled")
    assert e.glossary == ("510007",)


def test_proxy_mentions() -> None:
    e = ents("we go through proxy.corp.local:8080 to github.com")
    assert e.proxy is True
    assert e.proxy_url == "proxy.corp.local:8080"
    assert e.hosts == ("github.com",)
    assert ents("and through a proxy?").proxy is True
    assert ents("no such thing").proxy is False


def test_literal_cause_ids() -> None:
    assert ents("tell me about server_cert_untrusted").causes == ("server_cert_untrusted",)


def test_pasted_output_is_recognised() -> None:
    assert ents("[Thr 140] *** ERROR => SSL handshake with x.com:443 failed").pasted
    assert not ents("what is 407").pasted


def test_clean_removes_ansi_and_controls() -> None:
    assert clean("\x1b[31mSCLNT_HTTP407\x1b[0m\x07") .strip() == "SCLNT_HTTP407"
    assert ents("\x1b[31mSCLNT_HTTP407\x1b[0m").message_ids == ("SCLNT_HTTP407",)


def test_a_log_dump_keeps_a_bounded_number_of_entities() -> None:
    dump = " ".join(f"SCLNT_HTTP{n} RC={n} SSSLERR_FOO{n}_BAR ICM_HTTP_X{n}" for n in range(400, 1000))
    e = ents(dump)
    for kind in (e.message_ids, e.numbers, e.codes, e.unknown_codes, e.icm_constants):
        assert len(kind) <= MAX_PER_KIND
    assert e.message_ids[0] == "SCLNT_HTTP400"  # the first mentions are the ones kept


@settings(max_examples=300, deadline=None)
@given(
    taken=st.lists(st.tuples(st.integers(0, 80), st.integers(1, 12)), max_size=25),
    probes=st.lists(st.tuples(st.integers(0, 90), st.integers(1, 12)), min_size=1, max_size=10),
)
def test_spans_answer_like_a_scan_of_every_taken_range(
    taken: list[tuple[int, int]], probes: list[tuple[int, int]]
) -> None:
    spans = _Spans()
    ranges = []
    for start, length in taken:
        spans.add(start, start + length)
        ranges.append((start, start + length))
        for p_start, p_length in probes:
            p_end = p_start + p_length
            expected = all(p_end <= s or p_start >= e for s, e in ranges)
            assert spans.free(p_start, p_end) == expected


def test_a_word_inside_a_parameter_name_is_not_a_glossary_term_of_its_own() -> None:
    """"icm" in icm/HTTPS/client_sni_enabled is the parameter, not the ICM glossary term."""
    from dataclasses import replace

    from assistant.intent.entities import extract_entities
    from assistant.intent.kbindex import build_index
    from assistant.kb.model import GlossaryEntry, Source

    kb = replace(KB, glossary=dict(KB.glossary))
    kb.glossary["ICM"] = GlossaryEntry("ICM", "term", "Internet Communication Manager", sources=(Source("https://x.invalid"),))
    index = build_index(kb)
    inside = extract_entities("what does icm/HTTPS/client_sni_enabled do", kb, index)
    assert list(inside.parameters) == ["icm/HTTPS/client_sni_enabled"] and "ICM" not in inside.glossary
    alone = extract_entities("what does the ICM do", kb, index)
    assert "ICM" in alone.glossary


@pytest.mark.parametrize(
    "text",
    ["javax.net.ssl.SSLHandshakeException", "com.sap.cloud.sdk.cloudplatform.connectivity",
     "System.Net.Http.HttpRequestException: boom"],
)
def test_class_and_package_names_are_not_hosts(text: str) -> None:
    assert ents(text).hosts == ()


def test_hosts_written_with_capitals_are_still_hosts() -> None:
    assert ents("SAPPRD01.Corp.Local:44300 refuses").hosts == ("sapprd01.corp.local",)


def test_a_return_code_outside_the_sclnt_range_is_no_message() -> None:
    found = ents("System call 'connect' failed, rc=111:Connection refused")
    assert found.message_ids == () and found.numbers == ()
    assert ents("RC=407 Connect failed").message_ids == ("SCLNT_HTTP407",)



@pytest.mark.parametrize("text, may", [
    ("message 407 of class sclnt_http", True), ("Sclnt Http 421", True), ("SCLNT_HTTP407", True),
    ("HTTP error 407 occured", False), ("dev_icm: SSL handshake failed", False),
])
def test_class_searches_are_skipped_only_for_texts_naming_no_class(text: str, may: bool) -> None:
    from assistant.intent.entities import _may_name_a_class

    assert _may_name_a_class(text, index_for(KB)) is may
    if not may:
        assert "explicit" not in {n.context for n in ents(text).numbers}
