"""How a post is dressed up does not move its verdict (benchmarks/scope_invariance.py, round two).

Real posts reach the router with a word processor's non-breaking spaces and typographic
quotes, a mail's header above them, a log's INFO lines around the error, the environment
as ``key: value``, a forum tag in brackets. None of it says what failed. The phrasings are
invented."""

from __future__ import annotations

import pytest

from assistant.intent import Routed, route
from assistant.intent.failedcall import reports_a_failed_call
from assistant.intent.hyphenation import without_line_end_hyphens
from assistant.intent.typednegations import retyped_negations
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


def _scope(routed: Routed) -> tuple[str, str, str | None]:
    """The kind, its reason and the first message (not the top cause: a report of unknown scope
    may tie several causes, whose order any added word can change)."""
    return routed.scope.kind, routed.scope.reason, routed.messages[0].id if routed.messages else None


def _verdict(routed: Routed) -> tuple[str, str, str | None, str | None]:
    return (routed.scope.kind, routed.scope.reason, routed.messages[0].id if routed.messages else None,
            routed.causes[0].id if routed.causes else None)


REPORTS = [
    # a runtime's own error text, matched word by word
    "Our Java batch job stops with unable to find valid certification path to requested target since the "
    "partner renewed its certificate.",
    # a reason phrase quoted as the server's answer
    "The partner's service returns \"Not Found\" when the portal calls it after the login.",
    "Since Monday every call from our ABAP report to the tax portal ends with HTTP error 407 occured.",
]

SPACES = ["\u00a0", "\u202f", "\u2009", "\u3000"]


@pytest.mark.parametrize("space", SPACES, ids=["nbsp", "narrow-nbsp", "thin", "ideographic"])
@pytest.mark.parametrize("text", REPORTS)
def test_a_unicode_space_reads_as_a_space(kb: KnowledgeBase, text: str, space: str) -> None:
    """Text copied out of a word processor or a web page has non-breaking spaces between its words."""
    assert _verdict(route(text.replace(" ", space), kb)) == _verdict(route(text, kb))


@pytest.mark.parametrize(("opening", "closing"), [("\u201c", "\u201d"), ("\u201e", "\u201c"), ("\u2018", "\u2019")])
def test_typographic_quotes_read_as_straight_ones(kb: KnowledgeBase, opening: str, closing: str) -> None:
    """A word processor or a mail client writes “…” for "…": the quoted reason phrase is the same."""
    text = REPORTS[1]
    curly = text.replace('"', opening, 1).replace('"', closing, 1).replace("'", "\u2019")
    assert _verdict(route(curly, kb)) == _verdict(route(text, kb))


def test_typographic_quotes_are_given_back_as_typed() -> None:
    """The user is quoted with the marks they typed: the canonical text keeps an edit for each."""
    typed = "The portal says \u201cNot Found\u201d and it doesn\u2019t retry \u2018today\u2019."
    retyped = retyped_negations(typed)
    assert retyped.text == "The portal says \"Not Found\" and it does not retry 'today'."
    assert retyped.as_typed(0, len(retyped.text)) == typed
    start = retyped.text.index('"')
    assert retyped.as_typed(start, start + len('"Not Found"')) == "\u201cNot Found\u201d"


@pytest.mark.parametrize("text", [
    'The sync job logs: Get "https://inventory.partner.invalid/v2/items": x509: certificate signed by unknown '
    "authority\nand stops there.",
    "Our deploy pipeline fails with Error: Post https://login.partner.invalid/oauth/token: dial tcp: i/o timeout",
])
def test_a_tab_inside_a_line_reads_as_a_space(kb: KnowledgeBase, text: str) -> None:
    """A table pasted out of the SAP GUI or a terminal puts tabs between fields; indentation stays."""
    tabbed = "\n".join("\t" + line.replace(": ", ":\t") for line in text.splitlines())
    assert _verdict(route(tabbed, kb)) == _verdict(route(text, kb))


# A long report about a connection that nothing places in an ABAP system: unknown.
UNPLACED = ("Since the upgrade last weekend the nightly upload to the partner portal stops halfway and the job "
            "log only says that the transfer was interrupted. We did not change anything on our side and the "
            "partner says their side is fine.")
# A post about no call at all.
OFF_TOPIC = ("After the upgrade of our S/4HANA system the tiles of the launchpad stay empty for all users and no "
             "app starts at all, in every client.")

MAIL_HEADERS = [
    "From: Anna Berg <anna.berg@corp.invalid>\nSent: Monday, 4 March 2024 08:02\nTo: Basis Team "
    "<basis@corp.invalid>\nCc: SAP Competence Center\nSubject: RE: FW: upload problem\n\n",
    "Von: Jens Kraus\nGesendet: Montag, 4. März 2024 08:02\nAn: SAP Basis Betrieb\nBetreff: AW: Upload\n\n",
    "-----Original Message-----\nFrom: Basis Hotline <hotline@corp.invalid>\nDate: 2024-03-04 08:02\nTo: ABAP "
    "development\nSubject: Ticket 4711\n\n",
]


@pytest.mark.parametrize("header", MAIL_HEADERS)
def test_a_mail_header_names_people_not_the_failed_call(kb: KnowledgeBase, header: str) -> None:
    """Who sent a forwarded mail and to which team ("To: Basis Team") says nothing of which
    system made the call (RFC 5322's From/To/Cc/Date/Subject, Outlook's "Sent:")."""
    assert _scope(route(header + UNPLACED, kb)) == _scope(route(UNPLACED, kb))


def test_a_mail_headers_subject_is_the_posters_own_title(kb: KnowledgeBase) -> None:
    """The subject line is the report's own words: a failure named there still counts."""
    header = "From: Anna Berg\nTo: Basis Team\nSubject: RE: SM59 destination to the portal fails with SSL handshake error\n\n"
    assert route(header + UNPLACED, kb).scope.kind == "sap_http_client"


def test_a_to_line_in_the_report_is_no_mail_header(kb: KnowledgeBase) -> None:
    """One line that starts "To:" is no header block: only two header lines or more are one."""
    text = f"{UNPLACED}\nTo: reproduce it, run SE38 report ZUPLOAD in our ABAP system."
    assert route(text, kb).scope.kind == "sap_http_client"


LOG_LINES = ("2024-03-11 10:15:02,114 INFO  [main] Loading configuration from config/app.properties\n"
             "2024-03-11 10:15:04,550 INFO  [main] 1 job processed, next run at 11:15:00\n")
# A post that asks how and reports no failure (nofailure.py): a how-to, whatever log is around it.
HOW_TO_POST = ("We want to move the nightly upload to the partner portal from the old file share to the new "
               "cloud storage next month. Which settings of the job do we need to change for that, and is it "
               "possible to keep the old schedule and the same user for the transfer?")


@pytest.mark.parametrize("text", [UNPLACED, OFF_TOPIC, HOW_TO_POST])
def test_a_timestamps_digits_are_no_status(kb: KnowledgeBase, text: str) -> None:
    """The milliseconds of a log's timestamp ("10:15:02,114") are three digits, not a status:
    INFO lines around a post make it no post about a call."""
    assert _scope(route(LOG_LINES + text + "\n" + LOG_LINES, kb)) == _scope(route(text, kb))


def test_a_log_of_info_lines_reports_no_failed_call() -> None:
    assert not reports_a_failed_call(LOG_LINES)
    assert reports_a_failed_call(LOG_LINES + "2024-03-11 10:15:05,001 ERROR [main] HTTP 503 from the portal\n")


# Product names alone and no failed call (scopenames.py): unknown. The log around it is the
# program's own text, not the poster's language.
NAMES_ONLY = ("Hello, in the SAP Cloud Connector I want to add our second subaccount. The wizard shows the "
              "message that the subaccount name has invalid characters and the entry stays red, although we "
              "copied it from the cockpit of the BTP exactly as it is shown there.")
INFO_LOG = "".join(f"2024-03-11 10:15:0{i},{i}12 INFO  [worker-{i}] Loading configuration from config/app{i}.properties\n"
                   for i in range(1, 7))


def test_log_lines_do_not_make_a_post_less_english(kb: KnowledgeBase) -> None:
    assert route(NAMES_ONLY, kb).scope.kind == "unknown"
    assert _scope(route(INFO_LOG + NAMES_ONLY + "\n" + INFO_LOG, kb)) == _scope(route(NAMES_ONLY, kb))


# Not English: read by its words of a call alone (scopenames.py), and a timestamp's "550" is none.
GERMAN_NAMES_ONLY = "Beim cf deploy unserer App im BTP Trial bleibt alles stehen, es passiert seit gestern nichts mehr."


def test_a_timestamp_is_no_word_of_a_call_in_another_language(kb: KnowledgeBase) -> None:
    plain = route(GERMAN_NAMES_ONLY, kb)
    assert plain.scope.kind == "unknown"
    logged = route("2024-03-11 10:15:04,550 INFO  [main] deploy gestartet\n" + GERMAN_NAMES_ONLY, kb)
    assert _scope(logged) == _scope(plain)


@pytest.mark.parametrize(("typed", "read"), [
    ("the server certifi-\ncate expired", "the server certificate expired"),
    ("the hand-\nshake fails", "the handshake fails"),
    ("a client-\nside setting", "a client-side setting"),
    ("see below -\nnext line", "see below -\nnext line"),  # a dash after a space
    ("SAP-\nSystem", "SAP-\nSystem"),  # before a capital: a name's hyphen
])
def test_a_word_hyphenated_at_a_line_end_is_the_word(typed: str, read: str) -> None:
    assert without_line_end_hyphens(typed) == read


def test_a_report_copied_from_a_pdf_reads_as_typed(kb: KnowledgeBase) -> None:
    """A PDF viewer's copy keeps the typesetter's hyphens: "certifi-\\ncate" is "certificate"."""
    text = ("Since the partner renewed its certificate our batch job fails with this: unable to find valid "
            "certification path to requested target.")
    copied = text.replace("certification", "certifi-\ncation").replace("renewed its", "renewed\nits")
    assert _verdict(route(copied, kb)) == _verdict(route(text, kb))
