"""Words that carry no evidence do not move a report's kind (benchmarks/scope_invariance.py).

Greetings, thanks, sign-offs and pleas for help are no words of the report: the lengths the
scope stage reads (rule 7's `scope_report_words`, nofailure's POST_WORDS) count without them.
A line naming the system's release ("We are on S/4HANA 2021 FPS02") says what the poster
runs, not which system made the failed call; a question someone else asked, quoted in the
post ("> Did you check STRUST?"), is not the reporter's report. The same words where they do
carry evidence — the release in the sentence of the call, an error quoted as the poster's
own paste — still count. The phrasings are invented."""

from __future__ import annotations

import textwrap

import pytest

from assistant.intent import route
from assistant.intent.abapsetting import names_an_abap_system
from assistant.intent.courtesy import own_words
from assistant.intent.quotedreply import without_quoted_questions
from assistant.intent.scopecues import WRAP_WIDTHS, without_soft_wraps
from assistant.intent.swappedwords import with_swapped_words_retyped
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb

# A long report about a connection that nothing places in an ABAP system: unknown.
UNPLACED = ("Since the upgrade last weekend the nightly upload to the partner portal stops halfway and the job "
            "log only says that the transfer was interrupted. We did not change anything on our side and the "
            "partner says their side is fine.")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _kind(text: str, kb: KnowledgeBase) -> str:
    return route(text, kb).scope.kind


def test_the_report_itself_is_unknown(kb: KnowledgeBase) -> None:
    assert _kind(UNPLACED, kb) == "unknown"


@pytest.mark.parametrize("release", [
    "We are on S/4HANA 2021 FPS02.",
    "System: ECC 6.0 EHP8 on Oracle 19c, kernel 7.89.",
    "Our landscape runs SAP NetWeaver 7.52 SP1 and Solution Manager 7.2 SP9.",
    "Release 750 SP 4 (SAP_BASIS 750).",
    # the environment as key: value, with the crypto library's version
    "System: S/4HANA 2022, Kernel: 793 PL 100, CommonCryptoLib 8.5.50",
    "Environment: NetWeaver 7.50 SP22 / SAPCRYPTOLIB 5.555.38 / kernel 753 patch 1100",
])
def test_a_release_line_places_no_call_in_an_abap_system(kb: KnowledgeBase, release: str) -> None:
    """The release the poster runs, on its own line, is no word of the failed call."""
    assert _kind(f"{UNPLACED}\n{release}\n", kb) == "unknown"
    assert _kind(f"{release}\n{UNPLACED}\n", kb) == "unknown"


@pytest.mark.parametrize("placed", [
    "Our ECC 6.0 system calls the partner portal's upload service every night.",
    "The upload is sent from S/4HANA 2021 to the partner portal.",
    "We are on S/4HANA 2021 FPS02 and the call is made from a report in SE38.",
    "The upload to the partner portal runs its TLS connection over CommonCryptoLib 8.5.50.",
])
def test_a_release_in_the_sentence_of_the_call_still_places_it(kb: KnowledgeBase, placed: str) -> None:
    """Named as the system that calls, the release is the caller's name."""
    assert names_an_abap_system(placed.lower())
    assert _kind(f"{UNPLACED}\n{placed}\n", kb) == "sap_http_client"


@pytest.mark.parametrize("quoted", [
    "> Did you check STRUST?\n\n",
    "> Which SSL client PSE does the SM59\n> destination use, and is the ICM running?\n\nNo idea. ",
    "Quoting the answer from yesterday:\n> did you look at the certificate in STRUST?\n",
])
def test_a_quoted_question_of_someone_else_is_not_the_report(kb: KnowledgeBase, quoted: str) -> None:
    """The expert's question names the ABAP side; the reporter's own words do not."""
    assert _kind(quoted + UNPLACED, kb) == "unknown"


def test_a_quoted_error_is_the_posters_own_paste(kb: KnowledgeBase) -> None:
    """A quote that asks nothing (an error set off as a quote, as issue trackers show it) stays."""
    text = ("The nightly upload to the partner portal stops and the log shows:\n"
            "> SSL handshake with portal.partner.invalid:443 failed: SSSLERR_PEER_CERT_UNTRUSTED (-102)\n"
            "We did not change anything on our side.")
    assert _kind(text, kb) == "sap_http_client"


def test_only_quoted_question_lines_are_blanked() -> None:
    text = ("> Did you check\n> STRUST?\nYes.\n> SSL handshake failed\n>> log line?\n"
            "Why does it fail?\n> Is it the proxy? I think so.\n")
    assert without_quoted_questions(text) == (
        "\n\nYes.\n> SSL handshake failed\n>> log line?\nWhy does it fail?\n> Is it the proxy? I think so.\n")


# A short report (16 words) the scope stage reads with the chat as its setting.
SHORT = "Since this morning every outbound call to the tax portal ends with a handshake error."
# A how-to question typed in the chat (33 words): no post, so rule 7 still holds.
HOW_TO = ("How can we make the outbound calls to the tax portal use TLS 1.2 only, and which parameter do we need "
          "to change for that in the SSL client settings of the system?")
COURTESY = [
    ("Hi experts,\n", ""),
    ("Dear all,\n", "\nThanks in advance.\nRegards,\nPriya"),
    ("URGENT!! please help\n", ""),
    ("", "\nAny help would be appreciated, please help!"),
    ("Hello SAP gurus!\n", "\nMany thanks for your help.\nBest regards,\nJohn Smith"),
]


@pytest.mark.parametrize(("before", "after"), COURTESY)
def test_courtesy_does_not_make_a_short_report_long(kb: KnowledgeBase, before: str, after: str) -> None:
    """Rule 7's length counts the report's own words: the situation holds with courtesy around it."""
    plain = route(SHORT, kb).scope
    assert plain.kind == "sap_http_client"
    polite = route(before + SHORT + after, kb).scope
    assert (polite.kind, polite.reason) == (plain.kind, plain.reason)


@pytest.mark.parametrize(("before", "after"), COURTESY)
def test_courtesy_does_not_make_a_chat_question_a_post(kb: KnowledgeBase, before: str, after: str) -> None:
    """nofailure's POST_WORDS counts the question's own words."""
    plain = route(HOW_TO, kb).scope
    polite = route(before + HOW_TO + after, kb).scope
    assert (polite.kind, polite.reason) == (plain.kind, plain.reason)


def test_own_words_counts_without_courtesy() -> None:
    text = "Hi experts,\nthe call fails with a handshake error\nThanks in advance.\nKind regards,\nPriya Sharma\n"
    assert own_words(text, 20) == 7
    assert own_words("Hello world program fails here, thanks to the new kernel", 20) == 10
    long = "word " * 100
    assert own_words("Hi all,\n" + long, 20) > 20


# A post about no call at all (a launchpad's content), long and set in an SAP system.
OFF_TOPIC = ("After the upgrade of our S/4HANA system the tiles of the launchpad stay empty for all users and no "
             "app starts at all, in every client.")


@pytest.mark.parametrize("cited", [
    "https://community.sap.com/t5/technology-q-a/qaq-p/13571234",
    "Same as https://answers.sap.com/questions/13607305/tiles-empty.html, which is still open.",
])
def test_a_cited_page_is_no_word_of_a_connection(kb: KnowledgeBase, cited: str) -> None:
    """The post's own URL, or a thread it cites, names a page to read, not a call: 'https'
    in it does not make the post about a connection."""
    plain = route(OFF_TOPIC, kb).scope
    assert plain.kind == "unknown"
    for text in (f"{cited}\n{OFF_TOPIC}", f"{OFF_TOPIC}\n{cited}"):
        cited_scope = route(text, kb).scope
        assert (cited_scope.kind, cited_scope.reason) == (plain.kind, plain.reason)


def test_an_endpoint_url_still_speaks_of_a_connection(kb: KnowledgeBase) -> None:
    text = f"{OFF_TOPIC}\nThe tiles read their data from https://gateway.partner.invalid/odata/v2 ."
    assert route(text, kb).scope.reason != route(OFF_TOPIC, kb).scope.reason


@pytest.mark.parametrize(("written", "typed"), [
    # a product's cue with an article in it
    ("Right after login the browser shows 403 Forbidden although I created the HTTP service YZ_UPLOAD.",
     "Right after login the browser shows 403 Forbidden although I created teh HTTP service YZ_UPLOAD."),
    # a product said not to be used
    ("We do not use the Cloud Connector here. The Java application gets PKIX path building failed when it "
     "calls the partner's API.",
     "We do nto use teh Cloud Connector here. The Java application gets PKIX path building failed wehn it "
     "calls the partner's API."),
])
def test_common_words_with_two_letters_swapped_read_as_written(kb: KnowledgeBase, written: str, typed: str) -> None:
    plain, mistyped = route(written, kb).scope, route(typed, kb).scope
    assert (mistyped.kind, mistyped.reason) == (plain.kind, plain.reason)


def test_swapped_words_are_retyped_in_place_and_names_left_alone() -> None:
    text = "Teh call wiht nto.example.org to /teh/path failed, I should nto do TEH import. ont he"
    assert with_swapped_words_retyped(text) == (
        "The call with nto.example.org to /teh/path failed, I should not do THE import. ont he")



@pytest.mark.parametrize(("written", "typed"), [
    # a product's cue with an article in it
    ("Since Monday I get an error while accessing the cloud connector in the browser (no secure connection).",
     "Since Monday I get an error while accessing th cloud connector in the browser (no secure connection)."),
    # the server's own setting, said with "from"
    ("The portal answers: access is not allowed from remote clients, the server runs in local mode.",
     "The portal answers: access is not allowed frm remote clients, the server runs in local mode."),
])
def test_common_words_with_a_letter_dropped_read_as_written(kb: KnowledgeBase, written: str, typed: str) -> None:
    plain, mistyped = route(written, kb).scope, route(typed, kb).scope
    assert (mistyped.kind, mistyped.reason) == (plain.kind, plain.reason)


def test_dropped_letters_are_retyped_but_words_abbreviations_and_names_left_alone() -> None:
    text = "Th call frm whch host? TH, NT and he left. You wit. /frm/path frm.example.org"
    assert with_swapped_words_retyped(text) == "The call from which host? TH, NT and he left. You wit. /frm/path frm.example.org"

WRAPPED = [
    # a Java runtime's own text (decisive), wrapped inside the phrase
    "Since the partner renewed its certificate our batch job fails with this: unable to find valid certification "
    "path to requested target, and nothing else changed on our side.",
    # a product named in two words
    "I am getting an error while accessing the cloud connector administration page in the browser: the "
    "connection is not secure and the page does not open.",
]


@pytest.mark.parametrize("text", WRAPPED)
@pytest.mark.parametrize("width", [28, 41, 60])
def test_a_line_wrapped_inside_a_sentence_reads_as_the_sentence(kb: KnowledgeBase, text: str, width: int) -> None:
    """A mail's or an editor's wrap splits a phrase over two lines; the phrase is still there."""
    plain, wrapped = route(text, kb).scope, route(textwrap.fill(text, width=width), kb).scope
    assert (wrapped.kind, wrapped.reason) == (plain.kind, plain.reason)


CAPITAL_LED = ("Our BTP app calls the backend through the Cloud Connector with Principal Propagation enabled, and "
               "every request since Friday ends in an error page, although the technical user works fine for the same "
               "service.")


def test_a_wrap_before_a_capital_in_a_filled_text_reads_as_the_sentence(kb: KnowledgeBase) -> None:
    """A wrap that splits "Principal\\nPropagation" at any width a mail or an editor fills to is still the phrase."""
    plain = route(CAPITAL_LED, kb).scope
    moved = [width for width in WRAP_WIDTHS
             if (lambda s: (s.kind, s.reason))(route(textwrap.fill(CAPITAL_LED, width=width), kb).scope)
             != (plain.kind, plain.reason)]
    assert moved == []


def test_a_break_before_a_capital_is_soft_only_where_the_next_word_did_not_fit() -> None:
    filled = ("The first line of this paragraph is filled right up to the\n"
              "Width and so is the second one, filled up to its very end,\n"
              "Then a short line\n"
              "Ends here.\n")
    assert without_soft_wraps(filled) == filled.replace("the\nWidth", "the Width").replace("end,\nThen", "end, Then")
    log = ("2024-03-11 10:15:02,114 INFO  [main] Loading configuration from config app\n"
           "2024-03-11 10:15:02,391 INFO  [main] Job scheduler initialised with 4 workers\n"
           "The call failed with\nSSL handshake error\n")
    assert without_soft_wraps(log) == log  # lines alike in length, but ending in values: no wrap
    short = "Symptom\nThe page does not open\nCause\nUnknown\n"
    assert without_soft_wraps(short) == short


def test_only_a_wrap_after_a_word_before_a_small_letter_is_soft() -> None:
    text = "unable\nto find it.\nnext line\nStatus: 500\nerror:\nfoo\n  indented"
    assert without_soft_wraps(text) == "unable to find it.\nnext line\nStatus: 500\nerror:\nfoo\n  indented"


@pytest.mark.parametrize("courtesy", ["good morning", "Hi experts,", "Thanks in advance.\nRegards,\nPriya"])
def test_courtesy_alone_points_to_no_cause(kb: KnowledgeBase, courtesy: str) -> None:
    """'morning' is no word of an expiring certificate, 'help' none of a redirect loop."""
    assert route(courtesy, kb).causes == []


def test_no_keyword_is_read_from_courtesy(kb: KnowledgeBase) -> None:
    from assistant.intent.kbindex import index_for
    from assistant.intent.parsing import parse_text

    text = ("Hi experts,\nthe restart of the ICM did not help.\nAny help would be appreciated, please help!\n"
            "Kind regards,\nPriya")
    words = parse_text(text, kb, index_for(kb)).weights
    assert "help" in words  # "did not help" is the report's own
    assert not {"expert", "appreciat", "priya", "regard"} & set(words)
    plea = parse_text("The ICM restart was done.\nPlease help!", kb, index_for(kb)).weights
    assert "help" not in plea


def test_no_keyword_is_read_from_a_release_line(kb: KnowledgeBase) -> None:
    from assistant.intent.kbindex import index_for
    from assistant.intent.parsing import parse_text

    alone = parse_text(f"{SHORT}\nWe are on S/4HANA 2021 FPS02.\nSystem: ECC 6.0 EHP8.", kb, index_for(kb)).weights
    assert not {"hana", "fps02", "ecc", "ehp8"} & set(alone)
    environment = parse_text(f"{SHORT}\nSystem: S/4HANA 2022, Kernel: 793 PL 100, CommonCryptoLib 8.5.50",
                             kb, index_for(kb)).weights
    assert not {"hana", "kernel", "commoncryptolib"} & set(environment)
    calling = parse_text("Our S/4HANA 2021 system calls the tax portal.", kb, index_for(kb)).weights
    assert "hana" in calling  # named as the caller, the release is the report's own


ENVIRONMENT = "System: S/4HANA 2022, Kernel: 793 PL 100, CommonCryptoLib 8.5.50"


def test_an_environment_line_makes_no_post_about_a_connection(kb: KnowledgeBase) -> None:
    """The crypto library's name is a term of the base, "PL 100" three digits: on the line of
    the environment neither says the post is about a call."""
    plain = route(OFF_TOPIC, kb)
    dressed = route(f"{OFF_TOPIC}\n{ENVIRONMENT}\n", kb)
    assert (dressed.scope.kind, dressed.scope.reason) == (plain.scope.kind, plain.scope.reason)
    assert "crypto_lib_missing" not in {c.id for c in dressed.causes}
    assert dressed.entities.glossary  # the term is still named (the answer may explain it)


def test_a_crypto_library_named_in_the_failure_still_counts(kb: KnowledgeBase) -> None:
    routed = route("Since the kernel patch the ICM cannot load CommonCryptoLib 8.5.50 and every HTTPS call fails.", kb)
    assert routed.causes[0].id == "crypto_lib_missing"
