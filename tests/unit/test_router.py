"""The router on a small fixed base: intents, ranking by evidence, ambiguity, dialogue."""

from __future__ import annotations

import pytest

from assistant.intent import DialogueState, Routed, route
from tests.support.kb import sample_kb

KB = sample_kb()


def r(text: str, state: DialogueState | None = None) -> Routed:
    return route(text, KB, state)


def top_message(routed: Routed) -> str | None:
    return routed.messages[0].id if routed.messages else None


def top_cause(routed: Routed) -> str | None:
    return routed.causes[0].id if routed.causes else None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hello", "greeting"),
        ("Good morning!", "greeting"),
        ("thanks, that helped", "thanks"),
        ("help", "help"),
        ("what can you do?", "help"),
        ("list all messages", "list"),
        ("which errors do you know", "list"),
        ("difference between 407 and 421", "compare"),
        ("SCLNT_HTTP415 vs SCLNT_HTTP421", "compare"),
        ("check github.com", "check"),
        ("can you test https://api.example.org/x", "check"),
        ("how do I fix SCLNT_HTTP421?", "fix"),
        ("why SCLNT_HTTP411", "causes"),
        ("what is SCLNT_HTTP402", "explain"),
        ("qwxz plmokn", "not_understood"),
    ],
)
def test_intents(text: str, intent: str) -> None:
    assert r(text).intent == intent


def test_a_noun_test_is_not_a_live_check() -> None:
    assert r("SM59 connection test to api.example.org fails with ICM_HTTP_SSL_ERROR").intent == "explain"


def test_pasted_code_ranks_causes_by_what_the_text_says() -> None:
    # 407's own first cause is the TLS mismatch; the text names the untrusted chain.
    plain = r("SCLNT_HTTP407")
    assert top_cause(plain) == "tls_version_or_cipher_mismatch"
    pasted = r("HTTP error 407 occured: SSL handshake with github.com:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)")
    assert top_message(pasted) == "SCLNT_HTTP407"
    assert top_cause(pasted) == "server_cert_untrusted"


def test_signs_drive_causes_without_ids() -> None:
    assert top_cause(r("the log says: unable to get local issuer certificate")) == "intermediate_missing"


def test_typos_are_corrected() -> None:
    routed = r("certifcate not trustd")
    assert top_cause(routed) == "server_cert_untrusted"
    assert ("trustd", "trusted") in routed.entities.corrections


def test_misspelt_constant() -> None:
    assert top_message(r("ICM_HTTP_SSL_EROR")) == "SCLNT_HTTP407"


def test_bare_number_gives_both_readings() -> None:
    routed = r("407")
    kinds = {(a.kind, a.code) for a in routed.ambiguity}
    assert kinds == {("http_status", 407), ("sclnt_http", 407)}
    http = next(a for a in routed.ambiguity if a.kind == "http_status")
    assert http.meaning == "Proxy Authentication Required"
    # Where the HTTP reading leads in SAP terms is said too.
    assert (http.message, http.cause) == ("SCLNT_HTTP416", "proxy_auth_failed")
    assert top_message(routed) == "SCLNT_HTTP407"  # nothing decides: the ICM code
    assert routed.readings[0].lean == "unclear" and not routed.readings[0].decided


def test_http_shape_without_icm_context_reads_as_a_status() -> None:
    routed = r("HTTP 407")
    assert {(a.kind, a.code) for a in routed.ambiguity} == {("http_status", 407), ("sclnt_http", 407)}
    assert routed.http_statuses == [407]
    assert top_message(routed) == "SCLNT_HTTP416"
    assert top_cause(routed) == "proxy_auth_failed"
    # "HTTP error 407" is abapGit's wording shortened: not decided by the shape.
    assert r("HTTP error 407").http_statuses == []


@pytest.mark.parametrize(
    ("text", "message", "cause"),
    [
        ("proxy asks for authentication 407", "SCLNT_HTTP416", "proxy_auth_failed"),
        # a status the far server sent is its answer, not an SAP HTTP-client message (issue 8)
        ("the target answers 401 Unauthorized", None, "logon_failed"),
        ("HTTP/1.1 403 Forbidden from the proxy on CONNECT", "SCLNT_HTTP426", "proxy_http_error"),
        ("HTTP/1.1 403 Forbidden", None, "http_status_from_server"),
    ],
)
def test_http_status_leads_to_its_sap_reading(text: str, message: str | None, cause: str) -> None:
    routed = r(text)
    if message:
        assert top_message(routed) == message
    assert top_cause(routed) == cause
    assert routed.readings[0].lean == "http"


def test_icm_made_page_is_neither_reading() -> None:
    routed = r("get_status returns 404 Connection Refused")
    assert routed.readings[0].lean == "icm_page"
    assert routed.http_statuses == []
    assert top_cause(routed) == "connection_refused"
    assert "SCLNT_HTTP404" not in [m.id for m in routed.messages]
    assert routed.demoted_ids == {"SCLNT_HTTP404"}  # the answer reads this, never re-decides


def test_a_message_id_written_out_is_never_demoted() -> None:
    assert r("SCLNT_HTTP404 after get_status returns 404 Connection Refused").demoted_ids == set()
    assert r("SCLNT_HTTP407").demoted_ids == set()


def test_unique_prefix_of_a_code_is_taken_as_it() -> None:
    routed = r("SSSLERR_PEER")
    assert routed.resolved == [("SSSLERR_PEER", "SSSLERR_PEER_CERT_UNTRUSTED")]
    assert routed.unknown_ids == []
    assert top_cause(routed) == "server_cert_untrusted"
    vague = r("SSSLERR_S")  # a prefix of several codes stays unknown, suggestions unique
    assert [u.id for u in vague.unknown_ids] == ["SSSLERR_S"]
    nearest = vague.unknown_ids[0].nearest
    assert nearest and len(nearest) == len(set(nearest))


def test_wording_decides_which_reading_is_favoured() -> None:
    icm = r("HTTP error 407 occured: ICM_HTTP_SSL_ERROR")
    assert "points to this reading" in next(a.note for a in icm.ambiguity if a.kind == "sclnt_http")
    http = r("HTTP/1.1 407 Proxy Authentication Required")
    assert "points to this reading" in next(a.note for a in http.ambiguity if a.kind == "http_status")
    assert http.http_statuses == [407]
    assert top_cause(http) == "proxy_auth_failed"


def test_explicit_ids_are_not_ambiguous() -> None:
    assert r("SCLNT_HTTP407").ambiguity == []
    assert r("RC=411").ambiguity == []


def test_unknown_number_is_answered_honestly() -> None:
    routed = r("what is 419?")
    assert [u.id for u in routed.unknown_ids] == ["SCLNT_HTTP419"]
    assert routed.unknown_ids[0].nearest == ("SCLNT_HTTP417", "SCLNT_HTTP418", "SCLNT_HTTP421", "SCLNT_HTTP426")
    assert routed.intent == "explain"


def test_not_understood_always_suggests() -> None:
    routed = r("zzkx qqpw")
    assert routed.intent == "not_understood"
    assert routed.suggestions


def test_follow_ups_use_the_topic() -> None:
    first = r("HTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED with github.com")
    fix = r("how do I fix it?", first.state)
    assert fix.intent == "fix" and fix.follow_up
    assert top_message(fix) == "SCLNT_HTTP421"
    why = r("why?", first.state)
    assert why.intent == "causes" and top_message(why) == "SCLNT_HTTP421"
    other = r("what about 415?", fix.state)
    assert top_message(other) == "SCLNT_HTTP415"
    assert other.intent == "fix"  # keeps asking the same kind of question
    check = r("check it", first.state)
    assert check.intent == "check" and check.check_target == "github.com"


def test_proxy_follow_up_reranks_the_topic() -> None:
    first = r("SCLNT_HTTP411")
    assert top_cause(first) == "connection_refused"
    proxy = r("and through a proxy?", first.state)
    assert top_message(proxy) == "SCLNT_HTTP411"
    assert top_cause(proxy) == "proxy_required"
    assert proxy.state.proxy


def test_proxy_follow_up_stays_within_the_topic_causes() -> None:
    # After 421 (certificate not trusted), "through a proxy" points at the proxy that
    # inspects TLS, and the topic's own causes stay above proxy causes of other messages.
    first = r("SCLNT_HTTP421")
    proxy = r("and through a proxy?", first.state)
    ranked = [c.id for c in proxy.causes]
    assert ranked[0] == "tls_interception"
    assert ranked.index("server_cert_untrusted") < ranked.index("proxy_auth_failed")


def test_german_words_meet_english_signs() -> None:
    assert top_cause(r("Zertifikat ist abgelaufen")) == "server_cert_expired"
    assert top_cause(r("Zertifikat nicht vertrauenswürdig")) == "server_cert_untrusted"


def test_a_story_about_fixing_is_not_a_fix_request() -> None:
    assert r("after fixing DNS we now get HTTP error 421 occured").intent == "explain"
    assert r("need help fixing SCLNT_HTTP421").intent == "fix"


def test_route_is_pure() -> None:
    state = DialogueState(messages=("SCLNT_HTTP407",), host="example.org", last_intent="explain")
    a = route("how do I fix it", KB, state)
    b = route("how do I fix it", KB, state)
    assert a == b
    assert state == DialogueState(messages=("SCLNT_HTTP407",), host="example.org", last_intent="explain")
    assert a.state.turns == 1


def test_greeting_keeps_the_topic() -> None:
    first = r("SCLNT_HTTP402")
    hello = r("hello", first.state)
    assert hello.state.messages == first.state.messages


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\x00\x01\x02\x1b[2J\x1b]0;title\x07",
        "\u202eSCLNT_HTTP407\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
        bytes(range(256)).decode("latin-1"),
    ],
)
def test_bad_input_gives_a_result(text: str) -> None:
    routed = r(text)
    assert routed.intent in ("not_understood", "explain")
    assert routed.suggestions or routed.messages


def test_rtl_and_escapes_do_not_hide_ids() -> None:
    assert top_message(r("\u202eSCLNT_HTTP407\u202c")) == "SCLNT_HTTP407"


def test_one_megabyte_paste_is_read_head_and_tail() -> None:
    # Speed is measured in benchmarks/bench_router.py; here: what a huge paste yields.
    text = ("noise line with words and 123 numbers github.com:443 " * 20000)[:1_000_000]
    text += "\nHTTP error 421 occured: ICM_HTTP_SSL_PEER_CERT_UNTRUSTED"
    routed = r(text)
    assert top_message(routed) == "SCLNT_HTTP421"  # the tail is read
    assert routed.entities.hosts == ("github.com",)


def test_a_paste_of_one_endless_word_still_reads_the_code_before_it() -> None:
    # One 200 KB "word" once cost seconds (an identifier pattern re-scanned it from each
    # letter); bench_router.py times it. Here: the code in front of it still counts.
    routed = r("SSL handshake failed: SSSLERR_PEER_CERT_UNTRUSTED " + "x" * 200_000)
    assert routed.entities.codes == ("SSSLERR_PEER_CERT_UNTRUSTED",)
    assert top_cause(routed) == "server_cert_untrusted"


def test_imported_message_found_by_its_text() -> None:
    routed = r("Synthetic import Z_FOO_BAR failed again")
    assert top_message(routed) == "ZSYN_042123"


def test_a_cause_confirmed_by_a_live_check_leads_follow_ups_until_the_topic_changes() -> None:
    from assistant.answers.questions import build_answer
    from assistant.kb.load import load_kb

    kb = load_kb(use_cache=False).kb
    usual = route("how do I fix it?", kb, route("SCLNT_HTTP421", kb).state)
    assert usual.causes[0].id != "intermediate_missing"  # not the message's first suspect
    state = route("SCLNT_HTTP421", kb).state.with_confirmed_cause("intermediate_missing")
    fix = route("how do I fix it?", kb, state)
    assert fix.causes[0].id == "intermediate_missing"
    answer = build_answer(fix, kb)
    assert "the live check found: " + kb.causes["intermediate_missing"].title in answer
    assert "If: " not in answer  # only the confirmed cause's fix, not every suspect's
    assert route("what about 415?", kb, fix.state).state.confirmed_cause is None


@pytest.mark.parametrize(
    ("text", "first_cause"),
    [
        ("error 404 when calling the REST service from SAP", "http_status_from_server"),
        ("we get 403 on the call", "http_status_from_server"),
        ("HTTP error 404 occured", "icm_resource_shortage"),  # abapGit's wording: the ICM code
    ],
)
def test_everyday_statuses_lean_to_the_http_reading_unless_the_wording_says_icm(
    text: str, first_cause: str
) -> None:
    from assistant.kb.load import load_kb

    kb = load_kb(use_cache=False).kb
    routed = route(text, kb)
    assert routed.causes[0].id == first_cause
    readings = {a.kind: a for a in routed.ambiguity}
    assert set(readings) == {"http_status", "sclnt_http"}
    assert readings["http_status"].note.startswith(
        "more likely" if first_cause == "http_status_from_server" else "less likely"
    )


def test_the_check_target_is_a_name_before_an_address() -> None:
    """An NI block names the partner's address first and its name after: the check is
    pointed at the name, as the destination holds it (DNS, SNI and the certificate's names
    are part of what fails)."""
    block = ("*** ERROR => NiPConnect2: 10.20.30.40:3301: connect (111: Connection refused)\n"
             "  ERROR       partner 'gw01.corp.example.com:3301' not reached\n")
    assert r(block).check_target == "gw01.corp.example.com:3301"
    assert r("connect to 10.0.0.5 fails").check_target == "10.0.0.5"  # only an address: that one
