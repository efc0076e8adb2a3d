"""The PI/PO message monitor's error XML and the web service runtime's lines (SOAMANAGER's
ping, SRT_UTIL's log) are quoted as their screens show them: the SAP:Stack text with its
XML escapes read (&lt; &amp; …), the runtime's line whole; never a sentence that only
names them. On the bundled base, through the answer as `ask` shows it."""

from __future__ import annotations

import pytest

from assistant.intent.screenwords import MAX_CHARS, screen_words
from assistant.kb.knowledge_base import KnowledgeBase
from assistant.kb.load import load_kb
from assistant.services.answering import answer_question


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(use_cache=False).kb


TIMEOUT = "Error while sending by HTTP (error code: 402, error text: ICM_HTTP_TIMEOUT)"
MONITOR_XML = f"""\
<SAP:Error xmlns:SAP="http://sap.com/xi/XI/Message/30">
  <SAP:Category>XIServer</SAP:Category>
  <SAP:Code area="INTERNAL">CLIENT_SEND_FAILED</SAP:Code>
  <SAP:P1>402</SAP:P1>
  <SAP:P2>ICM_HTTP_TIMEOUT</SAP:P2>
  <SAP:P3 />
  <SAP:P4 />
  <SAP:AdditionalText />
  <SAP:Stack>{TIMEOUT}</SAP:Stack>
  <SAP:Retry>M</SAP:Retry>
</SAP:Error>"""
# The same error copied from a page that shows the XML as text: brackets and quotes escaped,
# the URL's "&" escaped twice over.
ESCAPED = (
    "&lt;SAP:Code area=&quot;INTERNAL&quot;&gt;CLIENT_SEND_FAILED&lt;/SAP:Code&gt;&lt;SAP:P1&gt;402"
    "&lt;/SAP:P1&gt;&lt;SAP:Stack&gt;Error while sending by HTTP (error code: 402 , error text: "
    "ICM_HTTP_TIMEOUT) (URL: http://po.example.com:50000/MessageServlet?channel=CC_SOAP&amp;version=3.0)"
    "&lt;/SAP:Stack&gt;"
)


def test_the_monitors_stack_is_quoted_as_the_screen_shows_it() -> None:
    assert [(w.label, w.text) for w in screen_words(MONITOR_XML)] == [("monitor_error", TIMEOUT)]
    (words,) = screen_words(ESCAPED)
    assert words.text.startswith("Error while sending by HTTP (error code: 402 ,")
    assert "channel=CC_SOAP&version=3.0" in words.text and "&amp;" not in words.text


def test_a_long_stack_is_cut_at_a_word_not_dropped() -> None:
    said = "HTTP response contains status code 500 with the description Internal Server Error " * 4
    (words,) = screen_words(f"<SAP:Stack>{said}</SAP:Stack>")
    assert MAX_CHARS - 20 < len(words.text) <= MAX_CHARS
    assert said.startswith(words.text + " ")


@pytest.mark.parametrize(
    "line",
    [
        "SRT Framework exception: ICF Error when receiving the response: ICM_HTTP_SSL_ERROR",
        "Web service ping failed (RC=405). Service Ping ERROR: Method not allowed",
        'SOAP:1.007 SRT: Unsupported xstream found: ("HTTP Code 404 : Not Found")',
    ],
)
def test_the_web_service_runtimes_line_is_quoted_whole(line: str) -> None:
    words = screen_words(f"Ping Web Service\n\t{line}\n")
    assert [(w.label, w.text) for w in words] == [("web_service_error", line)]


def test_a_sentence_naming_the_fields_is_no_screen() -> None:
    assert screen_words("the SAP:Stack field shows nothing and the SRT framework exception is gone") == ()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (MONITOR_XML, f"**The message monitor's error (SAP:Stack):** “{TIMEOUT}”"),
        (
            "Web service ping failed (RC=405). Service Ping ERROR: Method not allowed",
            "**The web service runtime said:** “Web service ping failed (RC=405). Service Ping ERROR: "
            "Method not allowed”",
        ),
    ],
)
def test_the_answers_verdict_quotes_the_screens_words(kb: KnowledgeBase, text: str, said: str) -> None:
    verdict = answer_question(text, kb).markdown.split("\n### ", 1)[0]
    assert said in verdict
